// Filling a profile from the catalogs: what edge.hardware, workload.model, workload.quantization
// and cloud.model name. A field the profile writes always wins.

#include <algorithm>

#include <fmt/format.h>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/domain/defaults.hpp>

#include "util/format.hpp"
#include "profile/profile_reader.hpp"

namespace edgecalc::detail {

std::string entry_source(std::string_view id, const std::string& source, const std::string& date) {
  return fmt::format("catalog {}: {}{}", id, source, date.empty() ? "" : fmt::format(" ({})", date));
}

// "unknown hardware `rpi6` in edge.hardware; closest: rpi5-8gb, rpi5-16gb, rpi4-4gb"
void unknown_id(Diagnostics& diagnostics, Position at, std::string_view what, std::string_view field,
                const std::string& id, const std::vector<std::string>& ids, std::string_view listed_by) {
  std::string close;
  for (const std::string& s : closest_matches(id, ids, 3)) close += (close.empty() ? "" : ", ") + s;
  diagnostics.error(at, fmt::format("unknown {} `{}` in {}; closest: {} ({})", what, id, field, close, listed_by));
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

namespace {

struct EdgeEntries {
  const HardwareEntry* hw = nullptr;
  const LlmEntry* llm = nullptr;
  const TinyModelEntry* tiny = nullptr;
  const QuantEntry* quant = nullptr;
};

}  // namespace

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

// The TinyML runtime the predictor uses: edge.runtime, one the part runs (the catalog checks its
// backend calibrates them), else the part's own (the one its mac_rate was measured with; "" when the catalog names none). nullopt:
// an error was reported.
std::optional<std::string> tiny_runtime(FieldReader& edge, Profile& p, const HardwareEntry* hw) {
  if (!p.edge.runtime) {
    const std::optional<std::string> rt = hw->default_runtime();
    if (!rt) return std::string();
    p.catalog_values.push_back(CatalogValue{"edge.runtime", *rt,
                                            entry_source(hw->id, hw->runtime ? "its mac_rate was measured with " + *rt
                                                                             : "the first TinyML runtime it lists",
                                                         hw->date),
                                            hw->date});
    return *rt;
  }
  const std::string& asked = *p.edge.runtime;
  if (hw->runtimes.empty()) {
    edge.error_at("runtime", fmt::format("edge.runtime: the catalog lists no TinyML runtime for {}, only its own mac_rate; "
                                         "remove edge.runtime, or write edge.inference_time from your runs",
                                         hw->id));
    return std::nullopt;
  }
  if (!hw->runs(asked)) {
    unknown_id(edge.context().diagnostics, where(p, "edge.runtime", Position{}), fmt::format("runtime for {}", hw->id),
               "edge.runtime", asked, hw->runtimes, fmt::format("edgecalc catalog show {} lists them", hw->id));
    return std::nullopt;
  }
  const bool own = hw->runtime && asked == *hw->runtime;
  if (!own && !hw->clock_hz && !(hw->mac_rate && hw->runtime)) {
    edge.error_at("runtime", fmt::format("edge.runtime {} on {}: the catalog gives neither its clock nor a mac_rate "
                                         "measured with one of its runtimes, so its MAC rate under {} is unknown; write "
                                         "edge.inference_time or add `clock` to its entry (--catalog)",
                                         asked, hw->id, asked));
    return std::nullopt;
  }
  return asked;
}

// With hardware and a model: what the predictor needs (the model stage predicts, at evaluation).
void set_predictor_inputs(FieldReader& edge, Profile& p, const Catalog& catalog, const EdgeEntries& entries,
                      const EdgeWritten& written) {
  ReadContext& ctx = edge.context();
  const HardwareEntry* hw = entries.hw;
  const LlmEntry* llm = entries.llm;
  const QuantEntry* quant = entries.quant;
  const TinyModelEntry* tiny = entries.tiny;
  if (p.edge.runtime && !tiny) {
    edge.error_at("runtime", llm ? fmt::format("edge.runtime chooses a TinyML runtime; workload.model {} is an LLM, run "
                                               "by backend {}",
                                               llm->id, hw->backend)
                                 : std::string("edge.runtime chooses the runtime of a TinyML model; name one in "
                                               "workload.model (e.g. model: kws-dscnn)"));
    return;
  }
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
    p.predictor = PredictorInputs{*hw, *be, *llm, *quant, std::nullopt, "", written.inference_time, written.capacity};
  } else if (tiny) {
    // The backend carries the TinyML runtimes' MACs per cycle (none: the part's own rates).
    const BackendEntry* be = catalog.find_backend(hw->backend);
    const std::optional<std::string> runtime = tiny_runtime(edge, p, hw);
    if (!runtime) return;
    p.predictor = PredictorInputs{*hw, be ? std::optional(*be) : std::nullopt, std::nullopt, std::nullopt, *tiny,
                                  *runtime, written.inference_time, written.capacity};
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
  if (written.partial_idle_w || written.partial_active_w) {
    const PowerCurve curve{written.partial_idle_w.value_or(hw->power_idle_w), written.partial_active_w.value_or(hw->power_active_w)};
    const bool idle_written = written.partial_idle_w.has_value();
    if (curve.active_w < curve.idle_w) {
      edge.error_at("power", fmt::format("edge.power.active must be at least edge.power.idle; got {} W active, {} W idle "
                                         "(the {} from catalog {})",
                                         curve.active_w, curve.idle_w, idle_written ? "active" : "idle", hw->id));
      return;
    }
    p.edge.power_curve = curve;
    p.catalog_values.push_back(CatalogValue{idle_written ? "edge.power.active" : "edge.power.idle",
                                            fmt::format("{} W", format_count(idle_written ? hw->power_active_w : hw->power_idle_w)),
                                            entry_source(hw->id, hw->source, hw->date), hw->date});
  } else if (!written.power) {
    // The average follows the load the model computes (busy share between idle and active).
    p.edge.power_curve = PowerCurve{hw->power_idle_w, hw->power_active_w};
    p.catalog_values.push_back(CatalogValue{"edge.power",
                                            fmt::format("{} W idle, {} W active", format_count(hw->power_idle_w),
                                                        format_count(hw->power_active_w)),
                                            entry_source(hw->id, hw->source, hw->date), hw->date});
  }
}

}  // namespace edgecalc::detail
