// The TinyML predictor: a part's MAC rate by runtime (measured, clock x MACs per cycle, or a
// tenth of the int8 peak), the fit behind the catalog's rates, and its error on MLPerf Tiny.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/domain/measurements.hpp>
#include <edgecalc/model/predictor.hpp>
#include <edgecalc/model/validate.hpp>

#include "fixture.hpp"
#include "model/backend_fit.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

namespace {

HardwareEntry part(double ram) {
  HardwareEntry h;
  h.id = "mcu";
  h.backend = "mcu";
  h.ram_bytes = ram;
  h.bandwidth_bytes_per_s = 1e9;
  return h;
}

}  // namespace

TEST_CASE("TinyML prediction by hand", "[predictor]") {
  HardwareEntry mcu = part(512e3);
  mcu.reserved_bytes = 96e3;
  mcu.flash_bytes = 8e6;
  mcu.mac_rate = 200e6;
  const TinyModelEntry kws{"kws", "kws", 24e3, 53e3, 2.7e6, "s", "2024-10"};
  const Prediction p = predict_tinyml(mcu, kws);
  CHECK(p.call_latency_s == Approx(2.7e6 / 200e6));  // 13.5 ms
  CHECK(p.memory_available_bytes == 416e3);
  CHECK(p.fits_memory());
  TinyModelEntry big = kws;
  big.flash_bytes = 9e6;  // more flash than the part has
  CHECK_FALSE(predict_tinyml(mcu, big).fits_memory());
  big = kws;
  big.ram_bytes = 500e3;  // more than the 416 KB usable
  CHECK_FALSE(predict_tinyml(mcu, big).fits_memory());
}

TEST_CASE("a TinyML part's MAC rate by runtime, by hand", "[predictor]") {
  HardwareEntry mcu = part(640e3);
  mcu.int8_ops = 0.24e9;
  mcu.mac_rate = 66e6;
  mcu.clock_hz = 120e6;
  mcu.runtimes = {"x-cube-ai", "microtvm"};
  mcu.runtime = "x-cube-ai";
  BackendEntry be{"mcu", 0.5, 0, 0.1, 300e6, 1, "", "s", "2026-12"};
  be.runtimes = {{"x-cube-ai", 0.6, "s"}, {"microtvm", 0.24, "s"}, {"other-vendor", 1.0, "s"}};
  // The runtime its rate was measured with, asked or by default: the measured rate.
  CHECK(tinyml_mac_rate(mcu, &be).macs_per_s == 66e6);
  CHECK(tinyml_mac_rate(mcu, &be).runtime == "x-cube-ai");
  CHECK(tinyml_mac_rate(mcu, &be, "x-cube-ai").how == "measured with x-cube-ai");
  // Another runtime: 120 MHz x 0.24 MACs/cycle = 28.8M MACs/s; KWS: 2.7M / 28.8M = 93.75 ms.
  CHECK(tinyml_mac_rate(mcu, &be, "microtvm").macs_per_s == Approx(28.8e6));
  const TinyModelEntry kws{"kws", "kws", 24e3, 53e3, 2.7e6, "s", "2024-10"};
  const Prediction p = predict_tinyml(mcu, kws, &be, "microtvm");
  CHECK(p.call_latency_s == Approx(0.09375));
  CHECK(*p.runtime_id == "microtvm");
  CHECK(*p.macs_per_second == Approx(28.8e6));
  // A runtime of the backend the part does not run is never used: a tenth of the int8 peak,
  // 0.24 GOPS / 2 x 0.1 = 12M MACs/s (profiles reject it before this).
  CHECK(tinyml_mac_rate(mcu, &be, "other-vendor").macs_per_s == Approx(12e6));
  // A measured rate but no clock: scaled by the runtimes' ratio, 66M x 0.24 / 0.6 = 26.4M.
  mcu.clock_hz.reset();
  CHECK(tinyml_mac_rate(mcu, &be, "microtvm").macs_per_s == Approx(26.4e6));
  // A rate for the part's own kernels (no `runtime`): used unless a runtime is asked.
  mcu.clock_hz = 120e6;
  mcu.runtime.reset();
  mcu.mac_rate = 200e6;
  CHECK(tinyml_mac_rate(mcu, &be).macs_per_s == 200e6);
  CHECK(tinyml_mac_rate(mcu, &be).how == "its catalog mac_rate, for its own kernels");
  CHECK(tinyml_mac_rate(mcu, &be).runtime.empty());
  CHECK(tinyml_mac_rate(mcu, &be, "x-cube-ai").macs_per_s == Approx(72e6));  // 120 MHz x 0.6
  // No rate at all: the first runtime it runs, 120 MHz x 0.6 = 72M MACs/s.
  mcu.mac_rate.reset();
  CHECK(tinyml_mac_rate(mcu, &be).macs_per_s == Approx(72e6));
  CHECK(tinyml_mac_rate(mcu, &be).runtime == "x-cube-ai");
  // Neither clock nor rate: a tenth of the int8 peak.
  mcu.clock_hz.reset();
  CHECK(tinyml_mac_rate(mcu, &be).macs_per_s == Approx(12e6));
  CHECK(tinyml_mac_rate(mcu, &be).how == "a tenth of the int8 peak");
}

TEST_CASE("MACs per cycle fitted by hand", "[predictor]") {
  // u/m = 2 and 4: k = (2 + 4) / (4 + 16) = 0.3, the least relative squared error.
  const TinyPoint a{"a", "rt", 20, 10}, b{"b", "rt", 40, 10};
  CHECK(*fit_macs_per_cycle({&a, &b}) == Approx(0.3));
  CHECK_FALSE(fit_macs_per_cycle({}).has_value());
}

TEST_CASE("the catalog's MCU rates are the fits to its MLPerf Tiny runs", "[predictor][accuracy]") {
  const Catalog& c = builtin_catalog();
  const Validation v = validate_predictor(c, builtin_measurements());
  const BackendEntry& mcu = *c.find_backend("mcu");
  std::size_t checked = 0;
  for (const BackendFit& f : v.fits)
    for (const RuntimeFit& r : f.runtimes) {
      INFO(f.backend << " " << r.runtime);
      REQUIRE(c.find_backend(f.backend)->runtime(r.runtime));
      CHECK(c.find_backend(f.backend)->runtime(r.runtime)->macs_per_cycle == Approx(r.macs_per_cycle).epsilon(0.005));
      ++checked;
    }
  CHECK(checked == mcu.runtimes.size());
  // Each measured part's mac_rate: the runs with the runtime it names, rate = clock x their fit.
  for (const char* id : {"stm32l4", "stm32u5", "stm32u3"}) {
    const HardwareEntry& hw = *c.find_hardware(id);
    std::vector<TinyPoint> points;
    for (const TinyMeasurement& m : builtin_measurements().tinyml)
      if (m.hardware == id && m.runtime == *hw.runtime)
        points.push_back(TinyPoint{id, m.runtime, *hw.clock_hz / c.find_tinyml(m.model)->macs, m.inferences_per_s});
    std::vector<const TinyPoint*> ptrs;
    for (const TinyPoint& p : points) ptrs.push_back(&p);
    INFO(id);
    REQUIRE(points.size() == 4);
    CHECK(*hw.mac_rate == Approx(*fit_macs_per_cycle(ptrs) * *hw.clock_hz).epsilon(0.005));
  }
}

TEST_CASE("TinyML predictor accuracy on public MLPerf Tiny results", "[predictor][accuracy]") {
  const Catalog& c = builtin_catalog();
  std::vector<double> errors;
  for (const TinyMeasurement& m : builtin_measurements().tinyml) {
    INFO(m.hardware << " " << m.model << " " << m.runtime);
    REQUIRE_FALSE(m.source.empty());
    const HardwareEntry* hw = c.find_hardware(m.hardware);
    const TinyModelEntry* model = c.find_tinyml(m.model);
    REQUIRE(hw);
    REQUIRE(model);
    const Prediction p = predict_tinyml(*hw, *model, c.find_backend(hw->backend), m.runtime);
    errors.push_back(std::abs(p.calls_per_second_capacity / m.inferences_per_s - 1));
  }
  std::sort(errors.begin(), errors.end());
  const double median = (errors[errors.size() / 2 - 1] + errors[errors.size() / 2]) / 2;
  WARN(fmt::format("tinyml: {} measurements, median error {:.1f}%, worst {:.1f}%", errors.size(), 100 * median,
                   100 * errors.back()));
  CHECK(errors.size() == 16);
  CHECK(median < 0.20);
}

namespace {

// The fixture profile on a catalog MCU running the MLPerf Tiny keyword spotter, `edge_extra`
// added under edge: (line 16 on).
std::string kws_on(const std::string& hardware, const std::string& edge_extra = "") {
  return replaced(replaced(k_valid_yaml, "  unit_cost: $4\n  inference_time: 8ms\n", "  hardware: " + hardware + "\n" + edge_extra),
                  "  latency_budget: 100ms\n", "  latency_budget: 100ms\n  model: kws-dscnn\n");
}

}  // namespace

TEST_CASE("edge.runtime picks the TinyML runtime the predictor uses", "[predictor][profile]") {
  const Catalog& c = builtin_catalog();
  const double macs = c.find_tinyml("kws-dscnn")->macs;
  // Unwritten: the runtime stm32l4's rate was measured with, shown among the catalog values.
  const auto loaded = [](const std::string& text) {
    Loaded out = load(text);
    if (!out.profile) throw std::runtime_error(out.errors);
    return *out.profile;
  };
  Profile p = loaded(kws_on("stm32l4"));
  REQUIRE(p.predictor);
  CHECK(p.predictor->runtime == "x-cube-ai");
  CHECK(std::any_of(p.catalog_values.begin(), p.catalog_values.end(),
                    [](const CatalogValue& v) { return v.field == "edge.runtime" && v.value == "x-cube-ai"; }));
  CHECK(predict(p)->call_latency_s == Approx(macs / *c.find_hardware("stm32l4")->mac_rate));
  // Written: 120 MHz x the runtime's MACs per cycle.
  p = loaded(kws_on("stm32l4", "  runtime: microtvm-cmsis-nn\n"));
  const double mpc = c.find_backend("mcu")->runtime("microtvm-cmsis-nn")->macs_per_cycle;
  CHECK(predict(p)->call_latency_s == Approx(macs / (120e6 * mpc)));
  CHECK(*predict(p)->runtime_id == "microtvm-cmsis-nn");
  // esp32-s3's rate is for Espressif's own kernels: no runtime, none shown.
  p = loaded(kws_on("esp32-s3"));
  CHECK(p.predictor->runtime.empty());
  CHECK_FALSE(predict(p)->runtime_id.has_value());
}

TEST_CASE("a bad edge.runtime names what is wrong", "[predictor][profile]") {
  CHECK(errors_of(kws_on("stm32l4", "  runtime: tflm\n")) ==
        "p.yaml:18:12: error: unknown runtime for stm32l4 `tflm` in edge.runtime; closest: x-cube-ai, "
        "microtvm-cmsis-nn (edgecalc catalog show stm32l4 lists them)\n");
  CHECK(errors_of(kws_on("esp32-s3", "  runtime: x-cube-ai\n")) ==
        "p.yaml:18:12: error: edge.runtime: the catalog lists no TinyML runtime for esp32-s3, only its own mac_rate; "
        "remove edge.runtime, or write edge.inference_time from your runs\n");
  CHECK(errors_of(replaced(k_valid_yaml, "  unit_cost: $4\n", "  unit_cost: $4\n  runtime: x-cube-ai\n")) ==
        "p.yaml:17:12: error: edge.runtime chooses a TinyML runtime of the catalog hardware; name edge.hardware (e.g. "
        "hardware: stm32l4) or write edge.inference_time\n");
  const std::string llm = replaced(kws_on("rpi5-8gb", "  runtime: x-cube-ai\n"), "model: kws-dscnn",
                                   "model: llama-3.2-1b\n  tokens: {input: 100, output: 50}");
  CHECK(errors_of(llm) == "p.yaml:19:12: error: edge.runtime chooses a TinyML runtime; workload.model llama-3.2-1b is "
                          "an LLM, run by backend cpu-arm\n");
  CHECK(errors_of(replaced(k_valid_yaml, "  unit_cost: $4\n", "  hardware: stm32l4\n  runtime: x-cube-ai\n")) ==
        "p.yaml:17:12: error: edge.runtime chooses the runtime of a TinyML model; name one in workload.model (e.g. "
        "model: kws-dscnn)\n");
}
