// Battery life per option and the rule battery.life (docs/model.md, "Battery life"), by hand.

#include <catch2/catch.hpp>

#include <map>

#include <nlohmann/json.hpp>

#include <edgecalc/model/model.hpp>

#include "cli_run.hpp"
#include "fixture.hpp"

namespace battery_life {

using namespace edgecalc;
using namespace edgecalc::test;

// One pendant: a call a second, 2.4 KB sent per cloud call; 15 mW for 12 ms an inference; a
// 300 mAh cell at 3.7 V that draws 6 uA asleep; an LTE-M radio; 1% escalated by a cascade.
const std::string k_base = R"(edgecalc: 1
name: battery
workload: {calls: 1/s, latency_budget: 2s, payload: 2.4KB, hard_fraction: 1%}
fleet: {size: 100}
connectivity: {network: lte-urban}
data: {sensitivity: internal}
cloud: {price: {per_call: $0.000002}, inference_time: 25ms}
edge: {unit_cost: $2, inference_time: 12ms, power: {idle: 30uW, active: 15mW}}
battery: {capacity: 300mAh, voltage: 3.7V, sleep: 6uA, radio: lte-m, min_life: 7 days}
)";

CostModel priced(const std::string& text) { return priced_text(text); }

}  // namespace battery_life

TEST_CASE("battery life: sleep, inference and the radio message per option", "[energy][battery]") {
  using namespace battery_life;
  const CostModel m = priced(k_base);
  // Capacity: 300 mAh x 3.6 C/mAh x 3.7 V = 3,996 J. Sleep: 6 uA x 3.7 V = 22.2 uW.
  // Inference: (15 mW - 22.2 uW) x 12 ms = 0.1797336 mJ a call.
  REQUIRE(m.edge.battery);
  REQUIRE(m.edge.battery->compute_j);
  CHECK(*m.edge.battery->compute_j == Approx(0.1797336e-3));
  CHECK(m.edge.battery->radio_j == 0);
  // Edge: 22.2 uW + 1/s x 0.1797336 mJ = 0.2019336 mW; 3,996 / 0.2019336e-3 = 19,788,686 s (229.0 days).
  CHECK(*m.edge.battery->average_w == Approx(0.2019336e-3));
  CHECK(*m.edge.battery->life_s == Approx(3996 / 0.2019336e-3));
  // Cloud: LTE-M message 0.152 mWh = 0.5472 J, + 2,400 B x 16.444 uJ (100 mA x 3.7 V x 8 bits /
  // 180 kbit/s) = 39.4667 mJ: 0.5866667 J a call; 22.2 uW + 0.5866667 W = 0.5866889 W;
  // 3,996 / 0.5866889 = 6,811.1 s (1.9 hours).
  REQUIRE(m.cloud.battery);
  CHECK(m.cloud.battery->radio_j == Approx(0.5866667));
  CHECK(*m.cloud.battery->compute_j == 0);
  CHECK(*m.cloud.battery->life_s == Approx(3996 / 0.5866889));
  // Hybrid (cascade): every call inferred, 1% sent: 0.2019336 mW + 0.01 x 0.5866667 W = 6.0686003 mW;
  // 3,996 / 6.0686003e-3 = 658,472 s (7.62 days).
  REQUIRE(m.hybrid.battery);
  CHECK(m.hybrid.battery->radio_j == Approx(0.005866667));
  CHECK(*m.hybrid.battery->life_s == Approx(3996 / 6.0686003e-3));
  // A routing hybrid infers only the 99% it keeps: 22.2 uW + 0.99 x 0.1797336 mW + 5.866667 mW.
  const CostModel routed = priced(k_base + "hybrid: {mode: route, router_time: 1ms}\n");
  CHECK(*routed.hybrid.battery->compute_j == Approx(0.99 * 0.1797336e-3));
  CHECK(*routed.hybrid.battery->average_w == Approx(22.2e-6 + 0.99 * 0.1797336e-3 + 0.005866667));
}

TEST_CASE("battery: written energies, a capacity in Wh and a sleep power need no voltage", "[energy][battery]") {
  using namespace battery_life;
  const CostModel m = priced(replaced(k_base, "battery: {capacity: 300mAh, voltage: 3.7V, sleep: 6uA, radio: lte-m, min_life: 7 days}",
                                      "battery: {capacity: 1Wh, sleep: 10uW, message_energy: 1mJ, byte_energy: 1uJ}"));
  // 1 Wh = 3,600 J. Cloud: 1 mJ + 2,400 x 1 uJ = 3.4 mJ a call; 10 uW + 3.4 mW = 3.41 mW;
  // 3,600 / 3.41e-3 = 1,055,718 s.
  CHECK(m.cloud.battery->radio_j == Approx(3.4e-3));
  CHECK(*m.cloud.battery->life_s == Approx(3600 / 3.41e-3));
  // Edge: (15 mW - 10 uW) x 12 ms = 0.17988 mJ; 10 uW + 0.17988 mW = 0.18988 mW.
  CHECK(*m.edge.battery->life_s == Approx(3600 / 0.18988e-3));
  // A single edge.power is the device's average: inference = (power - sleep) / calls a second.
  const CostModel avg = priced(replaced(k_base, "power: {idle: 30uW, active: 15mW}", "power: 1mW"));
  CHECK(*avg.edge.battery->average_w == Approx(1e-3));
}

TEST_CASE("battery.life blocks the options that would not last battery.min_life", "[rules][battery]") {
  using namespace battery_life;
  const auto path = std::filesystem::temp_directory_path() / "edgecalc-battery.yaml";
  std::ofstream(path) << k_base;
  const Run r = run({path.string(), "--format", "json"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto j = nlohmann::json::parse(r.out);
  // The cloud lasts 1.9 hours, under 7 days: blocked; edge (229 days) and hybrid (7.62 days) are not
  // (the edge alone is blocked for the 1% of calls only the cloud model answers).
  CHECK(j["options"]["cloud"]["blocked_by"] == nlohmann::json::array({"battery.life"}));
  CHECK(j["options"]["edge"]["blocked_by"] == nlohmann::json::array({"capability.hard-fraction"}));
  CHECK(j["options"]["hybrid"]["blocked_by"] == nlohmann::json::array());
  CHECK(j["options"]["cloud"]["battery"]["life_days"].get<double>() == Approx(3996 / 0.5866889 / 86400));
  CHECK(j["battery"]["capacity_j"].get<double>() == Approx(3996));
  // A min_life of 9 days blocks the hybrid too.
  std::ofstream(path) << replaced(k_base, "min_life: 7 days", "min_life: 9 days");
  const auto nine = nlohmann::json::parse(run({path.string(), "--format", "json"}).out);
  CHECK(nine["options"]["hybrid"]["blocked_by"] == nlohmann::json::array({"battery.life"}));
}

TEST_CASE("battery: bad input names the field and what it expects", "[errors][battery]") {
  using namespace battery_life;
  const std::string base = "battery: {capacity: 300mAh, voltage: 3.7V, sleep: 6uA, radio: lte-m, min_life: 7 days}";
  CHECK(errors_of(replaced(k_base, base, "battery: {capacity: 300mAh, sleep: 10uW, radio: ble}")) ==
        "p.yaml:9:21: error: battery.capacity in mAh needs battery.voltage (e.g. 3.7V) to be turned into energy; got "
        "\"300mAh\"\n");
  CHECK(errors_of(replaced(k_base, base, "battery: {capacity: 1Wh, sleep: 10uW, radio: lte}")) ==
        "p.yaml:9:46: error: battery.radio must be one of ble, wifi, lte-m, nb-iot, lorawan; got \"lte\"\n");
  CHECK(errors_of(replaced(k_base, base, "battery: {capacity: 1Wh, sleep: 10uW, radio: ble, min_lfe: 7 days}")) ==
        "p.yaml:9:51: error: unknown key `min_lfe` in battery; did you mean `min_life`?\n");
  CHECK(errors_of(replaced(k_base, base, "battery: {capacity: 1Wh, sleep: 10uW, radio: ble}\nedge: {deployment: server}")) !=
        "(loaded without errors)");
}

TEST_CASE("Markdown and HTML reports show energy, carbon and battery life like the table", "[energy][battery][render]") {
  using namespace battery_life;
  // The pendant example: edge 229 days (3,996 J / 0.2019 mW, computed above), the cloud 114 min.
  const std::string profile = example_path("fall-pendant-lte-m.yaml");
  const Run md = run({profile, "--format", "markdown"});
  REQUIRE(md.code == 0);
  CHECK(md.out.find("**Energy per call** (CO2e at ") != std::string::npos);
  CHECK(md.out.find("| option | per call | CO2e a call | CO2e a month | note |") != std::string::npos);
  CHECK(md.out.find("**Battery life**") != std::string::npos);
  CHECK(md.out.find("- one device: 300 mAh at 3.7 V") != std::string::npos);
  CHECK(md.out.find("| edge | 229 days |") != std::string::npos);
  CHECK(md.out.find("| cloud | 114 min |") != std::string::npos);
  CHECK(md.out.find("cloud under it (rule battery.life)") != std::string::npos);

  const Run html = run({profile, "--format", "html"});
  REQUIRE(html.code == 0);
  CHECK(html.out.find("<h2>Energy and carbon</h2>") != std::string::npos);
  CHECK(html.out.find("<h2>Battery life</h2>") != std::string::npos);
  CHECK(html.out.find("<tr><td>edge</td><td class=\"n\">229 days</td>") != std::string::npos);
}

TEST_CASE("battery fields are sensitivity fields: where the hybrid stops lasting battery.min_life", "[sensitivity][battery]") {
  using namespace battery_life;
  const Run r = run({example_path("fall-pendant-lte-m.yaml"), "--sensitivity", "--format", "json"});
  REQUIRE(r.code == 0);
  const auto report = nlohmann::json::parse(r.out);
  std::map<std::string, nlohmann::json> field;
  for (const auto& f : report.at("sensitivity").at("fields")) field[f.at("field").get<std::string>()] = f;
  for (const char* name : {"battery.capacity", "battery.sleep", "battery.message_energy", "battery.byte_energy", "battery.min_life"})
    REQUIRE(field.count(name));
  CHECK(field["battery.capacity"].at("unit") == "J");
  CHECK(field["battery.sleep"].at("unit") == "W");
  // The hybrid draws 6.0686003 mW (above); 7 days = 604,800 s; it is blocked below
  // 604,800 x 6.0686003e-3 = 3,670.289 J of capacity (-8.15% of 3,996 J): the nearest flip.
  CHECK(field["battery.capacity"].at("switch_below").at("value").get<double>() == Approx(604800 * 6.0686003e-3));
  CHECK(report.at("sensitivity").at("min_margin_field") == "battery.capacity");
  // It lasts 3,996 / 6.0686003e-3 = 658,472 s (7.62 days): a min_life above that blocks it.
  CHECK(field["battery.min_life"].at("switch_above").at("value").get<double>() == Approx(3996 / 6.0686003e-3));
  // Sleep s also shortens the inference's share: draw = s + (15 mW - s) x 12 ms x 1/s + 5.866667 mW
  // = 0.988 s + 6.046667 mW; 3,996 J / 604,800 s = 6.6071429 mW gives s = 0.5604762 / 0.988 = 0.567284 mW.
  CHECK(field["battery.sleep"].at("switch_above").at("value").get<double>() == Approx((3996.0 / 604800 - 6.046667e-3) / 0.988));

  // A range on capacity is a Monte Carlo input like any other.
  const Run ranged = run({example_path("fall-pendant-lte-m.yaml"), "--set", "battery.capacity=3000J..4500J", "--format", "json"});
  REQUIRE(ranged.code == 0);
  CHECK(nlohmann::json::parse(ranged.out).at("uncertainty").at("inputs").at(0).at("field") == "battery.capacity");
}
