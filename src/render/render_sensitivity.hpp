#pragma once

// The `sensitivity` section of a JSON report as text (with a tornado of Unicode or ASCII bars)
// and as Markdown.

#include <string>
#include <string_view>

#include "util/json_view.hpp"

namespace edgecalc {

// A field's value in its base unit (a report's `unit`: "s", "1/s", "USD/month", "fraction" ...)
// for people: "5.27 s", "150/day", "$20.00/month", "60%".
std::string field_value_text(double value, const std::string& unit, JsonView report);

// A switching value (`side` is "switch_below" or "switch_above" of a sensitivity field) as `--set
// FIELD=TEXT` reads it back: 3 significant digits rounded away from today's value, so the text lies
// where the verdict has flipped, and no digit separators ("232k", "$91.1k", "7.99 ms"; a round
// trip as its range, "10.9 s..43.6 s").
std::string switch_value_text(JsonView report, JsonView field, std::string_view side);

std::string sensitivity_table(JsonView report, bool ascii);
std::string sensitivity_markdown(JsonView report);

}  // namespace edgecalc
