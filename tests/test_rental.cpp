// Rental tiers (docs/model.md, "Rental tiers"): spot capacity and retries, scale-to-zero billing
// and cold starts, reserved terms, and catalog GPU rates, each by hand.

#include <catch2/catch.hpp>

#include <cmath>

#include <edgecalc/model/model.hpp>
#include <edgecalc/model/queue.hpp>

#include "fixture.hpp"

namespace rental {

using namespace edgecalc;
using namespace edgecalc::test;

// 100 members x 0.1 calls/s = 10 calls/s to the cloud, no peak; a call takes 1 s on an instance
// that sustains 10/s, sized to 50% utilization.
const std::string k_base = R"(edgecalc: 1
name: rental
horizon: 12 months
month: 730h
workload: {calls: 0.1/s, latency_budget: none}
fleet: {size: 100}
connectivity: {network: wired}
data: {sensitivity: internal}
cloud:
  inference_time: 1s
  price:
    instance: {hourly: $1, capacity: 10/s, utilization: 50%INSTANCE}
edge: {unit_cost: $10, inference_time: 10ms}
)";

std::string profile(const std::string& instance, const std::string& base = k_base) {
  return replaced(base, "INSTANCE", instance);
}

CostModel priced(const std::string& instance, const std::string& base = k_base) {
  const Loaded out = load(profile(instance, base));
  INFO(out.errors);
  REQUIRE(out.profile);
  return price_options(*out.profile);
}

double line_total(const OptionCost& o, const std::string& item) {
  for (const CostLine& l : o.breakdown)
    if (l.item == item) return l.total;
  return 0;
}

}  // namespace rental

TEST_CASE("on-demand is today's instance bill", "[rental]") {
  using namespace rental;
  const CostModel m = priced("");
  REQUIRE(m.cloud.rental);
  CHECK(m.cloud.rental->tier == RentalTier::on_demand);
  // 10 calls/s / (10/s x 50%) = 2 instances, billed 730 h a month at $1: $1,460/month.
  CHECK(*m.cloud.instances == 2);
  CHECK(m.cloud.rental->instances_billed == 2);
  CHECK(m.cloud.monthly == Approx(1460));
}

TEST_CASE("spot: reclaims take capacity and rerun the calls they interrupt", "[rental]") {
  using namespace rental;
  const CostModel m = priced(", tier: spot, interruptions: 1/h, cold_start: 360s");
  REQUIRE(m.cloud.rental);
  const RentalEffect& e = m.cloud.rental->effect;
  // L = 1/3600 per s, c = 360 s: L c = 0.1, an instance serves 1 / 1.1 = 90.909% of the time.
  CHECK(e.capacity_share == Approx(1 / 1.1).epsilon(1e-12));
  // L T = 1/3600: the work of a completed call is (e^x - 1) / x = 1 + x/2 + x^2/6 = 1.000138902 calls' worth, and
  // 1 - e^-x = 0.000277739 of calls are interrupted.
  const double x = 1.0 / 3600;
  CHECK(e.work_factor == Approx(std::expm1(x) / x).epsilon(1e-12));
  CHECK(e.work_factor == Approx(1.000138902).epsilon(1e-9));
  CHECK(e.retry_share == Approx(0.000277739).epsilon(1e-5));
  // An instance sustains 10 x 0.90909 / 1.000139 = 9.0896 calls/s: 10 / (9.0896 x 50%) = 2.2003,
  // so 3 instances at $1: 3 x 730 = $2,190/month (on-demand needs 2).
  CHECK(*m.cloud.instances == 3);
  CHECK(m.cloud.monthly == Approx(2190));
  // A retried call runs again after a new instance: T + c = 361 s more, for 0.0278% of calls.
  CHECK(e.delay_share == e.retry_share);
  CHECK(e.delay_s == 361);
}

TEST_CASE("scale-to-zero bills the time an instance is up and delays the calls that find none", "[rental]") {
  using namespace rental;
  // One member at 0.01 calls/s; an instance sustaining 1/s; up for 99 s after a 1 s call.
  std::string base = replaced(rental::k_base, "calls: 0.1/s,", "calls: 0.01/s,");
  base = replaced(base, "fleet: {size: 100}", "fleet: {size: 1}");
  base = replaced(base, "hourly: $1, capacity: 10/s, utilization: 50%", "hourly: $2, capacity: 1/s, utilization: 100%");
  const CostModel m = priced(", tier: scale-to-zero, cold_start: 10s, idle_timeout: 99s", base);
  REQUIRE(m.cloud.rental);
  const RentalEffect& e = m.cloud.rental->effect;
  // w = 1 + 99 = 100 s, mean x w = 0.01 x 100 = 1: a call finds no instance up with e^-1 = 0.36788.
  CHECK(e.cold_start_share == Approx(std::exp(-1.0)).epsilon(1e-12));
  // Up 1 - e^-1 = 0.63212 of the time, plus cold starts: e^-1 x 0.01/s x 10 s = 0.036788: 0.668909.
  CHECK(e.warm_share == Approx(0.668909).epsilon(1e-6));
  // Billed: 0.668909 of an instance (the load alone, 0.01 / 1, is less) x $2 x 730 h = $976.61.
  CHECK(m.cloud.rental->instances_billed == Approx(0.668909).epsilon(1e-6));
  CHECK(m.cloud.monthly == Approx(0.668909 * 2 * 730).epsilon(1e-6));
  // No instance kept: min defaults to 0.
  CHECK(load(profile(", tier: scale-to-zero, cold_start: 10s", base)).profile->cloud.price.min_instances == 0);
}

TEST_CASE("a cold start's share of calls moves p95 when it exceeds 5%", "[rental][latency]") {
  // A fixed 1 s call, no wait; 36.8% of calls wait 10 s more. P(T <= 1) = 0.632 < 0.95, and
  // P(T <= 11) = 1: the p95 is the delayed calls' 11 s; the median stays 1 s.
  edgecalc::CallTime t;
  t.service_s = 1;
  t.delay_share = std::exp(-1.0);
  t.delay_s = 10;
  CHECK(edgecalc::call_time_cdf(t, 1) == Approx(1 - std::exp(-1.0)));
  CHECK(edgecalc::call_time_cdf(t, 10.5) == Approx(1 - std::exp(-1.0)));
  CHECK(edgecalc::call_time_quantile(t, 0.5) == Approx(1));
  CHECK(edgecalc::call_time_quantile(t, 0.95) == Approx(11).epsilon(1e-9));
  // 4% delayed: the p95 is an undelayed call's.
  t.delay_share = 0.04;
  CHECK(edgecalc::call_time_quantile(t, 0.95) == Approx(1));
}

TEST_CASE("a reserved term is billed whole and keeps its rate through price changes", "[rental][finance]") {
  using namespace rental;
  std::string base = replaced(rental::k_base, "horizon: 12 months", "horizon: 18 months");
  const CostModel m = priced(", tier: reserved-1y", base);
  REQUIRE(m.cloud.rental);
  // 18 months round up to two 12-month terms: 24 committed, 6 past the horizon, owed for the
  // 2 instances: 6 x 2 x 730 x $1 = $8,760 on top of 18 x $1,460 = $26,280.
  CHECK(m.cloud.rental->committed_months == 24);
  CHECK(line_total(m.cloud, "instances") == Approx(26280));
  CHECK(line_total(m.cloud, "commitment") == Approx(8760));
  // A 50% cut from month 6 halves an on-demand rate (6 x 1,460 + 12 x 730 = $17,520), not a
  // reserved one, which the month-by-month timeline still bills at $26,280 + $8,760.
  const std::string cut = "  price_changes: [{at: 6 months, change: -50%}]\n";
  const std::string with_cut = replaced(rental::k_base, "horizon: 12 months", "horizon: 18 months");
  const std::string on_demand = replaced(with_cut, "  inference_time: 1s\n", "  inference_time: 1s\n" + cut);
  const CostModel od = priced("", on_demand);
  REQUIRE(od.cloud.timeline);
  CHECK(line_total(od.cloud, "instances") == Approx(17520));
  const CostModel rs = priced(", tier: reserved-1y", on_demand);
  REQUIRE(rs.cloud.timeline);
  CHECK(line_total(rs.cloud, "instances") == Approx(26280));
  CHECK(line_total(rs.cloud, "commitment") == Approx(8760));
  CHECK(rs.cloud.total == Approx(26280 + 8760 + line_total(rs.cloud, "fixed") + line_total(rs.cloud, "transfer") +
                                 line_total(rs.cloud, "network_data")));
  // A term that the horizon fills exactly owes nothing more.
  CHECK(line_total(priced(", tier: reserved-1y").cloud, "commitment") == 0);
}

TEST_CASE("a catalog GPU prices the instance at its tier's rate, with the source", "[rental][catalog]") {
  using namespace rental;
  const std::string written = "hourly: $1, ";
  const Loaded out = load(replaced(profile(", tier: reserved-1y, gpu: cloud-h100"), written, ""));
  INFO(out.errors);
  REQUIRE(out.profile);
  // data/hardware.yaml: cloud-h100 reserved-1y at $2.35 (SemiAnalysis, March 2026).
  CHECK(out.profile->cloud.price.hourly == 2.35);
  bool noted = false;
  for (const CatalogValue& v : out.profile->catalog_values)
    if (v.field == "cloud.price.instance.hourly") {
      noted = true;
      CHECK(v.value == "$2.35/h, reserved-1y (offers $1.79 to $2.35)");
      CHECK(v.date == "2026-03");
    }
  CHECK(noted);
  // A written rate wins over the catalog's.
  CHECK(load(profile(", tier: spot, gpu: cloud-h100, cold_start: 60s")).profile->cloud.price.hourly == 1);
}

TEST_CASE("a missing or unknown rental field is an error at the field; another tier's is a warning", "[rental][errors]") {
  using namespace rental;
  CHECK(errors_of(replaced(profile(", tier: reserved-3y, gpu: cloud-b200"), "hourly: $1, ", "")) ==
        "p.yaml:12:74: error: catalog cloud-b200 has no reserved-3y rental rate (it has: on-demand, spot); write "
        "cloud.price.instance.hourly\n");
  // Another tier's field loads (--set cloud.price.instance.tier=... prices each tier from one
  // profile), with a warning that it does nothing.
  const Loaded other = load(profile(", interruptions: 1/h"));
  CHECK(other.profile);
  CHECK(other.errors ==
        "p.yaml:12:77: warning: cloud.price.instance.interruptions applies only with tier spot; this instance is "
        "on-demand, so it is ignored\n");
  CHECK(load(profile(", tier: spot, idle_timeout: 1min, cold_start: 1s")).errors ==
        "p.yaml:12:88: warning: cloud.price.instance.idle_timeout applies only with tier scale-to-zero; this instance is "
        "spot, so it is ignored\n");
  CHECK(errors_of(profile(", tier: spot")) ==
        "p.yaml:12:5: error: cloud.price.instance.cold_start is required with tier spot: how long a new instance "
        "takes to serve (boot, pull the image, load the weights), e.g. cold_start: 90s\n");
  CHECK(errors_of(profile(", tier: reserved")) ==
        "p.yaml:12:68: error: cloud.price.instance.tier must be one of on-demand, reserved-1y, reserved-3y, spot, "
        "scale-to-zero; got \"reserved\" (did you mean `reserved-1y`?)\n");
  CHECK(errors_of(replaced(profile(""), "hourly: $1, ", "")) ==
        "p.yaml:12:5: error: missing required field cloud.price.instance.hourly (e.g. hourly: $2.50)\n");
}
