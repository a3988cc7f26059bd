#pragma once

// The explore stage's results in the JSON report: `sensitivity` (with --sensitivity or a margin
// gate) and `scan` (with --scan). Shapes in docs/report.md.

#include <nlohmann/json.hpp>

#include <edgecalc/explore/scan.hpp>
#include <edgecalc/explore/sensitivity.hpp>
#include <edgecalc/explore/uncertainty.hpp>

namespace edgecalc {

nlohmann::ordered_json sensitivity_json(const SensitivityAnalysis& analysis);
nlohmann::ordered_json scan_json(const Scan& scan);
nlohmann::ordered_json uncertainty_json(const UncertaintyAnalysis& analysis, const Profile& profile);

}  // namespace edgecalc
