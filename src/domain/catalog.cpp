#include <edgecalc/domain/catalog.hpp>

#include <algorithm>
#include <mutex>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <edgecalc/domain/defaults.hpp>
#include <edgecalc/util/calendar.hpp>

#include "util/fs_util.hpp"
#include "domain/catalog_read.hpp"

namespace edgecalc {

namespace detail {
extern const char* const k_catalog_hardware;
extern const char* const k_catalog_models;
extern const char* const k_catalog_prices;
}  // namespace detail

namespace {

using namespace detail::catalog_read;
using detail::Bounds;
using detail::FieldReader;
using detail::ParseFn;
using detail::read_price;

template <class T>
const T* find_by_id(const std::vector<T>& entries, std::string_view id) {
  for (const T& e : entries)
    if (e.id == id) return &e;
  return nullptr;
}

template <class T>
void upsert(std::vector<T>& entries, T entry) {
  for (T& e : entries) {
    if (e.id == entry.id) {
      e = std::move(entry);
      return;
    }
  }
  entries.push_back(std::move(entry));
}

// `rental: {on-demand: {hourly: $2.95, low: $1.99, high: $7.20, source: ..., date: 2026-05}, spot: ...}`
std::vector<RentalRate> read_rental(FieldReader r) {
  std::vector<RentalRate> rates;
  for (const auto& tier : rental_tier_names()) {
    FieldReader t = r.section(tier.name, false);
    if (!t.present()) continue;
    RentalRate rate;
    rate.tier = tier.value;
    rate.hourly = need(t, "hourly", k_money, k_non_negative, "$2.95");
    rate.low = t.quantity("low", k_money, k_non_negative, false, "$1.99");
    rate.high = t.quantity("high", k_money, k_non_negative, false, "$7.20");
    if ((rate.low && *rate.low > rate.hourly) || (rate.high && *rate.high < rate.hourly))
      t.error_at("hourly", fmt::format("{} must lie within its low and high", t.path_of("hourly")));
    rate.source = t.text("source", true, "\"provider price page\"").value_or("");
    rate.date = t.text("date", true, "2026-05").value_or("");
    if (t.entry("date") && !rate.date.empty() && !is_date(rate.date, true))
      t.error_at("date", fmt::format("{} must be a date, YYYY-MM or YYYY-MM-DD; got \"{}\"", t.path_of("date"), rate.date));
    t.finish();
    rates.push_back(std::move(rate));
  }
  r.finish();
  return rates;
}

HardwareEntry read_hardware(FieldReader r) {
  HardwareEntry h;
  read_identity(r, h.id, h.source, h.date);
  h.name = r.text("name", true, "Raspberry Pi 5").value_or(h.id);
  h.kind = r.text("kind", true, "sbc").value_or("");
  h.backend = r.text("backend", true, "cpu-arm").value_or("");
  h.price = r.quantity("price", k_money, k_non_negative, false, "$80");
  h.hourly = r.quantity("hourly", k_money, k_non_negative, false, "$1.20");
  if (FieldReader rental = r.section("rental", false); rental.present()) h.rental = read_rental(std::move(rental));
  // A rented GPU's hourly price is its on-demand rate unless written.
  if (const RentalRate* od = h.rental_rate(RentalTier::on_demand); od && !h.hourly && !h.price) h.hourly = od->hourly;
  if (!h.price && !h.hourly && r.present())
    r.error_at("", fmt::format("{} needs a price (to buy) or an hourly price (to rent)", r.path()));
  if (FieldReader p = r.section("power", true); p.present()) {
    h.power_idle_w = need(p, "idle", k_power, k_non_negative, "2.7W");
    h.power_active_w = need(p, "active", k_power, k_non_negative, "8W");
    p.finish();
  }
  h.ram_bytes = need(r, "ram", k_size, k_non_negative, "8GB");
  h.reserved_bytes = need(r, "reserved", k_size, k_non_negative, "0.6GB");
  h.flash_bytes = need(r, "flash", k_size, k_non_negative, "2MB");
  h.bandwidth_bytes_per_s = need(r, "memory_bandwidth", k_bandwidth, k_positive, "17GB/s");
  h.int8_ops = need(r, "int8", k_ops, k_non_negative, "614GOPS");
  h.fp16_flops = need(r, "fp16", k_ops, k_non_negative, "307GOPS");
  h.mac_rate = r.quantity("mac_rate", k_count, k_positive, false, "250M");
  h.clock_hz = r.quantity("clock", k_frequency, k_positive, false, "120MHz");
  h.runtimes = read_text_list(r, "runtimes", "x-cube-ai, microtvm-cmsis-nn");
  h.runtime = r.text("runtime", false, "x-cube-ai");
  if (h.runtime && !h.mac_rate)
    r.error_at("runtime", fmt::format("{} names the runtime its mac_rate was measured with; write mac_rate", r.path_of("runtime")));
  else if (h.runtime && !h.runs(*h.runtime))
    r.error_at("runtime", fmt::format("{} must be one of {}.runtimes; got {}", r.path_of("runtime"), r.path(), *h.runtime));
  r.finish();
  return h;
}

// `runtimes: [{id: x-cube-ai, macs_per_cycle: 0.59, source: ...}]`
std::vector<TinyRuntime> read_runtimes(FieldReader& r) {
  std::vector<TinyRuntime> out;
  read_list(r, "runtimes", "{id: x-cube-ai, macs_per_cycle: 0.59, source: ...}", [&](FieldReader& c, const std::string&) {
    TinyRuntime t;
    t.id = c.text("id", true, "x-cube-ai").value_or("");
    t.macs_per_cycle = need(c, "macs_per_cycle", k_count, {0, true, 64}, "0.59");
    t.source = c.text("source", true, "\"fitted to MLPerf Tiny results\"").value_or("");
    c.finish();
    out.push_back(std::move(t));
  });
  return out;
}

BackendEntry read_backend(FieldReader r) {
  BackendEntry b;
  read_identity(r, b.id, b.source, b.date);
  b.bandwidth_efficiency = need(r, "bandwidth_efficiency", k_share, {0, true, 1}, "60%");
  b.token_overhead_s = need(r, "token_overhead", k_duration, k_non_negative, "5ms");
  b.prefill_efficiency = need(r, "prefill_efficiency", k_share, {0, true, 1}, "50%");
  b.call_overhead_s = r.quantity("call_overhead", k_duration, k_non_negative, false, "0.4ms").value_or(0);
  b.runtime_memory_bytes = need(r, "runtime_memory", k_size, {0, false, 1e12}, "300MB");
  b.max_concurrency = need(r, "max_concurrency", k_count, {1, false, 1e6, false}, "256");
  b.max_concurrency_source = r.text("max_concurrency_source", true, "vLLM --max-num-seqs default").value_or("");
  b.runtimes = read_runtimes(r);
  r.finish();
  return b;
}

LlmEntry read_llm(FieldReader r) {
  LlmEntry m;
  read_identity(r, m.id, m.source, m.date);
  m.name = r.text("name", true, "Llama 3.2 3B").value_or(m.id);
  m.parameters = need(r, "parameters", k_count, k_positive, "3.21B");
  m.layers = need(r, "layers", k_count, {0, true, 1e6, true}, "28");
  m.hidden = need(r, "hidden", k_count, {0, true, 1e7, true}, "3072");
  m.kv_heads = need(r, "kv_heads", k_count, {0, true, 1e5, true}, "8");
  m.head_size = need(r, "head_size", k_count, {0, true, 1e5, true}, "128");
  m.context = need(r, "context", k_count, {0, true, 1e9, true}, "131072");
  m.active_parameters = r.quantity("active_parameters", k_count, {0, true, 1e15}, false, "3.6B").value_or(0);
  if (m.active_parameters > m.parameters)
    r.error_at("active_parameters", fmt::format("{} must be at most parameters ({}); got {}", r.path_of("active_parameters"),
                                                m.parameters, m.active_parameters));
  r.finish();
  return m;
}

QuantEntry read_quant(FieldReader r) {
  QuantEntry q;
  read_identity(r, q.id, q.source, q.date);
  q.bits_per_weight = need(r, "bits_per_weight", [](std::string_view t) { return parse_number(t); },
                           {0, true, 64}, "4.5");
  r.finish();
  return q;
}

TinyModelEntry read_tiny(FieldReader r) {
  TinyModelEntry m;
  read_identity(r, m.id, m.source, m.date);
  m.name = r.text("name", true, "Keyword spotting").value_or(m.id);
  m.ram_bytes = need(r, "ram", k_size, k_positive, "24KB");
  m.flash_bytes = need(r, "flash", k_size, k_positive, "53KB");
  m.macs = need(r, "macs", k_count, k_positive, "2.7M");
  r.finish();
  return m;
}

template <class T>
void read_list(FieldReader& top, std::string_view key, std::vector<T>& into, T (*read)(FieldReader),
               detail::ReadContext& ctx) {
  const MapEntry* e = top.entry(key);
  if (!e) return;
  if (e->value->kind != Node::Kind::sequence) {
    ctx.diagnostics.error(e->value->position, fmt::format("{} must be a list of entries", key));
    return;
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < e->value->items.size(); ++i) {
    const NodePtr& item = e->value->items[i];
    if (item->kind != Node::Kind::map) {
      ctx.diagnostics.error(item->position, fmt::format("{}[{}] must be a mapping of fields", key, i));
      continue;
    }
    const MapEntry* id = item->find("id");
    const std::string name = id && id->value->kind == Node::Kind::scalar ? id->value->text : std::to_string(i);
    T entry = read(FieldReader(ctx, item.get(), fmt::format("{}.{}", key, name), item->position));
    if (!seen.insert(entry.id).second)
      ctx.diagnostics.error(item->position, fmt::format("duplicate {} id `{}`", key, entry.id));
    upsert(into, std::move(entry));
  }
}

}  // namespace

const HardwareEntry* Catalog::find_hardware(std::string_view id) const { return find_by_id(hardware, id); }
const BackendEntry* Catalog::find_backend(std::string_view id) const { return find_by_id(backends, id); }
const LlmEntry* Catalog::find_llm(std::string_view id) const { return find_by_id(llms, id); }
const QuantEntry* Catalog::find_quantization(std::string_view id) const { return find_by_id(quantizations, id); }
const TinyModelEntry* Catalog::find_tinyml(std::string_view id) const { return find_by_id(tinyml, id); }
const PriceEntry* Catalog::find_price(std::string_view id) const { return find_by_id(prices, id); }

std::vector<std::string> Catalog::hardware_ids() const {
  std::vector<std::string> ids;
  for (const auto& h : hardware) ids.push_back(h.id);
  return ids;
}
std::vector<std::string> Catalog::model_ids() const {
  std::vector<std::string> ids;
  for (const auto& m : llms) ids.push_back(m.id);
  for (const auto& m : tinyml) ids.push_back(m.id);
  return ids;
}
std::vector<std::string> Catalog::quantization_ids() const {
  std::vector<std::string> ids;
  for (const auto& q : quantizations) ids.push_back(q.id);
  return ids;
}
std::vector<std::string> Catalog::price_ids() const {
  std::vector<std::string> ids;
  for (const auto& p : prices) ids.push_back(p.id);
  return ids;
}

namespace {

// Each TinyML runtime a part of `document` lists must be one its backend calibrates (its MACs per
// cycle), or edge.runtime would predict from nothing.
void check_runtimes(const Document& document, const Catalog& c, Diagnostics& diagnostics) {
  const MapEntry* list = document.root->find("hardware");
  if (!list || list->value->kind != Node::Kind::sequence) return;
  for (const NodePtr& item : list->value->items) {
    const MapEntry* id = item->find("id");
    const MapEntry* runtimes = item->find("runtimes");
    const HardwareEntry* h = id ? c.find_hardware(id->value->text) : nullptr;
    const BackendEntry* be = h ? c.find_backend(h->backend) : nullptr;
    if (!runtimes || !be) continue;
    std::string known;
    for (const TinyRuntime& t : be->runtimes) known += (known.empty() ? "" : ", ") + t.id;
    for (const std::string& r : h->runtimes)
      if (!be->runtime(r))
        diagnostics.error(runtimes->value->position,
                          fmt::format("hardware.{}.runtimes names {}, which backend {} does not calibrate (its runtimes: "
                                      "{}); add it to the backend's runtimes with its macs_per_cycle",
                                      h->id, r, be->id, known.empty() ? "none" : known));
  }
}

// Reads every section of a loaded catalog document into a copy of `catalog`; commits on success.
bool merge_document(const Document& document, Catalog& catalog, Diagnostics& diagnostics) {
  const std::size_t before = diagnostics.size();
  if (document.root->kind != Node::Kind::map) {
    diagnostics.error(document.root->position, "a catalog must be a mapping of sections (hardware: [...], ...)");
    return false;
  }
  detail::ReadContext ctx{diagnostics, catalog_units()};  // catalogs keep no positions or defaults
  FieldReader top(ctx, document.root.get(), "", document.root->position);
  Catalog added = catalog;
  read_list(top, "hardware", added.hardware, &read_hardware, ctx);
  read_list(top, "backends", added.backends, &read_backend, ctx);
  read_list(top, "llms", added.llms, &read_llm, ctx);
  read_list(top, "quantizations", added.quantizations, &read_quant, ctx);
  read_list(top, "tinyml", added.tinyml, &read_tiny, ctx);
  read_list(top, "prices", added.prices, &read_price, ctx);
  top.finish();
  if (diagnostics.size() == before) check_runtimes(document, added, diagnostics);
  if (diagnostics.size() != before) return false;
  catalog = std::move(added);
  return true;
}

}  // namespace

// The built-in catalog comes as JSON with every scalar a string (tools/embed_catalog.cpp).
NodePtr detail::node_from_json(const nlohmann::json& j) {
  auto node = std::make_shared<Node>();
  if (j.is_object()) {
    node->kind = Node::Kind::map;
    for (const auto& [key, value] : j.items()) node->entries.push_back(MapEntry{key, Position{}, node_from_json(value)});
  } else if (j.is_array()) {
    node->kind = Node::Kind::sequence;
    for (const auto& item : j) node->items.push_back(node_from_json(item));
  } else if (j.is_string()) {
    node->kind = Node::Kind::scalar;
    node->text = j.get<std::string>();
  }
  return node;
}

bool merge_catalog_text(std::string_view text, SourceFormat format, Catalog& catalog, Diagnostics& diagnostics) {
  LoadLimits limits;
  limits.max_bytes = 64u * 1024 * 1024;  // a team catalog may be large; still bounded
  limits.max_nodes = 2'000'000;
  limits.noun = "catalog";
  const auto document = load_text(text, format, diagnostics, limits);
  return document && merge_document(*document, catalog, diagnostics);
}

bool merge_catalog_file(const std::string& path, Catalog& catalog, Diagnostics& diagnostics) {
  std::string text;
  if (const std::string problem = read_file_bounded(path, 64u * 1024 * 1024, text, "catalog"); !problem.empty()) {
    diagnostics.error(Position{}, problem);
    return false;
  }
  return merge_catalog_text(text, format_for_path(path), catalog, diagnostics);
}

const Catalog& builtin_catalog() {
  static const Catalog catalog = [] {
    Catalog c;
    for (const auto& [name, text] : {std::pair{"data/hardware.yaml", detail::k_catalog_hardware},
                                     std::pair{"data/models.yaml", detail::k_catalog_models},
                                     std::pair{"data/prices.yaml", detail::k_catalog_prices}}) {
      Diagnostics d(name);
      const Document document{name, detail::node_from_json(nlohmann::json::parse(text))};
      if (!merge_document(document, c, d))
        throw std::logic_error("the built-in catalog is invalid:\n" + format_diagnostics(d));
    }
    return c;
  }();
  return catalog;
}

std::vector<std::string> catalog_problems(const Catalog& c) {
  std::vector<std::string> problems;
  const auto check_common = [&](std::string_view kind, const std::string& id, const std::string& source,
                                const std::string& date) {
    if (id.empty()) problems.push_back(fmt::format("a {} entry has no id", kind));
    if (source.empty()) problems.push_back(fmt::format("{} {} has no source", kind, id));
    if (!is_date(date, true)) problems.push_back(fmt::format("{} {} has no date", kind, id));
  };
  const auto unique = [&](std::string_view kind, std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    if (const auto dup = std::adjacent_find(ids.begin(), ids.end()); dup != ids.end())
      problems.push_back(fmt::format("{} id {} appears twice", kind, *dup));
  };
  for (const auto& h : c.hardware) {
    check_common("hardware", h.id, h.source, h.date);
    const BackendEntry* be = c.find_backend(h.backend);
    if (!be) problems.push_back(fmt::format("hardware {} has unknown backend {}", h.id, h.backend));
    else
      for (const std::string& rt : h.runtimes)
        if (!be->runtime(rt))
          problems.push_back(fmt::format("hardware {} runs TinyML runtime {}, which backend {} lacks", h.id, rt, h.backend));
    if (h.reserved_bytes > h.ram_bytes) problems.push_back(fmt::format("hardware {} reserves more than its RAM", h.id));
    for (double v : {h.power_idle_w, h.power_active_w, h.ram_bytes, h.flash_bytes, h.int8_ops, h.fp16_flops})
      if (v < 0) problems.push_back(fmt::format("hardware {} has a negative value", h.id));
    if (h.power_active_w < h.power_idle_w) problems.push_back(fmt::format("hardware {} idles above its active power", h.id));
    for (const RentalRate& r : h.rental)
      check_common("rental rate", fmt::format("{} {}", h.id, to_string(r.tier)), r.source, r.date);
  }
  for (const auto& b : c.backends) check_common("backend", b.id, b.source, b.date);
  for (const auto& m : c.llms) check_common("llm", m.id, m.source, m.date);
  for (const auto& q : c.quantizations) check_common("quantization", q.id, q.source, q.date);
  for (const auto& m : c.tinyml) check_common("tinyml", m.id, m.source, m.date);
  for (const auto& p : c.prices) {
    check_common("price", p.id, p.source, p.date);
    for (double v : {p.input, p.output, p.cached_input, p.batch_input, p.batch_output})
      if (v < 0) problems.push_back(fmt::format("price {} is negative", p.id));
    if (p.long_context && (p.long_context->input < 0 || p.long_context->output < 0 || p.long_context->cached_input < 0))
      problems.push_back(fmt::format("price {} has a negative long-context price", p.id));
    if (!p.replaced_by.empty() && !c.find_price(p.replaced_by))
      problems.push_back(fmt::format("price {} is replaced by {}, which the catalog lacks", p.id, p.replaced_by));
    if (!p.replaced_by.empty() && p.deprecated.empty())
      problems.push_back(fmt::format("price {} names replaced_by but no deprecated date", p.id));
  }
  unique("hardware", c.hardware_ids());
  unique("model", c.model_ids());
  unique("quantization", c.quantization_ids());
  unique("price", c.price_ids());
  return problems;
}

}  // namespace edgecalc
