// Catalog entries written back as a catalog file that --catalog reads: full precision, each
// quantity in its base unit ("8000000000B", "0.012s"), so reading it gives the same numbers.

#include <edgecalc/domain/catalog.hpp>

#include <fmt/format.h>

#include <edgecalc/load/quantity.hpp>

namespace edgecalc {

namespace {

using Json = nlohmann::ordered_json;

// Quantities stay strings in JSON ("8000000000B"), as a catalog writes them.
std::string with_unit(double value, std::string_view unit) { return format_number(value) + std::string(unit); }

Json hardware_json(const HardwareEntry& h) {
  Json j = {{"id", h.id}, {"name", h.name}, {"kind", h.kind}, {"backend", h.backend}};
  if (h.price) j["price"] = "$" + format_number(*h.price);
  if (h.hourly) j["hourly"] = "$" + format_number(*h.hourly);
  j["power"] = {{"idle", with_unit(h.power_idle_w, "W")}, {"active", with_unit(h.power_active_w, "W")}};
  j["ram"] = with_unit(h.ram_bytes, "B");
  j["reserved"] = with_unit(h.reserved_bytes, "B");
  j["flash"] = with_unit(h.flash_bytes, "B");
  j["memory_bandwidth"] = with_unit(h.bandwidth_bytes_per_s, "B/s");
  j["int8"] = with_unit(h.int8_ops, "OPS");
  j["fp16"] = with_unit(h.fp16_flops, "FLOPS");
  if (h.mac_rate) j["mac_rate"] = format_number(*h.mac_rate);
  if (h.clock_hz) j["clock"] = with_unit(*h.clock_hz, "Hz");
  if (!h.runtimes.empty()) j["runtimes"] = h.runtimes;
  if (h.runtime) j["runtime"] = *h.runtime;
  if (!h.rental.empty()) {
    Json rental = Json::object();
    for (const RentalRate& r : h.rental) {
      Json t = {{"hourly", "$" + format_number(r.hourly)}};
      if (r.low) t["low"] = "$" + format_number(*r.low);
      if (r.high) t["high"] = "$" + format_number(*r.high);
      t["source"] = r.source;
      t["date"] = r.date;
      rental[std::string(to_string(r.tier))] = t;
    }
    j["rental"] = rental;
  }
  j["source"] = h.source;
  j["date"] = h.date;
  return j;
}

Json backend_json(const BackendEntry& b) {
  Json j = {{"id", b.id},
            {"bandwidth_efficiency", format_number(b.bandwidth_efficiency)},
            {"token_overhead", with_unit(b.token_overhead_s, "s")},
            {"prefill_efficiency", format_number(b.prefill_efficiency)},
            {"runtime_memory", with_unit(b.runtime_memory_bytes, "B")},
            {"max_concurrency", format_number(b.max_concurrency)}};
  if (b.call_overhead_s > 0) j["call_overhead"] = with_unit(b.call_overhead_s, "s");
  if (!b.max_concurrency_source.empty()) j["max_concurrency_source"] = b.max_concurrency_source;
  if (!b.runtimes.empty()) {
    j["runtimes"] = Json::array();
    for (const TinyRuntime& t : b.runtimes)
      j["runtimes"].push_back({{"id", t.id}, {"macs_per_cycle", format_number(t.macs_per_cycle)}, {"source", t.source}});
  }
  j["source"] = b.source;
  j["date"] = b.date;
  return j;
}

// Identity and prose are quoted; quantities are plain YAML scalars.
bool quoted(std::string_view key) {
  return key == "id" || key == "name" || key == "kind" || key == "backend" || key == "source" || key == "date" ||
         key == "max_concurrency_source";
}

std::string yaml_scalar(std::string_view key, const Json& value) {
  const std::string text = value.get<std::string>();
  return quoted(key) ? Json(text).dump() : text;
}

// A map as a YAML flow mapping, nested maps included: {a: 1, b: {c: 2}}.
std::string yaml_flow(const Json& map) {
  std::string flow;
  for (const auto& [k, v] : map.items())
    flow += (flow.empty() ? "" : ", ") + k + ": " + (v.is_object() ? yaml_flow(v) : yaml_scalar(k, v));
  return "{" + flow + "}";
}

}  // namespace

nlohmann::ordered_json catalog_json(const Catalog& c) {
  Json out = Json::object();
  if (!c.hardware.empty()) {
    out["hardware"] = Json::array();
    for (const HardwareEntry& h : c.hardware) out["hardware"].push_back(hardware_json(h));
  }
  if (!c.backends.empty()) {
    out["backends"] = Json::array();
    for (const BackendEntry& b : c.backends) out["backends"].push_back(backend_json(b));
  }
  return out;
}

std::string catalog_yaml(const Catalog& c) {
  std::string out;
  const Json document = catalog_json(c);
  for (const auto& [section, entries] : document.items()) {
    out += section + ":\n";
    for (const Json& entry : entries) {
      std::string lead = "  - ";
      for (const auto& [key, value] : entry.items()) {
        if (value.is_object()) {
          out += fmt::format("{}{}: {}\n", lead, key, yaml_flow(value));
        } else if (value.is_array()) {
          std::string items;
          for (const Json& item : value) items += (items.empty() ? "" : ", ") + yaml_flow(item);
          out += fmt::format("{}{}: [{}]\n", lead, key, items);
        } else {
          out += fmt::format("{}{}: {}\n", lead, key, yaml_scalar(key, value));
        }
        lead = "    ";
      }
    }
  }
  return out;
}

}  // namespace edgecalc
