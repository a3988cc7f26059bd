#pragma once

// The `uncertainty` section of a JSON report (Monte Carlo) as text and as Markdown.

#include <string>

#include "util/json_view.hpp"

namespace edgecalc {

std::string uncertainty_table(JsonView report, bool ascii);
std::string uncertainty_markdown(JsonView report);

}  // namespace edgecalc
