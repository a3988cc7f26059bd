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

Json diff_gate(const std::string& name, const std::string& status, Json limit, Json actual, Json margin,
               const std::string& message) {
  return {{"name", name},
          {"level", "fail"},
          {"status", status},
          {"limit", limit},
          {"actual", actual},
          {"margin", margin},
          {"message", message},
          {"field", "--" + name},
          {"location", {{"field", "--" + name}, {"line", 1}, {"column", 1}}}};
}

}  // namespace

nlohmann::ordered_json skipped_diff_gates(const DiffLimits& limits, const std::string& why) {
  Json gates = Json::array();
  if (limits.max_increase_fraction || limits.max_increase_money)
    gates.push_back(diff_gate("max-increase", "skipped", nullptr, nullptr, nullptr,
                              fmt::format("max-increase: not checked, {}", why)));
  if (limits.fail_on_verdict_change)
    gates.push_back(diff_gate("fail-on-verdict-change", "skipped", nullptr, nullptr, nullptr,
                              fmt::format("fail-on-verdict-change: not checked, {}", why)));
  return gates;
}

nlohmann::ordered_json diff_gates(const nlohmann::ordered_json& diff, const DiffLimits& limits) {
  Json gates = Json::array();
  const std::string cur = str(diff["currency"]);
  const auto gate = [&](const std::string& name, bool passed, Json limit, Json actual, Json margin, std::string message) {
    gates.push_back(diff_gate(name, passed ? "pass" : "fail", limit, actual, margin, message));
  };
  if (limits.max_increase_fraction || limits.max_increase_money) {
    const Json& c = diff["chosen_total"];
    if (c.is_null()) {
      gate("max-increase", false, nullptr, nullptr, nullptr,
           "max-increase: not checked, a report has no viable option");
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
      gate("max-increase", passed, limit, std::isfinite(actual) ? Json(actual) : Json(nullptr),
           limit != 0 ? Json((actual - limit) / limit) : Json(nullptr),
           fmt::format("max-increase: chosen total {} -> {}, {} {} {}", format_money(base, cur),
                       format_money(num(c["head"]), cur), format_change(c, cur), passed ? "<=" : ">",
                       limits.max_increase_text));
    }
  }
  if (limits.fail_on_verdict_change) {
    const bool changed = diff["verdict_changed"].get<bool>();
    gate("fail-on-verdict-change", !changed, nullptr, nullptr, nullptr,
         fmt::format("verdict {} -> {}{}", str(diff["base"]["verdict"]), str(diff["head"]["verdict"]),
                     changed ? " changed" : ", unchanged"));
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
