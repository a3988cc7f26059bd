#pragma once

// Gates stage: the profile's budget (and the command line's limits, applied as overrides)
// checked against the chosen option. Each gate passes, warns or fails; the exit code follows.

#include <optional>
#include <string>
#include <vector>

#include <edgecalc/util/diagnostic.hpp>
#include <edgecalc/model/model.hpp>
#include <edgecalc/decide/verdict.hpp>

namespace edgecalc {

enum class GateStatus { pass, warn, fail, skipped };
std::string_view to_string(GateStatus status);

struct GateResult {
  std::string name;      // max_monthly_cost, max_total_cost, max_cost_per_1k_calls, require, ...
  GateLevel level = GateLevel::fail;
  GateStatus status = GateStatus::pass;
  std::optional<double> limit;   // money gates
  std::optional<double> actual;
  std::optional<double> margin;  // (actual - limit) / limit
  std::string message;           // "max_total_cost: $612,400.00 > $500,000.00 (+22.5%)"
  std::string field;             // profile field path, for locations ("budget.max_total_cost")
};

// Checks every limit in profile.budget against the verdict's option. With no viable option the
// gates are skipped (the verdict `none` already fails the run).
std::vector<GateResult> check_gates(const Profile& profile, const CostModel& costs,
                                    const Verdict& verdict);


}  // namespace edgecalc
