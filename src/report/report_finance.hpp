#pragma once

// The report's money over time: each option's present value, resale and month-by-month cash
// flow, and the profile's finance settings (docs/report.md, "Money over time").

#include <nlohmann/json.hpp>

#include <edgecalc/decide/pipeline.hpp>

namespace edgecalc::detail {

// Keys added to an option's object: present_value, residual_value, resale, depreciation,
// peak_monthly_cost, timeline (null without one). `priced` false: every one null.
void add_money_over_time(nlohmann::ordered_json& option, const OptionCost& o, bool priced);

// The report's `finance` object: discount rate, resale curve, ramp and price changes.
nlohmann::ordered_json finance_json(const Profile& profile);

}  // namespace edgecalc::detail
