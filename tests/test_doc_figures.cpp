// The figures in the README and docs come from the code or from a measuring script, never from a
// hand. Each sits in a block
//   <!-- generated: KEY -->...<!-- /generated -->
// that a test below makes again from the built binary and compares (EDGECALC_UPDATE_GOLDEN=1
// rewrites the block, as for the golden files), or that quotes verbatim a file a script wrote
// under docs/measured/ (scripts/bench.sh --record, scripts/dev.sh run --record). And every
// edgecalc command the README and docs show runs: see test_doc_commands.cpp.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli_run.hpp"
#include "documents.hpp"
#include "fixture.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

namespace {

std::string percent(double fraction) { return fmt::format("{:.1f}%", 100 * fraction); }

nlohmann::json doc_json(const std::vector<std::string>& args) {
  const Run r = run(args);
  REQUIRE(r.code <= 1);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("the predictor's accuracy in the README and predictor.md is what edgecalc validate prints", "[docs]") {
  const auto report = doc_json({"validate", "--format", "json"});
  std::map<std::string, nlohmann::json> kind;
  for (const auto& k : report.at("kinds")) kind[k.at("kind").get<std::string>()] = k;
  REQUIRE(kind.size() == 6);
  const auto count = [&](const char* k) { return kind.at(k).at("in_sample").at("count").get<int>(); };
  const auto median = [&](const char* k, const char* how) { return percent(kind.at(k).at(how).at("median")); };
  const auto worst = [&](const char* k, const char* how) { return kind.at(k).at(how).at("worst").get<double>(); };
  std::set<std::string> devices;
  for (const auto& row : kind.at("decode").at("rows")) devices.insert(row.at("hardware").get<std::string>());

  check_block("README.md", "validate",
              fmt::format("({} decode rows over {} devices, {} prefill, {} batched-serving with {} of them metered for\n"
                          "energy, {} MLPerf Tiny with {} of them metered), with the constants as shipped and leaving each\n"
                          "device out: LLM decode median error {} in-sample and **{} on devices left out** (worst {:.0f}%\n"
                          "and {:.0f}%), prefill {} and {}, batched serving {} and {}, serving energy per token {} and {},\n"
                          "TinyML {} and {}, TinyML energy per inference {} and {}.",
                          count("decode"), devices.size(), count("prefill"), count("batched"), count("energy"),
                          count("tinyml"), count("tinyml-energy"), median("decode", "in_sample"), median("decode", "leave_one_out"),
                          100 * worst("decode", "in_sample"), 100 * worst("decode", "leave_one_out"),
                          median("prefill", "in_sample"), median("prefill", "leave_one_out"),
                          median("batched", "in_sample"), median("batched", "leave_one_out"),
                          median("energy", "in_sample"), median("energy", "leave_one_out"),
                          median("tinyml", "in_sample"), median("tinyml", "leave_one_out"),
                          median("tinyml-energy", "in_sample"), median("tinyml-energy", "leave_one_out")));

  std::string table =
      "\n| prediction | rows | in-sample median (worst) | leaving each device out: median (worst) |\n"
      "| --- | ---: | ---: | ---: |\n";
  const std::pair<const char*, const char*> rows[] = {{"decode", "LLM decode tokens/s"},
                                                      {"prefill", "LLM prefill tokens/s"},
                                                      {"batched", "batched output tokens/s"},
                                                      {"energy", "batched energy per output token"},
                                                      {"tinyml", "TinyML inferences/s"},
                                                      {"tinyml-energy", "TinyML energy per inference"}};
  for (const auto& [k, label] : rows) {
    const std::string loo = median(k, "leave_one_out");
    table += fmt::format("| {} | {} | {} ({}) | {} ({}) |\n", label, count(k), median(k, "in_sample"),
                         percent(worst(k, "in_sample")), std::string(k) == "decode" ? "**" + loo + "**" : loo,
                         percent(worst(k, "leave_one_out")));
  }
  check_block("docs/predictor.md", "validate-table", table);
}

TEST_CASE("the README's Monte Carlo share and rules.md's summary are what edgecalc prints", "[docs]") {
  const auto ranged = doc_json({example_path("team-gpu-server-ranges.yaml"), "--format", "json"});
  const std::string verdict = ranged.at("uncertainty").at("verdict");
  check_block("README.md", "ranges-share",
              fmt::format("{} wins in {} of samples", verdict,
                          percent(ranged.at("uncertainty").at("options").at(verdict).at("p_verdict"))));

  const auto doorbell = doc_json({example_path("doorbell-keyword-spotting.yaml"), "--format", "json"});
  check_block("docs/rules.md", "summary", "\"" + doorbell.at("summary").get<std::string>() + "\"");
}

TEST_CASE("the README's diagnostics are what edgecalc prints for tests/data/docs/profiles/x.yaml", "[docs]") {
  // Run from tests/data/docs so that the file is named as a user would name it.
  const auto cwd = std::filesystem::current_path();
  std::filesystem::current_path(k_source + "/tests/data/docs");
  const Run r = run({"profiles/x.yaml"});
  std::filesystem::current_path(cwd);
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  check_block("README.md", "diagnostics", "\n```\n" + r.err + "```\n");
}

TEST_CASE("the README lists every Catch2 tag the tests use", "[docs]") {
  std::set<std::string> tags;
  const std::regex test_case(R"re(TEST_CASE\("(?:[^"\\]|\\.)*",\s*"([^"]*)"\))re");
  const std::regex tag(R"(\[([^\]]+)\])");
  for (const auto& e : std::filesystem::directory_iterator(k_source + "/tests")) {
    if (e.path().extension() != ".cpp") continue;
    const std::string text = read_text(e.path());
    for (auto it = std::sregex_iterator(text.begin(), text.end(), test_case); it != std::sregex_iterator(); ++it) {
      const std::string list = (*it)[1];
      for (auto t = std::sregex_iterator(list.begin(), list.end(), tag); t != std::sregex_iterator(); ++t) tags.insert((*t)[1]);
    }
  }
  CHECK(tags.size() >= 40);  // today 41: the regex found the test cases
  CHECK(tags.count("docs") == 1);
  std::string list;
  for (const auto& t : tags) list += (list.empty() ? "`[" : " `[") + t + "]`";
  check_block("README.md", "tags", list);
}

TEST_CASE("the README's measured figures quote the files the measuring scripts wrote", "[docs]") {
  for (const auto& [key, file, script] :
       {std::tuple<std::string, std::string, std::string>{"bench", "docs/measured/bench.txt", "scripts/bench.sh"},
        {"dev-run", "docs/measured/dev-run.txt", "scripts/dev.sh run"}}) {
    const std::string recorded = read_text(k_source + "/" + file);
    INFO(file);
    // The first line names the script, the date, the cores and the commit it measured.
    CHECK(std::regex_search(recorded, std::regex("^" + script + ", 20[0-9][0-9]-[0-9][0-9]-[0-9][0-9], [0-9]+ cores, commit [0-9a-f]+\n")));
    check_block("README.md", key, "\n```text\n" + recorded + "```\n");
  }
}

// A block no test makes would be a figure nothing checks.
TEST_CASE("every generated block in the README and docs is one a test makes", "[docs]") {
  const std::set<std::string> known = {"README.md:validate",  "docs/predictor.md:validate-table",
                                       "README.md:ranges-share", "docs/rules.md:summary",
                                       "README.md:diagnostics", "README.md:tags",
                                       "README.md:bench",     "README.md:dev-run",
                                       "docs/model.md:queue-error", "docs/model.md:serving-check"};
  int blocks = 0;
  for (const auto& file : k_documents) {
    const std::string text = read_text(k_source + "/" + file);
    for (auto at = text.find(k_begin); at != std::string::npos; at = text.find(k_begin, at + 1)) {
      const auto end = text.find(" -->", at);
      const std::string key = file + ":" + text.substr(at + k_begin.size(), end - at - k_begin.size());
      INFO(key);
      CHECK(known.count(key) == 1);
      ++blocks;
    }
  }
  CHECK(blocks == static_cast<int>(known.size()));
}
