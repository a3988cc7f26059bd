// Energy and carbon per call (docs/model.md, "Energy and carbon"): the local units' average draw
// over the calls they serve, and a cloud call's data-centre energy: per token for an API
// (domain/energy.cpp), the rented GPU's power over its calls for instances.

#include <edgecalc/model/model.hpp>

#include <edgecalc/domain/energy.hpp>

namespace edgecalc {

namespace {

constexpr double k_j_per_kwh = 3.6e6;

// A cloud call's energy in the data centre, or why it is unknown.
std::optional<double> cloud_call_j(const Profile& p, const OptionCost& cloud, const Volume& v, std::string& unknown) {
  const CloudPrice& price = p.cloud.price;
  if ((price.form == PriceForm::per_1k_tokens || price.form == PriceForm::per_1m_tokens) && p.workload.tokens) {
    const ApiEnergy& e = api_energy();
    return (p.workload.tokens->input * e.input_j_per_token + p.workload.tokens->output * e.output_j_per_token) * e.pue;
  }
  if (price.form == PriceForm::instance && price.gpu_power_w && cloud.rental && v.calls_per_second > 0)
    return *price.gpu_power_w * cloud.rental->instances_billed * api_energy().pue / v.calls_per_second;
  unknown = price.form == PriceForm::instance
                ? "the cloud's energy is unknown: name the rented GPU (cloud.price.instance.gpu) for its power"
                : "the cloud's energy is unknown: a per-call price says nothing of the tokens it serves";
  return std::nullopt;
}

void finish(EnergyUse& e, const Profile& p, const Volume& v) {
  if ((!e.local_j && !e.cloud_j) || !e.unknown.empty()) return;  // nothing known, or a part unknown
  e.per_call_j = e.local_j.value_or(0) + e.cloud_j.value_or(0);
  e.carbon_per_call_g = e.local_j.value_or(0) / k_j_per_kwh * p.carbon.grid_g_per_kwh +
                        e.cloud_j.value_or(0) / k_j_per_kwh * p.carbon.cloud_g_per_kwh;
  e.carbon_per_month_kg = *e.carbon_per_call_g * v.calls_per_month / 1000;
}

}  // namespace

void price_energy(const Profile& p, CostModel& m) {
  const double pue = p.edge.deployment == Deployment::server ? p.edge.pue : 1;
  std::string unknown;
  const std::optional<double> cloud = cloud_call_j(p, m.cloud, m.volume, unknown);

  m.cloud.energy = {};
  m.cloud.energy.cloud_j = cloud;
  m.cloud.energy.unknown = unknown;
  finish(m.cloud.energy, p, m.volume);

  m.edge.energy = {};
  if (m.edge.energy_per_call_j) m.edge.energy.local_j = *m.edge.energy_per_call_j * pue;
  finish(m.edge.energy, p, m.volume);

  m.hybrid.energy = {};
  if (!m.hybrid_applicable) return;
  if (m.hybrid.energy_per_call_j) m.hybrid.energy.local_j = *m.hybrid.energy_per_call_j * pue;
  // The escalated share of calls, each as a cloud call (instances: the hybrid's own, fewer).
  std::string hybrid_unknown;
  const std::optional<double> escalated = cloud_call_j(p, m.hybrid, m.volume, hybrid_unknown);
  if (escalated) {
    const bool instances = p.cloud.price.form == PriceForm::instance;
    m.hybrid.energy.cloud_j = instances ? *escalated : *escalated * p.hybrid.escalation;
  }
  m.hybrid.energy.unknown = hybrid_unknown;
  finish(m.hybrid.energy, p, m.volume);
}

}  // namespace edgecalc
