// The numeric fields sensitivity analysis and scans vary: one table row per field, with its
// getter, setter, limits (the same bounds the reader checks) and --set spelling.

#include <edgecalc/profile/fields.hpp>

#include <algorithm>

#include <fmt/format.h>

#include "profile/profile_parsers.hpp"
#include "profile/profile_reader.hpp"

namespace edgecalc {

namespace {

using namespace detail::profile_parse;
using detail::Bounds;

constexpr FieldLimits limits_of(const Bounds& b) { return FieldLimits{b.min, b.min_exclusive, b.max}; }

constexpr double k_max_rtt_s = 60;  // connectivity.rtt's own limit (profile.cpp)

using Opt = std::optional<double>;

// "path=value" with the field's unit.
std::vector<std::string> one(std::string_view path, FieldUnit unit, double v) {
  return {fmt::format("{}={}", path, spell_value(unit, v))};
}

// Token prices are written as a whole map: a catalog price has no map to change one rate in.
const char* token_form(const Profile& p) {
  return p.cloud.price.form == PriceForm::per_1k_tokens ? "per_1k_tokens" : "per_1m_tokens";
}
std::vector<std::string> token_prices(const Profile& p, double in, double out, std::optional<double> cached) {
  std::string map = fmt::format("{{input: {}, output: {}", in, out);
  if (cached) map += fmt::format(", cached_input: {}", *cached);
  std::vector<std::string> out_sets{fmt::format("cloud.price={{{}: {}}}}}", token_form(p), map)};
  // A price from cloud.price.model loses its model with the map: keep the call time it gave.
  if (p.positions.contains("cloud.price.model"))
    out_sets.push_back(fmt::format("cloud.inference_time={}", spell_value(FieldUnit::seconds, p.cloud.inference_time_s)));
  return out_sets;
}
void written_price(Profile& p) { p.derivations.catalog_price.reset(); }

std::vector<std::string> power_curve(double idle, double active) {
  return {fmt::format("edge.power={{idle: {}W, active: {}W}}", idle, active)};
}

std::vector<std::string> rtt(const Profile& p, double low) {
  const double high = low * p.connectivity.rtt->high_s / p.connectivity.rtt->low_s;
  return {fmt::format("connectivity.rtt={}s..{}s", low, high)};
}

#define EC_PLAIN(PATH, UNIT, BOUNDS, GET, PUT)                                                  \
  NumericField {                                                                                 \
    PATH, FieldUnit::UNIT, [](const Profile& p) -> Opt { return GET; },                          \
        [](Profile& p, double v) { PUT; }, [](const Profile&) { return limits_of(BOUNDS); },       \
        [](const Profile&, double v) { return one(PATH, FieldUnit::UNIT, v); }                   \
  }

// The input, output and cached-input rates of one token price form.
#define EC_TOKEN_PRICE(FORM, NAME, GET, PUT, IN, OUT, CACHED)                                          \
  NumericField {                                                                                    \
    "cloud.price." #FORM "." #NAME, FieldUnit::money_per_tokens,                                    \
        [](const Profile& p) -> Opt { return p.cloud.price.form == PriceForm::FORM ? (GET) : std::nullopt; }, \
        [](Profile& p, double v) { PUT = v, written_price(p); }, [](const Profile&) { return limits_of(k_money); }, \
        [](const Profile& p, double v) { return token_prices(p, IN, OUT, CACHED); }                   \
  }
#define EC_TOKEN_PRICES(FORM)                                                                           \
  EC_TOKEN_PRICE(FORM, input, Opt(p.cloud.price.input_per_tokens), p.cloud.price.input_per_tokens, v,        \
                 p.cloud.price.output_per_tokens, p.cloud.price.cached_input_per_tokens),               \
      EC_TOKEN_PRICE(FORM, output, Opt(p.cloud.price.output_per_tokens), p.cloud.price.output_per_tokens,    \
                     p.cloud.price.input_per_tokens, v, p.cloud.price.cached_input_per_tokens),         \
      EC_TOKEN_PRICE(FORM, cached_input, p.cloud.price.cached_input_per_tokens,            \
                     p.cloud.price.cached_input_per_tokens, p.cloud.price.input_per_tokens,             \
                     p.cloud.price.output_per_tokens, Opt(v))

const NumericField k_fields[] = {
    EC_PLAIN("horizon", seconds, (Bounds{0, true, k_max_duration_s}), p.horizon_s, p.horizon_s = v),
    EC_PLAIN("finance.discount_rate", share_per_year, (Bounds{0, false, 1}), p.finance.discount_rate,
             p.finance.discount_rate = v),
    EC_PLAIN("workload.calls", per_second, (Bounds{0, false, k_max_rate}), p.workload.calls_per_s,
             p.workload.calls_per_s = v),
    EC_PLAIN("workload.peak_factor", number, (Bounds{1, false, 1e6}), p.workload.peak_factor, p.workload.peak_factor = v),
    EC_PLAIN("workload.latency_budget", seconds, k_latency, p.workload.latency_budget_s, p.workload.latency_budget_s = v),
    EC_PLAIN("workload.payload", bytes, (Bounds{0, false, k_max_bytes}), p.workload.payload_bytes,
             p.workload.payload_bytes = v),
    EC_PLAIN("workload.service_cv", number, (Bounds{0, false, 10}), p.workload.service_cv, p.workload.service_cv = v),
    EC_PLAIN("workload.tokens.input", tokens, (Bounds{0, false, k_max_tokens}),
             p.workload.tokens ? Opt(p.workload.tokens->input) : std::nullopt, p.workload.tokens->input = v),
    EC_PLAIN("workload.tokens.output", tokens, (Bounds{0, false, k_max_tokens}),
             p.workload.tokens ? Opt(p.workload.tokens->output) : std::nullopt, p.workload.tokens->output = v),
    EC_PLAIN("workload.tokens.cached_input", fraction, k_fraction,
             p.workload.tokens ? Opt(p.workload.tokens->cached_share) : std::nullopt,
             p.workload.tokens->cached_share = v),
    EC_PLAIN("workload.hard_fraction", fraction, k_fraction, p.workload.hard_fraction, p.workload.hard_fraction = v),
    EC_PLAIN("fleet.size", count, (Bounds{0, true, k_max_count, true}), p.fleet.size, p.fleet.size = v),
    EC_PLAIN("fleet.ramp.start", count, (Bounds{0, false, k_max_count, true}),
             p.fleet.ramp && p.fleet.ramp->shape != FleetRamp::Shape::list ? Opt(p.fleet.ramp->start) : std::nullopt,
             p.fleet.ramp->start = v),
    NumericField{"connectivity.rtt", FieldUnit::seconds,
                 [](const Profile& p) -> Opt {
                   return p.connectivity.rtt && p.connectivity.rtt->low_s > 0 ? Opt(p.connectivity.rtt->low_s) : std::nullopt;
                 },
                 [](Profile& p, double v) {
                   DurationRange& r = *p.connectivity.rtt;
                   r = DurationRange{v, v * r.high_s / r.low_s};
                 },
                 [](const Profile& p) {
                   return FieldLimits{0, true, k_max_rtt_s * p.connectivity.rtt->low_s / p.connectivity.rtt->high_s * (1 - 1e-12)};
                 },
                 rtt},
    EC_PLAIN("connectivity.uplink", bytes_per_second, (Bounds{k_min_uplink, false, 1e12}), p.connectivity.uplink_bytes_per_s,
             p.connectivity.uplink_bytes_per_s = v),
    EC_PLAIN("connectivity.outage", seconds, (Bounds{0, false, k_max_duration_s}), p.connectivity.outage_s,
             p.connectivity.outage_s = v),
    EC_PLAIN("connectivity.offline_tolerance", seconds, (Bounds{0, false, k_max_duration_s}),
             p.connectivity.offline_tolerance_s, p.connectivity.offline_tolerance_s = v),
    EC_PLAIN("connectivity.data_price", money_per_gb, k_money,
             p.connectivity.network != Network::none ? Opt(p.connectivity.data_price_per_gb) : std::nullopt,
             p.connectivity.data_price_per_gb = v),
    EC_PLAIN("cloud.price.per_call", money, k_money,
             p.cloud.price.form == PriceForm::per_call ? Opt(p.cloud.price.per_call) : std::nullopt, p.cloud.price.per_call = v),
    EC_TOKEN_PRICES(per_1k_tokens), EC_TOKEN_PRICES(per_1m_tokens),
    EC_PLAIN("cloud.price.instance.hourly", money_per_hour, k_money,
             p.cloud.price.form == PriceForm::instance ? Opt(p.cloud.price.hourly) : std::nullopt, p.cloud.price.hourly = v),
    EC_PLAIN("cloud.price.instance.capacity", per_second, (Bounds{k_min_capacity, false, 1e9}),
             p.cloud.price.form == PriceForm::instance ? Opt(p.cloud.price.capacity_per_s) : std::nullopt,
             p.cloud.price.capacity_per_s = v),
    EC_PLAIN("cloud.price.instance.min", count, (Bounds{0, false, 1e6, true}),
             p.cloud.price.form == PriceForm::instance ? Opt(p.cloud.price.min_instances) : std::nullopt,
             p.cloud.price.min_instances = v),
    EC_PLAIN("cloud.price.instance.utilization", fraction, k_utilization,
             p.cloud.price.form == PriceForm::instance ? Opt(p.cloud.price.utilization) : std::nullopt,
             p.cloud.price.utilization = v),
    EC_PLAIN("cloud.price.instance.interruptions", per_second, (Bounds{0, false, 1}),
             p.cloud.price.form == PriceForm::instance && p.cloud.price.rental == RentalTier::spot
                 ? Opt(p.cloud.price.interruptions_per_s) : std::nullopt,
             p.cloud.price.interruptions_per_s = v),
    EC_PLAIN("cloud.price.instance.cold_start", seconds, (Bounds{0, false, k_max_latency_s}),
             p.cloud.price.form == PriceForm::instance &&
                     (p.cloud.price.rental == RentalTier::spot || p.cloud.price.rental == RentalTier::scale_to_zero)
                 ? Opt(p.cloud.price.cold_start_s) : std::nullopt,
             p.cloud.price.cold_start_s = v),
    EC_PLAIN("cloud.price.instance.idle_timeout", seconds, (Bounds{0, false, k_max_latency_s}),
             p.cloud.price.form == PriceForm::instance && p.cloud.price.rental == RentalTier::scale_to_zero
                 ? Opt(p.cloud.price.idle_timeout_s) : std::nullopt,
             p.cloud.price.idle_timeout_s = v),
    EC_PLAIN("cloud.inference_time", seconds, (Bounds{0, false, k_max_latency_s}),
             p.cloud.ttft_s || p.cloud.output_tokens_per_s ? std::nullopt : Opt(p.cloud.inference_time_s),
             (p.cloud.inference_time_s = v, p.derivations.api_ttft_s.reset(), p.derivations.api_tokens_per_s.reset())),
    EC_PLAIN("cloud.ttft", seconds, (Bounds{0, false, k_max_latency_s}), p.derivations.api_ttft_s,
             (p.cloud.ttft_s = v, p.derivations.api_ttft_s = v)),
    EC_PLAIN("cloud.output_speed", per_second, (Bounds{0, true, 1e9}), p.derivations.api_tokens_per_s,
             (p.cloud.output_tokens_per_s = v, p.derivations.api_tokens_per_s = v)),
    EC_PLAIN("cloud.transfer", money_per_gb, k_money, p.cloud.transfer_per_gb, p.cloud.transfer_per_gb = v),
    EC_PLAIN("cloud.fixed", money_per_month, k_money, p.cloud.fixed_per_month, p.cloud.fixed_per_month = v),
    EC_PLAIN("edge.unit_cost", money, k_money, p.edge.unit_cost, p.edge.unit_cost = v),
    EC_PLAIN("edge.capacity", per_second, (Bounds{k_min_capacity, false, 1e9}), p.edge.capacity_per_s,
             (p.edge.capacity_per_s = v, p.predictor ? void(p.predictor->capacity_set = true) : void())),
    EC_PLAIN("edge.max_concurrency", count, (Bounds{1, false, 1e6, true}), p.edge.max_concurrency,
             p.edge.max_concurrency = v),
    EC_PLAIN("edge.utilization", fraction, k_utilization, p.edge.utilization, p.edge.utilization = v),
    EC_PLAIN("edge.inference_time", seconds, k_latency,
             p.edge.inference_time_s > 0 ? Opt(p.edge.inference_time_s) : std::nullopt,
             (p.edge.inference_time_s = v, p.predictor ? void(p.predictor->inference_time_set = true) : void())),
    EC_PLAIN("edge.power", watts, (Bounds{0, false, k_max_power_w}),
             p.edge.power_curve ? std::nullopt : Opt(p.edge.power_w), p.edge.power_w = v),
    NumericField{"edge.power.idle", FieldUnit::watts,
                 [](const Profile& p) -> Opt { return p.edge.power_curve ? Opt(p.edge.power_curve->idle_w) : std::nullopt; },
                 [](Profile& p, double v) { p.edge.power_curve->idle_w = v; },
                 [](const Profile& p) { return FieldLimits{0, false, p.edge.power_curve->active_w}; },
                 [](const Profile& p, double v) { return power_curve(v, p.edge.power_curve->active_w); }},
    NumericField{"edge.power.active", FieldUnit::watts,
                 [](const Profile& p) -> Opt { return p.edge.power_curve ? Opt(p.edge.power_curve->active_w) : std::nullopt; },
                 [](Profile& p, double v) { p.edge.power_curve->active_w = v; },
                 [](const Profile& p) { return FieldLimits{p.edge.power_curve->idle_w, false, k_max_power_w}; },
                 [](const Profile& p, double v) { return power_curve(p.edge.power_curve->idle_w, v); }},
    EC_PLAIN("edge.energy_price", money_per_kwh, k_money, p.edge.energy_price_per_kwh, p.edge.energy_price_per_kwh = v),
    EC_PLAIN("edge.pue", number, (Bounds{1, false, 10}), p.edge.pue, p.edge.pue = v),
    EC_PLAIN("edge.engineering", money, k_money, p.edge.engineering, p.edge.engineering = v),
    NumericField{"edge.maintenance", FieldUnit::money_per_month,
                 [](const Profile& p) -> Opt {
                   return p.edge.maintenance.is_share ? p.edge.maintenance.share_per_year : p.edge.maintenance.per_month;
                 },
                 [](Profile& p, double v) {
                   (p.edge.maintenance.is_share ? p.edge.maintenance.share_per_year : p.edge.maintenance.per_month) = v;
                 },
                 [](const Profile& p) { return p.edge.maintenance.is_share ? FieldLimits{0, false, 1} : limits_of(k_money); },
                 [](const Profile& p, double v) { return one("edge.maintenance", unit_in(*find_numeric_field("edge.maintenance"), p), v); }},
    EC_PLAIN("edge.fixed", money_per_month, k_money, p.edge.fixed_per_month, p.edge.fixed_per_month = v),
    EC_PLAIN("edge.lifetime", seconds, (Bounds{0, true, k_max_duration_s}), p.edge.lifetime_s, p.edge.lifetime_s = v),
    EC_PLAIN("hybrid.escalation", fraction, k_fraction, p.hybrid.escalation,
             (p.hybrid.escalation = v, p.derivations.escalation_is_hard_fraction = false)),
    EC_PLAIN("hybrid.router_time", seconds, (Bounds{0, false, k_max_latency_s}), p.hybrid.router_time_s,
             p.hybrid.router_time_s = v),
    EC_PLAIN("battery.capacity", joules, (Bounds{0, true, k_max_capacity_j}),
             p.battery ? Opt(p.battery->capacity_j) : std::nullopt, if (p.battery) p.battery->capacity_j = v),
    EC_PLAIN("battery.sleep", watts, (Bounds{0, false, k_max_sleep_w}), p.battery ? Opt(p.battery->sleep_w) : std::nullopt,
             if (p.battery) p.battery->sleep_w = v),
    EC_PLAIN("battery.message_energy", joules, (Bounds{0, false, k_max_radio_j}),
             p.battery ? Opt(p.battery->message_j) : std::nullopt, if (p.battery) p.battery->message_j = v),
    EC_PLAIN("battery.byte_energy", joules, (Bounds{0, false, k_max_radio_j}),
             p.battery ? Opt(p.battery->byte_j) : std::nullopt, if (p.battery) p.battery->byte_j = v),
    EC_PLAIN("battery.min_life", seconds, (Bounds{0, true, k_max_duration_s}),
             p.battery ? p.battery->min_life_s : std::nullopt, if (p.battery) p.battery->min_life_s = v),
    EC_PLAIN("close_call", fraction, k_fraction, p.close_call, p.close_call = v),
};

#undef EC_PLAIN
#undef EC_TOKEN_PRICES
#undef EC_TOKEN_PRICE

// What build_profile derived from other fields, derived again (profile_cloud.cpp, profile.cpp).
void rederive(Profile& p) {
  const Derivations& d = p.derivations;
  if (d.escalation_is_hard_fraction) p.hybrid.escalation = p.workload.hard_fraction;
  if (d.catalog_price && p.workload.tokens) {
    const detail::ChosenPrice c = detail::choose_price(*d.catalog_price, p.cloud.price.tier, *p.workload.tokens);
    p.cloud.price.input_per_tokens = c.input;
    p.cloud.price.output_per_tokens = c.output;
    p.cloud.price.cached_input_per_tokens = c.cached_input;
  }
  if (d.api_ttft_s && d.api_tokens_per_s && p.workload.tokens)
    p.cloud.inference_time_s = *d.api_ttft_s + p.workload.tokens->output / *d.api_tokens_per_s;
}

}  // namespace

std::span<const NumericField> numeric_fields() { return k_fields; }

const NumericField* find_numeric_field(std::string_view path) {
  for (const NumericField& f : k_fields)
    if (f.path == path) return &f;
  return nullptr;
}

std::vector<std::string> numeric_field_names() {
  std::vector<std::string> names;
  for (const NumericField& f : k_fields) names.emplace_back(f.path);
  return names;
}

void set_field(Profile& profile, const NumericField& field, double value) {
  field.put(profile, value);
  rederive(profile);
}

FieldUnit unit_in(const NumericField& field, const Profile& p) {
  if (field.path == "edge.maintenance" && p.edge.maintenance.is_share) return FieldUnit::share_per_year;
  return field.unit;
}

Parsed parse_field_value(const NumericField& field, const Profile& p, std::string_view t) {
  const UnitContext u{p.month_s, p.currency};
  switch (unit_in(field, p)) {
    case FieldUnit::seconds: return parse_duration(t, u);
    case FieldUnit::per_second: return parse_rate(t, u);
    case FieldUnit::bytes: return parse_size(t);
    case FieldUnit::bytes_per_second: return parse_bandwidth(t);
    case FieldUnit::watts: return parse_power(t);
    case FieldUnit::joules: return parse_energy(t);
    case FieldUnit::money:
    case FieldUnit::money_per_tokens: return parse_money(t, u);
    case FieldUnit::money_per_gb: return parse_price_per_gb(t, u);
    case FieldUnit::money_per_kwh: return parse_price_per_kwh(t, u);
    case FieldUnit::money_per_hour: return parse_price_per_period(t, 3600, u, true);
    case FieldUnit::money_per_month: return parse_price_per_period(t, p.month_s, u);
    case FieldUnit::share_per_year: return parse_share_per_year(t, u);
    case FieldUnit::fraction: return parse_fraction(t);
    case FieldUnit::number: return parse_number(t);
    case FieldUnit::count:
    case FieldUnit::tokens: return parse_count(t);
  }
  return parse_number(t);
}

std::string spell_value(FieldUnit unit, double v) {
  switch (unit) {
    case FieldUnit::seconds: return fmt::format("{}s", v);
    case FieldUnit::per_second: return fmt::format("{}/s", v);
    case FieldUnit::bytes: return fmt::format("{}B", v);
    case FieldUnit::bytes_per_second: return fmt::format("{}B/s", v);
    case FieldUnit::watts: return fmt::format("{}W", v);
    case FieldUnit::joules: return fmt::format("{}J", v);
    case FieldUnit::money_per_gb: return fmt::format("{}/GB", v);
    case FieldUnit::money_per_kwh: return fmt::format("{}/kWh", v);
    case FieldUnit::money_per_hour: return fmt::format("{}/h", v);
    case FieldUnit::money_per_month: return fmt::format("{}/month", v);
    case FieldUnit::share_per_year: return fmt::format("{}%/year", v * 100);
    case FieldUnit::money:
    case FieldUnit::money_per_tokens:
    case FieldUnit::fraction:
    case FieldUnit::number:
    case FieldUnit::count:
    case FieldUnit::tokens: return fmt::format("{}", v);
  }
  return fmt::format("{}", v);
}

std::string unit_name(FieldUnit unit, const Profile& p) {
  switch (unit) {
    case FieldUnit::seconds: return "s";
    case FieldUnit::per_second: return "1/s";
    case FieldUnit::bytes: return "B";
    case FieldUnit::bytes_per_second: return "B/s";
    case FieldUnit::watts: return "W";
    case FieldUnit::joules: return "J";
    case FieldUnit::money: return p.currency;
    case FieldUnit::money_per_gb: return p.currency + "/GB";
    case FieldUnit::money_per_kwh: return p.currency + "/kWh";
    case FieldUnit::money_per_hour: return p.currency + "/h";
    case FieldUnit::money_per_month: return p.currency + "/month";
    case FieldUnit::money_per_tokens:
      return p.currency + (p.cloud.price.form == PriceForm::per_1k_tokens ? "/1k tokens" : "/1M tokens");
    case FieldUnit::share_per_year: return "1/year";
    case FieldUnit::fraction: return "fraction";
    case FieldUnit::number:
    case FieldUnit::count: return "1";
    case FieldUnit::tokens: return "tokens";
  }
  return "1";
}

}  // namespace edgecalc
