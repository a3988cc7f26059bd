#include <ostream>

#include <edgecalc/render.hpp>
#include <edgecalc/report.hpp>

#include "commands.hpp"

namespace edgecalc {

void setup_evaluate(CLI::App& app, EvaluateOptions& options) {
  app.add_option("profiles", options.profiles,
                 "Profiles to evaluate (YAML, or JSON if the name ends in .json; - reads stdin)");
  app.add_option("-f,--format", options.format, "Report format: table, json, markdown, junit or sarif")
      ->check(CLI::IsMember(k_formats))
      ->default_str("table");
  app.add_option("--color", options.color, "Colour the table: auto (a terminal without NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
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
                        {"--require", "budget.require", o.require}};
  for (const Flag& f : flags)
    if (!f.value.empty())
      overrides.push_back(Override{std::string(f.path) + "=" + f.value, std::string(f.name) + " " + f.value});
  return overrides;
}

}  // namespace

ExitCode run_evaluate(const EvaluateOptions& options, const Streams& streams) {
  const std::vector<Override> overrides = overrides_of(options);
  ExitCode code = ExitCode::ok;
  std::vector<Report> reports;
  for (const std::string& path : options.profiles) {
    const auto profile = load_or_report(path, streams, overrides);
    if (!profile) {
      code = worst(code, ExitCode::invalid_input);
      continue;
    }
    reports.push_back(evaluate(*profile));
    code = worst(code, gate_exit_code(reports.back().gates, reports.back().verdict, options.fail_on_warn));
  }
  if (reports.empty()) return code;
  std::vector<nlohmann::ordered_json> json;
  for (const Report& r : reports) json.push_back(report_json(r));
  const RenderOptions style{use_color(options.color, options.format, options.output, streams.env)};
  const std::string text = render_reports(json, options.format, options.profiles.size() > 1, style);
  return worst(code, emit(text, options.output, streams));
}

}  // namespace edgecalc
