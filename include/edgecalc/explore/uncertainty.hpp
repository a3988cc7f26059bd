#pragma once

// Monte Carlo over the profile's ranges (docs/model.md, "Uncertain inputs"): every sample sets
// each uncertain field to a draw from its distribution and runs the same model and rules as a
// point evaluation; the result is how often each option wins and is feasible, percentiles of its
// costs, and which inputs drive the margin. Reproducible: a fixed engine (mt19937_64), Boost.Math
// quantile functions, and chunks seeded by their index, so the thread count changes nothing.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <edgecalc/decide/gates.hpp>
#include <edgecalc/explore/outcome.hpp>

namespace edgecalc {

inline constexpr std::uint64_t k_default_seed = 20261123;
inline constexpr std::size_t k_default_samples = 10000;
inline constexpr std::size_t k_max_samples = 10000000;

struct UncertaintyOptions {
  std::size_t samples = k_default_samples;
  std::uint64_t seed = k_default_seed;
  unsigned threads = 0;  // 0: every core
};

struct Percentiles {
  double mean = 0, p5 = 0, p10 = 0, p50 = 0, p90 = 0, p95 = 0;
};

struct OptionUncertainty {
  double p_verdict = 0, p_verdict_se = 0;
  double p_feasible = 0;
  std::vector<std::pair<std::string, double>> blocked_share;  // rule id -> share of samples it blocks this option in
  std::optional<Percentiles> total, monthly, per_1k_calls, break_even_month;  // nullopt: no values
  std::optional<double> never_share;  // break-even: share of samples that never break even (edge, hybrid)
  bool applicable = false;            // in some sample
};

struct Driver {
  std::string field;
  double rank_correlation = 0;  // with the verdict's total minus the runner-up's
};

// Each option's total cost across the samples, counted in bins on one axis for all options (from
// the lowest option's 0.5th percentile to the highest's 99.5th; values outside fall in the end
// bins). The bins are equal in log space when the axis spans more than 4x (costs above 0), else
// equal.
inline constexpr std::size_t k_histogram_bins = 30;
struct CostHistogram {
  double low = 0, high = 0;
  bool log = false;
  std::array<std::vector<std::size_t>, 3> counts;  // by option_index; empty for an option never priced
};

struct UncertaintyAnalysis {
  std::size_t samples = 0;
  std::uint64_t seed = 0;
  std::vector<UncertainValue> inputs;
  std::array<OptionUncertainty, 3> options;  // by option_index
  double none_share = 0;                     // samples where every option is ruled out
  std::optional<Option> verdict, compared;   // the point verdict and the option the margin is against
  std::vector<Driver> drivers;               // by |rank correlation|, largest first
  CostHistogram histogram;
};

// Samples `input` (validated, not yet evaluated; its `uncertain` fields at their medians, its
// correlations checked by the loader).
UncertaintyAnalysis analyse_uncertainty(const Profile& input, const UncertaintyOptions& options = {});

// The min_confidence gate: `option` (the require'd one, or the point verdict) must win in at
// least `limit` of the samples.
GateResult confidence_gate(const UncertaintyAnalysis& a, const MoneyLimit& limit, std::optional<Option> required);

}  // namespace edgecalc
