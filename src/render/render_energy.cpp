// The table's energy block: each priced option's energy and carbon per call, from the JSON
// report's options.NAME.energy (model/energy.cpp).

#include <cmath>

#include <fmt/format.h>

#include "render/render_text.hpp"
#include "util/json_util.hpp"

namespace edgecalc {

namespace {

// Joules as people read them: "0.1 J", "864 J", "1.26 kJ".
std::string joules(double j) {
  return std::fabs(j) >= 1000 ? format_count(j / 1000) + " kJ" : format_count(j) + " J";
}

}  // namespace

std::string energy_table(JsonView r) {
  std::string rows;
  constexpr std::size_t k_note_column = 2 + 8 + 11 + 14 + 16 + 2;
  for (const char* name : {"cloud", "edge", "hybrid"}) {
    const JsonView e = r["options"][name]["energy"];
    if (!e.is_object()) continue;
    const bool known = e["per_call_j"].is_number();
    const std::string per_call = known ? joules(num(e["per_call_j"])) : "-";
    const std::string carbon = known ? format_count(num(e["carbon_per_call_g"])) + " g" : "-";
    const std::string month = known ? format_count(num(e["carbon_per_month_kg"])) + " kg" : "-";
    std::string note;
    if (!known) note = str(e["unknown"]);
    else if (e["local_j"].is_number() && e["cloud_j"].is_number())
      note = fmt::format("{} local + {} in the cloud", joules(num(e["local_j"])), joules(num(e["cloud_j"])));
    rows += fmt::format("  {:<8}{:>11}{:>14}{:>16}", name, per_call, carbon, month);
    rows += note.empty() ? "\n" : "  " + wrap_text(note, 100, k_note_column).substr(k_note_column);
  }
  if (rows.empty()) return "";
  return fmt::format("energy per call, CO2e at {} g/kWh ({}){}\n  {:<8}{:>11}{:>14}{:>16}\n{}",
                     format_count(num(r["carbon"]["grid_g_per_kwh"])), str(r["carbon"]["grid"]),
                     str(r["carbon"]["cloud_grid"]) == str(r["carbon"]["grid"])
                         ? ""
                         : fmt::format(", the cloud's at {} g/kWh ({})", format_count(num(r["carbon"]["cloud_g_per_kwh"])),
                                       str(r["carbon"]["cloud_grid"])),
                     "option", "per call", "CO2e a call", "CO2e a month", rows);
}

}  // namespace edgecalc
