#include <edgecalc/report/diff.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "util/format.hpp"
#include "util/json_util.hpp"

namespace edgecalc {

namespace {

using Json = nlohmann::ordered_json;

// A change of one amount; null throughout when either side has no amount (an option not priced).
Json change(JsonView base_json, JsonView head_json) {
  const auto b = opt(base_json), h = opt(head_json);
  if (!b || !h)
    return {{"base", or_null(b)}, {"head", or_null(h)}, {"change", nullptr}, {"percent", nullptr}};
  const double base = *b, head = *h;
  const double delta = head - base;
  return {{"base", base},
          {"head", head},
          {"change", delta},
          {"percent", base != 0 ? Json(delta / base * 100) : (delta == 0 ? Json(0.0) : Json(nullptr))}};
}

std::set<std::string> fired(JsonView report) {
  std::set<std::string> out;
  for (JsonView f : report["rules"])
    out.insert(fmt::format("{} {} {}", str(f["effect"]), str(f["option"]), str(f["id"])));
  return out;
}

}  // namespace

std::string format_change(const nlohmann::ordered_json& change, const std::string& currency) {
  const JsonView c = change;
  if (!c["change"].is_number()) return "-";
  const double d = num(c["change"]);
  std::string text = fmt::format("{}{}", d > 0 ? "+" : "", format_money(d, currency));
  if (!c["percent"].is_null()) {
    const double p = num(c["percent"]);
    text += fmt::format(" ({}{})", p > 0 ? "+" : p < 0 ? "-" : "", format_percent(std::fabs(p) / 100));
  } else {
    text += " (new)";
  }
  return text;
}

std::string currency_mismatch(const nlohmann::ordered_json& base, const nlohmann::ordered_json& head) {
  const std::string b = str(base["currency"]), h = str(head["currency"]);
  if (b == h) return "";
  return fmt::format("cannot compare a report in {} ({}) with one in {} ({}): amounts in different currencies do "
                     "not subtract; evaluate both in one currency",
                     b, str(base["file"]), h, str(head["file"]));
}

nlohmann::ordered_json diff_reports(const nlohmann::ordered_json& base, const nlohmann::ordered_json& head) {
  Json d;
  d["diff_version"] = k_diff_version;
  d["base"] = {{"profile", base["profile"]}, {"file", base["file"]}, {"verdict", base["verdict"]}};
  d["head"] = {{"profile", head["profile"]}, {"file", head["file"]}, {"verdict", head["verdict"]}};
  d["currency"] = head["currency"];
  d["verdict_changed"] = base["verdict"] != head["verdict"];
  Json options;
  for (const char* o : k_diff_options) {
    for (const auto& [key, label] : k_diff_metrics) {
      (void)label;
      options[o][key] = change(JsonView(base)["options"][o][key], JsonView(head)["options"][o][key]);
    }
  }
  d["options"] = options;
  // The chosen option's total: the baseline's choice against the head's choice.
  const auto chosen_total = [](JsonView r) { return r["options"][str(r["verdict"])]["total_cost"]; };
  const JsonView b = chosen_total(base), h = chosen_total(head);
  d["chosen_total"] = b.is_number() && h.is_number() ? change(b, h) : Json(nullptr);
  const std::set<std::string> before = fired(base), after = fired(head);
  Json started = Json::array(), stopped = Json::array();
  for (const std::string& f : after)
    if (!before.contains(f)) started.push_back(f);
  for (const std::string& f : before)
    if (!after.contains(f)) stopped.push_back(f);
  d["rules_started"] = started;
  d["rules_stopped"] = stopped;
  return d;
}

namespace {

// A diff gate is set by its flag (--max-increase), which is also its field.
GateResult diff_gate(const std::string& name, GateStatus status, std::string message) {
  GateResult g;
  g.name = name;
  g.level = GateLevel::fail;
  g.status = status;
  g.message = std::move(message);
  g.field = "--" + name;
  return g;
}

}  // namespace

std::vector<GateResult> skipped_diff_gates(const DiffLimits& limits, const std::string& why) {
  std::vector<GateResult> gates;
  if (limits.max_increase_fraction || limits.max_increase_money)
    gates.push_back(diff_gate("max-increase", GateStatus::skipped, fmt::format("max-increase: not checked, {}", why)));
  if (limits.fail_on_verdict_change)
    gates.push_back(diff_gate("fail-on-verdict-change", GateStatus::skipped,
                              fmt::format("fail-on-verdict-change: not checked, {}", why)));
  return gates;
}

std::vector<GateResult> diff_gates(const nlohmann::ordered_json& diff, const DiffLimits& limits) {
  std::vector<GateResult> gates;
  const std::string cur = str(diff["currency"]);
  const auto status = [](bool passed) { return passed ? GateStatus::pass : GateStatus::fail; };
  if (limits.max_increase_fraction || limits.max_increase_money) {
    const Json& c = diff["chosen_total"];
    if (c.is_null()) {
      gates.push_back(diff_gate("max-increase", GateStatus::fail, "max-increase: not checked, a report has no viable option"));
    } else {
      const double delta = num(c["change"]);
      const double base = num(c["base"]);
      double limit = 0;
      double actual = delta;
      if (limits.max_increase_fraction) {
        limit = *limits.max_increase_fraction;
        actual = base != 0 ? delta / base : (delta > 0 ? INFINITY : 0);
      } else {
        limit = *limits.max_increase_money;
      }
      const bool passed = actual <= limit;
      GateResult g = diff_gate("max-increase", status(passed),
                               fmt::format("max-increase: chosen total {} -> {}, {} {} {}", format_money(base, cur),
                                           format_money(num(c["head"]), cur), format_change(c, cur),
                                           passed ? "<=" : ">", limits.max_increase_text));
      g.limit = limit;
      if (std::isfinite(actual)) g.actual = actual;
      if (limit != 0 && std::isfinite(actual)) g.margin = (actual - limit) / limit;
      gates.push_back(std::move(g));
    }
  }
  if (limits.fail_on_verdict_change) {
    const bool changed = diff["verdict_changed"].get<bool>();
    gates.push_back(diff_gate("fail-on-verdict-change", status(!changed),
                              fmt::format("verdict {} -> {}{}", str(diff["base"]["verdict"]),
                                          str(diff["head"]["verdict"]), changed ? " changed" : ", unchanged")));
  }
  return gates;
}

ExitCode report_exit_code(const nlohmann::ordered_json& report, bool fail_on_warn) {
  if (str(report["verdict"]) == "none") return ExitCode::gate_failed;
  for (const Json& g : report["gates"]) {
    const std::string s = str(g["status"]);
    if (s == "fail" || ((s == "warn" || s == "skipped") && fail_on_warn)) return ExitCode::gate_failed;
  }
  return ExitCode::ok;
}

}  // namespace edgecalc
