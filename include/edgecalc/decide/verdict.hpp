#pragma once

// Verdict stage: among the options no rule blocks, the cheapest total over the horizon wins;
// when the two cheapest are within profile.close_call of each other, the soft signals decide.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <edgecalc/model/model.hpp>
#include <edgecalc/decide/rules.hpp>

namespace edgecalc {

struct OptionStatus {
  Option option = Option::cloud;
  bool applicable = true;                 // false: a hybrid that escalates nothing
  std::string not_applicable_reason;
  std::vector<std::string> blocked_by;    // ids of the rules that block it
  std::vector<std::string> favored_by;    // ids of the soft signals that favour it

  bool feasible() const { return applicable && blocked_by.empty(); }
};

struct Verdict {
  std::optional<Option> choice;   // nullopt: every option is ruled out ("none")
  bool close_call = false;        // the two cheapest were within close_call; soft signals decided
  std::optional<Option> runner_up;
  std::string summary;            // "edge: cloud is ruled out by ..., and edge is 3.2x cheaper ..."
  std::array<OptionStatus, 3> status;  // cloud, edge, hybrid

  const OptionStatus& of(Option o) const;
};

// Decides among the options the fired rules leave feasible.
// `Workings::skipped` leaves the summary empty (the explore stage decides thousands of times).
Verdict decide(const Profile& profile, const CostModel& costs, const std::vector<FiredRule>& fired,
               Workings workings = Workings::shown);

}  // namespace edgecalc
