// Reading `battery:` (docs/profile.md, "battery"): a device on battery, its capacity, sleep draw,
// radio and the battery life every option must reach.

#include <edgecalc/domain/energy.hpp>

#include "profile/profile_reader.hpp"

namespace edgecalc::detail {

namespace {

using namespace profile_parse;

// A quantity of one of two kinds, the second (a charge or a current) times the battery's
// voltage: `220mAh` or `0.81Wh`, `3uA` or `10uW`.
ParseFn either(Parsed (*first)(std::string_view), Parsed (*second)(std::string_view), std::optional<double> volts,
               std::string_view expected, std::string_view second_unit) {
  return [=](std::string_view t) {
    const Parsed a = first(t);
    if (a.ok()) return a;
    const Parsed b = second(t);
    if (!b.ok()) return Parsed{0, fmt::format("must be {}", expected)};
    if (!volts) return Parsed{0, fmt::format("in {} needs battery.voltage (e.g. 3.7V) to be turned into energy", second_unit)};
    return Parsed{b.value * *volts, {}};
  };
}

}  // namespace

void read_battery(FieldReader r, const Parsers& p, Profile& profile) {
  if (!r.present()) return;
  Battery b;
  const ParseFn volts = [](std::string_view t) { return parse_voltage(t); };
  b.voltage_v = r.quantity("voltage", volts, {0, true, k_max_volts}, false, "3.7V");
  const auto capacity = r.quantity("capacity", either(parse_energy, parse_charge, b.voltage_v,
                                                       "an energy or a charge, e.g. 0.81Wh or 220mAh", "mAh"),
                                   {0, true, k_max_capacity_j}, true, "220mAh");
  const auto sleep = r.quantity("sleep", either(parse_power, parse_current, b.voltage_v,
                                                 "a power or a current, e.g. 10uW or 3uA", "A"),
                                {0, false, k_max_sleep_w}, true, "3uA");
  const ParseFn energy = [](std::string_view t) { return parse_energy(t); };
  const auto message = r.quantity("message_energy", energy, {0, false, k_max_radio_j}, false, "0.3J");
  const auto byte = r.quantity("byte_energy", energy, {0, false, k_max_radio_j}, false, "2uJ");
  std::string radios;
  for (const RadioEnergy& e : radio_energies()) radios += (radios.empty() ? "" : ", ") + std::string(e.id);
  const bool written = message && byte;
  if (const auto id = r.text("radio", !written, "ble")) {
    if (const RadioEnergy* e = find_radio_energy(*id)) {
      b.radio = std::string(e->id);
      b.message_j = e->message_j;
      b.byte_j = e->byte_j;
    } else {
      std::vector<std::string> names;
      for (const RadioEnergy& known : radio_energies()) names.emplace_back(known.id);
      std::string message_text = fmt::format("{} must be one of {}; got \"{}\"", r.path_of("radio"), radios, *id);
      if (const auto best = closest_match(*id, names)) message_text += fmt::format(" (did you mean `{}`?)", *best);
      r.error_at("radio", std::move(message_text));
    }
  } else if (written) {
    b.radio = "written";
  }
  if (message) b.message_j = *message;
  if (byte) b.byte_j = *byte;
  b.min_life_s = r.quantity("min_life", p.duration(), {0, true, k_max_duration_s}, false, "14 days");
  if (profile.edge.deployment != Deployment::device)
    r.error_at("capacity", "battery applies to devices: edge.deployment is server, whose boxes are not on battery "
                           "(remove battery:, or set edge.deployment: device)");
  r.finish();
  if (capacity && sleep) {
    b.capacity_j = *capacity;
    b.sleep_w = *sleep;
    profile.battery = b;
  }
}

}  // namespace edgecalc::detail
