#include <ostream>

#include <fmt/format.h>

#include <edgecalc/load/document.hpp>
#include <edgecalc/render/render.hpp>
#include <edgecalc/decide/pipeline.hpp>

#include "cli/commands.hpp"
#include "util/fs_util.hpp"
#include "report/schema_validator.hpp"

namespace edgecalc {

namespace {

// Saved reports can hold a large batch; they are still read with a bound.
constexpr std::size_t k_max_report_bytes = 256u * 1024 * 1024;

}  // namespace

std::optional<std::vector<nlohmann::ordered_json>> read_saved_reports(const std::string& path,
                                                                      const Streams& streams) {
  std::string text;
  Diagnostics d(path);
  if (const std::string problem = read_file_bounded(path, k_max_report_bytes, text, "saved report"); !problem.empty()) {
    d.error(Position{}, problem);
  } else {
    if (auto j = parse_untrusted_json(text, "saved report", d)) {
      std::vector<nlohmann::ordered_json> reports;
      if (j->is_array()) {
        for (auto& r : *j) reports.push_back(std::move(r));
      } else {
        reports.push_back(std::move(*j));
      }
      for (std::size_t i = 0; i < reports.size(); ++i) {
        const auto& r = reports[i];
        if (!r.is_object() || !r.contains("report_version") || r["report_version"] != k_report_version) {
          d.error(Position{}, fmt::format("not an edgecalc report of report_version {} (edgecalc --format json "
                                          "writes them)",
                                          k_report_version));
          break;
        }
        // Renderers trust the report's shape; a hand-edited one is checked against the schema first.
        const auto problems = report_schema().validate(nlohmann::json(r));
        if (!problems.empty()) {
          d.error(Position{}, fmt::format("report {} does not match schema/report-v1.schema.json: {}{}", i + 1,
                                          problems.front(),
                                          problems.size() > 1 ? fmt::format(" (and {} more)", problems.size() - 1) : ""));
          break;
        }
      }
      if (d.empty()) return reports;
    }
  }
  streams.err << format_diagnostics(d);
  return std::nullopt;
}

CLI::App* setup_render(CLI::App& app, RenderCommandOptions& options) {
  CLI::App* cmd = app.add_subcommand("render", "Re-render saved JSON reports in another format, without recomputing");
  cmd->add_option("reports", options.reports, "Reports written by edgecalc --format json")->required();
  cmd->add_option("-f,--format", options.format, "Output format: table, json, markdown, junit, sarif, csv (scan rows), focus (FinOps FOCUS 1.2 CSV), html or svg")
      ->check(CLI::IsMember(k_formats))
      ->default_str("table");
  cmd->add_option("-o,--output", options.output, "Write to FILE (atomically)");
  add_display_flags(*cmd, options.display);
  return cmd;
}

ExitCode run_render(const RenderCommandOptions& options, const Streams& streams) {
  std::vector<nlohmann::ordered_json> all;
  for (const std::string& path : options.reports) {
    auto reports = read_saved_reports(path, streams);
    if (!reports) return ExitCode::invalid_input;
    for (auto& r : *reports) all.push_back(std::move(r));
  }
  if (options.format == "csv")
    for (const auto& r : all)
      if (!r.contains("scan")) {
        print_error(streams, "--format csv writes the rows of a scan; a report saved without --scan has none");
        return ExitCode::invalid_input;
      }
  const RenderOptions style = render_options(options.display, options.format, options.output, streams.env);
  const bool as_array = all.size() > 1;
  return emit(render_reports(std::move(all), options.format, as_array, style), options.output, streams);
}

}  // namespace edgecalc
