#pragma once

// Energy data: the carbon intensity of electricity by region, and the energy a hosted LLM API
// spends per token in its data centre, each with its source (docs/model.md, "Energy and carbon").

#include <span>
#include <string_view>

namespace edgecalc {

// Grams of CO2-equivalent per kWh of electricity generated, lifecycle, in one region.
struct GridIntensity {
  std::string_view id;
  double g_per_kwh;
  std::string_view source;
};

std::span<const GridIntensity> grid_intensities();
const GridIntensity* find_grid_intensity(std::string_view id);  // nullptr for an unknown id

// A hosted API's GPU-server energy per token, before the data centre's overhead (PUE).
struct ApiEnergy {
  double input_j_per_token;
  double output_j_per_token;
  double pue;  // the data centre's total / IT energy
  std::string_view source;
};
const ApiEnergy& api_energy();

}  // namespace edgecalc
