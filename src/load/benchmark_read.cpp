// Benchmark results as JSON: llama-bench's array of runs and vLLM benchmark_serving's result
// object, or either one run per line (JSON Lines); anything else is read as CSV
// (benchmark_csv.cpp).

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
    "--save-result JSON (an object with mean_tpot_ms and mean_ttft_ms; one per line for a sweep) or a CSV with the header "
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

bool is_llama_bench_run(const Node& run) { return run.kind == Node::Kind::map && run.find("avg_ts") && run.find("n_gen"); }

bool is_llama_bench(const Node& root) {
  return root.kind == Node::Kind::sequence && !root.items.empty() && is_llama_bench_run(*root.items.front());
}

bool is_vllm(const Node& root) {
  return root.kind == Node::Kind::map && (root.find("mean_tpot_ms") || root.find("median_tpot_ms")) &&
         root.find("completed");
}

// llama-bench: a test of n_prompt tokens and no generation measures prefill (pp512); one of
// n_gen tokens and no prompt measures decode after n_depth tokens of context (tg128, tg128 @ d512).
// A combined pp+tg test (-pg) mixes the two rates and is skipped with a warning.
void read_llama_bench_run(const Node& run, const std::string& what, Diagnostics& diagnostics, BenchmarkFile& out) {
    if (run.kind != Node::Kind::map) {
      diagnostics.error(run.position, fmt::format("{} must be an object", what));
      return;
    }
    const Object o{run, diagnostics, what};
    const auto prompt = o.number("n_prompt", false), gen = o.number("n_gen", false), rate = o.number("avg_ts", true);
    const auto depth = o.number("n_depth", false, false);
    const auto params = o.number("model_n_params", true, false);
    if (!prompt || !gen || !rate) return;
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
      return;
    }
    out.points.push_back(std::move(p));
}

void read_llama_bench(const Node& root, Diagnostics& diagnostics, BenchmarkFile& out) {
  for (std::size_t i = 0; i < root.items.size(); ++i)
    read_llama_bench_run(*root.items[i], fmt::format("llama-bench run {}", i + 1), diagnostics, out);
}

// vLLM: per-stream decode = 1000 / mean_tpot_ms with the calls decoding at once from Little's
// law (below; a call's time is mean_e2el_ms, or TTFT + (output - 1) x TPOT without it); prefill =
// mean prompt / mean TTFT, used only when calls ran one at a time (otherwise TTFT includes
// waiting for a slot).
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
  // Calls at once as a call sees them: at a Poisson rate the server kept up with (fewer than the
  // run's calls in flight), rate x time (Little's law at the arrivals, which the finite run's
  // start and drain do not dilute); all at once, or faster than it kept up with, the run's time
  // average, completed / duration x time.
  const MapEntry* rate = root.find("request_rate");
  const Parsed offered = rate && rate->value->kind == Node::Kind::scalar && !rate->value->quoted
                             ? parse_number(rate->value->text)
                             : Parsed{};
  const bool kept_up = offered.ok() && std::isfinite(offered.value) && offered.value > 0 &&
                       offered.value * e2e / 1000 < *completed;
  p.concurrency = std::max(1.0, (kept_up ? offered.value : *throughput) * e2e / 1000);
  p.transient = rate && !kept_up;
  p.decode_tokens_per_s = 1000 / *tpot;
  if (p.concurrency < 1.5) p.prefill_tokens_per_s = p.input_tokens / (*ttft / 1000);
  // A sweep's runs differ by their request rate ("inf": all at once); one run says how busy it was.
  const bool has_rate = rate && rate->value->kind == Node::Kind::scalar && !rate->value->text.empty();
  // "~": the average of a batch that varied through the run.
  p.label = has_rate ? fmt::format("{}/s, {}{:.3g} at once", printable(rate->value->text), p.transient ? "~" : "",
                                   p.concurrency)
                     : fmt::format("{:.3g} calls at once", p.concurrency);
  out.points.push_back(std::move(p));
}

LoadLimits json_limits() {
  LoadLimits limits;
  limits.max_bytes = 64u * 1024 * 1024;
  limits.max_nodes = 10'000'000;
  limits.noun = "benchmark file";
  return limits;
}

// JSON Lines: every non-blank line one object (vLLM's --append-result sweeps, llama-bench -o
// jsonl). A pretty-printed object has lines that are not objects, so it is not taken for one.
bool is_json_lines(std::string_view text) {
  int objects = 0;
  for (std::size_t at = 0; at <= text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    const std::size_t first = line.find_first_not_of(" \t\r"), last = line.find_last_not_of(" \t\r");
    if (first == std::string_view::npos) continue;
    if (line[first] != '{' || line[last] != '}') return false;
    ++objects;
  }
  return objects >= 2;
}

// Each line parsed where it stands (the lines before it kept as newlines, so positions are the
// file's); all lines must be results of one tool.
void read_json_lines(std::string_view text, Diagnostics& diagnostics, BenchmarkFile& out) {
  int line_number = 0;
  for (std::size_t at = 0; at < text.size(); ++line_number) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line = text.substr(at, end - at);
    at = end + 1;
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    const auto document = load_text(std::string(static_cast<std::size_t>(line_number), '\n') + std::string(line),
                                    SourceFormat::json, diagnostics, json_limits());
    if (!document) continue;
    const Node& root = *document->root;
    const std::string format = is_vllm(root) ? "vllm" : is_llama_bench_run(root) ? "llama-bench" : "";
    if (format.empty() || (!out.format.empty() && format != out.format)) {
      diagnostics.error(root.position, format.empty()
                                           ? fmt::format("line {} is not a benchmark result edgecalc reads; {}",
                                                         line_number + 1, k_expected)
                                           : fmt::format("line {} is a {} result among {} results; keep one tool's "
                                                         "runs in a file",
                                                         line_number + 1, format, out.format));
      continue;
    }
    out.format = format;
    if (format == "vllm")
      read_vllm(root, diagnostics, out);
    else
      read_llama_bench_run(root, fmt::format("llama-bench run on line {}", line_number + 1), diagnostics, out);
  }
  if (out.format.empty()) out.format = "json lines";
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
  if (text[first] == '{' && is_json_lines(text)) {
    read_json_lines(text, diagnostics, out);
  } else if (text[first] == '[' || text[first] == '{') {
    const auto document = load_text(text, SourceFormat::json, diagnostics, json_limits());
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
