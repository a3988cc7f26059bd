// SARIF 2.1.0 for code-scanning tools, rendered from JSON reports: failed and warning gates, rule
// blocks and `none` verdicts at their place in the profile.
#include <edgecalc/render/render.hpp>

#include <fmt/format.h>

#include <edgecalc/domain/rule_table.hpp>

#include <edgecalc/version.hpp>

#include "util/json_util.hpp"

namespace edgecalc {

using Json = nlohmann::ordered_json;

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
  for (const RuleInfo& r : rule_table()) {
    driver_rules.push_back({{"id", r.id},
                            {"shortDescription", {{"text", fmt::format("fires when {}", r.checks)}}},
                            {"help", {{"text", fmt::format("source: {}", r.source)}}}});
  }
  for (const char* gate : {"max_monthly_cost", "max_total_cost", "max_cost_per_1k_calls", "require", "min_margin", "min_headroom", "min_confidence"}) {
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
