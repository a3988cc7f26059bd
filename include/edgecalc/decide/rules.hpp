#pragma once

// Rules engine: hard constraints (`block` an option) and soft signals (`favor` one). The table
// (ids, effects, thresholds users may override, message templates, sources) is domain data in
// <edgecalc/domain/rule_table.hpp>; here each row gets the condition over the profile and the
// model's numbers that fires it.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <edgecalc/domain/rule_table.hpp>
#include <edgecalc/model/latency.hpp>
#include <edgecalc/model/model.hpp>
#include <edgecalc/model/predictor.hpp>
#include <edgecalc/profile/profile.hpp>

namespace edgecalc {

struct RuleContext {
  const Profile& profile;
  const CostModel& costs;
  const Latency& latency;
  const std::optional<Prediction>& prediction;
  bool explain = true;  // false: conditions leave Firing::values empty (nothing is shown)
};

// What a rule found: the options it applies to and the named values its templates show.
struct Firing {
  std::vector<Option> options;
  std::vector<std::pair<std::string, std::string>> values;
};

using RuleCondition = std::optional<Firing> (*)(const RuleContext& ctx, double threshold);

// A row of the rule table (domain/rule_table.hpp) with the condition that evaluates it.
struct Rule : RuleInfo {
  RuleCondition condition;
};

// Every rule, in the order of the rule table.
std::span<const Rule> rules();

// The rule with this id, or nullptr.
const Rule* find_rule(std::string_view id);

// One rule that fired for one option.
struct FiredRule {
  const Rule* rule = nullptr;
  Option option = Option::cloud;
  double threshold = 0;
  std::string message;  // the rule's message template, filled in
  std::string reason;   // the rule's short reason, filled in
};

// Evaluates every enabled rule (profile.rules may disable one or change its threshold).
// `Workings::skipped` fires the same rules with empty messages and reasons.
std::vector<FiredRule> apply_rules(const Profile& profile, const CostModel& costs, const Latency& latency,
                                   const std::optional<Prediction>& prediction, Workings workings = Workings::shown);

}  // namespace edgecalc
