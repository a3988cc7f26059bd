#include <catch2/catch.hpp>

#include <algorithm>

#include <fmt/format.h>

#include <edgecalc/decide/pipeline.hpp>

#include "fixture.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

// The fixture: wifi (round trip 15-60 ms), no payload, cloud inference 0 ms, so the cloud's
// p50/p95 are 15/60 ms; edge inference 8 ms; budget 100 ms; 1,000 devices at 60/min; public data.

namespace {

// Applies `edits` (pairs of text to replace) to the fixture and returns the fired rules.
std::vector<FiredRule> fired_for(std::initializer_list<std::pair<std::string, std::string>> edits) {
  std::string text = k_valid_yaml;
  for (const auto& [from, to] : edits) text = replaced(text, from, to);
  const Loaded out = load(text);
  INFO(out.errors);
  REQUIRE(out.profile);
  return evaluate(*out.profile).fired;
}

// "id:option" for each firing, e.g. "latency.cloud-floor:cloud".
std::vector<std::string> ids(const std::vector<FiredRule>& fired) {
  std::vector<std::string> out;
  for (const FiredRule& f : fired) out.push_back(fmt::format("{}:{}", f.rule->id, to_string(f.option)));
  return out;
}

bool has(const std::vector<FiredRule>& fired, const std::string& id_option) {
  const auto all = ids(fired);
  return std::find(all.begin(), all.end(), id_option) != all.end();
}

const std::pair<std::string, std::string> k_budget{"latency_budget: 100ms", "latency_budget: 100ms"};

std::pair<std::string, std::string> budget(const std::string& value) {
  return {"latency_budget: 100ms", "latency_budget: " + value};
}

std::pair<std::string, std::string> add_rules(const std::string& yaml) {
  return {"edgecalc: 1\n", "edgecalc: 1\nrules:\n" + yaml};
}

}  // namespace

TEST_CASE("the fixture fires only the high-frequency signal", "[rules]") {
  // 60/min = 1/s per device reaches rate.high-frequency's 1/s; nothing else applies
  CHECK(ids(fired_for({})) == std::vector<std::string>{"rate.high-frequency:edge"});
}

TEST_CASE("latency.cloud-floor: budgets under 20 ms block the cloud", "[rules]") {
  const auto f = fired_for({budget("19ms")});
  CHECK(has(f, "latency.cloud-floor:cloud"));
  const auto it = std::find_if(f.begin(), f.end(), [](const FiredRule& r) { return r.rule->id == "latency.cloud-floor"; });
  CHECK(it->message == "the 19 ms latency budget is under 20 ms: no network round trip to a cloud region fits");
  CHECK_FALSE(has(fired_for({budget("20ms")}), "latency.cloud-floor:cloud"));  // boundary: not under
  CHECK_FALSE(has(fired_for({budget("none")}), "latency.cloud-floor:cloud"));
  // threshold override: 15 ms
  CHECK_FALSE(has(fired_for({budget("19ms"), add_rules("  latency.cloud-floor: {threshold: 15ms}\n")}),
                  "latency.cloud-floor:cloud"));
  CHECK(has(fired_for({budget("14ms"), add_rules("  latency.cloud-floor: {threshold: 15ms}\n")}),
            "latency.cloud-floor:cloud"));
  CHECK_FALSE(has(fired_for({budget("19ms"), add_rules("  latency.cloud-floor: off\n")}),
                  "latency.cloud-floor:cloud"));
}

TEST_CASE("latency.cloud-rtt: the cloud's p95 over the budget blocks it", "[rules]") {
  // p95 = 60 ms round trip + 0 upload + 0 inference
  CHECK(has(fired_for({budget("59ms")}), "latency.cloud-rtt:cloud"));
  CHECK_FALSE(has(fired_for({budget("60ms")}), "latency.cloud-rtt:cloud"));  // boundary: equal fits
  // 16 KB over 10 Mbit/s = 16,000 / 1,250,000 = 12.8 ms upload; p95 = 60 + 12.8 = 72.8 ms
  const auto f = fired_for({{"  latency_budget: 100ms\n", "  latency_budget: 70ms\n  payload: 16KB\n"}});
  REQUIRE(has(f, "latency.cloud-rtt:cloud"));
  CHECK(f[0].message == "cloud p95 is 72.8 ms (wifi round trip 60 ms + upload 12.8 ms + inference 0 ms), "
                        "over the 70 ms budget");
  // a synchronous hybrid escalating more than 5% is held to the cloud's p95 too
  const auto sync = [](const std::string& share) {
    return std::pair<std::string, std::string>{"edgecalc: 1\n", "edgecalc: 1\nhybrid:\n  escalation: " + share +
                                                                    "\n  escalation_sync: true\n"};
  };
  CHECK(has(fired_for({budget("59ms"), sync("10%")}), "latency.cloud-rtt:hybrid"));
  CHECK_FALSE(has(fired_for({budget("59ms"), sync("5%")}), "latency.cloud-rtt:hybrid"));  // boundary
  CHECK_FALSE(has(fired_for({budget("59ms"), {"edgecalc: 1\n", "edgecalc: 1\nhybrid:\n  escalation: 50%\n"}}),
                  "latency.cloud-rtt:hybrid"));  // asynchronous escalations are not held to it
  CHECK_FALSE(has(fired_for({budget("59ms"), add_rules("  latency.cloud-rtt: off\n")}), "latency.cloud-rtt:cloud"));
}

TEST_CASE("latency.edge-time: edge inference over the budget blocks edge and hybrid", "[rules]") {
  const auto f = fired_for({budget("7ms")});
  CHECK(has(f, "latency.edge-time:edge"));
  CHECK(has(f, "latency.edge-time:hybrid"));
  CHECK_FALSE(has(fired_for({budget("8ms")}), "latency.edge-time:edge"));  // boundary
}

TEST_CASE("connectivity.none: no link blocks the cloud only", "[rules]") {
  const auto f = fired_for({{"network: wifi", "network: none"}});
  CHECK(has(f, "connectivity.none:cloud"));
  CHECK_FALSE(has(f, "connectivity.none:hybrid"));
  CHECK_FALSE(has(f, "latency.cloud-rtt:cloud"));  // no link, no round trip to measure
  CHECK_FALSE(has(fired_for({}), "connectivity.none:cloud"));
}

TEST_CASE("connectivity.offline: outages longer than the product tolerates block the cloud", "[rules]") {
  // wifi's typical outage is 30 s
  const auto tolerance = [](const std::string& t) {
    return std::pair<std::string, std::string>{"network: wifi", "network: wifi\n  offline_tolerance: " + t};
  };
  const auto f = fired_for({tolerance("29s")});
  REQUIRE(has(f, "connectivity.offline:cloud"));
  CHECK(f[0].message == "the product must keep working through 29 s outages; wifi links drop for 30 s");
  CHECK_FALSE(has(fired_for({tolerance("30s")}), "connectivity.offline:cloud"));  // boundary
  CHECK_FALSE(has(fired_for({tolerance("unlimited")}), "connectivity.offline:cloud"));
  // connectivity.outage overrides the class's outage
  CHECK_FALSE(has(fired_for({{"network: wifi", "network: wifi\n  outage: 10s\n  offline_tolerance: 29s"}}),
                  "connectivity.offline:cloud"));
  CHECK(has(fired_for({{"network: wifi", "network: lte-rural\n  offline_tolerance: 4min"}}),
            "connectivity.offline:cloud"));  // lte-rural drops for 5 min
}

TEST_CASE("privacy.raw-data: raw input that may not leave the device", "[rules]") {
  const auto sensitivity = [](const std::string& s) {
    return std::pair<std::string, std::string>{"sensitivity: public", "sensitivity: " + s};
  };
  const auto escalate = std::pair<std::string, std::string>{"edgecalc: 1\n", "edgecalc: 1\nhybrid:\n  escalation: 5%\n"};
  for (const char* s : {"audio", "video", "biometric", "health"}) {
    INFO(s);
    const auto f = fired_for({sensitivity(s)});
    CHECK(has(f, "privacy.raw-data:cloud"));
    CHECK_FALSE(has(f, "privacy.raw-data:hybrid"));  // the hybrid escalates nothing
    CHECK(has(fired_for({sensitivity(s), escalate}), "privacy.raw-data:hybrid"));
    CHECK_FALSE(has(fired_for({sensitivity(std::string(s) + "\n  escalation_allowed: true"), escalate}),
                    "privacy.raw-data:hybrid"));
    CHECK_FALSE(has(fired_for({sensitivity(std::string(s) + "\n  leaves_device: allowed")}),
                    "privacy.raw-data:cloud"));
  }
  const auto personal = fired_for({sensitivity("personal")});
  REQUIRE(has(personal, "privacy.raw-data:cloud"));
  CHECK(personal[0].message == "raw personal data may not leave the device (personal data needs a "
                               "data-processing agreement (data.dpa: true))");
  CHECK_FALSE(has(fired_for({sensitivity("personal\n  dpa: true")}), "privacy.raw-data:cloud"));
  for (const char* s : {"public", "internal", "proprietary"}) {
    INFO(s);
    CHECK_FALSE(has(fired_for({sensitivity(s)}), "privacy.raw-data:cloud"));
    CHECK(has(fired_for({sensitivity(std::string(s) + "\n  leaves_device: forbidden")}), "privacy.raw-data:cloud"));
  }
}

TEST_CASE("capability.hard-fraction: calls the edge model cannot handle block edge-only", "[rules]") {
  const auto hard = [](const std::string& share) {
    return std::pair<std::string, std::string>{"latency_budget: 100ms", "latency_budget: 100ms\n  hard_fraction: " + share};
  };
  CHECK(has(fired_for({hard("1%")}), "capability.hard-fraction:edge"));
  CHECK_FALSE(has(fired_for({hard("0%")}), "capability.hard-fraction:edge"));  // boundary
  const auto at_5 = add_rules("  capability.hard-fraction: {threshold: 5%}\n");
  CHECK_FALSE(has(fired_for({hard("5%"), at_5}), "capability.hard-fraction:edge"));
  CHECK(has(fired_for({hard("6%"), at_5}), "capability.hard-fraction:edge"));
}

TEST_CASE("scale.fleet: large fleets favour the edge", "[rules]") {
  CHECK_FALSE(has(fired_for({{"size: 1000", "size: 5000"}}), "scale.fleet:edge"));  // boundary
  CHECK(has(fired_for({{"size: 1000", "size: 5001"}}), "scale.fleet:edge"));
  CHECK_FALSE(has(fired_for({{"size: 1000", "size: 6000"}, add_rules("  scale.fleet: {threshold: 10k}\n")}),
                  "scale.fleet:edge"));
  CHECK_FALSE(has(fired_for({{"size: 1000", "size: 6000"}, add_rules("  scale.fleet: off\n")}), "scale.fleet:edge"));
  CHECK(has(fired_for({{"size: 1000", "size: 6000"}, add_rules("  scale.fleet: {enabled: true}\n")}),
            "scale.fleet:edge"));
}

TEST_CASE("rate.low-frequency: rare, tolerant, always-connected calls favour the cloud", "[rules]") {
  const auto rare = std::pair<std::string, std::string>{"calls: 60/min", "calls: 1/h"};
  CHECK(has(fired_for({rare, budget("1s")}), "rate.low-frequency:cloud"));
  CHECK(has(fired_for({rare, budget("none")}), "rate.low-frequency:cloud"));
  CHECK_FALSE(has(fired_for({rare, budget("999ms")}), "rate.low-frequency:cloud"));  // not tolerant
  CHECK_FALSE(has(fired_for({{"calls: 60/min", "calls: 2/h"}, budget("1s")}), "rate.low-frequency:cloud"));
  CHECK_FALSE(has(fired_for({rare, budget("1s"), {"network: wifi", "network: none"}}), "rate.low-frequency:cloud"));
  CHECK_FALSE(has(fired_for({rare, budget("1s"), {"network: wifi", "network: wifi\n  offline_tolerance: 10s"}}),
                  "rate.low-frequency:cloud"));  // not always connected enough
  CHECK(has(fired_for({{"calls: 60/min", "calls: 2/h"}, budget("1s"),
                       add_rules("  rate.low-frequency: {threshold: 2/h}\n")}),
            "rate.low-frequency:cloud"));
}

TEST_CASE("rate.high-frequency: frequent calls favour the edge", "[rules]") {
  CHECK(has(fired_for({}), "rate.high-frequency:edge"));  // 60/min = 1/s: boundary fires
  CHECK_FALSE(has(fired_for({{"calls: 60/min", "calls: 59/min"}}), "rate.high-frequency:edge"));
  CHECK(has(fired_for({{"calls: 60/min", "calls: 59/min"}, add_rules("  rate.high-frequency: {threshold: 30/min}\n")}),
            "rate.high-frequency:edge"));
}

TEST_CASE("rule overrides are validated", "[rules][profile]") {
  const auto with_rules = [](const std::string& yaml) {
    return errors_of(replaced(k_valid_yaml, "edgecalc: 1\n", "edgecalc: 1\nrules:\n" + yaml));
  };
  CHECK(with_rules("  latency.cloud-flor: off\n") ==
        "p.yaml:3:3: error: unknown rule `latency.cloud-flor` in rules; did you mean `latency.cloud-floor`?\n");
  CHECK(with_rules("  made.up: off\n") ==
        "p.yaml:3:3: error: unknown rule `made.up` in rules; `edgecalc rules` lists them\n");
  CHECK(with_rules("  latency.cloud-floor: {threshold: 15}\n") ==
        "p.yaml:3:36: error: rules.latency.cloud-floor.threshold needs a unit, e.g. 15ms; got \"15\"\n");
  CHECK(with_rules("  latency.cloud-rtt: {threshold: 15ms}\n") ==
        "p.yaml:3:34: error: rules.latency.cloud-rtt has no threshold to set; it can only be turned off\n");
  CHECK(with_rules("  scale.fleet: maybe\n") ==
        "p.yaml:3:16: error: rules.scale.fleet must be off, on or {threshold: 10k}\n");
  CHECK(with_rules("  scale.fleet: {treshold: 10k}\n") ==
        "p.yaml:3:17: error: unknown key `treshold` in rules.scale.fleet; did you mean `threshold`?\n");
  CHECK(errors_of(replaced(k_valid_yaml, "edgecalc: 1\n", "edgecalc: 1\nrules: off\n")) ==
        "p.yaml:2:8: error: rules must be a mapping of fields (key: value); got a single value\n");
}

TEST_CASE("every rule has an id, a source, and templates that render", "[rules]") {
  for (const Rule& r : rules()) {
    INFO(r.id);
    CHECK_FALSE(r.source.empty());
    CHECK_FALSE(r.checks.empty());
    CHECK(find_rule(r.id) == &r);
    CHECK(find_rule_info(r.id) != nullptr);  // the row of the domain table it evaluates
  }
  CHECK(rules().size() == 14);  // 12 + fit.context + battery.life
  CHECK(rule_table().size() == rules().size());  // a condition for every row
  for (const RuleConstant& c : rule_constants()) {
    INFO(c.rule << " " << c.name);
    CHECK(find_rule_info(c.rule) != nullptr);
    CHECK_FALSE(c.source.empty());
  }
  CHECK(rule_constant("rate.low-frequency", "tolerant_budget") == 1.0);
  CHECK_THROWS_AS(rule_constant("rate.low-frequency", "no-such"), std::logic_error);
  CHECK(format_threshold(ThresholdKind::duration, 0.02) == "20 ms");
  CHECK(format_threshold(ThresholdKind::rate, 1 / 3600.0) == "1/h");
  CHECK(format_threshold(ThresholdKind::count, 5000) == "5,000");
  CHECK(format_threshold(ThresholdKind::fraction, 0) == "0%");
}
