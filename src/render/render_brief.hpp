#pragma once

// `--brief`: a profile's report in at most 8 lines (verdict, why, totals, break-even, gates, the
// nearest switching value and the Monte Carlo's odds when computed); several profiles as one line
// each and a count of verdicts.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/json_view.hpp"

namespace edgecalc {

std::string brief_report(JsonView report, bool color);

std::string brief_reports(const std::vector<nlohmann::ordered_json>& reports, bool color);

// "9 profiles: 5 edge, 3 cloud, 1 hybrid, 0 none; 1 with a failing gate" (the HTML overview too).
std::string verdict_counts(const std::vector<nlohmann::ordered_json>& reports);

// Whether any of the report's gates fails.
bool gate_fails(JsonView report);

// "2 gates: 1 pass, 1 fail (max_total_cost)", or empty without gates.
std::string gates_text(JsonView report);

// The verdict's name, or "none" when every option is ruled out.
std::string verdict_of(JsonView report);

}  // namespace edgecalc
