// The `sensitivity` section as text: the switching values with their reasons, the margin, and a
// tornado of horizontal bars (Unicode blocks, or ASCII). And the same as Markdown tables.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "util/escape.hpp"
#include "render/render_sensitivity.hpp"

#include "render/chart.hpp"
#include "util/format.hpp"
#include "util/json_util.hpp"

namespace edgecalc {

namespace {

constexpr std::size_t k_tornado_rows = 10;
constexpr std::size_t k_bar_width = 24;

struct Context {
  JsonView report;
  std::string currency;
  std::string value(JsonView field, JsonView v) const { return field_value_text(num(v), str(field["unit"]), report); }
};

Context context_of(JsonView report) { return Context{report, str(report["currency"])}; }

// "5.27 s -> cloud (-34%)" or "-".
std::string switch_text(const Context& c, JsonView f, const char* side) {
  const JsonView s = f[side];
  if (!s.is_object()) return "-";
  const double v = num(f["value"]), at = num(s["value"]);
  const std::string move = v > 0 ? fmt::format(" ({}{})", at < v ? "-" : "+", format_percent(std::abs(at - v) / v)) : "";
  return fmt::format("{} -> {}{}", switch_value_text(c.report, f, side), str(s["verdict"]), move);
}

// A value in its unit, rounded `r`, as --set reads it (see switch_value_text).
std::string settable_text(double v, const std::string& unit, JsonView report, Rounding r) {
  const std::string currency = str(report["currency"]);
  const auto money = [&](double x) { return format_money_plain(x, currency, r); };
  if (unit == "s") return format_duration(v, r);
  if (unit == "1/s") return format_rate(v, num(report["hours_per_month"]) * 3600, r);
  if (unit == "B") return format_bytes(v, r);
  if (unit == "B/s") return format_bytes(v, r) + "/s";
  if (unit == "W") return format_plain(v, r) + "W";  // "34kW"
  if (unit == "J") return format_plain(v, r) + "J";
  if (unit == "fraction") return format_percent(v, r);
  if (unit == "1/year") return format_percent(v, r) + "/year";
  if (unit == currency || unit.starts_with(currency + "/1")) return money(v);  // per 1k or 1M tokens: the field names it
  if (unit.starts_with(currency + "/")) return money(v) + unit.substr(currency.size());
  return format_plain(v, r);
}

std::vector<JsonView> flipping(JsonView s) {
  std::vector<JsonView> out;
  for (JsonView f : s["fields"])
    if (f["switch_below"].is_object() || f["switch_above"].is_object()) out.push_back(f);
  std::stable_sort(out.begin(), out.end(), [](JsonView a, JsonView b) {
    const auto ra = opt(a["margin_ratio"]), rb = opt(b["margin_ratio"]);
    return ra.value_or(INFINITY) < rb.value_or(INFINITY);
  });
  return out;
}

std::vector<JsonView> by_swing(JsonView s) {
  std::vector<JsonView> out;
  for (JsonView f : s["fields"])
    if (num(f["swing"]) > 0) out.push_back(f);
  std::stable_sort(out.begin(), out.end(), [](JsonView a, JsonView b) { return num(a["swing"]) > num(b["swing"]); });
  if (out.size() > k_tornado_rows) out.erase(out.begin() + k_tornado_rows, out.end());
  return out;
}

std::string money(const Context& c, double v) { return format_money(v, c.currency, MoneyStyle::compact); }

// " (flips at 5.27 s)" when a switching value lies between the tornado's low and high values.
std::string flips_inside(const Context& c, JsonView f) {
  std::string out;
  for (const char* side : {"switch_below", "switch_above"})
    if (const JsonView sw = f[side]; sw.is_object() && num(sw["value"]) >= num(f["low"]) && num(sw["value"]) <= num(f["high"]))
      out += fmt::format(" (flips to {} at {})", str(sw["verdict"]), switch_value_text(c.report, f, side));
  return out;
}

}  // namespace

std::string field_value_text(double v, const std::string& unit, JsonView report) {
  const std::string currency = str(report["currency"]);
  if (unit == "s") return format_duration(v);
  if (unit == "1/s") return format_rate(v, num(report["hours_per_month"]) * 3600);
  if (unit == "B") return format_bytes(v);
  if (unit == "B/s") return format_bytes(v) + "/s";
  if (unit == "W" || unit == "J") return format_si(v, unit);
  if (unit == "fraction") return format_percent(v);
  if (unit == "1/year") return format_percent(v) + "/year";
  if (unit == currency) return format_unit_price(v, currency);
  if (unit.starts_with(currency + "/")) return format_unit_price(v, currency) + unit.substr(currency.size());
  return format_count(v);  // counts, tokens, plain numbers
}

std::string switch_value_text(JsonView report, JsonView field, std::string_view side) {
  const Rounding r = side == "switch_below" ? Rounding::down : Rounding::up;
  const double v = num(field[side]["value"]);
  if (str(field["field"]) != "connectivity.rtt") return settable_text(v, str(field["unit"]), report, r);
  // The round trip is typical..p95; a switch moves the typical value and scales the p95 with it.
  const JsonView rtt = report["network"]["rtt_ms"];
  const double ratio = num(rtt["low"]) > 0 ? num(rtt["high"]) / num(rtt["low"]) : 1;
  return settable_text(v, "s", report, r) + ".." + settable_text(v * ratio, "s", report, r);
}

std::string sensitivity_table(JsonView report, bool ascii) {
  const JsonView s = report["sensitivity"];
  const Context c = context_of(report);
  std::string out = "\nwhat flips the verdict\n";
  const std::string span = format_count(num(s["search_span"]));
  const std::vector<JsonView> flips = flipping(s);
  const std::string verdict = str(s["verdict"]).empty() ? "none" : str(s["verdict"]);
  if (const auto m = opt(s["min_margin_ratio"]))
    out += fmt::format("  margin: the verdict ({}) holds while every field stays within {} of today's value; {} is the "
                       "nearest\n",
                       verdict, format_percent(*m), str(s["min_margin_field"]));
  else
    out += fmt::format("  margin: no field flips the verdict ({}) between 1/{}x and {}x of its value\n", verdict, span,
                       span);
  if (!flips.empty()) {
    out += fmt::format("  {:<38} {:<14} {:<24} {}\n", "field", "today", "flips below", "flips above");
    for (JsonView f : flips)
      out += fmt::format("  {:<38} {:<14} {:<24} {}\n", str(f["field"]), c.value(f, f["value"]),
                         switch_text(c, f, "switch_below"), switch_text(c, f, "switch_above"));
    out += "  why:\n";
    for (JsonView f : flips)
      for (const char* side : {"switch_below", "switch_above"})
        if (const JsonView sw = f[side]; sw.is_object())
          out += fmt::format("    {} {} {}: {}\n", str(f["field"]), std::string(side) == "switch_below" ? "<" : ">",
                             switch_value_text(report, f, side), str(sw["reason"]));
  }
  const std::size_t still = s["fields"].size() - flips.size();
  out += fmt::format("  {} of {} fields do not flip it between 1/{}x and {}x (fields at 0 are not searched, except shares)\n",
                     still, s["fields"].size(), span, span);
  const std::vector<JsonView> rows = by_swing(s);
  if (rows.empty() || str(s["compared_with"]).empty()) return out;
  const JsonView t = s["tornado_factors"];
  out += fmt::format("\ntornado: {} total minus {} total at x{} and x{} of each field (below 0: {} is cheaper)\n",
                     str(s["verdict"]), str(s["compared_with"]), format_count(num(t["low"])), format_count(num(t["high"])),
                     str(s["verdict"]));
  double lo = std::min(0.0, num(s["margin"])), hi = std::max(0.0, num(s["margin"]));
  for (JsonView f : rows) {
    lo = std::min({lo, num(f["margin_low"]), num(f["margin_high"])});
    hi = std::max({hi, num(f["margin_low"]), num(f["margin_high"])});
  }
  if (hi <= lo) hi = lo + 1;
  out += fmt::format("  {:<32} {:<{}} {}\n", "", money(c, lo) + " .. " + money(c, hi), k_bar_width, "low -> high");
  bool ranged = false;
  for (JsonView f : rows) {
    const bool range = str(f["tornado_from"]) == "range";
    ranged = ranged || range;
    out += fmt::format("  {:<32} {} {} {} .. {} {}{}\n", str(f["field"]) + (range ? "*" : ""),
                       draw_span_bar(num(f["margin_low"]), num(f["margin_high"]), lo, hi, k_bar_width, ascii), c.value(f, f["low"]),
                       money(c, num(f["margin_low"])), c.value(f, f["high"]), money(c, num(f["margin_high"])),
                       flips_inside(c, f));
  }
  if (ranged) out += "  * at the ends of the profile's range for the field (its 90% interval, or its bounds)\n";
  return out;
}

std::string sensitivity_markdown(JsonView report) {
  const JsonView s = report["sensitivity"];
  const Context c = context_of(report);
  std::string out = "\n#### What flips the verdict\n\n";
  if (const auto m = opt(s["min_margin_ratio"]))
    out += fmt::format("The verdict ({}) holds while every field stays within {} of today's value; {} is the nearest.\n\n",
                       md_text(str(s["verdict"])), format_percent(*m), md_code(str(s["min_margin_field"])));
  const std::vector<JsonView> flips = flipping(s);
  if (!flips.empty()) {
    out += "| field | today | flips below | flips above | why |\n| --- | --- | --- | --- | --- |\n";
    for (JsonView f : flips) {
      std::string why;
      for (const char* side : {"switch_below", "switch_above"})
        if (const JsonView sw = f[side]; sw.is_object()) why += fmt::format("{}{}", why.empty() ? "" : "; ", str(sw["reason"]));
      out += fmt::format("| {} | {} | {} | {} | {} |\n", md_code(str(f["field"]), true), md_text(c.value(f, f["value"])),
                         md_text(switch_text(c, f, "switch_below")), md_text(switch_text(c, f, "switch_above")), md_text(why));
    }
  }
  const std::vector<JsonView> rows = by_swing(s);
  if (rows.empty()) return out;
  out += fmt::format("\n{} total minus {} total at each field's low and high value:\n\n", md_text(str(s["verdict"])),
                     md_text(str(s["compared_with"])));
  out += "| field | low | margin at low | high | margin at high | swing |\n| --- | --- | --- | --- | --- | --- |\n";
  for (JsonView f : rows)
    out += fmt::format("| {}{} | {} | {} | {} | {} | {} |\n", md_code(str(f["field"]), true),
                       str(f["tornado_from"]) == "range" ? " (its range)" : "", md_text(c.value(f, f["low"])),
                       md_text(money(c, num(f["margin_low"]))), md_text(c.value(f, f["high"])),
                       md_text(money(c, num(f["margin_high"]))), md_text(money(c, num(f["swing"]))));
  return out;
}

}  // namespace edgecalc
