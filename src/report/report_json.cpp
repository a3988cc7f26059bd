#include <edgecalc/report/report_json.hpp>

#include <edgecalc/decide/assumptions.hpp>

#include "report/report_finance.hpp"
#include "util/json_util.hpp"

namespace edgecalc {

namespace {

using Json = nlohmann::ordered_json;

std::string_view side_name(Side s) { return s == Side::cloud ? "cloud" : "edge"; }

// Units under the peak load, as a queue (model/serving.hpp). Waits are null when the units
// cannot keep up.
Json load_json(const OptionLoad& l) {
  const auto ms = [&](double s) { return l.saturated ? Json(nullptr) : Json(s * 1000); };
  return {{"peak_calls_per_second", l.peak_calls_per_second},
          {"servers", l.servers},
          {"concurrency_per_unit", l.concurrency_per_unit},
          {"utilization_at_peak", l.utilization_at_peak},
          {"busy_at_peak", l.busy_share},
          {"probability_of_waiting", l.probability_of_waiting},
          {"wait_p50_ms", ms(l.wait_p50_s)},
          {"wait_p95_ms", ms(l.wait_p95_s)},
          {"service_ms", l.service_s * 1000},
          {"service_cv", l.call.service_cv},
          {"call_p50_ms", ms(call_time_quantile(l.call, 0.5))},
          {"call_p95_ms", ms(call_time_quantile(l.call, 0.95))},
          {"operating_batch", l.operating_batch},
          {"saturated", l.saturated},
          {"meets_budget", l.meets_budget},
          {"sized_by", to_string(l.sized_by)}};
}

// Rented instances' tier and what it does to them (model/rental.hpp); null for other prices.
Json rental_json(const std::optional<RentalCost>& r) {
  if (!r) return nullptr;
  const RentalEffect& e = r->effect;
  return {{"tier", to_string(r->tier)},
          {"hourly", r->hourly},
          {"instances_billed", r->instances_billed},
          {"capacity_share", e.capacity_share},
          {"work_factor", e.work_factor},
          {"retry_share", e.retry_share},
          {"cold_start_share", e.cold_start_share},
          {"commitment_months", r->commitment_months > 0 ? Json(r->commitment_months) : Json(nullptr)},
          {"committed_months", r->commitment_months > 0 ? Json(r->committed_months) : Json(nullptr)}};
}

// Energy and carbon of one call (model/energy.cpp); parts null where unknown.
Json energy_json(const EnergyUse& e) {
  return {{"per_call_j", or_null(e.per_call_j)},
          {"local_j", or_null(e.local_j)},
          {"cloud_j", or_null(e.cloud_j)},
          {"carbon_per_call_g", or_null(e.carbon_per_call_g)},
          {"carbon_per_month_kg", or_null(e.carbon_per_month_kg)},
          {"unknown", e.unknown.empty() ? Json(nullptr) : Json(e.unknown)}};
}

// One device's battery life under an option (model/battery.cpp); null without battery:.
Json battery_json(const std::optional<BatteryLife>& b) {
  if (!b) return nullptr;
  return {{"life_days", b->life_s ? Json(*b->life_s / 86400) : Json(nullptr)},
          {"average_w", or_null(b->average_w)},
          {"compute_j", or_null(b->compute_j)},
          {"radio_j", b->radio_j},
          {"unknown", b->unknown.empty() ? Json(nullptr) : Json(b->unknown)}};
}

// An option's costs; null costs, no lines and no curve for an option that is not priced.
Json option_json(const OptionCost& o, double horizon_months, bool priced = true) {
  if (!priced) {
    Json j = {{"upfront_cost", nullptr}, {"monthly_cost", nullptr}, {"total_cost", nullptr},
              {"cost_per_1k_calls", nullptr}, {"units", nullptr}, {"units_label", nullptr},
              {"instances", nullptr}, {"rental", nullptr}, {"replacement_cost", nullptr}, {"replacement_count", nullptr},
              {"lifetime_months", nullptr}, {"breakdown", Json::array()}, {"cumulative", Json::array()},
              {"load", nullptr}, {"energy_per_call_j", nullptr}, {"energy", nullptr}, {"battery", nullptr}};
    detail::add_money_over_time(j, o, false);
    return j;
  }
  Json breakdown = Json::array();
  for (const CostLine& line : o.breakdown) {
    breakdown.push_back({{"item", line.item},
                         {"side", side_name(line.side)},
                         {"upfront", line.upfront},
                         {"monthly", line.monthly},
                         {"total", line.total}});
  }
  Json j = {{"upfront_cost", o.upfront},
          {"monthly_cost", o.monthly},
          {"total_cost", o.total},
          {"cost_per_1k_calls", or_null(o.cost_per_1k_calls)},
          {"units", or_null(o.units)},
          {"units_label", o.units ? Json(o.units_label) : Json(nullptr)},
          {"instances", or_null(o.instances)},
          {"rental", rental_json(o.rental)},
          {"replacement_cost", o.replacements},
          {"replacement_count", o.replacement_count},
          {"lifetime_months", or_null(o.lifetime_months)},
          {"breakdown", breakdown},
          {"cumulative", cumulative_curve(o, horizon_months)},
          {"load", o.load ? load_json(*o.load) : Json(nullptr)},
          {"energy_per_call_j", or_null(o.energy_per_call_j)},
          {"energy", energy_json(o.energy)},
          {"battery", battery_json(o.battery)}};
  detail::add_money_over_time(j, o, true);
  return j;
}

Json location(std::string_view field, Position at) {
  return {{"field", field}, {"line", at.line}, {"column", at.column}};
}

Json location(const Profile& p, std::string_view field) { return location(field, position_of(p, field)); }

Json ms_or_null(const std::optional<double>& seconds) {
  return seconds ? Json(*seconds * 1000) : Json(nullptr);
}

// The highest peak rate the option's units carry within the latency budget (model/latency.hpp).
Json goodput_json(const std::optional<Goodput>& g) {
  if (!g) return nullptr;
  return {{"peak_calls_per_second", g->peak_calls_per_second},
          {"max_calls_per_second", g->max_calls_per_second},
          {"headroom", or_null(g->headroom)},
          {"units", g->units},
          {"per_device", g->per_device},
          {"limited_by", g->budget_bound ? "latency_budget" : "saturation"},
          {"fleet_size_limit", or_null(g->fleet_size_limit)}};
}

// Feasibility and latency of one option, from the rules and the latency model.
void add_status(Json& j, const OptionStatus& s, const OptionLatency& l,
                const std::optional<double>& budget_s) {
  j["feasible"] = s.feasible();
  j["applicable"] = s.applicable;
  j["not_applicable_reason"] = s.applicable ? Json(nullptr) : Json(s.not_applicable_reason);
  j["blocked_by"] = s.blocked_by;
  j["favored_by"] = s.favored_by;
  j["latency_ms"] = {{"p50", ms_or_null(l.p50_s)}, {"p95", ms_or_null(l.p95_s)}};
  j["within_budget"] = !l.p95_s ? Json(nullptr) : Json(!budget_s || p95_within_budget(l, *budget_s));
  j["goodput"] = goodput_json(l.goodput);
}

Json crossing_json(const std::optional<Crossing>& c) {
  if (!c) return nullptr;
  return c->value;
}

Json break_even_json(const BreakEven& be) {
  auto side = [](const std::optional<Crossing>& c) {
    return c ? Json(c->cheaper_above ? "above" : "below") : Json(nullptr);
  };
  return {{"month", or_null(be.month)},
          {"within_horizon", be.within_horizon},
          {"discounted_month", or_null(be.discounted_month)},
          {"calls_per_month", crossing_json(be.calls_per_month)},
          {"cheaper_calls_per_month", side(be.calls_per_month)},
          {"fleet_size", crossing_json(be.fleet_size)},
          {"cheaper_fleet_size", side(be.fleet_size)}};
}

Json workload_json(const Report& r) {
  const CostModel& m = r.costs;
  return {
      {"calls_per_month", m.volume.calls_per_month},
      {"calls_per_second", m.volume.calls_per_second},
      {"calls_per_member_per_second", r.profile.workload.calls_per_s},
      {"peak_calls_per_second", m.volume.peak_calls_per_second},
      {"tokens_per_month", r.profile.workload.tokens ? Json(m.volume.tokens_per_month()) : Json(nullptr)},
      {"input_tokens_per_month", r.profile.workload.tokens ? Json(m.volume.input_tokens_per_month) : Json(nullptr)},
      {"output_tokens_per_month", r.profile.workload.tokens ? Json(m.volume.output_tokens_per_month) : Json(nullptr)},
      {"bytes_per_month", m.volume.bytes_per_month},
      {"fleet_size", r.profile.fleet.size},
      {"fleet_unit", r.profile.fleet.unit}};
}

// What the predictor derived for edge.hardware running workload.model, with its workings.
Json prediction_json(const Prediction& pr, const Profile& p, const EdgeSizing& sizing) {
  Json workings = Json::array();
  for (const auto& [what, how] : pr.workings) workings.push_back({{"quantity", what}, {"how", how}});
  return {
      {"hardware", pr.hardware_id},
      {"model", pr.model_id},
      {"quantization", pr.llm ? Json(pr.quantization_id) : Json(nullptr)},
      {"runtime", or_null(pr.runtime_id)},
      {"decode_tokens_per_second", or_null(pr.decode_tokens_per_second)},
      {"prefill_tokens_per_second", or_null(pr.prefill_tokens_per_second)},
      {"macs_per_second", or_null(pr.macs_per_second)},
      {"call_latency_ms", pr.call_latency_s * 1000},
      {"memory_required_bytes", pr.memory_required_bytes},
      {"memory_available_bytes", pr.memory_available_bytes},
      {"flash_required_bytes", or_null(pr.flash_required_bytes)},
      {"flash_available_bytes", or_null(pr.flash_available_bytes)},
      {"calls_per_second_capacity", pr.calls_per_second_capacity},
      {"busy_fraction", p.edge.deployment == Deployment::device ? Json(sizing.busy_mean) : Json(nullptr)},
      {"context_tokens", or_null(pr.context_tokens)},
      {"fits_memory", pr.fits_memory()},
      {"max_concurrency", pr.batch ? Json(pr.batch->max_concurrency) : Json(nullptr)},
      {"kv_cache_bytes_per_call", or_null(pr.kv_cache_bytes_per_call)},
      {"batch_decode_tokens_per_second",
       pr.batch ? Json(pr.batch->aggregate_tokens_per_s(sizing.load.operating_batch)) : Json(nullptr)},
      {"operating_batch", pr.batch ? Json(sizing.load.operating_batch) : Json(nullptr)},
      {"workings", workings}};
}

Json fired_json(const Report& r) {
  Json fired = Json::array();
  for (const FiredRule& f : r.fired) {
    fired.push_back({{"id", f.rule->id},
                     {"effect", to_string(f.rule->effect)},
                     {"option", to_string(f.option)},
                     {"message", f.message},
                     {"source", f.rule->source},
                     {"location", location(r.profile, f.rule->field)},
                     {"threshold", f.rule->threshold_kind == ThresholdKind::none ? Json(nullptr)
                                                                                  : Json(f.threshold)}});
  }
  return fired;
}

}  // namespace

nlohmann::ordered_json report_json(const Report& r) {
  const CostModel& m = r.costs;
  Json j;
  j["report_version"] = k_report_version;
  j["profile"] = r.profile.name;
  j["file"] = r.profile.file;
  j["date"] = r.today;
  j["description"] = r.profile.description;
  j["horizon_months"] = m.horizon_months;
  j["hours_per_month"] = m.hours_per_month;
  j["currency"] = r.profile.currency;
  j["carbon"] = {{"grid", r.profile.carbon.grid},
                 {"grid_g_per_kwh", r.profile.carbon.grid_g_per_kwh},
                 {"cloud_grid", r.profile.carbon.cloud_grid},
                 {"cloud_g_per_kwh", r.profile.carbon.cloud_g_per_kwh}};
  if (const auto& b = r.profile.battery)
    j["battery"] = {{"capacity_j", b->capacity_j},
                    {"voltage_v", or_null(b->voltage_v)},
                    {"sleep_w", b->sleep_w},
                    {"radio", b->radio},
                    {"message_j", b->message_j},
                    {"byte_j", b->byte_j},
                    {"min_life_days", b->min_life_s ? Json(*b->min_life_s / 86400) : Json(nullptr)}};
  else
    j["battery"] = nullptr;
  const auto& catalog_price = r.profile.derivations.catalog_price;
  j["cloud_provider"] = catalog_price && !catalog_price->provider.empty() ? Json(catalog_price->provider) : Json(nullptr);
  j["workload"] = workload_json(r);
  j["options"] = {{"cloud", option_json(m.cloud, m.horizon_months)},
                  {"edge", option_json(m.edge, m.horizon_months)},
                  {"hybrid", option_json(m.hybrid, m.horizon_months, m.hybrid_applicable)}};
  const EdgeSizing& sz = m.sizing;
  j["options"]["edge"]["sizing"] = {{"units", sz.units},
                                    {"unit_capacity_per_second", sz.unit_capacity},
                                    {"busy_mean", sz.busy_mean},
                                    {"busy_peak", sz.busy_peak},
                                    {"power_watts", sz.power_w},
                                    {"power_from_load", sz.power_from_load}};
  j["options"]["hybrid"]["escalation"] = r.profile.hybrid.escalation;
  j["options"]["hybrid"]["escalation_sync"] = r.profile.hybrid.escalation_sync;
  j["options"]["hybrid"]["mode"] = to_string(r.profile.hybrid.mode);
  j["options"]["hybrid"]["router_time_ms"] = r.profile.hybrid.router_time_s * 1000;
  j["options"]["hybrid"]["escalation_break_even"] = {{"edge", or_null(r.escalation.vs_edge)},
                                                     {"cloud", or_null(r.escalation.vs_cloud)}};
  if (const auto& pr = r.prediction)
    j["options"]["edge"]["prediction"] = prediction_json(*pr, r.profile, m.sizing);
  const auto& budget = r.profile.workload.latency_budget_s;
  add_status(j["options"]["cloud"], r.verdict.of(Option::cloud), r.latency.cloud, budget);
  add_status(j["options"]["edge"], r.verdict.of(Option::edge), r.latency.edge, budget);
  add_status(j["options"]["hybrid"], r.verdict.of(Option::hybrid), r.latency.hybrid, budget);
  const Connectivity& c = r.profile.connectivity;
  j["latency_budget_ms"] = ms_or_null(budget);
  j["network"] = {{"class", to_string(c.network)},
                  {"rtt_ms", c.rtt ? Json{{"low", c.rtt->low_s * 1000}, {"high", c.rtt->high_s * 1000}}
                                   : Json(nullptr)},
                  {"uplink_bits_per_second", c.uplink_bytes_per_s ? Json(*c.uplink_bytes_per_s * 8) : Json(nullptr)},
                  {"outage_s", or_null(c.outage_s)},
                  {"upload_ms", r.latency.upload_s * 1000}};
  j["finance"] = detail::finance_json(r.profile);
  j["break_even"] = {{"edge_vs_cloud", break_even_json(r.edge_vs_cloud)},
                     {"hybrid_vs_cloud", m.hybrid_applicable ? break_even_json(r.hybrid_vs_cloud) : Json(nullptr)}};
  j["verdict"] = r.verdict.choice ? Json(to_string(*r.verdict.choice)) : Json("none");
  j["close_call"] = r.verdict.close_call;
  j["runner_up"] = r.verdict.runner_up ? Json(to_string(*r.verdict.runner_up)) : Json(nullptr);
  j["summary"] = r.verdict.summary;
  j["rules"] = fired_json(r);
  Json gates = Json::array();
  for (const GateResult& g : r.gates) gates.push_back(gate_json(g, position_of(r.profile, g.field)));
  j["gates"] = gates;
  Json assumed = Json::array();
  for (const Assumption& a : assumptions_of(r.profile, r.today))
    assumed.push_back({{"field", a.field}, {"value", a.value}, {"source", a.source}});
  j["assumptions"] = assumed;
  return j;
}

Position position_of(const Profile& p, std::string_view field) {
  if (const auto it = p.positions.find(std::string(field)); it != p.positions.end() && it->second.line > 0)
    return it->second;
  return Position{1, 1};
}

Json gate_json(const GateResult& g, Position at) {
  return {{"name", g.name},
          {"level", to_string(g.level)},
          {"status", to_string(g.status)},
          {"limit", or_null(g.limit)},
          {"actual", or_null(g.actual)},
          {"margin", or_null(g.margin)},
          {"message", g.message},
          {"field", g.field},
          {"location", location(g.field, at)}};
}

}  // namespace edgecalc
