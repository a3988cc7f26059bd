#pragma once

// The cumulative cost chart of the table report: each option's cost from month 0 to the horizon
// (a little past it when break-even falls just outside), the break-even months marked.

#include <string>

#include <edgecalc/render/render.hpp>

#include "render/chart.hpp"

#include "util/json_view.hpp"

namespace edgecalc {

// The chart's data: a line per priced option (the verdict's last), the break-even marks.
LineChart cost_line_chart(JsonView report);

// The chart's lines, each ending in a newline; empty when no option has costs over time.
std::string cost_chart(JsonView report, const RenderOptions& style);

}  // namespace edgecalc
