// LiteLLM's community price file (model_prices_and_context_window.json): per-token prices only.

#include <edgecalc/catalog.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "fs_util.hpp"

namespace edgecalc {

bool merge_litellm_prices(const std::string& path, Catalog& catalog, Diagnostics& diagnostics) {
  std::string text;
  if (const std::string problem = read_file_bounded(path, 64u * 1024 * 1024, text, "price file"); !problem.empty()) {
    diagnostics.error(Position{}, problem);
    return false;
  }
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    diagnostics.error(position_of_offset(text, e.byte > 0 ? e.byte - 1 : 0),
                      fmt::format("invalid JSON in the LiteLLM price file: {}", json_parse_reason(e)));
    return false;
  }
  if (!j.is_object()) {
    diagnostics.error(Position{}, "a LiteLLM price file is an object keyed by model name");
    return false;
  }
  const auto per_million = [](const nlohmann::json& entry, const char* key) -> std::optional<double> {
    const auto it = entry.find(key);
    if (it == entry.end() || !it->is_number()) return std::nullopt;
    const double v = it->get<double>() * 1e6;
    return v >= 0 ? std::optional<double>(v) : std::nullopt;
  };
  std::size_t added = 0;
  for (const auto& [name, entry] : j.items()) {
    if (!entry.is_object() || name == "sample_spec") continue;
    const auto input = per_million(entry, "input_cost_per_token");
    const auto output = per_million(entry, "output_cost_per_token");
    if (!input || !output) continue;  // not priced per token (images, audio ...): ignored
    PriceEntry p;
    p.id = name;
    p.provider = entry.value("litellm_provider", std::string("unknown"));
    p.input = *input;
    p.output = *output;
    p.cached_input = per_million(entry, "cache_read_input_token_cost").value_or(p.input);
    p.batch_input = per_million(entry, "input_cost_per_token_batches").value_or(p.input);
    p.batch_output = per_million(entry, "output_cost_per_token_batches").value_or(p.output);
    p.source = fmt::format("LiteLLM price file {}", path);
    p.date = "";
    bool replaced = false;
    for (PriceEntry& e : catalog.prices) {
      if (e.id == p.id) {
        e = p;
        replaced = true;
      }
    }
    if (!replaced) catalog.prices.push_back(p);
    ++added;
  }
  if (added == 0) {
    diagnostics.error(Position{}, "no per-token prices found (expected input_cost_per_token and output_cost_per_token)");
    return false;
  }
  return true;
}

}  // namespace edgecalc
