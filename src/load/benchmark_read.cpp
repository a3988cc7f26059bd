// Benchmark results as JSON: llama-bench's array of runs and vLLM benchmark_serving's result
// object; anything else that is not JSON is read as CSV (benchmark_csv.cpp).

#include <edgecalc/load/benchmark.hpp>

#include <cmath>

#include <fmt/format.h>

#include <edgecalc/load/document.hpp>
#include <edgecalc/load/quantity.hpp>

#include "load/benchmark_csv.hpp"
#include "util/fs_util.hpp"

namespace edgecalc {

namespace {

constexpr std::string_view k_expected =
    "expected llama-bench -o json (an array of runs with n_prompt, n_gen and avg_ts), vLLM benchmark_serving "
    "--save-result JSON (an object with mean_tpot_ms and mean_ttft_ms) or a CSV with the header "
    "device,model,quant,prompt_tokens,output_tokens,tokens_per_s,ttft";

// One JSON object of the file, read field by field; every problem lands in `diagnostics`.
struct Object {
  const Node& node;
  Diagnostics& diagnostics;
  std::string_view what;  // "llama-bench run 2", "vLLM result"

  const MapEntry* entry(std::string_view key) const { return node.find(key); }

  // A number >= 0 (> 0 when `positive`); nullopt, reported, when missing or not one.
  std::optional<double> number(std::string_view key, bool positive, bool required = true) const {
    const MapEntry* e = entry(key);
    if (!e || e->value->kind == Node::Kind::null) {
      if (required) diagnostics.error(node.position, fmt::format("{} has no `{}`; {}", what, key, k_expected));
      return std::nullopt;
    }
    const Parsed p = parse_number(e->value->text);
    if (e->value->kind != Node::Kind::scalar || e->value->quoted || !p.ok() || !std::isfinite(p.value) || p.value < 0 ||
        (positive && p.value == 0)) {
      diagnostics.error(e->value->position, fmt::format("{}.{} must be a {} number; got {}", what, key,
                                                        positive ? "positive" : "non-negative",
                                                        e->value->kind == Node::Kind::scalar ? "\"" + e->value->text + "\""
                                                                                              : "a list or mapping"));
      return std::nullopt;
    }
    return p.value;
  }

  BenchmarkName name(std::string_view key) const {
    const MapEntry* e = entry(key);
    if (!e || e->value->kind != Node::Kind::scalar) return BenchmarkName{"", std::string(key), node.position};
    return BenchmarkName{e->value->text, std::string(key), e->value->position};
  }
};

bool is_llama_bench(const Node& root) {
  return root.kind == Node::Kind::sequence && !root.items.empty() && root.items.front()->kind == Node::Kind::map &&
         root.items.front()->find("avg_ts") && root.items.front()->find("n_gen");
}

bool is_vllm(const Node& root) {
  return root.kind == Node::Kind::map && (root.find("mean_tpot_ms") || root.find("median_tpot_ms")) &&
         root.find("completed");
}

// llama-bench: a test of n_prompt tokens and no generation measures prefill (pp512); one of
// n_gen tokens and no prompt measures decode after n_depth tokens of context (tg128, tg128 @ d512).
// A combined pp+tg test (-pg) mixes the two rates and is skipped with a warning.
void read_llama_bench(const Node& root, Diagnostics& diagnostics, BenchmarkFile& out) {
  for (std::size_t i = 0; i < root.items.size(); ++i) {
    const Node& run = *root.items[i];
    const std::string what = fmt::format("llama-bench run {}", i + 1);
    if (run.kind != Node::Kind::map) {
      diagnostics.error(run.position, fmt::format("{} must be an object", what));
      continue;
    }
    const Object o{run, diagnostics, what};
    const auto prompt = o.number("n_prompt", false), gen = o.number("n_gen", false), rate = o.number("avg_ts", true);
    const auto depth = o.number("n_depth", false, false);
    const auto params = o.number("model_n_params", true, false);
    if (!prompt || !gen || !rate) continue;
    BenchmarkPoint p;
    p.position = run.position;
    p.device = o.name("gpu_info");
    if (p.device.text.empty()) p.device = o.name("cpu_info");
    p.model = o.name("model_filename");
    p.quantization = o.name("model_type");
    p.parameters = params;
    const std::string at_depth = depth && *depth > 0 ? fmt::format(" @ d{}", *depth) : "";
    if (*prompt > 0 && *gen == 0) {
      p.label = fmt::format("pp{}{}", *prompt, at_depth);
      p.input_tokens = *prompt;
      p.prefill_tokens_per_s = *rate;
    } else if (*prompt == 0 && *gen > 0) {
      p.label = fmt::format("tg{}{}", *gen, at_depth);
      p.input_tokens = depth.value_or(0);
      p.output_tokens = *gen;
      p.decode_tokens_per_s = *rate;
    } else {
      diagnostics.warning(run.position, fmt::format("{} (n_prompt {}, n_gen {}) mixes prefill and decode in one rate; "
                                                    "skipped (run llama-bench with -p and -n, not -pg)",
                                                    what, *prompt, *gen));
      continue;
    }
    out.points.push_back(std::move(p));
  }
}

// vLLM: per-stream decode = 1000 / mean_tpot_ms with the calls decoding at once from Little's
// law (request_throughput x mean_e2el_ms / 1000, or TTFT + (output - 1) x TPOT without it); prefill = mean prompt / mean TTFT, used only
// when calls ran one at a time (otherwise TTFT includes waiting for a slot).
void read_vllm(const Node& root, Diagnostics& diagnostics, BenchmarkFile& out) {
  const Object o{root, diagnostics, "vLLM result"};
  const std::string tpot_key = root.find("mean_tpot_ms") ? "mean_tpot_ms" : "median_tpot_ms";
  const std::string ttft_key = root.find("mean_ttft_ms") ? "mean_ttft_ms" : "median_ttft_ms";
  const auto completed = o.number("completed", true), input = o.number("total_input_tokens", true),
             output = o.number("total_output_tokens", true), tpot = o.number(tpot_key, true),
             ttft = o.number(ttft_key, true), throughput = o.number("request_throughput", true);
  if (!completed || !input || !output || !tpot || !ttft || !throughput) return;
  // Without mean_e2el_ms (older results), a call's time is its TTFT plus its other tokens.
  const double e2e = o.number("mean_e2el_ms", true, false).value_or(*ttft + (*output / *completed - 1) * *tpot);
  BenchmarkPoint p;
  p.position = root.position;
  p.label = "run";
  p.device = BenchmarkName{"", "", root.position};  // vLLM does not record the GPU
  p.model = o.name("model_id");
  p.input_tokens = *input / *completed;
  p.output_tokens = *output / *completed;
  p.concurrency = std::max(1.0, *throughput * e2e / 1000);
  p.decode_tokens_per_s = 1000 / *tpot;
  if (p.concurrency < 1.5) p.prefill_tokens_per_s = p.input_tokens / (*ttft / 1000);
  p.label = fmt::format("{:.3g} calls at once", p.concurrency);
  out.points.push_back(std::move(p));
}

}  // namespace

std::optional<BenchmarkFile> read_benchmark_text(std::string_view text, Diagnostics& diagnostics) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) {
    diagnostics.error(Position{}, fmt::format("the benchmark file is empty; {}", k_expected));
    return std::nullopt;
  }
  BenchmarkFile out;
  const std::size_t errors = diagnostics.size();
  if (text[first] == '[' || text[first] == '{') {
    LoadLimits limits;
    limits.max_bytes = 64u * 1024 * 1024;
    limits.max_nodes = 10'000'000;
    limits.noun = "benchmark file";
    const auto document = load_text(text, SourceFormat::json, diagnostics, limits);
    if (!document) return std::nullopt;
    if (is_llama_bench(*document->root)) {
      out.format = "llama-bench";
      read_llama_bench(*document->root, diagnostics, out);
    } else if (is_vllm(*document->root)) {
      out.format = "vllm";
      read_vllm(*document->root, diagnostics, out);
    } else {
      diagnostics.error(document->root->position, fmt::format("this JSON is not a benchmark result edgecalc reads; {}", k_expected));
      return std::nullopt;
    }
  } else {
    out.format = "csv";
    read_benchmark_csv(text, diagnostics, out);
  }
  if (diagnostics.size() > errors) return std::nullopt;
  if (out.points.empty()) {
    diagnostics.error(Position{}, fmt::format("the {} file holds no run edgecalc can use", out.format));
    return std::nullopt;
  }
  return out;
}

std::optional<BenchmarkFile> read_benchmark_file(const std::string& path, Diagnostics& diagnostics) {
  std::string text;
  if (const std::string problem = read_file_bounded(path, 64u * 1024 * 1024, text, "benchmark file"); !problem.empty()) {
    diagnostics.error(Position{}, problem);
    return std::nullopt;
  }
  return read_benchmark_text(text, diagnostics);
}

}  // namespace edgecalc
