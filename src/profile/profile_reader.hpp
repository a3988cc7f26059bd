#pragma once

// The profile stage's readers of sections that need the catalog or the rule table.

#include <map>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/profile/profile.hpp>

#include "load/field_reader.hpp"

namespace edgecalc::detail {

// Which edge fields the profile wrote itself (the catalog fills only the others).
struct EdgeWritten {
  bool unit_cost = false;
  bool inference_time = false;
  bool capacity = false;
  bool power = false;
};

// cloud.model: the price comes from the catalog unless cloud.price is written.
void resolve_cloud_model(FieldReader& cloud, Profile& profile, const Catalog& catalog, bool price_written);

// cloud.inference_time of an API: written, or time to first token + output tokens / output speed,
// each from the profile (cloud.ttft, cloud.output_speed) or else cloud.model's catalog entry.
void resolve_cloud_speed(FieldReader& cloud, Profile& profile, const Catalog& catalog);

// edge.hardware and workload.model: price, power, inference time and capacity from the catalog
// and the predictor, for the fields the profile did not write; sets profile.prediction.
void resolve_edge_catalog(FieldReader& edge, Profile& profile, const Catalog& catalog, const EdgeWritten& written);

// Reads `budget:`: money limits (`$500k` or {limit, level}) and `require`.
void read_budget(FieldReader r, const UnitContext& units, Budget& budget);

// Reads `rules:`: each key a rule id, each value `off`, `on` or {threshold: X, enabled: bool}.
void read_rule_overrides(FieldReader r, std::map<std::string, RuleOverride>& overrides);

}  // namespace edgecalc::detail
