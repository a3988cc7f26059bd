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

  // Batched: the series' backend with its decode constants as shipped, or refitted without the
  // series' hardware, and its per-call step cost fitted to the batched points of the other
  // devices; tensor parallel is one unit with n times the memory, bandwidth and compute.
  struct Series {
    const BatchedSeries* s;
    Entries e;
    HardwareEntry hw;
    BackendEntry refit;
  };
  std::vector<Series> series;
  for (const BatchedSeries& s : m.batched) {
    Series x{&s, entries_of(c, s.hardware, s.model, s.quantization), {}, {}};
    x.hw = *x.e.hw;
    x.hw.ram_bytes *= s.gpus;
    x.hw.bandwidth_bytes_per_s *= s.gpus;
    x.hw.fp16_flops *= s.gpus;
    x.refit = *x.e.backend;
    if (const auto f = fit_decode(training(decode, x.e.backend->id, s.hardware, 2))) {
      x.refit.bandwidth_efficiency = f->efficiency;
      x.refit.token_overhead_s = f->overhead_s;
    }
    series.push_back(x);
  }
  const auto batch_of = [](const Series& x, const BatchedPoint& point, const BackendEntry& be) {
    return predict_llm(x.hw, be, *x.e.llm, *x.e.quant, x.s->input_tokens, x.s->output_tokens, point.concurrency);
  };
  const auto throughput = [&](const Series& x, const BatchedPoint& point, const BackendEntry& be) {
    const Prediction p = batch_of(x, point, be);
    return x.s->output_tokens * p.batch->calls_per_s(std::min(point.concurrency, p.batch->max_concurrency));
  };
  // The step-cost points of every series, with the shipped or the refitted decode constants.
  const auto step_points = [&](bool refitted) {
    std::vector<StepCostPoint> out;
    for (const Series& x : series) {
      BackendEntry be = refitted ? x.refit : *x.e.backend;
      be.call_overhead_s = 0;
      for (const BatchedPoint& point : x.s->points) {
        const BatchModel b = *batch_of(x, point, be).batch;
        const double n = std::min(point.concurrency, b.max_concurrency), out_tokens = x.s->output_tokens;
        out.push_back(StepCostPoint{x.s->hardware, be.id, b.prefill_s + out_tokens * b.step_s(n) / n,
                                    out_tokens * std::max(0.0, n - 1) / n, out_tokens / point.output_tokens_per_s});
      }
    }
    return out;
  };
  const std::vector<StepCostPoint> shipped_steps = step_points(false), refit_steps = step_points(true);

  // Energy: the GPUs at their active power over the predicted output tokens/s, the energy per
  // output token a server option is charged before PUE (docs/model.md, "Energy and carbon").
  ValidationKind bk{"batched", "output tokens/s", {}, {}, {}}, ek{"energy", "J per output token", {}, {}, {}};
  for (const Series& x : series) {
    const BatchedSeries& s = *x.s;
    BackendEntry held_out = x.refit;
    std::vector<const StepCostPoint*> others;
    for (const StepCostPoint& p : refit_steps)
      if (p.hardware != s.hardware && p.backend == held_out.id) others.push_back(&p);
    held_out.call_overhead_s = fit_call_overhead(others).value_or(0);
    for (const BatchedPoint& point : s.points) {
      const std::string detail = fmt_batched(s.gpus, s.quantization, point.concurrency);
      const double shipped = throughput(x, point, *x.e.backend), left_out = throughput(x, point, held_out);
      bk.rows.push_back(ValidationRow{s.hardware, s.model, detail, s.source, s.date, point.output_tokens_per_s,
                                      shipped, left_out});
      if (point.joules_per_output_token) {
        const double watts = s.gpus * x.e.hw->power_active_w;
        ek.rows.push_back(ValidationRow{s.hardware, s.model, detail, s.source, s.date, *point.joules_per_output_token,
                                        watts / shipped, watts / left_out});
      }
    }
  }

  // TinyML: a part's measured MAC rate for its backend's first runtime, else its clock x the
  // runtime's MACs per cycle; left out, that runtime's MACs per cycle refitted to the other parts'
  // runs. Energy per inference: the part's active power over the predicted inferences/s.
  std::vector<TinyPoint> tiny_points;
  for (const TinyMeasurement& r : m.tinyml) {
    const HardwareEntry* hw = c.find_hardware(r.hardware);
    const TinyModelEntry* model = c.find_tinyml(r.model);
    if (!hw || !model) throw std::logic_error("a TinyML measurement names an id the catalog lacks: " + r.hardware);
    if (hw->clock_hz) tiny_points.push_back(TinyPoint{hw->id, r.runtime, *hw->clock_hz / model->macs, r.inferences_per_s});
  }
  const auto runtime_points = [&](const std::string& runtime, const std::string& without) {
    std::vector<const TinyPoint*> out;
    for (const TinyPoint& p : tiny_points)
      if (p.runtime == runtime && p.hardware != without) out.push_back(&p);
    return out;
  };
  ValidationKind tk{"tinyml", "inferences/s", {}, {}, {}}, tek{"tinyml-energy", "mJ per inference", {}, {}, {}};
  for (const TinyMeasurement& r : m.tinyml) {
    const HardwareEntry& hw = *c.find_hardware(r.hardware);
    const TinyModelEntry& model = *c.find_tinyml(r.model);
    const BackendEntry* be = c.find_backend(hw.backend);
    if (!be || !be->runtime(r.runtime))
      throw std::logic_error("a TinyML measurement names a runtime its backend lacks: " + r.runtime);
    const Prediction p = predict_tinyml(hw, model, be, r.runtime);
    const double shipped = p.call_latency_s > 0 ? 1 / p.call_latency_s : 0;
    std::optional<double> left_out;
    if (const auto mpc = fit_macs_per_cycle(runtime_points(r.runtime, hw.id)); mpc && hw.clock_hz)
      left_out = *mpc * *hw.clock_hz / model.macs;
    tk.rows.push_back(ValidationRow{r.hardware, r.model, r.runtime, r.source, r.date, r.inferences_per_s, shipped, left_out});
    const double mj = 1e3 * hw.power_active_w;  // mJ per inference = mW / inferences per second
    if (r.joules_per_inference && shipped > 0)
      tek.rows.push_back(ValidationRow{r.hardware, r.model, r.runtime, r.source, r.date, 1e3 * *r.joules_per_inference,
                                       mj / shipped, left_out ? std::optional(mj / *left_out) : std::nullopt});
  }

  for (ValidationKind* k : {&dk, &pk, &bk, &ek, &tk, &tek}) {
    summarize(*k);
    v.kinds.push_back(std::move(*k));
  }

  std::set<std::string> backends;
  for (const DecodePoint& p : decode) backends.insert(p.backend);
  for (const PrefillPoint& p : prefill) backends.insert(p.backend);
  for (const StepCostPoint& p : shipped_steps) backends.insert(p.backend);
  for (const TinyPoint& p : tiny_points) backends.insert(c.find_hardware(p.hardware)->backend);
  for (const std::string& b : backends) {
    BackendFit f{b, std::nullopt, std::nullopt, std::nullopt, std::nullopt, 0, 0, 0, {}};
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
    std::vector<const StepCostPoint*> steps;
    for (const StepCostPoint& p : shipped_steps)
      if (p.backend == b) steps.push_back(&p);
    f.batched_points = steps.size();
    f.call_overhead_s = fit_call_overhead(steps);
    if (const BackendEntry* be = c.find_backend(b))
      for (const TinyRuntime& rt : be->runtimes) {
        std::vector<const TinyPoint*> runs;
        for (const TinyPoint& p : tiny_points)
          if (p.runtime == rt.id && c.find_hardware(p.hardware)->backend == b) runs.push_back(&p);
        if (const auto mpc = fit_macs_per_cycle(runs)) f.runtimes.push_back(RuntimeFit{rt.id, *mpc, runs.size()});
      }
    v.fits.push_back(f);
  }
  return v;
}

}  // namespace edgecalc
