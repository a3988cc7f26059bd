#pragma once

// Reading one mapping of a document (a profile, a catalog) with typed getters; every getter
// remembers its key, so the unknown-key check (with "did you mean") needs no separate list of
// valid keys.

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <edgecalc/load/document.hpp>
#include <edgecalc/load/quantity.hpp>
#include <edgecalc/util/diagnostic.hpp>
#include <edgecalc/util/enum_name.hpp>
#include <edgecalc/util/suggest.hpp>

namespace edgecalc::detail {

// Allowed range of a numeric field.
struct Bounds {
  double min = 0;
  bool min_exclusive = false;  // true: the value must be above `min`
  double max = 1e15;
  bool whole = false;          // a whole number (counts of things)
  std::string_view min_text;   // the limits as users write them ("8bit/s"); "" prints the number
  std::string_view max_text;

  constexpr Bounds(double min_ = 0, bool min_exclusive_ = false, double max_ = 1e15, bool whole_ = false,
                   std::string_view min_text_ = {}, std::string_view max_text_ = {})
      : min(min_), min_exclusive(min_exclusive_), max(max_), whole(whole_), min_text(min_text_),
        max_text(max_text_) {}
};

using ParseFn = std::function<Parsed(std::string_view)>;

// Parsers that need no unit context, shared by every section reader (profiles, catalogs).
inline const ParseFn k_count = [](std::string_view t) { return parse_count(t); };
inline const ParseFn k_number = [](std::string_view t) { return parse_number(t); };
inline const ParseFn k_size = [](std::string_view t) { return parse_size(t); };
inline const ParseFn k_power = [](std::string_view t) { return parse_power(t); };
inline const ParseFn k_bandwidth = [](std::string_view t) { return parse_bandwidth(t); };
inline const ParseFn k_ops = [](std::string_view t) { return parse_ops(t); };
inline const ParseFn k_frequency = [](std::string_view t) { return parse_frequency(t); };
inline const ParseFn k_share = [](std::string_view t) { return parse_fraction(t); };  // 10% or 0.1

struct ReadContext {
  Diagnostics& diagnostics;
  UnitContext units;
  std::map<std::string, Position>* positions = nullptr;  // field path -> where written (when kept)
  std::vector<std::string>* defaults_applied = nullptr;  // field paths filled in from defaults
  // The default of a field path as a profile would write it ("730h"); the *_or getters need it.
  std::function<std::string_view(std::string_view path)> default_of = nullptr;
  // Where quantities may be ranges (profiles): each range read is added here and its median
  // returned. nullptr: a range is an error (catalogs).
  std::vector<UncertainValue>* uncertain = nullptr;
};

class FieldReader {
 public:
  // `node` is the mapping (null when the section is absent); `path` is "" at the top level;
  // `where` is where missing fields are reported (the section's key).
  FieldReader(ReadContext& ctx, const Node* node, std::string path, Position where);

  bool present() const { return m_node != nullptr; }
  const Node* node() const { return m_node; }
  ReadContext& context() const { return m_ctx; }
  std::string path_of(std::string_view key) const;
  const std::string& path() const { return m_path; }

  // The entry for `key`, or nullptr when it is absent or written as null. Marks it known.
  const MapEntry* entry(std::string_view key);

  // Text of a scalar field; nullopt when absent (reported if `required`) or not a scalar.
  std::optional<std::string> text(std::string_view key, bool required, std::string_view example);

  // text() for words people read (names, units): control characters other than `allowed` are an
  // error, so that no value can drive a terminal or split a log line.
  std::optional<std::string> label(std::string_view key, bool required, std::string_view example,
                                   std::string_view allowed = "");

  // A quantity parsed by `parse` and checked against `bounds`. Where ReadContext::uncertain is
  // set, a range (both ends checked) is recorded there and its median returned.
  std::optional<double> quantity(std::string_view key, const ParseFn& parse, const Bounds& bounds,
                                 bool required, std::string_view example);

  // The *_or getters: an absent field takes its default (ReadContext::default_of, read with the
  // field's own parser) and is listed in defaults_applied.
  double quantity_or(std::string_view key, const ParseFn& parse, const Bounds& bounds,
                     std::string_view example);
  std::string label_or(std::string_view key, std::string_view example);
  bool boolean_or(std::string_view key);
  template <class E>
  E choice_or(std::string_view key, std::span<const EnumName<E>> names);

  // The default of `key` as written in a profile; throws std::logic_error when it has none.
  std::string_view default_text(std::string_view key) const;
  // default_text() read by `parse`; throws std::logic_error when it does not parse.
  double default_value(std::string_view key, const ParseFn& parse) const;

  std::optional<bool> boolean(std::string_view key);

  template <class E>
  std::optional<E> choice(std::string_view key, std::span<const EnumName<E>> names, bool required);

  // The nested mapping under `key` (an absent reader when missing; reported if `required`).
  FieldReader section(std::string_view key, bool required);

  // Records that a default was applied to `key`.
  void defaulted(std::string_view key);

  // Reports a problem about `key` (at the key, or at the section when absent).
  void error_at(std::string_view key, std::string message);

  // Reports every key that no getter asked for.
  void finish();

 private:
  std::optional<double> uncertain_quantity(const MapEntry& e, const ParseFn& parse, const Bounds& bounds,
                                           std::string_view example);
  bool check_scalar(const MapEntry& e, std::string_view example);
  std::optional<std::string> choice_text(std::string_view key, const std::vector<std::string>& names,
                                         bool required);

  ReadContext& m_ctx;
  const Node* m_node;
  std::string m_path;
  Position m_where;
  std::set<std::string, std::less<>> m_known;
  std::set<std::string, std::less<>> m_reported_null;  // keys written without a value, reported once
};

template <class E>
std::optional<E> FieldReader::choice(std::string_view key, std::span<const EnumName<E>> names,
                                     bool required) {
  std::vector<std::string> spelled;
  for (const auto& n : names) spelled.emplace_back(n.name);
  const auto chosen = choice_text(key, spelled, required);
  if (!chosen) return std::nullopt;
  for (const auto& n : names)
    if (n.name == *chosen) return n.value;
  return std::nullopt;
}

template <class E>
E FieldReader::choice_or(std::string_view key, std::span<const EnumName<E>> names) {
  if (!entry(key)) defaulted(key);
  if (const auto chosen = choice(key, names, false)) return *chosen;
  for (const auto& n : names)
    if (n.name == default_text(key)) return n.value;
  throw std::logic_error(fmt::format("the default of {} names no choice", path_of(key)));
}

}  // namespace edgecalc::detail
