#include <edgecalc/model/predictor.hpp>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "util/format.hpp"

namespace edgecalc {

double BatchModel::weights_read_bytes(double batch) const {
  if (active_share >= 1) return weights_bytes;
  return weights_bytes * (1 - std::pow(1 - active_share, std::max(1.0, batch)));
}

double BatchModel::step_s(double batch) const {
  const double memory = (weights_read_bytes(batch) + batch * kv_bytes_per_token * step_kv_tokens) / bandwidth_bytes_per_s;
  const double compute = ops_per_s > 0 ? 2 * parameters * batch / ops_per_s : 0;
  return std::max(memory, compute) + step_overhead_s + std::max(0.0, batch - 1) * call_overhead_s;
}

namespace {

// A server's batching: its slots (the engine's limit, or fewer when the KV cache of that many
// calls does not fit beside the weights) and the batched throughput they give.
void add_batching(Prediction& p, const HardwareEntry& hw, const BackendEntry& be, const LlmEntry& m,
                  const BatchModel& batch, double engine_slots, bool shown) {
  BatchModel b = batch;
  const double kv_call = *p.kv_cache_bytes_per_call;
  const double room = p.memory_available_bytes - b.weights_bytes - be.runtime_memory_bytes;
  const double kv_slots = kv_call > 0 ? std::floor(room / kv_call) : engine_slots;
  b.max_concurrency = std::max(1.0, std::min(engine_slots, kv_slots));
  p.batch = b;
  p.calls_per_second_capacity = b.calls_per_s(b.max_concurrency);
  if (shown) p.workings.emplace_back("slots", fmt::format("{} calls at once = min({} engine slots, {} KV cache room / {} per call)",
                                               format_count(b.max_concurrency), format_count(engine_slots),
                                               format_bytes(std::max(0.0, room)), format_bytes(kv_call)));
  const double full = b.max_concurrency;
  if (shown) p.workings.emplace_back(
      "batch", fmt::format("{} tokens/s at {} calls = {} / max({} read / {} GB/s, 2 x {} x {} / {} TFLOPS x {}) + {} per step{}; "
                           "one unit serves {} calls/s = 1 / ({} prefill + {} output x step / {})",
                           format_count(b.aggregate_tokens_per_s(full)), format_count(full), format_count(full),
                           format_bytes(b.weights_read_bytes(full) + full * b.kv_bytes_per_token * b.step_kv_tokens),
                           format_count(b.bandwidth_bytes_per_s / 1e9), format_count(m.active()), format_count(full),
                           format_count((hw.fp16_flops > 0 ? hw.fp16_flops : hw.int8_ops) / 1e12),
                           format_percent(be.prefill_efficiency), format_duration(b.step_overhead_s),
                           b.call_overhead_s > 0 ? fmt::format(" + {} x {} per further call", format_count(full - 1),
                                                               format_duration(b.call_overhead_s))
                                                 : "",
                           format_count(p.calls_per_second_capacity), format_duration(b.prefill_s),
                           format_count(b.output_tokens), format_count(full)));
}

}  // namespace

Prediction predict_llm(const HardwareEntry& hw, const BackendEntry& be, const LlmEntry& m, const QuantEntry& q,
                       double input_tokens, double output_tokens, std::optional<double> engine_slots,
                       Workings workings) {
  const bool shown = workings == Workings::shown;
  Prediction p;
  p.hardware_id = hw.id;
  p.model_id = m.id;
  p.quantization_id = q.id;
  p.context_tokens = m.context;
  const double weights = m.parameters * q.bits_per_weight / 8;
  const double kv_per_token = 2 * m.layers * m.kv_heads * m.head_size * k_kv_bytes_per_value;  // K and V
  const double context = input_tokens + output_tokens;
  p.memory_required_bytes = weights + kv_per_token * context + be.runtime_memory_bytes;
  p.memory_available_bytes = hw.usable_ram_bytes();
  if (shown) p.workings.emplace_back("weights", fmt::format("{} = {} parameters x {} bits ({}) / 8", format_bytes(weights),
                                                 format_count(m.parameters), format_count(q.bits_per_weight), q.id));
  if (shown) p.workings.emplace_back("kv cache", fmt::format("{} = 2 x {} layers x {} kv heads x {} x 2 bytes x {} tokens",
                                                  format_bytes(kv_per_token * context), format_count(m.layers),
                                                  format_count(m.kv_heads), format_count(m.head_size),
                                                  format_count(context)));
  if (shown) p.workings.emplace_back("memory", fmt::format("needs {} (weights + kv cache + {} runtime), {} has {} usable",
                                                format_bytes(p.memory_required_bytes), format_bytes(be.runtime_memory_bytes), hw.id,
                                                format_bytes(p.memory_available_bytes)));
  // Decoding reads every weight a token uses (all of a dense model's, the active experts' of a
  // mixture of experts) and the KV cache so far, once per token: bandwidth-bound, plus a
  // per-token overhead (kernel launches, sampling) that a pure bandwidth ratio misses.
  const double active_share = m.parameters > 0 ? m.active() / m.parameters : 1;
  const double active_weights = weights * active_share;
  if (m.moe())
    if (shown) p.workings.emplace_back("experts", fmt::format("{} of the weights per token = {} active / {} parameters (a mixture of experts)",
                                                   format_bytes(active_weights), format_count(m.active()),
                                                   format_count(m.parameters)));
  const double bytes_per_token = active_weights + kv_per_token * (input_tokens + output_tokens / 2);
  const double seconds_per_token =
      bytes_per_token / (hw.bandwidth_bytes_per_s * be.bandwidth_efficiency) + be.token_overhead_s;
  p.decode_tokens_per_second = 1 / seconds_per_token;
  if (shown) p.workings.emplace_back("decode", fmt::format("{} tokens/s = 1 / ({} per token / ({} GB/s x {} {}) + {})",
                                                format_count(*p.decode_tokens_per_second), format_bytes(bytes_per_token),
                                                format_count(hw.bandwidth_bytes_per_s / 1e9),
                                                format_percent(be.bandwidth_efficiency), be.id,
                                                format_duration(be.token_overhead_s)));
  // Prefill is compute-bound: about 2 operations per parameter per token.
  const double compute = hw.fp16_flops > 0 ? hw.fp16_flops : hw.int8_ops;
  p.prefill_tokens_per_second = compute * be.prefill_efficiency / (2 * m.active());
  if (shown) p.workings.emplace_back("prefill", fmt::format("{} tokens/s = {} TFLOPS x {} / (2 x {} {}parameters)",
                                                 format_count(*p.prefill_tokens_per_second),
                                                 format_count(compute / 1e12), format_percent(be.prefill_efficiency),
                                                 format_count(m.active()), m.moe() ? "active " : ""));
  p.call_latency_s = input_tokens / *p.prefill_tokens_per_second + output_tokens / *p.decode_tokens_per_second;
  p.calls_per_second_capacity = p.call_latency_s > 0 ? 1 / p.call_latency_s : 0;
  if (shown) p.workings.emplace_back("call", fmt::format("{} = {} input / prefill + {} output / decode{}",
                                              format_duration(p.call_latency_s), format_count(input_tokens),
                                              format_count(output_tokens),
                                              engine_slots ? "" : fmt::format("; one unit serves {} calls/s",
                                                                              format_count(p.calls_per_second_capacity))));
  p.kv_cache_bytes_per_call = kv_per_token * context;
  if (engine_slots) {
    BatchModel b;
    b.weights_bytes = weights;
    b.active_share = active_share;
    b.kv_bytes_per_token = kv_per_token;
    b.step_kv_tokens = input_tokens + output_tokens / 2;
    b.bandwidth_bytes_per_s = hw.bandwidth_bytes_per_s * be.bandwidth_efficiency;
    b.ops_per_s = compute * be.prefill_efficiency;
    b.parameters = m.active();
    b.step_overhead_s = be.token_overhead_s;
    b.call_overhead_s = be.call_overhead_s;
    b.prefill_s = input_tokens / *p.prefill_tokens_per_second;
    b.output_tokens = output_tokens;
    add_batching(p, hw, be, m, b, *engine_slots, shown);
  }
  return p;
}

MacRate tinyml_mac_rate(const HardwareEntry& hw, const BackendEntry* be, std::string_view runtime) {
  const std::string want = !runtime.empty() ? std::string(runtime) : hw.default_runtime().value_or("");
  const TinyRuntime* own = be && hw.runtime ? be->runtime(*hw.runtime) : nullptr;
  if (hw.mac_rate && (want.empty() || want == hw.runtime))
    return {*hw.mac_rate, own ? "measured with " + own->id : "its catalog mac_rate, for its own kernels", want};
  const TinyRuntime* rt = be && hw.runs(want) ? be->runtime(want) : nullptr;
  if (rt && hw.clock_hz)
    return {*hw.clock_hz * rt->macs_per_cycle,
            fmt::format("{}Hz x {} MACs/cycle with {}", format_count(*hw.clock_hz), format_count(rt->macs_per_cycle), rt->id),
            want};
  if (rt && hw.mac_rate && own)  // the measured rate, scaled to the other runtime
    return {*hw.mac_rate * rt->macs_per_cycle / own->macs_per_cycle,
            fmt::format("measured with {}, x {} for {}", own->id, format_count(rt->macs_per_cycle / own->macs_per_cycle), rt->id),
            want};
  return {hw.int8_ops / 2 * 0.1, "a tenth of the int8 peak", ""};  // 2 operations per MAC
}

Prediction predict_tinyml(const HardwareEntry& hw, const TinyModelEntry& m, const BackendEntry* be,
                          std::string_view runtime) {
  Prediction p;
  p.llm = false;
  p.hardware_id = hw.id;
  p.model_id = m.id;
  p.memory_required_bytes = m.ram_bytes;
  p.memory_available_bytes = hw.usable_ram_bytes();
  p.flash_required_bytes = m.flash_bytes;
  p.flash_available_bytes = hw.flash_bytes;
  const MacRate rate = tinyml_mac_rate(hw, be, runtime);
  p.macs_per_second = rate.macs_per_s;
  if (!rate.runtime.empty()) p.runtime_id = rate.runtime;
  p.call_latency_s = rate.macs_per_s > 0 ? m.macs / rate.macs_per_s : 0;
  p.calls_per_second_capacity = p.call_latency_s > 0 ? 1 / p.call_latency_s : 0;
  // Two short lines: always written.
  p.workings.emplace_back("memory", fmt::format("needs {} RAM and {} flash; {} has {} RAM usable and {} flash",
                                                format_bytes(m.ram_bytes), format_bytes(m.flash_bytes), hw.id,
                                                format_bytes(p.memory_available_bytes),
                                                hw.flash_bytes > 0 ? format_bytes(hw.flash_bytes) : "external"));
  p.workings.emplace_back("call", fmt::format("{} = {} MACs / {} MACs/s{}", format_duration(p.call_latency_s),
                                              format_count(m.macs), format_count(rate.macs_per_s),
                                              " (" + rate.how + ")"));
  return p;
}

std::optional<double> engine_slots(const Profile& profile) {
  if (profile.edge.deployment != Deployment::server || !profile.predictor || !profile.predictor->backend ||
      !profile.predictor->llm)
    return std::nullopt;
  return profile.edge.max_concurrency.value_or(profile.predictor->backend->max_concurrency);
}

std::optional<Prediction> predict(const Profile& profile, Workings workings) {
  if (!profile.predictor) return std::nullopt;
  const PredictorInputs& in = *profile.predictor;
  if (in.llm && in.quantization && in.backend && profile.workload.tokens)
    return predict_llm(in.hardware, *in.backend, *in.llm, *in.quantization, profile.workload.tokens->input,
                       profile.workload.tokens->output, engine_slots(profile), workings);
  if (in.tiny) return predict_tinyml(in.hardware, *in.tiny, in.backend ? &*in.backend : nullptr, in.runtime);
  return std::nullopt;
}

Profile with_prediction(const Profile& profile, const std::optional<Prediction>& prediction, Workings workings) {
  Profile p = profile;
  apply_prediction(p, prediction, workings);
  return p;
}

void apply_prediction(Profile& p, const std::optional<Prediction>& prediction, Workings workings) {
  if (!prediction || !p.predictor) return;
  const Prediction& pr = *prediction;
  const bool time = !p.predictor->inference_time_set;
  const bool capacity = p.edge.deployment == Deployment::server && !p.predictor->capacity_set;
  if (time) {
    p.predictor->inference_time_set = p.predictor->inference_time_predicted = true;
    p.edge.inference_time_s = pr.call_latency_s;
  }
  if (capacity) {
    p.predictor->capacity_set = p.predictor->capacity_predicted = true;
    p.edge.capacity_per_s = pr.calls_per_second_capacity;
  }
  if (workings == Workings::skipped) return;
  // Listed where the profile's order puts them: after the unit cost, before the power.
  std::vector<CatalogValue> predicted;
  const std::string source = fmt::format("predicted: {} on {}", pr.model_id, pr.hardware_id);
  if (time) predicted.push_back(CatalogValue{"edge.inference_time", format_duration(pr.call_latency_s), source, ""});
  if (capacity)
    predicted.push_back(CatalogValue{"edge.capacity", format_count(pr.calls_per_second_capacity) + "/s per box",
                                     pr.batch ? fmt::format("{}, {} calls batched at once", source,
                                                            format_count(pr.batch->max_concurrency))
                                              : source + ", one call at a time",
                                     ""});
  auto& values = p.catalog_values;
  const auto power = std::find_if(values.begin(), values.end(), [](const CatalogValue& v) { return v.field == "edge.power"; });
  values.insert(power, predicted.begin(), predicted.end());
}

}  // namespace edgecalc
