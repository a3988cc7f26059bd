#include <edgecalc/model/predictor.hpp>

#include <algorithm>

#include <fmt/format.h>

#include "util/format.hpp"

namespace edgecalc {

Prediction predict_llm(const HardwareEntry& hw, const BackendEntry& be, const LlmEntry& m, const QuantEntry& q,
                       double input_tokens, double output_tokens) {
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
  p.workings.emplace_back("weights", fmt::format("{} = {} parameters x {} bits ({}) / 8", format_bytes(weights),
                                                 format_count(m.parameters), format_count(q.bits_per_weight), q.id));
  p.workings.emplace_back("kv cache", fmt::format("{} = 2 x {} layers x {} kv heads x {} x 2 bytes x {} tokens",
                                                  format_bytes(kv_per_token * context), format_count(m.layers),
                                                  format_count(m.kv_heads), format_count(m.head_size),
                                                  format_count(context)));
  p.workings.emplace_back("memory", fmt::format("needs {} (weights + kv cache + {} runtime), {} has {} usable",
                                                format_bytes(p.memory_required_bytes), format_bytes(be.runtime_memory_bytes), hw.id,
                                                format_bytes(p.memory_available_bytes)));
  // Decoding reads every weight (and the KV cache so far) once per token: bandwidth-bound, plus a
  // per-token overhead (kernel launches, sampling) that a pure bandwidth ratio misses.
  const double bytes_per_token = weights + kv_per_token * (input_tokens + output_tokens / 2);
  const double seconds_per_token =
      bytes_per_token / (hw.bandwidth_bytes_per_s * be.bandwidth_efficiency) + be.token_overhead_s;
  p.decode_tokens_per_second = 1 / seconds_per_token;
  p.workings.emplace_back("decode", fmt::format("{} tokens/s = 1 / ({} per token / ({} GB/s x {} {}) + {})",
                                                format_count(*p.decode_tokens_per_second), format_bytes(bytes_per_token),
                                                format_count(hw.bandwidth_bytes_per_s / 1e9),
                                                format_percent(be.bandwidth_efficiency), be.id,
                                                format_duration(be.token_overhead_s)));
  // Prefill is compute-bound: about 2 operations per parameter per token.
  const double compute = hw.fp16_flops > 0 ? hw.fp16_flops : hw.int8_ops;
  p.prefill_tokens_per_second = compute * be.prefill_efficiency / (2 * m.parameters);
  p.workings.emplace_back("prefill", fmt::format("{} tokens/s = {} TFLOPS x {} / (2 x {} parameters)",
                                                 format_count(*p.prefill_tokens_per_second),
                                                 format_count(compute / 1e12), format_percent(be.prefill_efficiency),
                                                 format_count(m.parameters)));
  p.call_latency_s = input_tokens / *p.prefill_tokens_per_second + output_tokens / *p.decode_tokens_per_second;
  p.calls_per_second_capacity = p.call_latency_s > 0 ? 1 / p.call_latency_s : 0;
  p.workings.emplace_back("call", fmt::format("{} = {} input / prefill + {} output / decode; one unit serves {} calls/s",
                                              format_duration(p.call_latency_s), format_count(input_tokens),
                                              format_count(output_tokens), format_count(p.calls_per_second_capacity)));
  return p;
}

Prediction predict_tinyml(const HardwareEntry& hw, const TinyModelEntry& m) {
  Prediction p;
  p.llm = false;
  p.hardware_id = hw.id;
  p.model_id = m.id;
  p.memory_required_bytes = m.ram_bytes;
  p.memory_available_bytes = hw.usable_ram_bytes();
  p.flash_required_bytes = m.flash_bytes;
  p.flash_available_bytes = hw.flash_bytes;
  // Without a measured MAC rate, a tenth of the int8 peak (2 operations per MAC).
  const double mac_rate = hw.mac_rate.value_or(hw.int8_ops / 2 * 0.1);
  p.call_latency_s = mac_rate > 0 ? m.macs / mac_rate : 0;
  p.calls_per_second_capacity = p.call_latency_s > 0 ? 1 / p.call_latency_s : 0;
  p.workings.emplace_back("memory", fmt::format("needs {} RAM and {} flash; {} has {} RAM usable and {} flash",
                                                format_bytes(m.ram_bytes), format_bytes(m.flash_bytes), hw.id,
                                                format_bytes(p.memory_available_bytes),
                                                hw.flash_bytes > 0 ? format_bytes(hw.flash_bytes) : "external"));
  p.workings.emplace_back("call", fmt::format("{} = {} MACs / {} MACs/s{}", format_duration(p.call_latency_s),
                                              format_count(m.macs), format_count(mac_rate),
                                              hw.mac_rate ? "" : " (a tenth of the int8 peak)"));
  return p;
}

std::optional<Prediction> predict(const Profile& profile) {
  if (!profile.predictor) return std::nullopt;
  const PredictorInputs& in = *profile.predictor;
  if (in.llm && in.quantization && in.backend && profile.workload.tokens)
    return predict_llm(in.hardware, *in.backend, *in.llm, *in.quantization, profile.workload.tokens->input,
                       profile.workload.tokens->output);
  if (in.tiny) return predict_tinyml(in.hardware, *in.tiny);
  return std::nullopt;
}

Profile with_prediction(const Profile& profile, const std::optional<Prediction>& prediction) {
  Profile p = profile;
  if (!prediction || !p.predictor) return p;
  const Prediction& pr = *prediction;
  // Listed where the profile's order puts them: after the unit cost, before the power.
  std::vector<CatalogValue> predicted;
  const std::string source = fmt::format("predicted: {} on {}", pr.model_id, pr.hardware_id);
  if (!p.predictor->inference_time_set) {
    p.predictor->inference_time_set = true;
    p.edge.inference_time_s = pr.call_latency_s;
    predicted.push_back(CatalogValue{"edge.inference_time", format_duration(pr.call_latency_s), source, ""});
  }
  if (p.edge.deployment == Deployment::server && !p.predictor->capacity_set) {
    p.predictor->capacity_set = true;
    p.edge.capacity_per_s = pr.calls_per_second_capacity;
    predicted.push_back(CatalogValue{"edge.capacity", format_count(pr.calls_per_second_capacity) + "/s per box",
                                     source + ", one call at a time", ""});
  }
  auto& values = p.catalog_values;
  const auto power = std::find_if(values.begin(), values.end(), [](const CatalogValue& v) { return v.field == "edge.power"; });
  values.insert(power, predicted.begin(), predicted.end());
  return p;
}

}  // namespace edgecalc
