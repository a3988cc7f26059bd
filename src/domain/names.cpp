// The spellings users write in profiles, one table per enum: the single source for parsing,
// printing and error messages.

#include <edgecalc/domain/names.hpp>

namespace edgecalc {

namespace {

constexpr EnumName<Network> k_network_names[] = {
    {Network::wired, "wired"},
    {Network::wifi, "wifi"},
    {Network::lte_urban, "lte-urban"},
    {Network::lte_rural, "lte-rural"},
    {Network::industrial_cellular, "industrial-cellular"},
    {Network::satellite_leo, "satellite-leo"},
    {Network::satellite_geo, "satellite-geo"},
    {Network::none, "none"}};
constexpr EnumName<Sensitivity> k_sensitivities[] = {
    {Sensitivity::public_data, "public"}, {Sensitivity::internal, "internal"},
    {Sensitivity::proprietary, "proprietary"}, {Sensitivity::personal, "personal"},
    {Sensitivity::biometric, "biometric"}, {Sensitivity::health, "health"},
    {Sensitivity::audio, "audio"}, {Sensitivity::video, "video"}};
constexpr EnumName<LeavesDevice> k_leaves_device[] = {{LeavesDevice::auto_detect, "auto"},
                                                      {LeavesDevice::allowed, "allowed"},
                                                      {LeavesDevice::forbidden, "forbidden"}};
constexpr EnumName<Deployment> k_deployments[] = {{Deployment::device, "device"},
                                                  {Deployment::server, "server"}};
constexpr EnumName<HybridMode> k_hybrid_modes[] = {{HybridMode::cascade, "cascade"},
                                                   {HybridMode::route, "route"}};
constexpr EnumName<Option> k_options[] = {
    {Option::edge, "edge"}, {Option::cloud, "cloud"}, {Option::hybrid, "hybrid"}};
constexpr EnumName<PriceForm> k_price_forms[] = {{PriceForm::per_call, "per_call"},
                                                 {PriceForm::per_1k_tokens, "per_1k_tokens"},
                                                 {PriceForm::per_1m_tokens, "per_1m_tokens"},
                                                 {PriceForm::instance, "instance"}};
constexpr EnumName<PriceTier> k_price_tiers[] = {{PriceTier::standard, "standard"}, {PriceTier::batch, "batch"}};
constexpr EnumName<RentalTier> k_rental_tiers[] = {{RentalTier::on_demand, "on-demand"},
                                                   {RentalTier::reserved_1y, "reserved-1y"},
                                                   {RentalTier::reserved_3y, "reserved-3y"},
                                                   {RentalTier::spot, "spot"},
                                                   {RentalTier::scale_to_zero, "scale-to-zero"}};

constexpr EnumName<GateLevel> k_levels[] = {{GateLevel::fail, "fail"}, {GateLevel::warn, "warn"}};

template <class E>
std::string_view name_of(std::span<const EnumName<E>> table, E value) {
  for (const auto& n : table)
    if (n.value == value) return n.name;
  return "?";
}

}  // namespace

std::span<const EnumName<Network>> network_names() { return k_network_names; }
std::span<const EnumName<Sensitivity>> sensitivity_names() { return k_sensitivities; }
std::span<const EnumName<LeavesDevice>> leaves_device_names() { return k_leaves_device; }
std::span<const EnumName<Deployment>> deployment_names() { return k_deployments; }
std::span<const EnumName<HybridMode>> hybrid_mode_names() { return k_hybrid_modes; }
std::span<const EnumName<Option>> option_names() { return k_options; }
std::span<const EnumName<PriceForm>> price_form_names() { return k_price_forms; }
std::span<const EnumName<PriceTier>> price_tier_names() { return k_price_tiers; }
std::span<const EnumName<RentalTier>> rental_tier_names() { return k_rental_tiers; }

std::string_view to_string(Network v) { return name_of<Network>(k_network_names, v); }
std::string_view to_string(Sensitivity v) { return name_of<Sensitivity>(k_sensitivities, v); }
std::string_view to_string(LeavesDevice v) { return name_of<LeavesDevice>(k_leaves_device, v); }
std::string_view to_string(Deployment v) { return name_of<Deployment>(k_deployments, v); }
std::string_view to_string(HybridMode v) { return name_of<HybridMode>(k_hybrid_modes, v); }
std::string_view to_string(Option v) { return name_of<Option>(k_options, v); }
std::string_view to_string(PriceForm v) { return name_of<PriceForm>(k_price_forms, v); }
std::string_view to_string(PriceTier v) { return name_of<PriceTier>(k_price_tiers, v); }
std::string_view to_string(RentalTier v) { return name_of<RentalTier>(k_rental_tiers, v); }
std::string_view to_string(GateLevel v) { return name_of<GateLevel>(k_levels, v); }

std::span<const EnumName<GateLevel>> gate_level_names() { return k_levels; }

double commitment_months(RentalTier v) {
  switch (v) {
    case RentalTier::reserved_1y: return 12;
    case RentalTier::reserved_3y: return 36;
    default: return 0;
  }
}

}  // namespace edgecalc
