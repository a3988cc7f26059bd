#include <edgecalc/model/validate.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include <edgecalc/model/predictor.hpp>

#include "model/backend_fit.hpp"

namespace edgecalc {

namespace {

// llama-bench's tg128 / pp512 and Ollama's short answers: a short context.
constexpr double k_bench_input = 16, k_bench_output = 128;

struct Entries {
  const HardwareEntry* hw;
  const BackendEntry* backend;
  const LlmEntry* llm;
  const QuantEntry* quant;
};

Entries entries_of(const Catalog& c, const std::string& hardware, const std::string& model, const std::string& quant) {
  Entries e{c.find_hardware(hardware), nullptr, c.find_llm(model), c.find_quantization(quant)};
  if (e.hw) e.backend = c.find_backend(e.hw->backend);
  if (!e.hw || !e.backend || !e.llm || !e.quant)
    throw std::logic_error("a measurement names an id the catalog lacks: " + hardware + " " + model + " " + quant);
  return e;
}

// "fp8 on 2 GPUs, 50 calls at once"
std::string fmt_batched(double gpus, const std::string& quantization, double concurrency) {
  return fmt::format("{} on {} GPU{}, {} calls at once", quantization, gpus, gpus == 1 ? "" : "s", concurrency);
}

// The points of `backend` not on `hardware`; all backends' when the backend keeps fewer than
// `least` (a pooled fit: the honest guess for a device with nothing like it measured).
template <class P>
std::vector<const P*> training(const std::vector<P>& all, const std::string& backend, const std::string& held_out,
                               std::size_t least) {
  std::vector<const P*> same, pooled;
  for (const P& p : all) {
    if (p.hardware == held_out) continue;
    pooled.push_back(&p);
    if (p.backend == backend) same.push_back(&p);
  }
  return same.size() >= least ? same : pooled;
}

void summarize(ValidationKind& k) {
  std::vector<double> in, out;
  for (const ValidationRow& r : k.rows) {
    in.push_back(std::abs(r.predicted / r.measured - 1));
    if (r.predicted_leave_one_out) out.push_back(std::abs(*r.predicted_leave_one_out / r.measured - 1));
  }
  k.in_sample = summarize_errors(in);
  k.leave_one_out = summarize_errors(out);
}

}  // namespace

Validation validate_predictor(const Catalog& c, const Measurements& m) {
  std::vector<DecodePoint> decode;
  std::vector<PrefillPoint> prefill;
  for (const LlmMeasurement& r : m.llm) {
    const Entries e = entries_of(c, r.hardware, r.model, r.quantization);
    const Prediction i = predict_llm(*e.hw, ideal(*e.backend), *e.llm, *e.quant, k_bench_input, k_bench_output);
    if (r.decode_tokens_per_s)
      decode.push_back(DecodePoint{r.hardware, e.backend->id, 1 / *i.decode_tokens_per_second, 1 / *r.decode_tokens_per_s});
    if (r.prefill_tokens_per_s)
      prefill.push_back(PrefillPoint{r.hardware, e.backend->id, *i.prefill_tokens_per_second, *r.prefill_tokens_per_s});
  }

  Validation v;
  ValidationKind dk{"decode", "tokens/s", {}, {}, {}}, pk{"prefill", "tokens/s", {}, {}, {}};
  std::size_t di = 0, pi = 0;
  for (const LlmMeasurement& r : m.llm) {
    const Entries e = entries_of(c, r.hardware, r.model, r.quantization);
    const Prediction shipped = predict_llm(*e.hw, *e.backend, *e.llm, *e.quant, k_bench_input, k_bench_output);
    if (r.decode_tokens_per_s) {
      const DecodePoint& p = decode[di++];
      ValidationRow row{r.hardware, r.model, r.quantization, r.source, r.date, *r.decode_tokens_per_s,
                        *shipped.decode_tokens_per_second, std::nullopt};
      if (const auto f = fit_decode(training(decode, p.backend, p.hardware, 2)))
        row.predicted_leave_one_out = 1 / (p.x / f->efficiency + f->overhead_s);
      dk.rows.push_back(row);
    }
    if (r.prefill_tokens_per_s) {
      const PrefillPoint& p = prefill[pi++];
      ValidationRow row{r.hardware, r.model, r.quantization, r.source, r.date, *r.prefill_tokens_per_s,
                        *shipped.prefill_tokens_per_second, std::nullopt};
      if (const auto f = fit_prefill(training(prefill, p.backend, p.hardware, 1))) row.predicted_leave_one_out = *f * p.k;
      pk.rows.push_back(row);
    }
  }

  // Batched: the decode constants of the series' backend, as shipped and refitted without the
  // series' hardware; tensor parallel is one unit with n times the memory, bandwidth and compute.
  ValidationKind bk{"batched", "output tokens/s", {}, {}, {}};
  for (const BatchedSeries& s : m.batched) {
    const Entries e = entries_of(c, s.hardware, s.model, s.quantization);
    HardwareEntry hw = *e.hw;
    hw.ram_bytes *= s.gpus;
    hw.bandwidth_bytes_per_s *= s.gpus;
    hw.fp16_flops *= s.gpus;
    BackendEntry refit = *e.backend;
    if (const auto f = fit_decode(training(decode, e.backend->id, s.hardware, 2))) {
      refit.bandwidth_efficiency = f->efficiency;
      refit.token_overhead_s = f->overhead_s;
    }
    for (const BatchedPoint& point : s.points) {
      const auto throughput = [&](const BackendEntry& be) {
        const Prediction p = predict_llm(hw, be, *e.llm, *e.quant, s.input_tokens, s.output_tokens, point.concurrency);
        return s.output_tokens * p.batch->calls_per_s(std::min(point.concurrency, p.batch->max_concurrency));
      };
      bk.rows.push_back(ValidationRow{s.hardware, s.model,
                                      fmt_batched(s.gpus, s.quantization, point.concurrency), s.source, s.date,
                                      point.output_tokens_per_s, throughput(*e.backend), throughput(refit)});
    }
  }

  // TinyML: a part's measured MAC rate; left out, the part falls back to a tenth of its int8 peak.
  ValidationKind tk{"tinyml", "inferences/s", {}, {}, {}};
  for (const TinyMeasurement& r : m.tinyml) {
    const HardwareEntry* hw = c.find_hardware(r.hardware);
    const TinyModelEntry* model = c.find_tinyml(r.model);
    if (!hw || !model) throw std::logic_error("a TinyML measurement names an id the catalog lacks: " + r.hardware);
    HardwareEntry held_out = *hw;
    held_out.mac_rate.reset();
    const auto rate = [&](const HardwareEntry& h) {
      const Prediction p = predict_tinyml(h, *model);
      return p.call_latency_s > 0 ? 1 / p.call_latency_s : 0;
    };
    tk.rows.push_back(ValidationRow{r.hardware, r.model, "", r.source, r.date, r.inferences_per_s, rate(*hw), rate(held_out)});
  }

  for (ValidationKind* k : {&dk, &pk, &bk, &tk}) {
    summarize(*k);
    v.kinds.push_back(std::move(*k));
  }

  std::set<std::string> backends;
  for (const DecodePoint& p : decode) backends.insert(p.backend);
  for (const PrefillPoint& p : prefill) backends.insert(p.backend);
  for (const std::string& b : backends) {
    BackendFit f{b, std::nullopt, std::nullopt, std::nullopt, 0, 0};
    std::vector<const DecodePoint*> d;
    for (const DecodePoint& p : decode)
      if (p.backend == b) d.push_back(&p);
    std::vector<const PrefillPoint*> pp;
    for (const PrefillPoint& p : prefill)
      if (p.backend == b) pp.push_back(&p);
    f.decode_points = d.size();
    f.prefill_points = pp.size();
    if (const auto fit = fit_decode(d)) {
      f.bandwidth_efficiency = fit->efficiency;
      f.token_overhead_s = fit->overhead_s;
    }
    f.prefill_efficiency = fit_prefill(pp);
    v.fits.push_back(f);
  }
  return v;
}

}  // namespace edgecalc
