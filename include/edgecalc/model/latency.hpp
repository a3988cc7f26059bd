#pragma once

// Latency model: how long one call takes per option, against the profile's budget.

#include <optional>

#include <edgecalc/domain/network.hpp>
#include <edgecalc/model/model.hpp>
#include <edgecalc/model/queue.hpp>
#include <edgecalc/model/serving.hpp>
#include <edgecalc/profile/profile.hpp>

namespace edgecalc {

// One option's call time as its user measures it: the network, the wait and the call's own
// service, as a distribution (`call`), and its p50 and p95 when asked for.
struct OptionLatency {
  std::optional<double> p50_s;  // nullopt: the option cannot answer (no link), or not computed
  std::optional<double> p95_s;
  std::optional<CallTime> call;  // the distribution behind p95 (its fixed part the network's p95)
  double p50_fixed_shift_s = 0;  // the network's p50 less its p95: p50 is the call's median plus this
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

// Whether latency_of computes each option's p50 and p95 (a root search each), or only the
// distributions the rules check budgets against (what a Monte Carlo sample needs).
enum class Quantiles { computed, skipped };

// The latency of every option for `profile` at the peak, from the units `costs` sized
// (docs/model.md, "Latency under load").
Latency latency_of(const Profile& profile, const CostModel& costs, Quantiles quantiles = Quantiles::computed);

// The same, pricing the options first.
Latency latency_of(const Profile& profile);

}  // namespace edgecalc
