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

// What a battery device's radio spends to send one call to the cloud (docs/model.md, "Battery
// life"): a message (waking, attaching or connecting, headers, the acknowledgement), then each
// byte of the payload on air. Measured where a measurement was found; each figure says how.
struct RadioEnergy {
  std::string_view id;             // battery.radio: ble, wifi, lte-m, nb-iot, lorawan
  double message_j;                // one message, as measured or computed below
  double byte_j;                   // each payload byte: transmit power x the byte's time on air
  std::string_view message_source;
  std::string_view byte_source;
};

std::span<const RadioEnergy> radio_energies();
const RadioEnergy* find_radio_energy(std::string_view id);  // nullptr for an unknown id

}  // namespace edgecalc
