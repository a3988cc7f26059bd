// The goodput sentence the text renderers share (table, Markdown, HTML), from the JSON report's
// options.NAME.goodput (model/latency.hpp).
#include <fmt/format.h>

#include "render/render_text.hpp"
#include "util/json_util.hpp"

namespace edgecalc {

std::string goodput_sentence(JsonView r, const std::string& name) {
  const JsonView o = r["options"][name];
  const JsonView g = o["goodput"];
  if (!g.is_object() || !o["applicable"].flag()) return {};
  const bool device = g["per_device"].flag();
  const bool budget = str(g["limited_by"]) == "latency_budget";
  const std::string who = device ? fmt::format("each {}", singular(str(r["workload"]["fleet_unit"])))
                                 : format_count_of(num(g["units"]), str(o["units_label"]));
  const double max = num(g["max_calls_per_second"]), peak = num(g["peak_calls_per_second"]);
  const std::string within = budget ? fmt::format("p95 within {}", latency_text(r["latency_budget_ms"])) : "";
  if (max <= 0) return fmt::format("{}: no call rate keeps {}, one call alone takes longer", who, within);
  const std::string rate = fmt::format("{} calls/s{}", format_count(max), device ? " of its own" : "");
  const bool one = device || num(g["units"]) == 1;
  const std::string limit = budget ? fmt::format("{} {} up to {}", one ? "keeps" : "keep", within, rate)
                                   : fmt::format("{} at {} (no budget)", one ? "saturates" : "saturate", rate);
  std::string text = fmt::format("{} {} at the peak: {}x today's {}, headroom {}", who, limit,
                                 peak > 0 ? format_count(max / peak) : "-", format_count(peak),
                                 format_percent(num(g["headroom"])));
  if (const auto fleet = opt(g["fleet_size_limit"]))
    text += fmt::format("; up to {}", format_count_of(*fleet, str(r["workload"]["fleet_unit"])));
  return text;
}

}  // namespace edgecalc
