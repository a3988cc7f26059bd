#include <edgecalc/model/model.hpp>

#include <edgecalc/model/latency.hpp>
#include <edgecalc/model/predictor.hpp>
#include <edgecalc/model/rental.hpp>

#include <algorithm>
#include <cmath>

namespace edgecalc {

namespace {

constexpr double k_bytes_per_gb = 1e9;
constexpr double k_watts_per_kw = 1000;


void add_line(OptionCost& o, std::string item, Side side, double upfront, double monthly,
              double horizon) {
  o.breakdown.push_back(CostLine{std::move(item), side, upfront, monthly, upfront + monthly * horizon});
}

// The cloud's bill for `share` of the fleet's calls (1 for the cloud option, the escalation
// for the hybrid): the volume-dependent lines, then the fixed fee.
void add_cloud_lines(OptionCost& o, const Profile& p, const Volume& v, double share, double horizon,
                     double hours_per_month) {
  const CloudPrice& price = p.cloud.price;
  switch (price.form) {
    case PriceForm::per_call:
      add_line(o, "per_call_fees", Side::cloud, 0, share * v.calls_per_month * price.per_call, horizon);
      break;
    case PriceForm::per_1k_tokens:
    case PriceForm::per_1m_tokens: {
      const TokenRates rates = token_rates(p);
      const double monthly = share * (v.input_tokens_per_month * rates.input + v.output_tokens_per_month * rates.output);
      add_line(o, "tokens", Side::cloud, 0, monthly, horizon);
      break;
    }
    case PriceForm::instance: {
      // Sized like edge servers: the utilization target at the peak, then the latency budget
      // (the cloud option's, or the hybrid's when its escalations are synchronous), each
      // instance serving as its rental tier lets it (model/rental.cpp).
      const double peak = share * v.peak_calls_per_second, mean = share * v.calls_per_second;
      const ServiceModel service = cloud_instance_service(p, mean);
      const double needed = std::max(price.min_instances, units_needed(peak, service.capacity_per_s, price.utilization));
      const bool held = share == 1 || p.hybrid.escalation_sync;
      o.load = size_for_load(service, peak, needed, held ? p.workload.latency_budget_s : std::nullopt,
                             network_time(p).value_or(DurationRange{}).high_s, p.workload.service_cv);
      const double n = std::max(needed, o.load->servers);
      if (n > o.load->servers) {  // the minimum count keeps more instances than the load needs
        const SizedBy by = o.load->sized_by;
        o.load = load_at(service, peak, n, p.workload.service_cv);
        o.load->sized_by = by;
      }
      o.instances = n;
      o.rental = rent_instances(p, service, n, mean, horizon, hours_per_month);
      add_line(o, "instances", Side::cloud, 0, o.rental->instances_billed * price.hourly * hours_per_month, horizon);
      if (o.rental->commitment_after_horizon > 0)
        o.breakdown.push_back(CostLine{"commitment", Side::cloud, 0, 0, o.rental->commitment_after_horizon});
      break;
    }
  }
  const double gb_per_month = share * v.bytes_per_month / k_bytes_per_gb;
  add_line(o, "transfer", Side::cloud, 0, gb_per_month * p.cloud.transfer_per_gb, horizon);
  add_line(o, "network_data", Side::cloud, 0, gb_per_month * p.connectivity.data_price_per_gb, horizon);
  add_line(o, "fixed", Side::cloud, 0, p.cloud.fixed_per_month, horizon);
}

// The edge's bill: hardware in every fleet member (device) or shared boxes (server).
void add_edge_lines(OptionCost& o, const Profile& p, const EdgeSizing& s, double horizon,
                    double hours_per_month) {
  const Edge& e = p.edge;
  const double units = s.units;
  o.units_label = e.deployment == Deployment::server ? "boxes" : p.fleet.unit;
  o.units = units;
  const double hardware = units * e.unit_cost;
  o.hardware_per_purchase = hardware;
  add_line(o, "hardware", Side::edge, hardware, 0, horizon);
  add_line(o, "engineering", Side::edge, e.engineering, 0, horizon);
  const double kwh_per_month = units * s.power_w / k_watts_per_kw * hours_per_month * e.pue;
  add_line(o, "energy", Side::edge, 0, kwh_per_month * e.energy_price_per_kwh, horizon);
  const double maintenance = e.maintenance.is_share ? e.maintenance.share_per_year * hardware / 12
                                                    : e.maintenance.per_month;
  add_line(o, "maintenance", Side::edge, 0, maintenance, horizon);
  add_line(o, "fixed", Side::edge, 0, e.fixed_per_month, horizon);
  if (e.lifetime_s) {
    const double life = *e.lifetime_s / p.month_s;
    o.lifetime_months = life;
    // purchases at life, 2 x life, ... strictly inside the horizon
    const double count = ceil_tolerant(horizon / life) - 1;
    o.replacement_count = static_cast<int>(std::max(0.0, std::min(count, 1e9)));
    if (o.replacement_count > 0) {
      o.replacements = o.replacement_count * hardware;
      o.breakdown.push_back(CostLine{"replacements", Side::edge, 0, 0, o.replacements});
    }
  }
}

// What the units draw on average (idle power included) spread over the calls they serve, at the
// unit itself (no cooling overhead): joules per call.
std::optional<double> energy_per_call(const EdgeSizing& s, const Volume& v) {
  if (v.calls_per_second <= 0) return std::nullopt;
  return s.units * s.power_w / v.calls_per_second;
}

void sum_up(OptionCost& o, const Volume& v, double horizon) {
  o.upfront = o.monthly = o.total = 0;
  for (const CostLine& line : o.breakdown) {
    o.upfront += line.upfront;
    o.monthly += line.monthly;
    o.total += line.total;
  }
  o.present_value = o.total;
  o.peak_monthly = o.monthly;
  o.hardware_bought = o.hardware_per_purchase * (1 + o.replacement_count);
  o.calls = v.calls_per_month * horizon;
  if (o.calls > 0) o.cost_per_1k_calls = o.total / o.calls * 1000;
}

}  // namespace

TokenRates token_rates(const Profile& p) {
  const CloudPrice& price = p.cloud.price;
  if (price.form != PriceForm::per_1k_tokens && price.form != PriceForm::per_1m_tokens) return {};
  // Input read from the provider's prompt cache is billed at the cache rate:
  // (1 - cached) x input price + cached x cache price.
  const double d = price.form == PriceForm::per_1m_tokens ? 1e6 : 1e3;
  const double cached = p.workload.tokens ? p.workload.tokens->cached_share : 0;
  const double input = (1 - cached) * price.input_per_tokens + cached * price.cached_input_per_tokens.value_or(price.input_per_tokens);
  return {input / d, price.output_per_tokens / d};
}

double ceil_tolerant(double x) { return std::ceil(x * (1 - 1e-12)); }

double units_needed(double load, double capacity, double utilization) {
  if (load <= 0) return 0;
  return ceil_tolerant(load / (capacity * utilization));
}

Volume volume_of(const Profile& p) {
  Volume v;
  v.calls_per_second = p.workload.calls_per_s * p.fleet.size;
  v.calls_per_month = v.calls_per_second * p.month_s;
  v.peak_calls_per_second = v.calls_per_second * p.workload.peak_factor;
  if (p.workload.tokens) {
    v.input_tokens_per_month = v.calls_per_month * p.workload.tokens->input;
    v.output_tokens_per_month = v.calls_per_month * p.workload.tokens->output;
  }
  v.bytes_per_month = v.calls_per_month * p.workload.payload_bytes;
  return v;
}

double OptionCost::cumulative_at(double month, bool within_horizon) const {
  double spent = upfront + monthly * month;
  if (lifetime_months && *lifetime_months > 0 && month >= *lifetime_months) {
    double bought = std::floor(month / *lifetime_months);
    if (within_horizon) bought = std::min(bought, static_cast<double>(replacement_count));
    spent += bought * hardware_per_purchase;
  }
  return spent;
}

std::vector<double> cumulative_curve(const OptionCost& option, double horizon_months) {
  std::vector<double> curve;
  if (option.timeline) {
    curve.push_back(option.timeline->months.empty() ? option.total : option.timeline->months.front().bought);
    for (const MonthFlow& f : option.timeline->months) curve.push_back(f.cumulative);
    return curve;
  }
  for (double m = 0; m < horizon_months; m += 1) curve.push_back(option.cumulative_at(m));
  curve.push_back(option.cumulative_at(horizon_months));
  return curve;
}

const OptionCost& CostModel::option(Option o) const {
  switch (o) {
    case Option::cloud: return cloud;
    case Option::edge: return edge;
    case Option::hybrid: return hybrid;
  }
  return cloud;
}

CostModel price_options(const Profile& p, Detail detail) {
  CostModel m = price_steady(p);
  if (p.varies_over_time()) price_over_time(p, m, detail);
  price_tokens(p, m);
  price_energy(p, m);
  price_battery(p, m);
  return m;
}

CostModel price_steady(const Profile& p) {
  CostModel m;
  m.discount_rate = p.finance.discount_rate;
  m.horizon_months = p.horizon_months();
  m.hours_per_month = p.hours_per_month();
  m.volume = volume_of(p);
  const double h = m.horizon_months;

  m.cloud.option = Option::cloud;
  add_cloud_lines(m.cloud, p, m.volume, 1.0, h, m.hours_per_month);
  m.cloud.units = m.cloud.instances;
  if (m.cloud.instances) m.cloud.units_label = "instances";
  sum_up(m.cloud, m.volume, h);

  const ServiceModel edge = edge_service(p, predict(p, Workings::skipped));
  m.sizing = size_edge(p, m.volume, edge);
  m.edge.load = m.sizing.load;
  m.edge.energy_per_call_j = energy_per_call(m.sizing, m.volume);
  m.edge.option = Option::edge;
  add_edge_lines(m.edge, p, m.sizing, h, m.hours_per_month);
  sum_up(m.edge, m.volume, h);

  // A hybrid that escalates nothing is the edge option under another name: it is not priced.
  m.hybrid_sizing = m.sizing;
  m.hybrid.option = Option::hybrid;
  m.hybrid_applicable = p.hybrid.escalation > 0;
  if (m.hybrid_applicable) {
    // cascade: the local units see every call; route: only those not sent to the cloud.
    const double local = p.hybrid.mode == HybridMode::route ? 1 - p.hybrid.escalation : 1;
    if (local < 1) m.hybrid_sizing = size_edge(p, m.volume, edge, local);
    add_edge_lines(m.hybrid, p, m.hybrid_sizing, h, m.hours_per_month);
    add_cloud_lines(m.hybrid, p, m.volume, p.hybrid.escalation, h, m.hours_per_month);
    m.hybrid.load = m.hybrid_sizing.load;  // the local units; escalations' instances are in the bill
    m.hybrid.energy_per_call_j = energy_per_call(m.hybrid_sizing, m.volume);
    sum_up(m.hybrid, m.volume, h);
  }
  return m;
}

}  // namespace edgecalc
