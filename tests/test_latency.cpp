#include <catch2/catch.hpp>

#include <cmath>

#include <edgecalc/model/latency.hpp>
#include <edgecalc/model/model.hpp>

#include "fixture.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

namespace {

Profile fixture_with(const std::string& from, const std::string& to) {
  const Loaded out = load(replaced(k_valid_yaml, from, to));
  INFO(out.errors);
  REQUIRE(out.profile);
  return *out.profile;
}

}  // namespace

TEST_CASE("cloud latency: round trip + upload + inference", "[latency]") {
  const Profile p = fixture_with("network: wifi", "network: lte-urban\n  uplink: 2Mbit/s");
  Profile q = p;
  q.workload.payload_bytes = 50'000;
  q.cloud.inference_time_s = 0.030;
  const Latency l = latency_of(q);
  // upload: 50,000 B / (2 Mbit/s = 250,000 B/s) = 0.2 s
  CHECK(l.upload_s == Approx(0.2));
  // p50 = 80 ms + 200 ms + 30 ms = 310 ms; p95 = 150 + 200 + 30 = 380 ms
  CHECK(*l.cloud.p50_s == Approx(0.310));
  CHECK(*l.cloud.p95_s == Approx(0.380));
  CHECK(*l.edge.p95_s == Approx(0.008));
  CHECK(*l.hybrid.p95_s == Approx(0.008));  // asynchronous escalation
}

TEST_CASE("a per-token API takes time to first token + output tokens / its decode rate, plus the network", "[latency]") {
  const std::string with_tokens =
      replaced(k_valid_yaml, "latency_budget: 100ms", "latency_budget: 100ms\n  tokens: {input: 1000, output: 300}");
  const auto loaded = [](const std::string& text) {
    const Loaded out = load(text);
    INFO(out.errors);
    REQUIRE(out.profile);
    return *out.profile;
  };
  // Both from the profile: 500 ms + 300 tokens / 120 tokens/s = 0.5 + 2.5 = 3.0 s on average. The
  // time to the first token is fixed; the decode spreads as the output length does (cv 1, the
  // default with tokens: exponential), so its median is 2.5 ln 2 = 1.7329 s and its p95
  // 2.5 ln 20 = 7.4893 s. Wifi adds 15 ms (typical) and 60 ms (p95) with no payload:
  // p50 0.015 + 0.5 + 1.7329 = 2.2479 s, p95 0.060 + 0.5 + 7.4893 = 8.0493 s. The API does not queue.
  const Profile p = loaded(replaced(with_tokens, "per_call: $0.0001", "per_call: $0.0001\n  ttft: 500ms\n  output_speed: 120/s"));
  CHECK(p.cloud.inference_time_s == Approx(3.0));
  const Latency l = latency_of(p);
  CHECK(*l.cloud.p50_s == Approx(0.015 + 0.5 + 2.5 * std::log(2.0)));
  CHECK(*l.cloud.p95_s == Approx(0.060 + 0.5 + 2.5 * std::log(20.0)));
  // Fixed-length outputs (service_cv 0): 3.015 s and 3.060 s.
  const std::string fixed_api = replaced(with_tokens, "per_call: $0.0001", "per_call: $0.0001\n  ttft: 500ms\n  output_speed: 120/s");
  const Latency fixed = latency_of(loaded(replaced(fixed_api, "latency_budget: 100ms", "latency_budget: 100ms\n  service_cv: 0")));
  CHECK(*fixed.cloud.p50_s == Approx(3.015));
  CHECK(*fixed.cloud.p95_s == Approx(3.060));
  CHECK_FALSE(price_options(p).cloud.load);
  // The catalog's measured speed (gpt-4o: 0.39 s to the first token, 81 tokens/s), with the
  // profile's own decode rate winning: 0.39 + 300 / 100 = 3.39 s; with the catalog's alone,
  // 0.39 + 300 / 81 = 4.0937 s.
  const std::string api = replaced(with_tokens, "price:\n    per_call: $0.0001", "model: gpt-4o");
  CHECK(loaded(replaced(api, "model: gpt-4o", "model: gpt-4o\n  output_speed: 100")).cloud.inference_time_s == Approx(3.39));
  CHECK(loaded(api).cloud.inference_time_s == Approx(0.39 + 300.0 / 81));
  // A written call time stands alone.
  CHECK(loaded(replaced(api, "model: gpt-4o", "model: gpt-4o\n  inference_time: 2s")).cloud.inference_time_s == Approx(2.0));
}

TEST_CASE("connectivity.rtt overrides the class's range", "[latency]") {
  const Latency l = latency_of(fixture_with("network: wifi", "network: wifi\n  rtt: 5..9ms"));
  CHECK(*l.cloud.p50_s == Approx(0.005));
  CHECK(*l.cloud.p95_s == Approx(0.009));
}

TEST_CASE("a synchronous hybrid answers escalated calls after the local attempt (cascade) or the router (route)", "[latency]") {
  Profile p = fixture_with("network: wifi", "network: wifi");
  p.hybrid.escalation_sync = true;
  p.hybrid.escalation = 0.05;  // not more than 5%: the 95th percentile is still a local call
  CHECK(*latency_of(p).hybrid.p95_s == Approx(0.008));
  p.hybrid.escalation = 0.06;
  // cascade: the local attempt (8 ms) then the cloud (wifi p95 60 ms) = 68 ms
  CHECK(*latency_of(p).hybrid.p95_s == Approx(0.068));
  CHECK(*latency_of(p).hybrid.p50_s == Approx(0.008));
  p.hybrid.escalation = 0.6;  // more than half: the median is an escalated call, 8 + 15 ms
  CHECK(*latency_of(p).hybrid.p50_s == Approx(0.023));
  // route: the router's 2 ms then the cloud, 2 + 15 = 17 ms and 2 + 60 = 62 ms
  p.hybrid.mode = HybridMode::route;
  p.hybrid.router_time_s = 0.002;
  CHECK(*latency_of(p).hybrid.p50_s == Approx(0.017));
  CHECK(*latency_of(p).hybrid.p95_s == Approx(0.062));
}

TEST_CASE("no link: the cloud has no latency to report", "[latency]") {
  const Latency l = latency_of(fixture_with("network: wifi", "network: none"));
  CHECK_FALSE(l.cloud.p50_s);
  CHECK_FALSE(l.cloud.p95_s);
  CHECK(*l.edge.p95_s == Approx(0.008));
}

TEST_CASE("every network class has sources and a sane range", "[latency]") {
  for (const NetworkClass& n : network_classes()) {
    INFO(to_string(n.network));
    CHECK(n.rtt_low_s <= n.rtt_high_s);
    CHECK_FALSE(n.rtt_source.empty());
    CHECK_FALSE(n.uplink_source.empty());
    CHECK_FALSE(n.outage_source.empty());
    CHECK(n.has_link == (n.network != Network::none));
  }
  CHECK(network_classes().size() == network_names().size());
  CHECK(network_class(Network::lte_urban).rtt_low_s == Approx(0.080));
  CHECK(network_class(Network::lte_rural).rtt_high_s == Approx(0.450));  // 150 + 300 ms
}
