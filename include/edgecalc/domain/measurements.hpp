#pragma once

// Public measurements the predictor is checked on (data/measurements/*.yaml, compiled in):
// llama.cpp / Ollama single-stream decode and prefill, batched serving throughput, MLPerf Tiny.
// Each row names catalog ids and where it was published (docs/predictor.md).

#include <optional>
#include <string>
#include <vector>

namespace edgecalc {

struct LlmMeasurement {
  std::string hardware, model, quantization, source;
  std::string date;  // when it was published (or read)
  std::optional<double> decode_tokens_per_s;   // batch 1, short context (tg128)
  std::optional<double> prefill_tokens_per_s;  // pp512
};

struct BatchedPoint {
  double concurrency = 0;
  double output_tokens_per_s = 0;  // all streams together
  std::optional<double> joules_per_output_token;  // the GPUs' measured energy (ML.ENERGY), when published
};

struct BatchedSeries {
  std::string hardware, model, quantization, source, date;
  double gpus = 1;  // tensor parallel: one unit with gpus times the memory, bandwidth and compute
  double input_tokens = 0, output_tokens = 0;
  std::vector<BatchedPoint> points;
};

struct TinyMeasurement {
  std::string hardware, runtime, model, source, date;
  double inferences_per_s = 0;
  std::optional<double> joules_per_inference;  // rounds that measured energy
};

struct Measurements {
  std::vector<LlmMeasurement> llm;
  std::vector<BatchedSeries> batched;
  std::vector<TinyMeasurement> tinyml;
};

// The measurements shipped with edgecalc, parsed on first use.
const Measurements& builtin_measurements();

}  // namespace edgecalc
