#pragma once

// The domain's enumerations (networks, data sensitivity, options, price forms, gate levels) and
// the spelling users write for each value in profiles.

#include <span>
#include <string_view>

#include <edgecalc/util/enum_name.hpp>

namespace edgecalc {

enum class Network { wired, wifi, lte_urban, lte_rural, industrial_cellular, satellite_leo, satellite_geo, none };
enum class Sensitivity { public_data, internal, proprietary, personal, biometric, health, audio, video };
enum class LeavesDevice { auto_detect, allowed, forbidden };
enum class Deployment { device, server };
enum class HybridMode { cascade, route };
enum class Option { cloud, edge, hybrid };
enum class PriceForm { per_call, per_1k_tokens, per_1m_tokens, instance };
// Which of a catalog API's prices: interactive, or the asynchronous batch discount.
enum class PriceTier { standard, batch };
// How a rented instance (cloud.price.instance) is bought: by the hour, committed for a term, as
// interruptible spare capacity, or billed only while it runs.
enum class RentalTier { on_demand, reserved_1y, reserved_3y, spot, scale_to_zero };

enum class GateLevel { fail, warn };

// Name tables, the single source of the spelling users write in profiles.
std::span<const EnumName<Network>> network_names();
std::span<const EnumName<Sensitivity>> sensitivity_names();
std::span<const EnumName<LeavesDevice>> leaves_device_names();
std::span<const EnumName<Deployment>> deployment_names();
std::span<const EnumName<HybridMode>> hybrid_mode_names();
std::span<const EnumName<Option>> option_names();
std::span<const EnumName<PriceForm>> price_form_names();
std::span<const EnumName<PriceTier>> price_tier_names();
std::span<const EnumName<RentalTier>> rental_tier_names();
std::span<const EnumName<GateLevel>> gate_level_names();

std::string_view to_string(Network value);
std::string_view to_string(Sensitivity value);
std::string_view to_string(LeavesDevice value);
std::string_view to_string(Deployment value);
std::string_view to_string(HybridMode value);
std::string_view to_string(Option value);
std::string_view to_string(PriceForm value);
std::string_view to_string(PriceTier value);
std::string_view to_string(RentalTier value);

// The months a reserved tier commits to (billed in whole terms); 0 for the others.
double commitment_months(RentalTier value);
std::string_view to_string(GateLevel value);

}  // namespace edgecalc
