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

// A small quantity with an SI prefix: "27 uJ", "6.88 mJ", "0.55 J", "2.93 kJ"; "11.1 uW".
std::string si(double v, std::string_view unit) {
  const double a = std::fabs(v);
  if (a == 0) return "0 " + std::string(unit);
  if (a < 1e-3) return format_count(v * 1e6) + " u" + std::string(unit);
  if (a < 1) return format_count(v * 1e3) + " m" + std::string(unit);
  if (a < 1e3) return format_count(v) + " " + std::string(unit);
  return format_count(v / 1e3) + " k" + std::string(unit);
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

std::string battery_table(JsonView r) {
  const JsonView b = r["battery"];
  if (!b.is_object()) return "";
  std::string rows, short_lived;
  const bool min_set = b["min_life_days"].is_number();
  constexpr std::size_t k_note_column = 2 + 8 + 12 + 14 + 13 + 12 + 2;
  for (const char* name : {"cloud", "edge", "hybrid"}) {
    const JsonView l = r["options"][name]["battery"];
    if (!l.is_object()) continue;
    const bool known = l["life_days"].is_number();
    const double days = known ? num(l["life_days"]) : 0;
    const std::string life = !known ? "-" : days >= 1 ? format_count(days) + " days" : format_duration(days * 86400);
    const std::string draw = l["average_w"].is_number() ? si(num(l["average_w"]), "W") : "-";
    const std::string compute = l["compute_j"].is_number() ? si(num(l["compute_j"]), "J") : "-";
    rows += fmt::format("  {:<8}{:>12}{:>14}{:>13}{:>12}", name, life, draw, compute, si(num(l["radio_j"]), "J"));
    rows += known ? "\n" : "  " + wrap_text(str(l["unknown"]), 100, k_note_column).substr(k_note_column);
    if (known && min_set && days < num(b["min_life_days"])) short_lived += (short_lived.empty() ? "" : ", ") + std::string(name);
  }
  if (rows.empty()) return "";
  std::string capacity = si(num(b["capacity_j"]), "J");
  if (b["voltage_v"].is_number())
    capacity = fmt::format("{} mAh at {} V ({})", format_count(num(b["capacity_j"]) / num(b["voltage_v"]) / 3.6),
                           format_count(num(b["voltage_v"])), capacity);
  std::string out = fmt::format("battery life of one device: {}, asleep {}\n  radio {}: {} a message + {} a byte\n",
                                capacity, si(num(b["sleep_w"]), "W"), str(b["radio"]), si(num(b["message_j"]), "J"),
                                si(num(b["byte_j"]), "J"));
  out += fmt::format("  {:<8}{:>12}{:>14}{:>13}{:>12}\n", "option", "life", "average draw", "inference", "radio") + rows;
  if (min_set)
    out += fmt::format("  battery.min_life {} days: {}\n", format_count(num(b["min_life_days"])),
                       short_lived.empty() ? "every option reaches it" : short_lived + " under it (rule battery.life)");
  return out;
}

}  // namespace edgecalc
