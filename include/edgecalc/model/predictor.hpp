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

// How one unit serves LLM calls in a batch (docs/predictor.md, "Batching"): each decode step
// reads the weights once plus the KV cache of every sequence in the batch, and does
// 2 x parameters x batch operations; it takes the longer of the two, plus the per-token overhead.
// Prefill is compute-bound and runs alone.
struct BatchModel {
  double weights_bytes = 0;          // all weights, in memory
  double active_share = 1;           // of the weights one token reads (active / total parameters)
  double kv_bytes_per_token = 0;
  double step_kv_tokens = 0;         // KV tokens one sequence reads per step: input + output / 2
  double bandwidth_bytes_per_s = 0;  // memory bandwidth x the backend's efficiency
  double ops_per_s = 0;              // compute x the backend's prefill efficiency
  double parameters = 0;             // active parameters
  double step_overhead_s = 0;
  double call_overhead_s = 0;        // each sequence past the first adds this to a step
  double prefill_s = 0;              // one call's input tokens
  double output_tokens = 0;
  double max_concurrency = 1;        // slots: the engine's limit or what the KV cache holds

  // Weights one step for `batch` sequences reads: all of a dense model; for a mixture of experts
  // the union of what the sequences route to, about weights x (1 - (1 - active share)^batch).
  double weights_read_bytes(double batch) const;
  // One decode step for `batch` sequences.
  double step_s(double batch) const;
  // Output tokens per second, all sequences together.
  double aggregate_tokens_per_s(double batch) const { return batch / step_s(batch); }
  // Calls per second one unit sustains with `batch` sequences decoding: each call takes its
  // prefill alone plus its share (1 / batch) of output_tokens steps.
  double calls_per_s(double batch) const { return 1 / (prefill_s + output_tokens * step_s(batch) / batch); }
};

struct Prediction {
  bool llm = true;  // false: a TinyML model
  std::string hardware_id, model_id, quantization_id;
  double memory_required_bytes = 0;
  double memory_available_bytes = 0;
  std::optional<double> flash_required_bytes;   // TinyML
  std::optional<double> flash_available_bytes;
  std::optional<double> decode_tokens_per_second;   // LLM
  std::optional<double> prefill_tokens_per_second;  // LLM
  std::optional<std::string> runtime_id;           // TinyML: the runtime predicted, when the catalog names one
  std::optional<double> macs_per_second;           // TinyML: the effective MAC rate
  double call_latency_s = 0;
  double calls_per_second_capacity = 0;  // one unit, one call at a time
  std::optional<double> context_tokens;  // LLM: the model's context window
  std::optional<BatchModel> batch;       // LLM on a server: how a unit serves calls in a batch
  std::optional<double> kv_cache_bytes_per_call;  // LLM: one call's KV cache at its full context
  // How each number was reached, for the report: {"weights", "1.95 GB = 3.21B x 4.85 bits / 8"}.
  std::vector<std::pair<std::string, std::string>> workings;

  bool fits_memory() const {
    return memory_required_bytes <= memory_available_bytes &&
           (!flash_required_bytes || !flash_available_bytes || *flash_available_bytes == 0 ||
            *flash_required_bytes <= *flash_available_bytes);
  }
};

// An LLM call of `input_tokens` in and `output_tokens` out on one unit of `hardware`. With
// `engine_slots` (a server), the unit batches up to that many calls, fewer when the KV cache
// cannot hold them; capacity is then the batched throughput at that many slots. Without
// `workings` the numbers are the same and the prose explaining them is skipped (the cost model
// predicts again at every probe of a break-even search).
enum class Workings { shown, skipped };
Prediction predict_llm(const HardwareEntry& hardware, const BackendEntry& backend, const LlmEntry& model,
                       const QuantEntry& quantization, double input_tokens, double output_tokens,
                       std::optional<double> engine_slots = std::nullopt, Workings workings = Workings::shown);

// The MAC rate a TinyML model runs at with `runtime` (empty: the part's default_runtime()) and
// how it was found: the part's mac_rate when that is the runtime it was measured with (or none is
// asked), else the clock x the runtime's MACs per cycle, else the measured rate scaled by the two
// runtimes' MACs per cycle, else a tenth of the int8 peak (docs/predictor.md). A runtime the part
// does not run (HardwareEntry::runtimes) is not used.
struct MacRate {
  double macs_per_s = 0;
  std::string how;      // "measured with x-cube-ai", "its catalog mac_rate, for its own kernels", "120MHz x 0.593 MACs/cycle with x-cube-ai", ...
  std::string runtime;  // the runtime the rate is for ("" for the part's own kernels or the peak)
};
MacRate tinyml_mac_rate(const HardwareEntry& hardware, const BackendEntry* backend, std::string_view runtime = {});

// One inference of a TinyML model on `hardware` (MACs / effective MAC rate).
Prediction predict_tinyml(const HardwareEntry& hardware, const TinyModelEntry& model,
                          const BackendEntry* backend = nullptr, std::string_view runtime = {});

// The slots a server's serving engine offers: edge.max_concurrency, else the backend's default;
// nullopt for devices (each serves its own user, one call at a time) and without a backend.
std::optional<double> engine_slots(const Profile& profile);

// The profile's edge.hardware running its workload.model; nullopt when it names no pair.
std::optional<Prediction> predict(const Profile& profile, Workings workings = Workings::shown);

// `profile` with the prediction's inference time (and, for servers, capacity) where the profile
// wrote none, each listed among its catalog values with "predicted:" as its source. What the
// cost model, latency, rules and `normalize` read. Applying it twice changes nothing.
Profile with_prediction(const Profile& profile, const std::optional<Prediction>& prediction,
                        Workings workings = Workings::shown);

// The same, in place.
void apply_prediction(Profile& profile, const std::optional<Prediction>& prediction,
                      Workings workings = Workings::shown);

}  // namespace edgecalc
