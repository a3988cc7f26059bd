#include <catch2/catch.hpp>

#include <sstream>

#include <edgecalc/cli/cli.hpp>
#include <edgecalc/decide/verdict.hpp>

#include "fixture.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

namespace {

Profile fixture(double escalation = 0.05, double close_call = 0.1) {
  Loaded out = load(k_valid_yaml);
  REQUIRE(out.profile);
  out.profile->hybrid.escalation = escalation;
  out.profile->close_call = close_call;
  return *out.profile;
}

CostModel totals(double cloud, double edge, double hybrid) {
  CostModel m;
  m.horizon_months = 36;
  m.cloud.option = Option::cloud;
  m.edge.option = Option::edge;
  m.hybrid.option = Option::hybrid;
  m.cloud.total = m.cloud.present_value = cloud;  // undiscounted: the verdict ranks present values
  m.edge.total = m.edge.present_value = edge;
  m.hybrid.total = m.hybrid.present_value = hybrid;
  return m;
}

FiredRule fire(std::string_view id, Option option, std::string reason = "a reason") {
  const Rule* rule = find_rule(id);
  REQUIRE(rule);
  return FiredRule{rule, option, 0, "message", std::move(reason)};
}

}  // namespace

TEST_CASE("the cheapest feasible option wins", "[verdict]") {
  const Verdict v = decide(fixture(), totals(100, 80, 90), {});
  REQUIRE(v.choice);
  CHECK(*v.choice == Option::edge);
  CHECK(v.runner_up == Option::hybrid);
  // (90 - 80) / 80 = 12.5% apart: more than close_call 10%, not a close call
  CHECK_FALSE(v.close_call);
  // 1 - 80/90 = 11.1% cheaper
  CHECK(v.summary == "edge: edge is 11.1% cheaper than hybrid over 36 months");
  for (const OptionStatus& s : v.status) CHECK(s.feasible());
}

TEST_CASE("a blocked option cannot win however cheap", "[verdict]") {
  const Verdict v = decide(fixture(), totals(100, 10, 300),
                           {fire("latency.edge-time", Option::edge, "edge inference time (8 ms against 5 ms)"),
                            fire("latency.edge-time", Option::hybrid, "edge inference time (8 ms against 5 ms)")});
  REQUIRE(v.choice);
  CHECK(*v.choice == Option::cloud);
  CHECK_FALSE(v.of(Option::edge).feasible());
  CHECK(v.of(Option::edge).blocked_by == std::vector<std::string>{"latency.edge-time"});
  CHECK(v.summary == "cloud: edge is ruled out by edge inference time (8 ms against 5 ms); hybrid is ruled "
                     "out by edge inference time (8 ms against 5 ms), and cloud is the only option left");
}

TEST_CASE("ratios of 1.5 and more read as multiples", "[verdict]") {
  const Verdict v = decide(fixture(), totals(320, 100, 500),
                           {fire("latency.cloud-rtt", Option::cloud, "the 100 ms budget (lte-urban p95 180 ms)")});
  // hybrid 500 / edge 100 = 5.0x
  CHECK(v.summary == "edge: cloud is ruled out by the 100 ms budget (lte-urban p95 180 ms), and edge is "
                     "5.0x cheaper than hybrid over 36 months");
}

TEST_CASE("every option blocked: the verdict is none", "[verdict]") {
  const Verdict v = decide(fixture(), totals(1, 2, 3),
                           {fire("connectivity.none", Option::cloud, "no network link"),
                            fire("latency.edge-time", Option::edge, "edge time"),
                            fire("latency.edge-time", Option::hybrid, "edge time")});
  CHECK_FALSE(v.choice);
  CHECK(v.summary == "none: every option is ruled out: cloud is ruled out by no network link; edge is "
                     "ruled out by edge time; hybrid is ruled out by edge time");
}

// The model marks a hybrid that escalates nothing as not priced.
CostModel without_hybrid(CostModel m) {
  m.hybrid_applicable = false;
  return m;
}

TEST_CASE("a hybrid that escalates nothing is not applicable", "[verdict]") {
  const Verdict v = decide(fixture(0.0), without_hybrid(totals(100, 80, 70)), {});
  CHECK(*v.choice == Option::edge);  // hybrid is cheapest but is the edge under another name
  CHECK_FALSE(v.of(Option::hybrid).applicable);
  CHECK_FALSE(v.of(Option::hybrid).feasible());
  CHECK(v.of(Option::hybrid).blocked_by.empty());
  // with the cloud and the edge blocked, "none" also names the inapplicable hybrid
  const Verdict none = decide(fixture(0.0), without_hybrid(totals(1, 2, 3)),
                              {fire("connectivity.none", Option::cloud, "no link"),
                               fire("capability.hard-fraction", Option::edge, "hard calls")});
  CHECK_FALSE(none.choice);
  CHECK(none.summary == "none: every option is ruled out: cloud is ruled out by no link; edge is ruled out "
                        "by hard calls; hybrid escalates no calls (hybrid.escalation is 0%): it is the edge "
                        "option under another name");
}

TEST_CASE("a close call is settled by the soft signals", "[verdict]") {
  // cloud 95 is cheapest, edge 100 is within 10% ((100 - 95) / 95 = 5.26%), hybrid far behind
  const Verdict v = decide(fixture(), totals(95, 100, 200), {fire("scale.fleet", Option::edge)});
  REQUIRE(v.choice);
  CHECK(*v.choice == Option::edge);
  CHECK(v.close_call);
  CHECK(v.runner_up == Option::cloud);
  CHECK(v.summary == "edge: cloud and edge are within 5.26% of each other over 36 months, a close call "
                     "settled for edge by scale.fleet");
  // a signal for the cheaper one keeps it
  const Verdict kept = decide(fixture(), totals(95, 100, 200), {fire("rate.low-frequency", Option::cloud)});
  CHECK(*kept.choice == Option::cloud);
  CHECK(kept.close_call);
}

TEST_CASE("a close call no signal settles goes to the cheaper", "[verdict]") {
  const Verdict v = decide(fixture(), totals(95, 100, 200),
                           {fire("scale.fleet", Option::edge), fire("rate.low-frequency", Option::cloud)});
  CHECK(*v.choice == Option::cloud);
  CHECK(v.close_call);
  CHECK(v.summary == "cloud: cloud and edge are within 5.26% of each other over 36 months, a close call "
                     "that no soft signal settles, so the cheaper cloud wins");
}

TEST_CASE("close_call sets how close is close", "[verdict]") {
  CHECK_FALSE(decide(fixture(0.05, 0.05), totals(95, 100, 200), {}).close_call);  // 5.26% > 5%
  CHECK(decide(fixture(0.05, 0.06), totals(95, 100, 200), {}).close_call);
  CHECK(decide(fixture(0.05, 0.0), totals(100, 100, 200), {}).close_call);  // equal totals
}

TEST_CASE("verdict none exits 1 from the command line", "[verdict][cli]") {
  std::ostringstream out, err;
  const std::string profile = std::string(EDGECALC_SOURCE_DIR) + "/tests/data/rules/all-blocked.yaml";
  CHECK(run_cli({profile}, out, err) == 1);
  CHECK(out.str().rfind("all-blocked: none", 0) == 0);
  CHECK(err.str().empty());
}
