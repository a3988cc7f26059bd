// The cloud section: a price (a form, or a catalog model and tier), the time of a call (written,
// or from an API's measured speed), transfer and fixed fees.

#include <algorithm>

#include <fmt/format.h>

#include <edgecalc/domain/catalog.hpp>

#include "util/format.hpp"
#include "profile/profile_parsers.hpp"
#include "profile/profile_reader.hpp"

namespace edgecalc::detail {

using namespace profile_parse;

// The prices of `price` that apply to this workload: the tier's, at the long-context rates when a
// call's input exceeds the threshold (a batch discount applies to those in the same proportion).
ChosenPrice choose_price(const PriceEntry& price, PriceTier tier, const TokensPerCall& tokens) {
  ChosenPrice c{price.input, price.cached_input, price.output, ""};
  if (price.long_context && tokens.input > price.long_context->above_tokens) {
    const LongContextPrice& l = *price.long_context;
    c = {l.input, l.cached_input, l.output, fmt::format(", the long-context rate above {} input tokens", format_count(l.above_tokens))};
  }
  if (tier == PriceTier::batch) {
    const double in = price.input > 0 ? price.batch_input / price.input : 1;
    const double out = price.output > 0 ? price.batch_output / price.output : 1;
    // Cached input in a batch: the cheaper of the cache rate and the batch rate (no provider bills
    // both discounts at once in LiteLLM's data).
    c = {c.input * in, std::min(c.cached_input, c.input * in), c.output * out, c.note + ", batch tier"};
  }
  return c;
}

namespace {

// Which token rates a map left to cloud.model's catalog price (`per_1m_tokens: {input: $0.5}`).
struct CatalogHalves {
  bool input = false, output = false;
  bool any() const { return input || output; }
};

// With cloud.model named, a map may give one of input and output; the catalog gives the other.
CatalogHalves read_token_prices(FieldReader t, const Parsers& p, CloudPrice& price, bool model_named) {
  const bool half = model_named && (t.entry("input") == nullptr) != (t.entry("output") == nullptr);
  const auto in = t.quantity("input", p.money(), k_money, !half, "$0.0005");
  const auto out = t.quantity("output", p.money(), k_money, !half, "$0.0015");
  price.input_per_tokens = in.value_or(0);
  price.output_per_tokens = out.value_or(0);
  price.cached_input_per_tokens = t.quantity("cached_input", p.money(), k_money, false, "$0.00005");
  t.finish();
  return half && (in || out) ? CatalogHalves{!in, !out} : CatalogHalves{};
}

CatalogHalves read_price(FieldReader r, const Parsers& p, Profile& profile, const Catalog& catalog, bool model_named) {
  const Workload& w = profile.workload;
  CloudPrice& price = profile.cloud.price;
  CatalogHalves halves;
  const MapEntry* chosen = nullptr;
  for (const auto& form : price_form_names()) {
    const MapEntry* e = r.entry(form.name);
    if (!e) continue;
    if (chosen) {
      r.error_at(form.name, fmt::format("cloud.price has both `{}` and `{}`; give exactly one "
                                        "price form",
                                        chosen->key, form.name));
      continue;
    }
    chosen = e;
    price.form = form.value;
  }
  if (!chosen) {
    if (r.present())
      r.error_at("", "cloud.price needs one of per_call, per_1k_tokens, per_1m_tokens or instance, or a catalog "
                     "model: {model: gpt-5.4-mini, tier: batch}");
    r.finish();
    return halves;
  }
  switch (price.form) {
    case PriceForm::per_call:
      price.per_call = r.quantity("per_call", p.money(), k_money, true, "$0.0001").value_or(0);
      break;
    case PriceForm::per_1k_tokens:
    case PriceForm::per_1m_tokens:
      halves = read_token_prices(r.section(chosen->key, true), p, price, model_named);
      if (!w.tokens)
        r.error_at(chosen->key, fmt::format("cloud.price.{} needs workload.tokens (e.g. tokens: "
                                            "{{input: 300, output: 200}})",
                                            chosen->key));
      break;
    case PriceForm::instance:
      read_instance(r.section("instance", true), p, profile, catalog);
      break;
  }
  r.finish();
  return halves;
}

// `cloud.price: {model: X, tier: batch}`: a catalog price; false when the price map is a price form.
bool read_catalog_price(FieldReader& r, Cloud& c) {
  if (!r.entry("model")) {
    if (r.entry("tier"))
      r.error_at("tier", "cloud.price.tier chooses among a catalog model's prices and needs cloud.price.model");
    return false;
  }
  const auto model = r.text("model", true, "gpt-5.4-mini");
  if (c.model)
    r.error_at("model", fmt::format("the catalog model is named twice (cloud.model {} and cloud.price.model {}); keep one",
                                    *c.model, model.value_or("")));
  for (const auto& form : price_form_names())
    if (r.entry(form.name))
      r.error_at(form.name, fmt::format("cloud.price names a catalog model and a `{}` price; give one", form.name));
  c.model = model;
  c.price.tier = r.choice_or<PriceTier>("tier", price_tier_names());
  r.finish();
  return true;
}

void resolve_cloud_model(FieldReader& cloud, Profile& p, const Catalog& catalog, bool price_written,
                         const std::string& field, CatalogHalves halves) {
  ReadContext& ctx = cloud.context();
  const PriceEntry* price = catalog.find_price(*p.cloud.model);
  if (!price) {
    unknown_id(ctx.diagnostics, where(p, field, Position{}), "cloud model", field, *p.cloud.model, catalog.price_ids());
    return;
  }
  if (!price->deprecated.empty())
    ctx.diagnostics.warning(where(p, field, Position{}),
                            fmt::format("{} {} was superseded on {}{}; its last price is kept so old profiles load", field,
                                        price->id, price->deprecated,
                                        price->replaced_by.empty() ? "" : fmt::format(" (current: {})", price->replaced_by)));
  if (p.cloud.price.tier == PriceTier::batch && !price->batch_window_s) {
    ctx.diagnostics.error(where(p, "cloud.price.tier", Position{}),
                          fmt::format("cloud.price.tier batch: catalog {} has no batch tier (no batch_window)", price->id));
    return;
  }
  if (price_written && !halves.any()) return;  // the profile's own price wins
  if (!usd_only(cloud, p, "cloud.price")) return;
  if (!p.workload.tokens) {
    ctx.diagnostics.error(where(p, field, Position{}),
                          fmt::format("{} {} is priced per token and needs workload.tokens (e.g. tokens: "
                                      "{{input: 300, output: 200}})",
                                      field, price->id));
    return;
  }
  const ChosenPrice chosen = choose_price(*price, p.cloud.price.tier, *p.workload.tokens);
  if (halves.any()) {  // one rate written, the other from the catalog, in the map's unit
    const double scale = p.cloud.price.form == PriceForm::per_1k_tokens ? 1e-3 : 1;
    (halves.input ? p.cloud.price.input_per_tokens : p.cloud.price.output_per_tokens) =
        (halves.input ? chosen.input : chosen.output) * scale;
    p.catalog_values.push_back(CatalogValue{
        fmt::format("cloud.price.{}.{}", to_string(p.cloud.price.form), halves.input ? "input" : "output"),
        format_unit_price((halves.input ? chosen.input : chosen.output) * scale, "USD"),
        entry_source(price->id, price->source, price->date), price->date});
    return;
  }
  p.cloud.price.form = PriceForm::per_1m_tokens;
  p.cloud.price.input_per_tokens = chosen.input;
  p.cloud.price.output_per_tokens = chosen.output;
  p.cloud.price.cached_input_per_tokens = chosen.cached_input;
  p.derivations.catalog_price = std::make_shared<const PriceEntry>(*price);
  const std::string cached = p.workload.tokens->cached_share > 0
                                 ? fmt::format(", {} cached input", format_unit_price(chosen.cached_input, "USD"))
                                 : "";
  p.catalog_values.push_back(CatalogValue{"cloud.price",
                                          fmt::format("{} in, {} out per 1M tokens{}{}", format_unit_price(chosen.input, "USD"),
                                                      format_unit_price(chosen.output, "USD"), cached, chosen.note),
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
  if (c.price.tier == PriceTier::batch && price && price->batch_window_s) {
    if (written)
      cloud.error_at(written, fmt::format("cloud.{} describes an interactive call; the batch tier answers within its "
                                          "window ({})",
                                          written, format_duration(*price->batch_window_s)));
    // A batch call is answered within the provider's window: the latency budget sees that.
    c.inference_time_s = *price->batch_window_s;
    std::erase(p.defaults_applied, std::string("cloud.inference_time"));
    p.catalog_values.push_back(CatalogValue{"cloud.inference_time",
                                            fmt::format("{}: the batch tier's turnaround", format_duration(c.inference_time_s)),
                                            entry_source(price->id, price->source, price->date), ""});
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
  p.derivations.api_ttft_s = ttft;
  p.derivations.api_tokens_per_s = speed;
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

}  // namespace

void read_cloud(FieldReader& r, const Parsers& p, Profile& profile, const Catalog& catalog) {
  Cloud& c = profile.cloud;
  c.model = r.text("model", false, "gpt-5.4-mini");
  std::string field = "cloud.model";
  bool price_written = false;
  CatalogHalves halves;
  FieldReader price = r.section("price", !c.model);
  if (read_catalog_price(price, c)) {
    field = "cloud.price.model";
  } else {
    price_written = price.present();
    halves = read_price(price, p, profile, catalog, c.model.has_value());
  }
  c.inference_time_s = r.quantity_or("inference_time", p.duration(), {0, false, k_max_latency_s}, "30ms");
  c.ttft_s = r.quantity("ttft", p.duration(), {0, false, k_max_latency_s}, false, "400ms");
  c.output_tokens_per_s = r.quantity("output_speed", p.token_speed(), {0, true, 1e9}, false, "80/s");
  c.transfer_per_gb = r.quantity_or("transfer", p.per_gb(), k_money, "$0.10/GB");
  c.fixed_per_month = r.quantity_or("fixed", p.per_month(), k_money, "$200/month");
  if (c.model) resolve_cloud_model(r, profile, catalog, price_written, field, halves);
  resolve_cloud_speed(r, profile, catalog);
  read_price_changes(r, p, profile);
  r.finish();
}

}  // namespace edgecalc::detail
