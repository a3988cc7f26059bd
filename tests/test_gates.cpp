#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include <edgecalc/cli/cli.hpp>
#include <edgecalc/report/diff.hpp>
#include <edgecalc/decide/gates.hpp>
#include <edgecalc/decide/pipeline.hpp>
#include <edgecalc/render/render.hpp>
#include <edgecalc/report/report_json.hpp>
#include <edgecalc/decide/pipeline.hpp>

#include "fixture.hpp"

#include "cli_run.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

// The kiosk worked example: verdict edge, $85,768 total, $438/month, $0.1632 per 1k calls
// (85,768 / (14.6M x 36) x 1000).

namespace {

Report kiosk_with(const std::string& budget_yaml) {
  Profile p = data_profile("model", "kiosk-fleet.yaml");
  const Loaded out = load(replaced(k_valid_yaml, "edgecalc: 1\n", "edgecalc: 1\nbudget:\n" + budget_yaml));
  REQUIRE(out.profile);
  p.budget = out.profile->budget;
  return evaluate(p);
}

}  // namespace

TEST_CASE("money gates compare the chosen option with the limit", "[gates]") {
  const Report r = kiosk_with("  max_total_cost: $80k\n  max_monthly_cost: $500\n  max_cost_per_1k_calls: $0.10\n");
  REQUIRE(r.gates.size() == 3);
  // monthly 438 <= 500: pass, margin (438 - 500) / 500 = -12.4%
  CHECK(r.gates[0].name == "max_monthly_cost");
  CHECK(r.gates[0].status == GateStatus::pass);
  CHECK(*r.gates[0].margin == Approx(-0.124));
  CHECK(r.gates[0].message == "max_monthly_cost: $438.00 <= $500.00 (-12.4%) for edge");
  // total 85,768 > 80,000: fail, margin +7.21%
  CHECK(r.gates[1].status == GateStatus::fail);
  CHECK(r.gates[1].message == "max_total_cost: $85,768.00 > $80,000.00 (+7.21%) for edge");
  // per 1k 0.1632 > 0.10: fail, +63.2%
  CHECK(r.gates[2].status == GateStatus::fail);
  CHECK(r.gates[2].message == "max_cost_per_1k_calls: $0.163 > $0.10 (+63.2%) for edge");
  CHECK(report_exit_code(report_json(r), false) == ExitCode::gate_failed);
}

TEST_CASE("a gate exactly at its limit passes", "[gates]") {
  const Report r = kiosk_with("  max_monthly_cost: $438\n");
  CHECK(r.gates[0].status == GateStatus::pass);
}

TEST_CASE("warn-level gates warn, and fail only with --fail-on-warn", "[gates]") {
  const Report r = kiosk_with("  max_total_cost: {limit: $80k, level: warn}\n");
  CHECK(r.gates[0].status == GateStatus::warn);
  CHECK(report_exit_code(report_json(r), false) == ExitCode::ok);
  CHECK(report_exit_code(report_json(r), true) == ExitCode::gate_failed);
}

TEST_CASE("require gates check the verdict", "[gates]") {
  CHECK(kiosk_with("  require: edge\n").gates[0].status == GateStatus::pass);
  const Report r = kiosk_with("  require: cloud\n");
  CHECK(r.gates[0].status == GateStatus::fail);
  CHECK(r.gates[0].message == "require: verdict is edge, cloud required");
  CHECK(kiosk_with("  require: {option: hybrid, level: warn}\n").gates[0].status == GateStatus::warn);
}

TEST_CASE("combinations: any failure fails, warnings alone do not", "[gates]") {
  const auto code = [](const std::string& yaml, bool fail_on_warn) {
    const Report r = kiosk_with(yaml);
    return report_exit_code(report_json(r), fail_on_warn);
  };
  const std::string warn = "  max_monthly_cost: {limit: $400, level: warn}\n";
  const std::string fail = "  max_total_cost: $80k\n";
  const std::string pass = "  require: edge\n";
  CHECK(code(pass, false) == ExitCode::ok);
  CHECK(code(pass + warn, false) == ExitCode::ok);
  CHECK(code(pass + warn, true) == ExitCode::gate_failed);
  CHECK(code(pass + fail, false) == ExitCode::gate_failed);
  CHECK(code(warn + fail, false) == ExitCode::gate_failed);
}

TEST_CASE("with no viable option the gates are skipped and the run fails", "[gates]") {
  Profile p = data_profile("rules", "all-blocked.yaml");
  p.budget.max_total_cost = MoneyLimit{1e9, GateLevel::fail};
  const Report r = evaluate(p);
  REQUIRE(r.gates.size() == 1);
  CHECK(r.gates[0].status == GateStatus::skipped);
  CHECK(report_exit_code(report_json(r), false) == ExitCode::gate_failed);
}

TEST_CASE("gate flags add or override the profile's budget", "[gates][cli]") {
  CHECK(run({k_kiosk}).code == 0);
  CHECK(run({k_kiosk, "--max-total-cost", "$80k"}).code == 1);
  CHECK(run({k_kiosk, "--max-total-cost", "$90k"}).code == 0);
  CHECK(run({k_kiosk, "--max-monthly-cost", "400"}).code == 1);
  CHECK(run({k_kiosk, "--max-cost-per-1k-calls", "$0.10"}).code == 1);
  CHECK(run({k_kiosk, "--require", "cloud"}).code == 1);
  CHECK(run({k_kiosk, "--require", "edge"}).code == 0);
  // a flag overrides a warn-level limit from the profile with a failing one
  CHECK(run({k_kiosk, "--set", "budget.max_total_cost={limit: 80k, level: warn}"}).code == 0);
  CHECK(run({k_kiosk, "--set", "budget.max_total_cost={limit: 80k, level: warn}", "--fail-on-warn"}).code == 1);
  CHECK(run({k_kiosk, "--set", "budget.max_total_cost={limit: 80k, level: warn}", "--max-total-cost", "80k"}).code == 1);
}

TEST_CASE("bad flag values are input errors, exit 2, named as typed", "[gates][cli]") {
  Run r = run({k_kiosk, "--max-total-cost", "lots"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "--max-total-cost lots: error: budget.max_total_cost must be an amount of money, e.g. $12 "
                 "or 12; got \"lots\"\n");
  r = run({k_kiosk, "--require", "fog"});
  CHECK(r.code == 2);
  r = run({k_kiosk, "--set", "fleet.sise=3"});
  CHECK(r.code == 2);
  CHECK(r.err == "--set fleet.sise=3: error: unknown key `sise` in fleet; did you mean `size`?\n");
  r = run({k_kiosk, "--set", "fleet.size"});
  CHECK(r.err == "--set fleet.size: error: expected key.path=value, e.g. --set fleet.size=200k\n");
  r = run({k_kiosk, "--set", "fleet.size="});
  CHECK(r.err == "--set fleet.size=: error: fleet.size has no value; write --set fleet.size=VALUE\n");
}

TEST_CASE("overrides with --set change what is computed", "[cli]") {
  const Run base = run({k_kiosk, "--format", "json"});
  const Run doubled = run({k_kiosk, "--format", "json", "--set", "fleet.size=4k"});
  const auto a = nlohmann::json::parse(base.out);
  const auto b = nlohmann::json::parse(doubled.out);
  // twice the kiosks: twice the per-call cloud bill
  CHECK(b["options"]["cloud"]["total_cost"].get<double>() == Approx(2 * a["options"]["cloud"]["total_cost"].get<double>()));
  const Run rule_off = run({k_kiosk, "--format", "json", "--set", "rules.rate.high-frequency=off",
                            "--set", "rules.latency.cloud-floor.threshold=1ms"});
  CHECK(rule_off.code == 0);
}

TEST_CASE("a profile on standard input", "[cli]") {
  const Run r = run({"-", "--format", "json"}, {}, k_valid_yaml);
  CHECK(r.code == 0);
  CHECK(nlohmann::json::parse(r.out)["profile"] == "fixture");
  const Run bad = run({"-"}, {}, "edgecalc: 1\nname: x\nfleet: {size: -1}\n");
  CHECK(bad.code == 2);
  CHECK(bad.err.rfind("<stdin>:", 0) == 0);
}

TEST_CASE("batch: every profile, worst exit code, a JSON array", "[cli]") {
  const std::string blocked = std::string(EDGECALC_SOURCE_DIR) + "/tests/data/rules/all-blocked.yaml";
  Run r = run({k_kiosk, k_kiosk, "--format", "json"});
  CHECK(r.code == 0);
  CHECK(nlohmann::json::parse(r.out).size() == 2);
  r = run({k_kiosk, blocked});
  CHECK(r.code == 1);
  r = run({k_kiosk, "missing.yaml", blocked, "--format", "json"});
  CHECK(r.code == 2);  // invalid input is the worst
  CHECK(nlohmann::json::parse(r.out).size() == 2);  // the reports that could be made are still written
  CHECK(r.err == "missing.yaml:1:1: error: cannot open file: no such file\n");
}
