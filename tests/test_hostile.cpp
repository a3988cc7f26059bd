// Hostile input, reader by reader (issue #10): every class a fuzzer or a reviewer found is exit 2
// with a positioned message naming the input's kind, never exit 3, a crash or a guess. Inputs
// small enough to keep as files are in tests/data/regress; these are built here.

#include <catch2/catch.hpp>

#include <string>

#include <edgecalc/util/calendar.hpp>
#include <edgecalc/util/diagnostic.hpp>

#include "cli_run.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

namespace {

std::string write_hostile(const std::string& name, const std::string& text) { return write_scratch("hostile", name, text); }

const std::string k_voice_hub = k_source + "/profiles/voice-hub-hybrid.yaml";

}  // namespace

TEST_CASE("a --set key path of 60,000 keys is refused before anything walks it", "[hostile][set]") {
  std::string path;
  for (int i = 0; i < 60000; ++i) path += "a.";
  const Run r = run({k_kiosk, "--set", path + "a=1"});
  CHECK(r.code == 2);
  CHECK(r.err.ends_with(": error: the key path has 60001 keys; profile fields are at most 8 deep\n"));
  CHECK(r.err.size() < 300);  // the flag is cut in the message, not echoed whole
}

TEST_CASE("set overrides with no value or a null are errors, never the default", "[hostile][set]") {
  for (const std::string value : {"", "null", "~", "  # nothing"}) {
    const Run r = run({k_kiosk, "--set", "close_call=" + value});
    CHECK(r.code == 2);
    CHECK(r.err.ends_with(": error: close_call has no value; write --set close_call=VALUE\n"));
  }
}

TEST_CASE("numbers beyond a double and deep nesting in saved reports: exit 2 from every reader", "[hostile][render]") {
  const std::string overflow = write_hostile("overflow.json", "{\"report_version\": 1, \"x\": 1e400}\n");
  const std::string message = overflow + ":1:28: error: invalid JSON in the saved report: number overflow parsing '1e400'\n";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"render", overflow}, {"diff", overflow, overflow}, {k_kiosk, "--compare-to", overflow}}) {
    const Run r = run(args);
    CHECK(r.code == 2);
    CHECK(r.err.starts_with(message));
  }
  const std::string deep = write_hostile("deep.json", std::string(100000, '[') + std::string(100000, ']'));
  Run r = run({"render", deep});
  CHECK(r.code == 2);
  CHECK(r.err == deep + ":1:65: error: the saved report nests deeper than 64 levels\n");
  // not a report (no report_version): read as a profile, which refuses it in its own words
  r = run({"diff", deep, deep});
  CHECK(r.code == 2);
  CHECK(r.err.starts_with(deep + ":1:65: error: document nests deeper than 64 levels\n"));
}

TEST_CASE("a LiteLLM price file that is not JSON, or too deep, is exit 2", "[hostile][prices]") {
  const std::string yaml = write_hostile("prices.json", "gpt-4o: {input_cost_per_token: 1}\n");
  Run r = run({"catalog", "prices", "--prices", yaml});
  CHECK(r.code == 2);
  CHECK(r.err.starts_with(yaml + ":1:1: error: invalid JSON in the LiteLLM price file: syntax error"));
  const std::string deep = write_hostile("deep-prices.json", "{\"m\": " + std::string(40, '[') + std::string(40, ']') + "}");
  r = run({"catalog", "prices", "--prices", deep});
  CHECK(r.code == 2);
  CHECK(r.err == deep + ":1:22: error: the LiteLLM price file nests deeper than 16 levels\n");
}

TEST_CASE("JSON profiles accept what JSON accepts: surrogate pairs decode to one character", "[hostile][load]") {
  const std::string profile = read_text(k_source + "/tests/data/valid/doorbell-keyword-spotting.json");
  const auto name = profile.find("\"doorbell-keyword-spotting\"");
  REQUIRE(name != std::string::npos);
  std::string emoji = profile;
  emoji.replace(name, 27, "\"doorbell \\ud83d\\ude00\"");  // Python's json.dump writes this
  const std::string path = write_hostile("emoji.json", emoji);
  Run r = run({path});
  CHECK(r.code == 0);
  CHECK(r.out.starts_with("doorbell \xF0\x9F\x98\x80: edge\n"));  // U+1F600 in UTF-8
  r = run({"-"}, {}, emoji);  // standard input starting with `{` is JSON too
  CHECK(r.code == 0);
  CHECK(r.out.starts_with("doorbell \xF0\x9F\x98\x80: edge\n"));
  // a lone surrogate is invalid JSON, and the error says JSON, not YAML
  std::string lone = profile;
  lone.replace(name, 27, "\"x\\ud800\"");
  const std::string lone_path = write_hostile("lone.json", lone);
  r = run({lone_path});
  CHECK(r.code == 2);
  CHECK(r.err.find("invalid JSON: syntax error while parsing value - invalid string: surrogate U+D800..U+DBFF") !=
        std::string::npos);
  CHECK(r.err.find("YAML") == std::string::npos);
}

TEST_CASE("control characters from the input are escaped in every message", "[hostile][diagnostics]") {
  CHECK(printable("a\nb\tc\rd\x1B[31m\x7F\\") == "a\\nb\\tc\\rd\\x1B[31m\\x7F\\");
  const std::string key = write_hostile("control-key.yaml", "edgecalc: 1\nname: x\n\"bad\\nkey\\e[31m\": 1\n");
  Run r = run({key});
  CHECK(r.code == 2);
  CHECK(r.err.find("error: unknown key `bad\\nkey\\x1B[31m` at the top level") != std::string::npos);
  CHECK(r.err.find('\x1B') == std::string::npos);
  // names reach terminals and CI logs: refused at their position
  const std::string kiosk = read_text(k_kiosk);
  const auto name_line = kiosk.find("name: ");
  REQUIRE(name_line != std::string::npos);
  std::string bad = kiosk;
  bad.insert(name_line + 6, "\"evil\\e]0;title\\a\" # ");
  const std::string named = write_hostile("control-name.yaml", bad);
  r = run({named});
  CHECK(r.code == 2);
  CHECK(r.err.find(": error: name must not hold control characters; got \"evil\\x1B]0;title\\x07\"\n") !=
        std::string::npos);
  // one diagnostic for the rejected name: it is not also reported empty (#30.4)
  CHECK(r.err.find("name must not be empty") == std::string::npos);
  // a file name is input too
  r = run({"no\nsuch\x1B.yaml"});
  CHECK(r.code == 2);
  CHECK(r.err.starts_with("no\\nsuch\\x1B.yaml:"));
  // so is a command-line word
  r = run({"catalog", "show", "rpi\x1B[2J"});
  CHECK(r.code == 2);
  CHECK(r.err.find('\x1B') == std::string::npos);
}

TEST_CASE("EDGECALC_TODAY must be a real day, EDGECALC_COLOR one of its values", "[hostile][cli]") {
  CHECK(is_date("2024-02-29"));
  CHECK_FALSE(is_date("2025-02-29"));
  CHECK_FALSE(is_date("2025-02-30"));
  CHECK_FALSE(is_date("2025-13-01"));
  CHECK_FALSE(is_date("2025-1-01"));
  CHECK_FALSE(is_date("2025-01"));
  CHECK(is_date("2025-01", true));
  CHECK_FALSE(is_date("2025-00", true));
  Environment env;
  env.variables["EDGECALC_TODAY"] = "2025-02-30";
  Run r = run({k_kiosk}, env);
  CHECK(r.code == 2);
  CHECK(r.err == "edgecalc: error: EDGECALC_TODAY must be a date, YYYY-MM-DD; got \"2025-02-30\"\n");
  env.variables["EDGECALC_TODAY"] = "2024-02-29";
  r = run({k_kiosk, "--format", "json"}, env);
  CHECK(r.code == 0);
  CHECK(r.out.find("\"date\": \"2024-02-29\"") != std::string::npos);
  env.variables["EDGECALC_COLOR"] = "sometimes";
  r = run({k_kiosk}, env);
  CHECK(r.code == 2);
  CHECK(r.err == "edgecalc: error: EDGECALC_COLOR must be auto, always or never; got \"sometimes\"\n");
}
