// The table: rendered from the JSON report, so a saved report renders the same as a fresh one.

#include <edgecalc/render/render.hpp>

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "util/json_util.hpp"

#include <edgecalc/report/diff.hpp>

#include "util/format.hpp"
#include "render/render_cost_chart.hpp"
#include "render/render_finance.hpp"
#include "render/render_tokens.hpp"
#include "render/render_scan.hpp"
#include "render/render_uncertainty.hpp"
#include "render/render_sensitivity.hpp"
#include "render/render_text.hpp"

namespace edgecalc {

namespace {

using Json = JsonView;

constexpr const char* k_options[] = {"cloud", "edge", "hybrid"};

struct ItemLabel {
  std::string_view item;
  std::string_view label;
};
constexpr ItemLabel k_item_labels[] = {
    {"per_call_fees", "per-call fees"}, {"tokens", "tokens"},           {"transfer", "transfer"},
    {"network_data", "network data"},
    {"instances", "instances"},         {"fixed", "fixed fees"},        {"hardware", "hardware"},
    {"engineering", "engineering"},     {"energy", "energy"},           {"maintenance", "maintenance"},
    {"replacements", "replacements"}, {"resale", "resale"}};

// ANSI colours: green edge, blue cloud, yellow hybrid, red none; the same for gate statuses.
std::string paint(std::string_view text, std::string_view what, bool color) {
  if (!color) return std::string(text);
  const char* code = what == "edge" || what == "pass"    ? "32"
                     : what == "cloud"                   ? "34"
                     : what == "hybrid" || what == "warn" ? "33"
                                                         : "31";
  return fmt::format("\x1b[1;{}m{}\x1b[0m", code, text);
}

std::string label_of(const std::string& item) {
  for (const ItemLabel& l : k_item_labels)
    if (l.item == item) return std::string(l.label);
  return item;
}


std::string line_label(const Json& line, const Json& o, bool show_side) {
  const std::string item = str(line["item"]);
  std::string label = label_of(item);
  if (item == "instances" && !o["instances"].is_null()) label += fmt::format(" ({})", format_count(num(o["instances"])));
  if (item == "hardware" && !o["units"].is_null()) label += fmt::format(" ({})", units_text(o));
  if (item == "replacements") label += fmt::format(" ({} x)", format_count(num(o["replacement_count"])));
  if (show_side) label = fmt::format("{}: {}", str(line["side"]), label);
  return label;
}

std::string status_text(const Json& o) {
  if (!o["applicable"].flag()) return "n/a";
  return o["blocked_by"].empty() ? "ok" : "blocked";
}


void break_even_block(std::string& out, const Json& r, const std::string& name) {
  const std::vector<std::string> sentences = break_even_sentences(r, name);
  for (std::size_t i = 0; i < sentences.size(); ++i)
    out += fmt::format("  {:<17}{}\n", i == 0 ? name + " vs cloud" : "", sentences[i]);
  if (const std::string discounted = discounted_break_even_text(r, name); !discounted.empty())
    out += fmt::format("  {:<17}{}\n", "", discounted);
}

void header(std::string& out, const Json& r, const RenderOptions& style) {
  const std::string verdict = str(r["verdict"]);
  out += fmt::format("{}: {}{}\n", str(r["profile"]), paint(verdict, verdict, style.color),
                     r["close_call"].flag() ? " (close call)" : "");
  out += wrap_text(str(r["summary"]), 100, 2);
  for (const Json& g : r["gates"]) {
    const std::string status = str(g["status"]);
    out += fmt::format("  gate {} {}\n", paint(fmt::format("{:<7}", status), status, style.color), str(g["message"]));
  }
  out += "\n";
}

void volume(std::string& out, const Json& r) {
  const Json& w = r["workload"];
  const double month_s = num(r["hours_per_month"]) * 3600;
  out += fmt::format("volume   {} calls/month: {} x {} each; peak {} calls/s\n",
                     format_count(num(w["calls_per_month"])), format_count_of(num(w["fleet_size"]), str(w["fleet_unit"])),
                     format_rate(num(w["calls_per_member_per_second"]), month_s),
                     format_count(num(w["peak_calls_per_second"])));
  if (!w["tokens_per_month"].is_null())
    out += fmt::format("tokens   {} tokens/month ({} in, {} out)\n", format_count(num(w["tokens_per_month"])),
                       format_count(num(w["input_tokens_per_month"])), format_count(num(w["output_tokens_per_month"])));
  out += fmt::format("horizon  {} of {} h, money in {}\n", format_months(num(r["horizon_months"])),
                     format_count(num(r["hours_per_month"])), str(r["currency"]));
  const Json& n = r["network"];
  const std::string budget = r["latency_budget_ms"].is_null() ? "none" : latency_text(r["latency_budget_ms"]);
  if (!n["rtt_ms"].is_null())
    out += fmt::format("latency  budget {}; {} round trip {}, upload {} at {} Mbit/s\n", budget, str(n["class"]),
                       format_duration_range(num(n["rtt_ms"]["low"]) / 1000, num(n["rtt_ms"]["high"]) / 1000),
                       latency_text(n["upload_ms"]), format_count(num(n["uplink_bits_per_second"]) / 1e6));
  else
    out += fmt::format("latency  budget {}; no network link\n", budget);
  out += "\n";
}

void options_block(std::string& out, const Json& r) {
  const std::string& cur = r["currency"].text();
  const MoneyStyle style = money_style_of(r);
  const std::string total_header = fmt::format("total {} mo", format_count(num(r["horizon_months"])));
  out += fmt::format("{:<7}{:<8}{:>9}{:>9}{:>13}{:>12}{:>13}{:>11}  {}\n", "option", "status", "p50", "p95",
                     "up front", "per month", total_header, "per 1k", "units");
  for (const char* name : k_options) {
    const Json& o = r["options"][name];
    const auto per_1k = opt(o["cost_per_1k_calls"]);
    const bool applicable = o["applicable"].flag();  // an option that is not applicable shows no numbers
    out += fmt::format("{:<7}{:<8}{:>9}{:>9}{:>13}{:>12}{:>13}{:>11}  {}\n", name, status_text(o),
                       applicable ? latency_text(o["latency_ms"]["p50"]) : "-",
                       applicable ? latency_text(o["latency_ms"]["p95"]) : "-",
                       format_money(num(o["upfront_cost"]), cur, style), format_money(num(o["monthly_cost"]), cur, style),
                       format_money(num(o["total_cost"]), cur, style), per_1k ? format_unit_price(*per_1k, cur) : "-",
                       units_text(o));
  }
  const Json& hybrid = r["options"]["hybrid"];
  if (hybrid["applicable"].flag())
    out += fmt::format("hybrid escalates {} of calls to the cloud{}\n\n", format_percent(num(hybrid["escalation"])),
                       hybrid["escalation_sync"].flag() ? " and waits for the answer" : "");
  else
    out += wrap_text(str(hybrid["not_applicable_reason"]), 100, 2) + "\n";
}

void prediction_block(std::string& out, const Json& r) {
  const Json& edge = r["options"]["edge"];
  if (!edge.contains("prediction")) return;
  const Json& p = edge["prediction"];
  out += fmt::format("prediction  {} on {}{}\n", str(p["model"]), str(p["hardware"]),
                     p["quantization"].is_null() ? "" : fmt::format(" ({})", str(p["quantization"])));
  for (const Json& w : p["workings"]) out += wrap_text(fmt::format("{:<10}{}", str(w["quantity"]), str(w["how"])), 100, 2);
  out += "\n";
}

// Each option's units at the peak, as a queue: "3 boxes, 49% busy at peak, p95 wait 5.1 s
// (Erlang C, c=3)".
void load_lines(std::string& out, const Json& r) {
  for (const char* name : {"cloud", "edge", "hybrid"}) {
    const Json& o = r["options"][name];
    const Json& l = o["load"];
    if (!l.is_object() || !o["applicable"].flag()) continue;
    const bool fleet = str(l["sized_by"]) == "fleet";
    const std::string units = fleet ? fmt::format("each of {}", units_text(o)) : units_text(o);
    const double c = num(l["servers"]) * num(l["concurrency_per_unit"]);
    const std::string wait = l["saturated"].flag()
                                 ? "saturated: no finite wait"
                                 : fmt::format("p95 wait {} (Erlang C, c={}{})", latency_text(l["wait_p95_ms"]),
                                               fleet ? "1" : format_count(c),
                                               num(l["concurrency_per_unit"]) > 1 && !fleet
                                                   ? fmt::format(" = {} slots each", format_count(num(l["concurrency_per_unit"])))
                                                   : "");
    const std::string batch = num(l["operating_batch"]) > 1
                                  ? fmt::format(" at a batch of {}", format_count(num(l["operating_batch"])))
                                  : "";
    // A batching GPU works whenever one call decodes: its busy share runs ahead of the share of
    // its throughput the load uses, and both are shown.
    const double used = num(l["utilization_at_peak"]), busy = num(l["busy_at_peak"]);
    const std::string share = std::abs(busy - used) > 1e-9 * std::max(1.0, used)
                                  ? fmt::format("{} of capacity at peak (busy {})", format_percent(used), format_percent(busy))
                                  : fmt::format("{} busy at peak", format_percent(used));
    // The user's p95 at the unit: the wait and the call's own spread together (older reports lack it).
    const std::string spread = l["call_p95_ms"].is_number()
                                   ? fmt::format(" on average (cv {}), p95 with its wait {}", format_count(num(l["service_cv"])),
                                                 latency_text(l["call_p95_ms"]))
                                   : "";
    out += wrap_text(fmt::format("  {:<7}{}, {}, {}; a call takes {}{}{}; sized by {}", name, units, share, wait,
                                 latency_text(l["service_ms"]), batch, spread, str(l["sized_by"])),
                     100, 9);
    // The hybrid's load is its local units; its escalations go to the instances rented.
    if (const std::string rented = rental_sentence(r, o); !rented.empty())
      out += wrap_text(std::string(name) == "hybrid"
                           ? fmt::format("         escalations to {}, {}", format_count_of(num(o["instances"]), "instances"), rented)
                           : fmt::format("         {}", rented),
                       100, 9);
  }
}

// How busy the edge hardware is and what one unit draws: the numbers behind the energy line and
// the throughput rule.
void sizing_block(std::string& out, const Json& r) {
  const Json& edge = r["options"]["edge"];
  const Json& s = edge["sizing"];
  if (!s.is_object()) return;
  const std::string busy = fmt::format("busy {} on average, {} at the peak", format_percent(num(s["busy_mean"])),
                                       format_percent(num(s["busy_peak"])));
  const std::string power = fmt::format("{} W each{}", format_count(num(s["power_watts"])),
                                        s["power_from_load"].flag() ? " at this load" : "");
  if (str(edge["units_label"]) == "boxes")
    out += wrap_text(fmt::format("sizing   {} of {} calls/s: {}; {}", units_text(edge),
                                 format_count(num(s["unit_capacity_per_second"])), busy, power),
                     100, 0);
  else
    out += wrap_text(fmt::format("sizing   each {} {}; {}", singular(str(edge["units_label"])), busy, power), 100, 0);
  load_lines(out, r);
  bool first = true;
  for (const char* name : {"cloud", "edge", "hybrid"}) {
    const std::string g = goodput_sentence(r, name);
    if (g.empty()) continue;
    const std::string lines = wrap_text(g, 100, 16);  // the label takes the first line's indent
    out += fmt::format("{:<9}{:<7}{}", first ? "goodput" : "", name, lines.substr(16));
    first = false;
  }
  out += "\n";
}

void rules_block(std::string& out, const Json& r) {
  if (r["rules"].empty()) {
    out += "rules    none fired\n";
    return;
  }
  out += "rules\n";
  for (const Json& f : r["rules"]) {
    out += fmt::format("  {:<6}{:<8} {}\n", str(f["effect"]), str(f["option"]), str(f["id"]));
    out += wrap_text(str(f["message"]), 100, 17);
    out += wrap_text("source: " + str(f["source"]), 100, 17);
  }
}

void assumptions_block(std::string& out, const Json& r) {
  if (r["assumptions"].empty()) return;
  out += "\nassumptions (defaults applied; set them in the profile to change them)\n";
  for (const Json& a : r["assumptions"]) {
    // field and value in columns, the source wrapped under its own column
    constexpr std::size_t k_source_column = 48;
    const std::string lead = fmt::format("  {:<32} {:<12} ", str(a["field"]), str(a["value"]));
    std::string text = wrap_text(str(a["source"]), 100, k_source_column);
    if (lead.size() == k_source_column) {
      text.replace(0, k_source_column, lead);
    } else {  // a long value gets its own line, the source goes below it
      text = wrap_text(fmt::format("{:<32} {}", str(a["field"]), str(a["value"])), 100, 2) + text;
    }
    out += text;
  }
}

void breakdown_block(std::string& out, const Json& r) {
  const std::string& cur = r["currency"].text();
  const MoneyStyle style = money_style_of(r);
  out += fmt::format("\n{:<36}{:>14}{:>14}{:>16}\n", "breakdown", "up front", "per month", "total");
  for (const char* name : k_options) {
    const Json& o = r["options"][name];
    if (o["breakdown"].empty()) continue;  // not priced
    out += fmt::format("  {}\n", name);
    for (const Json& line : o["breakdown"]) {
      out += fmt::format("    {:<32}{:>14}{:>14}{:>16}\n", line_label(line, o, std::string_view(name) == "hybrid"),
                         format_money(num(line["upfront"]), cur, style), format_money(num(line["monthly"]), cur, style),
                         format_money(num(line["total"]), cur, style));
    }
  }
}

}  // namespace

std::string units_text(JsonView o) {
  if (o["units"].is_null()) return "-";
  return format_count_of(num(o["units"]), str(o["units_label"]));
}

MoneyStyle money_style_of(JsonView r) {
  double largest = 0;
  const auto consider = [&](JsonView amount) {
    if (amount.is_number() && std::isfinite(num(amount))) largest = std::max(largest, std::fabs(num(amount)));
  };
  for (const char* name : k_options) {
    const JsonView o = r["options"][name];
    for (const char* key : {"upfront_cost", "monthly_cost", "total_cost"}) consider(o[key]);
    for (const JsonView line : o["breakdown"])
      for (const char* key : {"upfront", "monthly", "total"}) consider(line[key]);
  }
  return money_style_for(largest);
}

std::string latency_text(JsonView ms) {
  return ms.is_number() ? format_duration(num(ms) / 1000) : "-";
}

std::vector<std::string> break_even_sentences(JsonView r, const std::string& name) {
  const Json& be = r["break_even"][name + "_vs_cloud"];
  const Json& o = r["options"][name];
  const Json& cloud = r["options"]["cloud"];
  const std::string& cur = r["currency"].text();
  std::vector<std::string> out;
  if (!be.is_object()) return out;  // not priced: a hybrid that escalates nothing
  const auto month = opt(be["month"]);
  if (month && *month == 0) {
    out.push_back(fmt::format("{} costs no more than the cloud from month 0", name));
  } else if (month && *month > k_never_in_practice_months) {
    out.push_back(fmt::format("{} pays for itself only after {} years: never in practice", name,
                              format_count(std::floor(*month / 12))));
  } else if (month) {
    out.push_back(fmt::format("{} pays for itself after {}, {} the {} horizon", name, format_months(*month),
                              be["within_horizon"].flag() ? "inside" : "beyond",
                              format_horizon(num(r["horizon_months"]))));
  } else if (r["finance"]["monthly"].flag()) {  // priced month by month: searched inside the horizon
    out.push_back(fmt::format("{} does not pay for itself within the {} horizon", name,
                              format_horizon(num(r["horizon_months"]))));
  } else if (num(o["monthly_cost"]) >= num(cloud["monthly_cost"])) {
    out.push_back(fmt::format("{} never pays for itself: {}/month against the cloud's {}", name,
                              format_money(num(o["monthly_cost"]), cur), format_money(num(cloud["monthly_cost"]), cur)));
  } else {
    out.push_back(fmt::format("{} never pays for itself: a lifetime's savings never cover its hardware", name));
  }
  const Json& w = r["workload"];
  if (const auto calls = opt(be["calls_per_month"]))
    out.push_back(fmt::format("{} is cheaper {} {} calls/month (now {})", name, str(be["cheaper_calls_per_month"]),
                              format_count(*calls), format_count(num(w["calls_per_month"]))));
  else
    out.push_back(fmt::format("no call volume makes {} and cloud cost the same", name));
  // A fleet is whole: the first whole size past the crossing (the exact value is in the JSON).
  const std::string unit = str(w["fleet_unit"]);
  const std::string now = format_count(num(w["fleet_size"]));
  if (const auto size = opt(be["fleet_size"])) {
    if (str(be["cheaper_fleet_size"]) == "above")
      out.push_back(fmt::format("{} is cheaper from {} up (now {})", name, format_count_of(std::floor(*size) + 1, unit),
                                now));
    else if (std::ceil(*size) - 1 >= 1)
      out.push_back(fmt::format("{} is cheaper up to {} (now {})", name, format_count_of(std::ceil(*size) - 1, unit), now));
    else
      out.push_back(fmt::format("{} is cheaper than the cloud at no whole fleet size", name));
  } else {
    out.push_back(fmt::format("no fleet size makes {} and cloud cost the same", name));
  }
  return out;
}

std::string render_table(const nlohmann::ordered_json& json, const RenderOptions& style) {
  const JsonView report(json);
  std::string out;
  header(out, report, style);
  volume(out, report);
  options_block(out, report);
  if (const std::string tokens = token_cost_table(report); !tokens.empty()) out += tokens.substr(1) + "\n";
  if (const std::string energy = energy_table(report); !energy.empty()) out += energy + "\n";
  if (const std::string battery = battery_table(report); !battery.empty()) out += battery + "\n";
  sizing_block(out, report);
  prediction_block(out, report);
  rules_block(out, report);
  out += "\nbreak-even\n";
  break_even_block(out, report, "edge");
  break_even_block(out, report, "hybrid");
  if (style.chart)
    if (const std::string chart = cost_chart(report, style); !chart.empty()) out += "\n" + chart;
  breakdown_block(out, report);
  out += money_over_time_table(report);
  assumptions_block(out, report);
  if (report.contains("uncertainty")) out += uncertainty_table(report, style.ascii);
  if (report.contains("sensitivity")) out += sensitivity_table(report, style.ascii);
  if (report.contains("scan")) out += scan_table(report);
  if (report.contains("comparison")) out += "\ncompared with a baseline\n" + render_diff_table(report["comparison"].json());
  return out;
}


}  // namespace edgecalc
