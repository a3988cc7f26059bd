#pragma once

// The starter profiles `edgecalc init KIND` writes: the example profiles of profiles/, compiled
// in (cmake/init_templates.cpp.in), so the installed binary needs no data directory.

#include <span>
#include <string_view>

namespace edgecalc {

struct InitTemplate {
  std::string_view kind;      // "gpu-server"
  std::string_view example;   // the profile it is made from, "profiles/team-gpu-server.yaml"
  std::string_view summary;   // one line for --help and the list
  std::string_view text;      // the profile, comments and all
};

std::span<const InitTemplate> init_templates();

}  // namespace edgecalc
