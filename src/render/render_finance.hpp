#pragma once

// The report's money over time as text: present values, resale and depreciation, the fleet ramp
// and the cloud's dated price changes (empty when the steady model priced the options).

#include <string>
#include <vector>

#include "util/json_view.hpp"

namespace edgecalc {

// The "money over time" block of the table, or "" when finance.monthly is false.
std::string money_over_time_table(JsonView report);

// One line per fact of the block (how the options were priced, price changes), for Markdown
// and HTML.
// `flat`: each on one line, its parts joined by "; " (the table indents them on lines of their own).
std::vector<std::string> money_over_time_lines(JsonView report, bool flat = false);

// Per priced option: option, total, present value, resale, depreciation, peak month (money as
// text); empty when finance.monthly is false.
std::vector<std::vector<std::string>> money_over_time_rows(JsonView report);

// "edge breaks even at 14.2 months on discounted cash flow (8%/year)", or "" at 0%/year.
std::string discounted_break_even_text(JsonView report, const std::string& option);

}  // namespace edgecalc
