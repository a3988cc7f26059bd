// Cost per 1M tokens (docs/model.md, "Cost per 1M tokens"): each option's total over the tokens
// it serves, split into input and output by what each costs: a local unit's time (prefill reads
// the input, decode writes the output) and an API's own rates.

#include <edgecalc/model/model.hpp>

namespace edgecalc {

namespace {

constexpr double k_per_million = 1e6;

// Of a local unit's time per call, the share its prefill takes: a batching server at the
// operating batch (prefill alone + output tokens x step time / batch), a device from its
// predicted prefill; nullopt when the call time was written (its parts are not known).
std::optional<double> prefill_share(const ServiceModel& s, const std::optional<OptionLoad>& load) {
  if (s.batch) {
    const double b = load ? std::max(1.0, load->operating_batch) : 1.0;
    const double decode = s.batch->output_tokens * s.batch->step_s(b) / b;
    const double per_call = s.batch->prefill_s + decode;
    return per_call > 0 ? std::optional<double>(s.batch->prefill_s / per_call) : std::nullopt;
  }
  if (s.unvarying_s > 0 && s.call_s > 0) return s.unvarying_s / s.call_s;
  return std::nullopt;
}

// `o.calls` are the calls over the horizon (a ramp's months each with their own fleet).
TokenCost token_cost(const Profile& p, const OptionCost& o, const ServiceModel* local) {
  TokenCost t;
  const double in = o.calls * p.workload.tokens->input, out = o.calls * p.workload.tokens->output;
  t.blended = o.total / (in + out) * k_per_million;
  const bool api = p.cloud.price.form == PriceForm::per_1k_tokens || p.cloud.price.form == PriceForm::per_1m_tokens;
  const TokenRates rates = token_rates(p);
  const double rate_in = rates.input * k_per_million, rate_out = rates.output * k_per_million;
  const double api_input_share = rate_in * in + rate_out * out > 0 ? rate_in * in / (rate_in * in + rate_out * out) : 0;
  const std::optional<double> unit_share = local ? prefill_share(*local, o.load) : std::nullopt;

  // Each line's money charged to input: edge lines by unit time, cloud lines by the API's rates.
  double input_money = 0;
  bool used_unit = false, used_api = false;
  for (const CostLine& line : o.breakdown) {
    if (line.total == 0) continue;
    if (line.side == Side::edge) {
      if (!unit_share) t.unsplit_reason = "the local call time was written, not predicted, so its prefill and decode are not known";
      else input_money += line.total * *unit_share, used_unit = true;
    } else if (api) {
      input_money += line.total * api_input_share;
      used_api = true;
    } else {
      t.unsplit_reason = "the cloud is priced per call or per instance-hour, not per token";
    }
  }
  if (api) {
    t.list_input = rate_in;
    t.list_output = rate_out;
  }
  if (!t.unsplit_reason.empty() || o.total == 0) return t;
  t.input_share = input_money / o.total;
  if (in > 0) t.input = input_money / in * k_per_million;
  if (out > 0) t.output = (o.total - input_money) / out * k_per_million;
  t.split = used_unit && used_api ? "unit time and api rates" : used_unit ? "unit time" : used_api ? "api rates" : "";
  return t;
}

}  // namespace

void price_tokens(const Profile& p, CostModel& m) {
  if (!p.workload.tokens || m.cloud.calls <= 0 || p.workload.tokens->input + p.workload.tokens->output <= 0) return;
  m.cloud.per_1m_tokens = token_cost(p, m.cloud, nullptr);
  m.edge.per_1m_tokens = token_cost(p, m.edge, &m.sizing.service);
  if (m.hybrid_applicable) m.hybrid.per_1m_tokens = token_cost(p, m.hybrid, &m.hybrid_sizing.service);
}

}  // namespace edgecalc
