#pragma once

// Where an option's costs cross the cloud's: in time (months) and in volume (calls per month,
// fleet size). Formulas in docs/model.md.

#include <functional>
#include <optional>

#include <edgecalc/model/model.hpp>

namespace edgecalc {

// A value at which two totals are equal, and on which side of it the option is cheaper.
struct Crossing {
  double value = 0;
  bool cheaper_above = true;  // the option is cheaper than the cloud above `value`
};

struct BreakEven {
  std::optional<double> month;  // first month the option's cumulative cost falls to the cloud's
  bool within_horizon = false;  // month <= horizon
  // The same on payments at today's value (finance.discount_rate); == month at 0%/year. Priced
  // month by month (a ramp, price changes, discounting, resale), both are searched inside the horizon.
  std::optional<double> discounted_month;
  std::optional<Crossing> calls_per_month;  // fleet volume at which the horizon totals are equal
  std::optional<Crossing> fleet_size;       // fleet size at which the horizon totals are equal
};

// The first (fractional) month at which `option`'s cumulative cost is at most `cloud`'s,
// searched past the horizon too (hardware keeps being replaced each lifetime); nullopt when
// it never is. `cloud` must have no replacements. Options priced month by month (OptionCost::
// timeline) are compared payment by payment inside the horizon.
std::optional<double> break_even_month(const OptionCost& option, const OptionCost& cloud);

// A root of f on x >= 0: exact for affine f (from f(0) and f(current)), else the first sign
// change on a doubling grid around `current`, refined by bisection. nullopt when f keeps its
// sign.
std::optional<Crossing> find_crossing(const std::function<double(double)>& f, double current,
                                      bool affine);

// The escalation shares at which the hybrid's total over the horizon equals the edge's and the
// cloud's: how good the local model must be for the hybrid to pay.
struct EscalationBreakEven {
  std::optional<double> vs_edge;   // share in (0, 1]; nullopt when the totals never cross
  std::optional<double> vs_cloud;
};
EscalationBreakEven escalation_break_even(const Profile& profile, const CostModel& model);

// Break-even of `option` (edge or hybrid) against the cloud for `profile`.
BreakEven break_even(const Profile& profile, const CostModel& model, Option option);

}  // namespace edgecalc
