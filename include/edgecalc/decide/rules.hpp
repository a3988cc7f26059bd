#pragma once

// Rules stage: hard constraints (`block` an option) and soft signals (`favor` one), as a table.
// Each rule has an id, a condition over the profile and the model's numbers, an effect, a
// message template that shows the numbers, a threshold users may override, and a source.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <edgecalc/model/latency.hpp>
#include <edgecalc/model/model.hpp>
#include <edgecalc/profile/profile.hpp>

namespace edgecalc {

enum class Effect { block, favor };
enum class ThresholdKind { none, duration, fraction, count, rate };

std::string_view to_string(Effect effect);

struct RuleContext {
  const Profile& profile;
  const CostModel& costs;
  const Latency& latency;
};

// What a rule found: the options it applies to and the named values its templates show.
struct Firing {
  std::vector<Option> options;
  std::vector<std::pair<std::string, std::string>> values;
};

struct Rule {
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
  std::optional<Firing> (*condition)(const RuleContext& ctx, double threshold);
};

// Every rule, in the order they are evaluated and listed.
std::span<const Rule> rules();

// The rule with this id, or nullptr.
const Rule* find_rule(std::string_view id);

// Every rule id, for "did you mean" suggestions.
std::vector<std::string> rule_ids();

// A threshold shown in its unit ("20 ms", "5%", "5,000", "1/h").
std::string format_threshold(ThresholdKind kind, double value);

// One rule that fired for one option.
struct FiredRule {
  const Rule* rule = nullptr;
  Option option = Option::cloud;
  double threshold = 0;
  std::string message;  // the rule's message template, filled in
  std::string reason;   // the rule's short reason, filled in
};

// Evaluates every enabled rule (profile.rules may disable one or change its threshold).
std::vector<FiredRule> apply_rules(const Profile& profile, const CostModel& costs,
                                   const Latency& latency);

}  // namespace edgecalc
