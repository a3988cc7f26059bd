#include "render/render_tokens.hpp"

#include <fmt/format.h>

#include "util/format.hpp"

namespace edgecalc {

std::vector<TokenCostRow> token_cost_rows(JsonView r) {
  std::vector<TokenCostRow> rows;
  const std::string cur = r["currency"].text();
  const auto price = [&](JsonView v) { return v.is_number() ? format_unit_price(v.number(), cur) : std::string("-"); };
  for (const char* name : {"cloud", "edge", "hybrid"}) {
    const JsonView t = r["options"][name]["cost_per_1m_tokens"];
    if (!t.is_object()) continue;
    TokenCostRow row{name, price(t["input"]), price(t["output"]), price(t["blended"]), ""};
    if (t["split_by"].is_string())
      row.how = fmt::format("split by {} (input {} of the cost)", t["split_by"].text(), format_percent(t["input_share"].number()));
    else
      row.how = "all tokens alike: " + t["unsplit_reason"].text();
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string api_price_text(JsonView r) {
  const JsonView a = r["options"]["cloud"]["cost_per_1m_tokens"]["api_price"];
  if (!a.is_object()) return "";
  const std::string cur = r["currency"].text();
  return fmt::format("API list price {} in, {} out per 1M tokens", format_unit_price(a["input"].number(), cur),
                     format_unit_price(a["output"].number(), cur));
}

std::string token_cost_table(JsonView r) {
  const std::vector<TokenCostRow> rows = token_cost_rows(r);
  if (rows.empty()) return "";
  std::string out = "\nper 1M tokens, all costs over the horizon";
  if (const std::string api = api_price_text(r); !api.empty()) out += "; " + api;
  out += fmt::format("\n  {:<8}{:>11}{:>11}{:>11}  {}\n", "option", "input", "output", "all", "how");
  constexpr std::size_t k_how_column = 2 + 8 + 3 * 11 + 2;
  for (const TokenCostRow& row : rows)  // the reason wraps under its own column, within 100
    out += fmt::format("  {:<8}{:>11}{:>11}{:>11}  {}", row.option, row.input, row.output, row.blended,
                       wrap_text(row.how, 100, k_how_column).substr(k_how_column));
  return out;
}

}  // namespace edgecalc
