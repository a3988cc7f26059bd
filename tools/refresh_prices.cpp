// Refreshes data/prices.yaml from LiteLLM's community price file (docs/catalog.md, "Refreshing
// prices"):
//
//   edgecalc_refresh_prices data/prices.yaml model_prices_and_context_window.json
//       --via "RoCry/llm-api-price@8442b93" --date 2026-07-24 > prices.new
//   mv prices.new data/prices.yaml
//
// Every entry with a `litellm:` key takes that key's input, cached-input, output, batch and
// long-context prices, and the source and date given; entries without one (and superseded ones)
// are kept as they are. The file's leading comment block is kept; comments between entries are
// not (put what matters in an entry's source). LiteLLM's price file is MIT-licensed
// (github.com/BerriAI/litellm); its figures are the providers' list prices.
// Exit codes: 0 written, 1 a key missing from the LiteLLM file, 2 bad arguments or input.

#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/util/calendar.hpp>
#include <edgecalc/util/diagnostic.hpp>

namespace {

using namespace edgecalc;

// "$0.075": six significant digits, no trailing zeros (LiteLLM stores 2e-7 x 1e6 as 0.19999999999999998).
std::string money(double usd_per_million) {
  std::string s = fmt::format("{:.6g}", usd_per_million);
  return "$" + s;
}

std::string duration(double s) {
  if (s >= 3600 && std::fmod(s, 3600) == 0) return fmt::format("{}h", s / 3600);
  return fmt::format("{:.6g}s", s);
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

std::string count(double n) {
  if (n >= 1000 && std::fmod(n, 1000) == 0) return fmt::format("{}k", n / 1000);
  return fmt::format("{:.6g}", n);
}

std::string entry_yaml(const PriceEntry& p) {
  std::string out = fmt::format("  - {{id: {}, provider: {}, input: {}, cached_input: {}, output: {}, batch_input: {}, "
                                "batch_output: {},\n",
                                p.id, quoted(p.provider), money(p.input), money(p.cached_input), money(p.output),
                                money(p.batch_input), money(p.batch_output));
  if (p.long_context || p.batch_window_s) {
    std::string line = "     ";
    if (p.long_context)
      line += fmt::format("long_context: {{above: {}, input: {}, output: {}, cached_input: {}}}, ",
                          count(p.long_context->above_tokens), money(p.long_context->input), money(p.long_context->output),
                          money(p.long_context->cached_input));
    if (p.batch_window_s) line += fmt::format("batch_window: {}, ", duration(*p.batch_window_s));
    out += line.substr(0, line.size() - 1) + "\n";
  }
  if (!p.deprecated.empty())
    out += fmt::format("     deprecated: {}{},\n", p.deprecated,
                       p.replaced_by.empty() ? "" : fmt::format(", replaced_by: {}", p.replaced_by));
  if (p.ttft_s)
    out += fmt::format("     ttft: {}, output_speed: {},\n     speed_source: {},\n", duration(*p.ttft_s),
                       fmt::format("{:.6g}", *p.output_tokens_per_s), quoted(p.speed_source));
  out += fmt::format("     {}source: {}, date: {}}}\n", p.litellm.empty() ? "" : fmt::format("litellm: {}, ", quoted(p.litellm)),
                     quoted(p.source), p.date);
  return out;
}

// The comment lines before `prices:`, kept as the file's header.
std::string header_of(const std::string& path) {
  std::ifstream in(path);
  std::string line, header;
  while (std::getline(in, line) && line.rfind("prices:", 0) != 0) header += line + "\n";
  return header;
}

int usage() {
  std::cerr << "usage: edgecalc_refresh_prices PRICES.yaml LITELLM.json --via PROVENANCE --date YYYY-MM-DD\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) return usage();
  const std::string prices_path = argv[1], litellm_path = argv[2];
  std::string via, date;
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--via") via = argv[i + 1];
    else if (flag == "--date") date = argv[i + 1];
    else return usage();
  }
  if (via.empty() || !is_date(date, false)) return usage();

  Catalog current, litellm;
  Diagnostics d1(prices_path), d2(litellm_path);
  const bool read = merge_catalog_file(prices_path, current, d1) && merge_litellm_prices(litellm_path, litellm, d2);
  std::cerr << format_diagnostics(d1) << format_diagnostics(d2);
  if (!read) return 2;

  int missing = 0;
  std::string body = header_of(prices_path) + "prices:\n";
  for (PriceEntry p : current.prices) {
    if (!p.litellm.empty() && p.deprecated.empty()) {
      const PriceEntry* fresh = litellm.find_price(p.litellm);
      if (!fresh) {
        std::cerr << fmt::format("{}: price {}: no key \"{}\" in {}\n", prices_path, p.id, p.litellm, litellm_path);
        ++missing;
        continue;
      }
      p.input = fresh->input;
      p.cached_input = fresh->cached_input;
      p.output = fresh->output;
      p.batch_input = fresh->batch_input;
      p.batch_output = fresh->batch_output;
      p.long_context = fresh->long_context;
      if (fresh->batch_window_s && !p.batch_window_s) p.batch_window_s = fresh->batch_window_s;
      if (!fresh->batch_window_s) p.batch_window_s.reset();
      p.source = fmt::format("LiteLLM price file (MIT), key {}, via {}", p.litellm, via);
      p.date = date;
    }
    body += entry_yaml(p);
  }
  if (missing > 0) return 1;
  std::cout << body;
  return 0;
}
