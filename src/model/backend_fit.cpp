#include "model/backend_fit.hpp"

#include <algorithm>

namespace edgecalc {

BackendEntry ideal(const BackendEntry& b) {
  BackendEntry i = b;
  i.bandwidth_efficiency = 1;
  i.token_overhead_s = 0;
  i.call_overhead_s = 0;
  i.prefill_efficiency = 1;
  return i;
}

// Least squares on relative error: t_pred = x / efficiency + overhead; with a = 1 / efficiency,
// minimise sum((a x + c) / t - 1)^2 subject to a >= 1 (no more than the bandwidth) and c >= 0.
std::optional<DecodeFit> fit_decode(const std::vector<const DecodePoint*>& points) {
  if (points.size() < 2) return std::nullopt;
  double uu = 0, uv = 0, vv = 0, u1 = 0, v1 = 0;
  for (const DecodePoint* p : points) {
    const double u = p->x / p->t, v = 1 / p->t;
    uu += u * u, uv += u * v, vv += v * v, u1 += u, v1 += v;
  }
  const double det = uu * vv - uv * uv;
  double a = det > 1e-12 * uu * vv ? (u1 * vv - v1 * uv) / det : u1 / uu;
  double c = det > 1e-12 * uu * vv ? (uu * v1 - uv * u1) / det : 0;
  if (c < 0) {
    c = 0;
    a = u1 / uu;
  }
  if (a < 1) {
    a = 1;
    c = std::max(0.0, (v1 - uv) / vv);
  }
  return DecodeFit{1 / a, c};
}

// With u = x / t, w = (batch - 1) / t, r = 1 - overhead / t: minimise sum(a u + c w - r)^2.
std::optional<BatchedFit> fit_batched_decode(const std::vector<const DecodePoint*>& points, double overhead_s,
                                             std::optional<double> efficiency) {
  if (points.size() < 2) return std::nullopt;
  double uu = 0, uw = 0, ww = 0, ur = 0, wr = 0;
  for (const DecodePoint* p : points) {
    const double u = p->x / p->t, w = std::max(0.0, p->batch - 1) / p->t, r = 1 - overhead_s / p->t;
    uu += u * u, uw += u * w, ww += w * w, ur += u * r, wr += w * r;
  }
  const auto c_given = [&](double a) { return ww > 0 ? std::max(0.0, (wr - a * uw) / ww) : 0.0; };
  if (efficiency) return BatchedFit{*efficiency, c_given(1 / *efficiency)};
  const double det = uu * ww - uw * uw;
  double a = det > 1e-12 * uu * ww ? (ur * ww - wr * uw) / det : ur / uu;
  double c = det > 1e-12 * uu * ww ? (uu * wr - uw * ur) / det : 0;
  if (c < 0) c = 0, a = ur / uu;
  if (a < 1) a = 1, c = c_given(1);
  return BatchedFit{1 / a, c};
}

// minimise sum((a + k c) / m - 1)^2: d/dc = 0 gives c = sum (k/m)(1 - a/m) / sum (k/m)^2.
std::optional<double> fit_call_overhead(const std::vector<const StepCostPoint*>& points) {
  double num = 0, den = 0;
  for (const StepCostPoint* p : points) {
    const double u = p->k / p->m;
    num += u * (1 - p->a / p->m);
    den += u * u;
  }
  if (den <= 0) return std::nullopt;
  return std::max(0.0, num / den);
}

// prefill_pred = efficiency x k: minimise sum(e k / p - 1)^2, e in (0, 1].
namespace {

// predicted = k x unit prediction, ratios r = unit prediction / measured: minimising
// sum(k r - 1)^2 gives k = sum r / sum r^2. Nullopt without ratios.
template <class Point, class Ratio>
std::optional<double> scale_fit(const std::vector<const Point*>& points, Ratio ratio) {
  double s1 = 0, s2 = 0;
  for (const Point* p : points) {
    const double r = ratio(*p);
    s1 += r, s2 += r * r;
  }
  if (s2 <= 0) return std::nullopt;
  return s1 / s2;
}

}  // namespace

std::optional<double> fit_prefill(const std::vector<const PrefillPoint*>& points) {
  const auto e = scale_fit(points, [](const PrefillPoint& p) { return p.k / p.p; });
  return e ? std::optional(std::min(1.0, *e)) : std::nullopt;
}

std::optional<double> fit_macs_per_cycle(const std::vector<const TinyPoint*>& points) {
  return scale_fit(points, [](const TinyPoint& p) { return p.u / p.m; });
}

ErrorSummary summarize_errors(const std::vector<double>& errors) {
  ErrorSummary s;
  s.count = errors.size();
  if (errors.empty()) return s;
  std::vector<double> v = errors;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  s.median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  s.worst = v.back();
  return s;
}

}  // namespace edgecalc
