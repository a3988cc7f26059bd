// Markdown for pull-request comments: verdict, gates, options, break-even, fired rules,
// assumptions. Rendered from the JSON report.

#include <edgecalc/render/render.hpp>

#include <fmt/format.h>

#include "util/json_util.hpp"

#include <edgecalc/report/diff.hpp>

#include "util/escape.hpp"
#include "util/format.hpp"
#include "render/render_energy.hpp"
#include "render/render_finance.hpp"
#include "render/render_tokens.hpp"
#include "render/render_scan.hpp"
#include "render/render_uncertainty.hpp"
#include "render/render_sensitivity.hpp"
#include "render/render_text.hpp"

namespace edgecalc {

namespace {

using Json = JsonView;


// Every text a profile, a catalog or a file name can put in the comment goes through md_text
// (prose and table cells) or md_code (names in code spans): issue #30.
std::string cell(std::string_view text) { return md_text(text); }

std::string status(const Json& o) {
  if (!o["applicable"].flag()) return "not applicable";
  if (o["blocked_by"].empty()) return "feasible";
  std::string ids;
  for (const Json& id : o["blocked_by"]) ids += (ids.empty() ? "" : ", ") + md_code(str(id), true);
  return "blocked by " + ids;
}

void one_report(std::string& out, const Json& r) {
  const std::string& cur = r["currency"].text();
  out += fmt::format("### edgecalc: {} → **{}**{}\n\n", md_code(str(r["profile"])), cell(str(r["verdict"])),
                     r["close_call"].flag() ? " (close call)" : "");
  out += cell(str(r["summary"])) + "\n\n";
  if (!r["gates"].empty()) {
    out += "| gate | level | result | detail |\n| --- | --- | --- | --- |\n";
    for (const Json& g : r["gates"]) {
      const std::string s = str(g["status"]);
      out += fmt::format("| {} | {} | {} | {} |\n", md_code(str(g["name"]), true), cell(str(g["level"])),
                         s == "fail" ? "**FAIL**" : cell(s), cell(str(g["message"])));
    }
    out += "\n";
  }
  out += fmt::format("| option | status | p50 | p95 | up front | per month | total ({}) | per 1k calls | units |\n",
                     format_months(num(r["horizon_months"])));
  out += "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n";
  for (const char* name : {"cloud", "edge", "hybrid"}) {
    const Json& o = r["options"][name];
    const bool chosen = str(r["verdict"]) == name;
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", chosen ? fmt::format("**{}**", name) : name,
                       status(o), latency_text(o["latency_ms"]["p50"]), latency_text(o["latency_ms"]["p95"]),
                       cell(format_money(num(o["upfront_cost"]), cur, money_style_of(r))),
                       cell(format_money(num(o["monthly_cost"]), cur, money_style_of(r))),
                       cell(format_money(num(o["total_cost"]), cur, money_style_of(r))),
                       o["cost_per_1k_calls"].is_null() ? "-" : cell(format_unit_price(num(o["cost_per_1k_calls"]), cur)),
                       cell(units_text(o)));
  }
  if (const std::vector<TokenCostRow> rows = token_cost_rows(r); !rows.empty()) {
    const std::string api = api_price_text(r);
    out += fmt::format("\n**Per 1M tokens** (all costs over the horizon{})\n\n", api.empty() ? "" : "; " + cell(api));
    out += "| option | input | output | all tokens | how |\n| --- | ---: | ---: | ---: | --- |\n";
    for (const TokenCostRow& row : rows)
      out += fmt::format("| {} | {} | {} | {} | {} |\n", row.option, cell(row.input), cell(row.output), cell(row.blended),
                         cell(row.how));
  }
  if (const std::vector<EnergyRow> rows = energy_rows(r); !rows.empty()) {
    out += fmt::format("\n**Energy per call** ({})\n\n", cell(carbon_heading(r)));
    out += "| option | per call | CO2e a call | CO2e a month | note |\n| --- | ---: | ---: | ---: | --- |\n";
    for (const EnergyRow& row : rows)
      out += fmt::format("| {} | {} | {} | {} | {} |\n", row.option, cell(row.per_call), cell(row.carbon_per_call),
                         cell(row.carbon_per_month), cell(row.note));
  }
  if (const std::vector<BatteryRow> rows = battery_rows(r); !rows.empty()) {
    out += "\n**Battery life**\n\n";
    for (const std::string& line : battery_lines(r)) out += "- " + cell(line) + "\n";
    out += "\n| option | life | average draw | inference | radio | note |\n| --- | ---: | ---: | ---: | ---: | --- |\n";
    for (const BatteryRow& row : rows)
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", row.option, row.life, row.average_draw, row.inference,
                         row.radio, cell(row.note));
  }
  std::string goodput;
  for (const char* name : {"cloud", "edge", "hybrid"})
    if (const std::string s = goodput_sentence(r, name); !s.empty()) goodput += fmt::format("- {}: {}\n", name, cell(s));
  if (!goodput.empty()) out += "\n**Goodput**\n\n" + goodput;
  out += "\n**Break-even**\n\n";
  for (const char* name : {"edge", "hybrid"})
    for (const std::string& s : break_even_sentences(r, name)) out += "- " + cell(s) + "\n";
  out += "\n";
  if (const std::vector<std::string> lines = money_over_time_lines(r, true); !lines.empty()) {
    out += "**Money over time**\n\n";
    for (const std::string& line : lines) out += "- " + cell(line) + "\n";
    out += "\n| option | total | present value | resale | depreciation | peak month |\n"
           "| --- | ---: | ---: | ---: | ---: | ---: |\n";
    for (const auto& row : money_over_time_rows(r))
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", row[0], cell(row[1]), cell(row[2]), cell(row[3]), cell(row[4]),
                         cell(row[5]));
    out += "\n";
  }
  if (!r["rules"].empty()) {
    out += "**Rules fired**\n\n| effect | option | rule | why |\n| --- | --- | --- | --- |\n";
    for (const Json& f : r["rules"])
      out += fmt::format("| {} | {} | {} | {} |\n", cell(str(f["effect"])), cell(str(f["option"])),
                         md_code(str(f["id"]), true), cell(str(f["message"])));
    out += "\n";
  }
  if (!r["assumptions"].empty()) {
    out += fmt::format("<details><summary>Assumptions ({} defaults applied)</summary>\n\n", r["assumptions"].size());
    out += "| field | value | source |\n| --- | --- | --- |\n";
    for (const Json& a : r["assumptions"])
      out += fmt::format("| {} | {} | {} |\n", md_code(str(a["field"]), true), cell(str(a["value"])), cell(str(a["source"])));
    out += "\n</details>\n\n";
  }
  if (r.contains("uncertainty")) out += uncertainty_markdown(r);
  if (r.contains("sensitivity")) out += sensitivity_markdown(r);
  if (r.contains("scan")) out += scan_markdown(r);
  if (r.contains("comparison")) out += render_diff_markdown(r["comparison"].json());
}

}  // namespace

std::string render_markdown(const std::vector<nlohmann::ordered_json>& reports) {
  std::string out;
  for (const auto& r : reports) one_report(out, r);
  return out;
}

}  // namespace edgecalc
