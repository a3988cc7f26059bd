#pragma once

// Load at the peak: how a shared unit (a box, an instance, a device answering its own user)
// serves calls, how many units a load needs, and the latency it sees as a queue
// (docs/model.md, "Latency under load").

#include <optional>
#include <string>

#include <edgecalc/model/predictor.hpp>
#include <edgecalc/model/queue.hpp>

namespace edgecalc {

// How one unit serves calls.
struct ServiceModel {
  double slots = 1;           // calls one unit serves at once
  double call_s = 0;          // one call alone
  double capacity_per_s = 0;  // calls per second one unit sustains; 0: unknown
  // The part of call_s that does not vary with the output's length (an LLM's prefill): only the
  // rest spreads with workload.service_cv. 0: the whole call varies.
  double unvarying_s = 0;
  std::optional<BatchModel> batch;  // an LLM server that batches: call time depends on the batch
  // A share of calls that takes `delay_s` longer than its wait and service: a rented instance's
  // cold start or retry (model/rental.hpp). 0: none.
  double delay_share = 0;
  double delay_s = 0;
};

enum class SizedBy { utilization, latency, fleet };
std::string_view to_string(SizedBy value);

// One option's units under the peak load, as an M/G/c queue of units x slots servers.
struct OptionLoad {
  double peak_calls_per_second = 0;
  double servers = 0;                // units
  double concurrency_per_unit = 1;   // slots
  double utilization_at_peak = 0;    // peak load / what the units sustain
  double busy_share = 0;             // of the time one unit works (prefill or any decode) at this load
  double probability_of_waiting = 0;
  double wait_p50_s = 0;
  double wait_p95_s = 0;
  double service_s = 0;              // one call at the operating batch
  CallTime call;                     // the wait + the call's own service, as a distribution
  double operating_batch = 1;        // calls decoding together on one unit at the peak
  bool saturated = false;            // the units cannot keep up: no finite wait
  SizedBy sized_by = SizedBy::utilization;
  bool meets_budget = true;          // false: no unit count brings p95 within the budget
};

// `arrivals_per_s` (Poisson) spread over `units` units of `model`; service times vary with
// coefficient of variation `service_cv`.
OptionLoad load_at(const ServiceModel& model, double arrivals_per_s, double units, double service_cv);

// Units for `arrivals_per_s`: at least `at_least` (the utilization count), more while the p95
// latency (`fixed_p95_s`, the network, plus the wait and the call's own service) exceeds
// `budget_s`, checked as P(call time <= budget) >= 95%.
OptionLoad size_for_load(const ServiceModel& model, double arrivals_per_s, double at_least,
                         std::optional<double> budget_s, double fixed_p95_s, double service_cv);

// Goodput: the highest Poisson rate (calls/s over all `units`) at which the p95 of a call (after
// `fixed_p95_s`, the network) still meets `budget_s`, from the same queue as load_at; 0 when one
// call alone misses it; without a budget, the rate at which the units saturate.
double goodput(const ServiceModel& model, double units, std::optional<double> budget_s, double fixed_p95_s,
               double service_cv);

// Whether 95% of calls of `call` (after `fixed_s` more) end within `budget_s`: the test the rules
// and sizing share, so that "a p95 equal to the budget fits it" holds to within 1e-9 of a share.
bool p95_within(const CallTime& call, double fixed_s, double budget_s);

// A unit that serves calls of `call_s` each and sustains `capacity_per_s` (0: one at a time):
// its slots are the calls in flight at full load (Little's law, at least 1) unless `slots`
// is written.
ServiceModel simple_service(double call_s, double capacity_per_s, std::optional<double> slots);

// A cloud instance (cloud.price.instance): calls of cloud.inference_time, `capacity` per second,
// in its rental tier at `mean_calls_per_s` (the calls it serves on average): spot capacity lost
// to interruptions and retries, cold starts of a scale-to-zero instance.
ServiceModel cloud_instance_service(const Profile& profile, double mean_calls_per_s);

}  // namespace edgecalc
