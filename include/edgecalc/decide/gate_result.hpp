#pragma once

// One gate's result, on its own so that the report and render stages can read and write gates
// without the model that checks them (decide/gates.hpp).

#include <optional>
#include <string>
#include <string_view>

#include <edgecalc/domain/names.hpp>

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

}  // namespace edgecalc
