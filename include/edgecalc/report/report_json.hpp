#pragma once

// Report stage: the pipeline's Report -> the versioned JSON report every renderer, diff and CI
// tool reads.

#include <nlohmann/json.hpp>

#include <edgecalc/decide/pipeline.hpp>

namespace edgecalc {

// The versioned JSON report (shape in docs/report.md), numbers at full precision.
nlohmann::ordered_json report_json(const Report& report);

// One object of a report's `gates` array: a budget gate or a diff gate, `at` where its field is
// written (1:1 for a flag).
nlohmann::ordered_json gate_json(const GateResult& gate, Position at = {});

}  // namespace edgecalc
