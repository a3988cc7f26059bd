#pragma once

// Load stage: a benchmark result a user already has -> measured points, each remembering where
// it was written. Three formats (docs/predictor.md, "Calibrating from your own runs"):
//   llama-bench -o json   an array of runs: pp (prefill) and tg (decode) tests, avg_ts
//   vLLM benchmark_serving --save-result JSON: one run, mean_tpot_ms, mean_ttft_ms, token totals;
//                         with --append-result, one run per line (JSON Lines; llama-bench -o jsonl too)
//   CSV                   device,model,quant,prompt_tokens,output_tokens,tokens_per_s,ttft
// Names stay as the file writes them; the model stage maps them onto catalog ids.

#include <optional>
#include <string>
#include <vector>

#include <edgecalc/util/diagnostic.hpp>

namespace edgecalc {

struct BenchmarkName {
  std::string text;   // "" when the file does not say
  std::string field;  // where it came from: "gpu_info", "model_filename", "device" ...
  Position position;
};

struct BenchmarkPoint {
  Position position;  // the run's object or row
  std::string label;  // "tg128", "pp512", "row 3", "run"
  BenchmarkName device, model, quantization;
  std::optional<double> parameters;  // llama-bench's model_n_params
  double input_tokens = 0;   // context already in the cache when decoding; prompt length when prefilling
  double output_tokens = 0;  // tokens generated (0 for a prefill-only test)
  double concurrency = 1;    // calls decoding at once (vLLM: Little's law on the run)
  // The batch varied through the run (vLLM: all calls sent at once, or more than the server kept
  // up with): its rates are no one batch's, so calibrate predicts the run but fits nothing to it.
  bool transient = false;
  std::optional<double> decode_tokens_per_s;   // per stream
  std::optional<double> prefill_tokens_per_s;  // llama-bench pp, or prompt tokens / TTFT at concurrency 1
};

struct BenchmarkFile {
  std::string format;  // "llama-bench", "vllm", "csv"
  std::vector<BenchmarkPoint> points;
};

// The format of `text`: JSON that is an array of llama-bench runs or a vLLM result object, else
// CSV with a header row. Returns nullopt after reporting a file that is none of them, a field
// missing or not a positive number (file:line:col), or a file with no usable run.
std::optional<BenchmarkFile> read_benchmark_text(std::string_view text, Diagnostics& diagnostics);
std::optional<BenchmarkFile> read_benchmark_file(const std::string& path, Diagnostics& diagnostics);

}  // namespace edgecalc
