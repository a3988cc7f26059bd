// Money over time (docs/model.md, "Money over time"): discounting, resale, fleet ramps and dated
// cloud prices, each by hand.

#include <catch2/catch.hpp>

#include <cmath>

#include <edgecalc/model/break_even.hpp>
#include <edgecalc/model/predictor.hpp>

#include "cli_run.hpp"
#include "fixture.hpp"

namespace money_over_time {

using namespace edgecalc;
using namespace edgecalc::test;

// 1,000 devices x 1,000 calls/month at $0.001 a call = $1,000/month to the cloud; each device
// costs $10 and the edge has no running cost: $10,000 up front.
const std::string k_base = R"(edgecalc: 1
name: money
horizon: 12 months
month: 730h
workload: {calls: 1000/month, latency_budget: 1s}
fleet: {size: 1000}
connectivity: {network: wifi}
data: {sensitivity: internal}
cloud: {price: {per_call: $0.001}}
edge: {unit_cost: $10, inference_time: 10ms}
)";

CostModel priced(const std::string& extra, const std::string& base = k_base) {
  const Loaded out = load(base + extra);
  REQUIRE(out.profile);
  return price_options(*out.profile);
}

std::string assistant() { return example_path("assistant-rollout-ramp.yaml"); }

}  // namespace money_over_time

TEST_CASE("0%/year keeps the steady totals; a discount rate lowers later payments", "[finance]") {
  using namespace money_over_time;
  const CostModel steady = priced("");
  CHECK_FALSE(steady.cloud.timeline);
  CHECK(steady.cloud.total == Approx(12000));  // 12 x $1,000
  CHECK(steady.cloud.present_value == steady.cloud.total);
  const CostModel d = priced("finance: {discount_rate: 12%/year}\n");
  REQUIRE(d.cloud.timeline);
  // Month m's $1,000 is paid at its end: sum over m = 1..12 of 1,000 x 1.12^(-m/12) = 11,291.52
  CHECK(d.cloud.total == Approx(12000));
  CHECK(d.cloud.present_value == Approx(11291.516).epsilon(1e-7));
  // The devices are bought at month 0: not discounted.
  CHECK(d.edge.present_value == Approx(10000));
  // Nominal break-even: 10,000 / 1,000 = month 10. Discounted: month 10's end is worth
  // 1.12^(-10/12) = 0.90999: the first 10 months are worth 9,497.33, month 11 adds 1,000 x
  // 1.12^(-11/12) = 901.3 spread over the month: 10 + (10,000 - 9,497.33) / 901.3 = 10.558.
  const BreakEven be = break_even(*load(k_base + "finance: {discount_rate: 12%/year}\n").profile, d, Option::edge);
  REQUIRE(be.month);
  CHECK(*be.month == Approx(10).epsilon(1e-9));
  REQUIRE(be.discounted_month);
  double worth = 0;
  for (int m = 1; m <= 10; ++m) worth += 1000 * std::pow(1.12, -m / 12.0);
  CHECK(worth == Approx(9497.33).epsilon(1e-6));
  CHECK(*be.discounted_month == Approx(10 + (10000 - worth) / (1000 * std::pow(1.12, -11 / 12.0))).epsilon(1e-9));
  CHECK(*be.discounted_month == Approx(10.558).epsilon(1e-4));
}

TEST_CASE("resale: at each replacement and at the horizon, from a written curve", "[finance]") {
  using namespace money_over_time;
  // Replaced every 8 months inside 12: bought at 0 ($10,000), again at 8 ($10,000) with the old
  // units sold at 8 months: the curve is 100% at 0, 60% at 12, so 100 - 40 x 8/12 = 73.33%:
  // $7,333.33; the new units are 4 months old at the horizon: 100 - 40 x 4/12 = 86.67%: $8,666.67.
  const CostModel m = priced("finance: {residual: {12 months: 60%}}\n",
                             replaced(k_base, "inference_time: 10ms}", "inference_time: 10ms, lifetime: 8 months}"));
  CHECK(m.edge.hardware_bought == Approx(20000));
  CHECK(m.edge.residual_value == Approx(8666.667).epsilon(1e-6));
  CHECK(m.edge.resale == Approx(7333.333 + 8666.667).epsilon(1e-6));
  CHECK(m.edge.total == Approx(20000 - 16000).epsilon(1e-9));
  CHECK(m.edge.hardware_bought - m.edge.resale == Approx(4000));  // depreciation
  // The default for boxes is the market curve (30% at 36 months); devices keep none.
  const Profile server = load_path(example_path("team-gpu-server.yaml"));
  CHECK(server.finance.residual_name == "market");
  CHECK(server.finance.residual_at(36) == Approx(0.30));
  CHECK(server.finance.residual_at(30) == Approx(0.3625));  // 42.5 - 12.5 x 6/12
  CHECK(load(k_base).profile->finance.residual_name == "none");
}

TEST_CASE("a fleet ramp with dated price changes, by hand", "[finance][ramp]") {
  using namespace money_over_time;
  const Profile p = load_path(assistant());
  const CostModel m = price_options(p);
  REQUIRE(m.cloud.timeline);
  // A phone's month: 10/day x 730/24 days = 304.17 calls x (300 x $1 + 100 x $4) / 1M = $0.212917.
  // Fleet in month m: 1,000 + 9,000 x min(1, m/12). Rates: x1 in month 0, x2 from 2027-01-01
  // (month 1), x1.6 from month 18.
  //   month 0: 1,000 x 0.212917 = 212.92
  //   months 1-11: (11 x 1,000 + 9,000 x 66/12) = 60,500 phone-months x 0.212917 x 2 = 25,763.0
  //   months 12-17: 60,000 x 0.212917 x 2 = 25,550.0; months 18-35: 180,000 x 0.212917 x 1.6 = 61,320.0
  const double per_phone = 10 * 730.0 / 24 * (300 * 1.0 + 100 * 4.0) / 1e6;
  CHECK(per_phone == Approx(0.212917).epsilon(1e-5));
  CHECK(m.cloud.total == Approx(per_phone * (1000 + 60500 * 2 + 60000 * 2 + 180000 * 1.6)).epsilon(1e-9));
  CHECK(m.cloud.total == Approx(112845.83).epsilon(1e-6));
  CHECK(m.cloud.timeline->months[1].price_factor == 2);
  CHECK(m.cloud.timeline->months[18].price_factor == Approx(1.6));
  CHECK(m.cloud.peak_monthly == Approx(10000 * per_phone * 2));
  // Phones are bought as they ship ($3 each) and replaced at 24 months: month 0's 1,000 and the
  // 750 of each of months 1-11 are replaced inside 36 months (month 12's batch is due at 36):
  // 3 x (10,000 + 9,250) + $20,000 engineering = $77,750; up front 1,000 x 3 + 20,000.
  CHECK(m.edge.upfront == Approx(23000));
  CHECK(m.edge.replacements == Approx(9250 * 3));
  CHECK(m.edge.replacement_count == 12);
  CHECK(m.edge.total == Approx(77750));
  CHECK(m.edge.timeline->months[5].fleet == 4750);
  // A schedule: none before month 2, then 400, capped at fleet.size (1,000) from month 4.
  const CostModel list = priced("", replaced(k_base, "fleet: {size: 1000}", "fleet: {size: 1000, ramp: {sizes: {2: 400, 4: 5000}}}"));
  CHECK(list.edge.timeline->months[1].fleet == 0);
  CHECK(list.edge.timeline->months[2].fleet == 400);
  CHECK(list.edge.timeline->months[4].fleet == 1000);
  // cloud: (2 x 400 + 8 x 1,000) calls-months x 1,000 x $0.001 = $8,800
  CHECK(list.cloud.total == Approx(8800));
  // The steady figures still describe the whole fleet at today's price.
  CHECK(m.cloud.monthly == Approx(10000 * per_phone));
}

TEST_CASE("max_monthly_cost checks the costliest month of a ramp", "[finance][gates]") {
  using namespace money_over_time;
  // The cloud's costliest month is months 12-17: 10,000 x 0.212917 x 2 = $4,258.33 (the steady
  // figure is half of that).
  const test::Run r = test::run({assistant(), "--require", "cloud", "--set", "budget.max_monthly_cost=$4000"});
  CHECK(r.code == 1);
  CHECK(r.out.find("$4,258.33") != std::string::npos);
}

TEST_CASE("money over time rejects what it cannot place", "[finance][errors]") {
  using namespace money_over_time;
  CHECK(errors_of(k_base + "finance: {residual: markt}\n") ==
        "p.yaml:11:21: error: finance.residual must be one of {none,market} or a map of age: share (e.g. {36 months: "
        "30%}); got \"markt\"; did you mean `market`?\n");
  CHECK(errors_of(replaced(k_base, "cloud: {price: {per_call: $0.001}}",
                           "cloud: {price: {per_call: $0.001}, price_changes: [{at: 2027-01-01, change: -20%}]}")) ==
        "p.yaml:9:57: error: cloud.price_changes[0].at is a date (2027-01-01); set finance.start, the horizon's first "
        "day (e.g. finance: {start: 2026-12-01}), or write a time from the start (e.g. 6 months)\n");
  CHECK(errors_of(replaced(k_base, "fleet: {size: 1000}", "fleet: {size: 1000, ramp: {sizes: {0: 100, six: 500}}}")) ==
        "p.yaml:6:44: error: fleet.ramp.sizes: each key is a month from the start (0, 6, 12 ...); got `six`\n");
  CHECK(errors_of(replaced(k_base, "fleet: {size: 1000}", "fleet: {size: 1000, ramp: {start: 10, over: 0 months}}")) ==
        "p.yaml:6:45: error: fleet.ramp.over must be greater than zero; got \"0 months\"\n");
  const test::Run bad = test::run({assistant(), "--set", "cloud.price_changes=[{at: 3 months, change: -100%}]"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("more than -100%") != std::string::npos);
}

TEST_CASE("sensitivity and the Monte Carlo vary the new fields", "[finance][sensitivity][uncertainty]") {
  using namespace money_over_time;
  // Each switching value is fed back by test_sensitivity.cpp's round trip over every example;
  // here: the fields are there. Edge's lead is 27.5%; the cloud's later payments weigh less at a
  // higher rate, so only a rate far above today's (64.3%/year) flips the verdict.
  const test::Run s = test::run({assistant(), "--sensitivity"});
  CHECK(s.code == 0);
  CHECK(s.out.find("finance.discount_rate                  8%/year        -                        64.3%/year -> cloud") !=
        std::string::npos);
  const test::Run json = test::run({assistant(), "--sensitivity", "--format", "json"});
  CHECK(json.out.find("\"field\": \"fleet.ramp.start\"") != std::string::npos);
  const test::Run mc = test::run({assistant(), "--set", "finance.discount_rate=4%/year..20%/year"});
  CHECK(mc.code == 0);
  CHECK(mc.out.find("uncertainty: 10,000 samples, seed 20261123, 1 ranges") != std::string::npos);
}

namespace money_over_time {

// The searches price at Detail::totals and the explorations at Detail::cash: the same totals and
// present values as the report's Detail::lines, on every example profile that varies over time.
TEST_CASE("every pricing detail gives the report's totals and present values", "[finance]") {
  int varying = 0;
  for (const std::string& path : example_profiles()) {
    if (!path.ends_with(".yaml")) continue;
    Profile p = load_path(path, {});
    if (!p.varies_over_time()) continue;
    apply_prediction(p, predict(p), Workings::skipped);  // as the pipeline does before pricing
    ++varying;
    const CostModel full = price_options(p, Detail::lines);
    const CostModel cash = price_options(p, Detail::cash);
    const CostModel totals = price_options(p, Detail::totals);
    for (Option o : {Option::cloud, Option::edge, Option::hybrid}) {
      INFO(path << " " << to_string(o));
      CHECK(cash.option(o).total == full.option(o).total);
      CHECK(totals.option(o).total == full.option(o).total);
      CHECK(totals.option(o).present_value == full.option(o).present_value);
      CHECK(totals.option(o).upfront == full.option(o).upfront);
      CHECK(!totals.option(o).timeline);
      if (full.option(o).timeline) {
        REQUIRE(cash.option(o).timeline);
        CHECK(cash.option(o).timeline->months.size() == full.option(o).timeline->months.size());
        CHECK(cash.option(o).timeline->payments == full.option(o).timeline->payments);
        CHECK(break_even_month(cash.option(o), cash.cloud) == break_even_month(full.option(o), full.cloud));
      }
    }
  }
  CHECK(varying >= 3);  // the ramp, resale and rented examples at least
}

}  // namespace money_over_time
