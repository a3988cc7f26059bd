#pragma once

// Latency model: how long one call takes per option, against the profile's budget.

#include <optional>

#include <edgecalc/domain/network.hpp>
#include <edgecalc/model/model.hpp>
#include <edgecalc/profile/profile.hpp>

namespace edgecalc {

struct OptionLatency {
  std::optional<double> p50_s;  // nullopt: the option cannot answer (no link)
  std::optional<double> p95_s;
};

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

// The latency of every option for `profile` at the peak, from the units `costs` sized
// (docs/model.md, "Latency under load").
Latency latency_of(const Profile& profile, const CostModel& costs);

// The same, pricing the options first.
Latency latency_of(const Profile& profile);

}  // namespace edgecalc
