#pragma once

// Sentences shared by the text renderers (table, Markdown), built from the JSON report.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace edgecalc {

// Three sentences on `option` ("edge" or "hybrid") against the cloud: the break-even month,
// the call volume and the fleet size at which the totals cross.
std::vector<std::string> break_even_sentences(const nlohmann::ordered_json& report, const std::string& option);

// "1 box", "20 instances", "2,000 kiosks", or "-" for pay-per-use.
std::string units_text(const nlohmann::ordered_json& option);

// A duration in milliseconds from the report ("180 ms", "7.56 min"), or "-" when null.
std::string latency_text(const nlohmann::ordered_json& ms);

}  // namespace edgecalc
