// LiteLLM's community price file (model_prices_and_context_window.json): per-token prices only.

#include <edgecalc/domain/catalog.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <edgecalc/load/document.hpp>

#include "util/fs_util.hpp"

namespace edgecalc {

namespace {

using Json = nlohmann::ordered_json;

// A price per token beyond $1,000 per 1M tokens, or below 0, is no real price: the entry is
// skipped with a warning rather than priced into infinities.
constexpr double k_max_per_million = 1e3;

// `key` of `entry` as a price per 1M tokens; nullopt when absent or bad (the first problem is
// kept in `problem`).
std::optional<double> per_million(const Json& entry, const char* key, std::string& problem) {
  const auto it = entry.find(key);
  if (it == entry.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) {
    if (problem.empty()) problem = fmt::format("{} is {}, not a number", key, it->type_name());
    return std::nullopt;
  }
  const double v = it->get<double>() * 1e6;
  if (!(v >= 0 && v <= k_max_per_million)) {
    if (problem.empty())
      problem = fmt::format("{} is {} per token, outside $0-{} per 1M tokens", key, it->dump(), k_max_per_million);
    return std::nullopt;
  }
  return v;
}

// `input_cost_per_token_above_200k_tokens` and its output and cache-read twins: the price of a
// call whose input exceeds the threshold the key names (the lowest, if several).
std::optional<LongContextPrice> long_context(const Json& entry, std::string& problem) {
  constexpr std::string_view prefix = "input_cost_per_token_above_", suffix = "k_tokens";
  std::optional<LongContextPrice> best;
  for (const auto& [key, value] : entry.items()) {
    if (!key.starts_with(prefix) || !key.ends_with(suffix) || key.size() <= prefix.size() + suffix.size()) continue;
    const std::string digits = key.substr(prefix.size(), key.size() - prefix.size() - suffix.size());
    if (digits.size() > 6 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const double above = std::stod(digits) * 1e3;
    if (best && best->above_tokens <= above) continue;
    const std::string tail = "above_" + digits + "k_tokens";
    const auto input = per_million(entry, key.c_str(), problem);
    const auto output = per_million(entry, ("output_cost_per_token_" + tail).c_str(), problem);
    if (!input || !output) continue;
    best = LongContextPrice{above, *input,
                            per_million(entry, ("cache_read_input_token_cost_" + tail).c_str(), problem).value_or(*input),
                            *output};
  }
  return best;
}

// One entry of the file: a price, nullopt when it is not priced per token, or a `problem`.
std::optional<PriceEntry> read_entry(const std::string& name, const Json& entry, const std::string& path,
                                     std::string& problem) {
  const auto input = per_million(entry, "input_cost_per_token", problem);
  const auto output = per_million(entry, "output_cost_per_token", problem);
  PriceEntry p;
  p.id = name;
  p.input = input.value_or(0);
  p.output = output.value_or(0);
  p.cached_input = per_million(entry, "cache_read_input_token_cost", problem).value_or(p.input);
  p.batch_input = per_million(entry, "input_cost_per_token_batches", problem).value_or(p.input);
  p.batch_output = per_million(entry, "output_cost_per_token_batches", problem).value_or(p.output);
  p.long_context = long_context(entry, problem);
  // LiteLLM does not say how long a batch takes: OpenAI, Anthropic and Google promise results
  // within 24 hours (their batch API docs); a catalog entry can say otherwise (batch_window).
  if (entry.contains("input_cost_per_token_batches")) p.batch_window_s = 86400;
  const auto provider = entry.find("litellm_provider");
  if (provider != entry.end() && !provider->is_string() && !provider->is_null() && problem.empty())
    problem = fmt::format("litellm_provider is {}, not a string", provider->type_name());
  if (!problem.empty() || !input || !output) return std::nullopt;  // not per token: images, audio ...
  p.provider = provider != entry.end() && provider->is_string() ? provider->get<std::string>() : "unknown";
  p.source = fmt::format("LiteLLM price file {}", path);
  p.date = "";
  return p;
}

// `p` replaces the entries of its id, or is added.
void upsert(std::vector<PriceEntry>& prices, const PriceEntry& p) {
  bool replaced = false;
  for (PriceEntry& e : prices) {
    if (e.id == p.id) {
      e = p;
      replaced = true;
    }
  }
  if (!replaced) prices.push_back(p);
}

}  // namespace

bool merge_litellm_prices(const std::string& path, Catalog& catalog, Diagnostics& diagnostics) {
  std::string text;
  if (const std::string problem = read_file_bounded(path, 64u * 1024 * 1024, text, "price file"); !problem.empty()) {
    diagnostics.error(Position{}, problem);
    return false;
  }
  const auto parsed = parse_untrusted_json(text, "LiteLLM price file", diagnostics, 16);
  if (!parsed) return false;
  const Json& j = *parsed;
  if (!j.is_object()) {
    diagnostics.error(Position{}, "a LiteLLM price file is an object keyed by model name");
    return false;
  }
  // Where an entry is written, for warnings: the first occurrence of its quoted name.
  const auto where = [&](const std::string& name) {
    const auto at = text.find(nlohmann::json(name).dump());
    return position_of_offset(text, at == std::string::npos ? 0 : at);
  };
  std::size_t added = 0;
  for (const auto& [name, entry] : j.items()) {
    if (!entry.is_object() || name == "sample_spec") continue;
    std::string problem;
    const auto price = read_entry(name, entry, path, problem);
    if (!problem.empty()) diagnostics.warning(where(name), fmt::format("price entry `{}` skipped: {}", name, problem));
    if (!price) continue;
    upsert(catalog.prices, *price);
    ++added;
  }
  if (added == 0) {
    diagnostics.error(Position{}, "no per-token prices found (expected input_cost_per_token and output_cost_per_token)");
    return false;
  }
  return true;
}

}  // namespace edgecalc
