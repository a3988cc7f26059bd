// Text and Markdown renderings of a diff (docs/report.md#diff).
#include <edgecalc/report/diff.hpp>

#include <fmt/format.h>

#include "util/escape.hpp"
#include "util/format.hpp"
#include "util/json_util.hpp"

namespace edgecalc {

namespace {

using Json = nlohmann::ordered_json;

std::string money_or_dash(JsonView amount, const std::string& currency) {
  return amount.is_number() ? format_money(num(amount), currency) : "-";
}

}  // namespace

std::string render_diff_table(const nlohmann::ordered_json& d) {
  const std::string cur = str(d["currency"]);
  std::string out = fmt::format("diff {} -> {}\n", str(d["base"]["file"]), str(d["head"]["file"]));
  out += fmt::format("verdict  {} -> {}{}\n", str(d["base"]["verdict"]), str(d["head"]["verdict"]),
                     d["verdict_changed"].get<bool>() ? " (changed)" : " (unchanged)");
  if (!d["chosen_total"].is_null())
    out += fmt::format("chosen   total {} -> {}: {}\n", format_money(num(d["chosen_total"]["base"]), cur),
                       format_money(num(d["chosen_total"]["head"]), cur), format_change(d["chosen_total"], cur));
  out += fmt::format("\n{:<8}{:<11}{:>16}{:>16}  {}\n", "option", "cost", "base", "head", "change");
  for (const char* o : k_diff_options) {
    bool first = true;
    for (const auto& [key, label] : k_diff_metrics) {
      const JsonView c = JsonView(d)["options"][o][key];
      out += fmt::format("{:<8}{:<11}{:>16}{:>16}  {}\n", first ? o : "", label, money_or_dash(c["base"], cur),
                         money_or_dash(c["head"], cur), format_change(c.json(), cur));
      first = false;
    }
  }
  for (const auto& [key, label] : {std::pair{"rules_started", "started firing"}, std::pair{"rules_stopped", "stopped firing"}}) {
    if (d[key].empty()) continue;
    out += fmt::format("\nrules {}\n", label);
    for (const Json& f : d[key]) out += "  " + str(f) + "\n";
  }
  return out;
}

std::string render_diff_markdown(const nlohmann::ordered_json& d) {
  const std::string cur = str(d["currency"]);
  std::string out = fmt::format("#### Compared with {}\n\n", md_code(str(d["base"]["file"])));
  out += fmt::format("Verdict: **{}** → **{}**{}\n\n", md_text(str(d["base"]["verdict"])), md_text(str(d["head"]["verdict"])),
                     d["verdict_changed"].get<bool>() ? " (changed)" : "");
  out += "| option | cost | base | head | change |\n| --- | --- | ---: | ---: | ---: |\n";
  for (const char* o : k_diff_options)
    for (const auto& [key, label] : k_diff_metrics) {
      const JsonView c = JsonView(d)["options"][o][key];
      out += fmt::format("| {} | {} | {} | {} | {} |\n", o, label, md_text(money_or_dash(c["base"], cur)),
                         md_text(money_or_dash(c["head"], cur)), md_text(format_change(c.json(), cur)));
    }
  for (const auto& [key, label] : {std::pair{"rules_started", "Rules started firing"}, std::pair{"rules_stopped", "Rules stopped firing"}}) {
    if (d[key].empty()) continue;
    out += fmt::format("\n{}: ", label);
    std::string list;
    for (const Json& f : d[key]) list += (list.empty() ? "" : ", ") + md_code(str(f));
    out += list + "\n";
  }
  return out + "\n";
}

}  // namespace edgecalc
