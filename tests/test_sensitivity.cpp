// Sensitivity analysis (explore/sensitivity.hpp): every switching value of every example profile
// is real (a reload with --set just past it gives the new verdict, just before it today's), the
// search finds a switch a hand calculation places, and the margin gate passes and fails.

#include <catch2/catch.hpp>

#include <cmath>

#include <edgecalc/decide/pipeline.hpp>
#include <edgecalc/explore/scan.hpp>
#include <edgecalc/explore/sensitivity.hpp>

#include "cli_run.hpp"
#include "fixture.hpp"

namespace edgecalc {

namespace {

std::optional<Option> verdict_with(const std::string& path, const std::vector<std::string>& sets) {
  return evaluate(test::load_path(path, set_overrides(sets)), "2026-11-21").verdict.choice;
}

std::string name_of(const std::optional<Option>& o) { return o ? std::string(to_string(*o)) : "none"; }

}  // namespace

TEST_CASE("every switching value of every example profile flips the verdict under --set", "[sensitivity]") {
  std::size_t checked = 0;
  for (const std::string& path : test::example_profiles()) {
    const Profile input = test::load_path(path);
    const SensitivityAnalysis a = analyse_sensitivity(input);
    CHECK(a.verdict == evaluate(input, "2026-11-21").verdict.choice);
    for (const FieldSensitivity& f : a.fields) {
      const NumericField& field = *find_numeric_field(f.field);
      // The ends of the searched range are values a load accepts.
      for (const double end : {f.search_low, f.search_high}) {
        INFO(path << ": " << f.field << " searched to " << end);
        verdict_with(path, field.assignment(input, end));
      }
      for (const auto& sw : {f.below, f.above}) {
        if (!sw) continue;
        const bool up = sw->value > f.value;
        // Just past it (0.1% further from today's value, or the value itself for a count or a
        // switch at 0+) the new verdict; just before it today's.
        double past = field.whole() ? sw->value : sw->value * (up ? 1.001 : 0.999);
        double before = field.whole() ? sw->value + (up ? -1 : 1) : sw->value * (up ? 0.999 : 1.001);
        if (f.value == 0) past = sw->value, before = 0;
        const FieldLimits l = field.limits(input);
        past = std::clamp(past, l.low, l.high);
        INFO(path << ": " << f.field << " switches at " << sw->value << " (today " << f.value << ") to "
                  << name_of(sw->verdict) << ": " << sw->reason);
        CHECK(name_of(verdict_with(path, field.assignment(input, past))) == name_of(sw->verdict));
        CHECK(name_of(verdict_with(path, field.assignment(input, before))) == name_of(a.verdict));
        CHECK_FALSE(sw->reason.empty());
        ++checked;
      }
    }
  }
  CHECK(checked >= 40);
}

TEST_CASE("every switching value the table prints, fed back as --set FIELD=TEXT, gives the verdict it names",
          "[sensitivity][cli]") {
  // The table's "why" lines read "    FIELD < TEXT: reason" (or >): TEXT is rounded away from
  // today's value, so it lies where the verdict has flipped, and is written as a profile writes it.
  std::size_t checked = 0;
  for (const std::string& path : test::example_profiles()) {
    const test::Run r = test::run({path, "--sensitivity", "--no-chart", "--ascii", "--samples", "200"});
    REQUIRE(r.code <= 1);
    const SensitivityAnalysis a = analyse_sensitivity(test::load_path(path));
    std::size_t lines = 0;
    for (std::size_t at = r.out.find("\n  why:\n"); at != std::string::npos;) {
      const std::size_t start = at + 1, end = r.out.find('\n', start);
      at = end;
      const std::string line = r.out.substr(start, end - start);
      if (!line.starts_with("    ")) {
        if (line != "  why:") break;
        continue;
      }
      const std::size_t op = line.find_first_of("<>"), colon = line.find(": ", op);
      REQUIRE(op != std::string::npos);
      REQUIRE(colon != std::string::npos);
      const std::string field = line.substr(4, op - 5), text = line.substr(op + 2, colon - op - 2);
      const auto f = std::find_if(a.fields.begin(), a.fields.end(), [&](const FieldSensitivity& x) { return x.field == field; });
      REQUIRE(f != a.fields.end());
      const std::optional<SwitchPoint>& sw = line[op] == '<' ? f->below : f->above;
      REQUIRE(sw);
      INFO(path << ": --set " << field << "=" << text << " (exact " << sw->value << ")");
      CHECK(name_of(verdict_with(path, {field + "=" + text})) == name_of(sw->verdict));
      ++lines;
    }
    std::size_t switches = 0;
    for (const FieldSensitivity& f : a.fields) switches += (f.below ? 1 : 0) + (f.above ? 1 : 0);
    CHECK(lines == switches);  // every switch has its line
    checked += lines;
  }
  CHECK(checked >= 60);
}

TEST_CASE("a per-call price switches where the hand calculation says", "[sensitivity]") {
  // The fixture: 1,000 devices, 60 calls/min each = 2,592,000,000 calls over 36 months... priced
  // per call against $4 devices. Cloud total = price x 60 x 1000 x 86400*30.4167*36/60 seconds;
  // edge and cloud cross where price x calls = edge total: the switch below today's price must be
  // where cloud's total plus close_call falls to the edge's (checked against the model's totals).
  const auto profile = test::load(test::k_valid_yaml).profile;
  REQUIRE(profile);
  const SensitivityAnalysis a = analyse_sensitivity(*profile);
  const auto it = std::find_if(a.fields.begin(), a.fields.end(),
                               [](const FieldSensitivity& f) { return f.field == "cloud.price.per_call"; });
  REQUIRE(it != a.fields.end());
  CHECK(it->value == Approx(0.0001));
  // The tornado margin is affine in the price: margin(x) = edge - cloud(x), cloud(x) proportional to x.
  REQUIRE(it->margin_low);
  REQUIRE(it->margin_high);
  const double slope = (*it->margin_high - *it->margin_low) / (it->high - it->low);
  CHECK(*a.margin == Approx(*it->margin_low + slope * (it->value - it->low)));
}

TEST_CASE("the latency budget switches where it meets the edge's p95, by a rule", "[sensitivity]") {
  // The fixture's cloud is blocked below its 60 ms p95 round trip but costs more than the edge,
  // so the verdict stays edge until the budget falls below the edge's own p95 (8 ms of inference
  // plus the queue at 1 call/s): then latency.edge-time blocks the edge too and nothing is left.
  const auto profile = test::load(test::k_valid_yaml).profile;
  REQUIRE(profile);
  const SensitivityAnalysis a = analyse_sensitivity(*profile);
  const auto it = std::find_if(a.fields.begin(), a.fields.end(),
                               [](const FieldSensitivity& f) { return f.field == "workload.latency_budget"; });
  REQUIRE(it != a.fields.end());
  REQUIRE(it->below);
  const double edge_p95 = *evaluate(*profile, "2026-11-21").latency.edge.p95_s;
  CHECK(it->below->value == Approx(edge_p95).epsilon(1e-8));
  CHECK_FALSE(it->below->verdict);
  CHECK(it->below->reason.starts_with("edge becomes blocked by latency.edge-time"));
  CHECK_FALSE(it->above);
  CHECK(*it->margin_ratio == Approx(1 - edge_p95 / 0.1));
}

TEST_CASE("the margin gate fails below its limit and passes above it", "[sensitivity]") {
  const auto profile = test::load(test::k_valid_yaml).profile;
  REQUIRE(profile);
  const SensitivityAnalysis a = analyse_sensitivity(*profile);
  REQUIRE(a.min_margin_ratio);
  const double m = *a.min_margin_ratio;
  CHECK(margin_gate(a, MoneyLimit{m * 1.01, GateLevel::fail}, {}).status == GateStatus::fail);
  CHECK(margin_gate(a, MoneyLimit{m * 1.01, GateLevel::warn}, {}).status == GateStatus::warn);
  CHECK(margin_gate(a, MoneyLimit{m * 0.99, GateLevel::fail}, {}).status == GateStatus::pass);
  // Restricted to a field that never flips it, the gate passes.
  CHECK(margin_gate(a, MoneyLimit{m * 1.01, GateLevel::fail}, {"edge.pue"}).status == GateStatus::pass);
}

}  // namespace edgecalc

namespace edgecalc {

TEST_CASE("a scan point is exactly the evaluation of a --set run with its values", "[scan]") {
  const std::string path = std::string(EDGECALC_SOURCE_DIR) + "/profiles/team-gpu-server.yaml";
  Diagnostics d(path);
  const auto document = load_file(path, d);
  REQUIRE(document);
  const auto profile = profile_from_document(*document, d);
  REQUIRE(profile);
  std::vector<ScanAxis> axes;
  for (const char* spec : {"fleet.size=5..200:log:6", "cloud.model=claude-sonnet-4-6,gpt-5.4-mini"}) {
    auto axis = parse_scan_axis(spec, *profile);
    REQUIRE(std::holds_alternative<ScanAxis>(axis));
    axes.push_back(std::get<ScanAxis>(axis));
  }
  // 5 x 2.088^k rounded: 5, 10, 22, 46, 96, 200 (whole devices).
  CHECK(axes[0].numbers == std::vector<double>{5, 10, 22, 46, 96, 200});
  const auto result = run_scan(*document, path, {}, axes, builtin_catalog());
  REQUIRE(std::holds_alternative<Scan>(result));
  const Scan& scan = std::get<Scan>(result);
  REQUIRE(scan.points.size() == 12);
  for (const ScanPoint& p : scan.points) {
    std::vector<std::string> sets = axes[0].assignments[p.index[0]];
    sets.push_back(axes[1].assignments[p.index[1]][0]);
    const Report r = evaluate(test::load_path(path, set_overrides(sets)), "2026-11-21");
    INFO(sets[0] << " " << sets[1]);
    CHECK(p.outcome.choice == r.verdict.choice);
    for (Option o : k_all_options) CHECK(p.outcome.total[option_index(o)] == r.costs.option(o).present_value);
  }
}

}  // namespace edgecalc

namespace edgecalc {

TEST_CASE("the tornado spans a field's range where the profile gives one", "[sensitivity][uncertainty]") {
  // workload.calls: 40/day..300/day in team-gpu-server-ranges: the tornado's ends are the range's
  // (40 / 86400 and 300 / 86400 calls/s), not x0.5 and x2 of the median sqrt(40 x 300) = 109.5/day.
  const Profile input = test::load_path(test::example_path("team-gpu-server-ranges.yaml"));
  const auto calls_of = [](const SensitivityAnalysis& a) {
    const auto f = std::find_if(a.fields.begin(), a.fields.end(),
                                [](const FieldSensitivity& x) { return x.field == "workload.calls"; });
    REQUIRE(f != a.fields.end());
    return *f;
  };
  const FieldSensitivity ranged = calls_of(analyse_sensitivity(input));
  CHECK(ranged.from_range);
  CHECK(ranged.low == Approx(40.0 / 86400));
  CHECK(ranged.high == Approx(300.0 / 86400));
  // --tornado-range 20% asks for the same factor on every field
  const FieldSensitivity factored = calls_of(analyse_sensitivity(input, SensitivityOptions{1000, 0.2}));
  CHECK_FALSE(factored.from_range);
  CHECK(factored.low == Approx(factored.value * 0.8));
  CHECK(factored.high == Approx(factored.value * 1.2));
}

}  // namespace edgecalc
