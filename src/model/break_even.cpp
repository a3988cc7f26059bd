#include <edgecalc/model/break_even.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace edgecalc {

namespace {

// Both options priced month by month: the first time the option's payments so far fall to the
// cloud's. Running costs accrue evenly through their month; purchases, engineering and resale of
// replaced units are paid at their moment; the units left at the horizon are sold only then and
// do not count. `discounted`: every payment at today's value.
std::optional<double> timeline_break_even(const OptionCost& option, const OptionCost& cloud, bool discounted) {
  const Timeline& a = *option.timeline;
  const Timeline& b = *cloud.timeline;
  const double r = a.discount_rate;
  const auto value = [&](double t, double money) { return discounted && r != 0 ? money * std::pow(1 + r, -t / 12) : money; };
  std::vector<std::pair<double, double>> jumps;  // (time, option - cloud)
  for (const auto& [t, money] : a.payments) jumps.emplace_back(t, value(t, money));
  for (const auto& [t, money] : b.payments) jumps.emplace_back(t, -value(t, money));
  std::stable_sort(jumps.begin(), jumps.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  const std::size_t months = std::min(a.months.size(), b.months.size());
  double d = 0;
  std::size_t next = 0;
  for (std::size_t m = 0; m < months; ++m) {
    const MonthFlow& fa = a.months[m];
    const MonthFlow& fb = b.months[m];
    const double end = static_cast<double>(m) + fa.length;
    // The month's running costs at the value of its end, spread evenly over it.
    const double rate = fa.length > 0 ? (value(end, fa.running) - value(end, fb.running)) / fa.length : 0;
    double t = static_cast<double>(m);
    while (true) {
      while (next < jumps.size() && jumps[next].first <= t) d += jumps[next++].second;
      if (d <= 0) return t;
      const double until = next < jumps.size() && jumps[next].first < end ? jumps[next].first : end;
      const double after = d + rate * (until - t);
      if (after <= 0) return t + d / (d - after) * (until - t);
      d = after;
      t = until;
      if (until >= end) break;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<double> break_even_month(const OptionCost& option, const OptionCost& cloud) {
  if (option.timeline && cloud.timeline) return timeline_break_even(option, cloud, false);
  // D(t) = option(t) - cloud(t) starts at d0, falls by `slope` a month, and jumps by `jump`
  // at each multiple of the lifetime L: on segment k, D(t) = d0 + k*(slope*L + jump) + slope*(t - kL).
  const double d0 = option.upfront - cloud.upfront;
  const double slope = option.monthly - cloud.monthly;
  if (d0 <= 0) return 0.0;
  if (slope >= 0) return std::nullopt;
  const double rate = -slope;
  const bool replaced = option.lifetime_months && option.hardware_per_purchase > 0;
  if (!replaced) return d0 / rate;
  const double life = *option.lifetime_months;
  const double jump = option.hardware_per_purchase;
  if (d0 < rate * life) return d0 / rate;  // before the first replacement
  const double net = jump - rate * life;   // change of D over one whole lifetime
  if (net >= 0) return std::nullopt;       // each replacement costs more than a lifetime saves
  // first k with d0 + k*net < rate*L
  const double k = std::floor((d0 - rate * life) / -net) + 1;
  return k * life + (d0 + k * net) / rate;
}

std::optional<Crossing> find_crossing(const std::function<double(double)>& f, double current,
                                      bool affine) {
  const double base = current > 0 ? current : 1;
  if (affine) {
    const double a = f(0);
    const double b = (f(base) - a) / base;
    if (b == 0 || !std::isfinite(b)) return std::nullopt;
    const double x = -a / b;
    if (!(x > 0) || !std::isfinite(x)) return std::nullopt;
    return Crossing{x, b < 0};
  }
  // Step functions (instances, boxes): scan x = 0, base/2^60 ... base*2^60 for a sign change,
  // then bisect the bracket down to a relative width of 1e-12.
  double lo = 0;
  double f_lo = f(0);
  for (int k = -60; k <= 60; ++k) {
    double hi = std::ldexp(base, k);
    const double f_hi = f(hi);
    if ((f_lo > 0) != (f_hi > 0)) {
      const bool positive_below = f_lo > 0;
      for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
        const double mid = lo + (hi - lo) / 2;
        if ((f(mid) > 0) == positive_below) lo = mid;
        else hi = mid;
      }
      return Crossing{hi, positive_below};
    }
    lo = hi;
    f_lo = f_hi;
  }
  return std::nullopt;
}

namespace {

// Totals are affine in volume and fleet size unless something steps (instances, boxes) or bends
// (power from the load stops rising once a device is busy all the time; a ramp whose start
// exceeds the probed fleet).
bool is_affine(const Profile& p) {
  return p.cloud.price.form != PriceForm::instance && p.edge.deployment == Deployment::device &&
         !p.edge.power_curve && !p.fleet.ramp;  // a ramp's start is capped at the fleet size: a kink
}

double difference(const Profile& p, Option option) {
  const CostModel m = price_options(p, Detail::totals);
  return m.option(option).present_value - m.cloud.present_value;
}

}  // namespace

BreakEven break_even(const Profile& profile, const CostModel& model, Option option) {
  BreakEven be;
  be.month = break_even_month(model.option(option), model.cloud);
  be.within_horizon = be.month && *be.month <= model.horizon_months;
  be.discounted_month = be.month;
  if (model.option(option).timeline && model.cloud.timeline)
    be.discounted_month = timeline_break_even(model.option(option), model.cloud, true);
  const bool affine = is_affine(profile);
  // One copy per solve, changed in place at each probe: copying a profile costs more than pricing it.
  Profile probe = profile;
  be.calls_per_month = find_crossing(
      [&](double calls_per_month) {
        probe.workload.calls_per_s = calls_per_month / (probe.month_s * probe.fleet.size);
        return difference(probe, option);
      },
      model.volume.calls_per_month, affine);
  probe.workload.calls_per_s = profile.workload.calls_per_s;
  be.fleet_size = find_crossing(
      [&](double size) {
        probe.fleet.size = size;
        return difference(probe, option);
      },
      profile.fleet.size, affine);
  return be;
}

namespace {

// The first share in (0, 1] where f changes sign: a scan of 64 steps (totals step with the
// instance and box counts), refined by bisection.
std::optional<double> first_root(const std::function<double(double)>& f) {
  constexpr int k_steps = 64;
  double lo = 1e-9, f_lo = f(lo);
  if (f_lo == 0) return lo;
  for (int i = 1; i <= k_steps; ++i) {
    const double hi = static_cast<double>(i) / k_steps, f_hi = f(hi);
    if (f_hi == 0) return hi;
    if ((f_lo < 0) != (f_hi < 0)) {
      double a = lo, b = hi;
      for (int j = 0; j < 60; ++j) {
        const double mid = (a + b) / 2;
        ((f(mid) < 0) == (f_lo < 0) ? a : b) = mid;
      }
      return (a + b) / 2;
    }
    lo = hi;
    f_lo = f_hi;
  }
  return std::nullopt;
}

}  // namespace

EscalationBreakEven escalation_break_even(const Profile& profile, const CostModel& model) {
  EscalationBreakEven be;
  Profile probe = profile;
  const auto hybrid_total = [&](double share) {
    probe.hybrid.escalation = share;
    return price_options(probe, Detail::totals).hybrid.present_value;
  };
  be.vs_edge = first_root([&](double e) { return hybrid_total(e) - model.edge.present_value; });
  be.vs_cloud = first_root([&](double e) { return hybrid_total(e) - model.cloud.present_value; });
  return be;
}

}  // namespace edgecalc
