#include <edgecalc/domain/rule_table.hpp>

#include "domain/units.hpp"

#include <stdexcept>

#include <edgecalc/domain/defaults.hpp>

#include "util/format.hpp"

namespace edgecalc {

namespace {

using namespace units;

// The rules, evaluated and listed in this order. Thresholds are in base units.
constexpr RuleInfo k_rules[] = {
    {"latency.cloud-floor", Effect::block, "cloud", ThresholdKind::duration, 20 * k_ms,
     "the latency budget is under the threshold",
     "the {budget} latency budget is under {threshold}: no network round trip to a cloud region fits",
     "the {budget} budget (no round trip fits under {threshold})",
     "edgecalc domain data: latency under 20 ms rules the cloud out; wired round trips alone take "
     "10-40 ms (FCC Measuring Broadband America 2023)",
     "workload.latency_budget"},
    {"latency.cloud-rtt", Effect::block, "cloud, synchronous hybrid", ThresholdKind::none, 0,
     "the cloud's p95 latency (round trip + upload + inference) is over the budget",
     "cloud p95 is {p95} ({network} round trip {rtt} + upload {upload} + inference {inference}), over "
     "the {budget} budget",
     "the {budget} budget ({network} p95 {p95})",
     "latency model: network class table (docs/networks.md) or connectivity.rtt/uplink; "
     "cloud.inference_time",
     "workload.latency_budget"},
    {"latency.edge-time", Effect::block, "edge, hybrid", ThresholdKind::none, 0,
     "an edge call at the peak (its own time plus the wait for a free unit) takes longer than the budget",
     "an edge call at the peak takes {p95} at p95 ({time} a call + {wait} waiting, {units}), over the {budget} budget",
     "edge p95 at the peak ({p95} against {budget})",
     "latency under load: edge.inference_time (written or predicted) at the peak's batch, plus the "
     "M/G/c wait (docs/model.md)", "edge.inference_time"},
    {"connectivity.none", Effect::block, "cloud", ThresholdKind::none, 0,
     "there is no network link",
     "connectivity.network is none: the cloud cannot be reached (a hybrid answers locally and "
     "queues its escalations)",
     "no network link", "profile: connectivity.network", "connectivity.network"},
    {"connectivity.offline", Effect::block, "cloud", ThresholdKind::none, 0,
     "the product tolerates shorter outages than the network's typical one",
     "the product must keep working through {tolerance} outages; {network} links drop for {outage}",
     "{network} outages of {outage} (the product tolerates {tolerance})",
     "network class table (docs/networks.md) or connectivity.outage, against "
     "connectivity.offline_tolerance",
     "connectivity.offline_tolerance"},
    {"privacy.raw-data", Effect::block, "cloud, hybrid unless data.escalation_allowed",
     ThresholdKind::none, 0, "raw input may not leave the device",
     "raw {sensitivity} data may not leave the device ({why})",
     "{sensitivity} data that may not leave the device",
     "edgecalc domain data: sensitive raw data (audio, video, biometric, health) stays on the "
     "device; personal data leaves it only under a data-processing agreement (GDPR Art. 28)",
     "data.sensitivity"},
    {"capability.hard-fraction", Effect::block, "edge", ThresholdKind::fraction, 0,
     "a share of calls above the threshold needs the cloud model",
     "{share} of calls need the cloud model (workload.hard_fraction): edge alone cannot answer them",
     "{share} of calls that need the cloud model",
     "profile: workload.hard_fraction; the hybrid escalates them (hybrid.escalation defaults to it)",
     "workload.hard_fraction"},
    {"fit.memory", Effect::block, "edge, hybrid", ThresholdKind::none, 0,
     "the model named in workload.model does not fit the memory of edge.hardware",
     "{model} does not fit: {need}", "{model} not fitting ({need})",
     "predictor: weights (parameters x bits per weight) + KV cache + runtime against usable RAM; TinyML "
     "arena and flash against SRAM and flash (docs/predictor.md)",
     "workload.model"},
    {"fit.context", Effect::block, "edge, hybrid", ThresholdKind::none, 0,
     "a call's input and output tokens exceed the context window of workload.model",
     "a call needs {tokens} tokens ({input} in + {output} out), over the {context}-token context of {model}",
     "{model}'s {context}-token context ({tokens} needed)",
     "catalog: the model's context window (data/models.yaml) against workload.tokens", "workload.tokens"},
    {"fit.throughput", Effect::block, "edge, hybrid", ThresholdKind::fraction, 1.0,
     "at the peak rate each device would be busy more than the threshold answering its own calls",
     "each {hardware} would be busy {busy} of the time at the peak ({rate}, {latency} a call; {mean} on average)",
     "devices busy {busy} of the time at the peak",
     "sizing: a member's peak calls per second (workload.calls x peak_factor) x edge.inference_time, "
     "written or predicted (docs/model.md)",
     "edge.inference_time"},
    {"battery.life", Effect::block, "edge, cloud, hybrid", ThresholdKind::none, 0,
     "a device on battery would last less than battery.min_life under the option",
     "on battery, {lives}: under the {min} battery.min_life",
     "battery life under {min} ({lives})",
     "battery life: battery.capacity / (sleep draw + calls x (inference + radio message and payload)); radio "
     "energy per message and byte from measurements (docs/model.md)",
     "battery.min_life"},
    {"scale.fleet", Effect::favor, "edge", ThresholdKind::count, 5000,
     "the fleet is larger than the threshold",
     "{fleet} {unit} (more than {threshold}): hardware bought once amortises while per-call cloud "
     "fees grow with every unit",
     "a fleet of {fleet} {unit}",
     "edgecalc domain data: per-call cloud cost grows linearly with fleet and rate; edge cost is "
     "mostly up front",
     "fleet.size"},
    {"rate.low-frequency", Effect::favor, "cloud", ThresholdKind::rate, 1 / 3600.0,
     "few calls per member (at most the threshold), a budget of 1 s or more, an always-on link",
     "{rate} (at most {threshold}), a {budget} budget and an always-on link: dedicated hardware "
     "would sit idle",
     "{rate}, latency-tolerant and always connected",
     "assumption: below about one call an hour an accelerator idles; 1 s budgets absorb any round trip",
     "workload.calls"},
    {"rate.high-frequency", Effect::favor, "edge", ThresholdKind::rate, 1.0,
     "many calls per member (at least the threshold)",
     "{rate} (at least {threshold}): every cloud call is paid for and waited on",
     "{rate}",
     "edgecalc domain data: per-call cloud cost grows linearly with the call rate", "workload.calls"},
};

constexpr RuleConstant k_constants[] = {
    {"rate.low-frequency", "tolerant_budget", 1.0,
     "assumption: a budget of 1 s or more absorbs the p95 round trip of every network class (at "
     "most 800 ms, satellite-geo, docs/networks.md): the workload is latency-tolerant"},
};

// What raw data of each sensitivity may do when `leaves_device: auto` (data, not if-chains);
// the source is privacy.raw-data's row.
struct SensitivityPolicy {
  Sensitivity sensitivity;
  AutoPolicy policy;
};
constexpr SensitivityPolicy k_auto_policies[] = {
    {Sensitivity::public_data, AutoPolicy::allowed}, {Sensitivity::internal, AutoPolicy::allowed},
    {Sensitivity::proprietary, AutoPolicy::allowed}, {Sensitivity::personal, AutoPolicy::needs_dpa},
    {Sensitivity::biometric, AutoPolicy::forbidden}, {Sensitivity::health, AutoPolicy::forbidden},
    {Sensitivity::audio, AutoPolicy::forbidden},     {Sensitivity::video, AutoPolicy::forbidden}};


}  // namespace

std::string_view to_string(Effect effect) { return effect == Effect::block ? "block" : "favor"; }

std::span<const RuleInfo> rule_table() { return k_rules; }

const RuleInfo* find_rule_info(std::string_view id) {
  for (const RuleInfo& r : k_rules)
    if (r.id == id) return &r;
  return nullptr;
}

std::vector<std::string> rule_ids() {
  std::vector<std::string> ids;
  for (const RuleInfo& r : k_rules) ids.emplace_back(r.id);
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

std::span<const RuleConstant> rule_constants() { return k_constants; }

double rule_constant(std::string_view rule, std::string_view name) {
  for (const RuleConstant& c : k_constants)
    if (c.rule == rule && c.name == name) return c.value;
  throw std::logic_error("no constant " + std::string(name) + " for rule " + std::string(rule));
}

AutoPolicy auto_policy(Sensitivity s) {
  for (const auto& p : k_auto_policies)
    if (p.sensitivity == s) return p.policy;
  return AutoPolicy::forbidden;
}

}  // namespace edgecalc
