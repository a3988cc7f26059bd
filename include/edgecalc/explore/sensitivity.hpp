#pragma once

// One-way sensitivity (docs/model.md, "What flips the verdict"): for every numeric field, the
// nearest values below and above today's at which the verdict changes, and why; the cost margin
// between the verdict and the runner-up at a low and a high value of the field (a tornado); and
// a gate on the smallest relative move that flips the verdict.

#include <optional>
#include <string>
#include <vector>

#include <edgecalc/decide/gates.hpp>
#include <edgecalc/explore/outcome.hpp>
#include <edgecalc/profile/fields.hpp>

namespace edgecalc {

// A value past which the verdict changes.
struct SwitchPoint {
  double value = 0;               // the boundary: from here on (away from today's value) the verdict is `verdict`
  std::optional<Option> verdict;  // what it becomes; nullopt: none (every option ruled out)
  std::string reason;             // "cloud becomes blocked by latency.cloud-rtt", "edge's total falls below cloud's"
};

struct FieldSensitivity {
  std::string field;   // "workload.calls"
  std::string unit;    // base unit of the values: "1/s", "USD" ...
  FieldUnit kind = FieldUnit::number;
  double value = 0;                 // today's
  double low = 0, high = 0;         // the tornado's values
  bool from_range = false;          // low and high are the profile's range for the field
  std::optional<double> margin_low, margin_high;  // verdict's total - runner-up's, at low and high
  std::optional<SwitchPoint> below, above;        // nearest switching values on each side
  std::optional<double> margin_ratio;             // |nearest switch - value| / value
  double search_low = 0, search_high = 0;         // the range searched
  double swing() const;  // |margin_high - margin_low|, 0 without margins
};

struct SensitivityOptions {
  double span = 1000;        // search value/span .. value*span (within the field's limits)
  double tornado = 0;        // 0: the tornado spans x0.5 .. x2, or a field's range; else x(1-t) .. x(1+t)
};

struct SensitivityAnalysis {
  std::optional<Option> verdict;   // today's
  std::optional<Option> compared;  // the option the margin is measured against (the runner-up)
  std::optional<double> margin;    // today's verdict total - compared total
  double span = 1000;
  double tornado_low = 0.5, tornado_high = 2;  // the tornado's factors
  std::vector<FieldSensitivity> fields;        // in profile order
  std::optional<double> min_margin_ratio;
  std::string min_margin_field;
  long evaluations = 0;            // model runs the analysis took
};

// Analyses every numeric field `input` (validated, not yet evaluated) has.
SensitivityAnalysis analyse_sensitivity(const Profile& input, const SensitivityOptions& options = {});

// The min_margin gate: fails when one of `fields` (all fields when empty) can move less than
// `limit` (a fraction) before the verdict flips.
GateResult margin_gate(const SensitivityAnalysis& s, const MoneyLimit& limit, const std::vector<std::string>& fields);

}  // namespace edgecalc
