#pragma once

// The `sensitivity` section of a JSON report as text (with a tornado of Unicode or ASCII bars)
// and as Markdown.

#include <string>

#include "util/json_view.hpp"

namespace edgecalc {

// A field's value in its base unit (a report's `unit`: "s", "1/s", "USD/month", "fraction" ...)
// for people: "5.27 s", "150/day", "$20.00/month", "60%".
std::string field_value_text(double value, const std::string& unit, JsonView report);

std::string sensitivity_table(JsonView report, bool ascii);
std::string sensitivity_markdown(JsonView report);

}  // namespace edgecalc
