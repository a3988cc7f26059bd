#pragma once

// Model stage: a validated Profile -> what each option (cloud, edge, hybrid) costs up front,
// per month and over the horizon, line by line. Pure arithmetic; no I/O, no CLI.

#include <optional>
#include <string>
#include <vector>

#include <edgecalc/model/rental.hpp>
#include <edgecalc/model/serving.hpp>
#include <edgecalc/profile/profile.hpp>

namespace edgecalc {

// The fleet's traffic, derived from workload.calls x fleet.size.
struct Volume {
  double calls_per_month = 0;
  double calls_per_second = 0;       // average, whole fleet
  double peak_calls_per_second = 0;  // average x peak_factor
  double input_tokens_per_month = 0;
  double output_tokens_per_month = 0;
  double bytes_per_month = 0;        // payload uploaded if every call went to the cloud

  double tokens_per_month() const { return input_tokens_per_month + output_tokens_per_month; }
};

// Returns the fleet's volume for `profile`.
Volume volume_of(const Profile& profile);

// How busy the edge hardware is under the profile's load, and what it draws. Recomputed every
// time the model is priced, so break-even and what-if probes at other volumes see their own load.
struct EdgeSizing {
  double units = 0;              // devices (one per fleet member) or boxes bought
  double unit_capacity = 0;      // calls per second one unit sustains; 0 when unknown
  double busy_mean = 0;          // share of time one unit is busy at the mean rate
  double busy_peak = 0;          // ... at the peak rate (mean x peak_factor)
  double power_w = 0;            // average draw of one unit
  bool power_from_load = false;  // power_w = idle + min(1, busy_mean) x (active - idle)
  double share = 1;              // of the fleet's calls these units serve (a routing hybrid: 1 - escalation)
  OptionLoad load;               // at the peak (for devices: each device's own queue)
  ServiceModel service;          // how one unit serves calls (what goodput probes at other rates)
};

// How one edge unit serves calls: batched when the predictor gave the server's capacity and
// call time (`prediction` with a batch model), else from edge.inference_time and edge.capacity.
ServiceModel edge_service(const Profile& profile, const std::optional<Prediction>& prediction);

// Sizes the edge hardware for `share` of the traffic `volume` (docs/model.md, "Sizing and power"):
// servers meet the utilization target and, with a latency budget, p95 at the peak.
EdgeSizing size_edge(const Profile& profile, const Volume& volume, const ServiceModel& service,
                     double share = 1);

enum class Side { cloud, edge };

// One line of an option's bill. total = upfront + monthly x horizon + once (replacements).
struct CostLine {
  std::string item;  // per_call_fees, tokens, transfer, instances, commitment, fixed, hardware,
                     // engineering, energy, maintenance, replacements
  Side side = Side::cloud;
  double upfront = 0;
  double monthly = 0;
  double total = 0;
};

// One month of an option's cash flow (docs/model.md, "Money over time"): priced month by month
// when the profile has a fleet ramp, price changes, a discount rate or resale value.
struct MonthFlow {
  int month = 0;             // 0-based; month m runs from m to m + length
  double length = 1;         // 1, or less for the last month of a fractional horizon
  double fleet = 0;          // fleet size this month
  double units = 0;          // hardware in service (devices, boxes) or cloud instances
  double price_factor = 1;   // the cloud's rates this month / today's (price changes, trend)
  double bought = 0;         // hardware bought this month (first units, ramp, replacements) and engineering
  double sold = 0;           // resale of replaced units; in the last month also the units left at the horizon
  double running = 0;        // recurring costs of the month
  double cash = 0;           // bought + running - sold
  double discounted = 0;     // cash at today's value
  double cumulative = 0;     // nominal cash paid by the month's end
  // What each line of the option's breakdown cost this month (the same order; resale as < 0):
  // the month's share of the bill, line by line (the FOCUS export's rows).
  std::vector<double> lines;
};

// The months, and the times of one-off payments for break-even (nominal, in months).
struct Timeline {
  std::vector<MonthFlow> months;
  std::vector<std::pair<double, double>> payments;  // (time, money): purchases, engineering; resale inside the horizon as < 0
  double terminal_resale = 0;                       // units sold at the horizon (not counted for break-even)
  double discount_rate = 0;                         // per year
};

// What an option's tokens cost over the horizon (docs/model.md, "Cost per 1M tokens"): its
// total over every token it serves, and split into input and output. A local unit's cost is split
// by the time it spends on each (prefill for input, decode for output); an API's by what its own
// rates charge each. nullopt halves: the split is unknown (a written inference time).
struct TokenCost {
  double blended = 0;                  // total / (input + output tokens) x 1M
  std::optional<double> input;         // the input's share of the total / input tokens x 1M
  std::optional<double> output;        // ... and the output's
  std::optional<double> input_share;   // of the total charged to input tokens
  std::string split;                   // "unit time", "api rates", "unit time and api rates", or ""
  std::string unsplit_reason;          // why input and output are not known, when they are not
  std::optional<double> list_input;    // an API's own rate per 1M input tokens (cache reads blended in)
  std::optional<double> list_output;   // ... per 1M output tokens
};

// What one call costs in energy and carbon (docs/model.md, "Energy and carbon"): the local units'
// draw per call (x PUE), and the cloud's share in its data centre; nullopt where unknown.
struct EnergyUse {
  std::optional<double> per_call_j;      // local + cloud; nullopt when either part is unknown
  std::optional<double> local_j;         // devices or boxes, per fleet call (x edge.pue)
  std::optional<double> cloud_j;         // the data centre, per fleet call (x its PUE)
  std::optional<double> carbon_per_call_g;
  std::optional<double> carbon_per_month_kg;
  std::string unknown;                   // why a part is unknown, when one is
};

// How long one device lasts on its battery under an option (docs/model.md, "Battery life"):
// its sleep draw plus, per call, its own inference and the radio message of a cloud call.
struct BatteryLife {
  std::optional<double> life_s;     // capacity / average_w; nullopt when a part is unknown
  std::optional<double> average_w;  // sleep + calls per second x (compute_j + radio_j)
  std::optional<double> compute_j;  // the device's inference per call, averaged over its calls
  double radio_j = 0;               // the radio per call: the share sent to the cloud x (message + payload)
  std::string unknown;              // why the life is unknown, when it is
};

struct OptionCost {
  Option option = Option::cloud;
  double upfront = 0;       // bought at month 0
  double monthly = 0;       // steady recurring cost; replacements excluded
  double replacements = 0;  // hardware bought again inside the horizon, all purchases
  double total = 0;         // upfront + monthly x horizon + replacements
  std::optional<double> cost_per_1k_calls;  // nullopt when there are no calls
  std::optional<double> units;              // instances, boxes or devices; nullopt for pay-per-use
  std::string units_label;                  // "instances", "boxes", or the fleet's unit
  std::optional<double> instances;          // cloud instances sized for the peak (cloud and hybrid)
  std::optional<RentalCost> rental;         // their tier and what it bills (cloud.price.instance)
  std::optional<OptionLoad> load;           // units at the peak: instances (cloud), local units (edge, hybrid)
  std::optional<double> energy_per_call_j;  // the units' average draw / calls per second; nullopt for a cloud API
  double hardware_per_purchase = 0;         // cost of one round of hardware (edge and hybrid)
  std::optional<double> lifetime_months;    // hardware life; nullopt: never replaced
  int replacement_count = 0;                // purchases after month 0 inside the horizon
  std::vector<CostLine> breakdown;
  double present_value = 0;     // total at today's value (finance.discount_rate); == total at 0%/year
  double residual_value = 0;    // resale of the units in service at the horizon
  double resale = 0;            // all resale inside the horizon: replaced units and those at the horizon
  double hardware_bought = 0;   // every purchase of hardware inside the horizon
  double peak_monthly = 0;      // the costliest month's recurring cost (== monthly without a timeline)
  double calls = 0;             // calls over the horizon
  std::optional<Timeline> timeline;  // priced month by month (Profile::varies_over_time())
  std::optional<TokenCost> per_1m_tokens;  // nullopt without workload.tokens
  EnergyUse energy;
  std::optional<BatteryLife> battery;  // nullopt without a battery: section

  // Cumulative spend at `month` (>= 0): upfront + monthly x month + hardware bought again at
  // each multiple of the lifetime up to `month`. With `within_horizon`, only the replacements
  // inside the horizon count, so cumulative_at(horizon) == total.
  double cumulative_at(double month, bool within_horizon = true) const;
};

struct CostModel {
  double horizon_months = 0;
  double discount_rate = 0;  // finance.discount_rate: options are ranked on their present value
  double hours_per_month = 0;
  Volume volume;
  OptionCost cloud;
  OptionCost edge;
  OptionCost hybrid;
  EdgeSizing sizing;              // the edge hardware under this load
  EdgeSizing hybrid_sizing;       // the hybrid's local hardware (all calls, or 1 - escalation routed)
  bool hybrid_applicable = true;  // false: hybrid.escalation is 0, no costs are computed for it

  const OptionCost& option(Option o) const;
};

// How much of the month-by-month pricing a caller keeps. Every level gives the same totals and
// present values; the searches that price a profile hundreds of times ask for less.
enum class Detail {
  lines,   // the report: each month's cash flow and its cost per line of the bill
  cash,    // each month's cash flow and the dated payments (break-even months), no lines
  totals,  // totals and present values only: no timeline
};

// Prices every option for `profile` (formulas in docs/model.md): the steady model, then month by
// month when the profile varies over time (model/cash_flow.cpp).
CostModel price_options(const Profile& profile, Detail detail = Detail::lines);

// An API's price per input token (prompt-cache reads at their rate, by
// workload.tokens.cached_input) and per output token; zeros unless cloud.price is per token.
struct TokenRates {
  double input = 0;
  double output = 0;
};
TokenRates token_rates(const Profile& profile);

// Each priced option's cost per 1M tokens from its final line totals (after price_over_time).
void price_tokens(const Profile& profile, CostModel& model);

// Each option's energy and carbon per call (model/energy.cpp), from the sized units.
void price_energy(const Profile& profile, CostModel& model);

// Each option's battery life on one device (model/battery.cpp), when the profile has battery:.
void price_battery(const Profile& profile, CostModel& model);

// The steady model alone: today's prices, the whole fleet from month 0, nothing discounted or resold.
CostModel price_steady(const Profile& profile);

// Replaces the steady totals of `model` with a month-by-month cash flow (docs/model.md, "Money
// over time"): the fleet ramp, dated cloud prices, hardware bought as units ship and replaced
// per cohort, resale and discounting.
void price_over_time(const Profile& profile, CostModel& model, Detail detail = Detail::lines);

// Cumulative spend at months 0, 1, ..., horizon (and the horizon itself when fractional).
std::vector<double> cumulative_curve(const OptionCost& option, double horizon_months);

// ceil(x), except that x a hair above a whole number (floating-point noise: 3.0000000000004)
// rounds down to it.
double ceil_tolerant(double x);

// How many units a load needs: ceil(load / (capacity x utilization)), without rounding a
// load that exactly fills n units up to n + 1 through floating-point noise.
double units_needed(double load, double capacity, double utilization);

}  // namespace edgecalc
