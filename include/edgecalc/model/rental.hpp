#pragma once

// Rented instances by tier (cloud.price.instance.tier; docs/model.md, "Rental tiers"): what spot
// interruptions take from an instance's capacity and add to its calls, what a scale-to-zero
// instance bills and how many calls meet a cold start, and what a reserved term commits to.

#include <edgecalc/model/serving.hpp>
#include <edgecalc/profile/profile.hpp>

namespace edgecalc {

// What the tier does to one instance serving `mean_calls_per_s` on average.
struct RentalEffect {
  // Spot: reclaims at rate L per instance-second, each followed by the cold start c before a new
  // instance serves. An instance serves 1 / (1 + L c) of the time (up 1/L, down c on average).
  double capacity_share = 1;
  // A call of T interrupted is run again from the start: the instance time a completed call
  // takes is (e^(L T) - 1) / L, a factor (e^(L T) - 1) / (L T) over T.
  double work_factor = 1;
  double retry_share = 0;  // calls interrupted at least once: 1 - e^(-L T)
  // Scale-to-zero with no instance kept: a call finds none warm when the one before it came more
  // than w = T + idle_timeout earlier, with probability e^(-mean w) for Poisson calls.
  double cold_start_share = 0;
  double warm_share = 1;     // of the time an instance is up (billed): 1 - e^(-mean w) + cold starts' share
  double delay_share = 0;    // calls that take longer than their own service ...
  double delay_s = 0;        // ... and how much longer: a cold start, or a retry (T + c)
};

RentalEffect rental_effect(const Profile& profile, double mean_calls_per_s);

// The bill of `sized` instances (the count the peak and the budget need) in the tier.
struct RentalCost {
  RentalTier tier = RentalTier::on_demand;
  double hourly = 0;
  double instances_billed = 0;  // on average: `sized`, or fewer when they scale with the load
  RentalEffect effect;
  double commitment_months = 0;         // a reserved term: 12 or 36; 0 otherwise
  double committed_months = 0;          // the horizon rounded up to whole terms
  double commitment_after_horizon = 0;  // money owed for committed months past the horizon
};

// `mean_calls_per_s` and `horizon_months` as the cost model has them; `hours_per_month` the
// profile's billing month.
RentalCost rent_instances(const Profile& profile, const ServiceModel& service, double sized, double mean_calls_per_s,
                          double horizon_months, double hours_per_month);

}  // namespace edgecalc
