#pragma once

// Render stage for `edgecalc normalize`: a Profile as JSON, every default filled in, every
// quantity in the base unit named in its "units" block.

#include <nlohmann/json.hpp>

#include <edgecalc/profile/profile.hpp>

namespace edgecalc {

// The normalised profile, keys in a stable order. Identical for the same profile written in
// YAML or JSON; holds no file paths.
nlohmann::ordered_json normalized_json(const Profile& profile);

}  // namespace edgecalc
