#pragma once

// Fitting a backend's predictor constants to measured rates (docs/predictor.md): what
// `edgecalc validate` refits leaving each device out and what `edgecalc calibrate` fits to a
// user's own runs.

#include <optional>
#include <string>
#include <vector>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/model/validate.hpp>

namespace edgecalc {

// One decode point: x = the time per token at 100% bandwidth efficiency and no overhead (bytes
// read per token / bandwidth, or one batched step's), t = the measured time per token.
struct DecodePoint {
  std::string hardware, backend;
  double x = 0, t = 0;
  double batch = 1;  // calls decoding at once
  bool fitted = true;  // false: a run whose batch varied, predicted only
};

// One prefill point: k = prefill tokens/s at 100% efficiency, p = measured.
struct PrefillPoint {
  std::string hardware, backend;
  double k = 0, p = 0;
};

struct DecodeFit {
  double efficiency = 1, overhead_s = 0;
};

// `backend` with 100% efficiencies and no overhead: what x and k above are computed with.
BackendEntry ideal(const BackendEntry& backend);

// Least squares on relative error: t_pred = x / efficiency + overhead, efficiency <= 1,
// overhead >= 0. Nullopt for fewer than two points.
std::optional<DecodeFit> fit_decode(const std::vector<const DecodePoint*>& points);

// Batched runs: t_pred = a x + overhead + c (batch - 1), the overhead given; least squares on
// relative error for a = 1 / efficiency >= 1 and the per-call step cost c >= 0, or for c alone
// when `efficiency` is given. Nullopt for fewer than two points.
struct BatchedFit {
  double efficiency = 1, call_overhead_s = 0;
};
std::optional<BatchedFit> fit_batched_decode(const std::vector<const DecodePoint*>& points, double overhead_s,
                                             std::optional<double> efficiency);

// One batched-serving point for the per-call step cost c: a closed loop of `batch` calls costs
// each call a + k c of the unit's time (prefill alone, then its share of the decode steps:
// a = prefill + output x step(c = 0) / batch, k = output x (batch - 1) / batch); m is what the
// measurement gives (output / output tokens/s).
struct StepCostPoint {
  std::string hardware, backend;
  double a = 0, k = 0, m = 0;
};

// Least squares on relative error: c = sum (k/m)(1 - a/m) / sum (k/m)^2, at least 0. Nullopt
// when no point has a batch above one.
std::optional<double> fit_call_overhead(const std::vector<const StepCostPoint*>& points);

// prefill_pred = efficiency x k: least squares on relative error, efficiency in (0, 1].
std::optional<double> fit_prefill(const std::vector<const PrefillPoint*>& points);

// One TinyML run for a runtime's MACs per cycle: u = inferences/s at one MAC per cycle (the
// part's clock / the model's MACs), m = measured inferences/s.
struct TinyPoint {
  std::string hardware, runtime;
  double u = 0, m = 0;
};

// inferences/s = macs_per_cycle x u: least squares on relative error, sum(u/m) / sum((u/m)^2).
// Nullopt without points.
std::optional<double> fit_macs_per_cycle(const std::vector<const TinyPoint*>& points);

// Median and worst of |errors| (already absolute fractions), and how many.
ErrorSummary summarize_errors(const std::vector<double>& errors);

}  // namespace edgecalc
