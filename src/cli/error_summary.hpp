#pragma once

// How `validate` and `calibrate` print the predictor's error: one decimal of a percent, signed
// for one row, and a summary's median, worst and count in JSON (fractions, full precision).

#include <cmath>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <edgecalc/model/validate.hpp>

namespace edgecalc {

inline std::string error_percent(double fraction) { return fmt::format("{:.1f}%", 100 * fraction); }

inline std::string signed_error(double predicted, double measured) {
  const double percent = 100 * (predicted / measured - 1);
  return fmt::format("{:+.1f}%", std::abs(percent) < 0.05 ? 0.0 : percent);  // no "-0.0%"
}

inline nlohmann::ordered_json error_summary_json(const ErrorSummary& s) {
  return {{"median", s.median}, {"worst", s.worst}, {"count", s.count}};
}

}  // namespace edgecalc
