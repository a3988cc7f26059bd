#pragma once

// `edgecalc calibrate`: the predictor's backend constants refitted to a user's own benchmark
// runs, per device (docs/predictor.md, "Calibrating from your own runs"). The result is a
// catalog overlay: for each device measured, a backend `calibrated-<hardware>` and the device's
// hardware entry pointing at it, so `--catalog overlay.yaml` makes every profile naming the
// device use the constants its own runs give.

#include <optional>
#include <string>
#include <vector>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/load/benchmark.hpp>
#include <edgecalc/model/validate.hpp>

namespace edgecalc {

// Catalog ids the command line names for every run; "" takes the file's own names.
struct CalibrationChoice {
  std::string hardware, model, quantization;
};

struct CalibrationRow {
  std::string label, kind;  // kind: decode | prefill
  std::string hardware, model, quantization;
  double concurrency = 1;
  double measured = 0;  // tokens/s (per stream for decode)
  double before = 0;    // predicted with the catalog as given
  double after = 0;     // predicted with the calibrated backend (in-sample)
  std::optional<double> leave_one_out;  // refitted without this run (3+ decode runs, 2+ prefill)
};

struct CalibratedDevice {
  std::string hardware, base_backend;
  BackendEntry backend;   // the fitted constants, id calibrated-<hardware>
  std::string decode_method, prefill_method;  // how each was fitted, in a sentence
  std::size_t decode_points = 0, prefill_points = 0;
};

struct CalibrationErrors {
  ErrorSummary before, after, leave_one_out;
};

struct Calibration {
  std::string format;  // llama-bench, vllm, csv
  std::vector<CalibrationRow> rows;
  std::vector<CalibratedDevice> devices;
  Catalog overlay;  // hardware and backends only
  CalibrationErrors decode, prefill;
};

// Maps every run onto catalog ids (`choice` first, else the file's names: an exact id, or the
// longest catalog id the file's name contains once case and punctuation are dropped), fits each
// device's constants and predicts every run before and after. Returns nullopt after reporting a
// name the catalog lacks (at its position, with the closest ids and the flag that sets it).
// `source` names the file in the entries' sources; `date` is their date.
std::optional<Calibration> calibrate(const BenchmarkFile& file, const Catalog& catalog, const CalibrationChoice& choice,
                                     const std::string& source, const std::string& date, Diagnostics& diagnostics);

}  // namespace edgecalc
