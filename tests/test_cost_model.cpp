#include <catch2/catch.hpp>

#include <edgecalc/model/model.hpp>

#include "cli_run.hpp"
#include "fixture.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

namespace {

double line(const OptionCost& o, const std::string& item, Side side) {
  for (const CostLine& l : o.breakdown)
    if (l.item == item && l.side == side) return l.total;
  FAIL("no line " << item);
  return 0;
}

}  // namespace

TEST_CASE("worked example 1: 2,000 kiosks, per-call cloud", "[cost]") {
  const CostModel m = price_options(data_profile("model", "kiosk-fleet.yaml"));
  // calls/month = 10/h x 730 h x 2,000 kiosks = 14,600,000
  CHECK(m.volume.calls_per_month == Approx(14.6e6));
  // cloud: 14.6M x $0.0002 = $2,920; transfer 14.6M x 50 KB = 730 GB x $0.09 = $65.70
  CHECK(m.cloud.monthly == Approx(2985.70));
  CHECK(line(m.cloud, "per_call_fees", Side::cloud) == Approx(2920 * 36));
  CHECK(line(m.cloud, "transfer", Side::cloud) == Approx(65.70 * 36));
  CHECK(m.cloud.upfront == 0);
  CHECK(m.cloud.total == Approx(107485.20));  // 2,985.70 x 36
  // edge: up front 2,000 x $25 + $20,000 = $70,000
  CHECK(m.edge.upfront == Approx(70000));
  // energy: 2 W x 730 h = 1.46 kWh x $0.15 = $0.219 per kiosk x 2,000 = $438
  CHECK(m.edge.monthly == Approx(438));
  CHECK(m.edge.total == Approx(85768));  // 70,000 + 438 x 36; lifetime 60 > 36: no replacement
  CHECK(m.edge.replacement_count == 0);
  // hybrid: 438 + 5% x 2,985.70 = 587.285 a month; 70,000 + 587.285 x 36 = 91,142.26
  CHECK(m.hybrid.monthly == Approx(587.285));
  CHECK(m.hybrid.total == Approx(91142.26));
  // per 1k calls: 107,485.20 / (14.6M x 36) x 1000 = $0.2045
  REQUIRE(m.cloud.cost_per_1k_calls);
  CHECK(*m.cloud.cost_per_1k_calls == Approx(0.2045));
  CHECK(m.edge.units == 2000);
  CHECK(m.edge.units_label == "kiosks");
}

TEST_CASE("worked example 2: a 40-person team, per-token cloud, two servers for the p95 budget", "[cost]") {
  const CostModel m = price_options(data_profile("model", "team-llm-server.yaml"));
  // calls/month = 200/day x (730/24 days) x 40 = 243,333.33
  CHECK(m.volume.calls_per_month == Approx(243333.333));
  // tokens: 243,333.33 x 1,500 = 365M in x $2.50/M = $912.50; x 500 = 121.67M out x $10/M = $1,216.67
  CHECK(m.cloud.monthly == Approx(2129.1667));
  CHECK(m.cloud.total == Approx(76650));  // 2,129.17 x 36
  // peak = 40 x 200 / 86,400 x 3 = 0.2778/s; utilization: ceil(0.2778 / (0.5 x 0.8)) = 1 box.
  CHECK(m.volume.peak_calls_per_second == Approx(0.27778).epsilon(1e-4));
  // But the 10 s budget needs two. A call holds the box's one slot (0.5/s x 3 s = 1.5 -> 1) for
  // 1 / 0.5 = 2 s. One box: rho = 0.2778 x 2 = 0.5556 = Erlang C; mean wait 0.5556 / (0.5 - 0.2778)
  // x (1 + 1) / 2 = 2.5 s; p95 = 2.5 / 0.5556 x ln(0.5556 / 0.05) = 4.5 x 2.408 = 10.84 s;
  // 3 + 10.84 > 10. Two boxes: B(1) = 0.5556 / 1.5556 = 0.35714, B(2) = 0.19841 / 2.19841 =
  // 0.090253, C = 0.090253 / (1 - 0.2778 x 0.909747) = 0.12077; p95 wait = 1 / (1 - 0.2778)
  // x ln(0.12077 / 0.05) = 1.3846 x 0.88187 = 1.2211 s; 3 + 1.22 <= 10.
  CHECK(m.edge.units == 2);
  CHECK(m.edge.units_label == "boxes");
  REQUIRE(m.edge.load);
  CHECK(m.edge.load->sized_by == SizedBy::latency);
  CHECK(m.edge.load->probability_of_waiting == Approx(0.12077).epsilon(1e-3));
  CHECK(m.edge.load->wait_p95_s == Approx(1.2211).epsilon(1e-3));
  // energy: 2 x 450 W x 730 h = 657 kWh x 1.2 pue x $0.20 = $157.68
  CHECK(line(m.edge, "energy", Side::edge) == Approx(157.68 * 36));
  // maintenance: 10%/year x $8,000 = $800/year = $66.67/month
  CHECK(line(m.edge, "maintenance", Side::edge) == Approx(800.0 / 12 * 36));
  CHECK(m.edge.upfront == Approx(13000));  // 2 x $4,000 + $5,000
  // Boxes are resold at the horizon on the market curve (domain/finance.cpp): 30% at 36 months,
  // 0.30 x $8,000 = $2,400.
  CHECK(m.edge.residual_value == Approx(2400));
  CHECK(m.edge.total == Approx(18676.48));  // 13,000 + (157.68 + 66.67) x 36 - 2,400
}

TEST_CASE("instance pricing sizes instances from the peak", "[cost]") {
  std::string text = replaced(k_valid_yaml, "    per_call: $0.0001\n",
                              "    instance: {hourly: $2.50, capacity: 40/s, min: 1, utilization: 70%}\n");
  text = replaced(text, "  size: 1000", "  size: 3000");
  text = replaced(text, "  latency_budget: 100ms", "  latency_budget: 100ms\n  peak_factor: 2");
  const Loaded out = load(text);
  INFO(out.errors);
  REQUIRE(out.profile);
  const CostModel m = price_options(*out.profile);
  // peak = 1/s x 3,000 x 2 = 6,000/s; instances = ceil(6,000 / (40 x 0.7)) = ceil(214.29) = 215
  REQUIRE(m.cloud.instances);
  CHECK(*m.cloud.instances == 215);
  // 215 x $2.50 x 730 h = $392,375 a month
  CHECK(m.cloud.monthly == Approx(392375));
  // hybrid escalates nothing: it is not priced at all (no lines, no instances)
  CHECK_FALSE(m.hybrid_applicable);
  CHECK_FALSE(m.hybrid.instances);
  CHECK(m.hybrid.breakdown.empty());
}

TEST_CASE("hardware is bought again at each lifetime inside the horizon", "[cost]") {
  const std::string text = replaced(k_valid_yaml, "  inference_time: 8ms\n",
                                    "  inference_time: 8ms\n  lifetime: 12 months\n");
  const Loaded out = load(text);
  REQUIRE(out.profile);
  const CostModel m = price_options(*out.profile);
  // 36-month horizon, 12-month life: bought at 0, then again at 12 and 24 (36 is the end)
  CHECK(m.edge.replacement_count == 2);
  // hardware $4 x 1,000 = $4,000 a round; replacements 2 x 4,000
  CHECK(m.edge.replacements == Approx(8000));
  CHECK(m.edge.total == Approx(4000 + 8000));  // no monthly costs in the fixture
  CHECK(m.edge.monthly == 0);                  // replacements stay out of monthly
  // the curve jumps at 12 and 24, not at 36
  CHECK(m.edge.cumulative_at(11.9) == Approx(4000));
  CHECK(m.edge.cumulative_at(12) == Approx(8000));
  CHECK(m.edge.cumulative_at(36) == Approx(12000));
  CHECK(m.edge.cumulative_at(36, false) == Approx(16000));  // past the horizon, the 4th round
}

TEST_CASE("lifetimes that divide the horizon are not rounded up by noise", "[cost]") {
  CHECK(ceil_tolerant(3.0000000000004) == 3);
  CHECK(ceil_tolerant(3.01) == 4);
  CHECK(units_needed(0.4, 0.5, 0.8) == 1);  // exactly one box, not two
  CHECK(units_needed(0.41, 0.5, 0.8) == 2);
  CHECK(units_needed(0, 0.5, 0.8) == 0);
}

TEST_CASE("zero-volume workloads cost their fixed parts only", "[cost]") {
  const Loaded out = load(replaced(k_valid_yaml, "calls: 60/min", "calls: 0/min"));
  REQUIRE(out.profile);
  const CostModel m = price_options(*out.profile);
  CHECK(m.volume.calls_per_month == 0);
  CHECK(m.cloud.total == 0);
  CHECK_FALSE(m.cloud.cost_per_1k_calls);   // no calls: no price per call
  CHECK(m.edge.total == Approx(4000));      // 1,000 x $4 still bought
}

TEST_CASE("the breakdown adds up to the totals", "[cost]") {
  for (const char* f : {"kiosk-fleet.yaml", "team-llm-server.yaml"}) {
    const CostModel m = price_options(data_profile("model", f));
    for (const OptionCost* o : {&m.cloud, &m.edge, &m.hybrid}) {
      double total = 0;
      for (const CostLine& l : o->breakdown) total += l.total;
      CHECK(total == Approx(o->total));
      // total = upfront + monthly x horizon + replacements - resale (none for devices)
      CHECK(o->total == Approx(o->upfront + o->monthly * m.horizon_months + o->replacements - o->resale));
      const auto curve = cumulative_curve(*o, m.horizon_months);
      CHECK(curve.size() == 37);  // months 0..36
      CHECK(curve.back() == Approx(o->total));
      CHECK(curve.front() == Approx(o->upfront));
    }
  }
}

TEST_CASE("property: doubling a price doubles its line", "[cost][property]") {
  Profile p = data_profile("model", "kiosk-fleet.yaml");
  const CostModel before = price_options(p);
  p.cloud.price.per_call *= 2;
  p.cloud.transfer_per_gb *= 2;
  p.edge.energy_price_per_kwh *= 2;
  const CostModel after = price_options(p);
  CHECK(line(after.cloud, "per_call_fees", Side::cloud) == Approx(2 * line(before.cloud, "per_call_fees", Side::cloud)));
  CHECK(line(after.cloud, "transfer", Side::cloud) == Approx(2 * line(before.cloud, "transfer", Side::cloud)));
  CHECK(line(after.edge, "energy", Side::edge) == Approx(2 * line(before.edge, "energy", Side::edge)));
  CHECK(line(after.edge, "hardware", Side::edge) == Approx(line(before.edge, "hardware", Side::edge)));
}

TEST_CASE("property: per-call cloud cost is proportional to fleet size", "[cost][property]") {
  Profile p = data_profile("model", "kiosk-fleet.yaml");
  const double base = price_options(p).cloud.total;
  for (double factor : {0.5, 3.0, 10.0, 1000.0}) {
    Profile scaled = p;
    scaled.fleet.size = p.fleet.size * factor;
    CHECK(price_options(scaled).cloud.total == Approx(base * factor));
  }
}

TEST_CASE("a 30-day month prices every line in 720 h, and the 730 h default in 730 h", "[cost]") {
  // The seed's case: 60 calls/min on 50,000 doorbells. 30-day month: 1/s x 50,000 x 2,592,000 s
  // = 129.6B calls; the default month of 730 h: x 2,628,000 s = 131.4B.
  const std::string doorbell = example_path("doorbell-keyword-spotting.yaml");
  CHECK(price_options(load_path(doorbell, set_overrides({"month=30d"}))).volume.calls_per_month == Approx(129.6e9));
  CHECK(price_options(load_path(doorbell)).volume.calls_per_month == Approx(131.4e9));
  CHECK(price_options(load_path(doorbell, set_overrides({"month=730h"}))).volume.calls_per_month == Approx(131.4e9));

  // Worked example 1 in 30-day months: 10/h x 720 h x 2,000 kiosks = 14.4M calls a month.
  const CostModel m = price_options(data_profile("model", "kiosk-fleet.yaml", {"month=30d"}));
  CHECK(m.hours_per_month == 720);
  CHECK(m.volume.calls_per_month == Approx(14.4e6));
  // per call 14.4M x $0.0002 = $2,880; transfer 14.4M x 50 KB = 720 GB x $0.09 = $64.80
  CHECK(line(m.cloud, "per_call_fees", Side::cloud) == Approx(2880 * 36));
  CHECK(line(m.cloud, "transfer", Side::cloud) == Approx(64.80 * 36));
  // energy 2 W x 720 h = 1.44 kWh x $0.15 = $0.216 a kiosk x 2,000 = $432 (not 438 as in 730 h)
  CHECK(m.edge.monthly == Approx(432));
  CHECK(m.edge.total == Approx(70000 + 432 * 36));
  // a price per billing month stays what it says: $200/month is $200 in either month
  const CostModel fee = price_options(data_profile("model", "kiosk-fleet.yaml", {"month=30d", "cloud.fixed=$200/month"}));
  CHECK(line(fee.cloud, "fixed", Side::cloud) == Approx(200 * 36));
  // a duration in months is in the same month: a 36-month horizon of 30 days is 1,080 days
  CHECK(load_path(data_path("model", "kiosk-fleet.yaml"), set_overrides({"month=30d"})).horizon_s == Approx(1080 * 86400.0));

  // The report says which month it used.
  const test::Run r = test::run({data_path("model", "kiosk-fleet.yaml"), "--set", "month=30d", "--no-chart"});
  CHECK(r.out.find("horizon  36 months of 720 h") != std::string::npos);
  const test::Run j = test::run({data_path("model", "kiosk-fleet.yaml"), "--set", "month=30d", "--format", "json"});
  CHECK(j.out.find("\"hours_per_month\": 720.0") != std::string::npos);
}
