#pragma once

// Report stage: the pipeline's Report -> the versioned JSON report every renderer, diff and CI
// tool reads.

#include <nlohmann/json.hpp>

#include <edgecalc/decide/pipeline.hpp>

namespace edgecalc {

// The versioned JSON report (shape in docs/report.md), numbers at full precision.
nlohmann::ordered_json report_json(const Report& report);

}  // namespace edgecalc
