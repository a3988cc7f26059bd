#pragma once

// The rule table is domain data: one row per rule of the rules engine, with its id, effect,
// default threshold, message templates and source. The conditions that evaluate a row live in
// the decide stage (decide/rules.hpp); the profile stage reads ids and threshold kinds from here
// to check a profile's `rules:` overrides.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <edgecalc/domain/names.hpp>

namespace edgecalc {

enum class Effect { block, favor };
enum class ThresholdKind { none, duration, fraction, count, rate };

std::string_view to_string(Effect effect);

struct RuleInfo {
  std::string_view id;
  Effect effect;
  std::string_view applies_to;  // for listings: "cloud", "edge, hybrid" ...
  ThresholdKind threshold_kind;
  double default_threshold;     // in base units (seconds, fraction, count, calls/s)
  std::string_view checks;      // one sentence: what fires it
  std::string_view message;     // fmt template with named fields, e.g. {budget}, {threshold}
  std::string_view reason;      // short template for the verdict's summary sentence
  std::string_view source;
  std::string_view field;       // the profile field it is about, for locations (SARIF)
};

// Every rule, in the order they are evaluated and listed.
std::span<const RuleInfo> rule_table();

// The row with this id, or nullptr.
const RuleInfo* find_rule_info(std::string_view id);

// Every rule id, for "did you mean" suggestions and for --set paths under `rules.`.
std::vector<std::string> rule_ids();

// A threshold shown in its unit ("20 ms", "5%", "5,000", "1/h").
std::string format_threshold(ThresholdKind kind, double value);

// A constant a rule's condition uses besides its threshold, with its source.
struct RuleConstant {
  std::string_view rule;
  std::string_view name;
  double value;
  std::string_view source;
};
std::span<const RuleConstant> rule_constants();
// The value of one; throws std::logic_error for an unknown pair (a bug, not input).
double rule_constant(std::string_view rule, std::string_view name);

// What raw data of each sensitivity may do when `leaves_device: auto`.
enum class AutoPolicy { allowed, needs_dpa, forbidden };
AutoPolicy auto_policy(Sensitivity sensitivity);

}  // namespace edgecalc
