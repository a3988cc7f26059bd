#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace edgecalc {

// The value, or JSON null when there is none.
template <class T>
nlohmann::ordered_json or_null(const std::optional<T>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

// Reading the JSON report back (renderers, diffs): a string, a number, a nullable number.
inline std::string str(const nlohmann::ordered_json& j) { return j.get<std::string>(); }
inline double num(const nlohmann::ordered_json& j) { return j.get<double>(); }
inline std::optional<double> opt(const nlohmann::ordered_json& j) {
  return j.is_null() ? std::nullopt : std::optional<double>(j.get<double>());
}

}  // namespace edgecalc
