#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include <edgecalc/cli/cli.hpp>
#include <edgecalc/version.hpp>

#include "cli_run.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

namespace {

const std::string k_example = std::string(EDGECALC_SOURCE_DIR) + "/profiles/doorbell-keyword-spotting.yaml";

}  // namespace

TEST_CASE("the --version flag prints the project version", "[cli]") {
  const Run r = run({"--version"});
  CHECK(r.code == 0);
  CHECK(r.out == std::string("edgecalc ") + k_version + "\n");
}

TEST_CASE("the --help flag lists the commands and exit codes", "[cli]") {
  const Run r = run({"--help"});
  CHECK(r.code == 0);
  CHECK(r.out.find("normalize") != std::string::npos);
  CHECK(r.out.find("Exit codes") != std::string::npos);
}

TEST_CASE("command-line errors exit 2, never with CLI11's own codes", "[cli]") {
  CHECK(run({"--frobnicate"}).code == 2);
  CHECK(run({}).code == 2);
  CHECK(run({"normalize"}).code == 2);
  const Run r = run({"normalize", k_example, "--bogus"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("edgecalc: error: ", 0) == 0);
}

TEST_CASE("normalize writes JSON to stdout or atomically to --output", "[cli]") {
  const Run direct = run({"normalize", k_example});
  REQUIRE(direct.code == 0);
  CHECK(direct.err.empty());
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "edgecalc-cli-test";
  fs::create_directories(dir);
  const fs::path file = dir / "normalized.json";
  { std::ofstream(file) << "old contents"; }
  const Run to_file = run({"normalize", k_example, "--output", file.string()});
  CHECK(to_file.code == 0);
  CHECK(to_file.out.empty());
  std::ifstream in(file);
  const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(written == direct.out);
  std::size_t leftovers = 0;
  for (const auto& entry : fs::directory_iterator(dir)) leftovers += entry.path() != file;
  CHECK(leftovers == 0);  // no temporary file left behind
  fs::remove_all(dir);
}

TEST_CASE("an unwritable output file is an error, exit 2", "[cli]") {
  const Run r = run({"normalize", k_example, "-o", "/nonexistent-dir/x.json"});
  CHECK(r.code == 2);
  CHECK(r.err == "edgecalc: error: cannot write /nonexistent-dir/x.json: no such file or directory\n");
}

TEST_CASE("an invalid profile prints diagnostics only, exit 2", "[cli]") {
  const Run r = run({"normalize", "no-such-file.yaml"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "no-such-file.yaml:1:1: error: cannot open file: no such file\n");
}

TEST_CASE("edgecalc PROFILE prints the table, --format json the report", "[cli]") {
  const Run table = run({k_example});
  CHECK(table.code == 0);
  CHECK(table.err.empty());
  CHECK(table.out.rfind("doorbell-keyword-spotting: ", 0) == 0);
  CHECK(table.out.find("break-even") != std::string::npos);
  const Run json = run({k_example, "--format", "json"});
  CHECK(json.code == 0);
  const auto report = nlohmann::json::parse(json.out);
  CHECK(report["report_version"] == 1);
  CHECK(report["profile"] == "doorbell-keyword-spotting");
  for (const char* option : {"cloud", "edge", "hybrid"}) {
    INFO(option);
    CHECK(report["options"][option].contains("total_cost"));
  }
}

TEST_CASE("an unknown --format is a usage error, exit 2", "[cli]") {
  const Run r = run({k_example, "--format", "xml"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.rfind("edgecalc: error: --format: xml not in {", 0) == 0);
}

TEST_CASE("no profile and no command is a usage error", "[cli]") {
  const Run r = run({"--format", "json"});
  CHECK(r.code == 2);
  CHECK(r.err == "edgecalc: error: no profile given\nRun 'edgecalc --help' for usage.\n");
}

TEST_CASE("a failed run leaves no partial or stray output file", "[cli]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "edgecalc-output-test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "report.json";
  { std::ofstream(file) << "previous report"; }
  // invalid input: nothing is written, the previous report is untouched
  CHECK(run({"normalize", "no-such-file.yaml", "-o", file.string()}).code == 2);
  CHECK(run({"no-such-file.yaml", "-o", file.string()}).code == 2);
  std::ifstream in(file);
  CHECK(std::string((std::istreambuf_iterator<char>(in)), {}) == "previous report");
  // the write itself fails (the target is a directory): exit 2, no temporary file left behind
  const fs::path target_dir = dir / "a-directory";
  fs::create_directories(target_dir);
  const Run r = run({k_example, "--format", "json", "-o", target_dir.string()});
  CHECK(r.code == 2);
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(dir)) entries += e.path() != file && e.path() != target_dir;
  CHECK(entries == 0);
  fs::remove_all(dir);
}

TEST_CASE("hybrid.mode route without a router_time warns and still evaluates", "[cli][hybrid]") {
  const Run quiet = run({k_kiosk, "--set", "hybrid.mode=route", "--set", "hybrid.router_time=5ms"});
  CHECK(quiet.err.empty());
  const Run r = run({k_kiosk, "--set", "hybrid.mode=route"});
  CHECK((r.code == 0 || r.code == 1));
  CHECK(r.err.find("warning: hybrid.router_time is not set: routing a call is taken to cost no time") !=
        std::string::npos);
  const Run bad = run({k_kiosk, "--set", "hybrid.mode=router"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find("hybrid.mode") != std::string::npos);
  CHECK(bad.err.find("route") != std::string::npos);  // the closest valid value
}
