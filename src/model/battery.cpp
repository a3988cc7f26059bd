// Battery life (docs/model.md, "Battery life"): one device's average draw under each option, its
// sleep draw plus, for each call, its own inference (edge, and the hybrid's local share) and the
// radio message that sends the payload to the cloud (cloud, and the hybrid's escalations).

#include <edgecalc/model/model.hpp>

#include <algorithm>

namespace edgecalc {

namespace {

// The device's energy per inference above its sleep draw, or why it is unknown.
std::optional<double> inference_j(const Profile& p, const Battery& b, std::string& unknown) {
  const double rate = p.workload.calls_per_s;
  if (p.edge.power_curve) return std::max(0.0, p.edge.power_curve->active_w - b.sleep_w) * p.edge.inference_time_s;
  if (p.edge.power_w > 0 && rate > 0) return std::max(0.0, p.edge.power_w - b.sleep_w) / rate;  // an average draw
  unknown = "the device's energy per inference is unknown: write edge.power ({idle, active}) or name edge.hardware";
  return std::nullopt;
}

// `local` of the calls inferred on the device, `sent` of them sent to the cloud by radio.
BatteryLife life(const Profile& p, const Battery& b, double local, double sent, const std::optional<double>& per_inference,
                 const std::string& unknown) {
  BatteryLife l;
  const double rate = p.workload.calls_per_s;
  l.radio_j = sent * (b.message_j + p.workload.payload_bytes * b.byte_j);
  if (local > 0 && !per_inference) {
    l.unknown = unknown;
    return l;
  }
  l.compute_j = local > 0 ? local * *per_inference : 0;
  l.average_w = b.sleep_w + rate * (*l.compute_j + l.radio_j);
  if (*l.average_w > 0) l.life_s = b.capacity_j / *l.average_w;
  else l.unknown = "the device draws nothing: no sleep draw and no calls";
  return l;
}

}  // namespace

void price_battery(const Profile& p, CostModel& m) {
  m.cloud.battery.reset();
  m.edge.battery.reset();
  m.hybrid.battery.reset();
  if (!p.battery) return;
  const Battery& b = *p.battery;
  std::string unknown;
  const std::optional<double> per_inference = inference_j(p, b, unknown);
  m.cloud.battery = life(p, b, 0, 1, per_inference, unknown);
  m.edge.battery = life(p, b, 1, 0, per_inference, unknown);
  if (!m.hybrid_applicable) return;
  const double e = p.hybrid.escalation;
  const double local = p.hybrid.mode == HybridMode::route ? 1 - e : 1;  // a cascade infers every call first
  m.hybrid.battery = life(p, b, local, e, per_inference, unknown);
}

}  // namespace edgecalc
