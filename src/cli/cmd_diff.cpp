#include <ostream>

#include <fmt/format.h>

#include <edgecalc/report/diff.hpp>
#include <edgecalc/load/document.hpp>
#include <edgecalc/load/quantity.hpp>
#include <edgecalc/render/render.hpp>
#include <edgecalc/decide/pipeline.hpp>

#include "cli/commands.hpp"
#include "util/fs_util.hpp"

namespace edgecalc {

namespace {

bool is_saved_report(const std::string& path) {
  if (format_for_path(path) != SourceFormat::json) return false;
  std::string text;
  if (!read_file_bounded(path, 256u * 1024 * 1024, text).empty()) return false;
  // Too deep or not valid JSON: a report if it says so, and read_saved_reports then names the
  // problem in a saved report's terms; otherwise the profile loader does in a profile's.
  const bool says_report = text.find("\"report_version\"") != std::string::npos;
  if (json_too_deep(text, 64)) return says_report;
  const auto j = nlohmann::ordered_json::parse(text, nullptr, false);
  if (j.is_discarded()) return says_report;
  const auto& first = j.is_array() && !j.empty() ? j[0] : j;
  return first.is_object() && first.contains("report_version");
}

}  // namespace

std::optional<std::vector<nlohmann::ordered_json>> load_reports_or_profile(const std::string& path,
                                                                           const Streams& streams) {
  if (is_saved_report(path)) {
    return read_saved_reports(path, streams);
  }
  const auto profile = load_or_report(path, streams);
  if (!profile) return std::nullopt;
  return std::vector<nlohmann::ordered_json>{report_json(evaluate(*profile, report_date(streams.env)))};
}

std::string parse_max_increase(const std::string& text, const std::string& currency, DiffLimits& limits) {
  limits.max_increase_text = text;
  if (!text.empty() && text.back() == '%') {
    const Parsed p = parse_number(text.substr(0, text.size() - 1));
    if (!p.ok() || p.value < 0) return fmt::format("--max-increase {}: expected a percentage such as 10%", text);
    limits.max_increase_fraction = p.value / 100;
    return {};
  }
  UnitContext units;
  units.currency = currency;
  const Parsed p = parse_money(text, units);
  if (!p.ok() || p.value < 0)
    return fmt::format("--max-increase {}: expected a percentage (10%) or an amount ($5000){}", text,
                       p.ok() ? "" : "; the amount " + p.error);
  limits.max_increase_money = p.value;
  return {};
}

CLI::App* setup_diff(CLI::App& app, DiffOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "diff", "Compare two profiles or saved JSON reports: verdict change, cost changes, rules that started "
              "or stopped firing");
  cmd->add_option("base", options.base, "Baseline: a profile or a report saved with --format json")->required();
  cmd->add_option("head", options.head, "The changed profile or report")->required();
  cmd->add_option("-f,--format", options.format, "Output format: table, json or markdown")
      ->check(CLI::IsMember({"table", "json", "markdown"}))
      ->default_str("table");
  cmd->add_option("-o,--output", options.output, "Write to FILE (atomically)");
  cmd->add_option("--max-increase", options.max_increase,
                  "Gate: fail when the chosen option's total grows by more than this (10% or $5000)");
  cmd->add_flag("--fail-on-verdict-change", options.fail_on_verdict_change, "Gate: fail when the verdict changes");
  return cmd;
}

std::string check_gate_flags(const std::string& max_increase) {
  if (max_increase.empty()) return {};
  DiffLimits scratch;
  const std::string currency = currency_written(max_increase);
  return parse_max_increase(max_increase, currency.empty() ? "USD" : currency, scratch);
}

ExitCode run_diff(const DiffOptions& options, const Streams& streams) {
  if (const std::string problem = check_gate_flags(options.max_increase); !problem.empty()) {
    print_error(streams, problem);
    return ExitCode::invalid_input;
  }
  const auto base = load_reports_or_profile(options.base, streams);
  const auto head = load_reports_or_profile(options.head, streams);
  if (!base || !head) return ExitCode::invalid_input;
  if (base->size() != 1 || head->size() != 1) {
    streams.err << "edgecalc: error: diff compares one report with one report; use --compare-to for batches\n";
    return ExitCode::invalid_input;
  }
  if (const std::string problem = currency_mismatch((*base)[0], (*head)[0]); !problem.empty()) {
    print_error(streams, problem);
    return ExitCode::invalid_input;
  }
  DiffLimits limits;
  limits.fail_on_verdict_change = options.fail_on_verdict_change;
  if (!options.max_increase.empty()) {
    if (const std::string problem = parse_max_increase(options.max_increase, (*head)[0]["currency"], limits);
        !problem.empty()) {
      print_error(streams, problem);
      return ExitCode::invalid_input;
    }
  }
  nlohmann::ordered_json diff = diff_reports((*base)[0], (*head)[0]);
  diff["gates"] = nlohmann::ordered_json::array();
  for (const GateResult& g : diff_gates(diff, limits)) diff["gates"].push_back(gate_json(g));
  std::string text;
  if (options.format == "json") {
    text = diff.dump(2) + "\n";
  } else {
    text = options.format == "markdown" ? render_diff_markdown(diff) : render_diff_table(diff);
    for (const auto& g : diff["gates"])
      text += fmt::format("{}gate {:<7} {}\n", options.format == "markdown" ? "- " : "",
                          g["status"].get<std::string>(), g["message"].get<std::string>());
  }
  ExitCode code = ExitCode::ok;
  for (const auto& g : diff["gates"])
    if (g["status"] == "fail") code = ExitCode::gate_failed;
  return worst(code, emit(text, options.output, streams));
}

}  // namespace edgecalc
