// edgecalc calibrate: reading benchmark results, fitting a device's backend to them, and the
// catalog overlay that --catalog reads back (docs/predictor.md, "Calibrating from your own runs").

#include <catch2/catch.hpp>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/load/benchmark.hpp>
#include <edgecalc/load/quantity.hpp>
#include <edgecalc/model/calibrate.hpp>
#include <edgecalc/model/predictor.hpp>

#include "cli_run.hpp"
#include "fixture.hpp"

using namespace edgecalc;

namespace {

const std::string k_dir = std::string(EDGECALC_SOURCE_DIR) + "/tests/data/calibrate/";

BenchmarkFile read_ok(const std::string& name) {
  Diagnostics d(name);
  const auto f = read_benchmark_file(k_dir + name, d);
  INFO(format_diagnostics(d));
  REQUIRE(f);
  return *f;
}

BenchmarkFile read_text_ok(const std::string& text) {
  Diagnostics d("runs.csv");
  const auto f = read_benchmark_text(text, d);
  INFO(format_diagnostics(d));
  REQUIRE(f);
  return *f;
}

Calibration calibrate_ok(const BenchmarkFile& f, const Catalog& c, const CalibrationChoice& choice) {
  Diagnostics d("runs");
  const auto out = calibrate(f, c, choice, "runs", "2026-12-06", d);
  INFO(format_diagnostics(d));
  REQUIRE(out);
  return *out;
}

Catalog with_team_catalog() {
  Catalog c = builtin_catalog();
  Diagnostics d("rtx4080-catalog.yaml");
  REQUIRE(merge_catalog_file(k_dir + "rtx4080-catalog.yaml", c, d));
  return c;
}

}  // namespace

TEST_CASE("llama-bench JSON: pp runs are prefill rates, tg runs decode rates, names kept where written", "[calibrate]") {
  // llama.cpp's README example (RTX 4080, Qwen2.5-7B Q4_K_M): pp512 at 7100.002165 t/s, tg128 at 118.881588.
  const BenchmarkFile f = read_ok("llama-bench-rtx4080.json");
  CHECK(f.format == "llama-bench");
  REQUIRE(f.points.size() == 2);
  const BenchmarkPoint& pp = f.points[0];
  const BenchmarkPoint& tg = f.points[1];
  CHECK(pp.label == "pp512");
  CHECK(pp.prefill_tokens_per_s == 7100.002165);
  CHECK_FALSE(pp.decode_tokens_per_s);
  CHECK(pp.input_tokens == 512);
  CHECK(tg.label == "tg128");
  CHECK(tg.decode_tokens_per_s == 118.881588);
  CHECK(tg.input_tokens == 0);
  CHECK(tg.output_tokens == 128);
  CHECK(tg.device.text == "NVIDIA GeForce RTX 4080");
  CHECK(tg.device.field == "gpu_info");
  CHECK(tg.model.text == "models/Qwen2.5-7B-Instruct-Q4_K_M.gguf");
  CHECK(tg.parameters == 7615616512.0);
  CHECK(pp.device.position == Position{6, 17});
}

TEST_CASE("vLLM result: per-stream decode from TPOT, calls at once by Little's law", "[calibrate]") {
  // 500 calls of 512 in / 128 out sent at 16 req/s, TTFT 38.9 ms, TPOT 2.39 ms, no mean_e2el_ms:
  // a call takes 38.9 + 127 x 2.39 = 342.43 ms; the server kept up (16 x 0.34243 = 5.48 calls in
  // flight, under 500), so 16 x 0.34243 = 5.47888 calls decode at once as an arriving call sees
  // them; per stream 1000 / 2.39 = 418.41 tokens/s; TTFT is not a prefill rate at 5.5 at once.
  const BenchmarkFile f = read_ok("vllm-h100-qwen3-0.6b.json");
  CHECK(f.format == "vllm");
  REQUIRE(f.points.size() == 1);
  const BenchmarkPoint& p = f.points[0];
  CHECK(p.concurrency == Approx(5.47888).epsilon(1e-12));
  CHECK_FALSE(p.transient);
  CHECK(p.label == "16/s, 5.48 at once");
  CHECK(*p.decode_tokens_per_s == Approx(1000 / 2.39).epsilon(1e-12));
  CHECK(p.input_tokens == 512);
  CHECK(p.output_tokens == 128);
  CHECK_FALSE(p.prefill_tokens_per_s);
  CHECK(p.model.text == "Qwen/Qwen3-0.6B");
  CHECK(p.device.text.empty());
}

TEST_CASE("benchmark CSV: a TTFT gives the prompt's prefill rate, comments and blank lines are skipped", "[calibrate]") {
  const BenchmarkFile f = read_text_ok("# runs\n\nDevice, model,quant,prompt_tokens,output_tokens,tokens_per_s,ttft\r\n"
                                       "rtx4090-box,\"llama-2-7b\",f16,512,128,61.03,46.34ms\n"
                                       "rtx4090-box,llama-3.2-3b,q4_k_m,16,128,334.67,\n");
  REQUIRE(f.points.size() == 2);
  CHECK(f.points[0].label == "line 4");
  CHECK(f.points[0].model.text == "llama-2-7b");
  CHECK(*f.points[0].prefill_tokens_per_s == Approx(512 / 0.04634).epsilon(1e-12));  // 11,048.77 tokens/s
  CHECK(f.points[0].quantization.position == Position{4, 26});
  CHECK_FALSE(f.points[1].prefill_tokens_per_s);
  CHECK(f.points[1].decode_tokens_per_s == 334.67);
}

TEST_CASE("one decode run of one size: the shipped overhead stays, the efficiency takes the rest", "[calibrate]") {
  const Catalog c = with_team_catalog();
  const Calibration cal = calibrate_ok(read_ok("llama-bench-rtx4080.json"), c, {"rtx4080-box", "", ""});
  REQUIRE(cal.devices.size() == 1);
  const BackendEntry& b = cal.devices[0].backend;
  // tg128 from an empty context reads the weights and the KV cache at mid-generation (64 tokens):
  // 7.62e9 x 4.85 / 8 = 4,619,625,000 B + 2 x 28 layers x 4 heads x 128 x 2 B x 64 = 3,670,016 B,
  // over 716.8 GB/s: x = 6.44991 ms. Measured 1 / 118.881588 = 8.41172 ms; the CUDA overhead
  // (1.3 ms) stays: efficiency = 6.44991 / (8.41172 - 1.3) = 90.69%.
  const double x = (7.62e9 * 4.85 / 8 + 2 * 28 * 4 * 128 * 2 * 64.0) / 716.8e9;
  const double overhead = c.find_backend("cuda")->token_overhead_s;
  CHECK(overhead == Approx(0.0013));
  CHECK(b.token_overhead_s == overhead);
  CHECK(b.bandwidth_efficiency == Approx(x / (1 / 118.881588 - overhead)).epsilon(1e-12));
  CHECK(b.bandwidth_efficiency == Approx(0.9069).margin(1e-4));
  CHECK(b.id == "calibrated-rtx4080-box");
  // The decode run is then predicted exactly; the prefill run (7,100 t/s) is faster than the
  // 4080's 97.5 TFLOPS allows at 100%: 97.5e12 / (2 x 7.62e9) = 6,397.6 tokens/s, capped.
  REQUIRE(cal.rows.size() == 2);
  CHECK(cal.rows[1].kind == "decode");
  CHECK(cal.rows[1].after == Approx(118.881588).epsilon(1e-12));
  CHECK(b.prefill_efficiency == 1);
  CHECK(cal.rows[0].after == Approx(97.5e12 / (2 * 7.62e9)).epsilon(1e-12));
}

TEST_CASE("runs of two sizes: calibrate recovers the efficiency and overhead that made them", "[calibrate]") {
  // Rates made by a CUDA backend with 80% bandwidth efficiency and 2 ms per token on the RTX 4090
  // box (llama-2-7b in f16 and q4_0, a third as large), written at full precision.
  const Catalog& c = builtin_catalog();
  BackendEntry made = *c.find_backend("cuda");
  made.bandwidth_efficiency = 0.8;
  made.token_overhead_s = 0.002;
  const auto rate = [&](const char* quant) {
    return *predict_llm(*c.find_hardware("rtx4090-box"), made, *c.find_llm("llama-2-7b"), *c.find_quantization(quant),
                        16, 128)
                .decode_tokens_per_second;
  };
  const std::string csv = "device,model,quant,prompt_tokens,output_tokens,tokens_per_s\n"
                          "rtx4090-box,llama-2-7b,f16,16,128," + format_number(rate("f16")) + "\n"
                          "rtx4090-box,llama-2-7b,q4_0,16,128," + format_number(rate("q4_0")) + "\n"
                          "rtx4090-box,llama-2-7b,q8_0,16,128," + format_number(rate("q8_0")) + "\n";
  const Calibration cal = calibrate_ok(read_text_ok(csv), c, {});
  const BackendEntry& b = cal.devices.at(0).backend;
  CHECK(b.bandwidth_efficiency == Approx(0.8).epsilon(1e-9));
  CHECK(b.token_overhead_s == Approx(0.002).epsilon(1e-9));
  // Three runs: each is left out and predicted from the other two, which still fit exactly.
  for (const CalibrationRow& r : cal.rows) {
    REQUIRE(r.leave_one_out);
    CHECK(*r.leave_one_out == Approx(r.measured).epsilon(1e-9));
  }
  CHECK(cal.decode.after.worst < 1e-9);
  CHECK(cal.decode.before.count == 3);
}

TEST_CASE("the overlay reads back through --catalog to the same numbers, and the product predicts the runs with it", "[calibrate]") {
  const Catalog& c = builtin_catalog();
  const Calibration cal = calibrate_ok(read_ok("rtx4090-runs.csv"), c, {});
  Catalog merged = c;
  Diagnostics d("overlay.yaml");
  REQUIRE(merge_catalog_text(catalog_yaml(cal.overlay), SourceFormat::yaml, merged, d));
  Catalog from_json = c;
  REQUIRE(merge_catalog_text(catalog_json(cal.overlay).dump(), SourceFormat::json, from_json, d));
  CHECK(catalog_problems(merged).empty());
  const HardwareEntry& before = *c.find_hardware("rtx4090-box");
  for (const Catalog* m : {&merged, &from_json}) {
    const HardwareEntry& after = *m->find_hardware("rtx4090-box");
    CHECK(after.backend == "calibrated-rtx4090-box");
    CHECK(after.price == before.price);
    CHECK(after.ram_bytes == before.ram_bytes);
    CHECK(after.reserved_bytes == before.reserved_bytes);
    CHECK(after.bandwidth_bytes_per_s == before.bandwidth_bytes_per_s);
    CHECK(after.fp16_flops == before.fp16_flops);
    CHECK(after.int8_ops == before.int8_ops);
    CHECK(after.power_idle_w == before.power_idle_w);
    CHECK(after.power_active_w == before.power_active_w);
    CHECK(after.source.find("rtx4090-box") == std::string::npos);
    CHECK(after.source.ends_with("its backend calibrated on runs by edgecalc calibrate"));
    const BackendEntry& b = *m->find_backend("calibrated-rtx4090-box");
    CHECK(b.bandwidth_efficiency == cal.devices[0].backend.bandwidth_efficiency);
    CHECK(b.token_overhead_s == cal.devices[0].backend.token_overhead_s);
    CHECK(b.prefill_efficiency == cal.devices[0].backend.prefill_efficiency);
    CHECK(b.max_concurrency == c.find_backend("cuda")->max_concurrency);
    CHECK(b.date == "2026-12-06");
  }
  // A profile naming the box now predicts the CSV's first run (llama-3.2-3b q4_k_m, 16 in, 128
  // out) at the calibrated rate the report shows as "after".
  const Prediction p = predict_llm(*merged.find_hardware("rtx4090-box"), *merged.find_backend("calibrated-rtx4090-box"),
                                   *merged.find_llm("llama-3.2-3b"), *merged.find_quantization("q4_k_m"), 16, 128);
  CHECK(*p.decode_tokens_per_second == cal.rows.at(0).after);
  CHECK(cal.rows.at(0).after != cal.rows.at(0).before);
}

TEST_CASE("a name the catalog lacks is reported once at its place, with the flag that sets it", "[calibrate]") {
  Diagnostics d("runs.csv");
  const auto f = read_benchmark_text("device,model,quant,prompt_tokens,output_tokens,tokens_per_s\n"
                                     "rtx4090,llama-2-7b,q8_0,16,128,98\nrtx4090,llama-2-7b,q8_0,16,128,99\n",
                                     d);
  REQUIRE(f);
  CHECK_FALSE(calibrate(*f, builtin_catalog(), {}, "runs.csv", "2026-12-06", d));
  CHECK(format_diagnostics(d) ==
        "runs.csv:2:1: error: device \"rtx4090\" names no catalog hardware id; give --hardware ID "
        "(closest: rtx4090-box, cloud-rtx4090, rtx5090-box)\n");
}

TEST_CASE("calibrate on the command line: bad flags and files exit 2, the overlay is written atomically", "[calibrate]") {
  using edgecalc::test::run;
  const auto bad = run({"calibrate", k_dir + "rtx4090-runs.csv", "--hardware", "rtx4090"});
  CHECK(bad.code == 2);
  CHECK(bad.err == "edgecalc: error: --hardware rtx4090 is not in the catalog (closest: rtx4090-box, rtx5090-box, rpi4-4gb)\n");
  const auto missing = run({"calibrate", k_dir + "no-such-file.json"});
  CHECK(missing.code == 2);
  CHECK(missing.err.find("no-such-file.json:1:1: error: ") != std::string::npos);
  const std::string out = edgecalc::test::write_scratch("calibrate", "overlay.yaml", "old");
  const auto ok = run({"calibrate", k_dir + "rtx4090-runs.csv", "-o", out}, Environment{false, {{"EDGECALC_TODAY", "2026-12-06"}}});
  CHECK(ok.code == 0);
  CHECK(ok.out.starts_with("edgecalc calibrate "));
  const std::string written = edgecalc::test::read_text(out);
  CHECK(written.starts_with("# edgecalc calibrate "));
  CHECK(written.find("  - id: \"calibrated-rtx4090-box\"\n") != std::string::npos);
}

TEST_CASE("a vLLM sweep, one result per line: Little's law at the rate the server kept up with, runs whose batch varied marked", "[calibrate]") {
  Diagnostics d("runs-a.jsonl");
  const auto f = read_benchmark_file(std::string(EDGECALC_SOURCE_DIR) + "/tests/data/serving/vllm-ascend-qwen2.5-7b-runs-a.jsonl", d);
  INFO(format_diagnostics(d));
  REQUIRE(f);
  CHECK(f->format == "vllm");
  REQUIRE(f->points.size() == 4);
  // 1 req/s: 200 calls of 43,560 / 200 = 217.8 in and 44,697 / 200 = 223.485 out; a call takes
  // 96.6154 + 222.485 x 35.4966 = 7,993.9 ms; 1 x 7.99 = 8.0 in flight < 200: kept up, b = 7.9939.
  const double call_1 = 96.61540472880006 + (223.485 - 1) * 35.496626342114716;
  CHECK(f->points[0].concurrency == Approx(call_1 / 1000).epsilon(1e-12));
  CHECK(f->points[0].input_tokens == Approx(217.8));
  CHECK_FALSE(f->points[0].transient);
  CHECK(f->points[0].label == "1.0/s, 7.99 at once");
  // 4 req/s kept up as well (4 x 10.4 s = 41.6 < 200); 16 req/s would hold 16 x 16.56 = 265 calls,
  // more than the run's 200: the run's average, 4.4841 x 16.56 = 74.3, and the batch varied.
  CHECK_FALSE(f->points[1].transient);
  CHECK(f->points[2].transient);
  CHECK(f->points[2].concurrency == Approx(4.484083183190712 * (115.18850827589631 + 222.485 * 73.6009745600889) / 1000).epsilon(1e-12));
  CHECK(f->points[3].transient);  // all at once
  CHECK(f->points[3].label.starts_with("inf/s, ~"));
  // Each line's problems are reported at that line: a llama-bench run among vLLM runs, then an
  // object that is neither (tests/data/calibrate/invalid/mixed-lines.jsonl).
  Diagnostics bad("mixed-lines.jsonl");
  CHECK_FALSE(read_benchmark_file(k_dir + "invalid/mixed-lines.jsonl", bad));
  const std::string errors = format_diagnostics(bad);
  CHECK(errors.find("mixed-lines.jsonl:2:1: error: line 2 is a llama-bench result among vllm results") != std::string::npos);
  CHECK(errors.find("mixed-lines.jsonl:3:1: error: line 3 is not a benchmark result edgecalc reads") != std::string::npos);
}

TEST_CASE("batched runs at two batch sizes: calibrate recovers the step cost of each further call", "[calibrate]") {
  // Per-stream rates made on the H100 instance by a backend with 40% bandwidth efficiency and
  // 0.3 ms per step for each call past the first (the CUDA overhead kept), at 8 and 40 calls at
  // once; a fit without the per-call term could not meet both.
  const Catalog& c = builtin_catalog();
  BackendEntry made = *c.find_backend("cuda");
  made.bandwidth_efficiency = 0.4;
  made.call_overhead_s = 3e-4;
  BenchmarkFile f;
  f.format = "vllm";
  for (const double b : {8.0, 40.0}) {
    const Prediction p = predict_llm(*c.find_hardware("cloud-h100"), made, *c.find_llm("llama-3.1-8b"),
                                     *c.find_quantization("f16"), 200, 200, b, Workings::skipped);
    BenchmarkPoint point;
    point.label = fmt::format("{} at once", b);
    point.device.text = "cloud-h100";
    point.model.text = "llama-3.1-8b";
    point.quantization.text = "f16";
    point.input_tokens = point.output_tokens = 200;
    point.concurrency = b;
    point.decode_tokens_per_s = 1 / p.batch->step_s(b);
    f.points.push_back(point);
  }
  const Calibration cal = calibrate_ok(f, c, {});
  const BackendEntry& b = cal.devices.at(0).backend;
  CHECK(b.bandwidth_efficiency == Approx(0.4).epsilon(1e-9));
  CHECK(b.call_overhead_s == Approx(3e-4).epsilon(1e-9));
  CHECK(b.token_overhead_s == made.token_overhead_s);
  CHECK(cal.decode.after.worst < 1e-9);
  CHECK(cal.devices[0].decode_method.find("step cost of each further call fitted to 2 batched decode runs at 8 to 40") !=
        std::string::npos);
  // The overlay carries it, and --catalog reads it back.
  const std::string yaml = catalog_yaml(cal.overlay);
  CHECK(yaml.find("\n    call_overhead: ") != std::string::npos);  // in seconds at full precision: read back below
  Catalog merged = c;
  Diagnostics d("overlay.yaml");
  REQUIRE(merge_catalog_text(yaml, SourceFormat::yaml, merged, d));
  CHECK(merged.find_backend("calibrated-cloud-h100")->call_overhead_s == Approx(3e-4).epsilon(1e-12));
}
