#include <catch2/catch.hpp>

#include <edgecalc/model/break_even.hpp>
#include <edgecalc/profile/normalize.hpp>
#include <edgecalc/decide/pipeline.hpp>
#include <edgecalc/render/render.hpp>
#include <edgecalc/report/report_json.hpp>

#include "fixture.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

namespace {

OptionCost option(double upfront, double monthly, double hardware = 0,
                  std::optional<double> life = std::nullopt) {
  OptionCost o;
  o.upfront = upfront;
  o.monthly = monthly;
  o.hardware_per_purchase = hardware;
  o.lifetime_months = life;
  o.replacement_count = 1000;
  return o;
}

}  // namespace

TEST_CASE("worked example 1: edge breaks even at month 27.4758", "[break_even]") {
  const Profile p = data_profile("model", "kiosk-fleet.yaml");
  const CostModel m = price_options(p);
  const BreakEven be = break_even(p, m, Option::edge);
  // 70,000 / (2,985.70 - 438) = 27.4758 months
  REQUIRE(be.month);
  CHECK(*be.month == Approx(27.4758).epsilon(1e-5));
  CHECK(be.within_horizon);
  // volume: edge total 85,768 is flat in volume; cloud costs 36 x (0.0002 + 50e3/1e9 x 0.09)
  // = 0.007362 per monthly call, so equal at 85,768 / 0.007362 = 11,650,095 calls/month
  REQUIRE(be.calls_per_month);
  CHECK(be.calls_per_month->value == Approx(11650095).epsilon(1e-7));
  CHECK(be.calls_per_month->cheaper_above);
  // fleet: cloud 36 x 2,985.70 / 2,000 = 53.7426 per kiosk; edge 20,000 + (25 + 36 x 0.219)
  // = 20,000 + 32.884 per kiosk: equal at 20,000 / 20.8586 = 958.84 kiosks
  REQUIRE(be.fleet_size);
  CHECK(be.fleet_size->value == Approx(958.84).epsilon(1e-5));
  // hybrid: 70,000 / (2,985.70 - 587.285) = 29.186 months
  const BreakEven hb = break_even(p, m, Option::hybrid);
  REQUIRE(hb.month);
  CHECK(*hb.month == Approx(29.186).epsilon(1e-4));
}

TEST_CASE("worked example 2: the team servers break even at month 6.825", "[break_even]") {
  const Profile p = data_profile("model", "team-llm-server.yaml");
  const CostModel m = price_options(p);
  const BreakEven be = break_even(p, m, Option::edge);
  // two boxes (the p95 budget, test_cost_model): 13,000 / (2,129.17 - 224.35) = 6.825
  REQUIRE(be.month);
  CHECK(*be.month == Approx(6.825).epsilon(1e-3));
  // boxes make the edge a step function of volume: at a sixth of today's volume one box meets the
  // budget, so the totals meet where 36 x tokens cost = one box's 13,038.24 less its resale at
  // 36 months (30% of $4,000 = $1,200): 11,838.24 / 76,650 x 243,333 = 37,581.7 calls/month
  REQUIRE(be.calls_per_month);
  CHECK(be.calls_per_month->value == Approx(37581.7).epsilon(1e-4));
  CHECK(be.calls_per_month->cheaper_above);
}

TEST_CASE("property: the cumulative curves cross at the reported month", "[break_even][property]") {
  for (const char* f : {"kiosk-fleet.yaml", "team-llm-server.yaml"}) {
    const Profile p = data_profile("model", f);
    const CostModel m = price_options(p);
    const auto month = break_even(p, m, Option::edge).month;
    REQUIRE(month);
    CHECK(m.edge.cumulative_at(*month) == Approx(m.cloud.cumulative_at(*month)));
    CHECK(m.edge.cumulative_at(*month * 0.99) > m.cloud.cumulative_at(*month * 0.99));
  }
}

TEST_CASE("break-even month: closed form across replacements", "[break_even]") {
  const OptionCost cloud = option(0, 1000);
  // no replacements: 10,000 / (1,000 - 200) = 12.5
  CHECK(break_even_month(option(10000, 200), cloud) == Approx(12.5));
  // cheaper from the start
  CHECK(break_even_month(option(0, 200), cloud) == 0.0);
  // never: costs more a month
  CHECK_FALSE(break_even_month(option(10000, 1000), cloud));
  // life 10 months, hardware 4,000: saving 800/month = 8,000 per life > 4,000.
  // D: 10,000 -> 2,000 at month 10, +4,000 = 6,000 -> 0 after 7.5 more months: 17.5
  CHECK(*break_even_month(option(10000, 200, 4000, 10.0), cloud) == Approx(17.5));
  // hardware 6,000: D 2,000 -> 8,000 at month 10, falls to 0 just as month 20's purchase lands
  // (+6,000), so the curves only touch; 6,000 / 800 = 7.5 into the next life: 27.5
  CHECK(*break_even_month(option(10000, 200, 6000, 10.0), cloud) == Approx(27.5));
  // hardware 9,000 per life outweighs the 8,000 saved: never
  CHECK_FALSE(break_even_month(option(10000, 200, 9000, 10.0), cloud));
  // 30,000 up front, life 10, hardware 2,000: net -6,000 a life after the first.
  // D at 10: 22,000 -> +2,000 = 24,000; at 20: 16,000 -> 18,000; at 30: 10,000 -> 12,000;
  // at 40: 4,000 -> 6,000; then 6,000 / 800 = 7.5 -> month 47.5
  CHECK(*break_even_month(option(30000, 200, 2000, 10.0), cloud) == Approx(47.5));
}

TEST_CASE("crossings: affine exactly, steps by bisection", "[break_even]") {
  // 100 - 2x = 0 at 50, option cheaper above
  auto c = find_crossing([](double x) { return 100 - 2 * x; }, 10, true);
  REQUIRE(c);
  CHECK(c->value == Approx(50));
  CHECK(c->cheaper_above);
  // always cheaper: no crossing
  CHECK_FALSE(find_crossing([](double x) { return -1 - x; }, 10, true));
  // a step function: positive until 37.5, then negative
  c = find_crossing([](double x) { return x < 37.5 ? 5.0 : -5.0; }, 10, false);
  REQUIRE(c);
  CHECK(c->value == Approx(37.5).epsilon(1e-9));
  // cheaper below a threshold
  c = find_crossing([](double x) { return x < 1e6 ? -1.0 : 1.0; }, 10, false);
  REQUIRE(c);
  CHECK_FALSE(c->cheaper_above);
  CHECK(c->value == Approx(1e6).epsilon(1e-9));
}

TEST_CASE("property: equal volumes written in different units give identical JSON", "[break_even][property]") {
  std::string first;
  for (const char* calls : {"calls: 60/min", "calls: 1/s", "calls: 3600/h", "calls: 86400/day"}) {
    const Loaded out = load(replaced(k_valid_yaml, "calls: 60/min", calls));
    REQUIRE(out.profile);
    const std::string json = report_json(evaluate(*out.profile)).dump();
    if (first.empty()) first = json;
    CHECK(json == first);
  }
}
