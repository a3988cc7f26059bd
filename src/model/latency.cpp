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
    const OptionLatency before = cascade ? l.hybrid : OptionLatency{p.hybrid.router_time_s, p.hybrid.router_time_s, {}, 0};
    const OptionLatency escalated{plus(before.p50_s, l.cloud.p50_s), plus(before.p95_s, l.cloud.p95_s), {}, 0};
    if (p.hybrid.escalation > k_sync_p95_share) {
      l.hybrid.p95_s = escalated.p95_s;
      l.hybrid.call.reset();  // the budget is checked against the escalated p95
    }
    if (p.hybrid.escalation > 0.5) l.hybrid.p50_s = escalated.p50_s;
  }
  return l;
}

Latency latency_of(const Profile& p) { return latency_of(p, price_options(p)); }

}  // namespace edgecalc
