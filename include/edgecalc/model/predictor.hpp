#pragma once

// Predictor: "this model on that hardware" -> inference time, capacity and memory fit, from the
// catalog's architecture numbers and the backend calibration (docs/predictor.md).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/profile/profile.hpp>

namespace edgecalc {

// KV cache entries are f16.
inline constexpr double k_kv_bytes_per_value = 2;

struct Prediction {
  bool llm = true;  // false: a TinyML model
  std::string hardware_id, model_id, quantization_id;
  double memory_required_bytes = 0;
  double memory_available_bytes = 0;
  std::optional<double> flash_required_bytes;   // TinyML
  std::optional<double> flash_available_bytes;
  std::optional<double> decode_tokens_per_second;   // LLM
  std::optional<double> prefill_tokens_per_second;  // LLM
  double call_latency_s = 0;
  double calls_per_second_capacity = 0;  // one unit, one call at a time
  std::optional<double> context_tokens;  // LLM: the model's context window
  // How each number was reached, for the report: {"weights", "1.95 GB = 3.21B x 4.85 bits / 8"}.
  std::vector<std::pair<std::string, std::string>> workings;

  bool fits_memory() const {
    return memory_required_bytes <= memory_available_bytes &&
           (!flash_required_bytes || !flash_available_bytes || *flash_available_bytes == 0 ||
            *flash_required_bytes <= *flash_available_bytes);
  }
};

// An LLM call of `input_tokens` in and `output_tokens` out on one unit of `hardware`.
Prediction predict_llm(const HardwareEntry& hardware, const BackendEntry& backend, const LlmEntry& model,
                       const QuantEntry& quantization, double input_tokens, double output_tokens);

// One inference of a TinyML model on `hardware` (MACs / effective MAC rate).
Prediction predict_tinyml(const HardwareEntry& hardware, const TinyModelEntry& model);

// The profile's edge.hardware running its workload.model; nullopt when it names no pair.
std::optional<Prediction> predict(const Profile& profile);

// `profile` with the prediction's inference time (and, for servers, capacity) where the profile
// wrote none, each listed among its catalog values with "predicted:" as its source. What the
// cost model, latency, rules and `normalize` read. Applying it twice changes nothing.
Profile with_prediction(const Profile& profile, const std::optional<Prediction>& prediction);

}  // namespace edgecalc
