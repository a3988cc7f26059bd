// cloud.price.instance: rented instances, by the hour, in a tier (on-demand, reserved for a term,
// spot, scale-to-zero), at a written rate or a catalog GPU's rate for that tier.

#include <fmt/format.h>

#include <edgecalc/domain/catalog.hpp>

#include "util/format.hpp"
#include "profile/profile_parsers.hpp"
#include "profile/profile_reader.hpp"

namespace edgecalc::detail {

using namespace profile_parse;

namespace {

constexpr Bounds k_cold_start{0, false, k_max_latency_s};
constexpr Bounds k_interruptions{0, false, 1};  // per instance-second: one a second at most

// The tiers a field applies to, for "only with tier ..." errors.
struct TierField {
  std::string_view key;
  bool spot, scale_to_zero;
};
constexpr TierField k_tier_fields[] = {
    {"interruptions", true, false}, {"cold_start", true, true}, {"idle_timeout", false, true}};

bool applies(const TierField& f, RentalTier tier) {
  return (f.spot && tier == RentalTier::spot) || (f.scale_to_zero && tier == RentalTier::scale_to_zero);
}

// The hourly rate of `gpu` in the profile's tier, as a catalog value; an error where it has none.
void resolve_gpu(FieldReader& i, Profile& p, const Catalog& catalog, bool hourly_written) {
  CloudPrice& price = p.cloud.price;
  ReadContext& ctx = i.context();
  const std::string field = "cloud.price.instance.gpu";
  const HardwareEntry* hw = catalog.find_hardware(*price.gpu);
  if (!hw) {
    unknown_id(ctx.diagnostics, where(p, field, Position{}), "hardware", field, *price.gpu, catalog.hardware_ids());
    return;
  }
  price.gpu_power_w = hw->power_active_w;
  if (hourly_written) return;  // the profile's own rate wins; the GPU names what is rented
  const RentalRate* rate = hw->rental_rate(price.rental);
  if (!rate) {
    std::string tiers;
    for (const RentalRate& r : hw->rental) tiers += (tiers.empty() ? "" : ", ") + std::string(to_string(r.tier));
    i.error_at("gpu", fmt::format("catalog {} has no {} rental rate{}; write cloud.price.instance.hourly", hw->id,
                                  to_string(price.rental), tiers.empty() ? "" : fmt::format(" (it has: {})", tiers)));
    return;
  }
  if (!usd_only(i, p, "cloud.price.instance.hourly")) return;
  price.hourly = rate->hourly;
  std::string spread;
  if (rate->low || rate->high)
    spread = fmt::format(" (offers {} to {})", format_money(rate->low.value_or(rate->hourly), "USD"),
                         format_money(rate->high.value_or(rate->hourly), "USD"));
  p.catalog_values.push_back(CatalogValue{"cloud.price.instance.hourly",
                                          fmt::format("{}/h, {}{}", format_money(rate->hourly, "USD"),
                                                      to_string(price.rental), spread),
                                          entry_source(hw->id, rate->source, rate->date), rate->date});
}

}  // namespace

void read_instance(FieldReader i, const Parsers& p, Profile& profile, const Catalog& catalog) {
  CloudPrice& price = profile.cloud.price;
  price.rental = i.choice_or<RentalTier>("tier", rental_tier_names());
  price.gpu = i.text("gpu", false, "cloud-h100");
  const auto hourly = i.quantity("hourly", p.per_hour(), k_money, !price.gpu, "$2.50");
  price.hourly = hourly.value_or(0);
  price.capacity_per_s =
      i.quantity("capacity", p.rate(), {k_min_capacity, false, 1e9, false, "3.6/h", "1G/s"}, true, "40/s").value_or(0);
  // An instance that scales to zero keeps none running unless `min` says so.
  const bool to_zero = price.rental == RentalTier::scale_to_zero;
  if (const auto min = i.quantity("min", k_count, {0, false, 1e6, true}, false, "1")) {
    price.min_instances = *min;
  } else {
    price.min_instances = to_zero ? 0 : 1;
    i.defaulted("min");
  }
  price.utilization = i.quantity_or("utilization", k_share, k_utilization, "70%");
  // A field of another tier is kept (a --set of the tier prices the others from one profile)
  // and said to do nothing here.
  for (const TierField& f : k_tier_fields)
    if (!applies(f, price.rental) && i.entry(f.key))
      i.context().diagnostics.warning(
          where(profile, i.path_of(f.key), Position{}),
          fmt::format("cloud.price.instance.{} applies only with tier {}; this instance is {}, so it is ignored", f.key,
                      f.spot && f.scale_to_zero ? "spot or scale-to-zero" : (f.spot ? "spot" : "scale-to-zero"),
                      to_string(price.rental)));
  if (price.rental == RentalTier::spot)
    price.interruptions_per_s = i.quantity_or("interruptions", p.rate(), k_interruptions, "8/day");
  if (price.rental == RentalTier::spot || to_zero) {
    const auto cold = i.quantity("cold_start", p.duration(), k_cold_start, false, "90s");
    if (cold)
      price.cold_start_s = *cold;
    else if (!i.entry("cold_start"))
      i.error_at("", fmt::format("cloud.price.instance.cold_start is required with tier {}: how long a new instance takes "
                                 "to serve (boot, pull the image, load the weights), e.g. cold_start: 90s",
                                 to_string(price.rental)));
  }
  if (to_zero) price.idle_timeout_s = i.quantity_or("idle_timeout", p.duration(), k_cold_start, "5min");
  i.finish();
  if (price.gpu) resolve_gpu(i, profile, catalog, hourly.has_value());
}

}  // namespace edgecalc::detail
