#include <edgecalc/model/latency.hpp>

namespace edgecalc {

Latency latency_of(const Profile& p) {
  Latency l;
  const double edge = p.edge.inference_time_s;
  l.edge = OptionLatency{edge, edge};
  const Connectivity& c = p.connectivity;
  if (c.rtt && c.uplink_bytes_per_s && *c.uplink_bytes_per_s > 0) {
    l.upload_s = p.workload.payload_bytes / *c.uplink_bytes_per_s;
    const double fixed = l.upload_s + p.cloud.inference_time_s;
    l.cloud = OptionLatency{c.rtt->low_s + fixed, c.rtt->high_s + fixed};
  }
  // Hybrid: the device answers every call locally; escalations are asynchronous follow-ups
  // unless escalation_sync, when escalated calls wait for the cloud. Then the 95th percentile
  // is a cloud call once more than 5% escalate, and the median once more than half do.
  l.hybrid = l.edge;
  if (p.hybrid.escalation_sync) {
    if (p.hybrid.escalation > k_sync_p95_share) l.hybrid.p95_s = l.cloud.p95_s;
    if (p.hybrid.escalation > 0.5) l.hybrid.p50_s = l.cloud.p50_s;
  }
  return l;
}

}  // namespace edgecalc
