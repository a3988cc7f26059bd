#pragma once

// Parameter scans (`--scan fleet.size=100..1M:log:20`, `--scan cloud.model=a,b`): the profile
// evaluated at every point of one axis or a grid of two, each point exactly a reload with --set.

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/explore/outcome.hpp>
#include <edgecalc/load/document.hpp>
#include <edgecalc/load/overrides.hpp>

namespace edgecalc {

struct ScanAxis {
  std::string field;                    // "fleet.size" (any --set path for a list)
  std::string mode;                     // "lin", "log" or "list"
  std::string unit;                     // base unit of numbers ("" for a list)
  std::vector<double> numbers;          // lin and log: the values in base units
  std::vector<std::string> texts;       // list: the values as written
  std::vector<std::vector<std::string>> assignments;  // per value: the --set arguments
  std::size_t size() const { return mode == "list" ? texts.size() : numbers.size(); }
};

struct ScanPoint {
  std::vector<std::size_t> index;  // per axis
  Outcome outcome;
  bool changed = false;  // the verdict differs from the previous point's (along the last axis)
};

struct Scan {
  std::vector<ScanAxis> axes;
  std::vector<ScanPoint> points;  // row-major: the last axis varies fastest
};

inline constexpr std::size_t k_max_scan_points = 100000;

// Parses one --scan argument against `profile` (its units, currency and month): an axis, or the
// problem ("--scan fleet.size=...: ...").
std::variant<ScanAxis, std::string> parse_scan_axis(std::string_view spec, const Profile& profile);

// Evaluates `document` (read from `file`) with `overrides` and each point's assignments. Returns
// the scan, or the formatted diagnostics of the first point that does not validate (a list value
// the field does not accept).
std::variant<Scan, std::string> run_scan(const Document& document, const std::string& file,
                                         const std::vector<Override>& overrides, std::vector<ScanAxis> axes,
                                         const Catalog& catalog);

}  // namespace edgecalc
