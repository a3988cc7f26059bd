#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <tuple>

#include <fmt/format.h>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/load/document.hpp>
#include <edgecalc/model/predictor.hpp>
#include <edgecalc/model/validate.hpp>
#include <edgecalc/decide/pipeline.hpp>
#include <edgecalc/render/render.hpp>
#include <edgecalc/report/report_json.hpp>
#include <edgecalc/decide/pipeline.hpp>

#include "fixture.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

namespace {

HardwareEntry box(double bandwidth, double fp16, double ram) {
  HardwareEntry h;
  h.id = "box";
  h.backend = "test";
  h.ram_bytes = ram;
  h.bandwidth_bytes_per_s = bandwidth;
  h.fp16_flops = fp16;
  return h;
}

// The entries of data/measurements/`file` (a list under `list`).
std::vector<NodePtr> measurements(const std::string& file, const char* list = "measurements") {
  Diagnostics d(file);
  std::ifstream in(std::string(EDGECALC_SOURCE_DIR) + "/data/measurements/" + file);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  const auto doc = load_text(text, SourceFormat::yaml, d);
  if (!doc) throw std::runtime_error(format_diagnostics(d));
  return doc->root->find(list)->value->items;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

TEST_CASE("LLM prediction by hand", "[predictor]") {
  // 1 B parameters at 8 bits, 10 layers, 4 kv heads of 64: KV = 2 x 10 x 4 x 64 x 2 B = 10,240 B/token
  const LlmEntry m{"m", "m", 1e9, 10, 256, 4, 64, 4096, "s", "2025-01"};
  const QuantEntry q{"q8", 8, "s", "2025-01"};
  const BackendEntry be{"test", 0.5, 0.002, 0.25, 300e6, 1, "", "s", "2025-01"};  // 300 MB runtime memory
  const HardwareEntry hw = box(100e9, 10e12, 4e9);
  const Prediction p = predict_llm(hw, be, m, q, 100, 50);
  // weights 1e9 B; KV for 150 tokens = 1,536,000 B; + 300 MB runtime_memory (the backend's) = 1,301,536,000 B
  CHECK(p.memory_required_bytes == Approx(1e9 + 10240 * 150 + 300e6));
  CHECK(p.memory_available_bytes == 4e9);
  CHECK(p.fits_memory());
  // decode reads weights + KV at mid-generation (100 + 25 tokens): 1e9 + 1,280,000 B
  // 1,001,280,000 / (100e9 x 0.5) = 20.0256 ms, + 2 ms overhead = 22.0256 ms -> 45.401 tokens/s
  CHECK(*p.decode_tokens_per_second == Approx(1 / 0.0220256));
  // prefill: 10e12 x 0.25 / (2 x 1e9) = 1,250 tokens/s
  CHECK(*p.prefill_tokens_per_second == Approx(1250));
  // call: 100 / 1250 + 50 / 45.401 = 0.08 + 1.10128 = 1.18128 s; capacity 0.84654/s
  CHECK(p.call_latency_s == Approx(0.08 + 50 * 0.0220256));
  CHECK(p.calls_per_second_capacity == Approx(1 / (0.08 + 50 * 0.0220256)));
  // the same model on a box with 1 GB does not fit
  CHECK_FALSE(predict_llm(box(100e9, 10e12, 1e9), be, m, q, 100, 50).fits_memory());
  CHECK_FALSE(p.batch);  // a device: one call at a time
}

TEST_CASE("batched LLM prediction by hand", "[predictor]") {
  const LlmEntry m{"m", "m", 1e9, 10, 256, 4, 64, 4096, "s", "2025-01"};
  const QuantEntry q{"q8", 8, "s", "2025-01"};
  const BackendEntry be{"test", 0.5, 0.002, 0.25, 300e6, 1, "", "s", "2025-01"};
  const HardwareEntry hw = box(100e9, 10e12, 4e9);
  const Prediction p = predict_llm(hw, be, m, q, 100, 50, 64);
  REQUIRE(p.batch);
  // KV of one call at its full context: 10,240 B x 150 tokens = 1,536,000 B. Room beside the
  // weights: 4e9 - 1e9 - 300e6 = 2.7e9 B -> floor(1,757.8) = 1,757 calls; the engine allows 64.
  CHECK(*p.kv_cache_bytes_per_call == 1'536'000);
  CHECK(p.batch->max_concurrency == 64);
  // One step at batch 64: memory (1e9 + 64 x 10,240 x 125) / (100e9 x 0.5) = 21.6384 ms;
  // compute 2 x 1e9 x 64 / (10e12 x 0.25) = 51.2 ms; the longer + 2 ms = 53.2 ms.
  CHECK(p.batch->step_s(64) == Approx(0.0532));
  // batch 1 is the single-stream decode step: 22.0256 ms
  CHECK(p.batch->step_s(1) == Approx(0.0220256));
  // aggregate 64 / 0.0532 = 1,203.0 tokens/s
  CHECK(p.batch->aggregate_tokens_per_s(64) == Approx(64 / 0.0532));
  // capacity: 1 / (100 / 1250 + 50 x 0.0532 / 64) = 1 / (0.08 + 0.0415625) = 8.2262 calls/s
  CHECK(p.calls_per_second_capacity == Approx(1 / 0.1215625));
  // the single call still takes 1.18128 s
  CHECK(p.call_latency_s == Approx(0.08 + 50 * 0.0220256));
  // an engine allowing 4,000 calls is held to what the KV cache holds
  CHECK(predict_llm(hw, be, m, q, 100, 50, 4000).batch->max_concurrency == 1757);
}

TEST_CASE("predictor accuracy on public llama.cpp measurements", "[predictor][accuracy]") {
  const Catalog& c = builtin_catalog();
  std::vector<double> decode_errors, prefill_errors;
  for (const NodePtr& m : measurements("llm.yaml")) {
    const auto field = [&](const char* key) { return m->find(key) ? m->find(key)->value->text : std::string(); };
    INFO(field("hardware") << " " << field("model") << " " << field("quantization"));
    REQUIRE_FALSE(field("source").empty());
    const HardwareEntry* hw = c.find_hardware(field("hardware"));
    const LlmEntry* llm = c.find_llm(field("model"));
    const QuantEntry* q = c.find_quantization(field("quantization"));
    REQUIRE(hw);
    REQUIRE(llm);
    REQUIRE(q);
    // llama-bench's tg128 / pp512: short contexts
    const Prediction p = predict_llm(*hw, *c.find_backend(hw->backend), *llm, *q, 16, 128);
    if (m->find("decode"))
      decode_errors.push_back(std::abs(*p.decode_tokens_per_second / std::stod(field("decode")) - 1));
    if (m->find("prefill"))
      prefill_errors.push_back(std::abs(*p.prefill_tokens_per_second / std::stod(field("prefill")) - 1));
  }
  const auto worst = [](const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); };
  // The figures this prints are the ones docs/predictor.md and the README quote.
  WARN(fmt::format("decode: {} measurements, median error {:.1f}%, worst {:.1f}%", decode_errors.size(),
                   100 * median(decode_errors), 100 * worst(decode_errors)));
  WARN(fmt::format("prefill: {} measurements, median error {:.1f}%, worst {:.1f}%", prefill_errors.size(),
                   100 * median(prefill_errors), 100 * worst(prefill_errors)));
  CHECK(decode_errors.size() >= 12);
  CHECK(median(decode_errors) < 0.20);
  CHECK(median(prefill_errors) < 0.20);
}

TEST_CASE("batched predictor accuracy on public serving measurements", "[predictor][accuracy]") {
  const Catalog& c = builtin_catalog();
  std::vector<double> errors;
  for (const NodePtr& s : measurements("batched.yaml", "series")) {
    const auto field = [&](const char* key) { return s->find(key)->value->text; };
    REQUIRE_FALSE(field("source").empty());
    HardwareEntry hw = *c.find_hardware(field("hardware"));
    // Tensor parallel over n GPUs: one unit with n times the memory, bandwidth and compute.
    const double gpus = std::stod(field("gpus"));
    hw.ram_bytes *= gpus;
    hw.bandwidth_bytes_per_s *= gpus;
    hw.fp16_flops *= gpus;
    const LlmEntry& llm = *c.find_llm(field("model"));
    const QuantEntry& q = *c.find_quantization(field("quantization"));
    const double input = std::stod(field("input")), output = std::stod(field("output"));
    for (const NodePtr& point : s->find("points")->value->items) {
      const double concurrency = std::stod(point->items[0]->text), measured = std::stod(point->items[1]->text);
      // A closed loop of `concurrency` clients: every call takes its prefill alone and shares the
      // decode steps, so output tokens/s = output x the calls/s one unit sustains at that batch.
      const Prediction p = predict_llm(hw, *c.find_backend(hw.backend), llm, q, input, output, concurrency);
      const double batch = std::min(concurrency, p.batch->max_concurrency);
      const double predicted = output * p.batch->calls_per_s(batch);
      const double error = predicted / measured - 1;
      errors.push_back(std::abs(error));
      WARN(fmt::format("{} x {} {} {}/{} at {:>3} calls: measured {:>8.1f} tokens/s, predicted {:>8.1f} ({:+.1f}%)",
                       field("gpus"), field("hardware"), field("model"), field("input"), field("output"),
                       concurrency, measured, predicted, 100 * error));
    }
  }
  const auto worst = *std::max_element(errors.begin(), errors.end());
  // The figures this prints are the ones docs/predictor.md quotes.
  WARN(fmt::format("batched throughput: {} measurements, median error {:.1f}%, worst {:.1f}%", errors.size(),
                   100 * median(errors), 100 * worst));
  CHECK(errors.size() >= 16);
  CHECK(median(errors) < 0.25);
}

TEST_CASE("profiles name catalog entries, written fields win", "[predictor][profile]") {
  const std::string pi = replaced(replaced(k_valid_yaml, "  latency_budget: 100ms\n",
                                           "  latency_budget: 2min\n  tokens: {input: 300, output: 120}\n"
                                           "  model: llama-3.2-3b\n"),
                                  "  unit_cost: $4\n  inference_time: 8ms\n", "  hardware: rpi5-8gb\n");
  Loaded out = load(replaced(pi, "calls: 60/min", "calls: 10/day"));
  INFO(out.errors);
  REQUIRE(out.profile);
  CHECK(out.profile->edge.inference_time_s == 0);  // the profile stage predicts nothing
  const std::optional<Prediction> prediction = predict(*out.profile);
  REQUIRE(prediction);
  const Profile p = with_prediction(*out.profile, prediction);
  CHECK(p.edge.unit_cost == 125);  // the catalog's Raspberry Pi 5 8 GB price since February 2026
  CHECK(p.edge.inference_time_s == Approx(prediction->call_latency_s));
  CHECK(prediction->quantization_id == "q4_k_m");  // the default quantization
  const Profile twice = with_prediction(p, predict(p));  // idempotent: evaluate() of an evaluated profile
  CHECK(twice.catalog_values.size() == p.catalog_values.size());
  CHECK(twice.edge.inference_time_s == p.edge.inference_time_s);
  // 10 calls a day x latency: the model's busy share sets the average power between idle and
  // active (2.7 W and 11 W in the catalog)
  const double busy = 10 / 86400.0 * prediction->call_latency_s;
  REQUIRE(p.edge.power_curve);
  const CostModel m = price_options(p);
  CHECK(m.sizing.busy_mean == Approx(busy));
  CHECK(m.sizing.power_w == Approx(2.7 + busy * (11 - 2.7)));
  // a written field wins
  out = load(replaced(replaced(pi, "calls: 60/min", "calls: 10/day"), "  hardware: rpi5-8gb\n",
                      "  hardware: rpi5-8gb\n  unit_cost: $70\n  inference_time: 5s\n"));
  REQUIRE(out.profile);
  CHECK(out.profile->edge.unit_cost == 70);
  CHECK(with_prediction(*out.profile, predict(*out.profile)).edge.inference_time_s == 5);
}

TEST_CASE("unknown catalog ids list the closest", "[predictor][profile]") {
  const std::string text = replaced(replaced(k_valid_yaml, "  unit_cost: $4\n", "  hardware: rpi6\n"),
                                    "  latency_budget: 100ms\n", "  latency_budget: 100ms\n  model: llama-3.3-3b\n");
  CHECK(errors_of(text) ==
        "p.yaml:6:10: error: unknown model `llama-3.3-3b` in workload.model; closest: llama-3.2-3b, llama-3.2-1b, "
        "llama-3.1-8b (edgecalc catalog lists them)\n"
        "p.yaml:17:13: error: unknown hardware `rpi6` in edge.hardware; closest: rpi4-4gb, rpi4-8gb, rpi5-8gb "
        "(edgecalc catalog lists them)\n");
  CHECK(errors_of(replaced(k_valid_yaml, "    per_call: $0.0001\n", "    per_call: $0.0001\n  model: gpt-5o\n")) ==
        "p.yaml:15:10: error: unknown cloud model `gpt-5o` in cloud.model; closest: gpt-5.5, gpt-4o, "
        "gpt-5.6-sol (edgecalc catalog lists them)\n");
}

TEST_CASE("catalog prices: tokens required, currency must be USD, staleness is flagged", "[predictor][profile]") {
  const std::string api = replaced(k_valid_yaml, "  price:\n    per_call: $0.0001\n", "  model: gpt-5.4-nano\n");
  CHECK(errors_of(api) == "p.yaml:13:10: error: cloud.model gpt-5.4-nano is priced per token and needs "
                          "workload.tokens (e.g. tokens: {input: 300, output: 200})\n");
  const std::string with_tokens =
      replaced(api, "  latency_budget: 100ms\n", "  latency_budget: 100ms\n  tokens: {input: 1000, output: 100}\n");
  Loaded out = load(with_tokens);
  REQUIRE(out.profile);
  CHECK(out.profile->cloud.price.form == PriceForm::per_1m_tokens);
  CHECK(out.profile->cloud.price.input_per_tokens == Approx(0.20));
  const Report r = evaluate(*out.profile, "2027-03-01");
  const auto json = report_json(r);
  bool warned = false;
  for (const auto& a : json["assumptions"])
    warned = warned || (a["field"] == "cloud.price" &&
                        a["source"].get<std::string>().find("WARNING: priced 220 days before 2027-03-01") != std::string::npos);
  CHECK(warned);
  CHECK(errors_of(replaced(with_tokens, "edgecalc: 1\n", "edgecalc: 1\ncurrency: EUR\n")).find(
            "catalog prices are in USD and the profile's currency is EUR; write cloud.price yourself") != std::string::npos);
}

TEST_CASE("fit rules: memory and throughput", "[predictor][rules]") {
  const std::string base = replaced(replaced(k_valid_yaml, "  latency_budget: 100ms\n",
                                             "  latency_budget: none\n  tokens: {input: 300, output: 120}\n"
                                             "  model: llama-3.1-8b\n"),
                                    "  unit_cost: $4\n  inference_time: 8ms\n", "  hardware: rpi4-4gb\n");
  Loaded out = load(replaced(base, "calls: 60/min", "calls: 1/day"));
  REQUIRE(out.profile);
  Report r = evaluate(*out.profile);
  CHECK(r.verdict.of(Option::edge).blocked_by == std::vector<std::string>{"fit.memory"});
  // The message leads with the shortfall: weights 8.03B x 4.85 bits (q4_k_m) / 8 = 4.868 GB, KV
  // cache 2 x 32 layers x 8 heads x 128 x 2 bytes x 420 tokens = 55 MB, runtime 300 MB: 5.223 GB
  // against 4 GB - 0.6 GB reserved = 3.4 GB, 1.823 GB short.
  std::string message;
  for (const FiredRule& f : r.fired)
    if (f.rule->id == "fit.memory" && f.option == Option::edge) message = f.message;
  CHECK(message == "llama-3.1-8b does not fit: 1.82 GB short of memory (needs 5.22 GB, rpi4-4gb has 3.4 GB usable)");
  // a fitting model, called more often than the device can answer
  out = load(replaced(replaced(base, "llama-3.1-8b", "tinyllama-1.1b"), "calls: 60/min", "calls: 10/min"));
  REQUIRE(out.profile);
  r = evaluate(*out.profile);
  CHECK(r.verdict.of(Option::edge).blocked_by == std::vector<std::string>{"fit.throughput"});
  CHECK(r.costs.sizing.busy_peak > 1);
}

TEST_CASE("a mixture of experts holds all its weights but reads and multiplies the active ones", "[predictor]") {
  const Catalog& c = builtin_catalog();
  const LlmEntry& oss = *c.find_llm("gpt-oss-20b");
  REQUIRE(oss.moe());
  BackendEntry ideal = *c.find_backend("cuda");
  ideal.bandwidth_efficiency = 1;
  ideal.token_overhead_s = 0;
  ideal.prefill_efficiency = 1;
  const Prediction p = predict_llm(*c.find_hardware("rtx4090-box"), ideal, oss, *c.find_quantization("mxfp4"), 16, 128);
  // weights: 20.9e9 x 4.25 / 8 = 11.103125e9 B, all in memory; KV: 2 x 24 layers x 8 heads x 64
  // x 2 B = 49,152 B a token, 144 tokens = 7,077,888 B; runtime 300 MB:
  // 11,103,125,000 + 7,077,888 + 300,000,000 = 11,410,202,888 B.
  CHECK(p.memory_required_bytes == Approx(11'410'202'888.0));
  // a token reads 3.6 / 20.9 of the weights: 1.9125e9 B, plus the KV cache at mid-answer,
  // 49,152 x (16 + 64) = 3,932,160 B: 1,916,432,160 B / 1,008 GB/s = 1.9012224e-3 s: 525.978 tokens/s.
  CHECK(*p.decode_tokens_per_second == Approx(1.008e12 / 1'916'432'160.0));
  // prefill: 165 TFLOPS / (2 x 3.6e9 active) = 22,916.67 tokens/s
  CHECK(*p.prefill_tokens_per_second == Approx(165e12 / 7.2e9));
  // A dense model of the same size reads all 11.1 GB a token: 5.8x slower.
  LlmEntry dense = oss;
  dense.active_parameters = 0;
  const Prediction d = predict_llm(*c.find_hardware("rtx4090-box"), ideal, dense, *c.find_quantization("mxfp4"), 16, 128);
  CHECK(*d.decode_tokens_per_second == Approx(1.008e12 / (11'103'125'000.0 + 3'932'160.0)));
  // Batched, the experts the sequences route to add up: a step for 8 reads
  // 11.103125e9 x (1 - (1 - 3.6 / 20.9)^8) of the weights.
  const Prediction b = predict_llm(*c.find_hardware("rtx4090-box"), ideal, oss, *c.find_quantization("mxfp4"), 16, 128, 8.0);
  REQUIRE(b.batch);
  CHECK(b.batch->weights_read_bytes(1) == Approx(1.9125e9));
  CHECK(b.batch->weights_read_bytes(8) == Approx(11'103'125'000.0 * (1 - std::pow(1 - 3.6 / 20.9, 8))));
}

TEST_CASE("validate recovers a backend's constants from measurements it generated, in and out of sample", "[predictor][accuracy]") {
  // Three CUDA measurements made up from efficiency 70% and 2 ms a token: the fit must find
  // those constants, and leaving any device out must predict it exactly.
  Catalog c = builtin_catalog();
  BackendEntry truth = *c.find_backend("cuda");
  truth.bandwidth_efficiency = 0.7;
  truth.token_overhead_s = 0.002;
  Measurements m;
  for (const auto& [hw, model] : {std::pair{"rtx4090-box", "llama-3.1-8b"}, std::pair{"rtx5090-box", "llama-3.2-3b"},
                                  std::pair{"dgx-spark", "qwen2.5-14b"}}) {
    const Prediction p = predict_llm(*c.find_hardware(hw), truth, *c.find_llm(model), *c.find_quantization("q4_k_m"), 16, 128);
    m.llm.push_back(LlmMeasurement{hw, model, "q4_k_m", "made up", "2026-11", p.decode_tokens_per_second, std::nullopt});
  }
  const Validation v = validate_predictor(c, m);
  REQUIRE(v.fits.size() == 1);
  CHECK(*v.fits[0].bandwidth_efficiency == Approx(0.7));
  CHECK(*v.fits[0].token_overhead_s == Approx(0.002));
  const ValidationKind& decode = v.kinds.front();
  REQUIRE(decode.rows.size() == 3);
  for (const ValidationRow& r : decode.rows) CHECK(*r.predicted_leave_one_out == Approx(r.measured));
  CHECK(decode.leave_one_out.worst < 1e-9);
  CHECK(decode.in_sample.median > 0.01);  // the shipped constants are not these
}

TEST_CASE("validate recovers the per-call step cost from batched series it generated, and their energy", "[predictor][accuracy]") {
  // Two made-up vLLM series, one per GPU, from the shipped CUDA constants with a step cost of
  // 80 us for each further call. The fit to every point must find 80 us; leaving each GPU out
  // fits it to the other GPU's points, so each is predicted exactly too. Energy per output token
  // is the GPUs' active power over the throughput: written as 2 x 700 W / tokens/s on the
  // H100s and 1,000 W / tokens/s on the B200, it is predicted exactly.
  Catalog c = builtin_catalog();
  BackendEntry truth = *c.find_backend("cuda");
  truth.call_overhead_s = 80e-6;
  Measurements m;
  for (const auto& [hw, gpus, model] : {std::tuple{"cloud-h100", 2.0, "llama-3.1-8b"}, std::tuple{"cloud-b200", 1.0, "qwen3-14b"}}) {
    BatchedSeries s{hw, model, "f16", "made up", "2026-12", gpus, 200, 600, {}};
    HardwareEntry unit = *c.find_hardware(hw);
    unit.ram_bytes *= gpus;
    unit.bandwidth_bytes_per_s *= gpus;
    unit.fp16_flops *= gpus;
    for (const double n : {8.0, 64.0, 256.0}) {
      const Prediction p = predict_llm(unit, truth, *c.find_llm(model), *c.find_quantization("f16"), 200, 600, n);
      const double tokens_per_s = 600 * p.batch->calls_per_s(std::min(n, p.batch->max_concurrency));
      s.points.push_back(BatchedPoint{n, tokens_per_s, gpus * unit.power_active_w / tokens_per_s});
    }
    m.batched.push_back(s);
  }
  const Validation v = validate_predictor(c, m);
  REQUIRE(v.fits.size() == 1);
  CHECK(v.fits[0].batched_points == 6);
  CHECK(*v.fits[0].call_overhead_s == Approx(80e-6));
  for (const char* kind : {"batched", "energy"}) {
    const auto k = std::find_if(v.kinds.begin(), v.kinds.end(), [&](const ValidationKind& x) { return x.kind == kind; });
    REQUIRE(k != v.kinds.end());
    REQUIRE(k->rows.size() == 6);
    for (const ValidationRow& r : k->rows) CHECK(*r.predicted_leave_one_out == Approx(r.measured));
  }
}
