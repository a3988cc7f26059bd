// Ranges written for a field, "80..150ms" or "40/day..300/day": both ends parsed as the field's
// quantity, the low end borrowing the high end's unit when it writes none.

#include <edgecalc/load/quantity.hpp>

#include <fmt/format.h>

#include "load/number_scan.hpp"

namespace edgecalc {

ParsedRange parse_range(std::string_view text, const std::function<Parsed(std::string_view)>& parse,
                        std::string_view example) {
  const std::string_view s = trim(text);
  const auto dots = s.find("..");
  if (dots == std::string_view::npos) return ParsedRange{0, 0, fmt::format("must be a range, e.g. {}", example)};
  const std::string_view left = trim(s.substr(0, dots));
  const std::string_view right = trim(s.substr(dots + 2));
  const Parsed high = parse(right);
  if (!high.ok()) return ParsedRange{0, 0, fmt::format("(high end) {}", high.error)};
  // "80..150ms": the low end takes the high end's unit.
  std::string low_text(left);
  const NumberUnit left_nu = split_number_unit(left);
  if (left_nu.error.empty() && left_nu.unit.empty()) low_text += std::string(split_number_unit(right).unit);
  const Parsed low = parse(low_text);
  if (!low.ok()) return ParsedRange{0, 0, fmt::format("(low end) {}", low.error)};
  if (low.value > high.value) {
    // "80..40/min" -> "40..80/min": the written range turned round, its unit kept at the end
    std::string swapped = fmt::format("{}..{}", right, left);
    if (left_nu.error.empty() && left_nu.unit.empty()) {
      const std::string_view unit = split_number_unit(right).unit;
      // "500..2k" is 500k..2k: the borrowed unit, not the order, is what went wrong
      if (!unit.empty() && parse(left).ok() && parse(left).value < high.value)
        return ParsedRange{0, 0, fmt::format("must have its low end first: the low end takes the high end's unit, so "
                                             "this reads as {}..{}; write the low end's unit too", low_text, right)};
      swapped = fmt::format("{}..{}{}", trim(right.substr(0, right.size() - unit.size())), left, unit);
    }
    return ParsedRange{0, 0, fmt::format("must have its low end first: {}", swapped)};
  }
  return ParsedRange{low.value, high.value, {}};
}

ParsedRange parse_duration_range(std::string_view text, const UnitContext& ctx) {
  return parse_range(text, [&ctx](std::string_view t) { return parse_duration(t, ctx); }, "80ms..150ms");
}

}  // namespace edgecalc
