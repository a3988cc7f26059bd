// Energy and carbon per call (docs/model.md, "Energy and carbon"), each by hand.

#include <catch2/catch.hpp>

#include <edgecalc/model/model.hpp>

#include "fixture.hpp"

namespace energy_per_call {

using namespace edgecalc;
using namespace edgecalc::test;

// 1,000 devices x 1 call/s; each device draws 0.5 W more; the API is priced per 1M tokens, 1,000
// in and 100 out a call.
const std::string k_base = R"(edgecalc: 1
name: energy
workload: {calls: 1/s, latency_budget: none, tokens: {input: 1000, output: 100}, hard_fraction: 10%}
fleet: {size: 1000}
connectivity: {network: wifi}
data: {sensitivity: internal}
cloud: {price: {per_1m_tokens: {input: $1, output: $4}}}
edge: {unit_cost: $10, inference_time: 10ms, power: 0.5W}
)";

CostModel priced(const std::string& text) { return priced_text(text); }

}  // namespace energy_per_call

TEST_CASE("energy and carbon per call: devices, a per-token API and the hybrid", "[energy]") {
  using namespace energy_per_call;
  const CostModel m = priced(k_base);
  // Cloud: (1,000 x 0.79 J + 100 x 2.16 J) x PUE 1.56 = (790 + 216) x 1.56 = 1,569.36 J.
  REQUIRE(m.cloud.energy.per_call_j);
  CHECK(*m.cloud.energy.per_call_j == Approx(1569.36));
  // At the world's 480 g/kWh: 1,569.36 / 3.6e6 x 480 = 0.209248 g a call; x 2.628e9 calls a month
  // (1,000 x 1/s x 2,628,000 s) / 1,000 = 549,903.7 kg.
  CHECK(*m.cloud.energy.carbon_per_call_g == Approx(0.209248));
  CHECK(*m.cloud.energy.carbon_per_month_kg == Approx(0.209248 * 2.628e9 / 1000));
  // Edge: each device's 0.5 W over its 1 call/s = 0.5 J a call (no PUE for devices).
  REQUIRE(m.edge.energy.per_call_j);
  CHECK(*m.edge.energy.per_call_j == Approx(0.5));
  CHECK(*m.edge.energy.carbon_per_call_g == Approx(0.5 / 3.6e6 * 480));
  // Hybrid: 0.5 J locally + 10% of calls escalated at 1,569.36 J = 0.5 + 156.936 = 157.436 J.
  REQUIRE(m.hybrid.energy.per_call_j);
  CHECK(*m.hybrid.energy.local_j == Approx(0.5));
  CHECK(*m.hybrid.energy.cloud_j == Approx(156.936));
  CHECK(*m.hybrid.energy.per_call_j == Approx(157.436));
}

TEST_CASE("carbon follows each side's grid; an unknown cloud energy is said, not guessed", "[energy]") {
  using namespace energy_per_call;
  // Devices on France's grid (56 g/kWh), the cloud's at 381 g/kWh.
  const CostModel m = priced(k_base + "carbon: {grid: france, cloud_grid: 381g/kWh}\n");
  CHECK(*m.edge.energy.carbon_per_call_g == Approx(0.5 / 3.6e6 * 56));
  CHECK(*m.cloud.energy.carbon_per_call_g == Approx(1569.36 / 3.6e6 * 381));
  // Hybrid: 0.5 J at 56 + 156.936 J at 381 g/kWh.
  CHECK(*m.hybrid.energy.carbon_per_call_g == Approx((0.5 * 56 + 156.936 * 381) / 3.6e6));
  // A per-call price says nothing of tokens: the cloud's energy and the hybrid's total are unknown.
  const CostModel per_call = priced(replaced(k_base, "{per_1m_tokens: {input: $1, output: $4}}", "{per_call: $0.001}"));
  CHECK_FALSE(per_call.cloud.energy.per_call_j);
  CHECK(per_call.cloud.energy.unknown == "the cloud's energy is unknown: a per-call price says nothing of the tokens it serves");
  CHECK_FALSE(per_call.hybrid.energy.per_call_j);
  CHECK(*per_call.hybrid.energy.local_j == Approx(0.5));
  CHECK(errors_of(k_base + "carbon: {grid: mars}\n") ==
        "p.yaml:9:16: error: carbon.grid must be a region (world, germany, france, india, china, canada, brazil, "
        "australia, denmark, finland) or grams of CO2e per kWh from 0 to 2000 (e.g. 381g/kWh); got \"mars\"\n");
}
