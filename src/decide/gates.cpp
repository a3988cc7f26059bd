#include <edgecalc/decide/gates.hpp>

#include <algorithm>

#include <fmt/format.h>

#include "util/format.hpp"

namespace edgecalc {

std::string_view to_string(GateStatus status) {
  switch (status) {
    case GateStatus::pass: return "pass";
    case GateStatus::warn: return "warn";
    case GateStatus::fail: return "fail";
    case GateStatus::skipped: return "skipped";
  }
  return "fail";
}

namespace {

GateStatus broken(GateLevel level) { return level == GateLevel::warn ? GateStatus::warn : GateStatus::fail; }

std::string signed_percent(double margin) {
  return fmt::format("{}{}", margin >= 0 ? "+" : "-", format_percent(std::abs(margin)));
}

struct MoneyGate {
  const char* name;
  const std::optional<MoneyLimit>& limit;
  std::optional<double> actual;
  bool unit_price;  // show as a price per 1k calls
};

const OptionLatency& latency_of_option(const Latency& l, Option o) {
  switch (o) {
    case Option::cloud: return l.cloud;
    case Option::edge: return l.edge;
    case Option::hybrid: return l.hybrid;
  }
  return l.cloud;
}

// min_headroom: the chosen option's peak must leave at least `limit` of its goodput free:
// 1 - peak / goodput >= limit.
GateResult headroom_gate(const MoneyLimit& limit, const Latency& latency, const Verdict& verdict) {
  GateResult r;
  r.name = "min_headroom";
  r.field = "budget.min_headroom";
  r.level = limit.level;
  r.limit = limit.limit;
  if (!verdict.choice) {
    r.status = GateStatus::skipped;
    r.message = "min_headroom: not checked, no option is viable";
    return r;
  }
  const std::string option(to_string(*verdict.choice));
  const std::optional<Goodput>& g = latency_of_option(latency, *verdict.choice).goodput;
  if (!g) {
    r.status = GateStatus::skipped;
    r.message = fmt::format("min_headroom: not checked, {} has no units of its own to load (a cloud API's "
                            "capacity is the provider's)", option);
    return r;
  }
  const std::string what = g->budget_bound ? "goodput" : "capacity";
  if (!g->headroom) {
    r.status = broken(r.level);
    r.message = fmt::format("min_headroom: no call rate keeps {}'s p95 within the budget, {} required", option,
                            format_percent(limit.limit));
    return r;
  }
  r.actual = g->headroom;
  r.margin = (*g->headroom - limit.limit) / limit.limit;
  const bool short_of = *g->headroom < limit.limit;
  r.status = short_of ? broken(r.level) : GateStatus::pass;
  r.message = fmt::format("min_headroom: {}'s peak of {} calls/s leaves {} of its {} ({} calls/s) free, {} {} required",
                          option, format_count(g->peak_calls_per_second), format_percent(*g->headroom), what,
                          format_count(g->max_calls_per_second), short_of ? "under the" : "at least the",
                          format_percent(limit.limit));
  return r;
}

}  // namespace

std::vector<GateResult> check_gates(const Profile& profile, const CostModel& costs, const Latency& latency,
                                    const Verdict& verdict) {
  std::vector<GateResult> results;
  const Budget& b = profile.budget;
  const OptionCost* chosen = verdict.choice ? &costs.option(*verdict.choice) : nullptr;
  const MoneyGate money[] = {
      {"max_monthly_cost", b.max_monthly_cost, chosen ? std::optional<double>(std::max(chosen->monthly, chosen->peak_monthly)) : std::nullopt, false},  // the costliest month of a ramp or price schedule
      {"max_total_cost", b.max_total_cost, chosen ? std::optional<double>(chosen->total) : std::nullopt, false},
      {"max_cost_per_1k_calls", b.max_cost_per_1k_calls, chosen ? chosen->cost_per_1k_calls : std::nullopt, true}};
  const auto show = [&](double v, bool unit) {
    return unit ? format_unit_price(v, profile.currency) : format_money(v, profile.currency);
  };
  for (const MoneyGate& g : money) {
    if (!g.limit) continue;
    GateResult r;
    r.name = g.name;
    r.field = fmt::format("budget.{}", g.name);
    r.level = g.limit->level;
    r.limit = g.limit->limit;
    if (!chosen) {
      r.status = GateStatus::skipped;
      r.message = fmt::format("{}: not checked, no option is viable", g.name);
    } else if (!g.actual) {
      r.status = GateStatus::skipped;
      r.message = fmt::format("{}: not checked, there are no calls to price", g.name);
    } else {
      r.actual = g.actual;
      r.margin = (*g.actual - g.limit->limit) / g.limit->limit;
      const bool over = *g.actual > g.limit->limit;
      r.status = over ? broken(r.level) : GateStatus::pass;
      r.message = fmt::format("{}: {} {} {} ({}) for {}", g.name, show(*g.actual, g.unit_price),
                              over ? ">" : "<=", show(g.limit->limit, g.unit_price),
                              signed_percent(*r.margin), to_string(*verdict.choice));
    }
    results.push_back(std::move(r));
  }
  if (b.min_headroom) results.push_back(headroom_gate(*b.min_headroom, latency, verdict));
  if (b.require) {
    GateResult r;
    r.name = "require";
    r.field = "budget.require";
    r.level = b.require_level;
    const std::string got = verdict.choice ? std::string(to_string(*verdict.choice)) : "none";
    const bool met = verdict.choice == b.require;
    r.status = met ? GateStatus::pass : broken(r.level);
    r.message = fmt::format("require: verdict is {}, {} required", got, to_string(*b.require));
    results.push_back(std::move(r));
  }
  return results;
}


}  // namespace edgecalc
