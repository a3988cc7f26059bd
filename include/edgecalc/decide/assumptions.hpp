#pragma once

// Every value edgecalc assumed because the profile did not say: the defaults applied and the
// network class values used, each with its value as displayed and where it comes from, so that
// nothing is silently $0.

#include <optional>
#include <string>
#include <vector>

#include <edgecalc/profile/profile.hpp>

namespace edgecalc {

struct Assumption {
  std::string field;   // "cloud.transfer"
  std::string value;   // "$0/GB"
  std::string source;  // "edgecalc default: payload transfer is not charged"
};

// Catalog prices older than this many days are flagged in the assumptions.
inline constexpr int k_stale_price_days = 180;

// One entry per field in profile.defaults_applied, in that order, then one per catalog value
// used; a price older than 180 days before `today` (YYYY-MM-DD) says so.
std::vector<Assumption> assumptions_of(const Profile& profile, const std::string& today);

// Today's date, YYYY-MM-DD (UTC).
std::string today_utc();

// Whole days from `from` to `to` (YYYY-MM or YYYY-MM-DD; a month means its first day), or
// nullopt when either is not a date.
std::optional<long> days_between(const std::string& from, const std::string& to);

}  // namespace edgecalc
