// Filling a profile from the catalogs: what edge.hardware, workload.model, workload.quantization
// and cloud.model name. A field the profile writes always wins.

#include <algorithm>

#include <fmt/format.h>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/domain/defaults.hpp>

#include "util/format.hpp"
#include "profile/profile_reader.hpp"

namespace edgecalc::detail {

namespace {

std::string entry_source(std::string_view id, const std::string& source, const std::string& date) {
  return fmt::format("catalog {}: {}{}", id, source, date.empty() ? "" : fmt::format(" ({})", date));
}

// "unknown hardware `rpi6` in edge.hardware; closest: rpi5-8gb, rpi5-16gb, rpi4-4gb"
void unknown_id(Diagnostics& diagnostics, Position at, std::string_view what, std::string_view field,
                const std::string& id, const std::vector<std::string>& ids) {
  std::string close;
  for (const std::string& s : closest_matches(id, ids, 3)) close += (close.empty() ? "" : ", ") + s;
  diagnostics.error(at, fmt::format("unknown {} `{}` in {}; closest: {} (edgecalc catalog lists them)", what, id,
                                    field, close));
}

Position where(const Profile& p, const std::string& field, Position fallback) {
  const auto it = p.positions.find(field);
  return it == p.positions.end() ? fallback : it->second;
}

bool usd_only(FieldReader& r, const Profile& p, std::string_view field) {
  if (p.currency == "USD") return true;
  r.error_at("", fmt::format("catalog prices are in USD and the profile's currency is {}; write {} yourself", p.currency,
                             field));
  return false;
}

struct EdgeEntries {
  const HardwareEntry* hw = nullptr;
  const LlmEntry* llm = nullptr;
  const TinyModelEntry* tiny = nullptr;
  const QuantEntry* quant = nullptr;
};

}  // namespace

void resolve_cloud_model(FieldReader& cloud, Profile& p, const Catalog& catalog, bool price_written) {
  ReadContext& ctx = cloud.context();
  const PriceEntry* price = catalog.find_price(*p.cloud.model);
  if (!price) {
    unknown_id(ctx.diagnostics, where(p, "cloud.model", Position{}), "cloud model", "cloud.model", *p.cloud.model,
               catalog.price_ids());
    return;
  }
  if (price_written) return;  // the profile's own price wins
  if (!usd_only(cloud, p, "cloud.price")) return;
  if (!p.workload.tokens) {
    cloud.error_at("model", fmt::format("cloud.model {} is priced per token and needs workload.tokens (e.g. tokens: "
                                        "{{input: 300, output: 200}})",
                                        price->id));
    return;
  }
  p.cloud.price.form = PriceForm::per_1m_tokens;
  p.cloud.price.input_per_tokens = price->input;
  p.cloud.price.output_per_tokens = price->output;
  p.catalog_values.push_back(CatalogValue{"cloud.price",
                                          fmt::format("{} in, {} out per 1M tokens", format_unit_price(price->input, "USD"),
                                                      format_unit_price(price->output, "USD")),
                                          entry_source(price->id, price->source, price->date), price->date});
}

void resolve_cloud_speed(FieldReader& cloud, Profile& p, const Catalog& catalog) {
  Cloud& c = p.cloud;
  const PriceEntry* price = c.model ? catalog.find_price(*c.model) : nullptr;
  if ((cloud.entry("ttft") && !c.ttft_s) || (cloud.entry("output_speed") && !c.output_tokens_per_s))
    return;  // written but invalid: that error is enough
  const char* written = c.ttft_s ? "ttft" : (c.output_tokens_per_s ? "output_speed" : nullptr);
  if (cloud.entry("inference_time")) {
    if (written)
      cloud.error_at(written, fmt::format("cloud.{} cannot be given with cloud.inference_time: write the call time, or "
                                          "cloud.ttft and cloud.output_speed for edgecalc to compute it",
                                          written));
    return;
  }
  const std::optional<double> ttft = c.ttft_s ? c.ttft_s : (price ? price->ttft_s : std::nullopt);
  const std::optional<double> speed =
      c.output_tokens_per_s ? c.output_tokens_per_s : (price ? price->output_tokens_per_s : std::nullopt);
  if (!ttft || !speed || !p.workload.tokens) {
    if (!written) return;  // an API without a measured speed: a warning among the assumptions
    if (!p.workload.tokens)
      cloud.error_at(written, fmt::format("cloud.{} needs workload.tokens (e.g. tokens: {{input: 300, output: 200}}): "
                                          "the call time is ttft + output tokens / output_speed",
                                          written));
    else
      cloud.error_at(written, fmt::format("cloud.{} needs cloud.{} too{}", written, ttft ? "output_speed" : "ttft",
                                          price ? fmt::format(" (catalog {} has no measured speed)", price->id)
                                                : " (or a cloud.model whose catalog entry has a measured speed)"));
    return;
  }
  c.inference_time_s = *ttft + p.workload.tokens->output / *speed;
  std::erase(p.defaults_applied, std::string("cloud.inference_time"));
  // Where each half came from: the profile, or the model's catalog entry with its source.
  std::string source;
  if (c.ttft_s && c.output_tokens_per_s)
    source = "profile: cloud.ttft and cloud.output_speed";
  else if (written)
    source = fmt::format("profile: cloud.{}; the other from {}", written, entry_source(price->id, price->speed_source, ""));
  else
    source = entry_source(price->id, price->speed_source, "");
  p.catalog_values.push_back(CatalogValue{
      "cloud.inference_time",
      fmt::format("{} = {} to the first token + {} output tokens at {} tokens/s", format_duration(c.inference_time_s),
                  format_duration(*ttft), format_count(p.workload.tokens->output), format_count(*speed)),
      source, ""});
}

// The catalog entries the edge section names (hardware, model, quantization); unknown ids are
// reported. The default quantization of an LLM is listed among the catalog values.
EdgeEntries find_edge_entries(ReadContext& ctx, Profile& p, const Catalog& catalog) {
  EdgeEntries e;
  if (p.edge.hardware) {
    e.hw = catalog.find_hardware(*p.edge.hardware);
    if (!e.hw)
      unknown_id(ctx.diagnostics, where(p, "edge.hardware", Position{}), "hardware", "edge.hardware",
                 *p.edge.hardware, catalog.hardware_ids());
  }
  if (p.workload.model) {
    e.llm = catalog.find_llm(*p.workload.model);
    e.tiny = catalog.find_tinyml(*p.workload.model);
    if (!e.llm && !e.tiny)
      unknown_id(ctx.diagnostics, where(p, "workload.model", Position{}), "model", "workload.model", *p.workload.model,
                 catalog.model_ids());
  }
  if (e.llm) {
    const std::string q = p.workload.quantization.value_or(std::string(field_default("workload.quantization").value));
    e.quant = catalog.find_quantization(q);
    if (!e.quant)
      unknown_id(ctx.diagnostics, where(p, "workload.quantization", Position{}), "quantization",
                 "workload.quantization", q, catalog.quantization_ids());
    else if (!p.workload.quantization)
      p.catalog_values.push_back(CatalogValue{"workload.quantization", e.quant->id,
                                              entry_source(e.quant->id, "edgecalc default quantization, " + e.quant->source,
                                                           e.quant->date),
                                              e.quant->date});
  } else if (e.tiny && p.workload.quantization) {
    ctx.diagnostics.error(where(p, "workload.quantization", Position{}),
                          fmt::format("workload.quantization applies to LLMs; {} is a TinyML model", e.tiny->id));
  }
  return e;
}

// With hardware and a model: what the predictor needs (the model stage predicts, at evaluation).
void set_predictor_inputs(FieldReader& edge, Profile& p, const Catalog& catalog, const EdgeEntries& entries,
                      const EdgeWritten& written) {
  ReadContext& ctx = edge.context();
  const HardwareEntry* hw = entries.hw;
  const LlmEntry* llm = entries.llm;
  const QuantEntry* quant = entries.quant;
  const TinyModelEntry* tiny = entries.tiny;
  if (llm && quant) {
    if (!p.workload.tokens) {
      ctx.diagnostics.error(where(p, "workload.model", Position{}),
                            fmt::format("workload.model {} is an LLM; the predictor needs workload.tokens (e.g. "
                                        "tokens: {{input: 300, output: 200}})",
                                        llm->id));
      return;
    }
    const BackendEntry* be = catalog.find_backend(hw->backend);
    if (!be) {
      edge.error_at("hardware", fmt::format("hardware {} names backend {}, which the catalog does not calibrate",
                                            hw->id, hw->backend));
      return;
    }
    p.predictor = PredictorInputs{*hw, *be, *llm, *quant, std::nullopt, written.inference_time, written.capacity};
  } else if (tiny) {
    p.predictor = PredictorInputs{*hw, std::nullopt, std::nullopt, std::nullopt, *tiny, written.inference_time,
                                  written.capacity};
  }
}

void resolve_edge_catalog(FieldReader& edge, Profile& p, const Catalog& catalog, const EdgeWritten& written) {
  const EdgeEntries entries = find_edge_entries(edge.context(), p, catalog);
  const HardwareEntry* hw = entries.hw;
  if (!hw) return;

  if (!written.unit_cost) {
    if (!hw->price) {
      edge.error_at("hardware", fmt::format("edge.hardware {} is rented by the hour, not bought; write edge.unit_cost "
                                            "or use it in the cloud",
                                            hw->id));
      return;
    }
    if (!usd_only(edge, p, "edge.unit_cost")) return;
    p.edge.unit_cost = *hw->price;
    p.catalog_values.push_back(CatalogValue{"edge.unit_cost", format_money(*hw->price, "USD"),
                                            entry_source(hw->id, hw->source, hw->date), hw->date});
  }
  set_predictor_inputs(edge, p, catalog, entries, written);
  if (!written.power) {
    // The average follows the load the model computes (busy share between idle and active).
    p.edge.power_curve = PowerCurve{hw->power_idle_w, hw->power_active_w};
    p.catalog_values.push_back(CatalogValue{"edge.power",
                                            fmt::format("{} W idle, {} W active", format_count(hw->power_idle_w),
                                                        format_count(hw->power_active_w)),
                                            entry_source(hw->id, hw->source, hw->date), hw->date});
  }
}

}  // namespace edgecalc::detail
