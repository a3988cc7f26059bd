#include <edgecalc/render.hpp>

#include <cmath>

#include <fmt/format.h>

#include "format.hpp"

namespace edgecalc {

namespace {

struct ItemLabel {
  std::string_view item;
  std::string_view label;
};
constexpr ItemLabel k_item_labels[] = {
    {"per_call_fees", "per-call fees"}, {"tokens", "tokens"},           {"transfer", "transfer"},
    {"instances", "instances"},         {"fixed", "fixed fees"},        {"hardware", "hardware"},
    {"engineering", "engineering"},     {"energy", "energy"},           {"maintenance", "maintenance"},
    {"replacements", "replacements"}};

std::string label_of(const std::string& item) {
  for (const ItemLabel& l : k_item_labels)
    if (l.item == item) return std::string(l.label);
  return item;
}

// "10/h", "1.5/s", "200/day": a per-member rate in the first unit that makes it a whole number,
// else the first that makes it at least 1.
std::string format_rate(double per_second, double month_s) {
  struct Unit {
    const char* name;
    double seconds;
  };
  const Unit units[] = {{"s", 1}, {"min", 60}, {"h", 3600}, {"day", 86400}, {"month", month_s}};
  for (const Unit& u : units) {
    const double v = per_second * u.seconds;
    if (v >= 1 && std::fabs(v - std::round(v)) < 1e-9 * v) return fmt::format("{}/{}", format_count(v), u.name);
  }
  for (const Unit& u : units)
    if (per_second * u.seconds >= 1) return fmt::format("{}/{}", format_count(per_second * u.seconds), u.name);
  return fmt::format("{}/month", format_count(per_second * month_s));
}

std::string units_text(const OptionCost& o) {
  if (!o.units) return "-";
  std::string label = o.units_label;
  if (*o.units == 1 && label == "boxes") label = "box";
  if (*o.units == 1 && label == "instances") label = "instance";
  return fmt::format("{} {}", format_count(*o.units), label);
}

std::string line_label(const CostLine& line, const OptionCost& o, bool show_side) {
  std::string label = label_of(line.item);
  if (line.item == "instances" && o.instances) label += fmt::format(" ({})", format_count(*o.instances));
  if (line.item == "hardware" && o.units) label += fmt::format(" ({})", units_text(o));
  if (line.item == "replacements") label += fmt::format(" ({} x)", o.replacement_count);
  if (show_side) label = fmt::format("{}: {}", line.side == Side::cloud ? "cloud" : "edge", label);
  return label;
}

void month_sentence(std::string& out, std::string_view name, const BreakEven& be,
                    const OptionCost& o, const CostModel& m, const std::string& currency) {
  const std::string horizon = format_horizon(m.horizon_months);
  if (be.month && *be.month == 0) {
    out += fmt::format("{} costs no more than the cloud from month 0\n", name);
  } else if (be.month) {
    out += fmt::format("{} pays for itself after {}, {} the {} horizon\n", name,
                       format_months(*be.month), be.within_horizon ? "inside" : "beyond", horizon);
  } else if (o.monthly >= m.cloud.monthly) {
    out += fmt::format("{} never pays for itself: {}/month against the cloud's {}\n", name,
                       format_money(o.monthly, currency), format_money(m.cloud.monthly, currency));
  } else {
    out += fmt::format("{} never pays for itself: a lifetime's savings never cover its hardware\n",
                       name);
  }
}

void crossing_sentence(std::string& out, std::string_view name, const std::optional<Crossing>& c,
                       std::string_view what, double now, std::string_view unit) {
  if (!c) {
    out += fmt::format("no {} makes {} and cloud cost the same\n", what, name);
    return;
  }
  out += fmt::format("{} is cheaper {} {} {} (now {})\n", name, c->cheaper_above ? "above" : "below",
                     format_count(c->value), unit, format_count(now));
}

void break_even_block(std::string& out, const Report& r, Option option, const BreakEven& be) {
  const CostModel& m = r.costs;
  const std::string name(to_string(option));
  const std::string indent(19, ' ');
  out += fmt::format("  {:<17}", name + " vs cloud");
  month_sentence(out, name, be, m.option(option), m, r.profile.currency);
  out += indent;
  crossing_sentence(out, name, be.calls_per_month, "call volume", m.volume.calls_per_month, "calls/month");
  out += indent;
  crossing_sentence(out, name, be.fleet_size, "fleet size", r.profile.fleet.size, r.profile.fleet.unit);
}

}  // namespace

std::string render_table(const Report& r) {
  const Profile& p = r.profile;
  const CostModel& m = r.costs;
  const std::string& cur = p.currency;
  std::string out;
  out += fmt::format("{}: {}\n", p.name, r.verdict.choice ? to_string(*r.verdict.choice) : "none");
  out += fmt::format("  {}\n", r.verdict.reason);
  out += "  (costs only: latency, connectivity and privacy rules are not applied yet)\n\n";

  out += fmt::format("volume   {} calls/month: {} {} x {} each; peak {} calls/s\n",
                     format_count(m.volume.calls_per_month), format_count(p.fleet.size), p.fleet.unit,
                     format_rate(p.workload.calls_per_s, p.month_s),
                     format_count(m.volume.peak_calls_per_second));
  if (p.workload.tokens)
    out += fmt::format("tokens   {} tokens/month ({} in, {} out)\n", format_count(m.volume.tokens_per_month()),
                       format_count(m.volume.input_tokens_per_month),
                       format_count(m.volume.output_tokens_per_month));
  out += fmt::format("horizon  {} of {} h, money in {}\n\n", format_months(m.horizon_months),
                     format_count(m.hours_per_month), cur);

  const std::string total_header = fmt::format("total {} mo", format_count(m.horizon_months));
  out += fmt::format("{:<8}{:>14}{:>14}{:>16}{:>14}   {}\n", "option", "up front", "per month",
                     total_header, "per 1k calls", "units");
  for (const OptionCost* o : {&m.cloud, &m.edge, &m.hybrid}) {
    out += fmt::format("{:<8}{:>14}{:>14}{:>16}{:>14}   {}\n", to_string(o->option),
                       format_money(o->upfront, cur), format_money(o->monthly, cur),
                       format_money(o->total, cur),
                       o->cost_per_1k_calls ? format_unit_price(*o->cost_per_1k_calls, cur) : "-",
                       units_text(*o));
  }
  out += fmt::format("hybrid escalates {}% of calls to the cloud\n\n",
                     format_count(p.hybrid.escalation * 100));

  out += "break-even\n";
  break_even_block(out, r, Option::edge, r.edge_vs_cloud);
  break_even_block(out, r, Option::hybrid, r.hybrid_vs_cloud);

  out += fmt::format("\n{:<36}{:>14}{:>14}{:>16}\n", "breakdown", "up front", "per month", "total");
  for (const OptionCost* o : {&m.cloud, &m.edge, &m.hybrid}) {
    out += fmt::format("  {}\n", to_string(o->option));
    for (const CostLine& line : o->breakdown) {
      out += fmt::format("    {:<32}{:>14}{:>14}{:>16}\n", line_label(line, *o, o->option == Option::hybrid),
                         format_money(line.upfront, cur), format_money(line.monthly, cur),
                         format_money(line.total, cur));
    }
  }
  return out;
}

}  // namespace edgecalc
