// The `scan` section of a JSON report: one row per point (table, Markdown, CSV), or for two axes
// a verdict map with the first axis down and the second across.

#include <fmt/format.h>

#include "util/escape.hpp"
#include "render/render_scan.hpp"
#include "render/render_sensitivity.hpp"
#include "util/format.hpp"
#include "util/json_util.hpp"

namespace edgecalc {

namespace {

constexpr const char* k_option_names[] = {"cloud", "edge", "hybrid"};

// An axis value for people: numbers in the axis's unit, list values as written.
std::string axis_value(JsonView report, JsonView axis, JsonView v) {
  return v.is_string() ? str(v) : field_value_text(num(v), str(axis["unit"]), report);
}

std::string money_or_dash(JsonView report, JsonView v) {
  return v.is_number() ? format_money(num(v), str(report["currency"]), MoneyStyle::compact) : "-";
}

std::string point_values(JsonView report, JsonView scan, JsonView point) {
  std::string out;
  for (JsonView axis : scan["axes"]) {
    if (!out.empty()) out += ", ";
    out += axis_value(report, axis, point["values"][str(axis["field"])]);
  }
  return out;
}

std::string fired_list(JsonView point) {
  std::string out;
  for (JsonView r : point["fired"]) {
    if (!out.empty()) out += ' ';
    out += str(r);
  }
  return out.empty() ? "-" : out;
}

std::string title(JsonView scan) {
  std::string out;
  for (JsonView axis : scan["axes"]) {
    if (!out.empty()) out += " x ";
    out += fmt::format("{} ({}, {} values)", str(axis["field"]), str(axis["mode"]), axis["values"].size());
  }
  return out;
}

JsonView nth(JsonView array, std::size_t i) {
  for (JsonView v : array)
    if (i-- == 0) return v;
  return array;
}

// The verdict map of a two-axis scan: a letter per point (E edge, C cloud, H hybrid, - none).
std::string verdict_map(JsonView report, JsonView scan) {
  const JsonView rows = nth(scan["axes"], 0), cols = nth(scan["axes"], 1);
  const std::size_t n = cols["values"].size();
  std::string out = fmt::format("  {} down, {} across: E edge, C cloud, H hybrid, - none\n", str(rows["field"]),
                                str(cols["field"]));
  std::size_t k = 0;
  std::vector<JsonView> points;
  for (JsonView p : scan["points"]) points.push_back(p);
  for (JsonView r : rows["values"]) {
    std::string line;
    for (std::size_t c = 0; c < n && k < points.size(); ++c, ++k) {
      const std::string v = str(points[k]["verdict"]);
      line += v == "none" ? '-' : static_cast<char>(std::toupper(static_cast<unsigned char>(v[0])));
    }
    out += fmt::format("  {:>14} {}\n", axis_value(report, rows, r), line);
  }
  out += fmt::format("  {:>14} {} .. {}\n", "", axis_value(report, cols, nth(cols["values"], 0)),
                     axis_value(report, cols, nth(cols["values"], n - 1)));
  return out;
}

}  // namespace

std::string scan_table(JsonView report) {
  const JsonView scan = report["scan"];
  std::string out = fmt::format("\nscan: {}\n", title(scan));
  if (scan["axes"].size() == 2) return out + verdict_map(report, scan);
  out += fmt::format("  {:<2}{:<14} {:<7} {:>17} {:>17} {:>17}  {}\n", "", "value", "verdict", "cloud", "edge", "hybrid",
                     "rules fired");
  const auto cost = [&](JsonView p, const char* o) {
    return fmt::format("{} {:>7}", money_or_dash(report, p["totals"][o]), money_or_dash(report, p["monthly"][o]));
  };
  for (JsonView p : scan["points"])
    out += fmt::format("  {:<2}{:<14} {:<7} {:>17} {:>17} {:>17}  {}\n", p["changed"].flag() ? "*" : "",
                       point_values(report, scan, p), str(p["verdict"]), cost(p, "cloud"), cost(p, "edge"),
                       cost(p, "hybrid"), fired_list(p));
  out += "  each option: total over the horizon, then per month; * the verdict changes from the row above\n";
  return out;
}

std::string scan_markdown(JsonView report) {
  const JsonView scan = report["scan"];
  std::string out = fmt::format("\n#### Scan: {}\n\n", md_text(title(scan)));
  std::string head = "|", rule = "|";
  for (JsonView axis : scan["axes"]) head += fmt::format(" {} |", md_code(str(axis["field"]), true)), rule += " --- |";
  out += head + " verdict | cloud total | edge total | hybrid total | rules fired |\n" + rule +
         " --- | --- | --- | --- | --- |\n";
  for (JsonView p : scan["points"]) {
    std::string row = "|";
    for (JsonView axis : scan["axes"])
      row += fmt::format(" {} |", md_text(axis_value(report, axis, p["values"][str(axis["field"])])));
    const std::string bold = p["changed"].flag() ? "**" : "";
    out += fmt::format("{} {}{}{} | {} | {} | {} | {} |\n", row, bold, md_text(str(p["verdict"])), bold,
                       md_text(money_or_dash(report, p["totals"]["cloud"])), md_text(money_or_dash(report, p["totals"]["edge"])),
                       md_text(money_or_dash(report, p["totals"]["hybrid"])), md_text(fired_list(p)));
  }
  return out;
}

std::string scan_csv(const std::vector<nlohmann::ordered_json>& reports) {
  std::string out;
  bool header = false;
  for (const nlohmann::ordered_json& json : reports) {
    const JsonView report(json);
    const JsonView scan = report["scan"];
    if (!header) {
      out += "profile";
      for (JsonView axis : scan["axes"]) out += fmt::format(",{}", str(axis["field"]));
      out += ",verdict,changed";
      for (const char* o : k_option_names) out += fmt::format(",{}_total,{}_monthly", o, o);
      out += ",rules_fired\n";
      header = true;
    }
    for (JsonView p : scan["points"]) {
      out += csv_field(str(report["profile"]));
      for (JsonView axis : scan["axes"]) {
        const JsonView v = p["values"][str(axis["field"])];
        out += fmt::format(",{}", v.is_string() ? csv_field(str(v)) : fmt::format("{}", num(v)));
      }
      out += fmt::format(",{},{}", str(p["verdict"]), p["changed"].flag() ? "true" : "false");
      for (const char* o : k_option_names) {
        const auto t = opt(p["totals"][o]), m = opt(p["monthly"][o]);
        out += fmt::format(",{},{}", t ? fmt::format("{}", *t) : "", m ? fmt::format("{}", *m) : "");
      }
      out += fmt::format(",{}\n", csv_field(fired_list(p) == "-" ? "" : fired_list(p)));
    }
  }
  return out;
}


}  // namespace edgecalc
