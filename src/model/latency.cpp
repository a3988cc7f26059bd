#include <edgecalc/model/latency.hpp>

#include <algorithm>
#include <cmath>

namespace edgecalc {

namespace {

// The wait + service of `l` after a fixed part: `low_s` for the median, `high_s` for p95.
OptionLatency of_call(CallTime call, double low_s, double high_s) {
  if (!call.stable) return {};
  call.fixed_s += high_s;
  OptionLatency o;
  o.call = call;
  o.p50_fixed_shift_s = low_s - high_s;
  return o;
}

// Service + wait at the peak; no latency when the units cannot keep up (the rules say why).
OptionLatency of_load(const OptionLoad& l, double low_s, double high_s) {
  if (l.saturated || !std::isfinite(l.wait_p95_s)) return {};
  return of_call(l.call, low_s, high_s);
}

void compute_quantiles(OptionLatency& o) {
  if (!o.call || o.p95_s) return;
  o.p50_s = call_time_quantile(*o.call, 0.5) + o.p50_fixed_shift_s;
  o.p95_s = call_time_quantile(*o.call, 0.95);
}

std::optional<double> plus(const std::optional<double>& a, const std::optional<double>& b) {
  if (!a || !b) return std::nullopt;
  return *a + *b;
}

// Goodput of `units` units of `service` that see `peak` calls/s today (one device's own calls
// with `per_device`), their p95 within `budget_s` after `fixed_p95_s` (the network). `member_peak`:
// the peak of one fleet member's calls at these units, which turns a shared rate into a fleet size.
Goodput goodput_of(const ServiceModel& service, double units, double peak, bool per_device,
                   std::optional<double> budget_s, double fixed_p95_s, double service_cv, double member_peak) {
  Goodput g;
  g.peak_calls_per_second = peak;
  g.units = units;
  g.per_device = per_device;
  g.budget_bound = budget_s.has_value();
  g.max_calls_per_second = goodput(service, units, budget_s, fixed_p95_s, service_cv);
  if (g.max_calls_per_second > 0) g.headroom = 1 - peak / g.max_calls_per_second;
  if (!per_device && member_peak > 0) g.fleet_size_limit = std::floor(g.max_calls_per_second / member_peak * (1 + 1e-12));
  return g;
}

// Each option's goodput, the units held as costs sized them. A cloud API has no units of the
// user's to hold; a synchronous hybrid whose p95 is an escalated call's (more than 5% escalate)
// gives its local units what the cloud's p95 leaves of the budget (cascade), or no budget at all
// (route: the escalated calls skip the local units).
void add_goodput(Latency& l, const Profile& p, const CostModel& costs) {
  const Workload& w = p.workload;
  const double cv = w.service_cv;
  const auto local = [&](const EdgeSizing& s, std::optional<double> budget_s) {
    const bool device = p.edge.deployment == Deployment::device;
    const double member_peak = s.share * w.calls_per_s * w.peak_factor;
    return goodput_of(s.service, device ? 1 : s.units, device ? member_peak : s.load.peak_calls_per_second, device,
                      budget_s, 0, cv, member_peak);
  };
  if (costs.sizing.units > 0) l.edge.goodput = local(costs.sizing, w.latency_budget_s);
  const auto net = network_time(p);
  if (net && costs.cloud.load && costs.cloud.instances)
    l.cloud.goodput = goodput_of(cloud_instance_service(p, costs.volume.calls_per_second), *costs.cloud.instances, costs.cloud.load->peak_calls_per_second,
                                 false, w.latency_budget_s, net->high_s, cv, w.calls_per_s * w.peak_factor);
  if (!costs.hybrid_applicable || costs.hybrid_sizing.units <= 0) return;
  std::optional<double> budget = w.latency_budget_s;
  if (p.hybrid.escalation_sync && p.hybrid.escalation > k_sync_p95_share && budget) {
    if (p.hybrid.mode == HybridMode::route) {
      budget.reset();
    } else if (l.cloud.p95_s) {
      budget = *budget - *l.cloud.p95_s;
    } else {
      return;
    }
  }
  if (budget && *budget < 0) budget = 0;
  l.hybrid.goodput = local(costs.hybrid_sizing, budget);
}

}  // namespace

bool p95_within_budget(const OptionLatency& l, double budget_s) {
  if (l.call) return p95_within(*l.call, 0, budget_s);
  return l.p95_s && *l.p95_s <= budget_s;
}

std::optional<DurationRange> network_time(const Profile& p) {
  const Connectivity& c = p.connectivity;
  if (!c.rtt || !c.uplink_bytes_per_s || *c.uplink_bytes_per_s <= 0) return std::nullopt;
  const double upload = p.workload.payload_bytes / *c.uplink_bytes_per_s;
  return DurationRange{c.rtt->low_s + upload, c.rtt->high_s + upload};
}

Latency latency_of(const Profile& p, const CostModel& costs, Quantiles quantiles) {
  Latency l;
  l.edge = of_load(costs.sizing.load, 0, 0);
  if (const auto net = network_time(p)) {
    l.upload_s = p.workload.payload_bytes / *p.connectivity.uplink_bytes_per_s;
    if (costs.cloud.load) {
      l.cloud = of_load(*costs.cloud.load, net->low_s, net->high_s);
    } else {
      // An API does not queue (the provider's capacity is not the user's to size); its call
      // varies as the output does: the time to the first token is fixed, the decode spreads.
      // A batch tier's time is its window, a deadline: it does not spread.
      const bool window = p.cloud.price.tier == PriceTier::batch;
      const double ttft = window ? p.cloud.inference_time_s
                                 : std::min(p.derivations.api_ttft_s.value_or(0), p.cloud.inference_time_s);
      const CallTime api = call_time(QueueWait{}, ttft, p.cloud.inference_time_s - ttft, p.workload.service_cv);
      l.cloud = of_call(api, net->low_s, net->high_s);
    }
  }
  // Hybrid: the local units answer every call they see; escalations are asynchronous follow-ups
  // unless escalation_sync, when escalated calls wait for the cloud: after the local attempt
  // (cascade) or after the router (route). The 95th percentile is an escalated call once more
  // than 5% escalate, the median once more than half do; an escalated call's percentile is taken
  // as the sum of its parts' (an upper bound: the parts rarely peak together).
  l.hybrid = of_load(costs.hybrid_sizing.load, 0, 0);
  const bool sync = p.hybrid.escalation_sync && p.hybrid.escalation > 0;
  if (quantiles == Quantiles::computed || sync) {
    compute_quantiles(l.edge);
    compute_quantiles(l.cloud);
    compute_quantiles(l.hybrid);
  }
  if (sync) {
    const bool cascade = p.hybrid.mode == HybridMode::cascade;
    const OptionLatency before = cascade ? l.hybrid : OptionLatency{p.hybrid.router_time_s, p.hybrid.router_time_s, {}, 0, {}};
    const OptionLatency escalated{plus(before.p50_s, l.cloud.p50_s), plus(before.p95_s, l.cloud.p95_s), {}, 0, {}};
    if (p.hybrid.escalation > k_sync_p95_share) {
      l.hybrid.p95_s = escalated.p95_s;
      l.hybrid.call.reset();  // the budget is checked against the escalated p95
    }
    if (p.hybrid.escalation > 0.5) l.hybrid.p50_s = escalated.p50_s;
  }
  if (quantiles == Quantiles::computed) add_goodput(l, p, costs);
  return l;
}

Latency latency_of(const Profile& p) { return latency_of(p, price_options(p)); }

}  // namespace edgecalc
