#include <edgecalc/domain/network.hpp>

#include "domain/units.hpp"

namespace edgecalc {

namespace {

using namespace units;

// Adding or correcting a network class is an edit of this table (and docs/networks.md).
constexpr std::string_view k_cellular_data =
    "assumption: $2/GB, pooled IoT cellular data bought in volume ($1-5/GB); pay-as-you-go IoT "
    "SIMs bill per MB and cost more (docs.hologram.io, billing guide)";

constexpr NetworkClass k_networks[] = {
    {Network::wired, true, 10 * k_ms, 40 * k_ms, 20 * k_mbit, 60, 0,
     "FCC Measuring Broadband America (fixed, 2023): 10-30 ms on fiber and cable, ~40 ms on DSL, "
     "to nearby servers",
     "assumption: 20 Mbit/s, a mid cable/fiber upload tier (FCC MBA tiers span 5-35+ Mbit/s)",
     "assumption: 1 min, a modem or router restart",
     "assumption: flat-rate broadband; the line is paid whatever the volume"},
    {Network::wifi, true, 15 * k_ms, 60 * k_ms, 10 * k_mbit, 30, 0,
     "assumption: the wired path plus 5-20 ms of Wi-Fi contention and retries",
     "assumption: 10 Mbit/s through a home access point", "assumption: 30 s, re-association",
     "assumption: flat-rate broadband behind the access point; the line is paid whatever the "
     "volume"},
    {Network::lte_urban, true, 80 * k_ms, 150 * k_ms, 5 * k_mbit, 30, 2,
     "edgecalc domain data: city LTE round trips to a cloud region are 80-150 ms",
     "assumption: 5 Mbit/s, the low end of Opensignal's LTE upload medians (5-10 Mbit/s)",
     "assumption: 30 s, handovers and coverage gaps",
     k_cellular_data},
    {Network::lte_rural, true, 130 * k_ms, 450 * k_ms, 1 * k_mbit, 300, 2,
     "edgecalc domain data: city LTE (80-150 ms) plus 50-300 ms for rural cells and backhaul",
     "assumption: 1 Mbit/s at the cell edge", "assumption: 5 min, rural links drop for minutes",
     k_cellular_data},
    {Network::industrial_cellular, true, 130 * k_ms, 450 * k_ms, 1 * k_mbit, 300, 2,
     "edgecalc domain data: city LTE (80-150 ms) plus 50-300 ms in plants, basements and remote "
     "sites",
     "assumption: 1 Mbit/s through walls, machinery and shared IoT plans",
     "assumption: 5 min, industrial cellular links drop for minutes",
     k_cellular_data},
    {Network::satellite_leo, true, 25 * k_ms, 60 * k_ms, 10 * k_mbit, 60, 0.5,
     "Starlink's published 25-60 ms; Ookla Speedtest (2023) US median ~45 ms",
     "Ookla Speedtest (2023): Starlink US median upload ~10 Mbit/s",
     "assumption: 1 min, obstructions and satellite handoffs",
     "Starlink Local Priority (2025): extra priority data $25 per 50 GB ($0.50/GB), $125 per "
     "500 GB (starlink.com support)"},
    {Network::satellite_geo, true, 600 * k_ms, 800 * k_ms, 3 * k_mbit, 300, 5,
     "physics: 4 x 35,786 km / c = 477 ms before any processing; FCC MBA measures ~600 ms on GEO",
     "assumption: 3 Mbit/s, common GEO upload tiers",
     "assumption: 5 min, rain fade and re-pointing",
     "assumption: $5/GB, GEO VSAT business plans ($1-10/GB); L-band terminals bill per MB and "
     "cost far more"},
    {Network::none, false, 0, 0, 0, 0, 0, "no link", "no link", "no link",
     "no link"},
};

}  // namespace

std::span<const NetworkClass> network_classes() { return k_networks; }

const NetworkClass& network_class(Network network) {
  for (const NetworkClass& n : k_networks)
    if (n.network == network) return n;
  return k_networks[std::size(k_networks) - 1];
}

}  // namespace edgecalc
