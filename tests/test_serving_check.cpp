// The queueing and batching model against a real server under Poisson load: vLLM-Ascend's
// serving sweeps of Qwen2.5-7B (1, 4, 16 req/s and all at once; tests/data/serving/README.md).
// One sweep calibrates the box (edgecalc calibrate, as a user would); the product then predicts
// the other sweep, run two hours earlier, at each rate. docs/model.md publishes the errors.

#include <catch2/catch.hpp>

#include <cmath>

#include <fmt/format.h>

#include <edgecalc/decide/pipeline.hpp>
#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/load/benchmark.hpp>
#include <edgecalc/load/document.hpp>
#include <edgecalc/model/calibrate.hpp>
#include <edgecalc/model/model.hpp>
#include <edgecalc/model/serving.hpp>
#include <edgecalc/profile/profile.hpp>

#include "documents.hpp"

using namespace edgecalc;

namespace serving_check {  // named: the tests build in unity batches

const std::string k_dir = std::string(EDGECALC_SOURCE_DIR) + "/tests/data/serving/";

// One run of a sweep as the file gives it.
struct Run {
  double rate;  // offered req/s; 0 for "inf" (all at once)
  double input, output, throughput, ttft_s, tpot_s;
  double mean_call_s() const { return ttft_s + (output - 1) * tpot_s; }
};

std::vector<Run> runs_of(const std::string& file) {
  Diagnostics d(file);
  const std::string text = test::read_text(k_dir + file);
  const auto doc_lines = [&] {
    std::vector<Run> out;
    for (std::size_t at = 0; at < text.size();) {
      const std::size_t end = std::min(text.find('\n', at), text.size());
      const auto doc = load_text(text.substr(at, end - at), SourceFormat::json, d);
      at = end + 1;
      REQUIRE(doc);
      const Node& r = *doc->root;
      const auto num = [&](std::string_view key) { return std::stod(r.find(key)->value->text); };
      const std::string rate = r.find("request_rate")->value->text;
      const double n = num("completed");
      out.push_back(Run{rate == "inf" ? 0 : std::stod(rate), num("total_input_tokens") / n,
                        num("total_output_tokens") / n, num("request_throughput"), num("mean_ttft_ms") / 1e3,
                        num("mean_tpot_ms") / 1e3});
    }
    return out;
  };
  return doc_lines();
}

// The shipped catalog with the NPU box and Qwen2.5-7B, and the box calibrated on `file`'s runs
// (its first `lines` of them; 0: all).
Catalog calibrated_on(const std::string& file, Calibration* out = nullptr, std::size_t lines = 0) {
  Catalog c = builtin_catalog();
  Diagnostics d("ascend-catalog.yaml");
  REQUIRE(merge_catalog_file(k_dir + "ascend-catalog.yaml", c, d));
  Diagnostics read(file);
  std::string text = test::read_text(k_dir + file);
  if (lines > 0) {
    std::size_t end = 0;
    for (std::size_t n = 0; n < lines; ++n) end = text.find('\n', end) + 1;
    text.resize(end);
  }
  const auto runs = read_benchmark_text(text, read);
  INFO(format_diagnostics(read));
  REQUIRE(runs);
  const auto cal = calibrate(*runs, c, CalibrationChoice{"ascend-910b-box", "", "f16"}, file, "2026-12-06", read);
  REQUIRE(cal);
  REQUIRE(merge_catalog_text(catalog_yaml(cal->overlay), SourceFormat::yaml, c, d));
  if (out) *out = *cal;
  return c;
}

// What the product predicts for one box of the calibrated NPU at `rate` calls/s: the profile a
// user would write for the sweep's workload, evaluated, its box's queue loaded at the rate.
struct Predicted {
  OptionLoad load;
  double tpot_s, capacity;
  BatchModel batch;
};

Predicted predict(const Catalog& catalog, const Run& shape, double rate) {
  const std::string yaml = fmt::format(R"(edgecalc: 1
name: vllm-ascend-sweep
workload:
  calls: {}/s
  latency_budget: 60s  # loose: the check loads one box at the rate, whatever the budget
  tokens: {{input: {}, output: {}}}
  model: qwen2.5-7b
  quantization: f16
fleet:
  size: 1
connectivity:
  network: wired
data:
  sensitivity: public
cloud:
  price:
    per_1m_tokens: {{input: $0.30, output: $0.60}}
edge:
  deployment: server
  hardware: ascend-910b-box
)", rate, shape.input, shape.output);
  Diagnostics d("sweep.yaml");
  const auto doc = load_text(yaml, SourceFormat::yaml, d);
  REQUIRE(doc);
  const auto profile = build_profile(*doc, d, catalog);
  INFO(format_diagnostics(d));
  REQUIRE(profile);
  const Report r = evaluate(*profile, "2026-12-06");
  REQUIRE(r.prediction);
  REQUIRE(r.prediction->batch);
  const ServiceModel m = edge_service(r.profile, r.prediction);
  Predicted p{load_at(m, rate, 1, r.profile.workload.service_cv), 0, m.capacity_per_s, *m.batch};
  // A call's decode: its output at the operating batch's step, slowed by the others' prefills.
  p.tpot_s = (p.load.service_s - m.batch->prefill_s) / shape.output;
  return p;
}

double error(double predicted, double measured) { return predicted / measured - 1; }

}  // namespace serving_check

TEST_CASE("a vLLM server under Poisson load: calibrated on one sweep, the product predicts the other", "[queue][accuracy]") {
  using namespace serving_check;
  const std::vector<Run> fit = runs_of("vllm-ascend-qwen2.5-7b-runs-a.jsonl");
  const std::vector<Run> other = runs_of("vllm-ascend-qwen2.5-7b-runs-b.jsonl");
  REQUIRE(fit.size() == 4);
  REQUIRE(other.size() == 4);
  Calibration cal;
  const Catalog catalog = calibrated_on("vllm-ascend-qwen2.5-7b-runs-a.jsonl", &cal);
  // The runs at 1 and 4 req/s (8 and 42 calls at once) give what each further call costs a step:
  // 0.28 ms, against the 0.04 ms its KV cache's reads explain. The runs at 16 req/s and all at
  // once did not keep up, so their batch varied: predicted, not fitted.
  REQUIRE(cal.devices.size() == 1);
  CHECK(cal.devices[0].backend.call_overhead_s == Approx(2.82e-4).epsilon(0.01));
  CHECK(cal.devices[0].decode_method.find("2 runs whose batch varied") != std::string::npos);

  std::vector<double> tpot_errors, call_errors;
  std::string table;
  for (const Run& run : other) {
    if (run.rate == 0 || run.rate > 8) continue;  // below: the box's capacity and saturation
    const Predicted p = predict(catalog, run, run.rate);
    INFO(fmt::format("{} req/s", run.rate));
    REQUIRE_FALSE(p.load.saturated);
    CHECK(p.load.probability_of_waiting < 0.01);  // 256 slots: a call waits for none
    tpot_errors.push_back(error(p.tpot_s, run.tpot_s));
    call_errors.push_back(error(p.load.service_s, run.mean_call_s()));
    table += fmt::format("| {:g} req/s | {:.1f} | {:.1f} ms / {:.1f} ms ({:+.1f}%) | {:.2f} s / {:.2f} s ({:+.1f}%) |\n",
                         run.rate, p.load.operating_batch, 1e3 * p.tpot_s, 1e3 * run.tpot_s, 100 * tpot_errors.back(),
                         p.load.service_s, run.mean_call_s(), 100 * call_errors.back());
    CHECK(std::abs(tpot_errors.back()) < 0.15);
    CHECK(std::abs(call_errors.back()) < 0.15);
  }
  REQUIRE(tpot_errors.size() == 2);

  // 16 req/s is over what the box serves: the model must call it saturated, as the run's 4.4
  // req/s served shows it was. All 200 prompts at once: the run served 5.07 req/s with its batch
  // draining from 200 (101 on average, Little's law on the run), so the box's capacity at its 256
  // slots is at least that; at the run's average batch the model serves more than it did, as a
  // call of a draining batch spends its time in the heavier part of it.
  const Run& all = other[3];
  const Run& sixteen = other[2];
  REQUIRE(all.rate == 0);
  REQUIRE(sixteen.rate == 16);
  const Predicted at16 = predict(catalog, sixteen, 16);
  CHECK(at16.load.saturated);
  CHECK(sixteen.throughput < 0.5 * sixteen.rate);
  CHECK(at16.capacity > all.throughput);
  const double average_batch = all.throughput * all.mean_call_s();
  const double at_average = error(at16.batch.calls_per_s(average_batch), all.throughput);
  CHECK(at_average > 0);
  CHECK(at_average < 0.5);
  table += fmt::format("| 16 req/s | - | saturated: {} | measured: {:.2f} req/s served |\n",
                       at16.load.saturated ? "yes" : "no", sixteen.throughput);
  table += fmt::format("| all at once | {:.0f} on average | {:.2f} req/s at that batch / {:.2f} req/s served ({:+.1f}%) | "
                       "capacity at {:.0f} slots {:.2f} req/s |\n",
                       average_batch, at16.batch.calls_per_s(average_batch), all.throughput, 100 * at_average,
                       at16.batch.max_concurrency, at16.capacity);

  // Calibrated on the 1 req/s run alone (one run, one size: only the efficiency is fitted; the
  // per-call cost stays the shipped CUDA one, 61.7 us, fitted to vLLM on H100 and B200), the
  // model misses how much faster this server's step grows with the batch (0.28 ms a call).
  const Catalog single = calibrated_on("vllm-ascend-qwen2.5-7b-runs-a.jsonl", nullptr, 1);
  const Predicted alone = predict(single, other[1], 4);
  const double alone_tpot = error(alone.tpot_s, other[1].tpot_s);
  CHECK(alone_tpot < -0.10);
  CHECK(alone.capacity > 2.5 * all.throughput);
  const BackendEntry& fitted = cal.devices[0].backend;
  const BatchModel& b = at16.batch;
  const double kv_per_call = b.kv_bytes_per_token * b.step_kv_tokens / b.bandwidth_bytes_per_s;
  table += fmt::format("\nCalibrated on the later sweep: bandwidth efficiency {:.1f}%, {:.3f} ms per step for each further "
                       "call ({:.1f} x the {:.3f} ms its KV cache's reads take). On the 1 req/s run alone: TPOT at 4 req/s "
                       "{:.1f} ms ({:+.1f}%), capacity {:.1f} req/s.\n",
                       100 * fitted.bandwidth_efficiency, 1e3 * fitted.call_overhead_s,
                       fitted.call_overhead_s / kv_per_call, 1e3 * kv_per_call, 1e3 * alone.tpot_s, 100 * alone_tpot,
                       alone.capacity);

  // docs/model.md quotes the table.
  test::check_block("docs/model.md", "serving-check",
                    "\n| rate | batch | TPOT, model / measured | mean call, model / measured |\n| --- | ---: | --- | --- |\n" +
                        table);
}
