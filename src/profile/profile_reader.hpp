#pragma once

// The profile stage's readers of sections that need the catalog or the rule table.

#include <map>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/profile/profile.hpp>

#include "load/field_reader.hpp"
#include "profile/profile_parsers.hpp"

namespace edgecalc::detail {

// Which edge fields the profile wrote itself (the catalog fills only the others).
struct EdgeWritten {
  bool unit_cost = false;
  bool inference_time = false;
  bool capacity = false;
  bool power = false;
  // A power map with one half written (edge.power: {active: 34kW}) and edge.hardware named: the
  // catalog gives the other half. Empty when the map is whole or absent.
  std::optional<double> partial_idle_w, partial_active_w;
};

// "catalog rpi5-8gb: vendor brief (2025-01)"
std::string entry_source(std::string_view id, const std::string& source, const std::string& date);

// "unknown hardware `rpi6` in edge.hardware; closest: rpi5-8gb, rpi5-16gb, rpi4-4gb"
void unknown_id(Diagnostics& diagnostics, Position at, std::string_view what, std::string_view field,
                const std::string& id, const std::vector<std::string>& ids,
                std::string_view listed_by = "edgecalc catalog lists them");

// Where `field` was written, or `fallback`.
Position where(const Profile& p, const std::string& field, Position fallback);

// Catalog prices are in USD: false, after an error at `r`, for a profile in another currency.
bool usd_only(FieldReader& r, const Profile& p, std::string_view field);

// The cloud section: its price (written, or cloud.model / cloud.price.model from the catalog at
// its tier and the workload's token counts) and the time of a call.
void read_cloud(FieldReader& r, const profile_parse::Parsers& p, Profile& profile, const Catalog& catalog);

// cloud.price.instance: rate (written, or cloud.price.instance.gpu's catalog rate in its tier),
// capacity, count and the tier's own fields.
void read_instance(FieldReader i, const profile_parse::Parsers& p, Profile& profile, const Catalog& catalog);

// edge.hardware and workload.model: price, power, inference time and capacity from the catalog
// and the predictor, for the fields the profile did not write; sets profile.prediction.
void resolve_edge_catalog(FieldReader& edge, Profile& profile, const Catalog& catalog, const EdgeWritten& written);

// The prices of a catalog entry that apply to a workload: the tier's, at the long-context rates
// when a call's input exceeds the threshold (a batch discount applies to those in the same
// proportion). `note` says which rates were taken (", batch tier").
struct ChosenPrice {
  double input = 0, cached_input = 0, output = 0;
  std::string note;
};
ChosenPrice choose_price(const PriceEntry& price, PriceTier tier, const TokensPerCall& tokens);

// Reads `finance:` (discount rate, resale curve, start date); the resale default follows
// edge.deployment, so call it after the edge section.
void read_finance(FieldReader r, const profile_parse::Parsers& p, Profile& profile);

// Reads `carbon:` (grid and cloud_grid: a region or grams of CO2e per kWh).
void read_carbon(FieldReader r, Profile& profile);

// Reads `battery:` (capacity, voltage, sleep, radio or message_energy and byte_energy, min_life).
// Needs edge.deployment: call it after the edge section.
void read_battery(FieldReader r, const profile_parse::Parsers& p, Profile& profile);

// finance.residual when not written: the market curve for deployment: server, none for devices.
void resolve_residual_default(Profile& profile);

// Reads `fleet.ramp` into profile.fleet.ramp (after fleet.size).
void read_ramp(FieldReader& fleet, const profile_parse::Parsers& p, Profile& profile);

// Reads `cloud.price_changes` and `cloud.price_trend` (after finance.start).
void read_price_changes(FieldReader& cloud, const profile_parse::Parsers& p, Profile& profile);

// Reads `uncertainty:` (after every range is read): rank correlations between ranges.
void read_uncertainty(FieldReader r, Profile& profile);

// Reads `budget:`: money limits (`$500k` or {limit, level}) and `require`.
void read_budget(FieldReader r, const UnitContext& units, Budget& budget);

// Reads `rules:`: each key a rule id, each value `off`, `on` or {threshold: X, enabled: bool}.
void read_rule_overrides(FieldReader r, std::map<std::string, RuleOverride>& overrides);

}  // namespace edgecalc::detail
