#pragma once

// Report stage: the pipeline's Report -> the versioned JSON report every renderer, diff and CI
// tool reads.

#include <nlohmann/json.hpp>

#include <edgecalc/decide/pipeline.hpp>

namespace edgecalc {

// The versioned JSON report (shape in docs/report.md), numbers at full precision.
nlohmann::ordered_json report_json(const Report& report);

// Where `field` was written; the profile's first line (1:1) when it was not written (a default)
// or came from the command line.
Position position_of(const Profile& profile, std::string_view field);

// One object of a report's `gates` array: a budget gate or a diff gate, `at` where its field is
// written (1:1 for a flag).
nlohmann::ordered_json gate_json(const GateResult& gate, Position at = {});

}  // namespace edgecalc
