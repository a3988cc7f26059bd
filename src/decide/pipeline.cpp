// The evaluate() pipeline: a validated profile -> costs and latency -> break-even -> rules ->
// verdict -> gates, all in one Report.
#include <edgecalc/decide/pipeline.hpp>

#include <edgecalc/decide/assumptions.hpp>

namespace edgecalc {

Report evaluate(const Profile& input, const std::string& today) {
  Report r;
  r.today = today.empty() ? today_utc() : today;
  r.prediction = predict(input);
  r.profile = with_prediction(input, r.prediction);
  const Profile& profile = r.profile;
  r.costs = price_options(profile);
  r.latency = latency_of(profile, r.costs);
  r.edge_vs_cloud = break_even(profile, r.costs, Option::edge);
  if (r.costs.hybrid_applicable) r.hybrid_vs_cloud = break_even(profile, r.costs, Option::hybrid);
  r.escalation = escalation_break_even(profile, r.costs);
  r.fired = apply_rules(profile, r.costs, r.latency, r.prediction);
  r.verdict = decide(profile, r.costs, r.fired);
  r.gates = check_gates(profile, r.costs, r.latency, r.verdict);
  return r;
}

}  // namespace edgecalc
