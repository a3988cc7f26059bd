#include <edgecalc/profile/normalize.hpp>

#include <string>

#include "util/json_util.hpp"

namespace edgecalc {

namespace {

using Json = nlohmann::ordered_json;

Json price_json(const CloudPrice& price) {
  Json form;
  switch (price.form) {
    case PriceForm::per_call: form = price.per_call; break;
    case PriceForm::per_1k_tokens:
    case PriceForm::per_1m_tokens:
      form = {{"input", price.input_per_tokens}, {"output", price.output_per_tokens}};
      break;
    case PriceForm::instance:
      form = {{"hourly", price.hourly},
              {"capacity", price.capacity_per_s},
              {"min", price.min_instances},
              {"utilization", price.utilization}};
      break;
  }
  Json out = Json::object();
  out[std::string(to_string(price.form))] = form;
  return out;
}

Json maintenance_json(const Maintenance& m) {
  if (m.is_share) return {{"share_per_year", m.share_per_year}};
  return {{"per_month", m.per_month}};
}

Json workload_json(const Profile& p) {
  return {
      {"calls", p.workload.calls_per_s},
      {"peak_factor", p.workload.peak_factor},
      {"latency_budget", or_null(p.workload.latency_budget_s)},
      {"payload", p.workload.payload_bytes},
      {"tokens", p.workload.tokens ? Json{{"input", p.workload.tokens->input},
                                          {"output", p.workload.tokens->output}}
                                   : Json(nullptr)},
      {"hard_fraction", p.workload.hard_fraction},
      {"service_cv", p.workload.service_cv},
      {"model", or_null(p.workload.model)},
      {"quantization", p.predictor && p.predictor->quantization ? Json(p.predictor->quantization->id)
                                                               : or_null(p.workload.quantization)}};
}

Json connectivity_json(const Profile& p) {
  const auto& rtt = p.connectivity.rtt;
  return {
      {"network", to_string(p.connectivity.network)},
      {"rtt", rtt ? Json{{"low", rtt->low_s}, {"high", rtt->high_s}} : Json(nullptr)},
      {"uplink", or_null(p.connectivity.uplink_bytes_per_s)},
      {"outage", or_null(p.connectivity.outage_s)},
      {"data_price", p.connectivity.data_price_per_gb},
      {"offline_tolerance", or_null(p.connectivity.offline_tolerance_s)}};
}

Json edge_json(const Profile& p) {
  return {{"hardware", or_null(p.edge.hardware)},
          {"runtime", or_null(p.edge.runtime)},
          {"deployment", to_string(p.edge.deployment)},
          {"unit_cost", p.edge.unit_cost},
          {"capacity", or_null(p.edge.capacity_per_s)},
          {"max_concurrency", or_null(p.edge.max_concurrency)},
          {"utilization", p.edge.utilization},
          {"inference_time", p.edge.inference_time_s},
          {"power", p.edge.power_curve ? Json{{"idle", p.edge.power_curve->idle_w},
                                              {"active", p.edge.power_curve->active_w}}
                                         : Json(p.edge.power_w)},
          {"energy_price", p.edge.energy_price_per_kwh},
          {"pue", p.edge.pue},
          {"engineering", p.edge.engineering},
          {"maintenance", maintenance_json(p.edge.maintenance)},
          {"fixed", p.edge.fixed_per_month},
          {"lifetime", or_null(p.edge.lifetime_s)}};
}

Json budget_json(const Budget& b) {
  const auto limit = [](const std::optional<MoneyLimit>& l) {
    return l ? Json{{"limit", l->limit}, {"level", to_string(l->level)}} : Json(nullptr);
  };
  return {{"max_monthly_cost", limit(b.max_monthly_cost)},
          {"max_total_cost", limit(b.max_total_cost)},
          {"max_cost_per_1k_calls", limit(b.max_cost_per_1k_calls)},
          {"min_margin", limit(b.min_margin)},
          {"min_headroom", limit(b.min_headroom)},
          {"min_confidence", limit(b.min_confidence)},
          {"require", b.require ? Json{{"option", to_string(*b.require)}, {"level", to_string(b.require_level)}}
                                : Json(nullptr)}};
}

// The unit of every number above: base units, money in the profile's currency.
Json units_json(const std::string& c) {
  return {{"durations", "s"},
          {"rates", "1/s"},
          {"sizes", "B"},
          {"connectivity.uplink", "B/s"},
          {"power", "W"},
          {"energy", "J"},
          {"voltage", "V"},
          {"fractions", "1"},
          {"money", c},
          {"cloud.transfer", c + "/GB"},
          {"edge.energy_price", c + "/kWh"},
          {"cloud.price.instance.hourly", c + "/h"},
          {"per_month", c + "/month"},
          {"cloud.price.per_1k_tokens", c + "/1k tokens"},
          {"cloud.price.per_1m_tokens", c + "/1M tokens"}};
}

}  // namespace

namespace {

// A field written as a range shows as {low, high, dist[, mode], median} in base units where its
// value would be (an object such as edge.maintenance: at its one number).
void mark_ranges(Json& j, const Profile& p) {
  for (const UncertainValue& u : p.uncertain) {
    Json* at = &j;
    std::size_t start = 0;
    while (at && start <= u.field.size()) {
      const std::size_t dot = u.field.find('.', start);
      const std::string key = u.field.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      at = at->is_object() && at->contains(key) ? &(*at)[key] : nullptr;
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    if (!at) continue;
    if (at->is_object() && at->size() == 1) at = &at->begin().value();
    Json range{{"low", u.low}, {"high", u.high}, {"dist", to_string(u.dist)}};
    if (u.mode) range["mode"] = *u.mode;
    range["median"] = u.median();
    *at = std::move(range);
  }
}

}  // namespace

nlohmann::ordered_json normalized_json(const Profile& p) {
  const std::string& c = p.currency;
  Json j;
  j["edgecalc"] = p.version;
  j["name"] = p.name;
  j["description"] = p.description;
  j["currency"] = c;
  j["horizon"] = p.horizon_s;
  j["month"] = p.month_s;
  j["workload"] = workload_json(p);
  j["fleet"] = {{"size", p.fleet.size}, {"unit", p.fleet.unit}};
  j["connectivity"] = connectivity_json(p);
  j["data"] = {{"sensitivity", to_string(p.data.sensitivity)},
               {"leaves_device", to_string(p.data.leaves_device)},
               {"dpa", p.data.dpa},
               {"escalation_allowed", p.data.escalation_allowed}};
  j["cloud"] = {{"model", or_null(p.cloud.model)},
                {"price", price_json(p.cloud.price)},
                {"inference_time", p.cloud.inference_time_s},
                {"ttft", or_null(p.cloud.ttft_s)},
                {"output_speed", or_null(p.cloud.output_tokens_per_s)},
                {"transfer", p.cloud.transfer_per_gb},
                {"fixed", p.cloud.fixed_per_month}};
  j["edge"] = edge_json(p);
  j["hybrid"] = {{"escalation", p.hybrid.escalation},
                 {"escalation_sync", p.hybrid.escalation_sync},
                 {"mode", to_string(p.hybrid.mode)},
                 {"router_time", p.hybrid.router_time_s}};
  if (p.battery)
    j["battery"] = {{"capacity", p.battery->capacity_j},
                    {"voltage", or_null(p.battery->voltage_v)},
                    {"sleep", p.battery->sleep_w},
                    {"radio", p.battery->radio},
                    {"message_energy", p.battery->message_j},
                    {"byte_energy", p.battery->byte_j},
                    {"min_life", or_null(p.battery->min_life_s)}};
  j["budget"] = budget_json(p.budget);
  j["close_call"] = p.close_call;
  Json rules = Json::object();
  for (const auto& [id, o] : p.rules) {
    if (!o.enabled) rules[id] = "off";
    else rules[id] = {{"threshold", or_null(o.threshold)}};
  }
  j["rules"] = rules;
  mark_ranges(j, p);
  if (!p.correlations.empty()) {
    Json correlate = Json::array();
    for (const RankCorrelation& r : p.correlations) correlate.push_back(Json::array({r.a, r.b, r.rank}));
    j["uncertainty"] = {{"correlate", std::move(correlate)}};
  }
  j["defaults_applied"] = p.defaults_applied;
  j["units"] = units_json(c);
  return j;
}

}  // namespace edgecalc
