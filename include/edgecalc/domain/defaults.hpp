#pragma once

// Field defaults are data: one row per profile field that has a default, with the value as a
// profile would write it and why. The profile stage parses `value` with the field's own parser
// when the field is absent; the report's assumptions print `source`; docs/profile.md's default
// column is checked against `value` by a test.

#include <span>
#include <string_view>

#include <edgecalc/load/quantity.hpp>

namespace edgecalc {

struct FieldDefault {
  std::string_view field;   // dotted path: "workload.peak_factor"
  std::string_view value;   // as written in a profile ("730h", "1", "false"); "" when derived
  std::string_view source;  // why this default; "" when it is the network class's (its own source)
};

// workload.service_cv when workload.tokens is given and service_cv is not: an LLM call's time
// follows its output length, which varies from call to call about as much as an exponential
// (cv 1); the row's source above says why.
inline constexpr double k_token_call_service_cv = 1;

// Every row, in profile order.
std::span<const FieldDefault> field_defaults();

// The row for `field`; throws std::logic_error for a field with no default (a bug, not input).
const FieldDefault& field_default(std::string_view field);

// The default billing month and currency, from the rows above: what a profile that writes
// neither is measured in, and how catalog values and rule thresholds are printed.
UnitContext default_units();

}  // namespace edgecalc
