#pragma once

// The predictor against every measurement shipped with edgecalc (`edgecalc validate`,
// docs/predictor.md "Validation"): in-sample with the constants as shipped, and leave one device
// out, each backend's constants refitted without the device being predicted.

#include <optional>
#include <string>
#include <vector>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/domain/measurements.hpp>

namespace edgecalc {

struct ValidationRow {
  std::string hardware, model, detail, source, date;  // detail: quantization, batch size
  double measured = 0;
  double predicted = 0;                          // with the catalog's constants
  std::optional<double> predicted_leave_one_out;  // refitted without this row's device
};

struct ErrorSummary {
  double median = 0, worst = 0;  // |predicted / measured - 1|
  std::size_t count = 0;
};

struct ValidationKind {
  std::string kind;  // decode, prefill, batched, energy, tinyml, tinyml-energy
  std::string unit;  // of measured and predicted
  std::vector<ValidationRow> rows;
  ErrorSummary in_sample, leave_one_out;
};

// A TinyML runtime's MACs per cycle fitted to every run of it on parts with a clock.
struct RuntimeFit {
  std::string runtime;
  double macs_per_cycle = 0;
  std::size_t points = 0;
};

// A backend's constants fitted to all its measurements (what data/hardware.yaml should hold).
struct BackendFit {
  std::string backend;
  std::optional<double> bandwidth_efficiency, token_overhead_s;  // from decode
  std::optional<double> prefill_efficiency;                      // from prefill
  std::optional<double> call_overhead_s;                         // from batched serving
  std::size_t decode_points = 0, prefill_points = 0, batched_points = 0;
  std::vector<RuntimeFit> runtimes;                              // TinyML, from MLPerf Tiny
};

struct Validation {
  std::vector<ValidationKind> kinds;
  std::vector<BackendFit> fits;
};

Validation validate_predictor(const Catalog& catalog, const Measurements& measurements);

}  // namespace edgecalc
