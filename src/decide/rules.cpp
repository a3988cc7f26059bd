#include <edgecalc/decide/rules.hpp>

#include <algorithm>
#include <stdexcept>

#include <fmt/args.h>
#include <fmt/format.h>

#include "util/format.hpp"

namespace edgecalc {

namespace {

using Values = std::vector<std::pair<std::string, std::string>>;

std::string ms(double seconds) { return format_duration(seconds); }

// The values a rule's templates show, built only when the run explains itself.
template <class Build>
Values shown(const RuleContext& c, Build&& build) {
  return c.explain ? build() : Values{};
}

std::optional<Firing> cloud_floor(const RuleContext& c, double threshold) {
  const auto& budget = c.profile.workload.latency_budget_s;
  if (!budget || *budget >= threshold) return std::nullopt;
  return Firing{{Option::cloud}, shown(c, [&] { return Values{{"budget", ms(*budget)}}; })};
}

std::optional<Firing> cloud_rtt(const RuleContext& c, double) {
  const auto& budget = c.profile.workload.latency_budget_s;
  const OptionLatency& cloud = c.latency.cloud;
  const auto answers = [](const OptionLatency& l) { return l.call || l.p95_s; };
  if (!budget || !answers(cloud) || p95_within_budget(cloud, *budget)) return std::nullopt;
  Firing f{{Option::cloud}, shown(c, [&] {
             return Values{{"p95", ms(cloud.p95_s.value_or(call_time_quantile(*cloud.call, 0.95)))},
                           {"network", std::string(to_string(c.profile.connectivity.network))},
                           {"rtt", ms(c.profile.connectivity.rtt->high_s)},
                           {"upload", ms(c.latency.upload_s)},
                           {"inference", ms(c.profile.cloud.inference_time_s)},
                           {"budget", ms(*budget)}};
           })};
  // A synchronous hybrid waits for the cloud on its escalated calls.
  if (answers(c.latency.hybrid) && !p95_within_budget(c.latency.hybrid, *budget)) f.options.push_back(Option::hybrid);
  return f;
}

// Edge and the hybrid's local units: p95 at the peak. Servers are sized to meet the budget, so
// this fires for them only when no count can (one call alone is too slow); a device answers its
// own calls and waits for itself. A device that cannot keep up at all is fit.throughput's case.
std::optional<Firing> edge_time(const RuleContext& c, double) {
  const auto& budget = c.profile.workload.latency_budget_s;
  if (!budget) return std::nullopt;
  const auto over = [&](const OptionLoad& l) { return !l.saturated && !p95_within(l.call, 0, *budget); };
  const OptionLoad& l = c.costs.sizing.load;
  Firing f;
  if (over(l)) f.options.push_back(Option::edge);
  if (over(c.costs.hybrid_sizing.load)) f.options.push_back(Option::hybrid);
  if (f.options.empty()) return std::nullopt;
  const OptionLoad& shown = over(l) ? l : c.costs.hybrid_sizing.load;
  const bool device = c.profile.edge.deployment == Deployment::device;
  if (!c.explain) return f;
  f.values = {{"p95", ms(call_time_quantile(shown.call, 0.95))},
              {"time", ms(shown.service_s)},
              {"wait", ms(shown.wait_p95_s)},
              {"units", device ? "each device its own queue"
                               : fmt::format("{} {} of {} slots", format_count(shown.servers),
                                             shown.servers == 1 ? "box" : "boxes",
                                             format_count(shown.concurrency_per_unit))},
              {"budget", ms(*budget)}};
  return f;
}

std::optional<Firing> no_network(const RuleContext& c, double) {
  if (c.profile.connectivity.network != Network::none) return std::nullopt;
  return Firing{{Option::cloud}, {}};
}

std::optional<Firing> offline(const RuleContext& c, double) {
  const Connectivity& k = c.profile.connectivity;
  if (!k.offline_tolerance_s || !k.outage_s || *k.offline_tolerance_s >= *k.outage_s) return std::nullopt;
  return Firing{{Option::cloud}, shown(c, [&] {
                  return Values{{"tolerance", ms(*k.offline_tolerance_s)},
                                {"network", std::string(to_string(k.network))},
                                {"outage", ms(*k.outage_s)}};
                })};
}

std::optional<Firing> raw_data(const RuleContext& c, double) {
  const DataPolicy& d = c.profile.data;
  std::string why;
  if (d.leaves_device == LeavesDevice::forbidden) {
    why = "data.leaves_device: forbidden";
  } else if (d.leaves_device == LeavesDevice::auto_detect) {
    const AutoPolicy policy = auto_policy(d.sensitivity);
    if (policy == AutoPolicy::forbidden)
      why = fmt::format("raw {} stays on the device under leaves_device: auto", to_string(d.sensitivity));
    else if (policy == AutoPolicy::needs_dpa && !d.dpa)
      why = "personal data needs a data-processing agreement (data.dpa: true)";
  }
  if (why.empty()) return std::nullopt;
  Firing f{{Option::cloud}, {{"sensitivity", std::string(to_string(d.sensitivity))}, {"why", why}}};
  if (!d.escalation_allowed && c.profile.hybrid.escalation > 0) f.options.push_back(Option::hybrid);
  return f;
}

std::optional<Firing> hard_fraction(const RuleContext& c, double threshold) {
  const double share = c.profile.workload.hard_fraction;
  if (share <= threshold) return std::nullopt;
  return Firing{{Option::edge}, shown(c, [&] { return Values{{"share", format_percent(share)}}; })};
}

std::optional<Firing> fleet_scale(const RuleContext& c, double threshold) {
  if (c.profile.fleet.size <= threshold) return std::nullopt;
  return Firing{{Option::edge}, shown(c, [&] {
                  return Values{{"fleet", format_count(c.profile.fleet.size)},
                                {"unit", c.profile.fleet.size == 1 ? singular(c.profile.fleet.unit) : c.profile.fleet.unit}};
                })};
}

// "1/s from each of 50,000 doorbells"
std::string member_rate(const RuleContext& c) {
  if (c.profile.fleet.size == 1)
    return fmt::format("{} from the one {}", format_rate(c.profile.workload.calls_per_s, c.profile.month_s),
                       singular(c.profile.fleet.unit));
  return fmt::format("{} from each of {}", format_rate(c.profile.workload.calls_per_s, c.profile.month_s),
                     format_count_of(c.profile.fleet.size, c.profile.fleet.unit));
}

std::optional<Firing> low_frequency(const RuleContext& c, double threshold) {
  const Profile& p = c.profile;
  const auto& budget = p.workload.latency_budget_s;
  const Connectivity& k = p.connectivity;
  const bool tolerant = !budget || *budget >= rule_constant("rate.low-frequency", "tolerant_budget");
  const bool connected = k.network != Network::none &&
                         (!k.offline_tolerance_s || (k.outage_s && *k.offline_tolerance_s >= *k.outage_s));
  if (p.workload.calls_per_s > threshold || !tolerant || !connected) return std::nullopt;
  return Firing{{Option::cloud},
                shown(c, [&] { return Values{{"rate", member_rate(c)}, {"budget", budget ? ms(*budget) : "none"}}; })};
}

std::optional<Firing> high_frequency(const RuleContext& c, double threshold) {
  if (c.profile.workload.calls_per_s < threshold) return std::nullopt;
  return Firing{{Option::edge}, shown(c, [&] { return Values{{"rate", member_rate(c)}}; })};
}

std::optional<Firing> memory_fit(const RuleContext& c, double) {
  const auto& pr = c.prediction;
  if (!pr || pr->fits_memory()) return std::nullopt;
  if (!c.explain) return Firing{{Option::edge, Option::hybrid}, {}};
  // The shortfall first: what the part lacks, then what the model needs and the part has.
  std::string need = fmt::format("{} short of memory (needs {}, {} has {} usable)",
                                 format_bytes(pr->memory_required_bytes - pr->memory_available_bytes),
                                 format_bytes(pr->memory_required_bytes), pr->hardware_id,
                                 format_bytes(pr->memory_available_bytes));
  if (pr->memory_required_bytes <= pr->memory_available_bytes)
    need = fmt::format("{} short of flash (needs {}, {} has {})",
                       format_bytes(*pr->flash_required_bytes - *pr->flash_available_bytes),
                       format_bytes(*pr->flash_required_bytes), pr->hardware_id, format_bytes(*pr->flash_available_bytes));
  return Firing{{Option::edge, Option::hybrid}, {{"model", pr->model_id}, {"need", need}}};
}

// Each device must keep up with its own calls at the peak; a box is sized for the peak by
// construction (edge.utilization), so only devices are checked.
std::optional<Firing> throughput_fit(const RuleContext& c, double threshold) {
  const Profile& p = c.profile;
  const EdgeSizing& s = c.costs.sizing;
  if (p.edge.deployment != Deployment::device || s.busy_peak <= threshold) return std::nullopt;
  return Firing{{Option::edge, Option::hybrid}, shown(c, [&] {
                  return Values{{"busy", format_percent(s.busy_peak)},
                                {"mean", format_percent(s.busy_mean)},
                                {"rate", format_rate(p.workload.calls_per_s * p.workload.peak_factor, p.month_s)},
                                {"latency", format_duration(p.edge.inference_time_s)},
                                {"hardware", p.edge.hardware ? *p.edge.hardware : singular(p.fleet.unit)}};
                })};
}

std::optional<Firing> context_fit(const RuleContext& c, double) {
  const Profile& p = c.profile;
  const auto& pr = c.prediction;
  if (!pr || !pr->context_tokens || !p.workload.tokens) return std::nullopt;
  const double need = p.workload.tokens->input + p.workload.tokens->output;
  if (need <= *pr->context_tokens) return std::nullopt;
  return Firing{{Option::edge, Option::hybrid}, shown(c, [&] {
                  return Values{{"model", pr->model_id},
                                {"tokens", format_count(need)},
                                {"input", format_count(p.workload.tokens->input)},
                                {"output", format_count(p.workload.tokens->output)},
                                {"context", format_count(*pr->context_tokens)}};
                })};
}

// Each option whose device would not last battery.min_life on its battery.
std::optional<Firing> battery_life(const RuleContext& c, double) {
  const Profile& p = c.profile;
  if (!p.battery || !p.battery->min_life_s) return std::nullopt;
  Firing f;
  std::string lives;
  for (Option o : {Option::edge, Option::cloud, Option::hybrid}) {
    const std::optional<BatteryLife>& b = c.costs.option(o).battery;
    if (!b || !b->life_s || *b->life_s >= *p.battery->min_life_s) continue;
    f.options.push_back(o);
    if (c.explain)
      lives += fmt::format("{}{} lasts {}", lives.empty() ? "" : ", ", to_string(o), format_duration(*b->life_s));
  }
  if (f.options.empty()) return std::nullopt;
  if (c.explain) f.values = {{"lives", lives}, {"min", format_duration(*p.battery->min_life_s)}};
  return f;
}

// Each rule's condition, by the id of its row in the rule table (domain/rule_table.cpp).
struct Condition {
  std::string_view id;
  RuleCondition condition;
};
constexpr Condition k_conditions[] = {
    {"latency.cloud-floor", cloud_floor},
    {"latency.cloud-rtt", cloud_rtt},
    {"latency.edge-time", edge_time},
    {"connectivity.none", no_network},
    {"connectivity.offline", offline},
    {"privacy.raw-data", raw_data},
    {"capability.hard-fraction", hard_fraction},
    {"fit.memory", memory_fit},
    {"fit.context", context_fit},
    {"fit.throughput", throughput_fit},
    {"battery.life", battery_life},
    {"scale.fleet", fleet_scale},
    {"rate.low-frequency", low_frequency},
    {"rate.high-frequency", high_frequency},
};

}  // namespace

const std::vector<Rule>& rule_list() {
  static const std::vector<Rule> list = [] {
    std::vector<Rule> out;
    for (const RuleInfo& info : rule_table()) {
      const auto c = std::find_if(std::begin(k_conditions), std::end(k_conditions),
                                  [&](const Condition& k) { return k.id == info.id; });
      if (c == std::end(k_conditions)) throw std::logic_error("rule " + std::string(info.id) + " has no condition");
      out.push_back(Rule{info, c->condition});
    }
    return out;
  }();
  return list;
}

std::span<const Rule> rules() { return rule_list(); }

const Rule* find_rule(std::string_view id) {
  for (const Rule& r : rule_list())
    if (r.id == id) return &r;
  return nullptr;
}

namespace {

std::string fill(std::string_view tpl, const Values& values) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& [name, value] : values) store.push_back(fmt::arg(name.c_str(), value));
  return fmt::vformat(tpl, store);
}

}  // namespace

std::vector<FiredRule> apply_rules(const Profile& profile, const CostModel& costs, const Latency& latency,
                                   const std::optional<Prediction>& prediction, Workings workings) {
  const bool explain = workings == Workings::shown;
  const RuleContext ctx{profile, costs, latency, prediction, explain};
  std::vector<FiredRule> fired;
  for (const Rule& rule : rule_list()) {
    double threshold = rule.default_threshold;
    if (const auto o = profile.rules.find(std::string(rule.id)); o != profile.rules.end()) {
      if (!o->second.enabled) continue;
      threshold = o->second.threshold.value_or(threshold);
    }
    std::optional<Firing> firing = rule.condition(ctx, threshold);
    if (!firing) continue;
    std::string message, reason;
    if (explain) {
      firing->values.emplace_back("threshold", format_threshold(rule.threshold_kind, threshold));
      message = fill(rule.message, firing->values);
      reason = fill(rule.reason, firing->values);
    }
    for (Option option : firing->options)
      fired.push_back(FiredRule{&rule, option, threshold, message, reason});
  }
  return fired;
}

}  // namespace edgecalc
