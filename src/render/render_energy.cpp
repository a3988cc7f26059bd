// The table's energy block: each priced option's energy and carbon per call, from the JSON
// report's options.NAME.energy (model/energy.cpp).

#include <cmath>

#include <fmt/format.h>

#include "render/render_energy.hpp"
#include "render/render_text.hpp"
#include "util/json_util.hpp"

namespace edgecalc {


std::vector<EnergyRow> energy_rows(JsonView r) {
  std::vector<EnergyRow> rows;
  for (const char* name : {"cloud", "edge", "hybrid"}) {
    const JsonView e = r["options"][name]["energy"];
    if (!e.is_object()) continue;
    const bool known = e["per_call_j"].is_number();
    EnergyRow row{name, "-", "-", "-", {}};
    if (known) {
      row.per_call = format_si(num(e["per_call_j"]), "J");
      row.carbon_per_call = format_count(num(e["carbon_per_call_g"])) + " g";
      row.carbon_per_month = format_count(num(e["carbon_per_month_kg"])) + " kg";
      if (e["local_j"].is_number() && e["cloud_j"].is_number())
        row.note = fmt::format("{} local + {} in the cloud", format_si(num(e["local_j"]), "J"), format_si(num(e["cloud_j"]), "J"));
    } else {
      row.note = str(e["unknown"]);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string carbon_heading(JsonView r) {
  const JsonView c = r["carbon"];
  std::string out = fmt::format("CO2e at {} g/kWh ({})", format_count(num(c["grid_g_per_kwh"])), str(c["grid"]));
  if (str(c["cloud_grid"]) != str(c["grid"]))
    out += fmt::format(", the cloud's at {} g/kWh ({})", format_count(num(c["cloud_g_per_kwh"])), str(c["cloud_grid"]));
  return out;
}

std::string energy_table(JsonView r) {
  constexpr std::size_t k_note_column = 2 + 8 + 11 + 14 + 16 + 2;
  std::string rows;
  for (const EnergyRow& row : energy_rows(r)) {
    rows += fmt::format("  {:<8}{:>11}{:>14}{:>16}", row.option, row.per_call, row.carbon_per_call, row.carbon_per_month);
    rows += row.note.empty() ? "\n" : "  " + wrap_text(row.note, 100, k_note_column).substr(k_note_column);
  }
  if (rows.empty()) return "";
  return fmt::format("energy per call, {}\n  {:<8}{:>11}{:>14}{:>16}\n{}", carbon_heading(r), "option", "per call",
                     "CO2e a call", "CO2e a month", rows);
}

std::vector<BatteryRow> battery_rows(JsonView r) {
  std::vector<BatteryRow> rows;
  if (!r["battery"].is_object()) return rows;
  for (const char* name : {"cloud", "edge", "hybrid"}) {
    const JsonView l = r["options"][name]["battery"];
    if (!l.is_object()) continue;
    const bool known = l["life_days"].is_number();
    const double days = known ? num(l["life_days"]) : 0;
    rows.push_back(BatteryRow{name, !known ? "-" : days >= 1 ? format_count(days) + " days" : format_duration(days * 86400),
                              l["average_w"].is_number() ? format_si(num(l["average_w"]), "W") : "-",
                              l["compute_j"].is_number() ? format_si(num(l["compute_j"]), "J") : "-", format_si(num(l["radio_j"]), "J"),
                              known ? "" : str(l["unknown"])});
  }
  return rows;
}

std::vector<std::string> battery_lines(JsonView r) {
  const JsonView b = r["battery"];
  if (!b.is_object()) return {};
  std::string capacity = format_si(num(b["capacity_j"]), "J");
  if (b["voltage_v"].is_number())
    capacity = fmt::format("{} mAh at {} V ({})", format_count(num(b["capacity_j"]) / num(b["voltage_v"]) / 3.6),
                           format_count(num(b["voltage_v"])), capacity);
  std::vector<std::string> lines{fmt::format("one device: {}, asleep {}", capacity, format_si(num(b["sleep_w"]), "W")),
                                 fmt::format("radio {}: {} a message + {} a byte", str(b["radio"]),
                                             format_si(num(b["message_j"]), "J"), format_si(num(b["byte_j"]), "J"))};
  if (b["min_life_days"].is_number()) {
    const double min = num(b["min_life_days"]);
    std::string short_lived;
    for (const char* name : {"cloud", "edge", "hybrid"}) {
      const JsonView l = r["options"][name]["battery"];
      if (l["life_days"].is_number() && num(l["life_days"]) < min)
        short_lived += (short_lived.empty() ? "" : ", ") + std::string(name);
    }
    lines.push_back(fmt::format("battery.min_life {} days: {}", format_count(min),
                                short_lived.empty() ? "every option reaches it" : short_lived + " under it (rule battery.life)"));
  }
  return lines;
}

std::string battery_table(JsonView r) {
  const std::vector<BatteryRow> rows = battery_rows(r);
  if (rows.empty()) return "";
  const std::vector<std::string> lines = battery_lines(r);
  constexpr std::size_t k_note_column = 2 + 8 + 12 + 14 + 13 + 12 + 2;
  std::string out = fmt::format("battery life of {}\n  {}\n", lines[0], lines[1]);
  out += fmt::format("  {:<8}{:>12}{:>14}{:>13}{:>12}\n", "option", "life", "average draw", "inference", "radio");
  for (const BatteryRow& row : rows) {
    out += fmt::format("  {:<8}{:>12}{:>14}{:>13}{:>12}", row.option, row.life, row.average_draw, row.inference, row.radio);
    out += row.note.empty() ? "\n" : "  " + wrap_text(row.note, 100, k_note_column).substr(k_note_column);
  }
  if (lines.size() > 2) out += "  " + lines[2] + "\n";
  return out;
}

}  // namespace edgecalc
