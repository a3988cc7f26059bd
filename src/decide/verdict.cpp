#include <edgecalc/decide/verdict.hpp>

#include <algorithm>

#include <fmt/format.h>


#include "util/format.hpp"

namespace edgecalc {

namespace {

constexpr Option k_options[] = {Option::cloud, Option::edge, Option::hybrid};

std::size_t index_of(Option o) { return static_cast<std::size_t>(o); }

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += separator;
    out += p;
  }
  return out;
}

// "cloud is ruled out by <reason> and <reason>", naming every blocking rule of every blocked option.
std::vector<std::string> ruled_out_clauses(const Verdict& v, const std::vector<FiredRule>& fired) {
  std::vector<std::string> clauses;
  for (Option o : k_options) {
    const OptionStatus& s = v.of(o);
    if (!s.applicable) continue;
    std::vector<std::string> reasons;
    for (const FiredRule& f : fired)
      if (f.option == o && f.rule->effect == Effect::block) reasons.push_back(f.reason);
    if (!reasons.empty()) clauses.push_back(fmt::format("{} is ruled out by {}", to_string(o), join(reasons, " and ")));
  }
  return clauses;
}

std::string cost_comparison(Option winner, Option other, const CostModel& m) {
  const double w = m.option(winner).present_value;
  const double r = m.option(other).present_value;
  const std::string over = m.discount_rate > 0
                               ? fmt::format("over {} at today's value ({}/year)", format_months(m.horizon_months),
                                             format_percent(m.discount_rate))
                               : fmt::format("over {}", format_months(m.horizon_months));
  if (w <= 0) return fmt::format("{} costs nothing {}", to_string(winner), over);
  const double ratio = r / w;
  if (ratio >= 10)
    return fmt::format("{} is {:.0f}x cheaper than {} {}", to_string(winner), ratio, to_string(other), over);
  if (ratio >= 1.5)
    return fmt::format("{} is {:.1f}x cheaper than {} {}", to_string(winner), ratio, to_string(other), over);
  if (ratio >= 1)
    return fmt::format("{} is {} cheaper than {} {}", to_string(winner), format_percent(1 - w / r),
                       to_string(other), over);
  return fmt::format("{} costs {} more than {} {}", to_string(winner), format_percent(w / r - 1),
                     to_string(other), over);
}

// The feasible options, cheapest first.
std::vector<Option> feasible_by_cost(const Verdict& v, const CostModel& costs) {
  std::vector<Option> feasible;
  for (Option o : k_options)
    if (v.of(o).feasible()) feasible.push_back(o);
  std::stable_sort(feasible.begin(), feasible.end(), [&](Option a, Option b) {
    return costs.option(a).present_value < costs.option(b).present_value;
  });
  return feasible;
}

// The sentence that says why: what is ruled out, then the cost comparison or the close call.
std::string summary_of(const Verdict& v, const CostModel& costs, const std::vector<FiredRule>& fired) {
  const std::vector<std::string> clauses = ruled_out_clauses(v, fired);
  const OptionStatus& hybrid = v.of(Option::hybrid);
  if (!v.choice) {
    std::string summary = fmt::format("none: every option is ruled out: {}", join(clauses, "; "));
    if (!hybrid.applicable) summary += "; " + hybrid.not_applicable_reason;
    return summary;
  }
  const std::vector<Option> feasible = feasible_by_cost(v, costs);
  std::string decision;
  if (feasible.size() == 1) {
    decision = fmt::format("{} is the only option left", to_string(*v.choice));
  } else if (!v.close_call) {
    decision = cost_comparison(feasible[0], feasible[1], costs);
  } else {
    const Option first = feasible[0], second = feasible[1], w = *v.choice;
    const double a = costs.option(first).present_value, b = costs.option(second).present_value;
    const std::string apart = a > 0 ? fmt::format("within {} of each other", format_percent(b / a - 1))
                                    : std::string("both free");
    decision = fmt::format("{} and {} are {} over {}, a close call", to_string(first), to_string(second), apart,
                           format_months(costs.horizon_months));
    if (v.of(first).favored_by.size() == v.of(second).favored_by.size())
      decision += fmt::format(" that no soft signal settles, so the cheaper {} wins", to_string(w));
    else
      decision += fmt::format(" settled for {} by {}", to_string(w), join(v.of(w).favored_by, ", "));
  }
  const std::string ruled_out = join(clauses, "; ");
  return fmt::format("{}: {}{}", to_string(*v.choice), ruled_out.empty() ? "" : ruled_out + ", and ", decision);
}

}  // namespace

const OptionStatus& Verdict::of(Option o) const { return status[index_of(o)]; }

Verdict decide(const Profile& profile, const CostModel& costs, const std::vector<FiredRule>& fired, Workings workings) {
  Verdict v;
  for (Option o : k_options) v.status[index_of(o)].option = o;
  OptionStatus& hybrid = v.status[index_of(Option::hybrid)];
  if (!costs.hybrid_applicable) {
    hybrid.applicable = false;
    hybrid.not_applicable_reason =
        "hybrid escalates no calls (hybrid.escalation is 0%): it is the edge option under another name";
  }
  for (const FiredRule& f : fired) {
    OptionStatus& s = v.status[index_of(f.option)];
    auto& ids = f.rule->effect == Effect::block ? s.blocked_by : s.favored_by;
    if (std::find(ids.begin(), ids.end(), f.rule->id) == ids.end()) ids.emplace_back(f.rule->id);
  }
  const std::vector<Option> feasible = feasible_by_cost(v, costs);
  if (!feasible.empty()) {
    v.choice = feasible[0];
    if (feasible.size() > 1) {
      const double a = costs.option(feasible[0]).present_value, b = costs.option(feasible[1]).present_value;
      v.close_call = a > 0 ? (b - a) / a <= profile.close_call : b == 0;
      v.runner_up = feasible[1];
      // A close call goes to the option more soft signals favour; a tie to the cheaper.
      if (v.close_call && v.of(feasible[1]).favored_by.size() > v.of(feasible[0]).favored_by.size())
        std::swap(v.choice, v.runner_up);
    }
  }
  if (workings == Workings::shown) v.summary = summary_of(v, costs, fired);
  return v;
}

}  // namespace edgecalc
