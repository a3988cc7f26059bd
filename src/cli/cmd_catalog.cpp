// `edgecalc catalog [hardware|models|prices]` and `edgecalc catalog show ID`.

#include <algorithm>
#include <ostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/util/suggest.hpp>

#include "cli/commands.hpp"
#include "util/format.hpp"

namespace edgecalc {

namespace {

std::string bytes(double b) { return b == 0 ? "-" : format_bytes(b); }

// Tera below a tera would read 0.00032 T: a microcontroller's giga instead.
std::string ops(double v) {
  if (v == 0) return "-";
  return v < 1e12 ? format_count(v / 1e9) + " G" : format_count(v / 1e12) + " T";
}

std::string hardware_price(const HardwareEntry& h) {
  return h.hourly ? format_money(*h.hourly, "USD") + "/h" : format_money(h.price.value_or(0), "USD");
}

std::string list_hardware(const Catalog& c) {
  std::string out = fmt::format("{:<22}{:<12}{:>10}{:>9}{:>11}{:>15}{:>10}  {}\n", "hardware", "kind", "price",
                                "ram", "bandwidth", "fp16/int8", "power", "date");
  for (const HardwareEntry& h : c.hardware)
    out += fmt::format("{:<22}{:<12}{:>10}{:>9}{:>11}{:>15}{:>10}  {}\n", h.id, h.kind, hardware_price(h),
                       bytes(h.ram_bytes), format_count(h.bandwidth_bytes_per_s / 1e9) + " GB/s",
                       fmt::format("{}/{}", ops(h.fp16_flops), ops(h.int8_ops)),
                       format_si(h.power_active_w, "W"), h.date);
  return out;
}

std::string list_models(const Catalog& c) {
  std::string out = fmt::format("{:<18}{:>12}{:>9}{:>8}{:>10}{:>10}{:>10}  {}\n", "llm", "parameters", "active",
                                "layers", "kv heads", "head size", "context", "date");
  for (const LlmEntry& m : c.llms)
    out += fmt::format("{:<18}{:>12}{:>9}{:>8}{:>10}{:>10}{:>10}  {}\n", m.id, format_count(m.parameters),
                       m.moe() ? format_count(m.active()) : "all", format_count(m.layers), format_count(m.kv_heads),
                       format_count(m.head_size), format_count(m.context), m.date);
  out += fmt::format("\n{:<18}{:>16}  {}\n", "quantization", "bits per weight", "date");
  for (const QuantEntry& q : c.quantizations)
    out += fmt::format("{:<18}{:>16}  {}\n", q.id, format_count(q.bits_per_weight), q.date);
  out += fmt::format("\n{:<18}{:>10}{:>10}{:>10}  {}\n", "tinyml", "ram", "flash", "MACs", "date");
  for (const TinyModelEntry& m : c.tinyml)
    out += fmt::format("{:<18}{:>10}{:>10}{:>10}  {}\n", m.id, bytes(m.ram_bytes), bytes(m.flash_bytes),
                       format_count(m.macs), m.date);
  return out;
}

std::string list_prices(const Catalog& c) {
  std::size_t id_width = 22, provider_width = 13;
  for (const PriceEntry& p : c.prices) {
    id_width = std::max(id_width, p.id.size() + 2);
    provider_width = std::max(provider_width, p.provider.size() + 2);
  }
  std::string out = fmt::format("{:<{}}{:<{}}{:>10}{:>10}{:>10}{:>8}  {}\n", "model (per 1M tokens)", id_width, "provider",
                                provider_width, "input", "cached", "output", "batch", "priced on");
  for (const PriceEntry& p : c.prices) {
    const std::string status =
        p.deprecated.empty() ? "" : fmt::format("  superseded {}{}", p.deprecated, p.replaced_by.empty() ? "" : " by " + p.replaced_by);
    out += fmt::format("{:<{}}{:<{}}{:>10}{:>10}{:>10}{:>8}  {}{}\n", p.id, id_width, p.provider, provider_width,
                       format_unit_price(p.input, "USD"), format_unit_price(p.cached_input, "USD"),
                       format_unit_price(p.output, "USD"), p.batch_window_s ? "yes" : "-",
                       p.date.empty() ? "unknown" : p.date, status);
  }
  return out;
}

void line(std::string& out, std::string_view key, const std::string& value) {
  out += fmt::format("  {:<20} {}\n", key, value);
}

std::optional<std::string> show(const Catalog& c, const std::string& id) {
  std::string out;
  if (const auto* h = c.find_hardware(id)) {
    out += fmt::format("{} (hardware): {}\n", h->id, h->name);
    line(out, "kind", h->kind);
    line(out, "backend", h->backend);
    line(out, h->hourly ? "hourly" : "price", hardware_price(*h));
    line(out, "power", fmt::format("{} idle, {} active", format_si(h->power_idle_w, "W"), format_si(h->power_active_w, "W")));
    line(out, "ram", fmt::format("{} ({} reserved, {} usable)", bytes(h->ram_bytes), bytes(h->reserved_bytes),
                                 bytes(h->usable_ram_bytes())));
    line(out, "flash", bytes(h->flash_bytes));
    line(out, "memory bandwidth", format_count(h->bandwidth_bytes_per_s / 1e9) + " GB/s");
    const auto peak = [](double v, const char* unit) { return v == 0 ? std::string("none") : ops(v) + unit; };
    line(out, "compute", fmt::format("{} fp16, {} int8", peak(h->fp16_flops, "FLOPS"), peak(h->int8_ops, "OPS")));
    if (h->mac_rate) line(out, "mac rate", format_count(*h->mac_rate) + " MACs/s" + (h->runtime ? " with " + *h->runtime : ""));
    if (h->clock_hz) line(out, "clock", format_count(*h->clock_hz / 1e6) + " MHz");
    if (!h->runtimes.empty()) line(out, "tinyml runtimes", fmt::format("{} (edge.runtime)", fmt::join(h->runtimes, ", ")));
    line(out, "source", h->source);
    line(out, "date", h->date);
  } else if (const auto* m = c.find_llm(id)) {
    out += fmt::format("{} (llm): {}\n", m->id, m->name);
    line(out, "parameters", format_count(m->parameters));
    line(out, "layers", format_count(m->layers));
    line(out, "hidden size", format_count(m->hidden));
    line(out, "kv heads x size", fmt::format("{} x {}", format_count(m->kv_heads), format_count(m->head_size)));
    line(out, "context", format_count(m->context) + " tokens");
    line(out, "source", m->source);
    line(out, "date", m->date);
  } else if (const auto* t = c.find_tinyml(id)) {
    out += fmt::format("{} (tinyml): {}\n", t->id, t->name);
    line(out, "ram", bytes(t->ram_bytes));
    line(out, "flash", bytes(t->flash_bytes));
    line(out, "MACs", format_count(t->macs));
    line(out, "source", t->source);
    line(out, "date", t->date);
  } else if (const auto* q = c.find_quantization(id)) {
    out += fmt::format("{} (quantization)\n", q->id);
    line(out, "bits per weight", format_count(q->bits_per_weight));
    line(out, "source", q->source);
    line(out, "date", q->date);
  } else if (const auto* p = c.find_price(id)) {
    out += fmt::format("{} (price per 1M tokens, USD): {}\n", p->id, p->provider);
    line(out, "input", format_unit_price(p->input, "USD"));
    line(out, "cached input", format_unit_price(p->cached_input, "USD"));
    line(out, "output", format_unit_price(p->output, "USD"));
    if (p->batch_window_s)
      line(out, "batch input/output", fmt::format("{} / {}, answered within {} (cloud.price.tier: batch)",
                                                  format_unit_price(p->batch_input, "USD"),
                                                  format_unit_price(p->batch_output, "USD"), format_duration(*p->batch_window_s)));
    else
      line(out, "batch", "no batch tier");
    if (p->long_context)
      line(out, "long context", fmt::format("above {} input tokens: {} in, {} cached, {} out", format_count(p->long_context->above_tokens),
                                            format_unit_price(p->long_context->input, "USD"),
                                            format_unit_price(p->long_context->cached_input, "USD"),
                                            format_unit_price(p->long_context->output, "USD")));
    if (!p->deprecated.empty())
      line(out, "superseded", fmt::format("on {}{}; kept so old profiles load", p->deprecated,
                                          p->replaced_by.empty() ? "" : " by " + p->replaced_by));
    if (!p->litellm.empty()) line(out, "LiteLLM key", p->litellm);
    line(out, "source", p->source);
    line(out, "priced on", p->date.empty() ? "unknown" : p->date);
    if (p->ttft_s && p->output_tokens_per_s) {
      line(out, "speed", fmt::format("{} to the first token, {} output tokens/s", format_duration(*p->ttft_s),
                                     format_count(*p->output_tokens_per_s)));
      line(out, "speed source", p->speed_source);
    } else {
      line(out, "speed", "not measured: profiles naming it should write cloud.inference_time");
    }
  } else {
    return std::nullopt;
  }
  return out;
}

}  // namespace

CLI::App* setup_catalog(CLI::App& app, CatalogOptions& options) {
  CLI::App* cmd = app.add_subcommand("catalog", "List the built-in hardware, model and price catalogs, with sources "
                                                "and dates; `catalog show ID` shows one entry");
  cmd->add_option("what", options.what, "hardware, models, prices, or show")
      ->check(CLI::IsMember({"hardware", "models", "prices", "show"}));
  cmd->add_option("id", options.id, "The entry to show (with `show`)");
  cmd->add_option("--catalog", options.catalogs, "Add or override entries from a catalog file (YAML/JSON)");
  cmd->add_option("--prices", options.prices, "Add prices from LiteLLM's model_prices_and_context_window.json");
  return cmd;
}

ExitCode run_catalog(const CatalogOptions& options, const Streams& streams) {
  const auto catalog = catalog_for(options.catalogs, options.prices, streams);
  if (!catalog) return ExitCode::invalid_input;
  if (options.what == "show") {
    if (options.id.empty()) {
      streams.err << "edgecalc: error: catalog show needs an ID, e.g. edgecalc catalog show rpi5-8gb\n";
      return ExitCode::invalid_input;
    }
    if (const auto text = show(*catalog, options.id)) {
      streams.out << *text;
      return ExitCode::ok;
    }
    std::vector<std::string> all = catalog->hardware_ids();
    for (auto ids : {catalog->model_ids(), catalog->quantization_ids(), catalog->price_ids()})
      all.insert(all.end(), ids.begin(), ids.end());
    std::string close;
    for (const std::string& s : closest_matches(options.id, all, 3)) close += (close.empty() ? "" : ", ") + s;
    streams.err << fmt::format("edgecalc: error: no catalog entry `{}`; closest: {}\n", printable(options.id), close);
    return ExitCode::invalid_input;
  }
  std::string text;
  if (options.what.empty() || options.what == "hardware") text += list_hardware(*catalog);
  if (options.what.empty()) text += "\n";
  if (options.what.empty() || options.what == "models") text += list_models(*catalog);
  if (options.what.empty()) text += "\n";
  if (options.what.empty() || options.what == "prices") text += list_prices(*catalog);
  streams.out << text;
  return ExitCode::ok;
}

}  // namespace edgecalc
