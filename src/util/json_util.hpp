#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "util/json_view.hpp"

namespace edgecalc {

// The value, or JSON null when there is none; NaN and infinities are null too.
template <class T>
nlohmann::ordered_json or_null(const std::optional<T>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

// Reading the JSON report back (renderers, diffs): a string ("" when absent), a number (NaN when
// absent or null), a nullable number.
inline std::string str(JsonView j) { return j.text(); }
inline double num(JsonView j) { return j.number(); }
inline std::optional<double> opt(JsonView j) {
  return j.is_number() ? std::optional<double>(j.number()) : std::nullopt;
}

}  // namespace edgecalc
