#pragma once

// Energy, carbon and battery life per option (report keys options.*.energy, options.*.battery,
// carbon and battery), as text cells every format shares: the table, Markdown and HTML.

#include <string>
#include <vector>

#include "util/json_view.hpp"

namespace edgecalc {

struct EnergyRow {
  std::string option;
  std::string per_call, carbon_per_call, carbon_per_month;  // "-" when the energy is unknown
  std::string note;  // why it is unknown, or the local + cloud split of a hybrid
};

// One row per option the report gives an energy; empty when none has one.
std::vector<EnergyRow> energy_rows(JsonView report);

// "CO2e at 480 g/kWh (world)", with the cloud's grid when it differs.
std::string carbon_heading(JsonView report);

struct BatteryRow {
  std::string option;
  std::string life, average_draw, inference, radio;  // life "-" when unknown
  std::string note;                                  // why the life is unknown
};

// One row per option with a battery life; empty without a battery: section.
std::vector<BatteryRow> battery_rows(JsonView report);

// The battery's description: its capacity and sleep draw, its radio's energy, and what
// battery.min_life says of the options. Empty without a battery: section.
std::vector<std::string> battery_lines(JsonView report);

}  // namespace edgecalc
