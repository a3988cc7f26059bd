// Reading money over time: `finance:` (discount rate, resale curve, start date), `fleet.ramp`
// and the cloud's dated price changes (docs/profile.md, "Money over time").

#include <algorithm>
#include <cmath>
#include <tuple>

#include <edgecalc/domain/defaults.hpp>
#include <edgecalc/domain/energy.hpp>
#include <edgecalc/domain/finance.hpp>
#include <edgecalc/util/calendar.hpp>

#include "util/format.hpp"
#include "profile/profile_reader.hpp"

namespace edgecalc {

double FleetRamp::size_at(double month, double size) const {
  const double from = std::min(start, size);
  switch (shape) {
    case Shape::linear: return from + (size - from) * std::min(1.0, month / over_months);
    case Shape::steps: {
      const double reached = std::floor(month / every_months + 1e-9) * every_months;
      return from + (size - from) * std::min(1.0, reached / over_months);
    }
    case Shape::list: {
      double n = 0;  // before the first entry the product has not shipped
      for (const auto& [at, s] : points)
        if (at <= month + 1e-9) n = s;
      return std::min(n, size);
    }
  }
  return size;
}

double Finance::residual_at(double months) const {
  if (residual.empty()) return 0;
  if (months <= residual.front().first) return residual.front().second;
  for (std::size_t i = 1; i < residual.size(); ++i) {
    const auto& [a, va] = residual[i - 1];
    const auto& [b, vb] = residual[i];
    if (months <= b) return va + (vb - va) * (months - a) / (b - a);
  }
  return residual.back().second;
}

namespace detail {

namespace {

using namespace profile_parse;

// "-10%/year": a signed yearly trend.
Parsed parse_trend(std::string_view text, const UnitContext& u) {
  std::string_view t = text;
  const bool negative = !t.empty() && t.front() == '-';
  if (!t.empty() && (t.front() == '+' || t.front() == '-')) t.remove_prefix(1);
  const Parsed share = parse_share_per_year(t, u);
  if (!share.ok()) return share;
  const double v = negative ? -share.value : share.value;
  if (v <= -1) return Parsed{0, "must be more than -100%/year"};
  return Parsed{v, {}};
}

// The month a change takes effect: a date (from finance.start) or a duration from the start.
std::optional<double> month_of(FieldReader& r, const Parsers& p, const Profile& profile, std::string& when) {
  const auto text = r.text("at", true, "2027-01-01");
  if (!text) return std::nullopt;
  when = *text;
  if (is_date(*text)) {
    if (!profile.finance.start) {
      r.error_at("at", fmt::format("{}.at is a date ({}); set finance.start, the horizon's first day (e.g. "
                                   "finance: {{start: 2026-12-01}}), or write a time from the start (e.g. 6 months)",
                                   r.path(), *text));
      return std::nullopt;
    }
    const double m = months_between(*profile.finance.start, *text);
    if (m < 0) {
      r.error_at("at", fmt::format("{}.at ({}) is before finance.start ({})", r.path(), *text, *profile.finance.start));
      return std::nullopt;
    }
    return m;
  }
  const auto s = r.quantity("at", p.duration(), {0, false, k_max_duration_s}, true, "6 months");
  if (!s) return std::nullopt;
  return *s / profile.month_s;
}

void read_residual(FieldReader& r, const Parsers& p, Profile& profile) {
  Finance& f = profile.finance;
  const MapEntry* e = r.entry("residual");
  if (!e) {
    r.defaulted("residual");
    f.residual_name = "";  // resolved after the edge section (by edge.deployment)
    return;
  }
  if (e->value->kind == Node::Kind::map) {
    FieldReader m(r.context(), e->value.get(), r.path_of("residual"), e->key_position);
    for (const MapEntry& point : e->value->entries) {
      m.entry(point.key);  // every key is an age: none is unknown to finish()
      const Parsed age = parse_duration(point.key, p.u);
      const Parsed share = point.value->kind == Node::Kind::scalar ? parse_fraction(point.value->text)
                                                                     : Parsed{0, "must be a share"};
      if (!age.ok()) {
        r.context().diagnostics.error(point.key_position,
                                      fmt::format("finance.residual: each key is an age (e.g. 36 months); `{}` {}",
                                                  point.key, age.error));
      } else if (!share.ok()) {
        r.context().diagnostics.error(point.value->position,
                                      fmt::format("finance.residual.{} {}; got \"{}\"", point.key, share.error,
                                                  point.value->text));
      } else {
        f.residual.emplace_back(age.value / profile.month_s, share.value);
      }
    }
    if (f.residual.empty() && e->value->entries.empty())
      r.error_at("residual", "finance.residual needs at least one age: share (e.g. {36 months: 30%})");
    std::sort(f.residual.begin(), f.residual.end());
    if (!f.residual.empty() && f.residual.front().first > 0) f.residual.insert(f.residual.begin(), {0.0, 1.0});
    f.residual_name = "written";
    return;
  }
  const auto name = r.text("residual", false, "market");
  if (!name) return;
  if (*name == "none") {
    f.residual_name = "none";
    return;
  }
  std::vector<std::string> names{"none"};
  for (const ResidualCurve& c : residual_curves()) names.emplace_back(c.id);
  const ResidualCurve* curve = find_residual_curve(*name);
  if (!curve) {
    std::string message = fmt::format("finance.residual must be one of {{{}}} or a map of age: share (e.g. {{36 months: "
                                      "30%}}); got \"{}\"",
                                      fmt::join(names, ","), *name);
    if (const auto best = closest_match(*name, names)) message += fmt::format("; did you mean `{}`?", *best);
    r.error_at("residual", std::move(message));
    return;
  }
  f.residual.assign(curve->points.begin(), curve->points.end());
  f.residual_name = std::string(curve->id);
}

}  // namespace

void read_finance(FieldReader r, const Parsers& p, Profile& profile) {
  Finance& f = profile.finance;
  const ParseFn per_year = [&p](std::string_view t) { return parse_share_per_year(t, p.u); };
  f.discount_rate = r.quantity_or("discount_rate", per_year, {0, false, 1, false, "0%/year", "100%/year"}, "8%/year");
  if (const auto start = r.text("start", false, "2026-12-01")) {
    if (is_date(*start)) f.start = *start;
    else r.error_at("start", fmt::format("finance.start must be a date written YYYY-MM-DD; got \"{}\"", *start));
  }
  read_residual(r, p, profile);
  r.finish();
}

void resolve_residual_default(Profile& profile) {
  Finance& f = profile.finance;
  if (!f.residual_name.empty()) return;
  // Boxes in a rack are resold; devices in the field are not recovered.
  const ResidualCurve* curve = profile.edge.deployment == Deployment::server ? find_residual_curve("market") : nullptr;
  if (!curve) {
    f.residual_name = "none";
    return;
  }
  f.residual.assign(curve->points.begin(), curve->points.end());
  f.residual_name = std::string(curve->id);
}

void read_ramp(FieldReader& fleet, const Parsers& p, Profile& profile) {
  FieldReader r = fleet.section("ramp", false);
  if (!r.present()) return;
  const double size = profile.fleet.size;
  FleetRamp ramp;
  if (const MapEntry* e = r.entry("sizes")) {
    ramp.shape = FleetRamp::Shape::list;
    if (r.entry("start") || r.entry("over") || r.entry("every"))
      r.error_at("sizes", "fleet.ramp.sizes is a whole schedule: write it alone, or start and over instead");
    if (e->value->kind != Node::Kind::map || e->value->entries.empty()) {
      r.error_at("sizes", "fleet.ramp.sizes must map months to fleet sizes, e.g. {0: 1000, 6: 20000, 12: 50000}");
    } else {
      FieldReader m(r.context(), e->value.get(), r.path_of("sizes"), e->key_position);
      for (const MapEntry& point : e->value->entries) {
        m.entry(point.key);
        const Parsed month = parse_number(point.key);
        const Parsed n = point.value->kind == Node::Kind::scalar ? parse_count(point.value->text)
                                                                   : Parsed{0, "must be a count"};
        if (!month.ok() || month.value < 0)
          r.context().diagnostics.error(point.key_position,
                                        fmt::format("fleet.ramp.sizes: each key is a month from the start (0, 6, "
                                                    "12 ...); got `{}`",
                                                    point.key));
        else if (!n.ok() || n.value < 0)
          r.context().diagnostics.error(point.value->position,
                                        fmt::format("fleet.ramp.sizes.{} must be a whole fleet size; got \"{}\"",
                                                    point.key, point.value->text));
        else
          ramp.points.emplace_back(month.value, n.value);
      }
      std::sort(ramp.points.begin(), ramp.points.end());
      // Sizes above fleet.size are capped at it; a schedule that stops below it never reaches
      // the fleet the steady figures describe: say so.
      if (ramp.points.size() == e->value->entries.size() && ramp.points.back().second < size)
        r.context().diagnostics.warning(e->key_position,
                                        fmt::format("fleet.ramp.sizes ends at {} {}, below fleet.size ({}): the "
                                                    "timeline never reaches the fleet the steady figures describe",
                                                    ramp.points.back().second, profile.fleet.unit, size));
    }
  } else {
    const auto start = r.quantity("start", k_count, {0, false, 1e15, true}, true, "1000");
    ramp.over_months = r.quantity("over", p.duration(), {0, true, k_max_duration_s}, true, "12 months").value_or(1) /
                       profile.month_s;
    if (r.entry("every")) {
      ramp.shape = FleetRamp::Shape::steps;
      ramp.every_months = r.quantity("every", p.duration(), {0, true, k_max_duration_s}, true, "3 months").value_or(1) /
                          profile.month_s;
    }
    // A start above fleet.size (a probe of a smaller fleet) is capped at it: no ramp.
    if (start) ramp.start = *start;
  }
  r.finish();
  profile.fleet.ramp = ramp;
}

namespace {

// The catalog price's own dated changes (data/prices.yaml `schedule`), placed on the horizon by
// finance.start: a change dated after the entry's price took effect applies from its first whole
// month (from month 0 when it falls before the start); without finance.start, a warning.
void add_catalog_schedule(FieldReader& cloud, Profile& profile) {
  const auto& price = profile.derivations.catalog_price;
  if (!price) return;
  for (const ScheduledChange& s : price->schedule) {
    if (!price->date.empty() && s.at <= price->date) continue;  // already in the listed price
    if (!profile.finance.start) {
      cloud.context().diagnostics.warning(
          where(profile, "cloud.model", Position{}),
          fmt::format("catalog {} changes its rates by {} on {} ({}); set finance.start (the horizon's first day) to "
                      "price the change",
                      price->id, format_percent(s.change), s.at, s.note.empty() ? "announced" : s.note));
      continue;
    }
    PriceChange change;
    change.at_months = std::max(0.0, months_between(*profile.finance.start, s.at));
    change.factor = 1 + s.change;
    change.when = s.at;
    change.note = s.note;
    change.source = entry_source(price->id, s.source, "");
    profile.cloud.price_changes.push_back(std::move(change));
  }
}

}  // namespace

namespace {

// `germany` or `381g/kWh` (or a bare number, grams per kWh): the intensity and its name.
std::optional<std::pair<double, std::string>> read_grid(FieldReader& r, std::string_view key) {
  const auto text = r.text(key, false, "germany");
  if (!text) return std::nullopt;
  if (const GridIntensity* g = find_grid_intensity(*text)) return std::pair{g->g_per_kwh, std::string(g->id)};
  std::string_view t = *text;
  for (std::string_view unit : {"gCO2e/kWh", "gCO2/kWh", "g/kWh"})
    if (t.ends_with(unit)) {
      t.remove_suffix(unit.size());
      break;
    }
  const Parsed n = parse_number(t);
  if (n.ok() && n.value >= 0 && n.value <= 2000) return std::pair{n.value, std::string("written")};
  std::string regions;
  for (const GridIntensity& g : grid_intensities()) regions += (regions.empty() ? "" : ", ") + std::string(g.id);
  r.error_at(key, fmt::format("{} must be a region ({}) or grams of CO2e per kWh from 0 to 2000 (e.g. 381g/kWh); got "
                              "\"{}\"",
                              r.path_of(key), regions, *text));
  return std::nullopt;
}

}  // namespace

void read_carbon(FieldReader r, Profile& profile) {
  Carbon& c = profile.carbon;
  const GridIntensity* world = find_grid_intensity(field_default("carbon.grid").value);
  c.grid_g_per_kwh = world->g_per_kwh;
  c.grid = std::string(world->id);
  if (const auto g = read_grid(r, "grid")) std::tie(c.grid_g_per_kwh, c.grid) = *g;
  else if (!r.entry("grid")) r.defaulted("grid");
  c.cloud_g_per_kwh = c.grid_g_per_kwh;
  c.cloud_grid = c.grid;
  if (const auto g = read_grid(r, "cloud_grid")) std::tie(c.cloud_g_per_kwh, c.cloud_grid) = *g;
  r.finish();
}

void read_price_changes(FieldReader& cloud, const Parsers& p, Profile& profile) {
  Cloud& c = profile.cloud;
  const ParseFn trend = [&p](std::string_view t) { return parse_trend(t, p.u); };
  c.price_trend_per_year = cloud.quantity("price_trend", trend, {-1, true, 10, false, "-100%/year", "1000%/year"}, false,
                                          "-10%/year")
                               .value_or(0);
  const MapEntry* e = cloud.entry("price_changes");
  if (e && e->value->kind != Node::Kind::sequence) {
    cloud.error_at("price_changes", "cloud.price_changes must be a list, e.g. [{at: 2027-01-01, change: +100%}]");
    return;
  }
  for (std::size_t i = 0; e && i < e->value->items.size(); ++i) {
    const NodePtr& item = e->value->items[i];
    const std::string path = fmt::format("cloud.price_changes[{}]", i);
    if (item->kind != Node::Kind::map) {
      cloud.context().diagnostics.error(item->position,
                                        fmt::format("{} must be a map, e.g. {{at: 2027-01-01, change: -20%}}", path));
      continue;
    }
    FieldReader r(cloud.context(), item.get(), path, item->position);
    PriceChange change;
    const auto at = month_of(r, p, profile, change.when);
    const ParseFn signed_share = [](std::string_view t) { return parse_change(t); };
    const auto factor = r.quantity("change", signed_share, {-1, true, 100, false, "-100%", "+10000%"}, true, "-20%");
    change.note = r.label("note", false, "introductory rate ends").value_or("");
    r.finish();
    if (!at || !factor) continue;
    change.at_months = *at;
    change.factor = 1 + *factor;
    c.price_changes.push_back(std::move(change));
  }
  add_catalog_schedule(cloud, profile);
  std::stable_sort(c.price_changes.begin(), c.price_changes.end(),
                   [](const PriceChange& a, const PriceChange& b) { return a.at_months < b.at_months; });
}

}  // namespace detail

}  // namespace edgecalc
