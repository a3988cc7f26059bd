// Reading the `budget:` and `rules:` sections of a profile: the gates, and overrides of the rules
// engine's table.

#include <edgecalc/domain/rule_table.hpp>

#include "profile/profile_reader.hpp"

namespace edgecalc::detail {

namespace {

std::string_view kind_example(ThresholdKind kind) {
  switch (kind) {
    case ThresholdKind::duration: return "15ms";
    case ThresholdKind::fraction: return "5%";
    case ThresholdKind::count: return "10k";
    case ThresholdKind::rate: return "1/h";
    case ThresholdKind::none: break;
  }
  return "";
}

ParseFn parser_for(ThresholdKind kind, const UnitContext& units) {
  switch (kind) {
    case ThresholdKind::duration: return [&units](std::string_view t) { return parse_duration(t, units); };
    case ThresholdKind::fraction: return [](std::string_view t) { return parse_fraction(t); };
    case ThresholdKind::count: return [](std::string_view t) { return parse_count(t); };
    case ThresholdKind::rate: return [&units](std::string_view t) { return parse_rate(t, units); };
    case ThresholdKind::none: break;
  }
  return [](std::string_view) { return Parsed{0, "cannot be set"}; };
}

}  // namespace

void read_rule_overrides(FieldReader r, std::map<std::string, RuleOverride>& overrides) {
  if (!r.present()) return;
  ReadContext& ctx = r.context();
  const std::vector<std::string> ids = rule_ids();
  for (const MapEntry& e : r.node()->entries) {
    r.entry(e.key);  // every key is handled here, none is "unknown" to finish()
    const RuleInfo* rule = find_rule_info(e.key);
    if (!rule) {
      std::string message = fmt::format("unknown rule `{}` in rules", e.key);
      if (const auto best = closest_match(e.key, ids)) message += fmt::format("; did you mean `{}`?", *best);
      else message += "; `edgecalc rules` lists them";
      ctx.diagnostics.error(e.key_position, std::move(message));
      continue;
    }
    RuleOverride o;
    const Node& v = *e.value;
    const std::string path = fmt::format("rules.{}", e.key);
    if (v.kind == Node::Kind::scalar && !v.quoted && (v.text == "off" || v.text == "on")) {
      o.enabled = v.text == "on";
    } else if (v.kind == Node::Kind::map) {
      FieldReader m(ctx, &v, path, e.key_position);
      if (m.entry("enabled")) o.enabled = m.boolean("enabled").value_or(true);
      if (m.entry("threshold")) {
        if (rule->threshold_kind == ThresholdKind::none) {
          m.error_at("threshold", fmt::format("{} has no threshold to set; it can only be turned off", path));
        } else {
          o.threshold = m.quantity("threshold", parser_for(rule->threshold_kind, ctx.units),
                                   Bounds{0, false, 1e15}, false, kind_example(rule->threshold_kind));
        }
      }
      m.finish();
    } else {
      ctx.diagnostics.error(v.position, fmt::format("{} must be off, on or {{threshold: {}}}", path,
                                                    rule->threshold_kind == ThresholdKind::none
                                                        ? "..."
                                                        : kind_example(rule->threshold_kind)));
      continue;
    }
    overrides[e.key] = o;
  }
  r.finish();
}

namespace {

// `key: $500k` or `key: {limit: $500k, level: warn}` (or a share, with `parse` and `bounds`).
std::optional<MoneyLimit> read_limit(FieldReader& r, std::string_view key, const ParseFn& parse, const Bounds& bounds,
                                     std::string_view example) {
  const MapEntry* e = r.entry(key);
  if (!e) return std::nullopt;
  if (e->value->kind != Node::Kind::map) {
    const auto v = r.quantity(key, parse, bounds, false, example);
    return v ? std::optional<MoneyLimit>(MoneyLimit{*v, GateLevel::fail}) : std::nullopt;
  }
  FieldReader m = r.section(key, false);
  const auto limit = m.quantity("limit", parse, bounds, true, example);
  const auto level = m.choice<GateLevel>("level", gate_level_names(), false).value_or(GateLevel::fail);
  m.finish();
  return limit ? std::optional<MoneyLimit>(MoneyLimit{*limit, level}) : std::nullopt;
}

}  // namespace

void read_budget(FieldReader r, const UnitContext& u, Budget& b) {
  const ParseFn money = [&u](std::string_view t) { return parse_money(t, u); };
  constexpr Bounds k_limit{0, true, 1e15};
  b.max_monthly_cost = read_limit(r, "max_monthly_cost", money, k_limit, "$20000");
  b.max_total_cost = read_limit(r, "max_total_cost", money, k_limit, "$500000");
  b.max_cost_per_1k_calls = read_limit(r, "max_cost_per_1k_calls", money, k_limit, "$0.50");
  // The smallest relative move of a field that may flip the verdict (explore/sensitivity.hpp).
  b.min_margin = read_limit(r, "min_margin", k_share, Bounds{0, true, 1000, false, "0%", "100000%"}, "25%");
  // The share of the chosen option's goodput the peak must leave free (model/latency.hpp).
  b.min_headroom = read_limit(r, "min_headroom", k_share, Bounds{0, true, 1, false, "0%", "100%"}, "30%");
  // The share of Monte Carlo samples the verdict must win (explore/uncertainty.hpp).
  b.min_confidence = read_limit(r, "min_confidence", k_share, Bounds{0, true, 1, false, "0%", "100%"}, "80%");
  const MapEntry* e = r.entry("require");
  if (e && e->value->kind == Node::Kind::map) {
    FieldReader m = r.section("require", false);
    b.require = m.choice<Option>("option", option_names(), true);
    b.require_level = m.choice<GateLevel>("level", gate_level_names(), false).value_or(GateLevel::fail);
    m.finish();
  } else {
    b.require = r.choice<Option>("require", option_names(), false);
  }
  r.finish();
}


}  // namespace edgecalc::detail
