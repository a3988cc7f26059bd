// "edge in 87% of 10,000 samples (+/- 0.3%); cloud 13%; ...", each option's costs as
// P50 [P10 - P90], and the inputs that drive the margin.

#include <algorithm>
#include <array>
#include <optional>

#include <fmt/format.h>

#include "util/escape.hpp"
#include "render/chart.hpp"
#include "render/render_sensitivity.hpp"
#include "render/render_uncertainty.hpp"
#include "util/format.hpp"
#include "util/json_util.hpp"

namespace edgecalc {

namespace {

constexpr const char* k_names[] = {"cloud", "edge", "hybrid"};

// "edge in 87% of 10,000 samples (+/- 0.3%); cloud 13%; hybrid 0% (blocked by x in 100%)"
std::string headline(JsonView u) {
  std::vector<std::pair<double, std::string>> parts;
  for (const char* name : k_names) {
    const JsonView o = u["options"][name];
    std::string blocked;
    if (o["total_cost"].is_object())  // an option that never applies is not blocked either
      for (const auto& [id, share] : o["blocked_share"].json().items())
      if (share.get<double>() > 0)
        blocked += fmt::format("{}{} in {}", blocked.empty() ? "" : ", ", id, format_percent(share.get<double>()));
    std::string text = fmt::format("{} {}", name, format_percent(num(o["p_verdict"])));
    if (!blocked.empty()) text += fmt::format(" (blocked by {})", blocked);
    parts.emplace_back(num(o["p_verdict"]), text);
  }
  std::stable_sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  const JsonView top = u["options"][parts[0].second.substr(0, parts[0].second.find(' '))];
  std::string out = fmt::format("{} in {} of {} samples (+/- {})", parts[0].second.substr(0, parts[0].second.find(' ')),
                                format_percent(num(top["p_verdict"])), format_count(num(u["samples"])),
                                format_percent(num(top["p_verdict_se"])));
  const auto paren = parts[0].second.find(" (");
  if (paren != std::string::npos) out += parts[0].second.substr(paren);
  for (std::size_t i = 1; i < parts.size(); ++i) out += "; " + parts[i].second;
  if (num(u["none_share"]) > 0) out += fmt::format("; none {}", format_percent(num(u["none_share"])));
  return out;
}

std::string spread(JsonView report, JsonView p, bool unit_price) {
  if (!p.is_object()) return "-";
  const std::string c = str(report["currency"]);
  const auto m = [&](double v) { return unit_price ? format_unit_price(v, c) : format_money(v, c, MoneyStyle::compact); };
  return fmt::format("{} [{} - {}]", m(num(p["p50"])), m(num(p["p10"])), m(num(p["p90"])));
}

// a paragraph at two spaces with its continuation lines at four
std::string hanging(const std::string& text) { return wrap_text(text, 98, 4).substr(2); }

// the share of samples where a break-even that usually happens never does, or nothing
std::optional<double> never_share(JsonView be) {
  if (!be.is_object() || !be["p50"].is_number()) return std::nullopt;
  const auto never = opt(be["never_share"]);
  return never && *never > 0 ? never : std::nullopt;
}

std::string break_even_text(JsonView be, bool with_never) {
  if (!be.is_object()) return "-";
  std::string out = be["p50"].is_number() ? format_months_spread(num(be["p50"]), num(be["p10"]), num(be["p90"])) : "never";
  if (const auto never = never_share(be); never && with_never) out += fmt::format(", never in {}", format_percent(*never));
  return out;
}

std::string input_text(JsonView report, JsonView in) {
  const std::string unit = str(in["unit"]);
  std::string out = fmt::format("{} {} .. {}, {}", str(in["field"]), field_value_text(num(in["low"]), unit, report),
                                field_value_text(num(in["high"]), unit, report), str(in["dist"]));
  if (in["mode"].is_number()) out += fmt::format(" (mode {})", field_value_text(num(in["mode"]), unit, report));
  return out;
}

// Each option's histogram of the samples' totals as a line of text on one shared axis:
//   cloud   ▁▂▃▄▆█▇▅▃▂▁
//   edge        ▃█▂▁
//           $9.08k  log  $339.2k
std::string histogram_lines(JsonView report, JsonView h, bool ascii) {
  if (!h.is_object()) return {};
  std::string out;
  std::size_t bins = 0;
  for (const char* name : k_names) {
    const JsonView c = h["counts"][name];
    std::vector<double> counts;
    for (JsonView v : c) counts.push_back(num(v));
    if (std::none_of(counts.begin(), counts.end(), [](double v) { return v > 0; })) continue;
    bins = counts.size();
    out += fmt::format("  {:<7} {}\n", name, draw_sparkline(counts, ascii));
  }
  if (out.empty()) return {};
  const std::string low = format_money(num(h["low"]), str(report["currency"]), MoneyStyle::compact);
  const std::string high = format_money(num(h["high"]), str(report["currency"]), MoneyStyle::compact);
  const std::string scale = str(h["scale"]) == "log" ? "log" : "";
  // the ends under the first and last bins, "log" centred between them when it fits
  const std::size_t gap = bins > low.size() + high.size() ? bins - low.size() - high.size() : 1;
  std::string middle(gap, ' ');
  if (!scale.empty() && scale.size() + 2 <= gap) middle.replace((gap - scale.size()) / 2, scale.size(), scale);
  return "  the samples' totals, each option scaled to its own peak:\n" + out +
         fmt::format("  {:<7} {}{}{}\n", "", low, middle, high);
}

}  // namespace

std::string uncertainty_table(JsonView report, bool ascii) {
  const JsonView u = report["uncertainty"];
  std::string out = fmt::format("\nuncertainty: {} samples, seed {}, {} ranges\n", format_count(num(u["samples"])),
                                fmt::format("{:.0f}", num(u["seed"])), u["inputs"].size());
  out += hanging(headline(u));
  // How often each option wins, as bars: the same drawing code as the tornado's.
  for (const char* name : k_names) {
    const JsonView o = u["options"][name];
    if (!o["total_cost"].is_object()) continue;
    out += fmt::format("  {:<7} {} {:>6} wins, feasible in {}\n", name, draw_share_bar(num(o["p_verdict"]), 30, ascii),
                       format_percent(num(o["p_verdict"])), format_percent(num(o["p_feasible"])));
  }
  std::vector<std::array<std::string, 4>> rows{{"option", "total P50 [P10 - P90]", "per month", "break-even vs cloud"}};
  for (const char* name : k_names) {
    const JsonView o = u["options"][name];
    if (!o["total_cost"].is_object()) continue;
    rows.push_back({name, spread(report, o["total_cost"], false), spread(report, o["monthly_cost"], false),
                    break_even_text(o["break_even_month"], false)});
  }
  std::array<std::size_t, 3> width{};
  for (const auto& row : rows)
    for (std::size_t i = 0; i < width.size(); ++i) width[i] = std::max(width[i], row[i].size());
  for (const auto& row : rows)
    out += fmt::format("  {:<{}}  {:<{}}  {:<{}}  {}\n", row[0], width[0], row[1], width[1], row[2], width[2], row[3]);
  for (const char* name : k_names)
    if (const auto never = never_share(u["options"][name]["break_even_month"]))
      out += fmt::format("  {} never breaks even with cloud in {} of the samples\n", name, format_percent(*never));
  out += histogram_lines(report, u["histogram"], ascii);
  if (!u["drivers"].empty()) {
    std::string drivers = fmt::format("drivers of {} total - {} total (rank correlation):", str(u["verdict"]),
                                      str(u["compared_with"]));
    for (JsonView d : u["drivers"]) drivers += fmt::format(" {} {:+.2f}", str(d["field"]), num(d["rank_correlation"]));
    out += hanging(drivers);
  }
  out += "  ranges (90% intervals for lognormal and normal, bounds for uniform and triangular):\n";
  for (JsonView in : u["inputs"]) out += "    " + input_text(report, in) + "\n";
  return out;
}

std::string uncertainty_markdown(JsonView report) {
  const JsonView u = report["uncertainty"];
  std::string out = fmt::format("\n#### Uncertainty\n\n{}.\n\n", md_text(headline(u)));
  out += "| option | P(verdict) | P(feasible) | total P50 [P10 - P90] | per month | break-even vs cloud |\n"
         "| --- | --- | --- | --- | --- | --- |\n";
  for (const char* name : k_names) {
    const JsonView o = u["options"][name];
    out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", name, format_percent(num(o["p_verdict"])),
                       format_percent(num(o["p_feasible"])), md_text(spread(report, o["total_cost"], false)),
                       md_text(spread(report, o["monthly_cost"], false)), md_text(break_even_text(o["break_even_month"], true)));
  }
  if (!u["drivers"].empty()) {
    out += "\nDrivers (rank correlation with the margin):";
    for (JsonView d : u["drivers"]) out += fmt::format(" {} {:+.2f};", md_code(str(d["field"])), num(d["rank_correlation"]));
    out += "\n";
  }
  return out;
}

}  // namespace edgecalc
