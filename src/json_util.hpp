#pragma once

#include <optional>

#include <nlohmann/json.hpp>

namespace edgecalc {

// The value, or JSON null when there is none.
template <class T>
nlohmann::ordered_json or_null(const std::optional<T>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

}  // namespace edgecalc
