#include <edgecalc/profile/profile.hpp>
#include <edgecalc/profile/fields.hpp>

#include <cmath>

#include <edgecalc/domain/defaults.hpp>
#include <edgecalc/domain/network.hpp>
#include <edgecalc/domain/rule_table.hpp>
#include <edgecalc/load/overrides.hpp>

#include "profile/profile_parsers.hpp"
#include "profile/profile_reader.hpp"

namespace edgecalc {

namespace {

using namespace detail::profile_parse;
using detail::Bounds;
using detail::FieldReader;
using detail::ReadContext;

// A duration that may also be written as a word meaning "no limit" (`none`, `unlimited`).
std::optional<double> duration_or_word(FieldReader& r, std::string_view key, std::string_view word,
                                       const detail::ParseFn& parse, const Bounds& bounds,
                                       bool required, std::string_view example, bool& is_word) {
  is_word = false;
  const MapEntry* e = r.entry(key);
  if (e && e->value->kind == Node::Kind::scalar && e->value->text == word) {
    is_word = true;
    return std::nullopt;
  }
  return r.quantity(key, parse, bounds, required, example);
}

// duration_or_word() for an optional field: absent, it takes its default (the word or a duration).
std::optional<double> duration_or_word_or_default(FieldReader& r, std::string_view key, std::string_view word,
                                                  const detail::ParseFn& parse, const Bounds& bounds,
                                                  std::string_view example) {
  if (r.entry(key)) {
    bool is_word = false;
    return duration_or_word(r, key, word, parse, bounds, false, example, is_word);
  }
  r.defaulted(key);
  if (r.default_text(key) == word) return std::nullopt;
  return r.default_value(key, parse);
}

void read_workload(FieldReader r, const Parsers& p, Workload& w) {
  // Zero calls is allowed: a what-if with no traffic still has up-front and fixed costs.
  w.calls_per_s = r.quantity("calls", p.rate(), {0, false, k_max_rate}, true, "60/min").value_or(0);
  w.peak_factor = r.quantity_or("peak_factor", k_number, {1, false, 1e6}, "1.5");
  bool no_limit = false;
  w.latency_budget_s = duration_or_word(r, "latency_budget", "none", p.duration(), k_latency, true,
                                        "100ms", no_limit);
  w.payload_bytes = r.quantity_or("payload", k_size, {0, false, k_max_bytes}, "16KB");
  const bool cv_written = r.entry("service_cv") != nullptr;
  w.service_cv = r.quantity_or("service_cv", k_number, {0, false, 10}, "0.5");
  if (FieldReader t = r.section("tokens", false); t.present()) {
    TokensPerCall tokens;
    tokens.input = t.quantity("input", k_count, {0, false, k_max_tokens}, true, "300").value_or(0);
    tokens.output = t.quantity("output", k_count, {0, false, k_max_tokens}, true, "200").value_or(0);
    tokens.cached_share = t.quantity("cached_input", k_share, k_fraction, false, "40%").value_or(0);
    w.tokens = tokens;
    t.finish();
    if (!cv_written) w.service_cv = k_token_call_service_cv;
  }
  w.hard_fraction = r.quantity_or("hard_fraction", k_share, k_fraction, "5%");
  w.model = r.text("model", false, "llama-3.2-3b");
  w.quantization = r.text("quantization", false, "q4_k_m");
  r.finish();
}

void read_connectivity(FieldReader r, const Parsers& p, Connectivity& c) {
  c.network = r.choice<Network>("network", network_names(), true).value_or(Network::none);
  const NetworkClass& net = network_class(c.network);
  if (const MapEntry* e = r.entry("rtt"); e && e->value->kind == Node::Kind::map) {
    r.error_at("rtt", "connectivity.rtt cannot be a range of uncertainty: its typical..p95 (e.g. 80ms..150ms) is the "
                      "link's spread, used in every run; to explore the round trip, use --scan "
                      "connectivity.rtt=LOW..HIGH or --sensitivity");
  } else if (const auto rtt = r.text("rtt", false, "80ms..150ms")) {
    const ParsedRange range = parse_duration_range(*rtt, p.u);
    if (!range.ok())
      r.error_at("rtt", fmt::format("connectivity.rtt {}; got \"{}\"", range.error, *rtt));
    else if (range.high > 60)
      r.error_at("rtt", fmt::format("connectivity.rtt must be at most 60s; got \"{}\"", *rtt));
    else
      c.rtt = DurationRange{range.low, range.high};
  }
  c.uplink_bytes_per_s = r.quantity("uplink", k_bandwidth, {k_min_uplink, false, 1e12, false, "8bit/s", "8Tbit/s"}, false, "5Mbit/s");
  c.outage_s = r.quantity("outage", p.duration(), {0, false, k_max_duration_s}, false, "30s");
  // The network class fills what the profile leaves out; `none` has no link to describe.
  for (const char* key : {"rtt", "uplink", "outage"}) {
    if (!r.entry(key) && net.has_link) r.defaulted(key);
    if (r.entry(key) && !net.has_link)
      r.error_at(key, fmt::format("connectivity.{} needs a network link; network is none", key));
  }
  if (net.has_link) {
    if (!c.rtt) c.rtt = DurationRange{net.rtt_low_s, net.rtt_high_s};
    if (!c.uplink_bytes_per_s) c.uplink_bytes_per_s = net.uplink_bytes_per_s;
    if (!c.outage_s) c.outage_s = net.outage_s;
  }
  // What the link charges per GB: written, or the network class's price (USD) with its source.
  if (r.entry("data_price")) {
    c.data_price_per_gb = r.quantity("data_price", p.per_gb(), k_money, false, "$2/GB").value_or(0);
  } else if (net.data_price_per_gb > 0 && p.u.currency != "USD") {
    r.error_at("network", fmt::format("network class {} prices data in USD and the profile's currency is {}; write "
                               "connectivity.data_price (e.g. data_price: 2/GB)",
                               to_string(c.network), p.u.currency));
  } else {
    c.data_price_per_gb = net.data_price_per_gb;
    if (net.has_link) r.defaulted("data_price");
  }
  c.offline_tolerance_s = duration_or_word_or_default(r, "offline_tolerance", "unlimited", p.duration(),
                                                      {0, false, k_max_duration_s}, "30s");
  r.finish();
}

void read_data(FieldReader r, DataPolicy& d) {
  d.sensitivity = r.choice<Sensitivity>("sensitivity", sensitivity_names(), true)
                      .value_or(Sensitivity::public_data);
  d.leaves_device = r.choice_or<LeavesDevice>("leaves_device", leaves_device_names());
  d.dpa = r.boolean_or("dpa");
  d.escalation_allowed = r.boolean_or("escalation_allowed");
  r.finish();
}

// `power: 5W` (the average draw of one unit) or `power: {idle: 80W, active: 600W}` (the model
// places the average between them by the load).
// With edge.hardware named, a map may hold one half; the catalog gives the other.
void read_power(FieldReader& r, Edge& e, detail::EdgeWritten& written) {
  constexpr Bounds k_watts{0, false, k_max_power_w};
  const MapEntry* entry = r.entry("power");
  if (entry && entry->value->kind == Node::Kind::map) {
    FieldReader m = r.section("power", false);
    const bool half = e.hardware && (m.entry("idle") == nullptr) != (m.entry("active") == nullptr);
    const auto idle = m.quantity("idle", k_power, k_watts, !half, "80W");
    const auto active = m.quantity("active", k_power, k_watts, !half, "600W");
    m.finish();
    if (half) {
      written.partial_idle_w = idle;
      written.partial_active_w = active;
      if (!idle && !active) written.power = false;  // the half written was invalid: that error is enough
    } else if (idle && active && *active < *idle)
      r.error_at("power", fmt::format("edge.power.active must be at least edge.power.idle; got {} W active, {} W idle",
                                      *active, *idle));
    else if (idle && active)
      e.power_curve = PowerCurve{*idle, *active};
  } else if (written.power) {
    e.power_w = r.quantity("power", k_power, k_watts, false, "0.1W").value_or(0);
  } else if (!e.hardware) {
    e.power_w = r.quantity_or("power", k_power, k_watts, "0.1W");
  }
}

void read_edge(FieldReader r, const Parsers& p, Profile& profile, const Catalog& catalog) {
  Edge& e = profile.edge;
  e.hardware = r.text("hardware", false, "rpi5-8gb");
  e.runtime = r.text("runtime", false, "x-cube-ai");
  if (e.runtime && !e.hardware)
    r.error_at("runtime", "edge.runtime chooses a TinyML runtime of the catalog hardware; name edge.hardware (e.g. "
                          "hardware: stm32l4) or write edge.inference_time");
  // With hardware and a model named, the catalog and the predictor supply what is not written.
  const bool predicted = e.hardware && profile.workload.model;
  e.deployment = r.choice_or<Deployment>("deployment", deployment_names());
  detail::EdgeWritten written{r.entry("unit_cost") != nullptr, r.entry("inference_time") != nullptr,
                              r.entry("capacity") != nullptr, r.entry("power") != nullptr, std::nullopt, std::nullopt};
  e.unit_cost = r.quantity("unit_cost", p.money(), k_money, !e.hardware, "$4").value_or(0);
  e.capacity_per_s = r.quantity("capacity", p.rate(), {k_min_capacity, false, 1e9, false, "3.6/h", "1G/s"}, false, "200/s");
  if (e.deployment == Deployment::server && !written.capacity && !predicted && r.present())
    r.error_at("", "missing required field edge.capacity: deployment: server needs the calls one "
                   "box sustains (e.g. capacity: 200/s), or edge.hardware and workload.model to predict it");
  e.max_concurrency = r.quantity("max_concurrency", k_count, {1, false, 1e6, true}, false, "8");
  e.utilization = r.quantity_or("utilization", k_share, k_utilization, "70%");
  e.inference_time_s = r.quantity("inference_time", p.duration(), k_latency, !predicted, "8ms").value_or(0);
  read_power(r, e, written);
  e.energy_price_per_kwh = r.quantity_or("energy_price", p.per_kwh(), k_money, "$0.15/kWh");
  e.pue = r.quantity_or("pue", k_number, {1, false, 10}, "1.4");
  e.engineering = r.quantity_or("engineering", p.money(), k_money, "$40000");
  if (const auto m = r.text("maintenance", false, "$500/month")) {
    e.maintenance.is_share = m->find('%') != std::string::npos;
    const detail::ParseFn share = [&p](std::string_view t) { return parse_share_per_year(t, p.u); };
    const double v = r.quantity("maintenance", e.maintenance.is_share ? share : p.per_month(),
                                e.maintenance.is_share ? Bounds{0, false, 10} : k_money, false,
                                "$500/month")
                         .value_or(0);
    (e.maintenance.is_share ? e.maintenance.share_per_year : e.maintenance.per_month) = v;
  } else {
    r.defaulted("maintenance");
  }
  e.fixed_per_month = r.quantity_or("fixed", p.per_month(), k_money, "$30/month");
  e.lifetime_s = duration_or_word_or_default(r, "lifetime", "never", p.duration(), {0, true, k_max_duration_s},
                                             "60 months");
  if (r.present()) detail::resolve_edge_catalog(r, profile, catalog, written);
  r.finish();
}

}  // namespace

std::optional<Profile> build_profile(const Document& document, Diagnostics& diagnostics,
                                     const Catalog& catalog) {
  Profile profile;
  profile.file = document.file;
  if (document.root->kind != Node::Kind::map) {
    diagnostics.error(document.root->position,
                      "a profile must be a mapping of fields (edgecalc: 1, name: ..., workload: ...)");
    return std::nullopt;
  }
  const std::size_t errors_before = diagnostics.size();
  ReadContext ctx{diagnostics, default_units(), &profile.positions, &profile.defaults_applied,
                  [](std::string_view path) { return field_default(path).value; }, &profile.uncertain};
  FieldReader top(ctx, document.root.get(), "", document.root->position);

  if (const auto version = top.text("edgecalc", true, "1")) {
    if (*version != "1") {
      top.error_at("edgecalc", fmt::format("edgecalc must be 1, the only profile format version; "
                                           "got \"{}\"",
                                           *version));
      return std::nullopt;
    }
  }
  // Names are printed on terminals and in CI logs; a description may span lines.
  // One diagnostic per rejected field: a name with control characters is not also "empty".
  const std::optional<std::string> name = top.label("name", true, "doorbell-keyword-spotting");
  profile.name = name.value_or("");
  if (name && name->empty()) top.error_at("name", "name must not be empty");
  profile.description = top.label("description", false, "Wake word on a battery doorbell", "\n\t").value_or("");
  profile.currency = top.label_or("currency", "EUR");
  if (profile.currency.empty()) top.error_at("currency", "currency must not be empty");
  ctx.units.currency = profile.currency;
  const Parsers p{ctx.units};
  // `month` first: "36 months" and "$30/month" below are measured in it.
  profile.month_s = top.quantity_or("month", p.duration(), {28 * 86400.0, false, 31 * 86400.0},
                                    field_default("month").value);
  ctx.units.month_s = profile.month_s;
  profile.horizon_s = top.quantity_or("horizon", p.duration(), {0, true, k_max_duration_s}, "36 months");
  // Before the cloud section: dated price changes are placed from finance.start.
  detail::read_finance(top.section("finance", false), p, profile);
  detail::read_carbon(top.section("carbon", false), profile);

  read_workload(top.section("workload", true), p, profile.workload);
  FieldReader fleet = top.section("fleet", true);
  profile.fleet.size = fleet.quantity("size", k_count, {0, true, k_max_count, true}, true, "50000").value_or(0);
  profile.fleet.unit = fleet.label_or("unit", "devices");
  if (profile.fleet.size > 0) detail::read_ramp(fleet, p, profile);
  else fleet.entry("ramp");  // fleet.size is wrong: that error is enough
  fleet.finish();
  read_connectivity(top.section("connectivity", true), p, profile.connectivity);
  read_data(top.section("data", true), profile.data);
  FieldReader cloud = top.section("cloud", true);
  detail::read_cloud(cloud, p, profile, catalog);
  read_edge(top.section("edge", true), p, profile, catalog);
  detail::resolve_residual_default(profile);
  detail::read_battery(top.section("battery", false), p, profile);

  FieldReader hybrid = top.section("hybrid", false);
  profile.hybrid.escalation = hybrid.quantity("escalation", k_share, k_fraction, false, "5%")
                                  .value_or(profile.workload.hard_fraction);
  if (!hybrid.entry("escalation")) {
    hybrid.defaulted("escalation");
    profile.derivations.escalation_is_hard_fraction = true;
  }
  profile.hybrid.escalation_sync = hybrid.boolean_or("escalation_sync");
  profile.hybrid.mode = hybrid.choice_or<HybridMode>("mode", hybrid_mode_names());
  profile.hybrid.router_time_s = hybrid.quantity_or("router_time", p.duration(), {0, false, k_max_latency_s}, "5ms");
  if (const MapEntry* mode = hybrid.entry("mode"); profile.hybrid.mode == HybridMode::route && !hybrid.entry("router_time"))
    diagnostics.warning(mode->key_position, "hybrid.router_time is not set: routing a call is taken to cost no time "
                                            "(write e.g. router_time: 5ms)");
  hybrid.finish();
  detail::read_budget(top.section("budget", false), ctx.units, profile.budget);
  profile.close_call = top.quantity_or("close_call", k_share, k_fraction, "10%");
  detail::read_rule_overrides(top.section("rules", false), profile.rules);
  detail::read_uncertainty(top.section("uncertainty", false), profile);
  top.finish();

  // A range is sampled through the field registry: only the model's numeric inputs can be one.
  for (const UncertainValue& u : profile.uncertain)
    if (!find_numeric_field(u.field))
      diagnostics.error(u.at, fmt::format("{} cannot be a range: ranges apply to the model's numeric inputs (the "
                                          "fields --sensitivity lists), not to limits or settings",
                                          u.field));
  if (diagnostics.size() != errors_before) return std::nullopt;
  return profile;
}

std::optional<Profile> profile_from_document(Document document, Diagnostics& diagnostics,
                                             const std::vector<Override>& overrides, const Catalog& catalog) {
  if (!apply_overrides(document, overrides, diagnostics, rule_ids())) return std::nullopt;
  return build_profile(document, diagnostics, catalog);
}

namespace {

std::optional<Profile> finish_loading(std::optional<Document> document, Diagnostics& diagnostics,
                                      const std::vector<Override>& overrides, const Catalog& catalog) {
  if (!document) return std::nullopt;
  return profile_from_document(std::move(*document), diagnostics, overrides, catalog);
}

}  // namespace

std::optional<Profile> load_profile(const std::string& path, Diagnostics& diagnostics,
                                    const std::vector<Override>& overrides, const Catalog& catalog) {
  return finish_loading(load_file(path, diagnostics), diagnostics, overrides, catalog);
}

std::optional<Profile> load_profile_text(std::string_view text, SourceFormat format,
                                         Diagnostics& diagnostics,
                                         const std::vector<Override>& overrides, const Catalog& catalog) {
  return finish_loading(load_text(text, format, diagnostics), diagnostics, overrides, catalog);
}

}  // namespace edgecalc
