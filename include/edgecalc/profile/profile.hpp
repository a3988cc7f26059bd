#pragma once

// Profile stage: a loaded document -> a validated Profile in base units, or diagnostics.
// Units inside a Profile: seconds, calls per second, bytes, watts, fractions (0..1), money in
// the profile's currency; prices per GB, per kWh, per hour or per (billing) month as named.

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/domain/names.hpp>
#include <edgecalc/util/diagnostic.hpp>
#include <edgecalc/load/document.hpp>
#include <edgecalc/load/overrides.hpp>
#include <edgecalc/load/quantity.hpp>

namespace edgecalc {

struct DurationRange {
  double low_s = 0;
  double high_s = 0;
};

struct TokensPerCall {
  double input = 0;
  double output = 0;
  double cached_share = 0;  // of the input tokens, read from the provider's prompt cache
};

struct CloudPrice {
  PriceForm form = PriceForm::per_call;
  double per_call = 0;           // per_call
  double input_per_tokens = 0;   // per_1k_tokens / per_1m_tokens: price per 1k (or 1M) input tokens
  double output_per_tokens = 0;  // ... and per 1k (or 1M) output tokens
  std::optional<double> cached_input_per_tokens;  // ... per 1k (or 1M) cached input tokens; nullopt: as input
  PriceTier tier = PriceTier::standard;           // a catalog model's interactive or batch prices
  double hourly = 0;             // instance: price per instance-hour
  double capacity_per_s = 0;     // instance: calls one instance sustains
  double min_instances = 1;      // instance: always running
  double utilization = 1;        // instance: target utilization (0..1]
  RentalTier rental = RentalTier::on_demand;  // instance: how it is bought
  std::optional<std::string> gpu;             // instance: catalog id whose rental rates price it
  double interruptions_per_s = 0;  // instance, spot: reclaims per instance-second
  double cold_start_s = 0;         // instance, spot and scale-to-zero: until a new instance serves
  double idle_timeout_s = 0;       // instance, scale-to-zero: kept warm this long after a call
  std::optional<double> gpu_power_w;  // instance: the catalog GPU's active power (energy per call)
};

struct Maintenance {
  bool is_share = false;       // true: a share of the hardware cost per year
  double per_month = 0;        // money per month, when !is_share
  double share_per_year = 0;   // fraction of hardware cost per year, when is_share
};

struct Workload {
  double calls_per_s = 0;                   // per fleet member
  double peak_factor = 1;
  std::optional<double> latency_budget_s;   // nullopt: no limit ("none")
  double payload_bytes = 0;
  std::optional<TokensPerCall> tokens;
  double hard_fraction = 0;
  double service_cv = 1;                    // variability of call times (coefficient of variation)
  std::optional<std::string> model;         // catalog id: an LLM or a TinyML model
  std::optional<std::string> quantization;  // catalog id, for LLMs
};

// How the fleet grows to fleet.size (docs/profile.md, "fleet"): a line or steps from a start
// size, or a month:size list. Sizes are as written and capped at fleet.size, so a probe that
// changes fleet.size (break-even, sensitivity, ranges) sees what --set fleet.size would load.
struct FleetRamp {
  enum class Shape { linear, steps, list };
  Shape shape = Shape::linear;
  double start = 0;         // linear, steps: the fleet at month 0
  double over_months = 0;   // linear, steps: fleet.size is reached at this month
  double every_months = 0;  // steps: one step every this many months
  std::vector<std::pair<double, double>> points;  // list: (month, fleet size), months ascending

  // The fleet in month `month` (0-based, held for the whole month) of a fleet of `size`.
  double size_at(double month, double size) const;
};

struct Fleet {
  double size = 0;
  std::string unit = "devices";
  std::optional<FleetRamp> ramp;  // nullopt: fleet.size from month 0
};

// A dated change of the cloud's price: every rate of cloud.price is multiplied by `factor` from
// month `at_months` (whole months from finance.start or the horizon's start) on.
struct PriceChange {
  double at_months = 0;
  double factor = 1;
  std::string when;    // as written: "2027-01-01" or "6 months"
  std::string note;    // "introductory rate ends"
  std::string source;  // the catalog entry's source, or "" when written in the profile
};

struct Connectivity {
  Network network = Network::none;
  // Filled from the network class unless the profile overrides them; nullopt for `none`.
  std::optional<DurationRange> rtt;
  std::optional<double> uplink_bytes_per_s;
  std::optional<double> outage_s;             // typical length of one outage
  std::optional<double> offline_tolerance_s;  // nullopt: unlimited
  double data_price_per_gb = 0;               // what the link charges per GB sent to the cloud
};

struct DataPolicy {
  Sensitivity sensitivity = Sensitivity::public_data;
  LeavesDevice leaves_device = LeavesDevice::auto_detect;
  bool dpa = false;
  bool escalation_allowed = false;  // the hybrid may send escalated inputs to the cloud
};

struct Cloud {
  std::optional<std::string> model;  // catalog id of an API price
  CloudPrice price;
  std::vector<PriceChange> price_changes;  // ascending by at_months
  double price_trend_per_year = 0;         // -0.1: every cloud rate falls 10% a year, compounding monthly
  double inference_time_s = 0;
  std::optional<double> ttft_s;               // written: time to the first token of an API call
  std::optional<double> output_tokens_per_s;  // written: the API's decode rate, tokens per second
  double transfer_per_gb = 0;
  double fixed_per_month = 0;
};

// A unit's power draw from idle to fully busy: the model places the average between them by the
// busy share the load causes (docs/model.md, "Sizing and power").
struct PowerCurve {
  double idle_w = 0;
  double active_w = 0;
};

struct Edge {
  std::optional<std::string> hardware;  // catalog id
  std::optional<std::string> runtime;   // a TinyML runtime of the hardware's backend (catalog id)
  Deployment deployment = Deployment::device;
  double unit_cost = 0;
  std::optional<double> capacity_per_s;
  std::optional<double> max_concurrency;  // calls one unit serves at once (written; else derived)
  double utilization = 1;
  double inference_time_s = 0;
  double power_w = 0;                     // average draw of one unit, when written as one number
  std::optional<PowerCurve> power_curve;  // {idle, active}: written, or from edge.hardware
  double energy_price_per_kwh = 0;
  double pue = 1;
  double engineering = 0;
  Maintenance maintenance;
  double fixed_per_month = 0;
  std::optional<double> lifetime_s;  // nullopt: never replaced
};

struct Hybrid {
  double escalation = 0;
  bool escalation_sync = false;  // escalated calls are answered by the cloud, within the budget
  HybridMode mode = HybridMode::cascade;  // cascade: the local model sees every call; route: one side
  double router_time_s = 0;      // route: time to pick a side, added to escalated calls
};

// Money over time (docs/model.md, "Money over time"): the discount rate of every cash flow and the
// resale value of edge hardware.
struct Finance {
  double discount_rate = 0;  // per year; cash at month t is worth (1 + r)^(-t/12) today
  // Resale value of a unit as a share of its price by age in months, linear between points and
  // flat after the last; empty: hardware is worth nothing when sold or at the horizon.
  std::vector<std::pair<double, double>> residual;
  std::string residual_name = "none";  // none, market (data: domain/finance.hpp), or written
  std::optional<std::string> start;    // YYYY-MM-DD: the horizon's first day (dated price changes)

  // Resale share of a unit aged `months`.
  double residual_at(double months) const;
};

// The carbon intensity of the electricity each side draws (docs/model.md, "Energy and carbon").
struct Carbon {
  double grid_g_per_kwh = 0;        // the devices' and boxes' grid
  std::string grid = "world";       // a region of domain/energy.cpp, or "written"
  double cloud_g_per_kwh = 0;       // the cloud's data centres (carbon.cloud_grid; the same grid unless written)
  std::string cloud_grid = "world";
};

// A device on battery (docs/model.md, "Battery life"): the energy it holds, its draw between
// calls, what its radio spends per cloud call, and the life every option must reach.
struct Battery {
  double capacity_j = 0;              // battery.capacity (x battery.voltage when written in mAh)
  std::optional<double> voltage_v;    // battery.voltage
  double sleep_w = 0;                 // battery.sleep (x voltage when written as a current)
  std::string radio;                  // battery.radio: a radio of domain/energy.cpp, or "written"
  double message_j = 0;               // battery.message_energy, or the radio's: one cloud call's message
  double byte_j = 0;                  // battery.byte_energy, or the radio's: each byte of workload.payload
  std::optional<double> min_life_s;   // battery.min_life: an option that lasts less is blocked
};

// A value taken from a catalog, for the report's assumptions.
struct CatalogValue {
  std::string field;   // "edge.unit_cost"
  std::string value;   // "$80.00"
  std::string source;  // "catalog rpi5-8gb: Raspberry Pi 5 product brief ... (2025-01)"
  std::string date;    // the entry's date, for staleness warnings
};

// A profile's change to one rule: `rules: {id: off}` or `rules: {id: {threshold: 15ms}}`.
struct RuleOverride {
  bool enabled = true;
  std::optional<double> threshold;  // in the rule's base unit
};


// A budget limit: `max_total_cost: $500k` (level fail) or `{limit: $500k, level: warn}`.
struct MoneyLimit {
  double limit = 0;
  GateLevel level = GateLevel::fail;
};

struct Budget {
  std::optional<MoneyLimit> max_monthly_cost;
  std::optional<MoneyLimit> max_total_cost;
  std::optional<MoneyLimit> max_cost_per_1k_calls;
  std::optional<MoneyLimit> min_margin;  // a share: the verdict must survive this relative move of every field
  std::optional<MoneyLimit> min_headroom;  // a share: the chosen option's goodput must exceed the peak by this share of it
  std::optional<MoneyLimit> min_confidence;  // a share: the verdict (or `require`) must win in this share of samples
  std::optional<Option> require;
  GateLevel require_level = GateLevel::fail;
};

// What the predictor (model stage, docs/predictor.md) reads: the catalog entries edge.hardware
// and workload.model name, and whether the profile already has the values it would predict.
struct PredictorInputs {
  HardwareEntry hardware;
  std::optional<BackendEntry> backend;     // the hardware's calibration (an LLM's; a TinyML model's runtimes)
  std::optional<LlmEntry> llm;
  std::optional<QuantEntry> quantization;  // an LLM: written or the default
  std::optional<TinyModelEntry> tiny;
  std::string runtime;              // a TinyML model: edge.runtime, else the backend's first (empty: none)
  bool inference_time_set = false;  // written (the profile's own value wins), or already predicted
  bool capacity_set = false;
  bool inference_time_predicted = false;  // set by with_prediction(): the predictor's, not written
  bool capacity_predicted = false;
};

// `uncertainty: {correlate: [[a, b, 0.6]]}`: a rank correlation (Spearman) between two ranges.
struct RankCorrelation {
  std::string a, b;  // field paths, both written as ranges
  double rank = 0;   // -1..1
  Position at;
};

// The Pearson correlations of the Gaussian copula that give `correlations` between `fields`, as
// a lower-triangular Cholesky factor (row-major, n x n); nullopt when the matrix is not positive
// semi-definite.
std::optional<std::vector<double>> copula_factor(const std::vector<std::string>& fields,
                                                 const std::vector<RankCorrelation>& correlations);

// How build_profile derived some values from other fields. set_field() (profile/fields.hpp)
// re-derives them when it changes one of their inputs, exactly as a fresh load with --set would.
struct Derivations {
  bool escalation_is_hard_fraction = false;         // hybrid.escalation not written: it follows hard_fraction
  std::shared_ptr<const PriceEntry> catalog_price;  // cloud.price chosen from this entry (tier, input tokens)
  std::optional<double> api_ttft_s;                 // cloud.inference_time = ttft + output tokens / speed
  std::optional<double> api_tokens_per_s;
};

struct Profile {
  int version = 1;
  std::string name;
  std::string description;
  std::string currency;  // written, or the default (domain/defaults.hpp)
  double horizon_s = 0;
  double month_s = 0;
  Workload workload;
  Fleet fleet;
  Connectivity connectivity;
  DataPolicy data;
  Cloud cloud;
  Edge edge;
  Hybrid hybrid;
  Finance finance;
  Carbon carbon;
  std::optional<Battery> battery;  // devices on battery only (edge.deployment: device)
  Budget budget;
  double close_call = 0.1;                     // totals this close (relative) are a close call
  std::map<std::string, RuleOverride> rules;   // rule id -> override

  std::string file;                           // as named by the user
  std::map<std::string, Position> positions;  // field path ("workload.calls") -> where written
  std::vector<std::string> defaults_applied;  // field paths filled in from defaults, in order
  std::vector<CatalogValue> catalog_values;   // values taken from catalogs
  std::optional<PredictorInputs> predictor;   // edge.hardware with workload.model: see with_prediction()
  Derivations derivations;
  // Fields written as ranges (docs/profile.md, "Ranges"): the value above is each one's median;
  // the Monte Carlo (explore/uncertainty.hpp) samples them.
  std::vector<UncertainValue> uncertain;
  std::vector<RankCorrelation> correlations;

  double horizon_months() const { return horizon_s / month_s; }
  // A ramp, price changes, a discount rate or resale: the cost model prices month by month.
  bool varies_over_time() const {
    return fleet.ramp || !cloud.price_changes.empty() || cloud.price_trend_per_year != 0 ||
           finance.discount_rate != 0 || !finance.residual.empty();
  }
  double hours_per_month() const { return month_s / 3600.0; }
};

// Validates `document` as a version-1 profile, taking hardware, model and price data that the
// profile names from `catalog`. Returns the profile, or nullopt after adding every problem
// (unknown or duplicate keys, wrong types, bad units, missing fields, unknown catalog ids ...)
// to `diagnostics`.
std::optional<Profile> build_profile(const Document& document, Diagnostics& diagnostics,
                                     const Catalog& catalog = builtin_catalog());

// apply_overrides (rule ids as dotted keys) + build_profile on a loaded document.
std::optional<Profile> profile_from_document(Document document, Diagnostics& diagnostics,
                                             const std::vector<Override>& overrides = {},
                                             const Catalog& catalog = builtin_catalog());

// load_file + apply_overrides + build_profile.
std::optional<Profile> load_profile(const std::string& path, Diagnostics& diagnostics,
                                    const std::vector<Override>& overrides = {},
                                    const Catalog& catalog = builtin_catalog());

// The same for text already read (standard input, named `name` in diagnostics; parsed as
// YAML, which accepts JSON).
std::optional<Profile> load_profile_text(std::string_view text, SourceFormat format,
                                         Diagnostics& diagnostics,
                                         const std::vector<Override>& overrides = {},
                                         const Catalog& catalog = builtin_catalog());

}  // namespace edgecalc
