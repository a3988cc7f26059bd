#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <edgecalc/cli/cli.hpp>

#include "report/schema_validator.hpp"

using namespace edgecalc;

namespace fs = std::filesystem;

namespace {

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

const fs::path k_schema_root = EDGECALC_SOURCE_DIR;
const SchemaValidator& validator() {
  static const SchemaValidator v(read_json(k_schema_root / "schema/report-v1.schema.json"));
  return v;
}

std::string run_json(const std::vector<std::string>& args) {
  std::istringstream in;
  std::ostringstream out, err;
  run_cli(args, in, out, err);
  return out.str();
}

std::string joined(const std::vector<std::string>& errors) {
  std::string s;
  for (const auto& e : errors) s += e + "\n";
  return s;
}

}  // namespace

TEST_CASE("every golden JSON report validates against the shipped schema", "[schema]") {
  std::size_t checked = 0;
  for (const char* dir : {"tests/golden/report", "tests/golden/rules"}) {
    for (const auto& entry : fs::directory_iterator(k_schema_root / dir)) {
      if (entry.path().extension() != ".json") continue;
      INFO(entry.path().string());
      CHECK(joined(validator().validate(read_json(entry.path()))) == "");
      ++checked;
    }
  }
  CHECK(checked >= 20);
}

TEST_CASE("batch arrays, comparisons and diffs validate too", "[schema]") {
  const std::string kiosk = (k_schema_root / "tests/data/model/kiosk-fleet.yaml").string();
  const std::string team = (k_schema_root / "tests/data/model/team-llm-server.yaml").string();
  const auto batch = nlohmann::json::parse(run_json({kiosk, team, "--format", "json", "--max-total-cost", "1"}));
  REQUIRE(batch.size() == 2);
  for (const auto& report : batch) CHECK(joined(validator().validate(report)) == "");

  const fs::path base = fs::temp_directory_path() / "edgecalc-schema-base.json";
  { std::ofstream(base) << run_json({kiosk, "--format", "json"}); }
  const auto compared = nlohmann::json::parse(
      run_json({kiosk, "--set", "fleet.size=3k", "--compare-to", base.string(), "--max-increase", "5%",
                "--fail-on-verdict-change", "--format", "json"}));
  REQUIRE(compared.contains("comparison"));
  CHECK(joined(validator().validate(compared)) == "");
  const auto diff = nlohmann::json::parse(run_json({"diff", base.string(), team, "--format", "json", "--max-increase", "1%"}));
  CHECK(joined(validator().validate(diff, validator().def("diff"))) == "");
}

TEST_CASE("the schema rejects what drifted", "[schema]") {
  auto report = read_json(k_schema_root / "tests/golden/report/kiosk-fleet.json");
  auto missing = report;
  missing.erase("verdict");
  CHECK(joined(validator().validate(missing)) == "/: missing required key \"verdict\"\n");
  auto extra = report;
  extra["surprise"] = 1;
  CHECK(joined(validator().validate(extra)) == "/: key `surprise` is not in the schema\n");
  auto wrong = report;
  wrong["verdict"] = "maybe";
  CHECK(joined(validator().validate(wrong)) ==
        "/verdict: \"maybe\" is not one of [\"edge\",\"cloud\",\"hybrid\",\"none\"]\n");
  auto negative = report;
  negative["options"]["edge"]["replacement_count"] = -1;
  CHECK(joined(validator().validate(negative)) == "/options/edge/replacement_count: below minimum\n");
}
