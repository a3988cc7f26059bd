#pragma once

// Explore stage: what a changed profile decides, without the break-even searches and the report
// a full evaluate() makes. Sensitivity analysis and scans evaluate profiles thousands of times.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <edgecalc/decide/verdict.hpp>
#include <edgecalc/profile/profile.hpp>

namespace edgecalc {

inline constexpr std::array<Option, 3> k_all_options = {Option::cloud, Option::edge, Option::hybrid};
inline std::size_t option_index(Option o) { return static_cast<std::size_t>(o); }

// One profile's decision: the verdict, each option's totals and what blocks it.
struct Outcome {
  std::optional<Option> choice;  // nullopt: every option is ruled out
  std::optional<Option> runner_up;
  bool close_call = false;
  std::array<double, 3> total{};    // by option_index: the present value the verdict ranks (the total at 0%/year)
  std::array<double, 3> monthly{};
  std::array<std::optional<double>, 3> per_1k_calls;      // nullopt: no calls
  std::array<std::optional<double>, 3> break_even_month;  // edge and hybrid against the cloud; nullopt: never
  std::array<bool, 3> applicable{};
  std::array<std::vector<std::string>, 3> blocked_by;  // rule ids
  std::vector<std::string> fired;   // every rule that fired, in rule order, without repeats
};

// predict -> price -> latency -> rules -> verdict for a validated (not yet evaluated) profile:
// the same verdict and totals evaluate() gives.
Outcome outcome_of(const Profile& profile);

// The same with `scratch` holding the evaluated copy: a loop that passes the same scratch on
// every call allocates little once the first call has sized it.
Outcome outcome_of(const Profile& profile, Profile& scratch);

}  // namespace edgecalc
