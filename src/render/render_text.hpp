#pragma once

// Sentences shared by the text renderers (table, Markdown), built from the JSON report.

#include <string>
#include <vector>

#include "util/format.hpp"
#include "util/json_view.hpp"

namespace edgecalc {

// Break-even months past this (a century) read "never in practice".
inline constexpr double k_never_in_practice_months = 1200;

// Three sentences on `option` ("edge" or "hybrid") against the cloud: the break-even month,
// the call volume and the fleet size at which the totals cross.
std::vector<std::string> break_even_sentences(JsonView report, const std::string& option);

// The highest peak rate `option`'s units carry within the latency budget, against today's:
// "1 box keeps p95 within 20 s up to 0.475 calls/s at the peak: 1.71x today's 0.278, headroom
// 41.5%; up to 68 engineers"; empty when the option has no goodput (a cloud API).
std::string goodput_sentence(JsonView report, const std::string& option);

// A rented instance's tier and what it does: "rented spot at $1.49/h: reclaims take 0.826% of
// each instance's time, 0.00231% of calls run again"; empty for other prices.
std::string rental_sentence(JsonView report, JsonView option);

// Each priced option's energy and carbon per call, as a block of the table; "" when no option
// has an energy figure (an older report).
std::string energy_table(JsonView report);
// One device's battery life under each option, as a block of the table; "" without battery:.
std::string battery_table(JsonView report);

// "1 box", "20 instances", "2,000 kiosks", or "-" for pay-per-use.
std::string units_text(JsonView option);

// The money style of a report's cost tables, from its largest amount.
MoneyStyle money_style_of(JsonView report);

// A duration in milliseconds from the report ("180 ms", "7.56 min"), or "-" when null.
std::string latency_text(JsonView ms);

}  // namespace edgecalc
