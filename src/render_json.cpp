#include <edgecalc/render.hpp>

namespace edgecalc {

namespace {

using Json = nlohmann::ordered_json;

template <class T>
Json or_null(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

std::string_view side_name(Side s) { return s == Side::cloud ? "cloud" : "edge"; }

Json option_json(const OptionCost& o, double horizon_months) {
  Json breakdown = Json::array();
  for (const CostLine& line : o.breakdown) {
    breakdown.push_back({{"item", line.item},
                         {"side", side_name(line.side)},
                         {"upfront", line.upfront},
                         {"monthly", line.monthly},
                         {"total", line.total}});
  }
  return {{"upfront_cost", o.upfront},
          {"monthly_cost", o.monthly},
          {"total_cost", o.total},
          {"cost_per_1k_calls", or_null(o.cost_per_1k_calls)},
          {"units", or_null(o.units)},
          {"units_label", o.units ? Json(o.units_label) : Json(nullptr)},
          {"instances", or_null(o.instances)},
          {"replacement_cost", o.replacements},
          {"replacement_count", o.replacement_count},
          {"lifetime_months", or_null(o.lifetime_months)},
          {"breakdown", breakdown},
          {"cumulative", cumulative_curve(o, horizon_months)}};
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
          {"calls_per_month", crossing_json(be.calls_per_month)},
          {"cheaper_calls_per_month", side(be.calls_per_month)},
          {"fleet_size", crossing_json(be.fleet_size)},
          {"cheaper_fleet_size", side(be.fleet_size)}};
}

}  // namespace

nlohmann::ordered_json report_json(const Report& r) {
  const CostModel& m = r.costs;
  Json j;
  j["report_version"] = k_report_version;
  j["profile"] = r.profile.name;
  j["description"] = r.profile.description;
  j["horizon_months"] = m.horizon_months;
  j["hours_per_month"] = m.hours_per_month;
  j["currency"] = r.profile.currency;
  j["workload"] = {
      {"calls_per_month", m.volume.calls_per_month},
      {"calls_per_second", m.volume.calls_per_second},
      {"peak_calls_per_second", m.volume.peak_calls_per_second},
      {"tokens_per_month", r.profile.workload.tokens ? Json(m.volume.tokens_per_month()) : Json(nullptr)},
      {"input_tokens_per_month", r.profile.workload.tokens ? Json(m.volume.input_tokens_per_month) : Json(nullptr)},
      {"output_tokens_per_month", r.profile.workload.tokens ? Json(m.volume.output_tokens_per_month) : Json(nullptr)},
      {"bytes_per_month", m.volume.bytes_per_month},
      {"fleet_size", r.profile.fleet.size},
      {"fleet_unit", r.profile.fleet.unit}};
  j["options"] = {{"cloud", option_json(m.cloud, m.horizon_months)},
                  {"edge", option_json(m.edge, m.horizon_months)},
                  {"hybrid", option_json(m.hybrid, m.horizon_months)}};
  j["options"]["hybrid"]["escalation"] = r.profile.hybrid.escalation;
  j["break_even"] = {{"edge_vs_cloud", break_even_json(r.edge_vs_cloud)},
                     {"hybrid_vs_cloud", break_even_json(r.hybrid_vs_cloud)}};
  j["verdict"] = r.verdict.choice ? Json(to_string(*r.verdict.choice)) : Json("none");
  j["verdict_reason"] = r.verdict.reason;
  return j;
}

}  // namespace edgecalc
