#pragma once

// What every catalog section's reader shares: USD money, the quantity parsers, and the id,
// source and date each entry carries.

#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/domain/defaults.hpp>
#include <edgecalc/util/calendar.hpp>

#include "load/field_reader.hpp"

namespace edgecalc::detail {

namespace catalog_read {

// The context-free parsers (load/field_reader.hpp), for `using namespace catalog_read`.
using detail::k_bandwidth;
using detail::k_count;
using detail::k_frequency;
using detail::k_ops;
using detail::k_power;
using detail::k_share;
using detail::k_size;

// Catalogs price in USD; a "month" in them is the default billing month.
inline const UnitContext& catalog_units() {
  static const UnitContext units{default_units().month_s, "USD"};
  return units;
}
inline const ParseFn k_money = [](std::string_view t) { return parse_money(t, catalog_units()); };
inline const ParseFn k_duration = [](std::string_view t) { return parse_duration(t, catalog_units()); };
inline constexpr Bounds k_non_negative{0, false, 1e18};
inline constexpr Bounds k_positive{0, true, 1e18};

// id, source and date: every entry has them.
inline bool read_identity(FieldReader& r, std::string& id, std::string& source, std::string& date) {
  id = r.text("id", true, "rpi5-8gb").value_or("");
  source = r.text("source", true, "\"vendor datasheet\"").value_or("");
  date = r.text("date", true, "2025-01").value_or("");
  if (r.entry("date") && !date.empty() && !is_date(date, true))
    r.error_at("date", fmt::format("{} must be a date, YYYY-MM or YYYY-MM-DD; got \"{}\"", r.path_of("date"), date));
  return !id.empty();
}

// A required quantity (0 when missing or bad: the reader has reported it).
inline double need(FieldReader& r, std::string_view key, const ParseFn& parse, const Bounds& b,
                   std::string_view example) {
  return r.quantity(key, parse, b, true, example).value_or(0);
}

// Each map of the list under `key` (none when absent), read by `item(reader, path)`; a key that
// is not a list, or an item that is not a map, is reported with the example.
template <class ReadItem>
void read_list(FieldReader& r, std::string_view key, std::string_view item_example, ReadItem item) {
  const MapEntry* e = r.entry(key);
  if (!e) return;
  if (e->value->kind != Node::Kind::sequence) {
    r.error_at(key, fmt::format("{} must be a list, e.g. [{}]", r.path_of(key), item_example));
    return;
  }
  for (std::size_t i = 0; i < e->value->items.size(); ++i) {
    const NodePtr& node = e->value->items[i];
    const std::string path = fmt::format("{}[{}]", r.path_of(key), i);
    if (node->kind != Node::Kind::map) {
      r.context().diagnostics.error(node->position, fmt::format("{} must be a map, e.g. {}", path, item_example));
      continue;
    }
    FieldReader c(r.context(), node.get(), path, node->position);
    item(c, path);
  }
}

// The words of the list under `key` (`runtimes: [x-cube-ai, microtvm-cmsis-nn]`; none when absent);
// a key that is not a list, or an item that is not a word, is reported with the example.
inline std::vector<std::string> read_text_list(FieldReader& r, std::string_view key, std::string_view example) {
  std::vector<std::string> out;
  const MapEntry* e = r.entry(key);
  if (!e) return out;
  if (e->value->kind != Node::Kind::sequence) {
    r.error_at(key, fmt::format("{} must be a list, e.g. [{}]", r.path_of(key), example));
    return out;
  }
  for (std::size_t i = 0; i < e->value->items.size(); ++i) {
    const NodePtr& node = e->value->items[i];
    if (node->kind != Node::Kind::scalar || node->text.empty())
      r.context().diagnostics.error(node->position,
                                    fmt::format("{}[{}] must be a word, e.g. [{}]", r.path_of(key), i, example));
    else
      out.push_back(node->text);
  }
  return out;
}

}  // namespace catalog_read

// A document embedded at build time as JSON, every scalar a string (tools/embed_catalog.cpp).
NodePtr node_from_json(const nlohmann::json& j);

// One entry of `prices:` (data/prices.yaml, --catalog files).
PriceEntry read_price(FieldReader r);

}  // namespace edgecalc::detail
