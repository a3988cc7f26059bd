#include "render/render_cost_chart.hpp"

#include <cmath>

#include <fmt/format.h>

#include "render/chart.hpp"
#include "util/format.hpp"
#include "util/json_util.hpp"

namespace edgecalc {

namespace {

// A break-even inside this many horizons stretches the chart to show it; later ones are words only.
constexpr double k_stretch_horizons = 3;

struct OptionLine {
  const char* name;
  char glyph;
};
constexpr OptionLine k_lines[] = {{"cloud", 'c'}, {"edge", 'e'}, {"hybrid", 'h'}};

}  // namespace

LineChart cost_line_chart(JsonView report) {
  const double horizon = num(report["horizon_months"]);
  LineChart chart;
  chart.x_unit = "month";
  chart.x_max = horizon;
  const std::string currency = str(report["currency"]);
  chart.title = fmt::format("cumulative cost, {}", currency);
  chart.y_text = [currency](double v) { return format_money(v, currency, MoneyStyle::compact); };
  for (const char* option : {"edge", "hybrid"}) {
    const JsonView be = report["break_even"][std::string(option) + "_vs_cloud"];
    const auto month = be.is_object() ? opt(be["month"]) : std::nullopt;
    if (!month || *month > k_stretch_horizons * horizon) continue;
    chart.marks.push_back(ChartMark{*month, fmt::format("{} breaks even at {}", option, format_months(*month))});
    chart.x_max = std::max(chart.x_max, std::ceil(*month * 1.15));
  }
  // The verdict's line is drawn last, on top.
  const std::string verdict = report["verdict"].is_string() ? str(report["verdict"]) : "";
  std::vector<ChartSeries> series;
  for (const OptionLine& l : k_lines) {
    const JsonView o = report["options"][l.name];
    if (o["cumulative"].empty()) continue;
    ChartSeries s{l.name, l.glyph, {}, {}};
    // month 0, 1, ...; the last value is at the horizon (which need not be a whole month)
    for (JsonView c : o["cumulative"]) {
      s.x.push_back(static_cast<double>(s.x.size()));
      s.y.push_back(num(c));
    }
    s.x.back() = horizon;
    if (chart.x_max > horizon) {  // past the horizon: the steady monthly cost, no replacements
      s.x.push_back(chart.x_max);
      s.y.push_back(s.y.back() + num(o["monthly_cost"]) * (chart.x_max - horizon));
    }
    if (l.name == verdict) series.push_back(std::move(s));
    else series.insert(series.begin(), std::move(s));
  }
  chart.series = std::move(series);
  return chart;
}

std::string cost_chart(JsonView report, const RenderOptions& style) {
  const LineChart chart = cost_line_chart(report);
  if (chart.series.empty()) return {};
  std::string out;
  for (const std::string& line : draw_line_chart(chart, ChartStyle{!style.ascii, style.color, 72, 16})) out += line + "\n";
  return out;
}

}  // namespace edgecalc
