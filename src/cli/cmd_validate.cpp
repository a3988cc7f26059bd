// `edgecalc validate`: the predictor against every shipped measurement, in-sample and leaving
// each device out (docs/predictor.md, "Validation"). Exit 1 when the leave-one-out median error
// of LLM decode exceeds --max-decode-error (25%): CI runs it.

#include <cmath>
#include <ostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <edgecalc/domain/measurements.hpp>
#include <edgecalc/load/quantity.hpp>
#include <edgecalc/model/validate.hpp>

#include "cli/commands.hpp"
#include "cli/error_summary.hpp"
#include "util/format.hpp"

namespace edgecalc {

namespace {

using Json = nlohmann::ordered_json;

Json runtimes_json(const std::vector<RuntimeFit>& runtimes) {
  Json out = Json::array();
  for (const RuntimeFit& r : runtimes)
    out.push_back({{"runtime", r.runtime}, {"macs_per_cycle", r.macs_per_cycle}, {"points", r.points}});
  return out;
}

Json validation_json(const Validation& v, double max_error, bool passed) {
  Json kinds = Json::array();
  for (const ValidationKind& k : v.kinds) {
    Json rows = Json::array();
    for (const ValidationRow& r : k.rows)
      rows.push_back({{"hardware", r.hardware},
                      {"model", r.model},
                      {"detail", r.detail},
                      {"measured", r.measured},
                      {"predicted", r.predicted},
                      {"predicted_leave_one_out", r.predicted_leave_one_out ? Json(*r.predicted_leave_one_out) : Json(nullptr)},
                      {"source", r.source},
                      {"date", r.date}});
    kinds.push_back({{"kind", k.kind},
                     {"unit", k.unit},
                     {"rows", rows},
                     {"in_sample", error_summary_json(k.in_sample)},
                     {"leave_one_out", error_summary_json(k.leave_one_out)}});
  }
  Json fits = Json::array();
  for (const BackendFit& f : v.fits) {
    const auto opt = [](const std::optional<double>& x) { return x ? Json(*x) : Json(nullptr); };
    fits.push_back({{"backend", f.backend},
                    {"bandwidth_efficiency", opt(f.bandwidth_efficiency)},
                    {"token_overhead_s", opt(f.token_overhead_s)},
                    {"prefill_efficiency", opt(f.prefill_efficiency)},
                    {"call_overhead_s", opt(f.call_overhead_s)},
                    {"decode_points", f.decode_points},
                    {"prefill_points", f.prefill_points},
                    {"batched_points", f.batched_points},
                    {"runtimes", runtimes_json(f.runtimes)}});
  }
  return {{"kinds", kinds},
          {"fits", fits},
          {"gate", {{"max_decode_error_leave_one_out", max_error}, {"passed", passed}}}};
}

std::string validation_table(const Validation& v, double max_error, bool passed) {
  std::string out;
  for (const ValidationKind& k : v.kinds) {
    out += fmt::format("{} ({}), {} measurements\n", k.kind, k.unit, k.rows.size());
    out += fmt::format("  {:<20} {:<15} {:<34} {:>10} {:>10} {:>8} {:>10} {:>8}\n", "hardware", "model", "detail",
                       "measured", "predicted", "error", "left out", "error");
    for (const ValidationRow& r : k.rows)
      out += fmt::format("  {:<20} {:<15} {:<34} {:>10} {:>10} {:>8} {:>10} {:>8}\n", r.hardware, r.model, r.detail,
                         format_count(r.measured), format_count(r.predicted), signed_error(r.predicted, r.measured),
                         r.predicted_leave_one_out ? format_count(*r.predicted_leave_one_out) : "-",
                         r.predicted_leave_one_out ? signed_error(*r.predicted_leave_one_out, r.measured) : "-");
    out += fmt::format("  error: median {}, worst {} in-sample; median {}, worst {} leaving each device out\n\n",
                       error_percent(k.in_sample.median), error_percent(k.in_sample.worst), error_percent(k.leave_one_out.median),
                       error_percent(k.leave_one_out.worst));
  }
  out += "backend constants fitted to every measurement (data/hardware.yaml holds the shipped ones)\n";
  for (const BackendFit& f : v.fits)
    if (f.decode_points + f.prefill_points + f.batched_points > 0)
      out += fmt::format("  {:<8} bandwidth efficiency {:>6}, token overhead {:>8} ({} decode points); prefill efficiency {:>6} "
                         "({} points){}\n",
                         f.backend, f.bandwidth_efficiency ? error_percent(*f.bandwidth_efficiency) : "-",
                         f.token_overhead_s ? fmt::format("{:.2f} ms", 1e3 * *f.token_overhead_s) : "-", f.decode_points,
                         f.prefill_efficiency ? error_percent(*f.prefill_efficiency) : "-", f.prefill_points,
                         f.call_overhead_s ? fmt::format("; step cost per further call {:.1f} us ({} batched points)",
                                                           1e6 * *f.call_overhead_s, f.batched_points)
                                           : "");
  for (const BackendFit& f : v.fits)
    for (const RuntimeFit& r : f.runtimes)
      out += fmt::format("  {:<8} TinyML runtime {}: {:.3f} MACs per cycle ({} runs)\n", f.backend, r.runtime,
                         r.macs_per_cycle, r.points);
  const ValidationKind& decode = v.kinds.front();
  out += fmt::format("\ngate: decode median error leaving each device out {} {} {}: {}\n",
                     error_percent(decode.leave_one_out.median), passed ? "<=" : ">", error_percent(max_error),
                     passed ? "passed" : "FAILED");
  return out;
}

}  // namespace

CLI::App* setup_validate(CLI::App& app, ValidateOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "validate", "The predictor against every shipped public measurement: in-sample and leaving each device out");
  cmd->add_option("--format", options.format, "table or json")->check(CLI::IsMember({"table", "json"}));
  cmd->add_option("--max-decode-error", options.max_decode_error,
                  "Exit 1 when the leave-one-out median decode error exceeds this (default 25%)");
  cmd->add_option("-o,--output", options.output, "Write to this file (atomically) instead of standard output");
  return cmd;
}

ExitCode run_validate(const ValidateOptions& options, const Streams& streams) {
  const Parsed max = parse_fraction(options.max_decode_error);
  if (!max.ok()) {
    print_error(streams, fmt::format("--max-decode-error {}; got \"{}\"", max.error, options.max_decode_error));
    return ExitCode::invalid_input;
  }
  const Validation v = validate_predictor(builtin_catalog(), builtin_measurements());
  const bool passed = v.kinds.front().leave_one_out.median <= max.value;
  const std::string text = options.format == "json" ? validation_json(v, max.value, passed).dump(2) + "\n"
                                                    : validation_table(v, max.value, passed);
  if (const ExitCode written = emit(text, options.output, streams); written != ExitCode::ok) return written;
  return passed ? ExitCode::ok : ExitCode::gate_failed;
}

}  // namespace edgecalc
