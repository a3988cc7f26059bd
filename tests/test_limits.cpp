// Property: whatever passes validation evaluates to finite numbers. Random valid profiles with
// every numeric field at its documented limit or a random value between them are evaluated; each
// report must exit 0, 1 (a verdict of none or a gate) and re-render, which checks it against the
// report schema (a NaN or an infinity becomes null in JSON and fails it). Issue #10.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <fmt/format.h>

#include <edgecalc/cli/cli.hpp>

#include "cli_run.hpp"

using namespace edgecalc;
using test::Run;
using test::run;

namespace {

// A numeric field with its documented limits (docs/profile.md) and the unit it is written in.
struct Field {
  const char* yaml;  // "{}" is replaced by the value
  double low, high;  // inclusive limits, in the unit written
};

// The limits as docs/profile.md states them. Exclusive lower limits use the smallest value a user
// could sensibly write: the test is about arithmetic at the edges, not about the bounds checks.
const Field k_fields[] = {
    {"workload.calls: {}/s", 0, 1e6},
    {"workload.peak_factor: {}", 1, 1e6},
    {"workload.latency_budget: {}s", 1e-6, 86400},
    {"workload.payload: {}B", 0, 1e12},
    {"workload.tokens.input: {}", 0, 1e8},
    {"workload.tokens.output: {}", 0, 1e8},
    {"fleet.size: {}", 1, 1e11},
    {"connectivity.uplink: {}B/s", 1, 1e12},
    {"cloud.inference_time: {}s", 0, 86400},
    {"cloud.transfer: {}/GB", 0, 1e15},
    {"cloud.fixed: {}/month", 0, 1e15},
    {"edge.unit_cost: {}", 0, 1e15},
    {"edge.inference_time: {}s", 1e-9, 86400},
    {"edge.power: {}W", 0, 1e7},
    {"edge.energy_price: {}/kWh", 0, 1e15},
    {"edge.pue: {}", 1, 10},
    {"edge.engineering: {}", 0, 1e15},
    {"edge.fixed: {}/month", 0, 1e15},
    {"hybrid.escalation: {}", 0, 1},
};

// The cloud price forms, each at random values within its limits.
const Field k_instance[] = {
    {"hourly: {}", 0, 1e15}, {"capacity: {}/s", 1e-3, 1e9}, {"min: {}", 0, 1e6}, {"utilization: {}", 0.01, 1}};

double pick(std::mt19937_64& rng, double low, double high) {
  switch (std::uniform_int_distribution<int>(0, 3)(rng)) {
    case 0: return low;
    case 1: return high;
    default: {
      if (low <= 0) low = std::min(high, 1e-6);
      const double e = std::uniform_real_distribution<double>(std::log10(low), std::log10(high))(rng);
      return std::pow(10.0, e);
    }
  }
}

std::string value(double v, bool whole) { return whole ? fmt::format("{:.0f}", v) : fmt::format("{:.17g}", v); }

}  // namespace

TEST_CASE("random valid profiles at their limits evaluate to reports that pass the schema", "[limits]") {
  std::mt19937_64 rng(20261122);  // fixed: a failure is reproducible
  const auto dir = std::filesystem::temp_directory_path() / "edgecalc-limits";
  std::filesystem::create_directories(dir);
  const std::string profile = (dir / "p.yaml").string(), report = (dir / "r.json").string();
  for (int i = 0; i < 150; ++i) {
    std::vector<std::string> args = {profile, "--format", "json", "-o", report};
    for (const Field& f : k_fields) {
      const std::string path(f.yaml, std::string_view(f.yaml).find(':'));
      const bool whole = path == "fleet.size" || path.starts_with("workload.tokens");
      std::string v = value(pick(rng, f.low, f.high), whole);
      std::string text = f.yaml;
      text.replace(text.find("{}"), 2, v);
      args.insert(args.end(), {"--set", path + "=" + text.substr(text.find(": ") + 2)});
    }
    // one of the price forms
    std::string price;
    switch (std::uniform_int_distribution<int>(0, 2)(rng)) {
      case 0: price = fmt::format("{{per_call: {:.17g}}}", pick(rng, 0, 1e15)); break;
      case 1: price = fmt::format("{{per_1m_tokens: {{input: {:.17g}, output: {:.17g}}}}}", pick(rng, 0, 1e15),
                                  pick(rng, 0, 1e15)); break;
      default: {
        std::string body;
        for (const Field& f : k_instance) {
          std::string t = f.yaml;
          t.replace(t.find("{}"), 2, value(pick(rng, f.low, f.high), std::string_view(f.yaml).starts_with("min")));
          body += (body.empty() ? "" : ", ") + t;
        }
        price = "{instance: {" + body + "}}";
      }
    }
    args.insert(args.end(), {"--set", "cloud.price=" + price});
    // half of them on shared boxes sized for the peak
    if (std::uniform_int_distribution<int>(0, 1)(rng) == 1)
      args.insert(args.end(), {"--set", "edge.deployment=server", "--set",
                               fmt::format("edge.capacity={:.17g}/s", pick(rng, 1e-3, 1e9)), "--set",
                               fmt::format("edge.utilization={:.17g}", pick(rng, 0.01, 1)), "--set",
                               fmt::format("edge.power={{idle: {:.17g}W, active: 1e7W}}", pick(rng, 0, 1e7))});
    std::ofstream(profile) << "edgecalc: 1\nname: limits\nhorizon: " << value(pick(rng, 1, 1200), false)
                           << " months\nworkload: {calls: 1/s, latency_budget: 1s, tokens: {input: 1, output: 1}}\n"
                              "fleet: {size: 1}\nconnectivity: {network: lte-urban}\ndata: {sensitivity: public}\n"
                              "cloud: {price: {per_call: 1}}\nedge: {unit_cost: 1, inference_time: 1ms, lifetime: "
                           << value(pick(rng, 1, 1200), false) << " months}\n";
    const Run r = run(args);
    std::string command;
    for (const std::string& a : args) command += " '" + a + "'";
    INFO("edgecalc" << command << "\n" << r.err);
    REQUIRE((r.code == 0 || r.code == 1));
    const Run rendered = run({"render", report});
    INFO(rendered.err);
    CHECK(rendered.code == 0);
  }
}
