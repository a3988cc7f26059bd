#include <edgecalc/model/model.hpp>

#include <algorithm>

namespace edgecalc {

// Devices: each fleet member runs its own calls, one at a time: busy = calls/s x time per call.
// Servers: boxes are bought for the peak at the utilization target; the busy share is the load
// over the capacity of the boxes bought. Power sits between idle and active by the mean busy
// share (a box busy 12% of the time draws idle + 12% of the difference).
EdgeSizing size_edge(const Profile& p, const Volume& v) {
  const Edge& e = p.edge;
  EdgeSizing s;
  if (e.deployment == Deployment::server) {
    s.unit_capacity = e.capacity_per_s.value_or(0);
    s.units = units_needed(v.peak_calls_per_second, s.unit_capacity, e.utilization);
    const double bought = s.units * s.unit_capacity;
    if (bought > 0) {
      s.busy_mean = v.calls_per_second / bought;
      s.busy_peak = v.peak_calls_per_second / bought;
    }
  } else {
    s.units = p.fleet.size;
    s.unit_capacity = e.inference_time_s > 0 ? 1 / e.inference_time_s : 0;
    s.busy_mean = p.workload.calls_per_s * e.inference_time_s;
    s.busy_peak = s.busy_mean * p.workload.peak_factor;
  }
  if (e.power_curve) {
    s.power_from_load = true;
    s.power_w = e.power_curve->idle_w + std::min(1.0, s.busy_mean) * (e.power_curve->active_w - e.power_curve->idle_w);
  } else {
    s.power_w = e.power_w;
  }
  return s;
}

}  // namespace edgecalc
