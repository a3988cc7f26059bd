#include <edgecalc/report/explore_json.hpp>

#include <edgecalc/profile/fields.hpp>

#include "util/json_util.hpp"

namespace edgecalc {

namespace {

using Json = nlohmann::ordered_json;

Json option_or_null(const std::optional<Option>& o) { return o ? Json(to_string(*o)) : Json(nullptr); }

Json switch_json(const std::optional<SwitchPoint>& s) {
  if (!s) return nullptr;
  Json j;
  j["value"] = s->value;
  j["verdict"] = s->verdict ? Json(to_string(*s->verdict)) : Json("none");
  j["reason"] = s->reason;
  return j;
}

}  // namespace

nlohmann::ordered_json sensitivity_json(const SensitivityAnalysis& a) {
  Json j;
  j["verdict"] = option_or_null(a.verdict);
  j["compared_with"] = option_or_null(a.compared);
  j["margin"] = or_null(a.margin);
  j["search_span"] = a.span;
  j["tornado_factors"] = {{"low", a.tornado_low}, {"high", a.tornado_high}};
  j["fields"] = Json::array();
  for (const FieldSensitivity& f : a.fields) {
    Json r;
    r["field"] = f.field;
    r["unit"] = f.unit;
    r["value"] = f.value;
    r["low"] = f.low;
    r["high"] = f.high;
    r["tornado_from"] = f.from_range ? "range" : "factors";
    r["margin_low"] = or_null(f.margin_low);
    r["margin_high"] = or_null(f.margin_high);
    r["swing"] = f.swing();
    r["switch_below"] = switch_json(f.below);
    r["switch_above"] = switch_json(f.above);
    r["margin_ratio"] = or_null(f.margin_ratio);
    r["searched"] = {{"low", f.search_low}, {"high", f.search_high}};
    j["fields"].push_back(std::move(r));
  }
  j["min_margin_ratio"] = or_null(a.min_margin_ratio);
  j["min_margin_field"] = a.min_margin_ratio ? Json(a.min_margin_field) : Json(nullptr);
  j["evaluations"] = a.evaluations;
  return j;
}

nlohmann::ordered_json scan_json(const Scan& scan) {
  Json j;
  j["axes"] = Json::array();
  for (const ScanAxis& a : scan.axes) {
    Json values = Json::array();
    for (std::size_t i = 0; i < a.size(); ++i) values.push_back(a.mode == "list" ? Json(a.texts[i]) : Json(a.numbers[i]));
    j["axes"].push_back({{"field", a.field}, {"mode", a.mode}, {"unit", a.mode == "list" ? Json(nullptr) : Json(a.unit)},
                         {"values", std::move(values)}});
  }
  j["points"] = Json::array();
  for (const ScanPoint& p : scan.points) {
    Json values, totals, monthly;
    for (std::size_t a = 0; a < scan.axes.size(); ++a) {
      const ScanAxis& axis = scan.axes[a];
      values[axis.field] = axis.mode == "list" ? Json(axis.texts[p.index[a]]) : Json(axis.numbers[p.index[a]]);
    }
    for (Option o : k_all_options) {
      const std::size_t i = option_index(o);
      totals[std::string(to_string(o))] = p.outcome.applicable[i] ? Json(p.outcome.total[i]) : Json(nullptr);
      monthly[std::string(to_string(o))] = p.outcome.applicable[i] ? Json(p.outcome.monthly[i]) : Json(nullptr);
    }
    j["points"].push_back({{"values", std::move(values)},
                           {"verdict", p.outcome.choice ? to_string(*p.outcome.choice) : "none"},
                           {"totals", std::move(totals)},
                           {"monthly", std::move(monthly)},
                           {"fired", p.outcome.fired},
                           {"changed", p.changed}});
  }
  return j;
}

namespace {

Json percentiles_json(const std::optional<Percentiles>& p) {
  if (!p) return nullptr;
  return {{"mean", p->mean}, {"p5", p->p5}, {"p10", p->p10}, {"p50", p->p50}, {"p90", p->p90}, {"p95", p->p95}};
}

}  // namespace

nlohmann::ordered_json uncertainty_json(const UncertaintyAnalysis& a, const Profile& profile) {
  Json j;
  j["samples"] = a.samples;
  j["seed"] = a.seed;
  j["verdict"] = option_or_null(a.verdict);
  j["compared_with"] = option_or_null(a.compared);
  j["inputs"] = Json::array();
  for (const UncertainValue& u : a.inputs) {
    const NumericField* f = find_numeric_field(u.field);
    Json in{{"field", u.field},
            {"unit", f ? unit_name(unit_in(*f, profile), profile) : "1"},
            {"low", u.low},
            {"high", u.high},
            {"dist", to_string(u.dist)}};
    if (u.mode) in["mode"] = *u.mode;
    in["median"] = u.median();
    j["inputs"].push_back(std::move(in));
  }
  j["correlations"] = Json::array();
  for (const RankCorrelation& c : profile.correlations)
    j["correlations"].push_back({{"a", c.a}, {"b", c.b}, {"rank_correlation", c.rank}});
  j["options"] = Json::object();
  for (Option o : k_all_options) {
    const OptionUncertainty& u = a.options[option_index(o)];
    Json blocked = Json::object();
    for (const auto& [id, share] : u.blocked_share) blocked[id] = share;
    Json be = percentiles_json(u.break_even_month);
    if (u.never_share) {
      if (be.is_null()) be = Json::object();
      be["never_share"] = *u.never_share;
    }
    j["options"][std::string(to_string(o))] = {{"p_verdict", u.p_verdict},
                                               {"p_verdict_se", u.p_verdict_se},
                                               {"p_feasible", u.p_feasible},
                                               {"blocked_share", std::move(blocked)},
                                               {"total_cost", percentiles_json(u.total)},
                                               {"monthly_cost", percentiles_json(u.monthly)},
                                               {"cost_per_1k_calls", percentiles_json(u.per_1k_calls)},
                                               {"break_even_month", std::move(be)}};
  }
  j["none_share"] = a.none_share;
  j["histogram"] = {{"low", a.histogram.low}, {"high", a.histogram.high}, {"scale", a.histogram.log ? "log" : "linear"},
                    {"counts", Json::object()}};
  for (Option o : k_all_options)
    if (!a.histogram.counts[option_index(o)].empty())
      j["histogram"]["counts"][std::string(to_string(o))] = a.histogram.counts[option_index(o)];
  j["drivers"] = Json::array();
  for (const Driver& d : a.drivers) j["drivers"].push_back({{"field", d.field}, {"rank_correlation", d.rank_correlation}});
  return j;
}

}  // namespace edgecalc
