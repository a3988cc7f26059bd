// Monte Carlo over ranges (explore/uncertainty.hpp): probabilities against cases with a closed
// form, within three standard errors; rules fire inside samples; the copula; the confidence gate;
// and byte-identical output for a seed whatever the thread count.

#include <catch2/catch.hpp>

#include <cmath>
#include <numbers>
#include <numeric>

#include <fmt/format.h>

#include <edgecalc/decide/pipeline.hpp>
#include <edgecalc/explore/sensitivity.hpp>
#include <edgecalc/explore/uncertainty.hpp>
#include <edgecalc/profile/fields.hpp>

#include "cli_run.hpp"
#include "fixture.hpp"

namespace edgecalc {

namespace {

// The fixture with close_call 0 (the cheaper option wins outright) and `price` as its per-call price.
Profile fixture_priced(const std::string& price) {
  const std::string text = test::replaced(test::replaced(test::k_valid_yaml, "per_call: $0.0001", "per_call: " + price),
                                          "name: fixture", "name: fixture\nclose_call: 0");
  const auto loaded = test::load(text);
  INFO(loaded.errors);
  REQUIRE(loaded.profile);
  return *loaded.profile;
}

// The cloud's total at a per-call price `p` (the model at one point).
double cloud_total_at(Profile profile, double p) {
  set_field(profile, *find_numeric_field("cloud.price.per_call"), p);
  return outcome_of(profile).total[option_index(Option::cloud)];
}

// The per-call price p* where the cloud's total meets the edge's: the model is affine in p,
// cloud(p) = alpha + beta p, so p* = (edge - alpha) / beta.
double price_at_crossing(const Profile& profile) {
  const double alpha = cloud_total_at(profile, 0), beta = cloud_total_at(profile, 1) - alpha;
  // affine: the value halfway is the mean of the ends
  REQUIRE(cloud_total_at(profile, 0.5) == Approx(alpha + beta / 2).epsilon(1e-12));
  const double edge = outcome_of(profile).total[option_index(Option::edge)];
  return (edge - alpha) / beta;
}

std::string flat(double v) { return fmt::format("${:.17g}", v); }

}  // namespace

TEST_CASE("a uniform per-call price: P(edge wins) is the share of the range above the crossing", "[uncertainty]") {
  // Edge's total E does not depend on the cloud's price; the cloud's is alpha + beta p. With p
  // uniform on [p*/2, 2 p*], edge wins when p > p*: P = (2p* - p*) / (2p* - p*/2) = 1 / 1.5 = 2/3.
  const double crossing = price_at_crossing(fixture_priced("$0.0001"));
  REQUIRE(crossing > 0);
  const Profile p =
      fixture_priced(fmt::format("{{low: {}, high: {}, dist: uniform}}", flat(crossing / 2), flat(crossing * 2)));
  REQUIRE(p.uncertain.size() == 1);
  const UncertaintyAnalysis a = analyse_uncertainty(p, UncertaintyOptions{20000, 7, 1});
  const OptionUncertainty& edge = a.options[option_index(Option::edge)];
  const OptionUncertainty& cloud = a.options[option_index(Option::cloud)];
  // SE of a proportion: sqrt(p (1 - p) / n) = sqrt(2/9 / 20000) = 0.003333
  CHECK(edge.p_verdict_se == Approx(std::sqrt(2.0 / 9 / 20000)).epsilon(0.02));
  CHECK(std::fabs(edge.p_verdict - 2.0 / 3) <= 3 * edge.p_verdict_se);
  CHECK(edge.p_verdict + cloud.p_verdict == Approx(1));
  CHECK(edge.p_feasible == 1);
  CHECK(cloud.p_feasible == 1);
  // The cloud's total is affine in p: its P10 is the model at p* / 2 + 0.1 x 1.5 p* = 0.65 p*,
  // its P50 at 1.25 p*; Monte Carlo error of a uniform's quantile at n = 20,000 is under 1%.
  REQUIRE(cloud.total);
  CHECK(cloud.total->p10 == Approx(cloud_total_at(p, 0.65 * crossing)).epsilon(0.01));
  CHECK(cloud.total->p50 == Approx(cloud_total_at(p, 1.25 * crossing)).epsilon(0.01));
  CHECK(cloud.total->mean == Approx(cloud_total_at(p, 1.25 * crossing)).epsilon(0.01));
  // The edge's total is the same in every sample.
  REQUIRE(edge.total);
  CHECK(edge.total->p5 == edge.total->p95);
  REQUIRE(a.drivers.size() == 1);
  CHECK(a.drivers[0].field == "cloud.price.per_call");
}

TEST_CASE("a lognormal price centred on the crossing: each option wins half the time", "[uncertainty]") {
  // A lognormal whose 90% interval is [p*/2, 2 p*] has its median at sqrt(p*/2 x 2p*) = p*.
  const double crossing = price_at_crossing(fixture_priced("$0.0001"));
  const Profile p = fixture_priced(fmt::format("{}..{}", flat(crossing / 2), flat(crossing * 2)));
  REQUIRE(p.uncertain.at(0).dist == Distribution::lognormal);
  const UncertaintyAnalysis a = analyse_uncertainty(p, UncertaintyOptions{20000, 11, 2});
  const OptionUncertainty& edge = a.options[option_index(Option::edge)];
  CHECK(std::fabs(edge.p_verdict - 0.5) <= 3 * edge.p_verdict_se);
  // P5 and P95 of the cloud's total are the model at the interval's ends.
  const OptionUncertainty& cloud = a.options[option_index(Option::cloud)];
  REQUIRE(cloud.total);
  CHECK(cloud.total->p5 == Approx(cloud_total_at(p, crossing / 2)).epsilon(0.02));
  CHECK(cloud.total->p95 == Approx(cloud_total_at(p, crossing * 2)).epsilon(0.02));
}

TEST_CASE("rules fire inside samples: a latency budget range blocks the cloud in the share below its switch",
          "[uncertainty]") {
  // The sensitivity search places the budget below which latency.cloud-rtt blocks the cloud (s,
  // checked against --set in test_sensitivity). With the budget uniform on [s/2, 2s] the cloud is
  // blocked when budget < s: P = (s - s/2) / (2s - s/2) = 1/3.
  const Profile base = fixture_priced("$0.00000001");  // a cloud so cheap it wins wherever it may run
  const SensitivityAnalysis sens = analyse_sensitivity(base);
  const auto field = std::find_if(sens.fields.begin(), sens.fields.end(),
                                  [](const FieldSensitivity& f) { return f.field == "workload.latency_budget"; });
  REQUIRE(field != sens.fields.end());
  REQUIRE(field->below);
  const double s = field->below->value;  // seconds
  const std::string text = test::replaced(
      test::replaced(test::k_valid_yaml, "latency_budget: 100ms",
                     fmt::format("latency_budget: {{low: {:.17g}s, high: {:.17g}s, dist: uniform}}", s / 2, s * 2)),
      "per_call: $0.0001", "per_call: $0.00000001");
  const auto loaded = test::load(text);
  INFO(loaded.errors);
  REQUIRE(loaded.profile);
  const UncertaintyAnalysis a = analyse_uncertainty(*loaded.profile, UncertaintyOptions{20000, 3, 0});
  const OptionUncertainty& cloud = a.options[option_index(Option::cloud)];
  const double se = std::sqrt(2.0 / 9 / 20000);
  CHECK(std::fabs((1 - cloud.p_feasible) - 1.0 / 3) <= 3 * se);
  REQUIRE_FALSE(cloud.blocked_share.empty());
  CHECK(cloud.blocked_share.front().second == Approx(1 - cloud.p_feasible));
  CHECK(cloud.p_verdict == Approx(cloud.p_feasible));
}

TEST_CASE("the copula turns a rank correlation into the Pearson correlation of its normals", "[uncertainty]") {
  // rho = 2 sin(pi rho_s / 6): rho_s = 0.6 gives 2 sin(0.1 pi) = 0.618034; the Cholesky factor of
  // [[1, rho], [rho, 1]] is [[1, 0], [rho, sqrt(1 - rho^2)]] = [[1, 0], [0.618034, 0.786151]].
  const auto f = copula_factor({"a", "b"}, {RankCorrelation{"a", "b", 0.6, {}}});
  REQUIRE(f);
  REQUIRE(f->size() == 4);
  CHECK((*f)[0] == Approx(1));
  CHECK((*f)[1] == 0);
  CHECK((*f)[2] == Approx(0.618034).epsilon(1e-6));
  CHECK((*f)[3] == Approx(0.786151).epsilon(1e-6));
  // a and b together, a and c together, b and c apart: no such matrix
  CHECK_FALSE(copula_factor({"a", "b", "c"}, {RankCorrelation{"a", "b", 0.9, {}}, RankCorrelation{"a", "c", 0.9, {}},
                                              RankCorrelation{"b", "c", -0.9, {}}}));
}

TEST_CASE("inputs correlated 1 move together in every sample", "[uncertainty]") {
  // With rank correlation 1 the two inputs have the same rank in every sample, so their rank
  // correlations with the margin are equal; independent, they are not.
  const auto run = [](const std::string& extra) {
    const std::string text = test::replaced(test::replaced(test::k_valid_yaml, "calls: 60/min", "calls: 30..120/min"),
                                            "size: 1000", "size: 500..2000") + extra;
    const auto loaded = test::load(text);
    INFO(loaded.errors);
    REQUIRE(loaded.profile);
    return analyse_uncertainty(*loaded.profile, UncertaintyOptions{4000, 5, 1});
  };
  const UncertaintyAnalysis together = run("uncertainty:\n  correlate: [[fleet.size, workload.calls, 1]]\n");
  REQUIRE(together.drivers.size() == 2);
  // (a fleet size is whole, so a few neighbouring samples tie: equal to 1e-4, not exactly)
  CHECK(together.drivers[0].rank_correlation == Approx(together.drivers[1].rank_correlation).epsilon(1e-4));
  // The margin falls with calls x size: moving together, each input ranks it all but perfectly;
  // apart, two inputs of equal spread in log space each explain half of it (|r| near 0.7).
  CHECK(std::fabs(together.drivers[0].rank_correlation) > 0.99);
  const UncertaintyAnalysis apart = run("");
  REQUIRE(apart.drivers.size() == 2);
  for (const Driver& d : apart.drivers) CHECK(std::fabs(d.rank_correlation) < 0.8);
}

TEST_CASE("a seed gives byte-identical JSON on every run and every thread count", "[uncertainty]") {
  const std::string profile = std::string(EDGECALC_SOURCE_DIR) + "/profiles/team-gpu-server-ranges.yaml";
  const auto json_with = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args{profile, "--format", "json", "--samples", "3001"};
    args.insert(args.end(), extra.begin(), extra.end());
    const test::Run r = test::run(args);
    INFO(r.err);
    REQUIRE(r.code == 0);
    return r.out;
  };
  const std::string one = json_with({"--threads", "1"});
  CHECK(one.find("\"uncertainty\"") != std::string::npos);
  CHECK(json_with({"--threads", "1"}) == one);
  CHECK(json_with({"--threads", "2"}) == one);
  CHECK(json_with({"--threads", "3"}) == one);
  CHECK(json_with({"--threads", "0"}) == one);
  CHECK(json_with({"--threads", "2", "--seed", "1"}) != one);
}

TEST_CASE("ranged examples give the same bytes three times on threads 1, 2 and 8", "[uncertainty]") {
  // Table (with --sensitivity) and JSON, 1,500 samples (two chunks, the second one short). The
  // examples without ranges of their own get two (horizon and energy price, as scripts/bench.sh).
  std::size_t compared = 0;
  for (const char* file : {"pi-fleet-llm.yaml", "team-gpu-server-ranges.yaml", "voice-hub-hybrid.yaml"}) {
    std::vector<std::string> ranges;
    if (file != std::string("team-gpu-server-ranges.yaml"))
      ranges = {"--set", "horizon=24months..48months", "--set", "edge.energy_price=$0.10/kWh..$0.30/kWh"};
    for (const char* format : {"json", "table"}) {
      std::string first;
      for (const char* threads : {"1", "2", "8"}) {
        for (int run = 0; run < 3; ++run) {
          std::vector<std::string> args{test::example_path(file), "--format", format, "--sensitivity", "--samples", "1500",
                                        "--seed", "7", "--threads", threads, "--no-chart"};
          args.insert(args.end(), ranges.begin(), ranges.end());
          const test::Run r = test::run(args);
          INFO(file << " " << format << " threads " << threads << " run " << run << ": " << r.err);
          REQUIRE(r.code <= 1);
          REQUIRE(r.out.find("uncertainty") != std::string::npos);
          if (first.empty()) first = r.out;
          CHECK(r.out == first);
          ++compared;
        }
      }
    }
  }
  CHECK(compared == 3 * 2 * 3 * 3);
}

TEST_CASE("without ranges there is no uncertainty section, whatever the flags", "[uncertainty]") {
  const std::string profile = std::string(EDGECALC_SOURCE_DIR) + "/profiles/team-gpu-server.yaml";
  const test::Run plain = test::run({profile, "--format", "json"});
  const test::Run flags = test::run({profile, "--format", "json", "--samples", "50", "--seed", "9", "--threads", "2"});
  CHECK(plain.code == 0);
  CHECK(plain.out.find("\"uncertainty\"") == std::string::npos);
  CHECK(flags.out == plain.out);
}

TEST_CASE("the min-confidence gate fails a verdict that wins too rarely, or a required option", "[uncertainty][gates]") {
  // team-gpu-server-ranges: edge wins in 64.3% of 10,000 samples at the default seed, cloud 35.7%
  // (boxes resold at the horizon on the market curve).
  const std::string profile = std::string(EDGECALC_SOURCE_DIR) + "/profiles/team-gpu-server-ranges.yaml";
  CHECK(test::run({profile, "--min-confidence", "60%"}).code == 0);
  const test::Run fail = test::run({profile, "--min-confidence", "70%"});
  CHECK(fail.code == 1);
  CHECK(fail.out.find("min_confidence") != std::string::npos);
  // --require keeps its own gate on the point verdict; --min-confidence then asks how often it wins.
  CHECK(test::run({profile, "--require", "edge", "--min-confidence", "60%"}).code == 0);
  const test::Run required = test::run({profile, "--require", "edge", "--min-confidence", "65%"});
  CHECK(required.code == 1);
  CHECK(required.out.find("min_confidence: edge wins in 64.3% of 10,000 samples") != std::string::npos);
  // cloud wins in 35.7%, enough for 35%, but the point verdict is edge: the require gate fails
  const test::Run cloud = test::run({profile, "--require", "cloud", "--min-confidence", "35%"});
  CHECK(cloud.code == 1);
  CHECK(cloud.out.find("gate pass    min_confidence: cloud wins in 35.7%") != std::string::npos);
  const test::Run bad = test::run({profile, "--samples", "0"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("--samples must be from 1 to 10000000; got 0") != std::string::npos);
}

TEST_CASE("a --set pins a range to a value, or writes one", "[uncertainty]") {
  const std::string profile = std::string(EDGECALC_SOURCE_DIR) + "/profiles/team-gpu-server-ranges.yaml";
  const test::Run pinned = test::run({profile, "--format", "json", "--set", "workload.calls=150/day"});
  INFO(pinned.err);
  CHECK(pinned.code == 0);
  CHECK(pinned.out.find("\"field\": \"workload.calls\"") == std::string::npos);
  const std::string pi = std::string(EDGECALC_SOURCE_DIR) + "/profiles/pi-fleet-llm.yaml";
  const test::Run ranged = test::run({pi, "--format", "json", "--samples", "200", "--set", "fleet.size=600..2400"});
  INFO(ranged.err);
  CHECK(ranged.code == 0);
  CHECK(ranged.out.find("\"field\": \"fleet.size\"") != std::string::npos);
}

}  // namespace edgecalc

namespace edgecalc {

TEST_CASE("ranges work in every kind of quantity, and the point run uses their medians", "[uncertainty]") {
  // Lognormal medians are sqrt(low x high): 5%..20% -> 10%; $3..$12 -> $6; 8KB..32KB -> 16,000 B;
  // 4ms..16ms -> 8 ms; 0.5k..2k -> 1,000; 30..120/min -> 60/min = 1/s. A normal (low end 0) has
  // its median halfway: 0..2 W -> 1 W... but power must be above 0, so the energy price:
  // {low: $0.10/kWh, high: $0.30/kWh, dist: uniform} -> $0.20/kWh.
  std::string text = test::k_valid_yaml;
  text = test::replaced(text, "calls: 60/min", "calls: 30..120/min\n  hard_fraction: 5%..20%\n  payload: 8KB..32KB");
  text = test::replaced(text, "size: 1000", "size: 0.5k..2k");
  text = test::replaced(text, "unit_cost: $4", "unit_cost: $3..$12\n  energy_price: {low: $0.10/kWh, high: $0.30/kWh, dist: uniform}");
  text = test::replaced(text, "inference_time: 8ms", "inference_time: 4ms..16ms");
  const auto loaded = test::load(text);
  INFO(loaded.errors);
  REQUIRE(loaded.profile);
  const Profile& p = *loaded.profile;
  CHECK(p.uncertain.size() == 7);
  CHECK(p.workload.calls_per_s == Approx(1));
  CHECK(p.workload.hard_fraction == Approx(0.10));
  CHECK(p.workload.payload_bytes == Approx(16000));
  CHECK(p.fleet.size == 1000);
  CHECK(p.edge.unit_cost == Approx(6));
  CHECK(p.edge.energy_price_per_kwh == Approx(0.20));
  CHECK(p.edge.inference_time_s == Approx(0.008));
  for (const UncertainValue& u : p.uncertain)
    CHECK(u.dist == (u.field == "edge.energy_price" ? Distribution::uniform : Distribution::lognormal));
  // A fraction range from 0 is normal (a lognormal needs a low end above 0), its median halfway.
  const auto zero = test::load(test::replaced(test::k_valid_yaml, "calls: 60/min", "calls: 60/min\n  hard_fraction: 0..10%"));
  REQUIRE(zero.profile);
  CHECK(zero.profile->uncertain.at(0).dist == Distribution::normal);
  CHECK(zero.profile->workload.hard_fraction == Approx(0.05));
}

}  // namespace edgecalc

namespace edgecalc {

TEST_CASE("a low end without a unit takes the high end's, and the error says so when that reverses it",
          "[uncertainty]") {
  CHECK(test::errors_of(test::replaced(test::k_valid_yaml, "size: 1000", "size: 500..2k")) ==
        "p.yaml:7:9: error: fleet.size must have its low end first: the low end takes the high end's unit, so this "
        "reads as 500k..2k; write the low end's unit too; got \"500..2k\"\n");
  CHECK(test::errors_of(test::replaced(test::k_valid_yaml, "size: 1000", "size: 3k..2k")) ==
        "p.yaml:7:9: error: fleet.size must have its low end first: 2k..3k; got \"3k..2k\"\n");
}

}  // namespace edgecalc

namespace edgecalc {

TEST_CASE("the histogram counts every sample of each priced option once", "[uncertainty]") {
  // team-gpu-server-ranges: cloud and edge are priced in every sample, the hybrid in none; the
  // totals span more than 4x, so the bins are equal in log space.
  const std::string path = test::example_path("team-gpu-server-ranges.yaml");
  const UncertaintyAnalysis a = analyse_uncertainty(test::load_path(path), UncertaintyOptions{2000, 5, 2});
  const CostHistogram& h = a.histogram;
  CHECK(h.log);
  CHECK(h.low < h.high);
  for (const Option o : {Option::cloud, Option::edge}) {
    const auto& counts = h.counts[option_index(o)];
    REQUIRE(counts.size() == k_histogram_bins);
    CHECK(std::accumulate(counts.begin(), counts.end(), std::size_t{0}) == 2000);
  }
  CHECK(h.counts[option_index(Option::hybrid)].empty());
  // the page draws it
  const test::Run html = test::run({path, "--format", "html", "--samples", "500"});
  CHECK(html.out.find("how the samples&apos; total costs fall") != std::string::npos);
}

}  // namespace edgecalc
