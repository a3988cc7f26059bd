#pragma once

// The numeric fields of a validated Profile that the model reads, each with its --set spelling:
// what sensitivity analysis and scans vary. set_field() changes one field of a Profile exactly as
// reloading the profile with `--set <assignment>` would (tests/test_fields.cpp checks this for
// every field of every example profile), so a search re-runs the model without re-reading or
// re-validating anything.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <edgecalc/load/quantity.hpp>
#include <edgecalc/profile/profile.hpp>

namespace edgecalc {

// How a field's base-unit value is written on the command line, and shown.
enum class FieldUnit {
  seconds,          // "0.25s"
  per_second,       // calls or tokens per second: "0.5/s"
  bytes,            // "16000B"
  bytes_per_second, // "2500000B/s"
  watts,            // "80W"
  joules,           // "3996J"
  money,            // in the profile's currency: "4500"
  money_per_gb,     // "0.09/GB"
  money_per_kwh,    // "0.2/kWh"
  money_per_hour,   // "2.5/h"
  money_per_month,  // "500/month"
  money_per_tokens, // per 1k or 1M tokens, as the price form says
  share_per_year,   // "0.1/year"
  fraction,         // 0..1: "0.05"
  number,           // a plain number: "1.3"
  count,            // a whole number: "40"
  tokens,           // tokens per call: "3000"
};

// [low, high]: the values a load accepts for a field, given the profile's other fields.
struct FieldLimits {
  double low = 0;
  bool low_exclusive = false;
  double high = 0;
};

struct NumericField {
  std::string_view path;  // as --set spells it and the JSON report names it: "workload.calls"
  FieldUnit unit;
  // The field's value in base units; nullopt when the profile does not have it (no tokens, a price
  // of another form, a lifetime of `never`). Read it from the evaluated profile (Report::profile)
  // to see predicted values.
  std::optional<double> (*get)(const Profile&);
  void (*put)(Profile&, double);  // the raw change; set_field() also re-derives
  FieldLimits (*limits)(const Profile&);
  // The --set arguments that give the field `value` in a fresh load of this profile (one, or a
  // whole map where the field's siblings must be written with it).
  std::vector<std::string> (*assignment)(const Profile&, double value);

  bool whole() const { return unit == FieldUnit::count; }
};

// Every numeric field, in profile order.
std::span<const NumericField> numeric_fields();

// The field named `path`, or nullptr.
const NumericField* find_numeric_field(std::string_view path);

// The names of all numeric fields, for suggestions ("did you mean workload.calls?").
std::vector<std::string> numeric_field_names();

// Sets `field` of a validated (not yet evaluated) profile to `value` and re-derives the values
// that follow from it (Profile::derivations), as a reload with --set would.
void set_field(Profile& profile, const NumericField& field, double value);

// `value` with its unit suffix, in full precision, for --set: "0.25s", "4500", "0.1/year".
std::string spell_value(FieldUnit unit, double value);

// The unit of `field`'s value in `profile` (edge.maintenance is a share per year or money per month).
FieldUnit unit_in(const NumericField& field, const Profile& profile);

// A value of `field` as a user writes it ("100ms", "1M", "$0.002", "40%"), in the profile's
// currency and month, in base units.
Parsed parse_field_value(const NumericField& field, const Profile& profile, std::string_view text);

// The base unit's name for reports: "s", "1/s", "B", "W", "USD", "USD/GB", "1" ...
std::string unit_name(FieldUnit unit, const Profile& profile);

}  // namespace edgecalc
