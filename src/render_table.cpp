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


std::string status_text(const OptionStatus& s) {
  if (!s.applicable) return "n/a";
  return s.blocked_by.empty() ? "ok" : "blocked";
}

std::string latency_text(const std::optional<double>& seconds) {
  return seconds ? format_duration(*seconds) : "-";
}

void rules_block(std::string& out, const Report& r) {
  if (r.fired.empty()) {
    out += "rules    none fired\n";
    return;
  }
  out += "rules\n";
  for (const FiredRule& f : r.fired) {
    out += fmt::format("  {:<6}{:<8} {}\n", to_string(f.rule->effect), to_string(f.option), f.rule->id);
    out += wrap_text(f.message, 100, 17);
    out += wrap_text("source: " + std::string(f.rule->source), 100, 17);
  }
}

}  // namespace

std::string render_table(const Report& r) {
  const Profile& p = r.profile;
  const CostModel& m = r.costs;
  const std::string& cur = p.currency;
  std::string out;
  out += fmt::format("{}: {}{}\n", p.name, r.verdict.choice ? to_string(*r.verdict.choice) : "none",
                     r.verdict.close_call ? " (close call)" : "");
  out += wrap_text(r.verdict.summary, 100, 2);
  for (const GateResult& g : r.gates)
    out += fmt::format("  gate {:<7} {}\n", to_string(g.status), g.message);
  out += "\n";

  out += fmt::format("volume   {} calls/month: {} {} x {} each; peak {} calls/s\n",
                     format_count(m.volume.calls_per_month), format_count(p.fleet.size), p.fleet.unit,
                     format_rate(p.workload.calls_per_s, p.month_s),
                     format_count(m.volume.peak_calls_per_second));
  if (p.workload.tokens)
    out += fmt::format("tokens   {} tokens/month ({} in, {} out)\n", format_count(m.volume.tokens_per_month()),
                       format_count(m.volume.input_tokens_per_month),
                       format_count(m.volume.output_tokens_per_month));
  out += fmt::format("horizon  {} of {} h, money in {}\n", format_months(m.horizon_months),
                     format_count(m.hours_per_month), cur);
  const Connectivity& c = p.connectivity;
  const std::string budget = p.workload.latency_budget_s ? format_duration(*p.workload.latency_budget_s) : "none";
  if (c.rtt && c.uplink_bytes_per_s)
    out += fmt::format("latency  budget {}; {} round trip {}, upload {} at {}/s\n", budget,
                       to_string(c.network), format_duration_range(c.rtt->low_s, c.rtt->high_s),
                       format_duration(r.latency.upload_s),
                       format_count(*c.uplink_bytes_per_s * 8 / 1e6) + " Mbit");
  else
    out += fmt::format("latency  budget {}; no network link\n", budget);
  out += "\n";

  const std::string total_header = fmt::format("total {} mo", format_count(m.horizon_months));
  out += fmt::format("{:<7}{:<8}{:>8}{:>8}{:>13}{:>12}{:>13}{:>11}  {}\n", "option", "status", "p50",
                     "p95", "up front", "per month", total_header, "per 1k", "units");
  for (const OptionCost* o : {&m.cloud, &m.edge, &m.hybrid}) {
    const OptionLatency& l = o->option == Option::cloud  ? r.latency.cloud
                             : o->option == Option::edge ? r.latency.edge
                                                         : r.latency.hybrid;
    out += fmt::format("{:<7}{:<8}{:>8}{:>8}{:>13}{:>12}{:>13}{:>11}  {}\n", to_string(o->option),
                       status_text(r.verdict.of(o->option)), latency_text(l.p50_s), latency_text(l.p95_s),
                       format_money(o->upfront, cur), format_money(o->monthly, cur),
                       format_money(o->total, cur),
                       o->cost_per_1k_calls ? format_unit_price(*o->cost_per_1k_calls, cur) : "-",
                       units_text(*o));
  }
  const OptionStatus& hybrid = r.verdict.of(Option::hybrid);
  if (hybrid.applicable)
    out += fmt::format("hybrid escalates {} of calls to the cloud{}\n\n", format_percent(p.hybrid.escalation),
                       p.hybrid.escalation_sync ? " and waits for the answer" : "");
  else
    out += wrap_text(hybrid.not_applicable_reason, 100, 2) + "\n";

  rules_block(out, r);
  out += "\n";
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
