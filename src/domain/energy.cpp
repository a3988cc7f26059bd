#include <edgecalc/domain/energy.hpp>

namespace edgecalc {

namespace {

constexpr std::string_view k_owid =
    "Our World in Data, 'Carbon intensity of electricity generation', 2023 values from Ember and the Energy "
    "Institute (ourworldindata.org/grapher/carbon-intensity-electricity)";

constexpr GridIntensity k_grids[] = {
    {"world", 480, "Ember, Global Electricity Review 2024: the world's power sector at 480 gCO2/kWh in 2023"},
    {"germany", 381, k_owid},   {"france", 56, k_owid},  {"india", 713, k_owid},   {"china", 582, k_owid},
    {"canada", 170, k_owid},    {"brazil", 98, k_owid},  {"australia", 549, k_owid}, {"denmark", 152, k_owid},
    {"finland", 79, k_owid},
};

// Epoch AI, 'How much energy does ChatGPT use?' (2025-02): a typical GPT-4o query of about 500
// output tokens takes 0.3 Wh on H100 servers at 70% of peak power, 1,080 J / 500 = 2.16 J per
// output token; a 10k-token input raises it to about 2.5 Wh, 2.2 Wh more for 10,000 tokens =
// 0.79 J per input token. PUE: Uptime Institute Global Data Center Survey 2024, average 1.56.
constexpr ApiEnergy k_api{0.79, 2.16, 1.56,
                          "Epoch AI, 'How much energy does ChatGPT use?' (2025-02): 0.3 Wh for a GPT-4o query of ~500 "
                          "output tokens (2.16 J a token), ~2.5 Wh with 10k input tokens (0.79 J a token); x PUE 1.56 "
                          "(Uptime Institute Global Data Center Survey 2024)"};

// Each figure in joules. Messages: BLE 26.951 uJ per advertising event; Wi-Fi 108.6 mC at 5 V =
// 0.543 J; LTE-M 0.152 mWh = 0.5472 J, NB-IoT 0.076 mWh = 0.2736 J (x 3600 J/Wh); LoRaWAN
// (8 + 4.25) preamble + 33 payload symbols of a 13-byte frame = 45.25 x 1.024 ms = 46.34 ms at
// 45 mA x 3.3 V = 148.5 mW = 6.881 mJ. Bytes: BLE 6.40 mA x 3 V x 8 us = 0.1536 uJ; Wi-Fi
// 129 mA x 3.3 V x 0.8 us (10 Mbit/s) = 0.3406 uJ; LTE-M 100 mA x 3.7 V = 0.37 W x 44.4 us
// (180 kbit/s) = 16.44 uJ; NB-IoT 0.37 W x 128 us (62.5 kbit/s) = 47.36 uJ; LoRaWAN 8/28 x 5
// symbols x 1.024 ms x 148.5 mW = 0.2172 mJ.
constexpr std::string_view k_lora_byte =
    "SX1262 datasheet: 45 mA at +14 dBm at 3.3 V; time on air by its formula (SF7, 125 kHz, CR 4/5): 1.46 ms "
    "a byte";
constexpr RadioEnergy k_radios[] = {
    {"ble", 26.951e-6, 6.40e-3 * 3 * 8e-6,
     "BlueJoule (em-foundation): an nRF52832 advertising event (19 bytes on three channels, 0 dBm) under "
     "Zephyr at 2.7 V, 26.95 uJ",
     "nRF52840 product specification: 6.40 mA transmitting at 0 dBm, 1 Mbit/s, DC/DC, at 3 V"},
    {"wifi", 108.6e-3 * 5, 129e-3 * 3.3 * 8 / 10e6,
     "glenn20/upy-esp32-experiments: an ESP32 waking from deep sleep, joining Wi-Fi (static IP) and "
     "sending one MQTT message, 108.6 mC at 5 V",
     "ESP-IDF power-save example: 129 mA with the radio on (no power save) at 3.3 V, at the 10 Mbit/s "
     "Wi-Fi uplink of docs/networks.md"},
    {"lte-m", 0.152e-3 * 3600, 100e-3 * 3.7 * 8 / 180e3,
     "boaks/zephyr-coaps-client power notes: an nRF9160-DK waking from PSM for a 200-byte CoAP exchange "
     "each way and 10 s connected, 0.152 mWh",
     "nRF9160 product specification (modem current consumption, IRMC_23DBM): 100 mA average in RRC "
     "connected mode sending 180 kbit/s uplink at 23 dBm (band 13), at 3.7 V"},
    {"nb-iot", 0.076e-3 * 3600, 100e-3 * 3.7 * 8 / 62.5e3,
     "boaks/zephyr-coaps-client power notes: an nRF9160-DK waking from PSM for a 200-byte CoAP exchange "
     "each way, released early (RAI), 0.076 mWh",
     "nRF9160 product specification: the modem's 0.37 W sending at 23 dBm on Cat-M1 (100 mA at 3.7 V), "
     "assumed for Cat-NB1 at its 62.5 kbit/s peak uplink (the Cat-NB1 figure at 23 dBm is not in a stored source)"},
    {"lorawan", 45.25 * 1.024e-3 * 45e-3 * 3.3, 8.0 / 28 * 5 * 1.024e-3 * 45e-3 * 3.3,
     "SX1262 datasheet: a 13-byte LoRaWAN frame (headers and MIC, no payload) at SF7, 125 kHz, +14 dBm "
     "(45 mA at 3.3 V), 46.3 ms on air; receive windows not counted",
     k_lora_byte},
};

}  // namespace

std::span<const RadioEnergy> radio_energies() { return k_radios; }

const RadioEnergy* find_radio_energy(std::string_view id) {
  for (const RadioEnergy& r : k_radios)
    if (r.id == id) return &r;
  return nullptr;
}

std::span<const GridIntensity> grid_intensities() { return k_grids; }

const GridIntensity* find_grid_intensity(std::string_view id) {
  for (const GridIntensity& g : k_grids)
    if (g.id == id) return &g;
  return nullptr;
}

const ApiEnergy& api_energy() { return k_api; }

}  // namespace edgecalc
