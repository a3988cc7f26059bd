#include <catch2/catch.hpp>

#include <algorithm>

#include <edgecalc/profile/normalize.hpp>

#include "fixture.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

namespace {

Profile valid(const std::string& text) {
  Loaded outcome = load(text);
  INFO(outcome.errors);
  REQUIRE(outcome.profile);
  return *outcome.profile;
}

bool defaulted(const Profile& p, const std::string& path) {
  return std::find(p.defaults_applied.begin(), p.defaults_applied.end(), path) !=
         p.defaults_applied.end();
}

std::string with(const std::string& from, const std::string& to) {
  return replaced(k_valid_yaml, from, to);
}

}  // namespace

TEST_CASE("a minimal profile gets every documented default", "[profile]") {
  const Profile p = valid(k_valid_yaml);
  CHECK(p.currency == "USD");
  CHECK(p.month_s == 730 * 3600.0);
  CHECK(p.horizon_s == 36 * 730 * 3600.0);
  CHECK(p.horizon_months() == Approx(36));
  CHECK(p.workload.calls_per_s == 1);  // 60/min
  CHECK(p.workload.peak_factor == 1);
  CHECK(p.workload.latency_budget_s == Approx(0.1));
  CHECK(p.workload.payload_bytes == 0);
  CHECK_FALSE(p.workload.tokens);
  CHECK(p.fleet.size == 1000);
  CHECK(p.fleet.unit == "devices");
  CHECK(p.connectivity.network == Network::wifi);
  // the wifi network class fills what the profile leaves out (docs/networks.md)
  REQUIRE(p.connectivity.rtt);
  CHECK(p.connectivity.rtt->low_s == Approx(0.015));
  CHECK(p.connectivity.rtt->high_s == Approx(0.060));
  CHECK(p.connectivity.uplink_bytes_per_s == Approx(10e6 / 8));  // 10 Mbit/s
  CHECK(p.connectivity.outage_s == 30);
  CHECK_FALSE(p.data.escalation_allowed);
  CHECK_FALSE(p.hybrid.escalation_sync);
  CHECK(p.close_call == Approx(0.1));
  CHECK(p.rules.empty());
  CHECK_FALSE(p.connectivity.offline_tolerance_s);  // unlimited
  CHECK(p.data.leaves_device == LeavesDevice::auto_detect);
  CHECK_FALSE(p.data.dpa);
  CHECK(p.cloud.price.form == PriceForm::per_call);
  CHECK(p.cloud.price.per_call == Approx(0.0001));
  CHECK(p.edge.deployment == Deployment::device);
  CHECK(p.edge.utilization == 1);
  CHECK(p.edge.pue == 1);
  CHECK_FALSE(p.edge.lifetime_s);
  CHECK(p.hybrid.escalation == 0);
  for (const char* path : {"currency", "month", "horizon", "workload.peak_factor", "workload.payload",
                           "connectivity.rtt", "connectivity.uplink", "connectivity.outage",
                           "data.escalation_allowed", "hybrid.escalation_sync", "close_call",
                           "workload.hard_fraction", "fleet.unit", "connectivity.offline_tolerance",
                           "data.leaves_device", "data.dpa", "cloud.inference_time", "cloud.transfer",
                           "cloud.fixed", "edge.deployment", "edge.power", "edge.maintenance",
                           "edge.lifetime", "hybrid.escalation"}) {
    INFO(path);
    CHECK(defaulted(p, path));
  }
  CHECK_FALSE(defaulted(p, "workload.calls"));
}

TEST_CASE("every field of the documented example is read", "[profile]") {
  std::string text = with("  latency_budget: 100ms\n",
                          "  latency_budget: 100ms\n  peak_factor: 2.5\n  payload: 16KB\n"
                          "  tokens: {input: 300, output: 200}\n  hard_fraction: 5%\n");
  text = replaced(text, "  network: wifi\n",
                  "  network: lte-urban\n  rtt: 80ms..150ms\n  uplink: 2Mbit/s\n  outage: 2min\n"
                  "  offline_tolerance: 30s\n  data_price: $3/GB\n");
  text = replaced(text, "  sensitivity: public\n",
                  "  sensitivity: public\n  dpa: true\n  escalation_allowed: true\n");
  text = replaced(text, "    per_call: $0.0001\n",
                  "    per_1k_tokens: {input: $0.0005, output: $0.0015}\n"
                  "  inference_time: 30ms\n  transfer: $0.10/GB\n  fixed: $200/month\n");
  text = replaced(text, "  inference_time: 8ms\n",
                  "  inference_time: 8ms\n  power: 100mW\n  energy_price: $0.15/kWh\n  pue: 1.2\n"
                  "  engineering: $40k\n  maintenance: 10%/year\n  fixed: $30/month\n"
                  "  lifetime: 5 years\nhybrid:\n  escalation: 7%\n  escalation_sync: true\n"
                  "close_call: 5%\nrules:\n  scale.fleet: off\n"
                  "  latency.cloud-floor: {threshold: 15ms}\nbudget:\n"
                  "  max_monthly_cost: $20000\n  max_total_cost: $500k\n"
                  "  max_cost_per_1k_calls: $0.50\n  require: edge\n");
  const Profile p = valid(text);
  CHECK(p.workload.peak_factor == 2.5);
  CHECK(p.workload.payload_bytes == 16000);
  REQUIRE(p.workload.tokens);
  CHECK(p.workload.tokens->input == 300);
  CHECK(p.workload.hard_fraction == Approx(0.05));
  REQUIRE(p.connectivity.rtt);
  CHECK(p.connectivity.rtt->high_s == Approx(0.150));
  CHECK(p.connectivity.offline_tolerance_s == 30);
  CHECK(p.connectivity.uplink_bytes_per_s == Approx(250000));  // 2 Mbit/s / 8
  CHECK(p.connectivity.outage_s == 120);
  CHECK(p.connectivity.data_price_per_gb == 3);
  CHECK(p.data.dpa);
  CHECK(p.data.escalation_allowed);
  CHECK(p.hybrid.escalation_sync);
  CHECK(p.close_call == Approx(0.05));
  REQUIRE(p.rules.size() == 2);
  CHECK_FALSE(p.rules.at("scale.fleet").enabled);
  CHECK(p.rules.at("latency.cloud-floor").threshold == Approx(0.015));
  CHECK(p.cloud.price.form == PriceForm::per_1k_tokens);
  CHECK(p.cloud.price.output_per_tokens == Approx(0.0015));
  CHECK(p.cloud.inference_time_s == Approx(0.030));
  CHECK(p.cloud.transfer_per_gb == Approx(0.10));
  CHECK(p.cloud.fixed_per_month == 200);
  CHECK(p.edge.power_w == Approx(0.1));
  CHECK(p.edge.energy_price_per_kwh == Approx(0.15));
  CHECK(p.edge.pue == Approx(1.2));
  CHECK(p.edge.engineering == 40000);
  CHECK(p.edge.maintenance.is_share);
  CHECK(p.edge.maintenance.share_per_year == Approx(0.1));
  CHECK(p.edge.fixed_per_month == 30);
  CHECK(p.edge.lifetime_s == Approx(60 * 730 * 3600.0));  // 5 years = 60 billing months
  CHECK(p.hybrid.escalation == Approx(0.07));
  REQUIRE(p.budget.max_total_cost);
  CHECK(p.budget.max_total_cost->limit == 500000);
  CHECK(p.budget.max_total_cost->level == GateLevel::fail);
  REQUIRE(p.budget.max_cost_per_1k_calls);
  CHECK(p.budget.max_cost_per_1k_calls->limit == Approx(0.5));
  CHECK(p.budget.require == Option::edge);
  CHECK(p.defaults_applied == std::vector<std::string>{"currency", "month", "horizon", "finance.discount_rate", "finance.residual", "carbon.grid", "workload.service_cv",
                                                       "fleet.unit", "data.leaves_device", "edge.deployment",
                                                       "edge.utilization", "hybrid.mode", "hybrid.router_time"});
}

TEST_CASE("hybrid escalation defaults to the hard fraction", "[profile]") {
  const Profile p = valid(with("  latency_budget: 100ms\n", "  latency_budget: 100ms\n  hard_fraction: 12%\n"));
  CHECK(p.hybrid.escalation == Approx(0.12));
}

TEST_CASE("the billing month sets what months and years mean", "[profile]") {
  const Profile p = valid(with("name: fixture\n", "name: fixture\nmonth: 30d\nhorizon: 2 years\n"));
  CHECK(p.month_s == 2'592'000);
  CHECK(p.horizon_s == 24 * 2'592'000.0);
  CHECK(p.horizon_months() == 24);
  CHECK(errors_of(with("name: fixture\n", "name: fixture\nmonth: 12h\n")) ==
        "p.yaml:3:8: error: month must be at least 2419200; got \"12h\"\n");
}

TEST_CASE("latency budget none and unlimited offline tolerance", "[profile]") {
  const Profile p = valid(with("latency_budget: 100ms", "latency_budget: none"));
  CHECK_FALSE(p.workload.latency_budget_s);
  const Profile q = valid(with("network: wifi", "network: wifi\n  offline_tolerance: unlimited"));
  CHECK_FALSE(q.connectivity.offline_tolerance_s);
}

TEST_CASE("instance pricing and server deployment", "[profile]") {
  std::string text = with("    per_call: $0.0001\n",
                          "    instance: {hourly: $2.50, capacity: 40/s, utilization: 70%}\n");
  text = replaced(text, "  unit_cost: $4\n", "  deployment: server\n  unit_cost: $9000\n  capacity: 200/s\n");
  const Profile p = valid(text);
  CHECK(p.cloud.price.form == PriceForm::instance);
  CHECK(p.cloud.price.hourly == 2.5);
  CHECK(p.cloud.price.capacity_per_s == 40);
  CHECK(p.cloud.price.min_instances == 1);
  CHECK(p.cloud.price.utilization == Approx(0.7));
  CHECK(p.edge.deployment == Deployment::server);
  CHECK(p.edge.capacity_per_s == 200);
}

TEST_CASE("unknown keys name the closest valid one", "[profile]") {
  CHECK(errors_of(with("latency_budget", "latenzy_budget")) ==
        "p.yaml:3:1: error: missing required field workload.latency_budget (e.g. latency_budget: 100ms)\n"
        "p.yaml:5:3: error: unknown key `latenzy_budget` in workload; did you mean `latency_budget`?\n");
  CHECK(errors_of(with("fleet:", "flet:")) ==
        "p.yaml:1:1: error: missing required section `fleet`\n"
        "p.yaml:6:1: error: unknown key `flet` at the top level; did you mean `fleet`?\n");
  CHECK(errors_of(with("  size: 1000\n", "  size: 1000\n  colour: red\n")) ==
        "p.yaml:8:3: error: unknown key `colour` in fleet; expected one of ramp, size, unit\n");
}

TEST_CASE("wrong types", "[profile]") {
  CHECK(errors_of(with("  size: 1000", "  size: [1000]")) ==
        "p.yaml:7:9: error: fleet.size must be a single value, e.g. 50000; got a list\n");
  CHECK(errors_of(with("fleet:\n  size: 1000", "fleet: 1000")) ==
        "p.yaml:6:8: error: fleet must be a mapping of fields (key: value); got a single value\n");
  CHECK(errors_of(with("  sensitivity: public\n", "  sensitivity: public\n  dpa: \"yes\"\n")) ==
        "p.yaml:12:8: error: data.dpa must be true or false; got \"yes\"\n");
  CHECK(errors_of("- 1\n- 2\n") ==
        "p.yaml:1:1: error: a profile must be a mapping of fields (edgecalc: 1, name: ..., workload: ...)\n");
}

TEST_CASE("missing required fields are reported at their section", "[profile]") {
  CHECK(errors_of(with("  calls: 60/min\n", "")) ==
        "p.yaml:3:1: error: missing required field workload.calls (e.g. calls: 60/min)\n");
  // written without a value: reported at the key, never defaulted
  CHECK(errors_of(with("  calls: 60/min\n", "  calls:\n")) ==
        "p.yaml:4:3: error: workload.calls has no value; it is required (e.g. calls: 60/min)\n");
  CHECK(errors_of(with("name: fixture\n", "")) ==
        "p.yaml:1:1: error: missing required field name (e.g. name: doorbell-keyword-spotting)\n");
}

std::size_t lines_in(const std::string& text) { return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')); }

TEST_CASE("a field written without a value is an error, never a default (issue #10)", "[profile]") {
  // a bare line with no colon: yaml-cpp reads `close_call` as `close_call:` (null)
  CHECK(errors_of(k_valid_yaml + "close_call\n") ==
        "p.yaml:" + std::to_string(lines_in(k_valid_yaml) + 1) + ":1: error: close_call has no value; write one, or delete the line to use the default\n");
  CHECK(errors_of(with("  size: 1000\n", "  size: 1000\n  unit: null\n")) ==
        "p.yaml:8:3: error: fleet.unit has no value; write one, or delete the line to use the default\n");
  // a section whose every field is commented out is written without a value too
  CHECK(errors_of(with("name: fixture\n", "name: fixture\nbudget:\n  # max_total_cost: $5k\n")) ==
        "p.yaml:3:1: error: budget has no value; write one, or delete the line to use the default\n");
}

TEST_CASE("the format version must be 1", "[profile]") {
  CHECK(errors_of(with("edgecalc: 1", "edgecalc: 2\nbogus: 1")) ==
        "p.yaml:1:11: error: edgecalc must be 1, the only profile format version; got \"2\"\n");
  CHECK(errors_of(with("edgecalc: 1\n", "")) ==
        "p.yaml:1:1: error: missing required field edgecalc (e.g. edgecalc: 1)\n");
}

TEST_CASE("values that make no sense", "[profile]") {
  CHECK(errors_of(with("size: 1000", "size: -5")) ==
        "p.yaml:7:9: error: fleet.size must be greater than zero; got \"-5\"\n");
  CHECK(errors_of(with("size: 1000", "size: 0")) ==
        "p.yaml:7:9: error: fleet.size must be greater than zero; got \"0\"\n");
  CHECK(errors_of(with("size: 1000", "size: 1e308")) ==
        "p.yaml:7:9: error: fleet.size must be at most 100000000000; got \"1e308\"\n");
  CHECK(errors_of(with("size: 1000", "size: 10.5")) ==
        "p.yaml:7:9: error: fleet.size must be a whole number; got \"10.5\"\n");
  CHECK(errors_of(with("size: 1000", "size: .nan")) ==
        "p.yaml:7:9: error: fleet.size must be a finite number; got \".nan\"\n");
  CHECK(errors_of(with("size: 1000", "size: .inf")) ==
        "p.yaml:7:9: error: fleet.size must be a finite number; got \".inf\"\n");
  CHECK(errors_of(with("latency_budget: 100ms", "latency_budget: 0ms")) ==
        "p.yaml:5:19: error: workload.latency_budget must be greater than zero; got \"0ms\"\n");
  CHECK(errors_of(with("latency_budget: 100ms", "latency_budget: 150")) ==
        "p.yaml:5:19: error: workload.latency_budget needs a unit, e.g. 150ms; got \"150\"\n");
  CHECK(errors_of(with("unit_cost: $4", "unit_cost: -$4")) ==
        "p.yaml:16:14: error: edge.unit_cost must not be negative; got \"-$4\"\n");
  CHECK(errors_of(with("  inference_time: 8ms\n", "  inference_time: 8ms\n  pue: 0.5\n")) ==
        "p.yaml:18:8: error: edge.pue must be at least 1; got \"0.5\"\n");
}

TEST_CASE("fractions outside 0..100%", "[profile]") {
  CHECK(errors_of(with("latency_budget: 100ms\n", "latency_budget: 100ms\n  hard_fraction: 120%\n")) ==
        "p.yaml:6:18: error: workload.hard_fraction must be between 0% and 100%; got \"120%\"\n");
  CHECK(errors_of(with("latency_budget: 100ms\n", "latency_budget: 100ms\nhybrid:\n  escalation: 5\n")) ==
        "p.yaml:7:15: error: hybrid.escalation must be between 0% and 100% (a plain number is a "
        "fraction of 1: write 5% for 5 percent); got \"5\"\n");
}

TEST_CASE("unknown enum values list the valid ones", "[profile]") {
  CHECK(errors_of(with("network: wifi", "network: wi-fi")) ==
        "p.yaml:9:12: error: connectivity.network must be one of wired, wifi, lte-urban, lte-rural, "
        "industrial-cellular, satellite-leo, satellite-geo, none; got \"wi-fi\" (did you mean `wifi`?)\n");
  CHECK(errors_of(with("sensitivity: public", "sensitivity: secret")) ==
        "p.yaml:11:16: error: data.sensitivity must be one of public, internal, proprietary, "
        "personal, biometric, health, audio, video; got \"secret\"\n");
}

TEST_CASE("price forms: exactly one", "[profile]") {
  CHECK(errors_of(with("    per_call: $0.0001\n", "    per_call: $0.0001\n    instance: {hourly: $1, capacity: 1/s}\n")) ==
        "p.yaml:15:15: error: cloud.price has both `per_call` and `instance`; give exactly one price form\n");
  CHECK(errors_of(with("    per_call: $0.0001\n", "    per_call:\n")) ==
        "p.yaml:13:3: error: cloud.price needs one of per_call, per_1k_tokens, per_1m_tokens or instance, or a catalog model: {model: gpt-5.4-mini, tier: batch}\n"
        "p.yaml:14:5: error: cloud.price.per_call has no value; write one, or delete the line to use the default\n");
  CHECK(errors_of(with("    per_call: $0.0001\n", "    per_1m_tokens: {input: $0.15, output: $0.60}\n")) ==
        "p.yaml:14:20: error: cloud.price.per_1m_tokens needs workload.tokens (e.g. tokens: {input: "
        "300, output: 200})\n");
}

TEST_CASE("server deployment needs a capacity", "[profile]") {
  CHECK(errors_of(with("  unit_cost: $4\n", "  deployment: server\n  unit_cost: $4\n")) ==
        "p.yaml:15:1: error: missing required field edge.capacity: deployment: server needs the calls "
        "one box sustains (e.g. capacity: 200/s), or edge.hardware and workload.model to predict it\n");
}

TEST_CASE("several problems are reported at once, in file order", "[profile]") {
  std::string text = with("size: 1000", "size: lots");
  text = replaced(text, "calls: 60/min", "calls: 60");
  text = replaced(text, "network: wifi", "network: 5g");
  CHECK(errors_of(text) ==
        "p.yaml:4:10: error: workload.calls needs a unit, e.g. 60/min; got \"60\"\n"
        "p.yaml:7:9: error: fleet.size must be a count, e.g. 50000, 50k or 2.5M; got \"lots\"\n"
        "p.yaml:9:12: error: connectivity.network must be one of wired, wifi, lte-urban, lte-rural, "
        "industrial-cellular, satellite-leo, satellite-geo, none; got \"5g\"\n");
}

TEST_CASE("the same profile in YAML and JSON normalises identically", "[profile][render]") {
  const std::string json = R"({"edgecalc": 1, "name": "fixture",
    "workload": {"calls": "60/min", "latency_budget": "100ms"},
    "fleet": {"size": 1000}, "connectivity": {"network": "wifi"},
    "data": {"sensitivity": "public"}, "cloud": {"price": {"per_call": "$0.0001"}},
    "edge": {"unit_cost": 4, "inference_time": "8ms"}})";
  const Loaded from_json = load(json, SourceFormat::json, "p.json");
  INFO(from_json.errors);
  REQUIRE(from_json.profile);
  CHECK(normalized_json(*from_json.profile).dump(2) == normalized_json(valid(k_valid_yaml)).dump(2));
}

TEST_CASE("normalised JSON is in base units", "[profile][render]") {
  const auto j = normalized_json(valid(with("latency_budget: 100ms\n",
                                             "latency_budget: 100ms\n  payload: 2KiB\n")));
  CHECK(j["workload"]["calls"] == 1.0);                 // 60/min = 1/s
  CHECK(j["workload"]["latency_budget"] == 0.1);        // seconds
  CHECK(j["workload"]["payload"] == 2048.0);            // bytes
  CHECK(j["horizon"] == 36 * 2'628'000.0);              // seconds
  CHECK(j["connectivity"]["offline_tolerance"].is_null());  // unlimited
  CHECK(j["cloud"]["price"]["per_call"] == 0.0001);
}

TEST_CASE("budget limits take a level", "[profile]") {
  const Profile p = valid(replaced(k_valid_yaml, "edgecalc: 1\n",
                                   "edgecalc: 1\nbudget:\n  max_total_cost: {limit: $500k, level: warn}\n"
                                   "  require: {option: cloud, level: warn}\n"));
  REQUIRE(p.budget.max_total_cost);
  CHECK(p.budget.max_total_cost->limit == 500000);
  CHECK(p.budget.max_total_cost->level == GateLevel::warn);
  CHECK(p.budget.require == Option::cloud);
  CHECK(p.budget.require_level == GateLevel::warn);
  CHECK(errors_of(replaced(k_valid_yaml, "edgecalc: 1\n",
                           "edgecalc: 1\nbudget:\n  max_total_cost: {limit: $500k, level: loud}\n")) ==
        "p.yaml:3:41: error: budget.max_total_cost.level must be one of fail, warn; got \"loud\"\n");
  CHECK(errors_of(replaced(k_valid_yaml, "edgecalc: 1\n",
                           "edgecalc: 1\nbudget:\n  max_total_cost: {level: warn}\n")) ==
        "p.yaml:3:3: error: missing required field budget.max_total_cost.limit (e.g. limit: $500000)\n");
}

TEST_CASE("with a catalog entry named, a map may give one half and the catalog the other", "[profile][catalog]") {
  // team-gpu-server: rtx4090-box draws 80 W idle, 600 W active; claude-sonnet-4-6 costs $3 in,
  // $15 out per 1M tokens.
  const std::string path = test::example_path("team-gpu-server.yaml");
  const Profile active = test::load_path(path, set_overrides({"edge.power.active=34kW"}));
  REQUIRE(active.edge.power_curve);
  CHECK(active.edge.power_curve->idle_w == 80);
  CHECK(active.edge.power_curve->active_w == 34000);
  const Profile idle = test::load_path(path, set_overrides({"edge.power.idle=100W"}));
  CHECK(idle.edge.power_curve->idle_w == 100);
  CHECK(idle.edge.power_curve->active_w == 600);
  const Profile input = test::load_path(path, set_overrides({"cloud.price.per_1m_tokens.input=$0.5"}));
  CHECK(input.cloud.price.input_per_tokens == 0.5);
  CHECK(input.cloud.price.output_per_tokens == 15);
  const Profile output = test::load_path(path, set_overrides({"cloud.price.per_1k_tokens.output=$0.01"}));
  CHECK(output.cloud.price.input_per_tokens == Approx(0.003));  // $3 per 1M = $0.003 per 1k
  CHECK(output.cloud.price.output_per_tokens == 0.01);

  // A half that does not fit the catalog's other half, and a half without a catalog entry.
  Diagnostics d(path);
  CHECK_FALSE(load_profile(path, d, set_overrides({"edge.power.idle=700W"})));
  CHECK(format_diagnostics(d) == "--set edge.power.idle=700W: error: edge.power.active must be at least edge.power.idle; "
                                 "got 600 W active, 700 W idle (the active from catalog rtx4090-box)\n");
  CHECK(errors_of(replaced(k_valid_yaml, "  inference_time: 8ms\n", "  inference_time: 8ms\n  power: {active: 3W}\n")) ==
        "p.yaml:18:3: error: missing required field edge.power.idle (e.g. idle: 80W)\n");
}
