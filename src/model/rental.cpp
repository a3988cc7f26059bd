#include <edgecalc/model/rental.hpp>

#include <algorithm>
#include <cmath>

#include <edgecalc/model/model.hpp>

namespace edgecalc {

RentalEffect rental_effect(const Profile& p, double mean) {
  const CloudPrice& price = p.cloud.price;
  const double T = p.cloud.inference_time_s, c = price.cold_start_s;
  RentalEffect e;
  if (price.rental == RentalTier::spot) {
    const double L = price.interruptions_per_s;
    e.capacity_share = 1 / (1 + L * c);
    const double x = L * T;
    e.work_factor = x > 1e-12 ? std::expm1(x) / x : 1 + x / 2;  // expm1(x) / x -> 1 + x/2 as x -> 0
    e.retry_share = -std::expm1(-x);
    e.delay_share = e.retry_share;
    e.delay_s = T + c;  // run again, after a new instance when no other has a slot free: a bound
  } else if (price.rental == RentalTier::scale_to_zero && price.min_instances < 1 && mean > 0) {
    const double w = T + price.idle_timeout_s;
    const double q = std::exp(-mean * w);
    e.cold_start_share = q;
    // Renewal: an idle period lasts 1 / mean on average, an up period (1 - q) / (q mean), so the
    // instance is up 1 - q of the time; each up period starts with a billed cold start of c, at a
    // rate q x mean.
    e.warm_share = std::min(1.0, 1 - q + q * mean * c);
    e.delay_share = q;
    e.delay_s = c;
  }
  return e;
}

RentalCost rent_instances(const Profile& p, const ServiceModel& service, double sized, double mean, double horizon,
                          double hours_per_month) {
  const CloudPrice& price = p.cloud.price;
  RentalCost r;
  r.tier = price.rental;
  r.hourly = price.hourly;
  r.effect = rental_effect(p, mean);
  r.instances_billed = sized;
  if (price.rental == RentalTier::scale_to_zero) {
    // The instances follow the load at the utilization target; below one instance's worth, the
    // one instance is up its warm share of the time.
    const double following = service.capacity_per_s > 0 ? mean / (service.capacity_per_s * price.utilization) : 0;
    const double floor = price.min_instances >= 1 ? price.min_instances : (mean > 0 ? r.effect.warm_share : 0);
    r.instances_billed = std::min(sized, std::max(floor, following));
  }
  r.commitment_months = commitment_months(price.rental);
  if (r.commitment_months > 0) {
    r.committed_months = ceil_tolerant(horizon / r.commitment_months) * r.commitment_months;
    r.commitment_after_horizon = (r.committed_months - horizon) * sized * price.hourly * hours_per_month;
  }
  return r;
}

}  // namespace edgecalc
