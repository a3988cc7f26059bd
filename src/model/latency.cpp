#include <edgecalc/model/latency.hpp>

#include <cmath>

namespace edgecalc {

namespace {

// service + wait at the peak; nullopt when the units cannot keep up (the rules say why).
OptionLatency of_load(const OptionLoad& l, double fixed_p50_s, double fixed_p95_s) {
  if (l.saturated || !std::isfinite(l.wait_p95_s)) return {};
  return OptionLatency{fixed_p50_s + l.service_s + l.wait_p50_s, fixed_p95_s + l.service_s + l.wait_p95_s};
}

std::optional<double> plus(const std::optional<double>& a, const std::optional<double>& b) {
  if (!a || !b) return std::nullopt;
  return *a + *b;
}

}  // namespace

std::optional<DurationRange> network_time(const Profile& p) {
  const Connectivity& c = p.connectivity;
  if (!c.rtt || !c.uplink_bytes_per_s || *c.uplink_bytes_per_s <= 0) return std::nullopt;
  const double upload = p.workload.payload_bytes / *c.uplink_bytes_per_s;
  return DurationRange{c.rtt->low_s + upload, c.rtt->high_s + upload};
}

Latency latency_of(const Profile& p, const CostModel& costs) {
  Latency l;
  l.edge = of_load(costs.sizing.load, 0, 0);
  if (const auto net = network_time(p)) {
    l.upload_s = p.workload.payload_bytes / *p.connectivity.uplink_bytes_per_s;
    const double fixed = p.cloud.inference_time_s;
    l.cloud = costs.cloud.load ? of_load(*costs.cloud.load, net->low_s, net->high_s)
                               : OptionLatency{net->low_s + fixed, net->high_s + fixed};
  }
  // Hybrid: the local units answer every call they see; escalations are asynchronous follow-ups
  // unless escalation_sync, when escalated calls wait for the cloud: after the local attempt
  // (cascade) or after the router (route). The 95th percentile is an escalated call once more
  // than 5% escalate, the median once more than half do.
  l.hybrid = of_load(costs.hybrid_sizing.load, 0, 0);
  if (p.hybrid.escalation_sync) {
    const bool cascade = p.hybrid.mode == HybridMode::cascade;
    const OptionLatency before = cascade ? l.hybrid : OptionLatency{p.hybrid.router_time_s, p.hybrid.router_time_s};
    const OptionLatency escalated{plus(before.p50_s, l.cloud.p50_s), plus(before.p95_s, l.cloud.p95_s)};
    if (p.hybrid.escalation > k_sync_p95_share) l.hybrid.p95_s = escalated.p95_s;
    if (p.hybrid.escalation > 0.5) l.hybrid.p50_s = escalated.p50_s;
  }
  return l;
}

Latency latency_of(const Profile& p) { return latency_of(p, price_options(p)); }

}  // namespace edgecalc
