// Switching values by a geometric scan outward from today's value, refined by bisection; the
// tornado's margins at two values per field. Every probe is a full decision (outcome_of) on a
// copy of the profile changed with set_field: rules switch, units step, options get blocked.

#include <edgecalc/explore/sensitivity.hpp>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "util/format.hpp"

namespace edgecalc {

namespace {

constexpr double k_step = 1.25;           // the scan's ratio between neighbouring probes
constexpr int k_linear_steps = 40;        // a field at 0 with a bounded range: probes across it
constexpr double k_precision = 1e-9;      // bisection stops at this relative width

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::vector<std::string> minus(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const std::string& x : a)
    if (std::find(b.begin(), b.end(), x) == b.end()) out.push_back(x);
  return out;
}

// Why the verdict differs between `before` (today's side) and `after`.
std::string reason_for(const Outcome& before, const Outcome& after) {
  std::vector<std::string> parts;
  for (Option o : k_all_options) {
    const std::size_t i = option_index(o);
    if (before.applicable[i] != after.applicable[i])
      parts.push_back(fmt::format("{} {}", to_string(o), after.applicable[i] ? "becomes applicable" : "stops applying"));
    if (const auto added = minus(after.blocked_by[i], before.blocked_by[i]); !added.empty())
      parts.push_back(fmt::format("{} becomes blocked by {}", to_string(o), join(added, ", ")));
    if (const auto removed = minus(before.blocked_by[i], after.blocked_by[i]); !removed.empty())
      parts.push_back(fmt::format("{} is no longer blocked by {}", to_string(o), join(removed, ", ")));
  }
  if (parts.empty() && after.choice && before.choice) {
    const Option a = *after.choice, b = *before.choice;
    if (after.total[option_index(a)] <= after.total[option_index(b)])
      parts.push_back(fmt::format("{}'s total falls below {}'s", to_string(a), to_string(b)));
    else
      parts.push_back(fmt::format("{} and {} come within close_call of each other and the soft signals favour {}",
                                  to_string(a), to_string(b), to_string(a)));
  }
  return join(parts, "; ");
}

struct Search {
  const Profile& input;
  const NumericField& field;
  const Outcome& base;
  long& evaluations;
  Profile probe;
  FieldLimits limits;

  Search(const Profile& in, const NumericField& f, const Outcome& b, long& evals)
      : input(in), field(f), base(b), evaluations(evals), probe(in), limits(f.limits(in)) {}

  Outcome at(double x) {
    set_field(probe, field, x);
    ++evaluations;
    return outcome_of(probe);
  }
  bool allowed(double x) const { return limits.low_exclusive ? x > limits.low : x >= limits.low; }
  // `x` moved inside the field's limits (and to a whole number for counts).
  double clamp(double x) const {
    x = std::min(std::max(x, limits.low), limits.high);
    if (field.whole()) x = std::round(x);
    if (!allowed(x)) x = field.whole() ? std::floor(limits.low) + 1 : std::nextafter(limits.low, limits.high);
    return x;
  }

  // `inside` has today's verdict, `outside` another: narrows them to adjacent values.
  // Linear (from 0) brackets stop at a width relative to the range searched, `scale`.
  SwitchPoint refine(double inside, double outside, Outcome out, bool geometric, double scale = 0) {
    Outcome in = base;
    for (int i = 0; i < 200; ++i) {
      const double width = std::abs(outside - inside);
      const double size = geometric ? std::max(std::abs(inside), std::abs(outside)) : scale;
      if (field.whole() ? width <= 1 : width <= k_precision * size) break;
      double mid = geometric ? std::sqrt(inside * outside) : (inside + outside) / 2;
      if (field.whole()) mid = std::round(mid);
      if (mid == inside || mid == outside) break;
      Outcome m = at(mid);
      if (m.choice == base.choice) {
        inside = mid;
        in = std::move(m);
      } else {
        outside = mid;
        out = std::move(m);
      }
    }
    return SwitchPoint{outside, out.choice, reason_for(in, out)};
  }

  // The nearest switch from `from` in the direction of `to` (a probe ratio > 1 up, < 1 down).
  std::optional<SwitchPoint> scan(double from, double to) {
    if (from <= 0) return scan_linear(to);
    const bool up = to > from;
    double previous = from;
    for (int k = 1; k < 10000; ++k) {
      double x = from * std::pow(up ? k_step : 1 / k_step, k);
      if (up ? x >= to : x <= to) x = to;
      x = clamp(x);
      if (!allowed(x) || x == previous) break;
      Outcome o = at(x);
      if (o.choice != base.choice) return refine(previous, x, std::move(o), true);
      previous = x;
      if (x == to) break;
    }
    return std::nullopt;
  }

  // A field at 0 (a fraction, a share): probes spread over [0, to].
  std::optional<SwitchPoint> scan_linear(double to) {
    double previous = 0;
    for (int k = 1; k <= k_linear_steps; ++k) {
      const double x = clamp(to * k / k_linear_steps);
      if (x == previous) continue;
      Outcome o = at(x);
      if (o.choice != base.choice) return refine(previous, x, std::move(o), false, to);
      previous = x;
    }
    return std::nullopt;
  }
};

std::optional<Option> compared_option(const Outcome& base) {
  if (!base.choice) return std::nullopt;
  if (base.runner_up) return base.runner_up;
  std::optional<Option> best;
  for (Option o : k_all_options) {
    const std::size_t i = option_index(o);
    if (o == *base.choice || !base.applicable[i]) continue;
    if (!best || base.total[i] < base.total[option_index(*best)]) best = o;
  }
  return best;
}

}  // namespace

double FieldSensitivity::swing() const {
  return margin_low && margin_high ? std::abs(*margin_high - *margin_low) : 0;
}

SensitivityAnalysis analyse_sensitivity(const Profile& input, const SensitivityOptions& options) {
  SensitivityAnalysis s;
  s.span = options.span;
  if (options.tornado > 0) {
    s.tornado_low = 1 - options.tornado;
    s.tornado_high = 1 + options.tornado;
  }
  const Outcome base = outcome_of(input);
  s.evaluations = 1;
  s.verdict = base.choice;
  s.compared = compared_option(base);
  const auto margin_of = [&](const Outcome& o) -> std::optional<double> {
    if (!s.verdict || !s.compared) return std::nullopt;
    return o.total[option_index(*s.verdict)] - o.total[option_index(*s.compared)];
  };
  s.margin = margin_of(base);
  const Profile evaluated = with_prediction(input, predict(input, Workings::skipped));
  for (const NumericField& f : numeric_fields()) {
    const std::optional<double> value = f.get(evaluated);
    if (!value) continue;
    Search search(input, f, base, s.evaluations);
    FieldSensitivity r;
    r.field = std::string(f.path);
    r.kind = unit_in(f, input);
    r.unit = unit_name(r.kind, input);
    r.value = *value;
    const double v = *value;
    r.search_low = v > 0 ? search.clamp(v / s.span) : v;
    r.search_high = v > 0 ? search.clamp(v * s.span) : (search.limits.high <= 1 ? search.limits.high : v);
    if (r.search_low < v) r.below = search.scan(v, r.search_low);
    if (r.search_high > v) r.above = search.scan(v, r.search_high);
    // A field written as a range spans its range (its 90% interval, or its bounds) unless
    // --tornado-range asks for the same factor on every field.
    const auto range = std::find_if(input.uncertain.begin(), input.uncertain.end(),
                                    [&](const UncertainValue& u) { return u.field == f.path; });
    r.from_range = range != input.uncertain.end() && options.tornado == 0;
    r.low = search.clamp(r.from_range ? range->low : v * s.tornado_low);
    r.high = search.clamp(r.from_range ? range->high : v * s.tornado_high);
    r.margin_low = margin_of(r.low == v ? base : search.at(r.low));
    r.margin_high = margin_of(r.high == v ? base : search.at(r.high));
    if (v > 0) {
      for (const auto& sw : {r.below, r.above})
        if (sw) {
          const double ratio = std::abs(sw->value - v) / v;
          if (!r.margin_ratio || ratio < *r.margin_ratio) r.margin_ratio = ratio;
        }
    }
    if (r.margin_ratio && (!s.min_margin_ratio || *r.margin_ratio < *s.min_margin_ratio)) {
      s.min_margin_ratio = r.margin_ratio;
      s.min_margin_field = r.field;
    }
    s.fields.push_back(std::move(r));
  }
  return s;
}

GateResult margin_gate(const SensitivityAnalysis& s, const MoneyLimit& limit, const std::vector<std::string>& fields) {
  GateResult g;
  g.name = "min_margin";
  g.field = "budget.min_margin";
  g.level = limit.level;
  g.limit = limit.limit;
  const FieldSensitivity* worst = nullptr;
  for (const FieldSensitivity& f : s.fields) {
    if (!fields.empty() && std::find(fields.begin(), fields.end(), f.field) == fields.end()) continue;
    if (f.margin_ratio && (!worst || *f.margin_ratio < *worst->margin_ratio)) worst = &f;
  }
  if (!s.verdict) {
    g.status = GateStatus::skipped;
    g.message = "min_margin: not checked, no option is viable";
    return g;
  }
  if (!worst) {
    g.message = fmt::format("min_margin: no field flips the verdict between 1/{}x and {}x of its value",
                            format_count(s.span), format_count(s.span));
    return g;
  }
  g.actual = worst->margin_ratio;
  g.margin = (*worst->margin_ratio - limit.limit) / limit.limit;
  const bool broken = *worst->margin_ratio < limit.limit;
  if (broken) g.status = limit.level == GateLevel::warn ? GateStatus::warn : GateStatus::fail;
  const SwitchPoint& sw = worst->below && std::abs(worst->below->value - worst->value) / worst->value == *worst->margin_ratio
                              ? *worst->below
                              : *worst->above;
  g.message = fmt::format("min_margin: the verdict flips to {} when {} moves {} {} today's value: {} the {} limit",
                          sw.verdict ? to_string(*sw.verdict) : "none", worst->field, format_percent(*worst->margin_ratio),
                          sw.value < worst->value ? "below" : "above", broken ? "less than" : "at least", format_percent(limit.limit));
  return g;
}

}  // namespace edgecalc
