// The numeric field registry (profile/fields.hpp): changing a field of a loaded Profile with
// set_field() gives the same report as reloading the profile with --set and the field's own
// assignment, for every field of every example profile.

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

#include <edgecalc/decide/pipeline.hpp>
#include <edgecalc/profile/fields.hpp>
#include <edgecalc/report/report_json.hpp>

#include "fixture.hpp"

namespace edgecalc {

namespace {

// Where two reports differ ("options.edge.total: 1 vs 2"), numbers within 1e-9 relative being
// equal; the assumptions' wording is left out (a catalog price and the same price written differ
// in their source only).
void differences(const nlohmann::ordered_json& a, const nlohmann::ordered_json& b, const std::string& at,
                 std::vector<std::string>& out) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    if (std::abs(x - y) > 1e-9 * std::max(std::abs(x), std::abs(y))) out.push_back(at + ": " + a.dump() + " vs " + b.dump());
  } else if (a.is_object() && b.is_object()) {
    for (const auto& [k, v] : a.items()) {
      if (k == "assumptions" || k == "location") continue;  // a --set value is located at its flag
      if (!b.contains(k)) out.push_back(at + "." + k + ": missing");
      else differences(v, b[k], at + "." + k, out);
    }
  } else if (a.is_array() && b.is_array() && a.size() == b.size()) {
    for (std::size_t i = 0; i < a.size(); ++i) differences(a[i], b[i], at + "[" + std::to_string(i) + "]", out);
  } else if (a != b) {
    out.push_back(at + ": " + a.dump() + " vs " + b.dump());
  }
}

// Values to try for a field now at `v`: half and double, held inside its limits.
std::vector<double> probes(const NumericField& f, const Profile& p, double v) {
  const FieldLimits l = f.limits(p);
  std::vector<double> out;
  for (double x : {v * 0.5, v * 2, v == 0 ? std::min(l.high, 0.5) : v}) {
    x = std::clamp(x, l.low, l.high);
    if (l.low_exclusive && x <= l.low) continue;
    if (f.whole()) x = std::max(std::round(x), std::ceil(l.low));
    if (x != v) out.push_back(x);
  }
  return out;
}

}  // namespace

TEST_CASE("set_field changes a profile as --set reloads it, for every field of every example", "[fields]") {
  const std::string today = "2026-11-21";
  std::size_t checked = 0;
  for (const std::string& path : test::example_profiles()) {
    const Profile input = test::load_path(path);
    const Profile evaluated = evaluate(input, today).profile;
    for (const NumericField& f : numeric_fields()) {
      const auto v = f.get(evaluated);
      if (!v) continue;
      for (const double x : probes(f, input, *v)) {
        Profile changed = input;
        set_field(changed, f, x);
        const auto sets = f.assignment(input, x);
        INFO(path << ": " << f.path << " = " << x << " via --set " << sets.front());
        const Profile reloaded = test::load_path(path, set_overrides(sets));
        std::vector<std::string> diff;
        differences(report_json(evaluate(changed, today)), report_json(evaluate(reloaded, today)), "", diff);
        CHECK(diff == std::vector<std::string>{});
        // The field reads back as set.
        CHECK(f.get(evaluate(changed, today).profile).value_or(-1) == Approx(x).epsilon(1e-12));
        ++checked;
      }
    }
  }
  CHECK(checked > 300);  // 8 profiles x about 30 fields x 2 values
}

TEST_CASE("every numeric field has a unique path that find_numeric_field finds", "[fields]") {
  std::set<std::string> seen;
  for (const NumericField& f : numeric_fields()) {
    CHECK(seen.insert(std::string(f.path)).second);
    CHECK(find_numeric_field(f.path) == &f);
  }
  CHECK(find_numeric_field("fleet.sizes") == nullptr);
}

TEST_CASE("field values are spelled in full precision with their unit", "[fields]") {
  CHECK(spell_value(FieldUnit::seconds, 0.1) == "0.1s");
  CHECK(spell_value(FieldUnit::per_second, 1.0 / 3) == "0.3333333333333333/s");
  CHECK(spell_value(FieldUnit::share_per_year, 0.1) == "10%/year");
  CHECK(spell_value(FieldUnit::money, 4500) == "4500");
  CHECK(spell_value(FieldUnit::bytes, 1e13) == "10000000000000B");
  CHECK(spell_value(FieldUnit::bytes, 1e-7) == "1e-07B");
}

}  // namespace edgecalc
