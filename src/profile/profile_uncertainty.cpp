// The `uncertainty:` section: rank correlations between fields written as ranges, checked for
// consistency (a positive semi-definite matrix) where they are written.

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "profile/profile_reader.hpp"

namespace edgecalc {

std::optional<std::vector<double>> copula_factor(const std::vector<std::string>& fields,
                                                 const std::vector<RankCorrelation>& correlations) {
  const std::size_t n = fields.size();
  std::vector<double> m(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) m[i * n + i] = 1;
  const auto index = [&](const std::string& f) {
    return static_cast<std::size_t>(std::find(fields.begin(), fields.end(), f) - fields.begin());
  };
  for (const RankCorrelation& c : correlations) {
    const std::size_t i = index(c.a), j = index(c.b);
    if (i >= n || j >= n) continue;
    // Spearman's rho of a Gaussian copula is (6/pi) asin(r/2): the r that gives `rank`.
    const double r = 2 * std::sin(std::numbers::pi * c.rank / 6);
    m[i * n + j] = m[j * n + i] = r;
  }
  // Cholesky, tolerant of a singular (semi-definite) matrix: a zero pivot gives a zero column.
  std::vector<double> l(n * n, 0.0);
  constexpr double k_tolerance = 1e-10;
  for (std::size_t j = 0; j < n; ++j) {
    double d = m[j * n + j];
    for (std::size_t k = 0; k < j; ++k) d -= l[j * n + k] * l[j * n + k];
    if (d < -k_tolerance) return std::nullopt;
    const double pivot = d > k_tolerance ? std::sqrt(d) : 0;
    l[j * n + j] = pivot;
    for (std::size_t i = j + 1; i < n; ++i) {
      double s = m[i * n + j];
      for (std::size_t k = 0; k < j; ++k) s -= l[i * n + k] * l[j * n + k];
      if (pivot == 0) {
        if (std::abs(s) > 1e-8) return std::nullopt;  // a dependent row must agree with the rest
        continue;
      }
      l[i * n + j] = s / pivot;
    }
  }
  return l;
}

namespace detail {

void read_uncertainty(FieldReader r, Profile& p) {
  const MapEntry* e = r.entry("correlate");
  r.finish();
  if (!e) return;
  Diagnostics& diagnostics = r.context().diagnostics;
  if (e->value->kind != Node::Kind::sequence) {
    diagnostics.error(e->value->position, "uncertainty.correlate must be a list of [field, field, correlation], e.g. "
                                          "[[fleet.size, workload.calls, 0.6]]");
    return;
  }
  std::vector<std::string> ranged;
  for (const UncertainValue& u : p.uncertain) ranged.push_back(u.field);
  for (const NodePtr& item : e->value->items) {
    const bool triple = item->kind == Node::Kind::sequence && item->items.size() == 3 &&
                        std::all_of(item->items.begin(), item->items.end(),
                                    [](const NodePtr& x) { return x->kind == Node::Kind::scalar; });
    if (!triple) {
      diagnostics.error(item->position, "uncertainty.correlate: each entry is [field, field, correlation], e.g. "
                                        "[fleet.size, workload.calls, 0.6]");
      continue;
    }
    RankCorrelation c{item->items[0]->text, item->items[1]->text, 0, item->position};
    const Parsed rho = parse_number(item->items[2]->text);
    bool ok = true;
    // `--set workload.calls=150/day` pins a range to a value: its correlations go with it.
    const auto pinned = [&](const std::string& f) {
      const auto at = p.positions.find(f);
      return at != p.positions.end() && at->second.line == 0;
    };
    if (pinned(c.a) || pinned(c.b)) continue;
    for (std::size_t i = 0; i < 2; ++i) {
      const std::string& f = i == 0 ? c.a : c.b;
      if (std::find(ranged.begin(), ranged.end(), f) != ranged.end()) continue;
      const auto near = closest_match(f, ranged);
      diagnostics.error(item->items[i]->position,
                        near ? fmt::format("uncertainty.correlate: {} is not written as a range in this profile; did you "
                                           "mean {}?", f, *near)
                             : fmt::format("uncertainty.correlate: {} is not written as a range in this profile{}", f,
                                           ranged.empty() ? "" : fmt::format(" (ranges: {})", fmt::join(ranged, ", "))));
      ok = false;
    }
    if (ok && c.a == c.b) {
      diagnostics.error(item->items[1]->position, fmt::format("uncertainty.correlate: {} is correlated with itself", c.a));
      ok = false;
    }
    const auto same_pair = [&](const RankCorrelation& o) {
      return (o.a == c.a && o.b == c.b) || (o.a == c.b && o.b == c.a);
    };
    if (const auto twice = std::find_if(p.correlations.begin(), p.correlations.end(), same_pair);
        ok && twice != p.correlations.end()) {
      diagnostics.error(item->position, fmt::format("uncertainty.correlate: {} and {} are already correlated at line {}",
                                                    c.a, c.b, twice->at.line));
      ok = false;
    }
    if (!rho.ok() || rho.value < -1 || rho.value > 1) {
      diagnostics.error(item->items[2]->position,
                        fmt::format("uncertainty.correlate: the correlation must be a number from -1 to 1; got \"{}\"",
                                    item->items[2]->text));
      ok = false;
    }
    c.rank = rho.value;
    if (ok) p.correlations.push_back(std::move(c));
  }
  if (!p.correlations.empty() && !copula_factor(ranged, p.correlations))
    diagnostics.error(p.correlations.front().at,
                      "uncertainty.correlate: these correlations cannot hold together (their matrix is not positive "
                      "semi-definite); weaken one of them");
}

}  // namespace detail

}  // namespace edgecalc
