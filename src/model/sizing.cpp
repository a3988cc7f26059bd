#include <edgecalc/model/model.hpp>

#include <algorithm>

namespace edgecalc {

ServiceModel edge_service(const Profile& p, const std::optional<Prediction>& prediction) {
  const Edge& e = p.edge;
  if (e.deployment == Deployment::device) {
    ServiceModel m = simple_service(e.inference_time_s, 0, 1.0);
    // A predicted LLM call: its prefill (input tokens / prefill rate) does not vary with the output.
    const bool predicted_time = p.predictor && p.predictor->inference_time_predicted;
    if (predicted_time && prediction && prediction->llm && prediction->prefill_tokens_per_second && p.workload.tokens)
      m.unvarying_s = std::min(e.inference_time_s, p.workload.tokens->input / *prediction->prefill_tokens_per_second);
    return m;
  }
  // The predictor's batching holds only when both the call time and the capacity are its own.
  const bool predicted = p.predictor && p.predictor->capacity_predicted && p.predictor->inference_time_predicted;
  if (predicted && prediction && prediction->batch) {
    ServiceModel m;
    m.batch = prediction->batch;
    m.slots = prediction->batch->max_concurrency;
    m.call_s = prediction->call_latency_s;
    m.capacity_per_s = prediction->calls_per_second_capacity;
    m.unvarying_s = prediction->batch->prefill_s;
    return m;
  }
  return simple_service(e.inference_time_s, e.capacity_per_s.value_or(0), e.max_concurrency);
}

// Devices: each fleet member answers its own calls, one at a time, as its own queue.
// Servers: as many boxes as the utilization target needs at the peak, more while p95 at the peak
// exceeds the latency budget. Power sits between idle and active by the mean busy share (a box
// busy 12% of the time draws idle + 12% of the difference).
EdgeSizing size_edge(const Profile& p, const Volume& v, const ServiceModel& service, double share) {
  const Edge& e = p.edge;
  EdgeSizing s;
  s.share = share;
  s.service = service;
  s.unit_capacity = service.capacity_per_s;
  const double cv = p.workload.service_cv;
  if (e.deployment == Deployment::server) {
    const double peak = share * v.peak_calls_per_second;
    const double at_least = units_needed(peak, service.capacity_per_s, e.utilization);
    s.load = size_for_load(service, peak, at_least, p.workload.latency_budget_s, 0, cv);
    s.units = s.load.servers;
    // Busy shares of one box: at the mean for power, at the peak for the report. A batching
    // GPU works whenever one call decodes, so a light load keeps it busier than load / capacity.
    if (s.units > 0) {
      s.busy_mean = load_at(service, share * v.calls_per_second, s.units, cv).busy_share;
      s.busy_peak = s.load.busy_share;
    }
  } else {
    s.units = p.fleet.size;
    s.busy_mean = share * p.workload.calls_per_s * e.inference_time_s;
    s.busy_peak = s.busy_mean * p.workload.peak_factor;
    s.load = load_at(service, share * p.workload.calls_per_s * p.workload.peak_factor, 1, cv);
    s.load.servers = s.units;
    s.load.peak_calls_per_second = share * v.peak_calls_per_second;
    s.load.sized_by = SizedBy::fleet;
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
