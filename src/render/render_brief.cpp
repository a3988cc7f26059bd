#include "render/render_brief.hpp"

#include <array>

#include <fmt/format.h>

#include "render/render_sensitivity.hpp"
#include "render/render_text.hpp"
#include "util/format.hpp"
#include "util/json_util.hpp"

namespace edgecalc {

std::string verdict_of(JsonView r) { return r["verdict"].is_string() ? str(r["verdict"]) : "none"; }

namespace {

constexpr const char* k_options[] = {"cloud", "edge", "hybrid"};

std::string painted(const std::string& text, const std::string& verdict, bool color) {
  if (!color) return text;
  const char* code = verdict == "edge" ? "32" : verdict == "cloud" ? "34" : verdict == "hybrid" ? "33" : "31";
  return fmt::format("\x1b[1;{}m{}\x1b[0m", code, text);
}

// "cloud $98.55k, edge $27.5k" over the priced options, the verdict's first.
std::string totals(JsonView r, const char* key) {
  const std::string verdict = verdict_of(r), currency = str(r["currency"]);
  std::string out;
  for (int pass = 0; pass < 2; ++pass)
    for (const char* name : k_options) {
      if ((pass == 0) != (name == verdict)) continue;
      const auto v = opt(r["options"][name][key]);
      if (!v) continue;
      const bool blocked = !r["options"][name]["blocked_by"].empty();
      out += fmt::format("{}{} {}{}", out.empty() ? "" : ", ", name, format_money(*v, currency, MoneyStyle::compact),
                         blocked ? " (blocked)" : "");
    }
  return out;
}


// "nearest switch: workload.latency_budget below 5.29 s (today 8 s) -> cloud"
std::string nearest_switch(JsonView r) {
  const JsonView s = r["sensitivity"];
  if (!s.is_object() || !s["min_margin_field"].is_string()) return {};
  for (JsonView f : s["fields"]) {
    if (str(f["field"]) != str(s["min_margin_field"])) continue;
    const double ratio = num(f["margin_ratio"]);
    for (const char* side : {"switch_below", "switch_above"}) {
      const JsonView sw = f[side];
      if (!sw.is_object() || std::abs(num(sw["value"]) - num(f["value"])) > ratio * std::abs(num(f["value"])) * (1 + 1e-9))
        continue;
      const std::string unit = str(f["unit"]);
      return fmt::format("nearest switch: {} {} {} (today {}, {} away) -> {}", str(f["field"]),
                         std::string(side) == "switch_below" ? "below" : "above", switch_value_text(r, f, side),
                         field_value_text(num(f["value"]), unit, r), format_percent(ratio),
                         sw["verdict"].is_string() ? str(sw["verdict"]) : "none");
    }
  }
  return {};
}

std::string odds(JsonView r) {
  const JsonView u = r["uncertainty"];
  if (!u.is_object()) return {};
  std::string out = fmt::format("odds over {} samples:", format_count(num(u["samples"])));
  for (const char* name : k_options) out += fmt::format(" {} {}", name, format_percent(num(u["options"][name]["p_verdict"])));
  return out;
}

}  // namespace

std::string gates_text(JsonView r) {
  if (r["gates"].empty()) return {};
  std::array<std::size_t, 4> count{};  // pass, warn, fail, skipped
  constexpr const char* k_status[] = {"pass", "warn", "fail", "skipped"};
  std::string failing;
  for (JsonView g : r["gates"])
    for (std::size_t i = 0; i < count.size(); ++i)
      if (str(g["status"]) == k_status[i]) {
        ++count[i];
        if (i == 2) failing += fmt::format("{}{}", failing.empty() ? "" : ", ", str(g["name"]));
      }
  std::string out = fmt::format("{}", format_count_of(static_cast<double>(r["gates"].size()), "gates"));
  std::string parts;
  for (std::size_t i = 0; i < count.size(); ++i)
    if (count[i]) parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ", count[i], k_status[i]);
  out += ": " + parts;
  if (!failing.empty()) out += " (" + failing + ")";
  return out;
}

std::string brief_report(JsonView r, bool color) {
  const std::string verdict = verdict_of(r);
  std::vector<std::string> lines;
  lines.push_back(fmt::format("{}: {}", str(r["profile"]), painted(verdict, verdict, color)));
  std::string why = str(r["summary"]);
  if (why.starts_with(verdict + ": ")) why.erase(0, verdict.size() + 2);
  lines.push_back(wrap_text(why, 100, 2).substr(0, wrap_text(why, 100, 2).find('\n')));
  lines.push_back(fmt::format("  total over {}: {}", format_months(num(r["horizon_months"])), totals(r, "total_cost")));
  lines.push_back(fmt::format("  per month: {}", totals(r, "monthly_cost")));
  for (const char* option : {"edge", "hybrid"}) {
    const std::vector<std::string> be = break_even_sentences(r, option);
    if (!be.empty()) lines.push_back("  " + be.front());
  }
  for (const std::string& extra : {gates_text(r), nearest_switch(r), odds(r)})
    if (!extra.empty() && lines.size() < 8) lines.push_back("  " + extra);
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

std::string verdict_counts(const std::vector<nlohmann::ordered_json>& reports) {
  std::array<std::size_t, 4> verdicts{};  // cloud, edge, hybrid, none
  std::size_t failed = 0;
  for (const auto& json : reports) {
    const JsonView r(json);
    const auto at = std::find(std::begin(k_options), std::end(k_options), verdict_of(r));
    ++verdicts[static_cast<std::size_t>(at - std::begin(k_options))];
    failed += gate_fails(r) ? 1 : 0;
  }
  std::string out = fmt::format("{}: {} edge, {} cloud, {} hybrid, {} none",
                                format_count_of(static_cast<double>(reports.size()), "profiles"), verdicts[1], verdicts[0],
                                verdicts[2], verdicts[3]);
  if (failed) out += fmt::format("; {} with a failing gate", failed);
  return out;
}

bool gate_fails(JsonView r) {
  for (JsonView g : r["gates"])
    if (str(g["status"]) == "fail") return true;
  return false;
}

std::string brief_reports(const std::vector<nlohmann::ordered_json>& reports, bool color) {
  if (reports.size() == 1) return brief_report(reports.front(), color);
  std::string out;
  for (const auto& json : reports) {
    const JsonView r(json);
    const std::string verdict = verdict_of(r);
    const auto total = opt(r["options"][verdict]["total_cost"]);
    std::string line = fmt::format("{}: {}", str(r["profile"]), painted(verdict, verdict, color));
    if (total) line += fmt::format(" {} over {}", format_money(*total, str(r["currency"]), MoneyStyle::compact),
                                   format_months(num(r["horizon_months"])));
    if (gate_fails(r)) line += ", a gate fails";
    out += line + "\n";
  }
  return out + verdict_counts(reports) + "\n";
}

}  // namespace edgecalc
