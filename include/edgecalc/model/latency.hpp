#pragma once

// Latency model: how long one call takes per option, against the profile's budget.

#include <optional>

#include <edgecalc/domain/network.hpp>
#include <edgecalc/model/model.hpp>
#include <edgecalc/model/queue.hpp>
#include <edgecalc/model/serving.hpp>
#include <edgecalc/profile/profile.hpp>

namespace edgecalc {

// Goodput (docs/model.md, "Goodput"): the highest peak call rate an option's units carry with
// their p95 still within the latency budget, the units held as sized; without a budget, the rate
// at which they saturate. Rates are at the units: one device's own calls for devices, all the
// calls the shared units (boxes, instances) see otherwise.
struct Goodput {
  double peak_calls_per_second = 0;  // the profile's peak at these units
  double max_calls_per_second = 0;   // the highest peak that still meets the budget
  std::optional<double> headroom;    // 1 - peak / max: the share of goodput the peak leaves; nullopt when max is 0
  double units = 0;                  // units held: 1 for a device, the boxes or instances sized
  bool per_device = false;           // each device answers only its own calls (the fleet never limits it)
  bool budget_bound = true;          // false: no budget bounds the rate, the units' saturation does
  std::optional<double> fleet_size_limit;  // shared units: the fleet at which the peak reaches max
};

// One option's call time as its user measures it: the network, the wait and the call's own
// service, as a distribution (`call`), and its p50 and p95 when asked for.
struct OptionLatency {
  std::optional<double> p50_s;  // nullopt: the option cannot answer (no link), or not computed
  std::optional<double> p95_s;
  std::optional<CallTime> call;  // the distribution behind p95 (its fixed part the network's p95)
  double p50_fixed_shift_s = 0;  // the network's p50 less its p95: p50 is the call's median plus this
  std::optional<Goodput> goodput;  // nullopt: no units to hold (a cloud API), no link, or not computed
};

// Whether the option's p95 is within `budget_s` (equal fits): from the distribution when there is
// one, else from p95; false when the option cannot answer.
bool p95_within_budget(const OptionLatency& latency, double budget_s);

struct Latency {
  double upload_s = 0;          // payload / uplink
  OptionLatency cloud;          // RTT + upload + cloud inference (+ the instances' queue)
  OptionLatency edge;           // edge call at the peak's batch + the queue
  OptionLatency hybrid;         // edge, or cloud for synchronous escalation (see latency.cpp)
};

// Share of calls above which a synchronous hybrid's p95 is the cloud's p95 (the 95th percentile
// falls among the escalated calls once more than 5% of them go to the cloud).
inline constexpr double k_sync_p95_share = 0.05;

// The network's share of a cloud call: round trip + upload, typical and p95; nullopt without a link.
std::optional<DurationRange> network_time(const Profile& profile);

// Whether latency_of computes each option's p50, p95 and goodput (root searches), or only the
// distributions the rules check budgets against (what a Monte Carlo sample needs).
enum class Quantiles { computed, skipped };

// The latency of every option for `profile` at the peak, from the units `costs` sized
// (docs/model.md, "Latency under load").
Latency latency_of(const Profile& profile, const CostModel& costs, Quantiles quantiles = Quantiles::computed);

// The same, pricing the options first.
Latency latency_of(const Profile& profile);

}  // namespace edgecalc
