#include <edgecalc/explore/outcome.hpp>

#include <algorithm>

#include <edgecalc/decide/rules.hpp>
#include <edgecalc/model/break_even.hpp>
#include <edgecalc/model/latency.hpp>
#include <edgecalc/model/predictor.hpp>

namespace edgecalc {

Outcome outcome_of(const Profile& input) {
  Profile scratch;
  return outcome_of(input, scratch);
}

Outcome outcome_of(const Profile& input, Profile& scratch) {
  const std::optional<Prediction> prediction = predict(input, Workings::skipped);
  scratch = input;  // assignment reuses the scratch's storage
  apply_prediction(scratch, prediction, Workings::skipped);
  const Profile& profile = scratch;
  const CostModel costs = price_options(profile, Detail::cash);  // break-even months, no lines
  const Latency latency = latency_of(profile, costs, Quantiles::skipped);
  const std::vector<FiredRule> fired = apply_rules(profile, costs, latency, prediction, Workings::skipped);
  const Verdict verdict = decide(profile, costs, fired, Workings::skipped);
  Outcome o;
  o.choice = verdict.choice;
  o.runner_up = verdict.runner_up;
  o.close_call = verdict.close_call;
  for (Option opt : k_all_options) {
    const std::size_t i = option_index(opt);
    o.total[i] = costs.option(opt).present_value;  // what the verdict ranks: == total at 0%/year
    o.monthly[i] = costs.option(opt).monthly;
    o.per_1k_calls[i] = costs.option(opt).cost_per_1k_calls;
    if (opt != Option::cloud) o.break_even_month[i] = break_even_month(costs.option(opt), costs.cloud);  // timeline-aware
    o.applicable[i] = verdict.of(opt).applicable;
    o.blocked_by[i] = verdict.of(opt).blocked_by;
  }
  for (const FiredRule& f : fired)
    if (std::find(o.fired.begin(), o.fired.end(), f.rule->id) == o.fired.end()) o.fired.emplace_back(f.rule->id);
  return o;
}

}  // namespace edgecalc
