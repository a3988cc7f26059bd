#include <edgecalc/domain/defaults.hpp>

#include <stdexcept>
#include <string>

namespace edgecalc {

namespace {

constexpr std::string_view k_edgecalc = "edgecalc default";

// Changing a default is an edit of this row (docs/profile.md's default column is tested against
// it). A derived default ("" value) is computed where its field is read.
constexpr FieldDefault k_defaults[] = {
    {"currency", "USD", k_edgecalc},
    {"month", "730h", "edgecalc default: 8,760 h a year / 12"},
    {"horizon", "36 months", k_edgecalc},
    {"finance.discount_rate", "0%/year", "edgecalc default: a dollar in month 36 counts as a dollar today"},
    {"finance.residual", "",
     "market (data: domain/finance.cpp, the GLRI's secondary-market curve) for deployment: server; none for "
     "devices, which are not recovered from the field"},
    {"carbon.grid", "world", "Ember, Global Electricity Review 2024: the world's power sector at 480 gCO2/kWh in 2023"},
    {"workload.peak_factor", "1", "edgecalc default: no peak above the average; capacity is sized for the average"},
    {"workload.payload", "0", "edgecalc default: no upload time and no transfer cost"},
    {"workload.hard_fraction", "0%", "edgecalc default: the edge model handles every call"},
    {"workload.service_cv", "0",
     "edgecalc default: 0 for a fixed-shape model (keyword, vision, sensor: the same graph every call); 1 with "
     "workload.tokens, as chat output lengths spread about as widely as an exponential's (ShareGPT answers: many under "
     "20 tokens, few over 200, CentML/flexible-inference-bench pull request 103, 2025-06-02)"},
    {"workload.quantization", "q4_k_m",
     "edgecalc default: llama.cpp's recommended 4-bit K-quant, the common choice for local LLMs"},
    {"fleet.unit", "devices", k_edgecalc},
    {"connectivity.rtt", "", ""},
    {"connectivity.uplink", "", ""},
    {"connectivity.outage", "", ""},
    {"connectivity.data_price", "", ""},
    {"connectivity.offline_tolerance", "unlimited", "edgecalc default: the product may wait for the link indefinitely"},
    {"data.leaves_device", "auto", "edgecalc default: decided by data.sensitivity"},
    {"data.dpa", "false", "edgecalc default: no agreement"},
    {"data.escalation_allowed", "false", "edgecalc default: escalations follow the raw-data policy"},
    {"cloud.inference_time", "0ms", "edgecalc default: cloud latency is the network's alone"},
    {"cloud.price.tier", "standard", "edgecalc default: the interactive price"},
    {"cloud.transfer", "0", "edgecalc default: payload transfer is not charged"},
    {"cloud.fixed", "0", "edgecalc default: no platform fee"},
    {"cloud.price.instance.tier", "on-demand", "edgecalc default: billed by the hour, no commitment"},
    {"cloud.price.instance.min", "", "edgecalc default: one instance always runs (none with tier scale-to-zero)"},
    {"cloud.price.instance.interruptions", "8/day",
     "Digiteria Labs, 'Cloud GPU Pricing Shifts in Q1 2026': H100 spot capacity holds 2-4 hours before preemption in "
     "peak regions; one reclaim every 3 hours"},
    {"cloud.price.instance.idle_timeout", "5min",
     "Vertex AI scale-to-zero: idle_scaledown_period is at least 5 minutes (DedicatedResources.ScaleToZeroSpec)"},
    {"cloud.price.instance.utilization", "100%", "edgecalc default: instances are sized to full capacity"},
    {"edge.deployment", "device", "edgecalc default: hardware in every fleet member"},
    {"edge.max_concurrency", "", "the serving engine's slots (the backend in data/hardware.yaml), or Little's law: capacity x inference time"},
    {"edge.utilization", "100%", "edgecalc default: boxes are sized to full capacity"},
    {"edge.power", "0", "edgecalc default: no energy cost is counted"},
    {"edge.energy_price", "0", "edgecalc default: no energy cost is counted"},
    {"edge.pue", "1", "edgecalc default: no cooling overhead"},
    {"edge.engineering", "0", "edgecalc default: no one-time engineering cost is counted"},
    {"edge.maintenance", "0", "edgecalc default: no upkeep is counted"},
    {"edge.fixed", "0", k_edgecalc},
    {"edge.lifetime", "never", "edgecalc default: hardware is not replaced within the horizon"},
    {"hybrid.escalation", "", "from workload.hard_fraction"},
    {"hybrid.escalation_sync", "false", "edgecalc default: escalations are asynchronous follow-ups"},
    {"hybrid.mode", "cascade", "edgecalc default: the local model sees every call and escalates what it cannot answer"},
    {"hybrid.router_time", "0ms", "edgecalc default: routing takes no time (a warning says so when hybrid.mode is route)"},
    {"close_call", "10%", k_edgecalc},
};

}  // namespace

std::span<const FieldDefault> field_defaults() { return k_defaults; }

const FieldDefault& field_default(std::string_view field) {
  for (const FieldDefault& d : k_defaults)
    if (d.field == field) return d;
  throw std::logic_error("no default for field " + std::string(field));
}

UnitContext default_units() {
  UnitContext units{0, std::string(field_default("currency").value)};
  const Parsed month = parse_duration(field_default("month").value, units);  // "730h": no month needed
  if (!month.ok()) throw std::logic_error("the default month does not parse: " + month.error);
  units.month_s = month.value;
  return units;
}

}  // namespace edgecalc
