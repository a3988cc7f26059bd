// Scan axes from their --scan spelling, and the grid they span, each point a fresh validation of
// the document with the point's --set assignments: a scan row is exactly a --set run.

#include <edgecalc/explore/scan.hpp>

#include <cmath>

#include <fmt/format.h>

#include <edgecalc/domain/rule_table.hpp>
#include <edgecalc/profile/fields.hpp>
#include <edgecalc/util/suggest.hpp>

namespace edgecalc {

namespace {

constexpr std::size_t k_default_points = 11;

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(sep, start);
    out.emplace_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::string unknown_field(const std::string& path) {
  const auto near = closest_match(path, numeric_field_names());
  return fmt::format("`{}` is not a numeric field{}; a range scans one (a list of values scans any field)", path,
                     near ? fmt::format(" (did you mean {}?)", *near) : "");
}

// "100..1M:log:20" for a numeric field.
std::string parse_range(const std::string& value, const NumericField& field, const Profile& p, ScanAxis& axis) {
  std::vector<std::string> parts = split(value, ':');
  const std::string range = parts[0];
  axis.mode = parts.size() > 1 ? parts[1] : "lin";
  if (axis.mode != "lin" && axis.mode != "log") return fmt::format("the spacing is lin or log; got \"{}\"", axis.mode);
  std::size_t n = k_default_points;
  if (parts.size() > 2) {
    const Parsed count = parse_count(parts[2]);
    if (!count.ok() || count.value < 2 || count.value > static_cast<double>(k_max_scan_points) ||
        count.value != std::floor(count.value))
      return fmt::format("the number of points is a whole number from 2 to {}; got \"{}\"", k_max_scan_points, parts[2]);
    n = static_cast<std::size_t>(count.value);
  }
  if (parts.size() > 3) return "expected FIELD=LOW..HIGH[:lin|log[:POINTS]]";
  const std::size_t dots = range.find("..");
  if (dots == std::string::npos) return "expected FIELD=LOW..HIGH[:lin|log[:POINTS]] or FIELD=A,B,C";
  const Parsed low = parse_field_value(field, p, range.substr(0, dots));
  const Parsed high = parse_field_value(field, p, range.substr(dots + 2));
  if (!low.ok()) return fmt::format("the low end: {}", low.error);
  if (!high.ok()) return fmt::format("the high end: {}", high.error);
  if (!(low.value < high.value)) return "the low end must be below the high end";
  const FieldLimits l = field.limits(p);
  if (low.value < l.low || (l.low_exclusive && low.value <= l.low) || high.value > l.high)
    return fmt::format("the range must lie within {}'s limits, {} to {} ({})", field.path, l.low, l.high,
                       unit_name(unit_in(field, p), p));
  if (axis.mode == "log" && !(low.value > 0)) return "a log scan needs a low end above 0";
  for (std::size_t i = 0; i < n; ++i) {
    const double t = static_cast<double>(i) / static_cast<double>(n - 1);
    double x = axis.mode == "log" ? low.value * std::pow(high.value / low.value, t) : low.value + (high.value - low.value) * t;
    if (i == n - 1) x = high.value;
    if (field.whole()) x = std::round(x);
    if (!axis.numbers.empty() && x == axis.numbers.back()) continue;  // counts: no repeated rows
    axis.numbers.push_back(x);
    axis.assignments.push_back(field.assignment(p, x));
  }
  axis.unit = unit_name(unit_in(field, p), p);
  return {};
}

}  // namespace

std::variant<ScanAxis, std::string> parse_scan_axis(std::string_view spec, const Profile& profile) {
  ScanAxis axis;
  const std::size_t eq = spec.find('=');
  const auto problem = [&](const std::string& why) { return fmt::format("--scan {}: {}", spec, why); };
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == spec.size())
    return problem("expected FIELD=LOW..HIGH[:lin|log[:POINTS]] or FIELD=A,B,C");
  axis.field = std::string(spec.substr(0, eq));
  const std::string value(spec.substr(eq + 1));
  if (value.find("..") != std::string::npos) {
    const NumericField* field = find_numeric_field(axis.field);
    if (!field) return problem(unknown_field(axis.field));
    if (!field->get(profile)) return problem(fmt::format("this profile has no {}", axis.field));
    if (std::string why = parse_range(value, *field, profile, axis); !why.empty()) return problem(why);
    return axis;
  }
  axis.mode = "list";
  for (const std::string& v : split(value, ',')) {
    if (v.empty()) return problem("an empty value in the list");
    axis.texts.push_back(v);
    axis.assignments.push_back({fmt::format("{}={}", axis.field, v)});
  }
  return axis;
}

std::variant<Scan, std::string> run_scan(const Document& document, const std::string& file,
                                         const std::vector<Override>& overrides, std::vector<ScanAxis> axes,
                                         const Catalog& catalog) {
  Scan scan;
  scan.axes = std::move(axes);
  std::size_t total = 1;
  for (const ScanAxis& a : scan.axes) total *= a.size();
  const std::vector<std::string> dotted = rule_ids();
  std::vector<std::size_t> index(scan.axes.size(), 0);
  for (std::size_t k = 0; k < total; ++k) {
    std::size_t rest = k;
    for (std::size_t a = scan.axes.size(); a-- > 0;) {
      index[a] = rest % scan.axes[a].size();
      rest /= scan.axes[a].size();
    }
    std::vector<Override> all = overrides;
    for (std::size_t a = 0; a < scan.axes.size(); ++a)
      for (const std::string& set : scan.axes[a].assignments[index[a]])
        all.push_back(Override{set, "--scan " + set});
    Document d = document;
    Diagnostics problems(file);
    std::optional<Profile> profile;
    if (apply_overrides(d, all, problems, dotted)) profile = build_profile(d, problems, catalog);
    if (!profile) return format_diagnostics(problems);
    ScanPoint point{index, outcome_of(*profile), false};
    const bool row_start = scan.axes.empty() || index.back() == 0;
    point.changed = !row_start && point.outcome.choice != scan.points.back().outcome.choice;
    scan.points.push_back(std::move(point));
  }
  return scan;
}

}  // namespace edgecalc
