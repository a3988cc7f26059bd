// edgecalc init KIND: starter profiles made from the examples, evaluated as written.

#include <catch2/catch.hpp>

#include <filesystem>

#include "cli_run.hpp"

using namespace edgecalc;
using test::run;

namespace {

const std::string k_init_source = EDGECALC_SOURCE_DIR;

}  // namespace

TEST_CASE("edgecalc init writes a starter profile of each kind that evaluates as is", "[cli][init]") {
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"mcu-sensor", "vibration-sensor-fleet"}, {"phone-llm", "phone-assistant-llm"}, {"gpu-server", "team-gpu-server"},
      {"pi-fleet", "pi-fleet-llm"},             {"hybrid", "voice-hub-hybrid"}};
  const test::Run list = run({"init", "--list"});
  CHECK(list.code == 0);
  for (const auto& [kind, example] : kinds) {
    INFO(kind);
    CHECK(list.out.find(kind + " ") != std::string::npos);
    const test::Run r = run({"init", kind});
    REQUIRE(r.code == 0);
    CHECK(r.err.empty());
    // A header saying what it is and where it came from, then the example itself, byte for byte.
    CHECK(r.out.starts_with("# A starter profile that `edgecalc init " + kind + "` wrote from profiles/" + example + ".yaml:\n"));
    const std::string text = test::read_text(k_init_source + "/profiles/" + example + ".yaml");
    REQUIRE(r.out.size() > text.size());
    CHECK(r.out.substr(r.out.size() - text.size()) == text);
    const std::string path = test::write_scratch("init", kind + ".yaml", r.out);
    const test::Run evaluated = run({path, "--format", "json"});
    CHECK((evaluated.code == 0 || evaluated.code == 1));
    CHECK(evaluated.err.find("error") == std::string::npos);
  }
  CHECK(std::count(list.out.begin(), list.out.end(), '\n') == static_cast<long>(kinds.size()));
}

TEST_CASE("edgecalc init --name names the profile, -o writes the file and keeps one it finds", "[cli][init]") {
  const test::Run named = run({"init", "gpu-server", "--name", "our-box_2"});
  REQUIRE(named.code == 0);
  CHECK(named.out.find("\nname: our-box_2\n") != std::string::npos);
  CHECK(named.out.find("\nname: team-gpu-server\n") == std::string::npos);
  const auto dir = std::filesystem::temp_directory_path() / "edgecalc-init-output";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "starter.yaml").string();
  CHECK(run({"init", "hybrid", "-o", file}).code == 0);
  CHECK(test::read_text(file) == run({"init", "hybrid"}).out);
  // An existing file stays unless --force.
  const test::Run kept = run({"init", "pi-fleet", "-o", file});
  CHECK(kept.code == 2);
  CHECK(kept.err == "edgecalc: error: " + file + " exists; give --force to replace it\n"
                    "Run 'edgecalc init --list' for the kinds.\n");
  CHECK(test::read_text(file) == run({"init", "hybrid"}).out);
  CHECK(run({"init", "pi-fleet", "-o", file, "--force"}).code == 0);
  CHECK(test::read_text(file) == run({"init", "pi-fleet"}).out);
}

TEST_CASE("edgecalc init refuses an unknown kind with the closest one, and a bad name", "[cli][init]") {
  const test::Run typo = run({"init", "gpu-sever"});
  CHECK(typo.code == 2);
  CHECK(typo.out.empty());
  CHECK(typo.err == "edgecalc: error: unknown kind 'gpu-sever' (did you mean 'gpu-server'?); expected one of "
                    "mcu-sensor, phone-llm, gpu-server, pi-fleet, hybrid\n"
                    "Run 'edgecalc init --list' for the kinds.\n");
  const test::Run none = run({"init"});
  CHECK(none.code == 2);
  CHECK(none.err == "edgecalc: error: init needs a KIND: mcu-sensor, phone-llm, gpu-server, pi-fleet, hybrid\n"
                    "Run 'edgecalc init --list' for the kinds.\n");
  const test::Run bad = run({"init", "hybrid", "--name", "two words"});
  CHECK(bad.code == 2);
  CHECK(bad.err == "edgecalc: error: --name 'two words' must be 1 to 64 letters, digits, '.', '_' or '-'\n"
                   "Run 'edgecalc init --list' for the kinds.\n");
  const test::Run far = run({"init", "mainframe"});
  CHECK(far.code == 2);
  CHECK(far.err.starts_with("edgecalc: error: unknown kind 'mainframe'; expected one of mcu-sensor"));
}
