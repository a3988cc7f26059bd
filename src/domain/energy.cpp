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

}  // namespace

std::span<const GridIntensity> grid_intensities() { return k_grids; }

const GridIntensity* find_grid_intensity(std::string_view id) {
  for (const GridIntensity& g : k_grids)
    if (g.id == id) return &g;
  return nullptr;
}

const ApiEnergy& api_energy() { return k_api; }

}  // namespace edgecalc
