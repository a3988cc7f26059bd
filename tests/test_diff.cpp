#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include <edgecalc/cli/cli.hpp>
#include <edgecalc/report/diff.hpp>
#include <edgecalc/decide/pipeline.hpp>
#include <edgecalc/render/render.hpp>
#include <edgecalc/report/report_json.hpp>

#include "fixture.hpp"

#include "cli_run.hpp"

using namespace edgecalc;
using namespace edgecalc::test;
using Json = nlohmann::ordered_json;

namespace {

Json kiosk() { return report_json(evaluate(data_profile("model", "kiosk-fleet.yaml"))); }

Json with(const std::function<void(Profile&)>& change) {
  Profile p = data_profile("model", "kiosk-fleet.yaml");
  change(p);
  return report_json(evaluate(p));
}

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}


}  // namespace

TEST_CASE("a diff shows per-option cost changes, absolute and relative", "[diff]") {
  const Json base = kiosk();
  const Json head = with([](Profile& p) { p.cloud.price.per_call *= 1.5; });
  const Json d = diff_reports(base, head);
  CHECK_FALSE(d["verdict_changed"].get<bool>());
  // cloud per-call fees 2,920 -> 4,380 a month: +1,460 on 2,985.70 = +48.9%
  const Json& monthly = d["options"]["cloud"]["monthly_cost"];
  CHECK(monthly["change"].get<double>() == Approx(1460));
  CHECK(monthly["percent"].get<double>() == Approx(1460 / 2985.70 * 100));
  CHECK(d["options"]["edge"]["total_cost"]["change"].get<double>() == 0);
  // the chosen option (edge both times) did not move
  CHECK(d["chosen_total"]["change"].get<double>() == 0);
}

TEST_CASE("a diff shows verdict flips and rules that start or stop firing", "[diff]") {
  const Json base = kiosk();
  // a 10 ms budget blocks the cloud (floor and round trip), a 20 ms edge misses it too
  const Json head = with([](Profile& p) {
    p.workload.latency_budget_s = 0.010;
    p.edge.inference_time_s = 0.020;  // and the edge too: everything blocked
  });
  const Json d = diff_reports(base, head);
  CHECK(d["verdict_changed"].get<bool>());
  CHECK(d["head"]["verdict"] == "none");
  CHECK(d["chosen_total"].is_null());
  CHECK(d["rules_started"].size() >= 2);
  CHECK(std::find(d["rules_started"].begin(), d["rules_started"].end(), "block cloud latency.cloud-floor") !=
        d["rules_started"].end());
  const Json back = diff_reports(head, base);
  CHECK(back["rules_stopped"] == d["rules_started"]);
}

TEST_CASE("diff gates: max increase in percent or money, verdict change", "[diff][gates]") {
  const Json base = kiosk();
  // edge total grows: engineering +$5,000 (85,768 -> 90,768, +5.83%)
  const Json head = with([](Profile& p) { p.edge.engineering += 5000; });
  const Json d = diff_reports(base, head);
  REQUIRE(d["chosen_total"]["change"].get<double>() == Approx(5000));
  const auto status = [&](const DiffLimits& l) { return std::string(to_string(diff_gates(d, l)[0].status)); };
  DiffLimits pct;
  pct.max_increase_fraction = 0.05;
  CHECK(status(pct) == "fail");  // 5.83% > 5%
  pct.max_increase_fraction = 0.06;
  CHECK(status(pct) == "pass");
  DiffLimits money;
  money.max_increase_money = 5000;
  CHECK(status(money) == "pass");  // exactly at the limit
  money.max_increase_money = 4999;
  CHECK(status(money) == "fail");
  DiffLimits verdict;
  verdict.fail_on_verdict_change = true;
  CHECK(status(verdict) == "pass");
  // A diff gate is a GateResult like a budget gate, written by the same gate_json():
  // 5,000 over a 4,000 limit is a margin of (5000 - 4000) / 4000 = 25%, located at its flag.
  money.max_increase_money = 4000;
  const GateResult g = diff_gates(d, money)[0];
  CHECK(g.field == "--max-increase");
  CHECK(*g.margin == Approx(0.25));
  const Json j = gate_json(g);
  CHECK(j["status"] == "fail");
  CHECK(j["level"] == "fail");
  CHECK(j["limit"].get<double>() == 4000);
  CHECK(j["location"] == Json{{"field", "--max-increase"}, {"line", 1}, {"column", 1}});
}

TEST_CASE("edgecalc diff on profiles and saved reports", "[diff][cli]") {
  const std::string base = write_temp("edgecalc-diff-base.json", run({k_kiosk, "--format", "json"}).out);
  Run r = run({"diff", base, k_kiosk});
  CHECK(r.code == 0);
  CHECK(r.out.find("verdict  edge -> edge (unchanged)") != std::string::npos);
  // every kiosk calls 100x less: the cloud wins, the verdict flips
  std::string profile;
  {
    std::ifstream in(k_kiosk);
    profile.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::string head = write_temp("edgecalc-diff-head.yaml", replaced(profile, "calls: 10/h", "calls: 1/day"));
  r = run({"diff", base, head});
  CHECK(r.code == 0);
  CHECK(r.out.find("verdict  edge -> cloud (changed)") != std::string::npos);
  CHECK(run({"diff", base, head, "--fail-on-verdict-change"}).code == 1);
  const Run json = run({"diff", base, head, "--format", "json", "--max-increase", "10%"});
  const auto d = nlohmann::json::parse(json.out);
  CHECK(d["verdict_changed"] == true);
  CHECK(d["gates"][0]["name"] == "max-increase");
  CHECK(run({"diff", base, head, "--max-increase", "lots"}).code == 2);
  CHECK(run({"diff", base, "missing.yaml"}).code == 2);
}

TEST_CASE("comparing to a baseline adds the comparison and its gates to a normal run", "[diff][cli]") {
  const std::string base = write_temp("edgecalc-compare-base.json", run({k_kiosk, "--format", "json"}).out);
  Run r = run({k_kiosk, "--compare-to", base, "--format", "json"});
  CHECK(r.code == 0);
  auto report = nlohmann::json::parse(r.out);
  CHECK(report["comparison"]["verdict_changed"] == false);
  r = run({k_kiosk, "--set", "edge.engineering=$30000", "--compare-to", base, "--max-increase", "$5000"});
  CHECK(r.code == 1);  // +$10,000 on the chosen total
  CHECK(r.out.find("gate fail    max-increase: chosen total $85,768.00 -> $95,768.00, +$10,000.00 (+11.7%) > $5000") !=
        std::string::npos);
  r = run({k_kiosk, "--set", "workload.calls=1/day", "--compare-to", base, "--fail-on-verdict-change", "--format", "junit"});
  CHECK(r.code == 1);
  CHECK(r.out.find("<failure message=\"verdict edge -&gt; cloud changed\"") != std::string::npos);
  CHECK(run({k_kiosk, "--max-increase", "10%"}).code == 2);  // needs --compare-to
}
