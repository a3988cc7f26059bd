#include "render/render_finance.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "util/format.hpp"

namespace edgecalc {

namespace {

double num(JsonView v) { return v.number(); }

// "8%/year discount, resale market, fleet 1,000 -> 50,000 over 12 months (line)"
std::string how_priced(JsonView r) {
  const JsonView f = r["finance"];
  std::vector<std::string> parts;
  parts.push_back(fmt::format("discount {}/year", format_percent(num(f["discount_rate"]))));
  parts.push_back(fmt::format("resale {}", f["residual"].text()));
  if (const JsonView ramp = f["ramp"]; ramp.is_object()) {
    const std::string unit = r["workload"]["fleet_unit"].text();
    const std::string size = format_count(num(r["workload"]["fleet_size"]));
    if (ramp["shape"].text() == "list") {
      std::vector<std::string> points;
      for (JsonView p : ramp["sizes"]) points.push_back(fmt::format("{} from month {}", format_count(num(p["size"])), format_count(num(p["month"]))));
      parts.push_back(fmt::format("fleet {} {}", unit, fmt::join(points, ", ")));
    } else {
      parts.push_back(fmt::format("fleet {} -> {} {} over {}{}", format_count(num(ramp["start"])), size, unit,
                                  format_months(num(ramp["over_months"])),
                                  ramp["shape"].text() == "steps"
                                      ? fmt::format(" in steps every {}", format_months(num(ramp["every_months"])))
                                      : std::string(" (a line)")));
    }
  }
  if (const double trend = num(f["price_trend_per_year"]); trend != 0)
    parts.push_back(fmt::format("cloud rates {}{}/year", trend > 0 ? "+" : "-", format_percent(std::abs(trend))));
  return fmt::format("{}", fmt::join(parts, "\n    "));
}

std::string change_line(JsonView c) {
  const double change = num(c["change"]);
  std::string line = fmt::format("month {} ({}): cloud rates {}{}", format_count(std::ceil(num(c["at_month"]) - 1e-9)),
                                 c["when"].text(), change >= 0 ? "+" : "-", format_percent(std::abs(change)));
  if (!c["note"].text().empty()) line += ", " + c["note"].text();
  if (c["source"].is_string()) line += fmt::format(" ({})", c["source"].text());
  return line;
}

}  // namespace

std::vector<std::string> money_over_time_lines(JsonView r, bool flat) {
  std::vector<std::string> out;
  if (!r["finance"]["monthly"].flag()) return out;
  std::string how = how_priced(r);
  if (flat)
    for (std::size_t at = how.find("\n    "); at != std::string::npos; at = how.find("\n    ", at)) how.replace(at, 5, "; ");
  out.push_back((flat ? "priced month by month: " : "priced month by month:\n    ") + how);
  for (JsonView c : r["finance"]["price_changes"]) out.push_back(change_line(c));
  return out;
}

std::vector<std::vector<std::string>> money_over_time_rows(JsonView r) {
  std::vector<std::vector<std::string>> rows;
  if (!r["finance"]["monthly"].flag()) return rows;
  const std::string cur = r["currency"].text();
  constexpr const char* k_keys[] = {"total_cost", "present_value", "resale", "depreciation", "peak_monthly_cost"};
  double largest = 0;
  for (const char* name : {"cloud", "edge", "hybrid"})
    for (const char* key : k_keys)
      if (const JsonView v = r["options"][name][key]; v.is_number()) largest = std::max(largest, std::abs(num(v)));
  const MoneyStyle style = money_style_for(largest);
  for (const char* name : {"cloud", "edge", "hybrid"}) {
    const JsonView o = r["options"][name];
    if (!o["present_value"].is_number()) continue;
    std::vector<std::string> row{name};
    for (const char* key : k_keys) row.push_back(format_money(num(o[key]), cur, style));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string money_over_time_table(JsonView r) {
  const std::vector<std::string> lines = money_over_time_lines(r);
  if (lines.empty()) return "";
  std::string out = "\nmoney over time\n";
  for (const std::string& line : lines) out += "  " + line + "\n";
  out += fmt::format("  {:<8}{:>16}{:>16}{:>14}{:>15}{:>14}\n", "option", "total", "present value", "resale",
                     "depreciation", "peak month");
  for (const auto& row : money_over_time_rows(r))
    out += fmt::format("  {:<8}{:>16}{:>16}{:>14}{:>15}{:>14}\n", row[0], row[1], row[2], row[3], row[4], row[5]);
  return out;
}

std::string discounted_break_even_text(JsonView r, const std::string& option) {
  const double rate = num(r["finance"]["discount_rate"]);
  const JsonView be = r["break_even"][option + "_vs_cloud"];
  if (!(rate > 0) || !be.is_object()) return "";
  const JsonView month = be["discounted_month"];
  const std::string on = fmt::format("on discounted cash flow ({}/year)", format_percent(rate));
  return month.is_number() ? fmt::format("{} pays for itself after {} {}", option, format_months(num(month)), on)
                           : fmt::format("{} does not pay for itself within the horizon {}", option, on);
}

}  // namespace edgecalc
