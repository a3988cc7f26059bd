#pragma once

// The `sensitivity` section of a JSON report as text (with a tornado of Unicode or ASCII bars)
// and as Markdown.

#include <string>

#include "util/json_view.hpp"

namespace edgecalc {

std::string sensitivity_table(JsonView report, bool ascii);
std::string sensitivity_markdown(JsonView report);

}  // namespace edgecalc
