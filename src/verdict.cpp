#include <edgecalc/verdict.hpp>

#include <fmt/format.h>

#include <edgecalc/report.hpp>

#include "format.hpp"

namespace edgecalc {

Verdict decide(const CostModel& model, const std::string& currency) {
  const OptionCost* best = &model.cloud;
  for (const OptionCost* o : {&model.edge, &model.hybrid})
    if (o->total < best->total) best = o;
  Verdict v;
  v.choice = best->option;
  v.reason = fmt::format("{} has the lowest total cost over the {} horizon: {}", to_string(best->option),
                         format_horizon(model.horizon_months), format_money(best->total, currency));
  return v;
}

Report evaluate(const Profile& profile) {
  Report r;
  r.profile = profile;
  r.costs = price_options(profile);
  r.edge_vs_cloud = break_even(profile, r.costs, Option::edge);
  r.hybrid_vs_cloud = break_even(profile, r.costs, Option::hybrid);
  r.verdict = decide(r.costs, profile.currency);
  return r;
}

}  // namespace edgecalc
