#include <edgecalc/decide/rules.hpp>

#include <fmt/args.h>
#include <fmt/format.h>

#include <edgecalc/domain/defaults.hpp>

#include "util/format.hpp"

namespace edgecalc {

namespace {

using Values = std::vector<std::pair<std::string, std::string>>;

// What raw data of each sensitivity may do when `leaves_device: auto` (data, not if-chains).
enum class AutoPolicy { allowed, needs_dpa, forbidden };
struct SensitivityPolicy {
  Sensitivity sensitivity;
  AutoPolicy policy;
};
constexpr SensitivityPolicy k_auto_policies[] = {
    {Sensitivity::public_data, AutoPolicy::allowed}, {Sensitivity::internal, AutoPolicy::allowed},
    {Sensitivity::proprietary, AutoPolicy::allowed}, {Sensitivity::personal, AutoPolicy::needs_dpa},
    {Sensitivity::biometric, AutoPolicy::forbidden}, {Sensitivity::health, AutoPolicy::forbidden},
    {Sensitivity::audio, AutoPolicy::forbidden},     {Sensitivity::video, AutoPolicy::forbidden}};

AutoPolicy auto_policy(Sensitivity s) {
  for (const auto& p : k_auto_policies)
    if (p.sensitivity == s) return p.policy;
  return AutoPolicy::forbidden;
}

// Below this budget a workload is not "latency-tolerant" for rate.low-frequency.
constexpr double k_tolerant_budget_s = 1.0;

std::string ms(double seconds) { return format_duration(seconds); }

std::optional<Firing> cloud_floor(const RuleContext& c, double threshold) {
  const auto& budget = c.profile.workload.latency_budget_s;
  if (!budget || *budget >= threshold) return std::nullopt;
  return Firing{{Option::cloud}, {{"budget", ms(*budget)}}};
}

std::optional<Firing> cloud_rtt(const RuleContext& c, double) {
  const auto& budget = c.profile.workload.latency_budget_s;
  const auto& p95 = c.latency.cloud.p95_s;
  if (!budget || !p95 || *p95 <= *budget) return std::nullopt;
  Firing f{{Option::cloud},
           {{"p95", ms(*p95)},
            {"network", std::string(to_string(c.profile.connectivity.network))},
            {"rtt", ms(c.profile.connectivity.rtt->high_s)},
            {"upload", ms(c.latency.upload_s)},
            {"inference", ms(c.profile.cloud.inference_time_s)},
            {"budget", ms(*budget)}}};
  // A synchronous hybrid waits for the cloud on its escalated calls.
  if (c.latency.hybrid.p95_s && *c.latency.hybrid.p95_s > *budget) f.options.push_back(Option::hybrid);
  return f;
}

std::optional<Firing> edge_time(const RuleContext& c, double) {
  const auto& budget = c.profile.workload.latency_budget_s;
  const double t = c.profile.edge.inference_time_s;
  if (!budget || t <= *budget) return std::nullopt;
  return Firing{{Option::edge, Option::hybrid}, {{"time", ms(t)}, {"budget", ms(*budget)}}};
}

std::optional<Firing> no_network(const RuleContext& c, double) {
  if (c.profile.connectivity.network != Network::none) return std::nullopt;
  return Firing{{Option::cloud}, {}};
}

std::optional<Firing> offline(const RuleContext& c, double) {
  const Connectivity& k = c.profile.connectivity;
  if (!k.offline_tolerance_s || !k.outage_s || *k.offline_tolerance_s >= *k.outage_s) return std::nullopt;
  return Firing{{Option::cloud},
                {{"tolerance", ms(*k.offline_tolerance_s)},
                 {"network", std::string(to_string(k.network))},
                 {"outage", ms(*k.outage_s)}}};
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
  return Firing{{Option::edge}, {{"share", format_percent(share)}}};
}

std::optional<Firing> fleet_scale(const RuleContext& c, double threshold) {
  if (c.profile.fleet.size <= threshold) return std::nullopt;
  return Firing{{Option::edge},
                {{"fleet", format_count(c.profile.fleet.size)},
                 {"unit", c.profile.fleet.size == 1 ? singular(c.profile.fleet.unit) : c.profile.fleet.unit}}};
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
  const bool tolerant = !budget || *budget >= k_tolerant_budget_s;
  const bool connected = k.network != Network::none &&
                         (!k.offline_tolerance_s || (k.outage_s && *k.offline_tolerance_s >= *k.outage_s));
  if (p.workload.calls_per_s > threshold || !tolerant || !connected) return std::nullopt;
  return Firing{{Option::cloud},
                {{"rate", member_rate(c)}, {"budget", budget ? ms(*budget) : "none"}}};
}

std::optional<Firing> high_frequency(const RuleContext& c, double threshold) {
  if (c.profile.workload.calls_per_s < threshold) return std::nullopt;
  return Firing{{Option::edge}, {{"rate", member_rate(c)}}};
}

std::optional<Firing> memory_fit(const RuleContext& c, double) {
  const auto& pr = c.profile.prediction;
  if (!pr || pr->fits_memory()) return std::nullopt;
  std::string need = fmt::format("needs {}, {} has {} usable", format_bytes(pr->memory_required_bytes), pr->hardware_id,
                                 format_bytes(pr->memory_available_bytes));
  if (pr->memory_required_bytes <= pr->memory_available_bytes)
    need = fmt::format("needs {} of flash, {} has {}", format_bytes(*pr->flash_required_bytes), pr->hardware_id,
                       format_bytes(*pr->flash_available_bytes));
  return Firing{{Option::edge, Option::hybrid}, {{"model", pr->model_id}, {"need", need}}};
}

// Each device must keep up with its own calls at the peak; a box is sized for the peak by
// construction (edge.utilization), so only devices are checked.
std::optional<Firing> throughput_fit(const RuleContext& c, double threshold) {
  const Profile& p = c.profile;
  const EdgeSizing& s = c.costs.sizing;
  if (p.edge.deployment != Deployment::device || s.busy_peak <= threshold) return std::nullopt;
  const std::string unit = p.edge.hardware ? *p.edge.hardware : singular(p.fleet.unit);
  return Firing{{Option::edge, Option::hybrid},
                {{"busy", format_percent(s.busy_peak)},
                 {"mean", format_percent(s.busy_mean)},
                 {"rate", format_rate(p.workload.calls_per_s * p.workload.peak_factor, p.month_s)},
                 {"latency", format_duration(p.edge.inference_time_s)},
                 {"hardware", unit}}};
}

std::optional<Firing> context_fit(const RuleContext& c, double) {
  const Profile& p = c.profile;
  const auto& pr = p.prediction;
  if (!pr || !pr->context_tokens || !p.workload.tokens) return std::nullopt;
  const double need = p.workload.tokens->input + p.workload.tokens->output;
  if (need <= *pr->context_tokens) return std::nullopt;
  return Firing{{Option::edge, Option::hybrid},
                {{"model", pr->model_id},
                 {"tokens", format_count(need)},
                 {"input", format_count(p.workload.tokens->input)},
                 {"output", format_count(p.workload.tokens->output)},
                 {"context", format_count(*pr->context_tokens)}}};
}

constexpr double k_ms = 1e-3;

// The rules, evaluated and listed in this order. Thresholds are in base units.
const Rule k_rules[] = {
    {"latency.cloud-floor", Effect::block, "cloud", ThresholdKind::duration, 20 * k_ms,
     "the latency budget is under the threshold",
     "the {budget} latency budget is under {threshold}: no network round trip to a cloud region fits",
     "the {budget} budget (no round trip fits under {threshold})",
     "edgecalc domain data: latency under 20 ms rules the cloud out; wired round trips alone take "
     "10-40 ms (FCC Measuring Broadband America 2023)",
     "workload.latency_budget", cloud_floor},
    {"latency.cloud-rtt", Effect::block, "cloud, synchronous hybrid", ThresholdKind::none, 0,
     "the cloud's p95 latency (round trip + upload + inference) is over the budget",
     "cloud p95 is {p95} ({network} round trip {rtt} + upload {upload} + inference {inference}), over "
     "the {budget} budget",
     "the {budget} budget ({network} p95 {p95})",
     "latency model: network class table (docs/networks.md) or connectivity.rtt/uplink; "
     "cloud.inference_time",
     "workload.latency_budget", cloud_rtt},
    {"latency.edge-time", Effect::block, "edge, hybrid", ThresholdKind::none, 0,
     "edge inference takes longer than the budget",
     "edge inference takes {time}, over the {budget} budget",
     "edge inference time ({time} against {budget})",
     "profile: edge.inference_time against workload.latency_budget", "edge.inference_time", edge_time},
    {"connectivity.none", Effect::block, "cloud", ThresholdKind::none, 0,
     "there is no network link",
     "connectivity.network is none: the cloud cannot be reached (a hybrid answers locally and "
     "queues its escalations)",
     "no network link", "profile: connectivity.network", "connectivity.network", no_network},
    {"connectivity.offline", Effect::block, "cloud", ThresholdKind::none, 0,
     "the product tolerates shorter outages than the network's typical one",
     "the product must keep working through {tolerance} outages; {network} links drop for {outage}",
     "{network} outages of {outage} (the product tolerates {tolerance})",
     "network class table (docs/networks.md) or connectivity.outage, against "
     "connectivity.offline_tolerance",
     "connectivity.offline_tolerance", offline},
    {"privacy.raw-data", Effect::block, "cloud, hybrid unless data.escalation_allowed",
     ThresholdKind::none, 0, "raw input may not leave the device",
     "raw {sensitivity} data may not leave the device ({why})",
     "{sensitivity} data that may not leave the device",
     "edgecalc domain data: sensitive raw data (audio, video, biometric, health) stays on the "
     "device; personal data leaves it only under a data-processing agreement (GDPR Art. 28)",
     "data.sensitivity", raw_data},
    {"capability.hard-fraction", Effect::block, "edge", ThresholdKind::fraction, 0,
     "a share of calls above the threshold needs the cloud model",
     "{share} of calls need the cloud model (workload.hard_fraction): edge alone cannot answer them",
     "{share} of calls that need the cloud model",
     "profile: workload.hard_fraction; the hybrid escalates them (hybrid.escalation defaults to it)",
     "workload.hard_fraction", hard_fraction},
    {"fit.memory", Effect::block, "edge, hybrid", ThresholdKind::none, 0,
     "the model named in workload.model does not fit the memory of edge.hardware",
     "{model} does not fit: {need}", "{model} not fitting ({need})",
     "predictor: weights (parameters x bits per weight) + KV cache + runtime against usable RAM; TinyML "
     "arena and flash against SRAM and flash (docs/predictor.md)",
     "workload.model", memory_fit},
    {"fit.context", Effect::block, "edge, hybrid", ThresholdKind::none, 0,
     "a call's input and output tokens exceed the context window of workload.model",
     "a call needs {tokens} tokens ({input} in + {output} out), over the {context}-token context of {model}",
     "{model}'s {context}-token context ({tokens} needed)",
     "catalog: the model's context window (data/models.yaml) against workload.tokens", "workload.tokens",
     context_fit},
    {"fit.throughput", Effect::block, "edge, hybrid", ThresholdKind::fraction, 1.0,
     "at the peak rate each device would be busy more than the threshold answering its own calls",
     "each {hardware} would be busy {busy} of the time at the peak ({rate}, {latency} a call; {mean} on average)",
     "devices busy {busy} of the time at the peak",
     "sizing: a member's peak calls per second (workload.calls x peak_factor) x edge.inference_time, "
     "written or predicted (docs/model.md)",
     "edge.inference_time", throughput_fit},
    {"scale.fleet", Effect::favor, "edge", ThresholdKind::count, 5000,
     "the fleet is larger than the threshold",
     "{fleet} {unit} (more than {threshold}): hardware bought once amortises while per-call cloud "
     "fees grow with every unit",
     "a fleet of {fleet} {unit}",
     "edgecalc domain data: per-call cloud cost grows linearly with fleet and rate; edge cost is "
     "mostly up front",
     "fleet.size", fleet_scale},
    {"rate.low-frequency", Effect::favor, "cloud", ThresholdKind::rate, 1 / 3600.0,
     "few calls per member (at most the threshold), a budget of 1 s or more, an always-on link",
     "{rate} (at most {threshold}), a {budget} budget and an always-on link: dedicated hardware "
     "would sit idle",
     "{rate}, latency-tolerant and always connected",
     "assumption: below about one call an hour an accelerator idles; 1 s budgets absorb any round trip",
     "workload.calls", low_frequency},
    {"rate.high-frequency", Effect::favor, "edge", ThresholdKind::rate, 1.0,
     "many calls per member (at least the threshold)",
     "{rate} (at least {threshold}): every cloud call is paid for and waited on",
     "{rate}",
     "edgecalc domain data: per-call cloud cost grows linearly with the call rate", "workload.calls", high_frequency},
};

}  // namespace

std::string_view to_string(Effect effect) { return effect == Effect::block ? "block" : "favor"; }

std::span<const Rule> rules() { return k_rules; }

const Rule* find_rule(std::string_view id) {
  for (const Rule& r : k_rules)
    if (r.id == id) return &r;
  return nullptr;
}

std::vector<std::string> rule_ids() {
  std::vector<std::string> ids;
  for (const Rule& r : k_rules) ids.emplace_back(r.id);
  return ids;
}

std::string format_threshold(ThresholdKind kind, double value) {
  switch (kind) {
    case ThresholdKind::duration: return format_duration(value);
    case ThresholdKind::fraction: return format_percent(value);
    case ThresholdKind::count: return format_count(value);
    case ThresholdKind::rate: return format_rate(value, default_units().month_s);
    case ThresholdKind::none: break;
  }
  return "-";
}

namespace {

std::string fill(std::string_view tpl, const Values& values) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& [name, value] : values) store.push_back(fmt::arg(name.c_str(), value));
  return fmt::vformat(tpl, store);
}

}  // namespace

std::vector<FiredRule> apply_rules(const Profile& profile, const CostModel& costs,
                                   const Latency& latency) {
  const RuleContext ctx{profile, costs, latency};
  std::vector<FiredRule> fired;
  for (const Rule& rule : k_rules) {
    double threshold = rule.default_threshold;
    if (const auto o = profile.rules.find(std::string(rule.id)); o != profile.rules.end()) {
      if (!o->second.enabled) continue;
      threshold = o->second.threshold.value_or(threshold);
    }
    std::optional<Firing> firing = rule.condition(ctx, threshold);
    if (!firing) continue;
    firing->values.emplace_back("threshold", format_threshold(rule.threshold_kind, threshold));
    const std::string message = fill(rule.message, firing->values);
    const std::string reason = fill(rule.reason, firing->values);
    for (Option option : firing->options)
      fired.push_back(FiredRule{&rule, option, threshold, message, reason});
  }
  return fired;
}

}  // namespace edgecalc
