// Money over time (docs/model.md, "Money over time"): each option priced month by month, with
// the fleet of that month (fleet.ramp), the cloud's rates of that month (cloud.price_changes,
// cloud.price_trend), hardware bought as units ship and replaced per cohort at its own age, the
// units' resale value (finance.residual), and every payment discounted (finance.discount_rate).

#include <edgecalc/model/model.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>


namespace edgecalc {

namespace {

// Lines billed at the cloud's rates: they follow price changes; transfer, data and fees do not,
// nor do reserved instances, whose rate the term fixes.
bool at_cloud_rates(const Profile& p, const CostLine& line) {
  if (line.side != Side::cloud) return false;
  if (line.item == "instances") return commitment_months(p.cloud.price.rental) == 0;
  return line.item == "per_call_fees" || line.item == "tokens";
}

// The cloud's rates in month m as a multiple of today's: each change from the month it takes
// effect (the first whole month at or after it), then the yearly trend, compounding monthly.
double price_factor(const Cloud& c, int m) {
  double f = 1;
  for (const PriceChange& change : c.price_changes)
    if (ceil_tolerant(change.at_months) <= m) f *= change.factor;
  if (c.price_trend_per_year != 0) f *= std::pow(1 + c.price_trend_per_year, m / 12.0);
  return f;
}

// Units bought together: they age, are replaced and are resold as one.
struct Cohort {
  double bought_at = 0;  // month
  double units = 0;
};

// The steady model at each fleet size the ramp visits, priced once. A constant fleet only ever
// asks for the profile's own size, which `steady` already is: the profile is copied (which
// costs more than pricing it) only when a ramp visits another size.
class MonthPricer {
 public:
  MonthPricer(const Profile& p, const CostModel& steady) : m_profile(p), m_steady(steady) {}
  const CostModel& at(double fleet) {
    if (fleet == m_profile.fleet.size) return m_steady;
    auto it = m_priced.find(fleet);
    if (it == m_priced.end()) {
      if (!m_probe) m_probe.emplace(m_profile);
      m_probe->fleet.size = fleet;
      it = m_priced.emplace(fleet, price_steady(*m_probe)).first;
    }
    return it->second;
  }

 private:
  const Profile& m_profile;
  const CostModel& m_steady;  // read before each option's own totals are replaced
  std::optional<Profile> m_probe;
  std::map<double, CostModel> m_priced;
};

// The hardware an option keeps in service: devices follow the fleet, boxes the sized count.
double units_in_service(const OptionCost& o) { return o.units.value_or(0); }

// Where `line` (of a month's model) sits in `bill` (the option's own breakdown): the same
// index when the two were built alike, as they are at every fleet size; else found by name.
std::size_t line_index(const std::vector<CostLine>& bill, std::size_t i, const CostLine& line) {
  const auto same = [&](const CostLine& l) { return l.side == line.side && l.item == line.item; };
  if (i < bill.size() && same(bill[i])) return i;
  return static_cast<std::size_t>(std::find_if(bill.begin(), bill.end(), same) - bill.begin());
}

// MonthFlow::lines while a month is priced: the option's breakdown as it was, then these.
constexpr std::size_t k_missing_slot = 0;   // a line a month's model has and the option lacks
constexpr std::size_t k_replaced_slot = 1;  // hardware bought again
constexpr std::size_t k_resale_slot = 2;    // replaced and terminal units sold
constexpr std::size_t k_extra_slots = 3;

// Where the first purchase of hardware goes: the breakdown's hardware line.
std::size_t slot_hardware(const OptionCost& o) {
  const auto it = std::find_if(o.breakdown.begin(), o.breakdown.end(), [](const CostLine& l) { return l.item == "hardware"; });
  return it == o.breakdown.end() ? o.breakdown.size() + k_missing_slot : static_cast<std::size_t>(it - o.breakdown.begin());
}

// Each month's lines, priced against `before` (plus the slots), re-laid along `after`, the
// final breakdown (replacements and resale found by name; a line the option lacks is dropped:
// it costs nothing the totals count).
void map_month_lines(Timeline& tl, const std::vector<CostLine>& before, const std::vector<CostLine>& after) {
  std::vector<std::size_t> to(before.size() + k_extra_slots, after.size());
  const auto find = [&](std::string_view item, Side side) {
    const auto it = std::find_if(after.begin(), after.end(), [&](const CostLine& l) { return l.item == item && l.side == side; });
    return static_cast<std::size_t>(it - after.begin());
  };
  for (std::size_t i = 0; i < before.size(); ++i) to[i] = find(before[i].item, before[i].side);
  to[before.size() + k_replaced_slot] = find("replacements", Side::edge);
  to[before.size() + k_resale_slot] = find("resale", Side::edge);
  std::vector<double> lines;
  for (MonthFlow& f : tl.months) {
    lines.assign(after.size(), 0);
    for (std::size_t i = 0; i < f.lines.size(); ++i)
      if (to[i] < after.size()) lines[to[i]] += f.lines[i];
    f.lines.assign(lines.begin(), lines.end());  // never longer than before: no allocation
  }
}

struct Accounts {
  std::vector<double> line_totals;  // per line of the option's breakdown, over the horizon
  double first = 0;                           // hardware bought as units ship (month 0 and the ramp)
  double replaced = 0;                        // hardware bought again at the end of a lifetime
  double resale_inside = 0;                   // replaced units sold
  int replacement_count = 0;
};

void price_option(const Profile& p, MonthPricer& pricer, const CostModel& steady, Option which, OptionCost& o,
                  Detail detail) {
  const bool keep_lines = detail == Detail::lines, keep_months = detail != Detail::totals;
  const double horizon = steady.horizon_months;
  const int months = static_cast<int>(std::max(1.0, ceil_tolerant(horizon)));
  const double unit_cost = which == Option::cloud ? 0 : p.edge.unit_cost;
  const double life = which == Option::cloud ? 0 : o.lifetime_months.value_or(0);  // 0: never replaced
  const double r = p.finance.discount_rate;
  const auto discount = [r](double t) { return r == 0 ? 1.0 : std::pow(1 + r, -t / 12); };

  Timeline tl;
  tl.discount_rate = r;
  Accounts acc;
  acc.line_totals.assign(o.breakdown.size() + 1, 0);  // the last slot: a line the option lacks
  std::vector<char> rated_lines;  // per line of the option's breakdown: follows the cloud's price changes
  for (const CostLine& line : o.breakdown) rated_lines.push_back(at_cloud_rates(p, line));
  std::vector<Cohort> cohorts;
  const OptionCost* slots_of = nullptr;  // the month model whose lines `slots` places in the bill
  std::vector<std::size_t> slots;
  double cumulative = 0, present = 0, calls = 0, peak = 0, upfront = 0;
  double instances_monthly = 0;  // the last month's instance bill, what a reserved term keeps charging
  constexpr int k_max_events = 100'000;  // a lifetime of minutes over a century: stop replacing
  int events = 0;

  const auto pay = [&](MonthFlow& f, double t, double money) {
    if (money == 0) return;
    (money > 0 ? f.bought : f.sold) += std::abs(money);
    if (keep_months) tl.payments.emplace_back(t, money);
    if (t == 0) upfront += money;
    present += money * discount(t);
    f.discounted += money * discount(t);
  };
  const auto book = [keep_lines](MonthFlow& f, std::size_t slot, double money) {
    if (keep_lines) f.lines[slot] += money;
  };

  for (int m = 0; m < months; ++m) {
    MonthFlow f;
    f.month = m;
    // Per line of the option's breakdown, then slots for replacements and resale (which the
    // breakdown may lack until the end); mapped to the final breakdown below.
    if (keep_lines) f.lines.assign(o.breakdown.size() + k_extra_slots, 0);
    f.length = std::min(1.0, horizon - m);
    f.fleet = p.fleet.ramp ? std::ceil(p.fleet.ramp->size_at(m, p.fleet.size) - 1e-9) : p.fleet.size;
    f.price_factor = price_factor(p.cloud, m);
    const CostModel* month_model = f.fleet > 0 ? &pricer.at(f.fleet) : nullptr;
    const OptionCost& priced = month_model ? month_model->option(which) : o;
    if (m == 0)
      for (std::size_t i = 0; i < o.breakdown.size(); ++i)
        if (o.breakdown[i].item == "engineering") {
          pay(f, 0, o.breakdown[i].upfront);
          acc.line_totals[i] += o.breakdown[i].upfront;
          book(f, i, o.breakdown[i].upfront);
        }

    // Recurring lines of this month (with no fleet yet, only the fixed fees run).
    if (&priced != slots_of) {  // a fleet size not seen last month: find its lines in the bill
      slots_of = &priced;
      slots.clear();
      for (std::size_t i = 0; i < priced.breakdown.size(); ++i)
        slots.push_back(std::min(line_index(o.breakdown, i, priced.breakdown[i]), o.breakdown.size()));
    }
    for (std::size_t i = 0; i < priced.breakdown.size(); ++i) {
      const CostLine& line = priced.breakdown[i];
      if (!month_model && line.item != "fixed") continue;
      const std::size_t at = slots[i];
      const bool rated = at < o.breakdown.size() ? rated_lines[at] : at_cloud_rates(p, line);
      const double cost = line.monthly * f.length * (rated ? f.price_factor : 1);
      f.running += cost;
      acc.line_totals[at] += cost;
      book(f, at, cost);
      if (line.side == Side::cloud && line.item == "instances") instances_monthly = line.monthly;
    }
    calls += month_model ? month_model->volume.calls_per_month * f.length : 0;

    // Hardware: buy what the month needs beyond the units in service, then replace each cohort
    // that reaches its lifetime inside this month (and inside the horizon), selling the old units.
    if (which != Option::cloud) {
      const double need = month_model ? units_in_service(priced) : 0;
      double alive = 0;
      for (const Cohort& c : cohorts) alive += c.units;
      if (need > alive + 1e-9) {
        cohorts.push_back(Cohort{static_cast<double>(m), need - alive});
        pay(f, m, (need - alive) * unit_cost);
        acc.first += (need - alive) * unit_cost;
        if (keep_lines) book(f, slot_hardware(o), (need - alive) * unit_cost);
      }
      if (life > 0) {
        for (std::size_t i = 0; i < cohorts.size() && events < k_max_events; ++i) {
          const double due = cohorts[i].bought_at + life;
          if (due >= m + f.length || due >= horizon * (1 - 1e-12)) continue;
          ++events;
          const double n = cohorts[i].units;
          pay(f, due, n * unit_cost);
          pay(f, due, -n * unit_cost * p.finance.residual_at(life));
          acc.replaced += n * unit_cost;
          acc.resale_inside += n * unit_cost * p.finance.residual_at(life);
          book(f, o.breakdown.size() + k_replaced_slot, n * unit_cost);
          book(f, o.breakdown.size() + k_resale_slot, -n * unit_cost * p.finance.residual_at(life));
          ++acc.replacement_count;
          cohorts[i].bought_at = due;  // the new units take the old ones' place
          --i;                         // a lifetime shorter than a month: look again
        }
      }
      f.units = need;
    } else {
      f.units = priced.units.value_or(0);
    }

    // The month's running cost, paid at its end.
    const double end = m + f.length;
    present += f.running * discount(end);
    f.discounted += f.running * discount(end);
    peak = std::max(peak, f.length > 0 ? f.running / f.length : 0.0);

    if (m == months - 1 && o.rental && o.rental->committed_months > horizon) {
      // A reserved term runs past the horizon: its remaining months are owed, paid as they fall due.
      const double owed_months = o.rental->committed_months - horizon;
      const double owed = owed_months * instances_monthly;
      const std::size_t at = line_index(o.breakdown, o.breakdown.size(), CostLine{"commitment", Side::cloud, 0, 0, 0});
      acc.line_totals[std::min(at, o.breakdown.size())] += owed;
      book(f, std::min(at, o.breakdown.size()), owed);
      f.running += owed;
      for (double k = 1; k <= std::ceil(owed_months - 1e-9); ++k) {
        const double part = std::min(1.0, owed_months - (k - 1)) * instances_monthly;
        present += part * discount(horizon + std::min(k, owed_months));
        f.discounted += part * discount(horizon + std::min(k, owed_months));
      }
    }
    if (m == months - 1) {  // the units left in service are sold at the horizon
      for (const Cohort& c : cohorts) tl.terminal_resale += c.units * unit_cost * p.finance.residual_at(horizon - c.bought_at);
      f.sold += tl.terminal_resale;
      book(f, o.breakdown.size() + k_resale_slot, -tl.terminal_resale);
      present -= tl.terminal_resale * discount(horizon);
      f.discounted -= tl.terminal_resale * discount(horizon);
    }
    f.cash = f.bought + f.running - f.sold;
    cumulative += f.cash;
    f.cumulative = cumulative;
    if (keep_months) tl.months.push_back(std::move(f));
  }

  const std::vector<CostLine> before = o.breakdown;  // the order f.lines follows
  // The bill line by line over the horizon: recurring lines as priced each month, hardware as
  // bought, and resale as a credit.
  for (std::size_t i = 0; i < o.breakdown.size(); ++i) {
    CostLine& line = o.breakdown[i];
    if (line.item == "hardware") line.total = acc.first;
    else if (line.item == "replacements") line.total = acc.replaced;
    else line.total = acc.line_totals[i];
  }
  const bool has_replacements =
      std::any_of(o.breakdown.begin(), o.breakdown.end(), [](const CostLine& l) { return l.item == "replacements"; });
  if (acc.replaced == 0) std::erase_if(o.breakdown, [](const CostLine& l) { return l.item == "replacements"; });
  else if (!has_replacements) o.breakdown.push_back(CostLine{"replacements", Side::edge, 0, 0, acc.replaced});
  const double resale = acc.resale_inside + tl.terminal_resale;
  if (resale > 0) o.breakdown.push_back(CostLine{"resale", Side::edge, 0, 0, -resale});
  if (keep_lines) map_month_lines(tl, before, o.breakdown);

  o.total = 0;
  for (const CostLine& line : o.breakdown) o.total += line.total;
  o.upfront = upfront;
  o.replacements = acc.replaced;
  o.replacement_count = acc.replacement_count;
  o.hardware_bought = acc.first + acc.replaced;
  o.resale = resale;
  o.residual_value = tl.terminal_resale;
  o.present_value = present;
  o.peak_monthly = peak;
  o.calls = calls;
  o.cost_per_1k_calls = calls > 0 ? std::optional<double>(o.total / calls * 1000) : std::nullopt;
  if (keep_months) o.timeline = std::move(tl);
}

}  // namespace

void price_over_time(const Profile& p, CostModel& m, Detail detail) {
  MonthPricer pricer(p, m);
  price_option(p, pricer, m, Option::cloud, m.cloud, detail);
  price_option(p, pricer, m, Option::edge, m.edge, detail);
  if (m.hybrid_applicable) price_option(p, pricer, m, Option::hybrid, m.hybrid, detail);
}

}  // namespace edgecalc
