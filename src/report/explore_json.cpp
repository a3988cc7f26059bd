#include <edgecalc/report/explore_json.hpp>

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

}  // namespace edgecalc
