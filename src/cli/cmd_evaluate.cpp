#include <ostream>

#include <edgecalc/report/report_json.hpp>
#include <edgecalc/render/render.hpp>
#include <edgecalc/decide/pipeline.hpp>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "util/json_util.hpp"

namespace edgecalc {

void setup_evaluate(CLI::App& app, EvaluateOptions& options) {
  app.add_option("profiles", options.profiles,
                 "Profiles to evaluate (YAML, or JSON if the name ends in .json; - reads stdin)");
  app.add_option("-f,--format", options.format, "Report format: table, json, markdown, junit, sarif, csv (scan rows), focus (FinOps FOCUS 1.2 CSV), html or svg")
      ->check(CLI::IsMember(k_formats))
      ->default_str("table");
  app.add_option("-o,--output", options.output, "Write the report to FILE (atomically)");
  app.add_option("--set", options.sets,
                 "Override a profile field, validated like the file: --set fleet.size=200k")
      ->allow_extra_args(false);
  app.add_option("--max-monthly-cost", options.max_monthly_cost,
                 "Gate: fail when the chosen option costs more per month (adds or overrides budget.max_monthly_cost)");
  app.add_option("--max-total-cost", options.max_total_cost,
                 "Gate: fail when the chosen option costs more over the horizon");
  app.add_option("--max-cost-per-1k-calls", options.max_cost_per_1k_calls,
                 "Gate: fail when the chosen option costs more per 1,000 calls");
  app.add_option("--require", options.require, "Gate: fail unless the verdict is this option")
      ->check(CLI::IsMember({"edge", "cloud", "hybrid"}));
  app.add_flag("--fail-on-warn", options.fail_on_warn, "Exit 1 when a warn-level gate is crossed");
  app.add_option("--catalog", options.catalogs, "Add or override catalog entries from FILE (YAML/JSON; repeatable)");
  app.add_option("--prices", options.prices, "Read API prices from LiteLLM's model_prices_and_context_window.json");
  app.add_option("--compare-to", options.compare_to,
                 "Compare with a baseline report saved with --format json (or a profile); matched by profile name");
  app.add_option("--max-increase", options.max_increase,
                 "Gate with --compare-to: fail when the chosen option's total grows by more than this (10% or $5000)");
  app.add_flag("--fail-on-verdict-change", options.fail_on_verdict_change,
               "Gate with --compare-to: fail when the verdict differs from the baseline's");
  app.add_option("--scan", options.scans,
                 "Evaluate at each value: FIELD=LOW..HIGH[:lin|log[:POINTS]] or FIELD=A,B,C; twice for a grid")
      ->allow_extra_args(false);
  app.add_option("--samples", options.samples, "Monte Carlo samples for a profile with ranges (default 10000)");
  app.add_option("--seed", options.seed, "The Monte Carlo's seed (default 20261123): the same seed gives the same report");
  app.add_option("--threads", options.threads, "Threads for the Monte Carlo (default 0: every core; the result is the same)");
  app.add_option("--min-confidence", options.min_confidence,
                 "Gate: fail when the verdict (or --require's option) wins in less than this share of samples (80%)");
  app.add_option("--min-headroom", options.min_headroom,
                 "Gate: fail when the peak is within this share (30%) of the chosen option's goodput, the highest rate "
                 "its p95 meets the latency budget at (budget.min_headroom)");
  add_display_flags(app, options.display);
  app.add_flag("--sensitivity", options.sensitivity,
               "Show what flips the verdict: every numeric field's switching values, the margin and a tornado");
  app.add_option("--min-margin", options.min_margin,
                 "Gate: fail when a field can move less than this (25%) before the verdict flips (budget.min_margin)");
  app.add_option("--margin-fields", options.margin_fields, "The fields --min-margin checks (default: all): a,b")
      ->delimiter(',');
  app.add_option("--tornado-range", options.tornado_range,
                 "The tornado's low and high values: today's -/+ this share (20%); default x0.5 and x2");
}

namespace {

// Gate flags are overrides of the profile's budget, so they are validated like the file.
std::vector<Override> overrides_of(const EvaluateOptions& o) {
  std::vector<Override> overrides = set_overrides(o.sets);
  struct Flag {
    const char* name;
    const char* path;
    const std::string& value;
  };
  const Flag flags[] = {{"--max-monthly-cost", "budget.max_monthly_cost", o.max_monthly_cost},
                        {"--max-total-cost", "budget.max_total_cost", o.max_total_cost},
                        {"--max-cost-per-1k-calls", "budget.max_cost_per_1k_calls", o.max_cost_per_1k_calls},
                        {"--require", "budget.require", o.require},
                        {"--min-margin", "budget.min_margin", o.min_margin},
                        {"--min-headroom", "budget.min_headroom", o.min_headroom},
                        {"--min-confidence", "budget.min_confidence", o.min_confidence}};
  for (const Flag& f : flags)
    if (!f.value.empty())
      overrides.push_back(Override{std::string(f.path) + "=" + f.value, std::string(f.name) + " " + f.value});
  return overrides;
}

}  // namespace

namespace {

// The baseline report for `head`: the one with the same profile name, or the only one.
const nlohmann::ordered_json* baseline_for(const nlohmann::ordered_json& head,
                                           const std::vector<nlohmann::ordered_json>& baselines) {
  for (const auto& b : baselines)
    if (b["profile"] == head["profile"]) return &b;
  return baselines.size() == 1 ? &baselines[0] : nullptr;
}

}  // namespace

void print_failed_gates(const nlohmann::ordered_json& report, bool fail_on_warn, const Streams& streams) {
  const JsonView r(report);
  if (str(r["verdict"]) == "none")
    streams.err << printable(fmt::format("edgecalc: {}: verdict none: {}", str(r["profile"]), str(r["summary"]))) << '\n';
  for (const JsonView g : r["gates"]) {
    const std::string status = str(g["status"]);
    if (status == "fail" || (fail_on_warn && (status == "warn" || status == "skipped")))
      streams.err << printable(fmt::format("edgecalc: {}: gate {} {}", str(r["profile"]), status, str(g["message"]))) << '\n';
  }
}

ExitCode run_evaluate(const EvaluateOptions& options, const Streams& streams) {
  if ((!options.max_increase.empty() || options.fail_on_verdict_change) && options.compare_to.empty()) {
    streams.err << "edgecalc: error: --max-increase and --fail-on-verdict-change need --compare-to BASE.json\n";
    return ExitCode::invalid_input;
  }
  // Gate values are checked before anything is loaded or compared.
  if (const std::string problem = check_gate_flags(options.max_increase); !problem.empty()) {
    print_error(streams, problem);
    return ExitCode::invalid_input;
  }
  SensitivityOptions sensitivity;
  if (const std::string problem = check_explore_flags(options, sensitivity); !problem.empty()) {
    print_error(streams, problem);
    return ExitCode::invalid_input;
  }
  std::optional<std::vector<nlohmann::ordered_json>> baselines;
  if (!options.compare_to.empty()) {
    baselines = load_reports_or_profile(options.compare_to, streams);
    if (!baselines) return ExitCode::invalid_input;
  }
  const auto catalog = catalog_for(options.catalogs, options.prices, streams);
  if (!catalog) return ExitCode::invalid_input;
  const std::vector<Override> overrides = overrides_of(options);
  ExitCode code = ExitCode::ok;
  std::vector<nlohmann::ordered_json> reports;
  for (const std::string& path : options.profiles) {
    Document document;
    const auto profile = load_or_report(path, streams, overrides, *catalog, options.scans.empty() ? nullptr : &document);
    if (!profile) {
      code = worst(code, ExitCode::invalid_input);
      continue;
    }
    nlohmann::ordered_json report = report_json(evaluate(*profile, report_date(streams.env)));
    add_uncertainty(report, *profile, options);
    add_sensitivity(report, *profile, options, sensitivity);
    if (const std::string problem = add_scan(report, *profile, document, path == "-" ? "<stdin>" : path, overrides,
                                             options, *catalog);
        !problem.empty()) {
      // A point's diagnostics are already "file:line:col: error: ..." lines; a bad flag is one message.
      if (problem.find(": error: ") != std::string::npos) streams.err << problem;
      else print_error(streams, problem);
      code = worst(code, ExitCode::invalid_input);
      continue;
    }
    if (baselines) {
      DiffLimits limits;
      limits.fail_on_verdict_change = options.fail_on_verdict_change;
      if (!options.max_increase.empty()) {
        if (const auto problem = parse_max_increase(options.max_increase, report["currency"], limits);
            !problem.empty()) {
          print_error(streams, problem);
          return ExitCode::invalid_input;
        }
      }
      if (const auto* base = baseline_for(report, *baselines)) {
        if (const std::string problem = currency_mismatch(*base, report); !problem.empty()) {
          print_error(streams, problem);
          return ExitCode::invalid_input;
        }
        report["comparison"] = diff_reports(*base, report);
        for (const GateResult& g : diff_gates(report["comparison"], limits)) report["gates"].push_back(gate_json(g));
      } else {
        const std::string why = fmt::format("{} has no report for profile {}", options.compare_to,
                                            report["profile"].get<std::string>());
        streams.err << "edgecalc: note: " << printable(why) << "; not compared\n";
        for (const GateResult& g : skipped_diff_gates(limits, why)) report["gates"].push_back(gate_json(g));
      }
    }
    code = worst(code, report_exit_code(report, options.fail_on_warn));
    // Written to a file, the report is not in the log: say on stderr why the run fails.
    if (!options.output.empty()) print_failed_gates(report, options.fail_on_warn, streams);
    annotate_report(report, streams);
    reports.push_back(std::move(report));
  }
  if (reports.empty()) return code;
  const RenderOptions style = render_options(options.display, options.format, options.output, streams.env);
  const std::string text = render_reports(std::move(reports), options.format, options.profiles.size() > 1, style);
  return worst(code, emit(text, options.output, streams));
}

}  // namespace edgecalc
