// `--format html`: one self-contained page (inline CSS and SVG; nothing fetched, no script) per
// run, a section per profile; `--format svg`: the cumulative cost chart alone. Both from the
// JSON report, so `edgecalc render saved.json --format html` gives the same page.

#include <edgecalc/render/render.hpp>

#include <fmt/format.h>

#include "render/render_finance.hpp"
#include "render/render_energy.hpp"
#include "render/render_tokens.hpp"
#include "render/render_brief.hpp"
#include "render/render_cost_chart.hpp"
#include "render/render_sensitivity.hpp"
#include "render/render_text.hpp"
#include "render/svg.hpp"
#include "util/format.hpp"
#include "util/json_util.hpp"

namespace edgecalc {

namespace {

constexpr const char* k_options[] = {"cloud", "edge", "hybrid"};

constexpr std::string_view k_style = R"(body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#222;background:#fff;line-height:1.45}
main{max-width:900px;margin:0 auto;padding:16px}
h1{font-size:1.5em;margin:.4em 0}h2{font-size:1.15em;margin:1.4em 0 .4em;border-bottom:1px solid #ddd}
.verdict{padding:.1em .5em;border-radius:4px;color:#fff}.edge{background:#1a9850}.cloud{background:#2f6fdf}
.hybrid{background:#c98a00}.none{background:#d62728}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{text-align:left;padding:.25em .5em;border-bottom:1px solid #eee;vertical-align:top}
td{overflow-wrap:break-word}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap;overflow-wrap:normal}
.pass{color:#1a7f37}.fail{color:#d62728}.warn{color:#9a6700}.skipped{color:#666}
figure{margin:.5em 0}svg{max-width:100%;height:auto}
footer{margin-top:2em;color:#666;font-size:.85em}
.wide{overflow-x:auto}section{break-after:page}section+section{margin-top:2.5em;border-top:3px solid #ddd}
@media (max-width:600px){main{padding:8px}figure{overflow-x:auto}figure svg{min-width:540px}
table.stack,.stack tbody,.stack tr,.stack td{display:block;width:auto}.stack tr:first-child{display:none}.stack tr{padding:.4em 0;border-bottom:1px solid #ddd}
.stack td{border:0;padding:.05em 0}.stack td:first-child{font-weight:600}.stack td:last-child{color:#666;font-size:.9em}table{font-size:.8em}th,td{padding:.2em .3em}h1{font-size:1.25em}}
@media print{main{max-width:none;padding:0}body{font-size:10pt}.wide,figure{overflow:visible}figure svg{min-width:0}
figure,tr{break-inside:avoid}h2{break-after:avoid}*{print-color-adjust:exact;-webkit-print-color-adjust:exact}}
@page{margin:14mm}
)";

std::string e(const std::string& s) { return xml_escape(s); }

std::string money(JsonView r, double v) { return format_money(v, str(r["currency"]), money_style_of(r)); }
std::string compact(JsonView r, double v) { return format_money(v, str(r["currency"]), MoneyStyle::compact); }

std::string figure(const std::string& svg) { return "<figure>\n" + svg + "</figure>\n"; }

// A table scrolls inside its own box on a narrow screen, so the page itself never does; a table
// of prose (class "stack") turns into one block per row there instead, its header hidden.
std::string table(const std::string& rows, std::string_view cls = {}) {
  return fmt::format("<div class=\"wide\"><table{}>\n{}</table></div>\n", cls.empty() ? "" : fmt::format(" class=\"{}\"", cls), rows);
}

std::string options_table(JsonView r) {
  std::string out = "<tr><th>option</th><th>status</th><th>p95</th><th>up front</th><th>per month</th>"
                    "<th>total</th><th>per 1k calls</th><th>units</th></tr>\n";
  for (const char* name : k_options) {
    const JsonView o = r["options"][name];
    const std::string status = !o["applicable"].flag() ? "n/a" : o["blocked_by"].empty() ? "ok" : "blocked";
    const auto cell = [&](const char* key) { return o[key].is_number() ? money(r, num(o[key])) : std::string("-"); };
    out += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                       "<td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
                       name, status, e(latency_text(o["latency_ms"]["p95"])), cell("upfront_cost"), cell("monthly_cost"),
                       cell("total_cost"),
                       o["cost_per_1k_calls"].is_number() ? format_unit_price(num(o["cost_per_1k_calls"]), str(r["currency"])) : "-",
                       e(units_text(o)));
  }
  return table(out);
}

// What 1M tokens cost each option, beside the API's list price.
std::string tokens_table(JsonView r) {
  const std::vector<TokenCostRow> rows = token_cost_rows(r);
  if (rows.empty()) return {};
  std::string out = "<tr><th>per 1M tokens</th><th>input</th><th>output</th><th>all tokens</th><th>how</th></tr>\n";
  for (const TokenCostRow& row : rows)
    out += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
                       e(row.option), e(row.input), e(row.output), e(row.blended), e(row.how));
  const std::string api = api_price_text(r);
  return table(out) + (api.empty() ? "" : fmt::format("<p>{}; all costs over the horizon.</p>\n", e(api)));
}

// Energy and carbon per call, and a battery device's life, per option.
std::string energy_section(JsonView r) {
  const std::vector<EnergyRow> rows = energy_rows(r);
  if (rows.empty()) return {};
  std::string out = fmt::format("<h2>Energy and carbon</h2>\n<p>{}</p>\n", e(carbon_heading(r)));
  std::string t = "<tr><th>option</th><th>per call</th><th>CO2e a call</th><th>CO2e a month</th><th>note</th></tr>\n";
  for (const EnergyRow& row : rows)
    t += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>\n",
                     e(row.option), e(row.per_call), e(row.carbon_per_call), e(row.carbon_per_month), e(row.note));
  out += table(t);
  const std::vector<BatteryRow> battery = battery_rows(r);
  if (battery.empty()) return out;
  out += "<h2>Battery life</h2>\n<ul>\n";
  for (const std::string& line : battery_lines(r)) out += "<li>" + e(line) + "</li>\n";
  out += "</ul>\n";
  std::string b = "<tr><th>option</th><th>life</th><th>average draw</th><th>inference</th><th>radio</th><th>note</th></tr>\n";
  for (const BatteryRow& row : battery)
    b += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                     "<td class=\"n\">{}</td><td>{}</td></tr>\n",
                     e(row.option), e(row.life), e(row.average_draw), e(row.inference), e(row.radio), e(row.note));
  return out + table(b);
}

// How the options were priced month by month, and what that did to each.
std::string money_over_time_section(JsonView r) {
  const std::vector<std::string> lines = money_over_time_lines(r, true);
  if (lines.empty()) return {};
  std::string out = "<h2>Money over time</h2>\n<ul>\n";
  for (const std::string& line : lines) out += "<li>" + e(line) + "</li>\n";
  out += "</ul>\n";
  std::string rows = "<tr><th>option</th><th>total</th><th>present value</th><th>resale</th><th>depreciation</th>"
                     "<th>peak month</th></tr>\n";
  for (const auto& row : money_over_time_rows(r))
    rows += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>"
                        "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
                        e(row[0]), e(row[1]), e(row[2]), e(row[3]), e(row[4]), e(row[5]));
  return out + table(rows);
}

std::string breakdown_chart(JsonView r) {
  std::vector<StackedBar> bars;
  for (const char* name : k_options) {
    const JsonView o = r["options"][name];
    if (o["breakdown"].empty()) continue;
    StackedBar b{name, {}};
    for (JsonView line : o["breakdown"])
      if (num(line["total"]) > 0) b.segments.push_back(BarSegment{str(line["item"]), num(line["total"])});
    bars.push_back(std::move(b));
  }
  if (bars.empty()) return {};
  std::string desc = "Total cost of each option over the horizon, split into its cost items.";
  return figure(svg_stacked_bars(fmt::format("cost over {} by item", format_months(num(r["horizon_months"]))), desc, bars,
                                 [&](double v) { return money(r, v); }));
}

std::string latency_chart(JsonView r) {
  std::vector<RangeBar> bars;
  for (const char* name : k_options) {
    const JsonView l = r["options"][name]["latency_ms"];
    if (!l.is_object() || !r["options"][name]["applicable"].flag()) continue;
    bars.push_back(RangeBar{name, num(l["p50"]), num(l["p95"]), std::nullopt, name,
                            fmt::format("p50 {}, p95 {}", latency_text(l["p50"]), latency_text(l["p95"]))});
  }
  if (bars.empty()) return {};
  const auto budget = opt(r["latency_budget_ms"]);
  return figure(svg_range_bars("latency: p50 to p95 against the budget", "Each option's latency from p50 to p95; the dashed line is the budget.",
                               bars, [](double ms) { return format_duration(ms / 1000); }, budget, "budget"));
}

// Each option's goodput against today's peak (model/latency.hpp); empty when none has one.
std::string goodput_table(JsonView r) {
  std::string rows;
  for (const char* name : k_options) {
    const JsonView g = r["options"][name]["goodput"];
    const std::string sentence = goodput_sentence(r, name);
    if (sentence.empty()) continue;
    rows += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n", name,
                        format_count(num(g["peak_calls_per_second"])), format_count(num(g["max_calls_per_second"])),
                        g["headroom"].is_number() ? format_percent(num(g["headroom"])) : "-", e(sentence));
  }
  if (rows.empty()) return {};
  return table("<tr><th>option</th><th>peak calls/s</th><th>goodput calls/s</th><th>headroom</th><th>what it means</th></tr>\n" +
                   rows, "stack");
}

std::string rules_list(JsonView r) {
  if (r["rules"].empty()) return "<p>No rule fired.</p>\n";
  std::string out = "<tr><th>rule</th><th>effect</th><th>why</th><th>source</th></tr>\n";
  for (JsonView f : r["rules"])
    out += fmt::format("<tr><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td></tr>\n", e(str(f["id"])), e(str(f["effect"])),
                       e(str(f["option"])), e(str(f["message"])), e(str(f["source"])));
  return table(out, "stack");
}

std::string assumptions_table(JsonView r) {
  std::string out = "<tr><th>field</th><th>value</th><th>source</th></tr>\n";
  for (JsonView a : r["assumptions"])
    out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", e(str(a["field"])), e(str(a["value"])), e(str(a["source"])));
  return table(out, "stack");
}

std::string tornado_chart(JsonView r) {
  const JsonView s = r["sensitivity"];
  if (!s.is_object() || !s["compared_with"].is_string()) return {};
  std::vector<std::pair<double, RangeBar>> rows;
  for (JsonView f : s["fields"]) {
    if (!f["margin_low"].is_number() || !f["margin_high"].is_number() || num(f["swing"]) <= 0) continue;
    const double a = num(f["margin_low"]), b = num(f["margin_high"]);
    rows.push_back({num(f["swing"]), RangeBar{str(f["field"]), std::min(a, b), std::max(a, b), std::nullopt, str(s["verdict"]),
                                              fmt::format("{} .. {}", compact(r, a), compact(r, b))}});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  if (rows.size() > 10) rows.resize(10);
  std::vector<RangeBar> bars;
  for (auto& [swing, bar] : rows) bars.push_back(std::move(bar));
  if (bars.empty()) return {};
  return figure(svg_range_bars(fmt::format("tornado: {} total minus {} total", str(s["verdict"]), str(s["compared_with"])),
                               "For each input, the cost margin at its low and its high value; left of the dashed line the verdict is cheaper.",
                               bars, [&](double v) { return compact(r, v); }, 0.0, "margin"));
}

std::string uncertainty_chart(JsonView r) {
  const JsonView u = r["uncertainty"];
  if (!u.is_object()) return {};
  std::vector<RangeBar> bars;
  for (const char* name : k_options) {
    const JsonView t = u["options"][name]["total_cost"];
    if (!t.is_object()) continue;
    bars.push_back(RangeBar{fmt::format("{} (wins {})", name, format_percent(num(u["options"][name]["p_verdict"]))),
                            num(t["p5"]), num(t["p95"]), num(t["p50"]), name,
                            fmt::format("P50 {}", compact(r, num(t["p50"])))});
  }
  std::string out = figure(svg_range_bars(fmt::format("total cost over {} samples: P5 to P95, P50 marked", format_count(num(u["samples"]))),
                                          "Each option's total cost across the Monte Carlo samples, from the 5th to the 95th percentile.",
                                          bars, [&](double v) { return compact(r, v); }, std::nullopt, ""));
  const JsonView hj = u["histogram"];
  if (!hj.is_object() || hj["counts"].empty()) return out;
  Histogram h{num(hj["low"]), num(hj["high"]), str(hj["scale"]) == "log", {}};
  for (const char* name : k_options) {
    std::vector<std::size_t> counts;
    for (JsonView c : hj["counts"][name]) counts.push_back(static_cast<std::size_t>(num(c)));
    if (!counts.empty()) h.counts.emplace_back(name, std::move(counts));
  }
  return out + figure(svg_histogram("how the samples' total costs fall", "Histogram of each option's total cost over the samples.",
                                    h, [&](double v) { return compact(r, v); }));
}

// A one-axis scan: each option's total along the axis, the verdict's regions shaded; a grid:
// the verdict map as a table of coloured cells.
std::string scan_chart(JsonView r) {
  const JsonView scan = r["scan"];
  if (!scan.is_object() || scan["axes"].empty()) return {};
  std::vector<JsonView> axes, points;
  for (JsonView a : scan["axes"]) axes.push_back(a);
  for (JsonView p : scan["points"]) points.push_back(p);
  const auto value_of = [](JsonView point, JsonView axis) { return point["values"][str(axis["field"])]; };
  const auto shown = [&](JsonView v, JsonView axis) {
    return v.is_number() ? field_value_text(num(v), str(axis["unit"]), r) : str(v);
  };
  if (axes.size() == 2) {
    std::vector<JsonView> columns;
    for (JsonView v : axes[1]["values"]) columns.push_back(v);
    const std::string intro = fmt::format("<p>Verdict at each point: {} down, {} across.</p>\n", e(str(axes[0]["field"])),
                                          e(str(axes[1]["field"])));
    std::string out = "<tr><th></th>";
    for (JsonView c : columns) out += "<th>" + e(shown(c, axes[1])) + "</th>";
    out += "</tr>\n";
    for (std::size_t i = 0; i < points.size(); ++i) {
      if (i % columns.size() == 0) out += "<tr><th>" + e(shown(value_of(points[i], axes[0]), axes[0])) + "</th>";
      const std::string v = verdict_of(points[i]);
      out += fmt::format("<td class=\"verdict {0}\">{0}</td>", v);
      if (i % columns.size() + 1 == columns.size()) out += "</tr>\n";
    }
    return intro + table(out);
  }
  if (str(axes[0]["mode"]) == "list" || points.size() < 2) return {};
  LineChart chart;
  chart.title = fmt::format("total cost along {}", str(axes[0]["field"]));
  chart.x_label = str(axes[0]["field"]);
  chart.x_log = str(axes[0]["mode"]) == "log";
  chart.x_min = num(value_of(points.front(), axes[0]));
  chart.x_max = num(value_of(points.back(), axes[0]));
  chart.x_text = [&r, unit = str(axes[0]["unit"])](double v) { return field_value_text(v, unit, r); };
  chart.y_text = [&r](double v) { return compact(r, v); };
  for (const char* name : k_options) {
    ChartSeries s{name, name[0], {}, {}};
    for (JsonView p : points)
      if (p["totals"][name].is_number()) s.x.push_back(num(value_of(p, axes[0]))), s.y.push_back(num(p["totals"][name]));
    if (!s.x.empty()) chart.series.push_back(std::move(s));
  }
  for (std::size_t i = 0; i < points.size(); ++i) {  // each point's verdict holds halfway to its neighbours
    const double x = num(value_of(points[i], axes[0]));
    const double x0 = i == 0 ? x : (x + num(value_of(points[i - 1], axes[0]))) / 2;
    const double x1 = i + 1 == points.size() ? x : (x + num(value_of(points[i + 1], axes[0]))) / 2;
    chart.bands.push_back(ChartBand{x0, x1, verdict_of(points[i])});
  }
  return figure(svg_line_chart(chart, fmt::format("Each option's total cost as {} moves across the scan; the background is "
                                                  "shaded in the colour of the verdict at each point.", str(axes[0]["field"]))));
}

std::string badge(const std::string& verdict) { return fmt::format("<span class=\"verdict {0}\">{0}</span>", verdict); }

// Several profiles: a table of them first, each row linking to the profile's section.
std::string overview(const std::vector<nlohmann::ordered_json>& reports) {
  std::string rows = "<tr><th>profile</th><th>verdict</th><th>verdict's total</th><th>over</th><th>gates</th></tr>\n";
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const JsonView r(reports[i]);
    const std::string verdict = verdict_of(r);
    const auto total = opt(r["options"][verdict]["total_cost"]);
    const std::string gates = gates_text(r);
    rows += fmt::format("<tr><td><a href=\"#profile-{}\">{}</a></td><td>{}</td><td class=\"n\">{}</td><td>{}</td><td{}>{}</td></tr>\n",
                        i + 1, e(str(r["profile"])), badge(verdict), total ? compact(r, *total) : "-",
                        e(format_months(num(r["horizon_months"]))), gate_fails(r) ? " class=\"fail\"" : "",
                        gates.empty() ? "-" : e(gates));
  }
  return fmt::format("<section class=\"overview\">\n<h1>edgecalc</h1>\n<p>{}</p>\n{}</section>\n", e(verdict_counts(reports)),
                     table(rows));
}

std::string profile_section(JsonView r, std::size_t index) {
  const std::string verdict = verdict_of(r);
  std::string out = fmt::format("<section class=\"profile\" id=\"profile-{}\">\n<h1>{}: {}</h1>\n", index, e(str(r["profile"])),
                                badge(verdict));
  if (!str(r["description"]).empty()) out += fmt::format("<p>{}</p>\n", e(str(r["description"])));
  std::string why = str(r["summary"]);
  if (why.starts_with(verdict + ": ")) why.erase(0, verdict.size() + 2);
  out += fmt::format("<p><strong>{}</strong></p>\n", e(why));
  if (!r["gates"].empty()) {
    out += "<ul>\n";
    for (JsonView g : r["gates"])
      out += fmt::format("<li class=\"{0}\">gate {0}: {1}</li>\n", e(str(g["status"])), e(str(g["message"])));
    out += "</ul>\n";
  }
  const LineChart chart = cost_line_chart(r);
  if (!chart.series.empty()) {
    std::string desc = "Cumulative cost of each option by month.";
    for (const ChartMark& m : chart.marks) desc += " " + m.label + ".";
    out += "<h2>Cumulative cost</h2>\n" + figure(svg_line_chart(chart, desc));
  }
  out += "<h2>Options</h2>\n" + options_table(r) + tokens_table(r) + breakdown_chart(r);
  out += money_over_time_section(r);
  out += energy_section(r);
  out += "<h2>Latency</h2>\n" + latency_chart(r);
  if (const std::string g = goodput_table(r); !g.empty()) out += "<h3>Goodput: the peak each option carries within the budget</h3>\n" + g;
  out += "<h2>Rules that fired</h2>\n" + rules_list(r);
  if (const std::string t = tornado_chart(r); !t.empty()) out += "<h2>What moves the margin</h2>\n" + t;
  if (const std::string u = uncertainty_chart(r); !u.empty()) out += "<h2>Uncertainty</h2>\n" + u;
  if (const std::string s = scan_chart(r); !s.empty()) out += "<h2>Scan</h2>\n" + s;
  out += "<h2>Assumptions</h2>\n" + assumptions_table(r);
  out += fmt::format("<footer>edgecalc report {} for {} ({}), made for {}</footer>\n</section>\n", num(r["report_version"]),
                     e(str(r["profile"])), e(str(r["file"])), e(str(r["date"])));
  return out;
}

}  // namespace

std::string render_html(const std::vector<nlohmann::ordered_json>& reports) {
  std::string title = "edgecalc";
  if (reports.size() == 1)
    title = fmt::format("edgecalc: {} ({})", JsonView(reports[0])["profile"].text(),
                        verdict_of(JsonView(reports[0])));
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>{}</title>\n<style>\n{}</style>\n"
      "</head>\n<body>\n<main>\n",
      xml_escape(title), k_style);
  if (reports.size() > 1) out += overview(reports);
  for (std::size_t i = 0; i < reports.size(); ++i) out += profile_section(reports[i], i + 1);
  return out + "</main>\n</body>\n</html>\n";
}

std::string render_svg(const std::vector<nlohmann::ordered_json>& reports) {
  constexpr double k_width = 720, k_height = 340;
  std::vector<std::string> charts;
  for (const auto& json : reports) {
    const JsonView r(json);
    LineChart chart = cost_line_chart(r);
    chart.title = fmt::format("{}: {}", r["profile"].text(), chart.title);
    std::string desc = fmt::format("{}: cumulative cost of each option by month.", r["profile"].text());
    for (const ChartMark& m : chart.marks) desc += " " + m.label + ".";
    charts.push_back(svg_line_chart(chart, desc, k_width, k_height));
  }
  if (charts.size() == 1) return charts.front();
  // Several profiles: one document, the charts stacked (an SVG may nest SVGs).
  std::string out = fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\">\n", k_width,
                                k_height * static_cast<double>(charts.size()));
  for (std::size_t i = 0; i < charts.size(); ++i) {
    std::string c = charts[i];
    const std::string from = "width=\"100%\"";
    c.replace(c.find(from), from.size(),
              fmt::format("y=\"{}\" width=\"{}\" height=\"{}\"", k_height * static_cast<double>(i), k_width, k_height));
    out += c;
  }
  return out + "</svg>\n";
}

}  // namespace edgecalc
