// Uncertain values (a range written for a field): the names of their distributions and the
// median a point evaluation uses.

#include <edgecalc/load/quantity.hpp>

#include <cmath>

namespace edgecalc {

std::string_view to_string(Distribution d) {
  switch (d) {
    case Distribution::lognormal: return "lognormal";
    case Distribution::normal: return "normal";
    case Distribution::uniform: return "uniform";
    case Distribution::triangular: return "triangular";
  }
  return "lognormal";
}

double UncertainValue::median() const {
  switch (dist) {
    case Distribution::lognormal: return std::sqrt(low * high);
    case Distribution::normal:
    case Distribution::uniform: return (low + high) / 2;
    case Distribution::triangular: {
      const double c = mode.value_or((low + high) / 2);
      return c >= (low + high) / 2 ? low + std::sqrt((high - low) * (c - low) / 2)
                                   : high - std::sqrt((high - low) * (high - c) / 2);
    }
  }
  return (low + high) / 2;
}

}  // namespace edgecalc
