// Crashes and silent failures an outside review found (issue #9): no NaN, saved reports with keys
// missing, currencies in diffs, gate flags, failing gates with --output, typo'd commands.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include <edgecalc/cli/cli.hpp>
#include <edgecalc/decide/pipeline.hpp>
#include <edgecalc/explore/sensitivity.hpp>
#include <edgecalc/explore/uncertainty.hpp>
#include <edgecalc/report/explore_json.hpp>
#include <edgecalc/report/report_json.hpp>

#include "cli_run.hpp"
#include "fixture.hpp"

using namespace edgecalc;
using namespace edgecalc::test;
using Json = nlohmann::ordered_json;

namespace {

std::string scratch(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / "edgecalc-robustness";
  std::filesystem::create_directories(dir);
  return (dir / name).string();
}

std::string write_robust(const std::string& name, const std::string& text) { return test::write_scratch("robustness", name, text); }

// Calls `visit` with a copy of `j` that lacks one member, for every member at every depth.
// The exhaustive sweeps run whole when EDGECALC_FULL_SWEEPS is set (scripts/full-sweeps.sh) and
// as a fixed sample otherwise, so that CI stays fast (docs/ci.md).
bool full_sweeps() { return std::getenv("EDGECALC_FULL_SWEEPS") != nullptr; }

void each_without_one_key(const Json& root, const std::function<void(const Json&, const std::string&)>& visit,
                          std::size_t stride = 1, std::size_t offset = 0) {
  // Paths first, then one copy per path with that member erased.
  std::vector<Json::json_pointer> pointers;
  std::function<void(const Json&, const Json::json_pointer&)> collect = [&](const Json& node, const Json::json_pointer& at) {
    if (node.is_object()) {
      for (auto it = node.begin(); it != node.end(); ++it) {
        pointers.push_back(at / it.key());
        collect(it.value(), at / it.key());
      }
    } else if (node.is_array()) {
      for (std::size_t i = 0; i < node.size(); ++i) collect(node[i], at / i);
    }
  };
  collect(root, Json::json_pointer());
  // With a stride, every section and its members (two levels deep) and every stride-th key below.
  for (std::size_t i = 0; i < pointers.size(); ++i) {
    const auto& pointer = pointers[i];
    const std::string path = pointer.to_string();
    const bool shallow = std::count(path.begin(), path.end(), '/') <= 2;
    if (!shallow && i % stride != offset % stride) continue;
    Json copy = root;
    copy[pointer.parent_pointer()].erase(pointer.back());
    visit(copy, pointer.to_string());
  }
}

}  // namespace

TEST_CASE("no NaN and no infinity when every total is zero", "[robustness]") {
  const std::vector<std::string> zero = {k_kiosk, "--set", "workload.calls=0/h", "--set", "edge.unit_cost=0",
                                         "--set", "edge.engineering=0", "--set", "edge.power=0"};
  Run r = run(zero);
  CHECK(r.code == 0);
  const std::regex not_a_number(R"(\b(-?nan|-?inf)\b)");
  CHECK_FALSE(std::regex_search(r.out, not_a_number));
  CHECK(r.out.find("both free") != std::string::npos);
  std::vector<std::string> json = zero;
  json.insert(json.end(), {"--format", "json"});
  r = run(json);
  CHECK(r.code == 0);
  CHECK(r.out.find("NaN") == std::string::npos);
  CHECK_NOTHROW(Json::parse(r.out));
}

namespace {

// Degenerate profiles: every option free, and every option at the same non-zero total (a fixed
// $100/month each); both with a hybrid that escalates 10% and a range, so that every section runs.
const std::string k_degenerate_head = R"(edgecalc: 1
name: degenerate
workload:
  calls: 60/min
  latency_budget: 500ms
  payload: 0B
  hard_fraction: 10%
fleet:
  size: 500..2000
connectivity:
  network: wired
data:
  sensitivity: public
  escalation_allowed: true
)";
const std::string k_all_free = k_degenerate_head + R"(cloud:
  price:
    per_call: $0
edge:
  unit_cost: $0
  inference_time: 8ms
  engineering: $0
  maintenance: $0/month
  power: 0W
)";
const std::string k_all_equal = k_degenerate_head + R"(cloud:
  price:
    per_call: $0
  fixed: $100/month
edge:
  unit_cost: $0
  inference_time: 8ms
  engineering: $0
  maintenance: $0/month
  power: 0W
  fixed: $100/month
)";

// The JSON paths of numbers that are not finite (nlohmann would write them as null).
void non_finite(const Json& node, const std::string& at, std::vector<std::string>& out) {
  if (node.is_number_float() && !std::isfinite(node.get<double>())) out.push_back(at);
  if (node.is_object())
    for (auto it = node.begin(); it != node.end(); ++it) non_finite(it.value(), at + "/" + it.key(), out);
  if (node.is_array())
    for (std::size_t i = 0; i < node.size(); ++i) non_finite(node[i], at + "/" + std::to_string(i), out);
}

}  // namespace

TEST_CASE("profiles whose options all cost nothing, or the same, give finite numbers in every format",
          "[robustness][render]") {
  const std::regex not_a_number(R"(\b(-?nan|-?inf|infinity)\b)", std::regex::icase);
  std::size_t checked = 0;
  for (const auto& [name, text] : {std::pair{"all-free", k_all_free}, std::pair{"all-equal", k_all_equal}}) {
    const std::string path = write_robust(std::string(name) + ".yaml", text);
    const Profile p = test::load_path(path);
    // Every number of the JSON report, before it is written, with every section.
    Json j = report_json(evaluate(p, "2026-11-21"));
    j["sensitivity"] = sensitivity_json(analyse_sensitivity(p));
    j["uncertainty"] = uncertainty_json(analyse_uncertainty(p, UncertaintyOptions{500, 1, 1}), p);
    std::vector<std::string> bad;
    non_finite(j, "", bad);
    INFO(name << ": not finite at " << (bad.empty() ? "" : bad.front()));
    CHECK(bad.empty());
    CHECK(j["options"]["hybrid"]["total_cost"].is_number());  // the hybrid runs too
    for (const char* format : {"table", "json", "markdown", "junit", "sarif", "html", "svg"}) {
      for (const bool brief : {false, true}) {
        if (brief && format != std::string("table")) continue;
        std::vector<std::string> args{path, "--format", format, "--sensitivity", "--samples", "500"};
        if (brief) args.push_back("--brief");
        const Run r = run(args);
        INFO(name << " as " << format << (brief ? " --brief" : "") << ": " << r.err);
        CHECK(r.code == 0);
        CHECK_FALSE(std::regex_search(r.out, not_a_number));
        CHECK((r.out.find("null") == std::string::npos || format == std::string("json")));
        ++checked;
      }
    }
    const Run csv = run({path, "--scan", "edge.unit_cost=0,1,2", "--format", "csv"});
    CHECK(csv.code == 0);
    CHECK_FALSE(std::regex_search(csv.out, not_a_number));
    ++checked;
  }
  CHECK(checked == 2 * (7 + 1 + 1));  // two profiles x (seven formats, brief, csv)
}

TEST_CASE("a saved report with any one key removed renders or is refused, never crashes", "[robustness][render]") {
  // Whole: 7,738 renders (80 s, several minutes under ASan). Sampled: kiosk-fleet's every key in
  // all four formats, the others' sections and their members and an eighth of the keys below.
  const bool full = full_sweeps();
  std::size_t reports = 0, renders = 0;
  for (const auto& entry : std::filesystem::directory_iterator(k_source + "/tests/golden/report")) {
    if (entry.path().extension() != ".json") continue;
    ++reports;
    std::ifstream in(entry.path());
    const Json golden = Json::parse(in);
    const std::string path = scratch("without-one-key.json");
    const bool all_formats = entry.path().stem() == "kiosk-fleet";
    each_without_one_key(golden, [&](const Json& report, const std::string& removed) {
      std::ofstream(path) << report.dump();
      // junit and sarif read a few keys of every report; table and markdown read them all
      for (const char* format : {"table", "markdown", "junit", "sarif"}) {
        if (!all_formats && format != std::string("table") && format != std::string("markdown")) continue;
        const Run r = run({"render", path, "--format", format});
        INFO(entry.path().filename().string() << " without " << removed << " as " << format << ": " << r.err);
        CHECK((r.code == 0 || r.code == 2));
        ++renders;
      }
    }, full || all_formats ? 1 : 8, reports);
  }
  CHECK(reports >= 10);   // every example's golden JSON and the worked examples'
  // 7,738 whole today: hundreds of keys per report, two or four formats each; the sample 1,500+.
  CHECK(renders >= (full ? 7000u : 1500u));
}

TEST_CASE("render survives a report without options.hybrid.escalation", "[robustness][render]") {
  std::ifstream in(k_source + "/tests/golden/report/kiosk-fleet.json");
  Json report = Json::parse(in);
  report["options"]["hybrid"].erase("escalation");
  const Run r = run({"render", write_robust("no-escalation.json", report.dump())});
  CHECK(r.code == 0);
  CHECK(r.out.find("hybrid escalates - of calls to the cloud") != std::string::npos);
}

TEST_CASE("diff and --compare-to refuse reports in different currencies", "[robustness][diff]") {
  const std::string eur = write_robust("kiosk-eur.yaml", [] {
    std::ifstream in(k_kiosk);
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    s.replace(s.find("month: 730h"), 11, "month: 730h\ncurrency: EUR");
    for (std::size_t at; (at = s.find('$')) != std::string::npos;) s.erase(at, 1);
    return s;
  }());
  Run r = run({"diff", k_kiosk, eur});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("cannot compare a report in USD (" + k_kiosk + ") with one in EUR (" + eur + ")") !=
        std::string::npos);
  const std::string base = scratch("kiosk-usd.json");
  REQUIRE(run({k_kiosk, "--format", "json", "-o", base}).code == 0);
  r = run({eur, "--compare-to", base});
  CHECK(r.code == 2);
  CHECK(r.err.find("cannot compare a report in USD") != std::string::npos);
}

TEST_CASE("gate flags are checked before anything runs, gates that cannot run are skipped", "[robustness][gates]") {
  const std::string base = scratch("kiosk-base.json");
  REQUIRE(run({k_kiosk, "--format", "json", "-o", base}).code == 0);
  // malformed: exit 2 with nothing evaluated, baseline or not
  Run r = run({k_kiosk, "--compare-to", base, "--max-increase", "lots"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "edgecalc: error: --max-increase lots: expected a percentage (10%) or an amount ($5000); the "
                 "amount must be an amount of money, e.g. $12 or 12\n");
  CHECK(run({"diff", k_kiosk, k_kiosk, "--max-increase", "lots"}).code == 2);
  // a baseline with no report for this profile: the gate is skipped, and fails under --fail-on-warn
  const std::string other = scratch("other-base.json");
  REQUIRE(run({k_source + "/profiles/team-gpu-server.yaml", k_source + "/profiles/pi-fleet-llm.yaml", "--format",
               "json", "-o", other})
              .code == 0);
  r = run({k_kiosk, "--compare-to", other, "--max-increase", "10%", "--format", "json"});
  CHECK(r.code == 0);
  const Json report = Json::parse(r.out);
  REQUIRE(report["gates"].size() == 1);
  CHECK(report["gates"][0]["status"] == "skipped");
  CHECK(run({k_kiosk, "--compare-to", other, "--max-increase", "10%", "--fail-on-warn"}).code == 1);
}

TEST_CASE("with --output, each failing gate still has a line on stderr", "[robustness][gates]") {
  const Run r = run({k_kiosk, "--set", "budget.max_total_cost=$10", "-o", scratch("failing.txt")});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err.find("edgecalc: kiosk-fleet: gate fail max_total_cost:") == 0);
}

TEST_CASE("a typo'd command suggests the command and evaluates nothing", "[robustness][cli]") {
  const Run r = run({"normalise", "x.json"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "edgecalc: error: unknown command 'normalise'; did you mean 'normalize'?\n"
                 "Run 'edgecalc --help' for usage.\n");
}

TEST_CASE("errors keep the parser's reason and name the file's kind", "[robustness][diagnostics]") {
  const std::string broken = write_robust("broken-report.json", "{\"report_version\": 1, \"profile\": tru}");
  Run r = run({"render", broken});
  CHECK(r.code == 2);
  CHECK(r.err == broken + ":1:37: error: invalid JSON in the saved report: syntax error while parsing value - "
                          "invalid literal; last read: '\"profile\": tru}'\n");
  const std::string dir = scratch("a-directory.json");
  std::filesystem::create_directories(dir);
  r = run({"render", dir});
  CHECK(r.code == 2);
  CHECK(r.err.find("is a directory, not a saved report") != std::string::npos);
  r = run({k_kiosk, "--catalog", dir});
  CHECK(r.code == 2);
  CHECK(r.err.find("is a directory, not a catalog") != std::string::npos);
  const std::string empty_catalog = write_robust("empty-catalog.yaml", "# nothing\n");
  r = run({k_kiosk, "--catalog", empty_catalog});
  CHECK(r.code == 2);
  CHECK(r.err == empty_catalog + ":1:1: error: catalog is empty\n");
  const std::string prices = write_robust("broken-prices.json", "{\"gpt\": [1,}");
  r = run({k_kiosk, "--prices", prices});
  CHECK(r.code == 2);
  CHECK(r.err.find("invalid JSON in the LiteLLM price file: syntax error while parsing value") != std::string::npos);
}

TEST_CASE("labels: a noun agrees with its count, fleets are whole, centuries are never", "[robustness][render]") {
  Run r = run({k_kiosk, "--set", "fleet.size=1", "--set", "fleet.unit=developers"});
  CHECK(r.code == 0);
  CHECK(r.out.find("1 developer x 10/h each") != std::string::npos);
  CHECK_FALSE(std::regex_search(r.out, std::regex(R"((^|[^0-9,.])1 developers)")));
  // the crossing is at 958.x developers: the table says the first whole size past it
  CHECK(r.out.find("edge is cheaper from 959 developers up (now 1)") != std::string::npos);
  CHECK(std::regex_search(r.out, std::regex(R"(\d\.\d+ developers)")) == false);
  r = run({k_kiosk, "--set", "edge.engineering=1e9", "--set", "edge.lifetime=never"});
  CHECK(r.out.find("edge pays for itself only after 32,710 years: never in practice") != std::string::npos);
  CHECK(r.out.find("months, beyond") == std::string::npos);
}
