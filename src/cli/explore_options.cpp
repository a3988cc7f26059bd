// The evaluate command's explore flags: --sensitivity, --min-margin, --margin-fields and
// --tornado-range (and budget.min_margin), which add a `sensitivity` section and a gate.

#include <fmt/format.h>

#include <edgecalc/explore/scan.hpp>
#include <edgecalc/explore/sensitivity.hpp>
#include <edgecalc/explore/uncertainty.hpp>
#include <edgecalc/load/quantity.hpp>
#include <edgecalc/profile/fields.hpp>
#include <edgecalc/report/explore_json.hpp>
#include <edgecalc/report/report_json.hpp>
#include <edgecalc/util/suggest.hpp>

#include "cli/commands.hpp"

namespace edgecalc {

std::string check_explore_flags(const EvaluateOptions& o, SensitivityOptions& sensitivity) {
  const std::vector<std::string> names = numeric_field_names();
  for (const std::string& f : o.margin_fields) {
    if (find_numeric_field(f)) continue;
    const auto near = closest_match(f, names);
    return fmt::format("--margin-fields: unknown field `{}`{}", f,
                       near ? fmt::format("; did you mean {}?", *near) : "; `edgecalc --help` lists the flags, docs/model.md the fields");
  }
  if (!o.tornado_range.empty()) {
    const Parsed r = parse_fraction(o.tornado_range);
    if (!r.ok() || !(r.value > 0) || r.value >= 1)
      return fmt::format("--tornado-range expects a share between 0% and 100% (e.g. 20%); got \"{}\"", o.tornado_range);
    sensitivity.tornado = r.value;
  }
  if (o.samples < 1 || o.samples > k_max_samples)
    return fmt::format("--samples must be from 1 to {}; got {}", k_max_samples, o.samples);
  if (o.threads > 256) return fmt::format("--threads must be from 0 (every core) to 256; got {}", o.threads);
  if (o.scans.size() > 2) return "--scan takes one axis, or two for a grid; got " + std::to_string(o.scans.size());
  if (o.format == "csv" && o.scans.empty()) return "--format csv writes the rows of a scan; give --scan FIELD=LOW..HIGH";
  if (!o.margin_fields.empty() && o.min_margin.empty())
    return "--margin-fields names the fields --min-margin checks; give --min-margin too (or budget.min_margin)";
  return {};
}

std::string add_scan(nlohmann::ordered_json& report, const Profile& profile, const Document& document,
                     const std::string& file, const std::vector<Override>& overrides, const EvaluateOptions& o,
                     const Catalog& catalog) {
  if (o.scans.empty()) return {};
  std::vector<ScanAxis> axes;
  std::size_t points = 1;
  for (const std::string& spec : o.scans) {
    auto axis = parse_scan_axis(spec, profile);
    if (auto* problem = std::get_if<std::string>(&axis)) return *problem;
    axes.push_back(std::get<ScanAxis>(std::move(axis)));
    points *= axes.back().size();
  }
  if (points > k_max_scan_points)
    return fmt::format("--scan: {} points; a scan is limited to {}", points, k_max_scan_points);
  auto scan = run_scan(document, file, overrides, std::move(axes), catalog);
  if (auto* problem = std::get_if<std::string>(&scan)) return *problem;
  report["scan"] = scan_json(std::get<Scan>(scan));
  return {};
}

void add_uncertainty(nlohmann::ordered_json& report, const Profile& profile, const EvaluateOptions& o) {
  const std::optional<MoneyLimit>& gate = profile.budget.min_confidence;
  if (profile.uncertain.empty()) {
    if (!gate) return;
    // Without ranges the verdict is certain: it wins in every sample, or in none.
    UncertaintyAnalysis certain;
    certain.samples = 1;
    certain.verdict = outcome_of(profile).choice;
    if (certain.verdict) certain.options[option_index(*certain.verdict)].p_verdict = 1;
    report["gates"].push_back(gate_json(confidence_gate(certain, *gate, profile.budget.require),
                                        position_of(profile, "budget.min_confidence")));
    return;
  }
  const UncertaintyAnalysis a = analyse_uncertainty(profile, UncertaintyOptions{o.samples, o.seed, o.threads});
  report["uncertainty"] = uncertainty_json(a, profile);
  if (gate)
    report["gates"].push_back(gate_json(confidence_gate(a, *gate, profile.budget.require),
                                        position_of(profile, "budget.min_confidence")));
}

void add_sensitivity(nlohmann::ordered_json& report, const Profile& profile, const EvaluateOptions& o,
                     const SensitivityOptions& options) {
  if (!o.sensitivity && !profile.budget.min_margin) return;
  const SensitivityAnalysis analysis = analyse_sensitivity(profile, options);
  report["sensitivity"] = sensitivity_json(analysis);
  if (profile.budget.min_margin)
    report["gates"].push_back(gate_json(margin_gate(analysis, *profile.budget.min_margin, o.margin_fields),
                                        position_of(profile, "budget.min_margin")));
}

}  // namespace edgecalc
