// Formats for CI systems, rendered from JSON reports: JUnit XML (gates as test cases) and
// SARIF 2.1.0 (gate failures and rule blocks at their place in the profile).

#include <edgecalc/render.hpp>

#include <fmt/format.h>

#include "json_util.hpp"

#include <edgecalc/version.hpp>

namespace edgecalc {

namespace {

using Json = nlohmann::ordered_json;


std::string xml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

struct Case {
  std::string name;
  std::string status;  // pass, warn, fail, skipped
  std::string message;
};

// The verdict is a test case too: a profile with no viable option fails.
std::vector<Case> cases_of(JsonView r) {
  std::vector<Case> cases;
  const std::string verdict = str(r["verdict"]);
  cases.push_back(Case{"verdict", verdict == "none" ? "fail" : "pass", str(r["summary"])});
  for (JsonView g : r["gates"]) cases.push_back(Case{str(g["name"]), str(g["status"]), str(g["message"])});
  return cases;
}

}  // namespace

std::string render_junit(const std::vector<nlohmann::ordered_json>& reports) {
  std::string suites;
  std::size_t tests = 0, failures = 0, skipped = 0;
  for (const JsonView r : reports) {
    const std::vector<Case> cases = cases_of(r);
    std::size_t f = 0, s = 0;
    std::string body;
    for (const Case& c : cases) {
      body += fmt::format("    <testcase classname=\"edgecalc.{}\" name=\"{}\" file=\"{}\"", xml(str(r["profile"])),
                          xml(c.name), xml(str(r["file"])));
      if (c.status == "fail") {
        ++f;
        body += fmt::format(">\n      <failure message=\"{}\" type=\"gate\">{}</failure>\n    </testcase>\n",
                            xml(c.message), xml(c.message));
      } else if (c.status == "skipped") {
        ++s;
        body += fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", xml(c.message));
      } else {
        body += fmt::format(">\n      <system-out>{}{}</system-out>\n    </testcase>\n",
                            c.status == "warn" ? "warning: " : "", xml(c.message));
      }
    }
    suites += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n{}  </testsuite>\n",
                          xml(str(r["profile"])), cases.size(), f, s, body);
    tests += cases.size();
    failures += f;
    skipped += s;
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<testsuites name=\"edgecalc\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n{}"
                     "</testsuites>\n",
                     tests, failures, skipped, suites);
}

namespace {

Json sarif_location(JsonView report, JsonView where) {
  const auto line = opt(where["line"]), column = opt(where["column"]);
  return Json::array({{{"physicalLocation",
                        {{"artifactLocation", {{"uri", str(report["file"])}}},
                         {"region", {{"startLine", line ? static_cast<int>(*line) : 1}, {"startColumn", column ? static_cast<int>(*column) : 1}}}}}}});
}

}  // namespace

std::string render_sarif(const std::vector<nlohmann::ordered_json>& reports) {
  Json driver_rules = Json::array();
  for (const Rule& r : rules()) {
    driver_rules.push_back({{"id", r.id},
                            {"shortDescription", {{"text", fmt::format("fires when {}", r.checks)}}},
                            {"help", {{"text", fmt::format("source: {}", r.source)}}}});
  }
  for (const char* gate : {"max_monthly_cost", "max_total_cost", "max_cost_per_1k_calls", "require"}) {
    driver_rules.push_back({{"id", fmt::format("gate.{}", gate)},
                            {"shortDescription", {{"text", fmt::format("budget gate {}", gate)}}}});
  }
  driver_rules.push_back({{"id", "verdict.none"}, {"shortDescription", {{"text", "no option is viable"}}}});
  Json results = Json::array();
  for (const JsonView r : reports) {
    for (JsonView g : r["gates"]) {
      const std::string status = str(g["status"]);
      if (status != "fail" && status != "warn") continue;
      results.push_back({{"ruleId", "gate." + str(g["name"])},
                         {"level", status == "fail" ? "error" : "warning"},
                         {"message", {{"text", fmt::format("{}: {}", str(r["profile"]), str(g["message"]))}}},
                         {"locations", sarif_location(r, g["location"])}});
    }
    for (JsonView f : r["rules"]) {
      if (str(f["effect"]) != "block") continue;
      results.push_back({{"ruleId", str(f["id"])},
                         {"level", "note"},
                         {"message", {{"text", fmt::format("{}: {} blocked: {}", str(r["profile"]), str(f["option"]),
                                                           str(f["message"]))}}},
                         {"locations", sarif_location(r, f["location"])}});
    }
    if (str(r["verdict"]) == "none") {
      results.push_back({{"ruleId", "verdict.none"},
                         {"level", "error"},
                         {"message", {{"text", str(r["summary"])}}},
                         {"locations", sarif_location(r, Json{{"line", 1}, {"column", 1}})}});
    }
  }
  Json sarif = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                {"version", "2.1.0"},
                {"runs", Json::array({{{"tool", {{"driver", {{"name", "edgecalc"},
                                                             {"version", k_version},
                                                             {"rules", driver_rules}}}}},
                                       {"results", results}}})}};
  return sarif.dump(2) + "\n";
}

}  // namespace edgecalc

namespace edgecalc {

std::string render_reports(const std::vector<nlohmann::ordered_json>& reports, const std::string& format,
                           bool as_array, const RenderOptions& style) {
  if (format == "json") {
    if (!as_array && reports.size() == 1) return reports[0].dump(2) + "\n";
    return nlohmann::ordered_json(reports).dump(2) + "\n";
  }
  if (format == "markdown") return render_markdown(reports);
  if (format == "junit") return render_junit(reports);
  if (format == "sarif") return render_sarif(reports);
  std::string out;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    if (i) out += '\n';
    out += render_table(reports[i], style);
  }
  return out;
}

}  // namespace edgecalc
