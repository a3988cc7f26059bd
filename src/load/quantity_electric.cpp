// Electrical quantities: power, a battery's energy, charge, current and voltage, and a clock.
#include <edgecalc/load/quantity.hpp>

#include "load/number_scan.hpp"

namespace edgecalc {

namespace {

// Base: watts.
constexpr Unit k_power_units[] = {{"uW", 1e-6}, {"µW", 1e-6}, {"mW", 1e-3}, {"W", 1}, {"kW", 1e3}, {"MW", 1e6}};
constexpr std::string_view k_power_names = "uW, mW, W, kW, MW";

// A battery's units. Bases: joules, coulombs, amperes, volts.
constexpr Unit k_joule_units[] = {{"uJ", 1e-6}, {"µJ", 1e-6}, {"mJ", 1e-3}, {"J", 1},        {"kJ", 1e3},
                                  {"uWh", 3.6e-3}, {"µWh", 3.6e-3}, {"mWh", 3.6}, {"Wh", 3600}, {"kWh", 3.6e6}};
constexpr Unit k_charge_units[] = {{"uAh", 3.6e-3}, {"µAh", 3.6e-3}, {"mAh", 3.6}, {"Ah", 3600}, {"C", 1}};
constexpr Unit k_current_units[] = {{"nA", 1e-9}, {"uA", 1e-6}, {"µA", 1e-6}, {"mA", 1e-3}, {"A", 1}};
constexpr Unit k_voltage_units[] = {{"mV", 1e-3}, {"V", 1}};
// A processor's clock. Base: hertz.
constexpr Unit k_frequency_units[] = {{"Hz", 1}, {"kHz", 1e3}, {"MHz", 1e6}, {"GHz", 1e9}};

}  // namespace

Parsed parse_power(std::string_view text) {
  return parse_with_units(text, k_power_units, "power", k_power_names, "W", UnitContext{});
}

Parsed parse_energy(std::string_view text) {
  return parse_with_units(text, k_joule_units, "energy", "uJ, mJ, J, kJ, mWh, Wh, kWh", "mJ", UnitContext{});
}

Parsed parse_charge(std::string_view text) {
  return parse_with_units(text, k_charge_units, "charge", "uAh, mAh, Ah", "mAh", UnitContext{});
}

Parsed parse_current(std::string_view text) {
  return parse_with_units(text, k_current_units, "current", "nA, uA, mA, A", "uA", UnitContext{});
}

Parsed parse_voltage(std::string_view text) {
  return parse_with_units(text, k_voltage_units, "voltage", "mV, V", "V", UnitContext{});
}

Parsed parse_frequency(std::string_view text) {
  return parse_with_units(text, k_frequency_units, "frequency", "Hz, kHz, MHz, GHz", "MHz", UnitContext{});
}

}  // namespace edgecalc
