#pragma once

// Every value edgecalc assumed because the profile did not say: the defaults applied and the
// network class values used, each with its value as displayed and where it comes from, so that
// nothing is silently $0.

#include <string>
#include <vector>

#include <edgecalc/profile.hpp>

namespace edgecalc {

struct Assumption {
  std::string field;   // "cloud.transfer"
  std::string value;   // "$0/GB"
  std::string source;  // "edgecalc default: payload transfer is not charged"
};

// One entry per field in profile.defaults_applied, in that order.
std::vector<Assumption> assumptions_of(const Profile& profile);

}  // namespace edgecalc
