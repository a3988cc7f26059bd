#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include <edgecalc/cli/cli.hpp>
#include <edgecalc/decide/pipeline.hpp>
#include <edgecalc/render/render.hpp>
#include <edgecalc/report/report_json.hpp>

#include "fixture.hpp"

#include "cli_run.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

namespace {

nlohmann::ordered_json report_named(const std::string& name) {
  const Loaded out = load(replaced(k_valid_yaml, "name: fixture", "name: \"" + name + "\""));
  REQUIRE(out.profile);
  return report_json(evaluate(*out.profile));
}

const std::string k_escape = "\x1b[";

}  // namespace

TEST_CASE("JUnit escapes XML", "[render]") {
  const std::string xml = render_junit({report_named("a<b>&\\\"c")});
  CHECK(xml.find("name=\"a&lt;b&gt;&amp;&quot;c\"") != std::string::npos);
  CHECK(xml.find("a<b") == std::string::npos);
}

TEST_CASE("Markdown escapes table cells", "[render]") {
  auto r = report_named("fixture");
  r["summary"] = "x";
  r["assumptions"] = nlohmann::ordered_json::array({{{"field", "f"}, {"value", "a|b"}, {"source", "s"}}});
  CHECK(render_markdown({r}).find("| `f` | a\\|b | s |") != std::string::npos);
}

TEST_CASE("SARIF is version 2.1.0 with a result per failed gate", "[render]") {
  auto r = report_named("fixture");
  r["gates"] = nlohmann::ordered_json::array({{{"name", "max_total_cost"}, {"status", "fail"}, {"message", "m"},
                                               {"location", {{"line", 7}, {"column", 3}}}}});
  const auto sarif = nlohmann::json::parse(render_sarif({r}));
  CHECK(sarif["version"] == "2.1.0");
  const auto& result = sarif["runs"][0]["results"][0];
  CHECK(result["ruleId"] == "gate.max_total_cost");
  CHECK(result["level"] == "error");
  CHECK(result["locations"][0]["physicalLocation"]["region"]["startLine"] == 7);
}

TEST_CASE("colour only on a terminal, never with NO_COLOR, in files or other formats", "[render][cli]") {
  Environment tty;
  tty.stdout_is_terminal = true;
  CHECK(run({k_kiosk}, tty).out.find(k_escape) != std::string::npos);
  CHECK(run({k_kiosk}, Environment{}).out.find(k_escape) == std::string::npos);  // a pipe
  Environment no_color = tty;
  no_color.variables["NO_COLOR"] = "1";
  CHECK(run({k_kiosk}, no_color).out.find(k_escape) == std::string::npos);
  CHECK(run({k_kiosk, "--color", "never"}, tty).out.find(k_escape) == std::string::npos);
  CHECK(run({k_kiosk, "--color", "always"}, Environment{}).out.find(k_escape) != std::string::npos);
  Environment forced;
  forced.variables["EDGECALC_COLOR"] = "always";
  CHECK(run({k_kiosk}, forced).out.find(k_escape) != std::string::npos);
  CHECK(run({k_kiosk, "--format", "markdown", "--color", "always"}, tty).out.find(k_escape) == std::string::npos);
}

TEST_CASE("render refuses what is not a report", "[render][cli]") {
  std::istringstream in;
  std::ostringstream out, err;
  CHECK(run_cli({"render", k_kiosk}, in, out, err) == 2);  // a YAML profile is not JSON
  CHECK(err.str().find("invalid JSON in the saved report") != std::string::npos);
}

TEST_CASE("GitHub Actions annotations, only under GITHUB_ACTIONS=true", "[render][cli]") {
  const std::string bad = std::string(EDGECALC_SOURCE_DIR) + "/tests/data/invalid/bare-number.yaml";
  Environment gh;
  gh.variables["GITHUB_ACTIONS"] = "true";
  std::istringstream in;
  std::ostringstream out, err;
  CHECK(run_cli({bad}, in, out, err, gh) == 2);
  CHECK(err.str().find("::error file=" + bad + ",line=10,col=10,title=edgecalc%3A invalid profile::workload.calls "
                       "needs a unit, e.g. 60/min; got \"60\"\n") != std::string::npos);
  std::ostringstream out2, err2;
  CHECK(run_cli({k_kiosk, "--max-total-cost", "80k"}, in, out2, err2, gh) == 1);
  CHECK(err2.str().find("::error file=" + k_kiosk + ",line=1,col=1,title=edgecalc gate max_total_cost::"
                        "max_total_cost: $85,768.00 > $80,000.00 (+7.21%25) for edge\n") != std::string::npos);
  std::ostringstream out3, err3;
  CHECK(run_cli({bad}, in, out3, err3, Environment{}) == 2);
  CHECK(err3.str().find("::error") == std::string::npos);
}

TEST_CASE("every table golden fits 100 columns", "[render]") {
  namespace fs = std::filesystem;
  std::size_t files = 0;
  for (const char* dir : {"tests/golden/report", "tests/golden/rules", "tests/golden/cli"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(EDGECALC_SOURCE_DIR) / dir)) {
      const std::string name = entry.path().filename().string();
      if (!name.ends_with(".txt") || name.ends_with(".color.txt")) continue;
      std::ifstream in(entry.path());
      std::string line;
      int number = 0;
      while (std::getline(in, line)) {
        ++number;
        // columns are characters: count UTF-8 lead bytes only
        std::size_t width = 0;
        for (unsigned char c : line) width += (c & 0xC0) != 0x80;
        INFO(name << ":" << number << ": " << line);
        CHECK(width <= 100);
      }
      ++files;
    }
  }
  CHECK(files >= 20);
}

TEST_CASE("render, diff and --compare-to refuse an incomplete report with exit 2, not a crash", "[render][cli]") {
  const auto path = std::filesystem::temp_directory_path() / "edgecalc-incomplete-report.json";
  std::ofstream(path) << R"({"report_version": 1, "profile": "x"})";
  std::istringstream in;
  std::ostringstream out, err;
  CHECK(run_cli({"render", path.string(), "--format", "markdown"}, in, out, err) == 2);
  CHECK(out.str().empty());
  CHECK(err.str() == path.string() + ":1:1: error: report 1 does not match schema/report-v1.schema.json: /: "
                     "missing required key \"file\" (and 18 more)\n");
  std::ostringstream out2, err2;
  const std::string profile = std::string(EDGECALC_SOURCE_DIR) + "/tests/data/model/kiosk-fleet.yaml";
  CHECK(run_cli({"diff", path.string(), profile}, in, out2, err2) == 2);
  std::ostringstream out3, err3;
  CHECK(run_cli({profile, "--compare-to", path.string()}, in, out3, err3) == 2);
  std::filesystem::remove(path);
}
