#pragma once

// Catalogs: dated, sourced data on hardware, models, quantization formats and cloud API prices.
// The built-in catalog is compiled from data/*.yaml; --catalog files add or replace entries by
// id, --prices reads LiteLLM's price file. No network access, ever.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <edgecalc/domain/names.hpp>
#include <edgecalc/util/diagnostic.hpp>
#include <edgecalc/load/document.hpp>

namespace edgecalc {

// A rental rate of a GPU instance in one tier (USD per instance-hour): the rate a profile takes
// (`hourly`) and the spread of offers its source reports, each tier with its own source.
struct RentalRate {
  RentalTier tier = RentalTier::on_demand;
  double hourly = 0;
  std::optional<double> low, high;
  std::string source, date;
};

struct HardwareEntry {
  std::string id, name, kind, backend;
  std::optional<double> price;   // purchase price (USD); nullopt for cloud instances
  std::optional<double> hourly;  // USD per hour, cloud instances
  double power_idle_w = 0, power_active_w = 0;
  double ram_bytes = 0, reserved_bytes = 0, flash_bytes = 0;
  double bandwidth_bytes_per_s = 0;
  double int8_ops = 0, fp16_flops = 0;
  std::optional<double> mac_rate;  // effective MACs/s for TinyML models (with `runtime` when named)
  std::optional<double> clock_hz;  // the cores' clock, for a runtime's MACs per cycle
  // TinyML runtimes of its backend that run on its cores (edge.runtime picks one); `runtime`, one of
  // them, is the one mac_rate was measured with (absent: mac_rate is for the part's own kernels).
  std::vector<std::string> runtimes;
  std::optional<std::string> runtime;
  // The runtime a TinyML prediction uses unless edge.runtime picks one: `runtime`, else (no
  // mac_rate) the first it runs; none: mac_rate, for its own kernels.
  std::optional<std::string> default_runtime() const {
    if (runtime) return runtime;
    if (!mac_rate && !runtimes.empty()) return runtimes.front();
    return std::nullopt;
  }
  bool runs(std::string_view runtime_id) const {
    for (const std::string& r : runtimes)
      if (r == runtime_id) return true;
    return false;
  }
  std::vector<RentalRate> rental;  // what renting one costs, by tier (cloud.price.instance.gpu)
  std::string source, date;

  double usable_ram_bytes() const { return ram_bytes - reserved_bytes; }
  const RentalRate* rental_rate(RentalTier tier) const {
    for (const RentalRate& r : rental)
      if (r.tier == tier) return &r;
    return nullptr;
  }
};

// A TinyML runtime's sustained int8 MACs per clock cycle on a backend's cores (docs/predictor.md).
struct TinyRuntime {
  std::string id;
  double macs_per_cycle = 0;
  std::string source;
};

// Calibration of the LLM predictor for one inference backend (docs/predictor.md).
struct BackendEntry {
  std::string id;
  double bandwidth_efficiency = 1, token_overhead_s = 0, prefill_efficiency = 1;
  double runtime_memory_bytes = 0;  // an LLM's memory besides weights and KV cache
  double max_concurrency = 1;       // calls the usual serving engine runs at once (its slots)
  std::string max_concurrency_source;
  std::string source, date;
  // Each call past the first adds this to a batched decode step (scheduling, sampling and
  // detokenising per sequence, attention kernels that do not scale): 0 unless calibrated.
  double call_overhead_s = 0;
  // TinyML runtimes on this backend's cores (a part's `runtime` names the one its mac_rate measures).
  std::vector<TinyRuntime> runtimes{};
  const TinyRuntime* runtime(std::string_view runtime_id) const {
    for (const TinyRuntime& r : runtimes)
      if (r.id == runtime_id) return &r;
    return nullptr;
  }
};

struct LlmEntry {
  std::string id, name;
  double parameters = 0, layers = 0, hidden = 0, kv_heads = 0, head_size = 0, context = 0;
  std::string source, date;
  // A mixture-of-experts model computes each token with a share of its weights: memory holds
  // `parameters`, a token reads and multiplies `active_parameters` (0: a dense model, all of them).
  double active_parameters = 0;
  double active() const { return active_parameters > 0 ? active_parameters : parameters; }
  bool moe() const { return active() < parameters; }
};

struct QuantEntry {
  std::string id;
  double bits_per_weight = 0;
  std::string source, date;
};

struct TinyModelEntry {
  std::string id, name;
  double ram_bytes = 0, flash_bytes = 0, macs = 0;
  std::string source, date;
};

// Prices of a call whose input exceeds `above_tokens` (Gemini above 200k, GPT-5.x above 272k):
// the provider bills the whole call at these, in USD per 1M tokens.
struct LongContextPrice {
  double above_tokens = 0;
  double input = 0, cached_input = 0, output = 0;
};

// A dated change of every rate of a catalog price: an introductory rate ending, an announced cut.
struct ScheduledChange {
  std::string at;      // YYYY-MM-DD: from this day
  double change = 0;   // the rates are multiplied by 1 + change
  std::string note;    // what it is, for the report
  std::string source;  // where it was announced
};

// Prices in USD per 1M tokens.
struct PriceEntry {
  std::string id, provider;
  double input = 0, cached_input = 0, output = 0, batch_input = 0, batch_output = 0;
  std::optional<LongContextPrice> long_context;
  std::optional<double> batch_window_s;  // the batch tier's promised turnaround; nullopt: no batch tier
  std::string source, date;
  std::string litellm;      // the entry's key in LiteLLM's price file (tools/refresh_prices)
  std::string deprecated;   // the date the entry was superseded; empty while current
  std::string replaced_by;  // the current entry to move to, when deprecated
  // Measured speed of the API, when the catalog has it: a call takes ttft + output tokens /
  // output_speed. speed_source names the measurement and its date.
  std::optional<double> ttft_s;
  std::optional<double> output_tokens_per_s;
  std::string speed_source;
  std::vector<ScheduledChange> schedule;  // dated changes, in date order
};

struct Catalog {
  std::vector<HardwareEntry> hardware;
  std::vector<BackendEntry> backends;
  std::vector<LlmEntry> llms;
  std::vector<QuantEntry> quantizations;
  std::vector<TinyModelEntry> tinyml;
  std::vector<PriceEntry> prices;

  const HardwareEntry* find_hardware(std::string_view id) const;
  const BackendEntry* find_backend(std::string_view id) const;
  const LlmEntry* find_llm(std::string_view id) const;
  const QuantEntry* find_quantization(std::string_view id) const;
  const TinyModelEntry* find_tinyml(std::string_view id) const;
  const PriceEntry* find_price(std::string_view id) const;
  std::vector<std::string> hardware_ids() const;
  std::vector<std::string> model_ids() const;  // LLMs and TinyML models
  std::vector<std::string> quantization_ids() const;
  std::vector<std::string> price_ids() const;
};

// The catalog compiled into edgecalc (data/hardware.yaml, data/models.yaml, data/prices.yaml),
// parsed on first use.
const Catalog& builtin_catalog();

// Parses a catalog document (any of the sections hardware, backends, llms, quantizations, tinyml,
// prices) and adds its entries to `catalog`, replacing entries with the same id. Returns false
// after reporting problems (file:line:col) to `diagnostics`.
bool merge_catalog_text(std::string_view text, SourceFormat format, Catalog& catalog,
                        Diagnostics& diagnostics);
bool merge_catalog_file(const std::string& path, Catalog& catalog, Diagnostics& diagnostics);

// Reads LiteLLM's model_prices_and_context_window.json: per-token prices of every model become
// price entries (per 1M tokens); other fields are ignored. Returns false after reporting.
bool merge_litellm_prices(const std::string& path, Catalog& catalog, Diagnostics& diagnostics);

// The hardware and backends of `catalog` as a catalog document --catalog reads back to the same
// numbers (other sections are not written): JSON, and the same as YAML.
nlohmann::ordered_json catalog_json(const Catalog& catalog);
std::string catalog_yaml(const Catalog& catalog);

// Every problem of a catalog as a sentence: missing source or date, negative or missing numbers,
// duplicate ids, unknown backends. Empty when the catalog is sound.
std::vector<std::string> catalog_problems(const Catalog& catalog);

}  // namespace edgecalc
