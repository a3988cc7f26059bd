#pragma once

// Verdict stage: which option wins. Until the rules engine lands, the cheapest total cost over
// the horizon wins; ties go to the simpler option (cloud, then edge, then hybrid).

#include <optional>
#include <string>

#include <edgecalc/model.hpp>

namespace edgecalc {

struct Verdict {
  std::optional<Option> choice;  // nullopt: no option is viable ("none")
  std::string reason;            // one sentence with the deciding numbers
};

// The cheapest option by total cost over the horizon.
Verdict decide(const CostModel& model, const std::string& currency);

}  // namespace edgecalc
