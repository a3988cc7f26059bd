#include <ostream>

#include <edgecalc/render.hpp>
#include <edgecalc/report.hpp>

#include "commands.hpp"

namespace edgecalc {

void setup_evaluate(CLI::App& app, EvaluateOptions& options) {
  app.add_option("profile", options.profile,
                 "Profile to evaluate (YAML, or JSON if it ends in .json)");
  app.add_option("-f,--format", options.format, "Report format")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_str("table");
  app.add_option("-o,--output", options.output, "Write the report to FILE (atomically)");
}

ExitCode run_evaluate(const EvaluateOptions& options, const Streams& streams) {
  const auto profile = load_or_report(options.profile, streams);
  if (!profile) return ExitCode::invalid_input;
  const Report report = evaluate(*profile);
  const std::string text =
      options.format == "json" ? report_json(report).dump(2) + "\n" : render_table(report);
  const ExitCode written = emit(text, options.output, streams);
  if (written != ExitCode::ok) return written;
  return report.verdict.choice ? ExitCode::ok : ExitCode::gate_failed;
}

}  // namespace edgecalc
