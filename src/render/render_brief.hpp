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

}  // namespace edgecalc
