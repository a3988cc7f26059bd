#include <edgecalc/model/serving.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

#include <boost/math/tools/roots.hpp>

#include <edgecalc/model/queue.hpp>
#include <edgecalc/model/rental.hpp>

namespace edgecalc {

namespace {

constexpr double k_max_units = 1e9;

struct OperatingPoint {
  double batch = 1;
  double service_s = 0;
  bool saturated = false;
  double busy = 1;  // share of time the unit works: prefilling, or at least one call decoding
};

// A batching unit receiving `rate` calls per second. Prefills run alone (a share rate x prefill
// of the unit's time); the calls decoding together number b = rate x output x step(b) /
// (1 - rate x prefill) by Little's law: solved by bisection on [1, slots].
OperatingPoint batched_point(const BatchModel& m, double rate, double slots) {
  OperatingPoint o;
  const double prefill_share = rate * m.prefill_s;
  if (prefill_share >= 1) return {slots, std::numeric_limits<double>::infinity(), true, 1};
  const auto excess = [&](double b) { return rate * m.output_tokens * m.step_s(b) / (1 - prefill_share) - b; };
  double decoding = excess(1) + 1;  // below one call decoding on average, each decodes alone
  if (decoding > 1) {
    if (excess(slots) > 0) return {slots, std::numeric_limits<double>::infinity(), true, 1};
    double lo = 1, hi = slots;
    for (int i = 0; i < 100 && hi - lo > 1e-9 * hi; ++i) ((excess((lo + hi) / 2) > 0) ? lo : hi) = (lo + hi) / 2;
    o.batch = decoding = hi;
  }
  o.service_s = m.prefill_s + m.output_tokens * m.step_s(o.batch) / (1 - prefill_share);
  // Calls decoding at a moment are about Poisson: none with probability e^-decoding.
  o.busy = prefill_share + (1 - prefill_share) * (1 - std::exp(-decoding));
  return o;
}

}  // namespace

std::string_view to_string(SizedBy value) {
  switch (value) {
    case SizedBy::utilization: return "utilization";
    case SizedBy::latency: return "latency";
    case SizedBy::fleet: return "fleet";
  }
  return "";
}

ServiceModel simple_service(double call_s, double capacity_per_s, std::optional<double> slots) {
  ServiceModel m;
  m.call_s = call_s;
  m.capacity_per_s = capacity_per_s > 0 ? capacity_per_s : (call_s > 0 ? 1 / call_s : 0);
  m.slots = slots.value_or(std::max(1.0, std::floor(m.capacity_per_s * call_s * (1 + 1e-12))));
  return m;
}

ServiceModel cloud_instance_service(const Profile& p, double mean_calls_per_s) {
  ServiceModel m = simple_service(p.cloud.inference_time_s, p.cloud.price.capacity_per_s, std::nullopt);
  const RentalEffect e = rental_effect(p, mean_calls_per_s);
  m.capacity_per_s *= e.capacity_share / e.work_factor;  // the slots stay; each call holds one longer
  m.delay_share = e.delay_share;
  m.delay_s = e.delay_s;
  return m;
}

bool p95_within(const CallTime& call, double fixed_s, double budget_s) {
  CallTime shifted = call;
  shifted.fixed_s += fixed_s;
  return call_time_cdf(shifted, budget_s) >= 0.95 - 1e-9;
}

double goodput(const ServiceModel& m, double units, std::optional<double> budget_s, double fixed_p95_s,
               double service_cv) {
  const double per_unit = m.capacity_per_s > 0 ? m.capacity_per_s : (m.call_s > 0 ? m.slots / m.call_s : 0);
  const double saturation = units * per_unit;
  if (!budget_s || saturation <= 0) return saturation;
  // The share of calls within the budget, less 95% (the tolerance p95_within allows): it falls
  // as the rate rises, and is -1 once the units saturate.
  const auto margin = [&](double rate) {
    const OptionLoad l = load_at(m, rate, units, service_cv);
    if (l.saturated) return -1.0;
    CallTime shifted = l.call;
    shifted.fixed_s += fixed_p95_s;
    const double within = call_time_cdf(shifted, *budget_s);
    return std::isnan(within) ? -1.0 : within - (0.95 - 1e-9);  // no share at all: it does not meet it
  };
  const double at_zero = margin(0);
  if (at_zero < 0) return 0;
  const double at_saturation = margin(saturation);
  if (at_saturation >= 0) return saturation;
  // TOMS 748 keeps a bracket [a, b] with margin(a) >= 0 > margin(b): a meets the budget. 2^-31
  // relative width (5e-10), in about a third of the probes plain bisection takes.
  std::uintmax_t probes = 100;
  const auto bracket = boost::math::tools::toms748_solve(margin, 0.0, saturation, at_zero, at_saturation,
                                                         boost::math::tools::eps_tolerance<double>(32), probes);
  return std::isfinite(bracket.first) ? bracket.first : 0;
}

OptionLoad load_at(const ServiceModel& m, double arrivals_per_s, double units, double service_cv) {
  OptionLoad l;
  l.peak_calls_per_second = arrivals_per_s;
  l.servers = units;
  l.concurrency_per_unit = m.slots;
  // Only the part of a call past its unvarying share spreads: the whole call's cv is smaller.
  const auto call_of = [&](const QueueWait& w, double service_s) {
    const double fixed = std::min(m.unvarying_s, service_s);
    CallTime t = call_time(w, fixed, service_s - fixed, service_cv);
    t.delay_share = m.delay_share;
    t.delay_s = m.delay_s;
    return t;
  };
  const auto total_cv = [&](double service_s) {
    return service_s > 0 ? service_cv * (service_s - std::min(m.unvarying_s, service_s)) / service_s : 0;
  };
  if (units <= 0 || arrivals_per_s <= 0) {
    l.service_s = m.call_s;
    l.call = call_of(QueueWait{}, m.call_s);
    return l;
  }
  const double rate = arrivals_per_s / units;
  double hold = 0;  // how long a call holds one slot
  if (m.batch) {
    const OperatingPoint o = batched_point(*m.batch, rate, m.slots);
    l.operating_batch = o.batch;
    l.service_s = hold = o.service_s;
    l.saturated = o.saturated;
    l.busy_share = o.busy;
  } else {
    l.service_s = m.call_s;
    hold = m.capacity_per_s > 0 ? m.slots / m.capacity_per_s : m.call_s;
  }
  l.utilization_at_peak = m.capacity_per_s > 0 ? rate / m.capacity_per_s : rate * hold / m.slots;
  if (!m.batch) l.busy_share = std::min(1.0, l.utilization_at_peak);
  if (!l.saturated) {
    const QueueWait w = mgc_wait(arrivals_per_s, hold, units * m.slots, total_cv(l.service_s));
    l.saturated = !w.stable;
    l.probability_of_waiting = w.probability_of_waiting;
    l.wait_p50_s = w.p50_s;
    l.wait_p95_s = w.p95_s;
    l.call = call_of(w, l.service_s);
  }
  if (l.saturated) {
    l.call.stable = false;
    l.probability_of_waiting = 1;
    l.wait_p50_s = l.wait_p95_s = std::numeric_limits<double>::infinity();
  }
  return l;
}

OptionLoad size_for_load(const ServiceModel& m, double arrivals_per_s, double at_least,
                         std::optional<double> budget_s, double fixed_p95_s, double service_cv) {
  const auto meets = [&](const OptionLoad& l) { return !l.saturated && p95_within(l.call, fixed_p95_s, *budget_s); };
  OptionLoad l = load_at(m, arrivals_per_s, at_least, service_cv);
  if (!budget_s || arrivals_per_s <= 0 || meets(l)) return l;
  // With units enough that no call waits and each decodes alone, p95 is the network plus one call.
  if (!p95_within(load_at(m, 0, 1, service_cv).call, fixed_p95_s, *budget_s)) {
    l.meets_budget = false;
    return l;
  }
  double lo = std::max(at_least, 1.0), hi = lo;
  OptionLoad best;
  do {
    lo = hi;
    hi = std::min(k_max_units, hi * 2);
    best = load_at(m, arrivals_per_s, hi, service_cv);
  } while (!meets(best) && hi < k_max_units);
  if (!meets(best)) {
    l.meets_budget = false;
    return l;
  }
  while (hi - lo > 1) {  // lo fails, hi meets
    const double mid = std::floor((lo + hi) / 2);
    const OptionLoad probe = load_at(m, arrivals_per_s, mid, service_cv);
    if (meets(probe)) {
      hi = mid;
      best = probe;
    } else {
      lo = mid;
    }
  }
  best.sized_by = SizedBy::latency;
  return best;
}

}  // namespace edgecalc
