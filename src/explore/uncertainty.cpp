// The Monte Carlo: chunks of samples, each chunk's engine seeded from (seed, chunk index), run on
// as many threads as asked and merged in chunk order, so the result never depends on the threads.

#include <edgecalc/explore/uncertainty.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <numeric>
#include <random>
#include <thread>

#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <fmt/format.h>

#include <edgecalc/domain/rule_table.hpp>
#include <edgecalc/profile/fields.hpp>

#include "util/format.hpp"

namespace edgecalc {

namespace {

constexpr std::size_t k_chunk = 1000;       // samples per engine: the unit of work and of seeding
constexpr double k_z95 = 1.6448536269514722;  // the standard normal's 95th percentile

// SplitMix64: a chunk's seed from the run's seed and the chunk's index.
std::uint64_t chunk_seed(std::uint64_t seed, std::uint64_t chunk) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (chunk + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// A uniform in (0, 1) from 53 bits of the engine: never 0 or 1, so every quantile is finite.
double open_unit(std::mt19937_64& engine) { return (static_cast<double>(engine() >> 11) + 0.5) * 0x1.0p-53; }

const boost::math::normal_distribution<double> k_std_normal(0, 1);

double quantile_of(const UncertainValue& u, double p) {
  using namespace boost::math;
  switch (u.dist) {
    case Distribution::lognormal: {
      const double mu = (std::log(u.low) + std::log(u.high)) / 2;
      const double sigma = (std::log(u.high) - std::log(u.low)) / (2 * k_z95);
      return quantile(lognormal_distribution<double>(mu, sigma), p);
    }
    case Distribution::normal:
      return quantile(normal_distribution<double>((u.low + u.high) / 2, (u.high - u.low) / (2 * k_z95)), p);
    case Distribution::uniform: return quantile(uniform_distribution<double>(u.low, u.high), p);
    case Distribution::triangular:
      return quantile(triangular_distribution<double>(u.low, u.mode.value_or((u.low + u.high) / 2), u.high), p);
  }
  return u.median();
}

// The rule table's ids, in order; a rule's place is its bit in Draw::blocked.
const std::vector<std::string>& rule_table_ids() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out = rule_ids();
    if (out.size() > 64) throw std::logic_error("Draw::blocked holds 64 rules");
    return out;
  }();
  return ids;
}

std::size_t rule_index(std::string_view id) {
  const std::vector<std::string>& ids = rule_table_ids();
  return static_cast<std::size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin());
}

// What one sample keeps.
struct Draw {
  std::vector<double> inputs;
  std::optional<Option> choice;
  std::array<bool, 3> feasible{}, applicable{};
  std::array<double, 3> total{}, monthly{};
  std::array<std::optional<double>, 3> per_1k{}, break_even{};
  std::array<std::uint64_t, 3> blocked{};  // bit i: rule_list()[i] blocks the option
  double margin = 0;
};

struct Sampler {
  const Profile& input;
  std::vector<const NumericField*> fields;
  std::vector<FieldLimits> limits;
  std::vector<double> factor;  // the copula's Cholesky factor, n x n (empty: independent)
  std::optional<Option> verdict, compared;

  void run_chunk(std::size_t chunk, std::size_t count, std::uint64_t seed, Draw* out) const {
    std::mt19937_64 engine(chunk_seed(seed, chunk));
    Profile probe = input, scratch;
    const std::size_t n = fields.size();
    std::vector<double> z(n), u(n);
    for (std::size_t s = 0; s < count; ++s) {
      for (std::size_t i = 0; i < n; ++i) u[i] = open_unit(engine);
      if (!factor.empty()) {
        for (std::size_t i = 0; i < n; ++i) z[i] = quantile(k_std_normal, u[i]);
        for (std::size_t i = 0; i < n; ++i) {
          double x = 0;
          for (std::size_t k = 0; k <= i; ++k) x += factor[i * n + k] * z[k];
          u[i] = std::clamp(cdf(k_std_normal, x), 0x1.0p-53, 1 - 0x1.0p-53);
        }
      }
      Draw& d = out[s];
      d.inputs.resize(n);
      for (std::size_t i = 0; i < n; ++i) {
        double x = std::clamp(quantile_of(input.uncertain[i], u[i]), limits[i].low, limits[i].high);
        if (limits[i].low_exclusive && x <= limits[i].low) x = std::nextafter(limits[i].low, limits[i].high);
        if (fields[i]->whole()) x = std::max(std::round(x), limits[i].low_exclusive ? std::floor(limits[i].low) + 1 : std::ceil(limits[i].low));
        d.inputs[i] = x;
        set_field(probe, *fields[i], x);
      }
      const Outcome o = outcome_of(probe, scratch);
      d.choice = o.choice;
      for (Option opt : k_all_options) {
        const std::size_t k = option_index(opt);
        d.applicable[k] = o.applicable[k];
        d.feasible[k] = o.applicable[k] && o.blocked_by[k].empty();
        d.total[k] = o.total[k];
        d.monthly[k] = o.monthly[k];
        d.per_1k[k] = o.per_1k_calls[k];
        d.break_even[k] = o.break_even_month[k];
        for (const std::string& id : o.blocked_by[k]) d.blocked[k] |= std::uint64_t{1} << rule_index(id);
      }
      if (verdict && compared) d.margin = o.total[option_index(*verdict)] - o.total[option_index(*compared)];
    }
  }
};

// Quantiles by linear interpolation between order statistics (R's type 7), found by selection:
// `qs` in increasing order, each selecting in what lies above the one before (the values end up
// partitioned, not sorted).
std::array<double, 5> percentiles(std::vector<double>& v, const std::array<double, 5>& qs) {
  std::array<double, 5> out{};
  auto from = v.begin();
  for (std::size_t i = 0; i < qs.size(); ++i) {
    const double h = (static_cast<double>(v.size()) - 1) * qs[i];
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const auto at = v.begin() + static_cast<std::ptrdiff_t>(lo);
    std::nth_element(from, at, v.end());
    const double next = lo + 1 < v.size() ? *std::min_element(at + 1, v.end()) : *at;
    out[i] = *at + (h - static_cast<double>(lo)) * (next - *at);
    from = at;
  }
  return out;
}

std::optional<Percentiles> percentiles_of(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  Percentiles p;
  p.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  const auto q = percentiles(v, {0.05, 0.10, 0.50, 0.90, 0.95});
  p.p5 = q[0], p.p10 = q[1], p.p50 = q[2], p.p90 = q[3], p.p95 = q[4];
  return p;
}

// Ranks 1..n, ties sharing their average rank.
std::vector<double> ranks(const std::vector<double>& v) {
  std::vector<std::pair<double, std::size_t>> order(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) order[i] = {v[i], i};
  std::sort(order.begin(), order.end());  // ties share a rank below, so their order does not matter
  std::vector<double> r(v.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && order[j + 1].first == order[i].first) ++j;
    const double average = (static_cast<double>(i + j) / 2) + 1;
    for (std::size_t k = i; k <= j; ++k) r[order[k].second] = average;
    i = j + 1;
  }
  return r;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n, my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my), sxx += (x[i] - mx) * (x[i] - mx), syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}

CostHistogram histogram_of(const std::vector<Draw>& draws) {
  CostHistogram h;
  std::array<std::vector<double>, 3> totals;
  for (const Draw& d : draws)
    for (std::size_t k = 0; k < 3; ++k)
      if (d.applicable[k]) totals[k].push_back(d.total[k]);
  bool any = false;
  for (auto& t : totals) {
    if (t.empty()) continue;
    const auto q = percentiles(t, {0.005, 0.5, 0.5, 0.5, 0.995});
    h.low = any ? std::min(h.low, q[0]) : q[0];
    h.high = any ? std::max(h.high, q[4]) : q[4];
    any = true;
  }
  if (!any) return h;
  if (!(h.high > h.low)) h.high = h.low + 1;  // every sample the same: one narrow bin holds them
  h.log = h.low > 0 && h.high > 4 * h.low;
  const auto position = [&](double v) {  // 0..1 along the axis
    return h.log ? std::log(std::max(v, h.low) / h.low) / std::log(h.high / h.low) : (v - h.low) / (h.high - h.low);
  };
  for (std::size_t k = 0; k < 3; ++k) {
    if (totals[k].empty()) continue;
    h.counts[k].assign(k_histogram_bins, 0);
    for (const double v : totals[k]) {
      const double at = position(v) * static_cast<double>(k_histogram_bins);
      ++h.counts[k][static_cast<std::size_t>(std::clamp(at, 0.0, static_cast<double>(k_histogram_bins - 1)))];
    }
  }
  return h;
}

void summarise(const std::vector<Draw>& draws, UncertaintyAnalysis& a) {
  a.histogram = histogram_of(draws);
  const double n = static_cast<double>(draws.size());
  std::size_t none = 0;
  for (const Draw& d : draws) none += d.choice ? 0 : 1;
  a.none_share = static_cast<double>(none) / n;
  for (Option opt : k_all_options) {
    const std::size_t k = option_index(opt);
    OptionUncertainty& o = a.options[k];
    std::size_t wins = 0, feasible = 0, never = 0;
    std::array<std::size_t, 64> blocks{};
    std::vector<double> total, monthly, per_1k, be;
    for (const Draw& d : draws) {
      wins += d.choice == opt ? 1 : 0;
      feasible += d.feasible[k] ? 1 : 0;
      for (std::size_t r = 0; r < blocks.size(); ++r) blocks[r] += (d.blocked[k] >> r) & 1;
      if (!d.applicable[k]) continue;
      o.applicable = true;
      total.push_back(d.total[k]);
      monthly.push_back(d.monthly[k]);
      if (d.per_1k[k]) per_1k.push_back(*d.per_1k[k]);
      if (opt != Option::cloud) (d.break_even[k] ? be.push_back(*d.break_even[k]) : void(++never));
    }
    o.p_verdict = static_cast<double>(wins) / n;
    o.p_verdict_se = std::sqrt(o.p_verdict * (1 - o.p_verdict) / n);
    o.p_feasible = static_cast<double>(feasible) / n;
    for (std::size_t r = 0; r < blocks.size(); ++r)
      if (blocks[r] > 0) o.blocked_share.emplace_back(rule_table_ids()[r], static_cast<double>(blocks[r]) / n);
    std::sort(o.blocked_share.begin(), o.blocked_share.end());  // by rule id, as before
    o.total = percentiles_of(std::move(total));
    o.monthly = percentiles_of(std::move(monthly));
    o.per_1k_calls = percentiles_of(std::move(per_1k));
    if (opt != Option::cloud && o.applicable) {
      o.never_share = static_cast<double>(never) / static_cast<double>(be.size() + never);
      o.break_even_month = percentiles_of(std::move(be));
    }
  }
  if (!a.verdict || !a.compared) return;
  std::vector<double> margin;
  for (const Draw& d : draws) margin.push_back(d.margin);
  const std::vector<double> margin_ranks = ranks(margin);
  for (std::size_t i = 0; i < a.inputs.size(); ++i) {
    std::vector<double> x;
    for (const Draw& d : draws) x.push_back(d.inputs[i]);
    a.drivers.push_back(Driver{a.inputs[i].field, pearson(ranks(x), margin_ranks)});
  }
  std::stable_sort(a.drivers.begin(), a.drivers.end(), [](const Driver& x, const Driver& y) {
    return std::abs(x.rank_correlation) > std::abs(y.rank_correlation);
  });
}

}  // namespace

UncertaintyAnalysis analyse_uncertainty(const Profile& input, const UncertaintyOptions& options) {
  UncertaintyAnalysis a;
  a.samples = options.samples;
  a.seed = options.seed;
  a.inputs = input.uncertain;
  const Outcome point = outcome_of(input);
  a.verdict = point.choice;
  a.compared = point.runner_up;
  if (!a.compared && a.verdict)
    for (Option o : k_all_options)
      if (o != *a.verdict && point.applicable[option_index(o)] &&
          (!a.compared || point.total[option_index(o)] < point.total[option_index(*a.compared)]))
        a.compared = o;
  Sampler sampler{input, {}, {}, {}, a.verdict, a.compared};
  std::vector<std::string> names;
  for (const UncertainValue& u : input.uncertain) {
    sampler.fields.push_back(find_numeric_field(u.field));
    sampler.limits.push_back(sampler.fields.back()->limits(input));
    names.push_back(u.field);
  }
  if (!input.correlations.empty()) sampler.factor = copula_factor(names, input.correlations).value_or(std::vector<double>{});
  std::vector<Draw> draws(options.samples);
  const std::size_t chunks = (options.samples + k_chunk - 1) / k_chunk;
  const unsigned threads = std::max(1u, std::min<unsigned>(options.threads ? options.threads : std::thread::hardware_concurrency(),
                                                           static_cast<unsigned>(chunks)));
  const auto work = [&](unsigned t) {
    for (std::size_t c = t; c < chunks; c += threads)
      sampler.run_chunk(c, std::min(k_chunk, options.samples - c * k_chunk), options.seed, draws.data() + c * k_chunk);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (std::thread& t : pool) t.join();
  summarise(draws, a);
  return a;
}

GateResult confidence_gate(const UncertaintyAnalysis& a, const MoneyLimit& limit, std::optional<Option> required) {
  GateResult g;
  g.name = "min_confidence";
  g.field = "budget.min_confidence";
  g.level = limit.level;
  g.limit = limit.limit;
  const std::optional<Option> option = required ? required : a.verdict;
  if (!option) {
    g.status = GateStatus::skipped;
    g.message = "min_confidence: not checked, no option is viable at the median";
    return g;
  }
  const double p = a.options[option_index(*option)].p_verdict;
  g.actual = p;
  g.margin = (p - limit.limit) / limit.limit;
  const bool broken = p < limit.limit;
  if (broken) g.status = limit.level == GateLevel::warn ? GateStatus::warn : GateStatus::fail;
  g.message = fmt::format("min_confidence: {} wins in {} of {} samples, {} the {} asked for", to_string(*option),
                          format_percent(p), format_count(static_cast<double>(a.samples)), broken ? "below" : "at least",
                          format_percent(limit.limit));
  return g;
}

}  // namespace edgecalc
