#include "report/report_finance.hpp"

#include <algorithm>

#include "util/json_util.hpp"

namespace edgecalc::detail {

namespace {

using Json = nlohmann::ordered_json;

Json timeline_json(const Timeline& t) {
  Json months = Json::array();
  for (const MonthFlow& f : t.months)
    months.push_back({{"month", f.month},
                      {"length", f.length},
                      {"fleet", f.fleet},
                      {"units", f.units},
                      {"price_factor", f.price_factor},
                      {"bought", f.bought},
                      {"sold", f.sold},
                      {"running", f.running},
                      {"cash", f.cash},
                      {"discounted", f.discounted},
                      {"cumulative", f.cumulative},
                      {"lines", f.lines}});
  return months;
}

std::string_view shape_name(FleetRamp::Shape s) {
  switch (s) {
    case FleetRamp::Shape::linear: return "linear";
    case FleetRamp::Shape::steps: return "steps";
    case FleetRamp::Shape::list: return "list";
  }
  return "linear";
}

}  // namespace

// What 1M tokens cost the option (model/token_cost.cpp), next to the API's own rates.
Json tokens_json(const TokenCost& t) {
  const auto opt = [](const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); };
  return {{"blended", t.blended},
          {"input", opt(t.input)},
          {"output", opt(t.output)},
          {"input_share", opt(t.input_share)},
          {"split_by", t.split.empty() ? Json(nullptr) : Json(t.split)},
          {"unsplit_reason", t.unsplit_reason.empty() ? Json(nullptr) : Json(t.unsplit_reason)},
          {"api_price", t.list_input ? Json{{"input", *t.list_input}, {"output", t.list_output.value_or(0)}} : Json(nullptr)}};
}

void add_money_over_time(Json& j, const OptionCost& o, bool priced) {
  const auto money = [priced](double v) { return priced ? Json(v) : Json(nullptr); };
  j["present_value"] = money(o.present_value);
  j["residual_value"] = money(o.residual_value);
  j["resale"] = money(o.resale);
  j["depreciation"] = money(o.hardware_bought - o.resale);
  j["peak_monthly_cost"] = money(o.peak_monthly);
  j["timeline"] = priced && o.timeline ? timeline_json(*o.timeline) : Json(nullptr);
  j["cost_per_1m_tokens"] = priced && o.per_1m_tokens ? tokens_json(*o.per_1m_tokens) : Json(nullptr);
}

Json finance_json(const Profile& p) {
  const Finance& f = p.finance;
  Json residual = Json::array();
  for (const auto& [age, share] : f.residual) residual.push_back({{"age_months", age}, {"share", share}});
  Json changes = Json::array();
  for (const PriceChange& c : p.cloud.price_changes)
    changes.push_back({{"at_month", c.at_months},
                       {"when", c.when},
                       {"change", c.factor - 1},
                       {"note", c.note},
                       {"source", c.source.empty() ? Json(nullptr) : Json(c.source)}});
  Json ramp = nullptr;
  if (const auto& r = p.fleet.ramp) {
    Json points = Json::array();
    for (const auto& [month, share] : r->points) points.push_back({{"month", month}, {"size", share}});
    ramp = {{"shape", shape_name(r->shape)},
            {"start", r->shape == FleetRamp::Shape::list ? Json(nullptr) : Json(std::min(r->start, p.fleet.size))},
            {"over_months", r->shape == FleetRamp::Shape::list ? Json(nullptr) : Json(r->over_months)},
            {"every_months", r->shape == FleetRamp::Shape::steps ? Json(r->every_months) : Json(nullptr)},
            {"sizes", points}};
  }
  return {{"discount_rate", f.discount_rate},
          {"start", f.start ? Json(*f.start) : Json(nullptr)},
          {"residual", f.residual_name},
          {"residual_curve", residual},
          {"ramp", ramp},
          {"price_changes", changes},
          {"price_trend_per_year", p.cloud.price_trend_per_year},
          {"monthly", p.varies_over_time()}};
}

}  // namespace edgecalc::detail
