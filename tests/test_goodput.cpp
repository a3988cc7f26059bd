// Goodput in the report and its gate: the highest peak rate each option's units carry with p95
// within the latency budget (model/latency.hpp), and budget.min_headroom (decide/gates.hpp).
#include <catch2/catch.hpp>

#include <cmath>

#include <edgecalc/decide/pipeline.hpp>
#include <edgecalc/report/report_json.hpp>

#include "fixture.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

namespace {

// One box of one slot, 1 s calls, exponential service (cv 1): an M/M/1 queue whose sojourn is
// Exp(mu - lambda), p95 = ln 20 / (1 - lambda) s. 1,260 members x 1/h = 0.35 calls/s, flat peak.
// The cloud's $0.01 a call (0.35 x 2.628M s x 0.01 = $9,198/month) makes the $1,000 box the verdict.
const std::string k_goodput_server = R"(edgecalc: 1
name: goodput-server
workload:
  calls: 1/h
  latency_budget: 10s
  service_cv: 1
fleet:
  size: 1260
  unit: members
connectivity:
  network: wifi
data:
  sensitivity: public
cloud:
  price:
    per_call: $0.01
  inference_time: 500ms
edge:
  deployment: server
  unit_cost: $1000
  inference_time: 1s
  capacity: 1/s
  max_concurrency: 1
)";

Report evaluated(const std::string& text) {
  const Loaded out = load(text);
  INFO(out.errors);
  REQUIRE(out.profile);
  return evaluate(*out.profile);
}

const double k_ln20 = std::log(20.0);

}  // namespace

TEST_CASE("goodput of a box: the M/M/1 rate whose p95 is the budget, and the fleet it serves", "[goodput]") {
  const Report r = evaluated(k_goodput_server);
  REQUIRE(r.verdict.choice == Option::edge);
  REQUIRE(r.costs.sizing.units == 1);  // 0.35 calls/s on a 1 call/s box, p95 ln 20 / 0.65 = 4.6 s
  const auto& g = r.latency.edge.goodput;
  REQUIRE(g);
  // ln 20 / (1 - lambda) = 10 s  =>  lambda = 1 - 2.99573 / 10 = 0.700427 calls/s
  CHECK(g->max_calls_per_second == Approx(1 - k_ln20 / 10).epsilon(1e-8));
  CHECK(g->peak_calls_per_second == Approx(0.35));
  // headroom 1 - 0.35 / 0.700427 = 0.500305
  CHECK(*g->headroom == Approx(1 - 0.35 / (1 - k_ln20 / 10)).epsilon(1e-8));
  CHECK(g->units == 1);
  CHECK_FALSE(g->per_device);
  CHECK(g->budget_bound);
  // 0.700427 calls/s / (1/3600 calls/s per member) = 2,521.5: 2,521 members
  REQUIRE(g->fleet_size_limit);
  CHECK(*g->fleet_size_limit == 2521);
  // A cloud API has no units of the user's: no goodput. An unpriced hybrid (escalation 0): none.
  CHECK_FALSE(r.latency.cloud.goodput);
  CHECK_FALSE(r.latency.hybrid.goodput);
  // JSON: options.edge.goodput with these keys, options.cloud.goodput null.
  const auto j = report_json(r);
  CHECK(j["options"]["edge"]["goodput"]["max_calls_per_second"] == Approx(1 - k_ln20 / 10).epsilon(1e-8));
  CHECK(j["options"]["edge"]["goodput"]["fleet_size_limit"] == 2521);
  CHECK(j["options"]["edge"]["goodput"]["limited_by"] == "latency_budget");
  CHECK(j["options"]["edge"]["goodput"]["per_device"] == false);
  CHECK(j["options"]["cloud"]["goodput"].is_null());
}

TEST_CASE("goodput of a device is its own calls' rate, and without a budget it is saturation", "[goodput]") {
  // Hardware in every member: each answers 0.35 calls/s of its own (21/min) as its own M/M/1.
  const std::string device = replaced(replaced(replaced(k_goodput_server, "calls: 1/h", "calls: 21/min"),
                                               "  deployment: server\n", ""),
                                      "  capacity: 1/s\n", "");
  const Report d = evaluated(device);
  const auto& g = d.latency.edge.goodput;
  REQUIRE(g);
  CHECK(g->per_device);
  CHECK(g->units == 1);
  CHECK(g->peak_calls_per_second == Approx(0.35));
  CHECK(g->max_calls_per_second == Approx(1 - k_ln20 / 10).epsilon(1e-8));  // 0.700427, as one box
  CHECK_FALSE(g->fleet_size_limit);  // the fleet never loads one device
  // No latency budget: the box carries up to its capacity, 1 call/s; headroom 1 - 0.35 = 65%.
  const Report n = evaluated(replaced(k_goodput_server, "latency_budget: 10s", "latency_budget: none"));
  REQUIRE(n.latency.edge.goodput);
  CHECK_FALSE(n.latency.edge.goodput->budget_bound);
  CHECK(n.latency.edge.goodput->max_calls_per_second == Approx(1));
  CHECK(*n.latency.edge.goodput->headroom == Approx(0.65));
  CHECK(*n.latency.edge.goodput->fleet_size_limit == 3600);  // 1 / (1/3600)
}

TEST_CASE("goodput of cloud instances leaves the network its p95, a synchronous cascade the cloud's", "[goodput]") {
  // Instances of one slot (1 call/s, 1 s): Wi-Fi's p95 round trip is 60 ms (no payload), so the
  // queue has 9.94 s: 1 - ln 20 / 9.94 = 0.698614 calls/s on the one instance the load needs.
  const std::string instances =
      replaced(k_goodput_server, "    per_call: $0.01\n  inference_time: 500ms\n",
               "    instance: {hourly: $1, capacity: 1/s}\n  inference_time: 1s\n");
  const Report c = evaluated(instances);
  REQUIRE(c.latency.cloud.goodput);
  CHECK(c.latency.cloud.goodput->units == 1);
  CHECK(c.latency.cloud.goodput->max_calls_per_second == Approx(1 - k_ln20 / 9.94).epsilon(1e-8));
  // A cascade that escalates 10% of calls synchronously: p95 is an escalated call's, local p95 +
  // the API's. The API (500 ms, cv 1: Exp) has p95 0.06 + 0.5 ln 20 = 1.55786 s, so the box has
  // 10 - 1.55786 = 8.44214 s: 1 - ln 20 / 8.44214 = 0.645140 calls/s.
  const Report h = evaluated(k_goodput_server + "hybrid:\n  escalation: 10%\n  escalation_sync: true\n");
  REQUIRE(h.latency.hybrid.goodput);
  CHECK(h.latency.hybrid.goodput->max_calls_per_second ==
        Approx(1 - k_ln20 / (10 - (0.06 + 0.5 * k_ln20))).epsilon(1e-8));
  // Routed, the escalated calls skip the box: its saturation (0.9 of calls at 1 call/s) bounds it.
  const Report route = evaluated(k_goodput_server + "hybrid:\n  escalation: 10%\n  escalation_sync: true\n  mode: route\n");
  REQUIRE(route.latency.hybrid.goodput);
  CHECK_FALSE(route.latency.hybrid.goodput->budget_bound);
  CHECK(route.latency.hybrid.goodput->max_calls_per_second == Approx(1));
  CHECK(route.latency.hybrid.goodput->peak_calls_per_second == Approx(0.9 * 0.35));
}

TEST_CASE("min_headroom: the chosen option's peak must leave this share of its goodput free", "[goodput][gates]") {
  const auto gate = [](const std::string& budget) {
    const Report r = evaluated(replaced(k_goodput_server, "edgecalc: 1\n", "edgecalc: 1\nbudget:\n  " + budget + "\n"));
    REQUIRE(r.gates.size() == 1);
    return r.gates[0];
  };
  // headroom 0.500305 >= 50%: pass, margin (0.500305 - 0.5) / 0.5 = +0.061%
  const GateResult pass = gate("min_headroom: 50%");
  CHECK(pass.status == GateStatus::pass);
  CHECK(*pass.actual == Approx(0.500305).epsilon(1e-5));
  CHECK(*pass.margin == Approx((1 - 0.35 / (1 - k_ln20 / 10) - 0.5) / 0.5).margin(1e-8));  // the bisection: 1e-9
  CHECK(pass.message ==
        "min_headroom: edge's peak of 0.35 calls/s leaves 50% of its goodput (0.7 calls/s) free, at least the 50% required");
  // 60%: fail, and the run exits 1
  const GateResult fail = gate("min_headroom: 60%");
  CHECK(fail.status == GateStatus::fail);
  CHECK(fail.message ==
        "min_headroom: edge's peak of 0.35 calls/s leaves 50% of its goodput (0.7 calls/s) free, under the 60% required");
  CHECK(gate("min_headroom: {limit: 60%, level: warn}").status == GateStatus::warn);
  // A cloud API chosen: nothing of the user's to load, the gate is skipped and says why.
  const Report api = evaluated(replaced(replaced(k_goodput_server, "per_call: $0.01", "per_call: $0.000001"),
                                        "edgecalc: 1\n", "edgecalc: 1\nbudget:\n  min_headroom: 30%\n"));
  REQUIRE(api.verdict.choice == Option::cloud);
  CHECK(api.gates[0].status == GateStatus::skipped);
  CHECK(api.gates[0].message ==
        "min_headroom: not checked, cloud has no units of its own to load (a cloud API's capacity is the provider's)");
}
