// `edgecalc calibrate FILE`: the predictor refitted to a benchmark result the user already has
// (llama-bench -o json, vLLM benchmark_serving JSON, a CSV), written as a catalog overlay for
// --catalog, with the predictor's error on those runs before and after (docs/predictor.md,
// "Calibrating from your own runs"). Exit 2 for a file that is not one of them.

#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <edgecalc/load/benchmark.hpp>
#include <edgecalc/model/calibrate.hpp>
#include <edgecalc/util/suggest.hpp>

#include "cli/commands.hpp"
#include "cli/error_summary.hpp"
#include "util/format.hpp"

namespace edgecalc {

namespace {

using Json = nlohmann::ordered_json;

Json errors_json(const CalibrationErrors& e) {
  return {{"before", error_summary_json(e.before)}, {"after", error_summary_json(e.after)}, {"leave_one_out", error_summary_json(e.leave_one_out)}};
}

Json calibration_json(const Calibration& c, const std::string& file) {
  Json rows = Json::array(), devices = Json::array();
  for (const CalibrationRow& r : c.rows)
    rows.push_back({{"run", r.label}, {"kind", r.kind}, {"hardware", r.hardware}, {"model", r.model},
                    {"quantization", r.quantization}, {"concurrency", r.concurrency}, {"measured", r.measured},
                    {"predicted_before", r.before}, {"predicted_after", r.after},
                    {"predicted_leave_one_out", r.leave_one_out ? Json(*r.leave_one_out) : Json(nullptr)}});
  for (const CalibratedDevice& d : c.devices)
    devices.push_back({{"hardware", d.hardware}, {"base_backend", d.base_backend}, {"backend", d.backend.id},
                       {"bandwidth_efficiency", d.backend.bandwidth_efficiency},
                       {"token_overhead_s", d.backend.token_overhead_s},
                       {"call_overhead_s", d.backend.call_overhead_s},
                       {"prefill_efficiency", d.backend.prefill_efficiency}, {"decode_runs", d.decode_points},
                       {"prefill_runs", d.prefill_points}, {"decode_method", d.decode_method},
                       {"prefill_method", d.prefill_method}});
  return {{"file", file},           {"format", c.format},
          {"devices", devices},     {"rows", rows},
          {"errors", {{"decode", errors_json(c.decode)}, {"prefill", errors_json(c.prefill)}}},
          {"catalog", catalog_json(c.overlay)}};
}

// The runs and the fits, for people: the overlay's header and the summary printed beside -o.
std::string calibration_table(const Calibration& c, const std::string& file) {
  std::string out;
  out += fmt::format("edgecalc calibrate {} ({}): {} decode and {} prefill rates, tokens/s\n", file, c.format,
                     c.decode.before.count, c.prefill.before.count);
  out += fmt::format("{:<22} {:<8} {:<20} {:<15} {:<7} {:>10} {:>10} {:>8} {:>10} {:>8} {:>10}\n", "run", "kind",
                     "hardware", "model", "quant", "measured", "before", "error", "after", "error", "left out");
  for (const CalibrationRow& r : c.rows)
    out += fmt::format("{:<22} {:<8} {:<20} {:<15} {:<7} {:>10} {:>10} {:>8} {:>10} {:>8} {:>10}\n", r.label, r.kind,
                       r.hardware, r.model, r.quantization, format_count(r.measured), format_count(r.before),
                       signed_error(r.before, r.measured), format_count(r.after), signed_error(r.after, r.measured),
                       r.leave_one_out ? signed_error(*r.leave_one_out, r.measured) : "-");
  for (const auto& [kind, e] : {std::pair{"decode", &c.decode}, std::pair{"prefill", &c.prefill}}) {
    if (e->before.count == 0) continue;
    out += fmt::format("{} error: median {}, worst {} before; median {}, worst {} after", kind,
                       error_percent(e->before.median), error_percent(e->before.worst), error_percent(e->after.median),
                       error_percent(e->after.worst));
    out += e->leave_one_out.count ? fmt::format("; median {}, worst {} leaving each run out\n",
                                                error_percent(e->leave_one_out.median), error_percent(e->leave_one_out.worst))
                                  : " (too few runs to leave one out)\n";
  }
  for (const CalibratedDevice& d : c.devices)
    out += fmt::format("{}: backend {} (from {}): bandwidth efficiency {}, token overhead {:.3g} ms{}, prefill efficiency "
                       "{}; {}; {}\n",
                       d.hardware, d.backend.id, d.base_backend, error_percent(d.backend.bandwidth_efficiency),
                       1e3 * d.backend.token_overhead_s,
                       d.backend.call_overhead_s > 0
                           ? fmt::format(", {:.3g} ms per step for each further call", 1e3 * d.backend.call_overhead_s)
                           : "",
                       error_percent(d.backend.prefill_efficiency), d.decode_method, d.prefill_method);
  return out;
}

std::string commented(const std::string& text) {
  std::string out;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = text.find('\n', start);
    out += "# " + text.substr(start, end - start) + "\n";
    start = end == std::string::npos ? text.size() : end + 1;
  }
  return out;
}

// A flag's id must be in the catalog; "" when it is (or is not given), else the problem.
std::string unknown_id(std::string_view flag, const std::string& id, const std::vector<std::string>& ids) {
  if (id.empty() || std::find(ids.begin(), ids.end(), id) != ids.end()) return "";
  return fmt::format("{} {} is not in the catalog (closest: {})", flag, id, fmt::join(closest_matches(id, ids, 3), ", "));
}

}  // namespace

CLI::App* setup_calibrate(CLI::App& app, CalibrateOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "calibrate",
      "Fit the predictor to your own benchmark runs (llama-bench -o json, vLLM benchmark_serving JSON, CSV) and "
      "write a catalog overlay for --catalog");
  cmd->add_option("file", options.file, "The benchmark result")->required();
  cmd->add_option("--hardware", options.hardware, "Catalog hardware id the runs were made on (else the file's device)");
  cmd->add_option("--model", options.model, "Catalog LLM id of the runs (else matched to the file's model name)");
  cmd->add_option("--quantization", options.quantization, "Catalog quantization id (else matched to the file's)");
  cmd->add_option("--catalog", options.catalogs, "Add or override catalog entries from FILE first (repeatable)");
  cmd->add_option("--format", options.format, "yaml (the overlay, errors as comments) or json")
      ->check(CLI::IsMember({"yaml", "json"}));
  cmd->add_option("-o,--output", options.output,
                  "Write the overlay to this file (atomically) and print the errors instead");
  return cmd;
}

ExitCode run_calibrate(const CalibrateOptions& options, const Streams& streams) {
  const auto catalog = catalog_for(options.catalogs, "", streams);
  if (!catalog) return ExitCode::invalid_input;
  std::vector<std::string> llms;
  for (const LlmEntry& m : catalog->llms) llms.push_back(m.id);
  for (const std::string& problem : {unknown_id("--hardware", options.hardware, catalog->hardware_ids()),
                                     unknown_id("--model", options.model, llms),
                                     unknown_id("--quantization", options.quantization, catalog->quantization_ids())})
    if (!problem.empty()) {
      print_error(streams, problem);
      return ExitCode::invalid_input;
    }
  Diagnostics d(options.file);
  const auto file = read_benchmark_file(options.file, d);
  const auto c = file ? calibrate(*file, *catalog, {options.hardware, options.model, options.quantization}, options.file,
                                  report_date(streams.env), d)
                      : std::nullopt;
  if (!d.empty() || d.has_warnings()) streams.err << format_diagnostics(d);
  if (!c) return ExitCode::invalid_input;
  const std::string table = calibration_table(*c, options.file);
  const std::string text = options.format == "json"
                               ? calibration_json(*c, options.file).dump(2) + "\n"
                               : commented(table) + "# Use it with: edgecalc PROFILE --catalog THIS_FILE\n" +
                                     catalog_yaml(c->overlay);
  if (const ExitCode written = emit(text, options.output, streams); written != ExitCode::ok) return written;
  if (!options.output.empty()) streams.out << table;
  return ExitCode::ok;
}

}  // namespace edgecalc
