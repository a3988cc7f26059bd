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

#include "model/backend_fit.hpp"

using namespace edgecalc;

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
  BackendEntry be{"mcu", 0.5, 0, 0.1, 300e6, 1, "", "s", "2026-12"};
  be.runtimes = {{"x-cube-ai", 0.6, "s"}, {"microtvm", 0.24, "s"}};
  // The first runtime: the part's measured rate.
  CHECK(tinyml_mac_rate(mcu, &be).macs_per_s == 66e6);
  CHECK(tinyml_mac_rate(mcu, &be, "x-cube-ai").how == "measured");
  // Another runtime: 120 MHz x 0.24 MACs/cycle = 28.8M MACs/s; KWS: 2.7M / 28.8M = 93.75 ms.
  CHECK(tinyml_mac_rate(mcu, &be, "microtvm").macs_per_s == Approx(28.8e6));
  const TinyModelEntry kws{"kws", "kws", 24e3, 53e3, 2.7e6, "s", "2024-10"};
  CHECK(predict_tinyml(mcu, kws, &be, "microtvm").call_latency_s == Approx(0.09375));
  // No measured rate: 120 MHz x 0.6 = 72M MACs/s for the first runtime too.
  mcu.mac_rate.reset();
  CHECK(tinyml_mac_rate(mcu, &be).macs_per_s == Approx(72e6));
  // Neither clock nor rate: a tenth of the int8 peak, 0.24 GOPS / 2 x 0.1 = 12M MACs/s.
  mcu.clock_hz.reset();
  CHECK(tinyml_mac_rate(mcu, &be).macs_per_s == Approx(12e6));
  CHECK(tinyml_mac_rate(mcu, &be).how == "a tenth of the int8 peak");
  // A measured rate but no clock: scaled by the runtimes' ratio, 66M x 0.24 / 0.6 = 26.4M.
  mcu.mac_rate = 66e6;
  CHECK(tinyml_mac_rate(mcu, &be, "microtvm").macs_per_s == Approx(26.4e6));
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
  // Each measured part's mac_rate: its first-runtime runs alone, rate = clock x their fit.
  for (const char* id : {"stm32l4", "stm32u5", "stm32u3"}) {
    const HardwareEntry& hw = *c.find_hardware(id);
    std::vector<TinyPoint> points;
    for (const TinyMeasurement& m : builtin_measurements().tinyml)
      if (m.hardware == id && m.runtime == mcu.runtimes.front().id)
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
