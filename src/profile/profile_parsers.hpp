#pragma once

// The profile readers' shared limits and parsers: money in the profile's currency, durations in
// its billing month, and the sanity bounds every field is held to.

#include <edgecalc/load/quantity.hpp>

#include "load/field_reader.hpp"

namespace edgecalc::detail::profile_parse {

// The context-free parsers (load/field_reader.hpp), for `using namespace profile_parse`.
using detail::k_bandwidth;
using detail::k_count;
using detail::k_number;
using detail::k_power;
using detail::k_share;
using detail::k_size;

// Sanity limits: far beyond any real deployment, low enough that no product of them overflows
// or loses the meaning of a double. They turn "1e308 devices" into an error, not a number.
inline constexpr double k_max_money = 1e15;
inline constexpr double k_max_count = 1e11;        // more devices than people on Earth, tenfold
inline constexpr double k_max_rate = 1e6;          // calls per second from one fleet member
inline constexpr double k_min_capacity = 1e-3;     // calls per second one box or instance sustains: 3.6/h
inline constexpr double k_min_uplink = 1;          // bytes per second: 8 bit/s, below any real modem
inline constexpr double k_max_duration_s = 100 * 365.0 * 86400;  // a century
inline constexpr double k_max_latency_s = 86400;   // a day
inline constexpr double k_max_bytes = 1e12;        // a terabyte per call
inline constexpr double k_max_power_w = 1e7;       // 10 MW per unit
inline constexpr double k_max_tokens = 1e8;
inline constexpr double k_max_volts = 1000;
inline constexpr double k_max_capacity_j = 3.6e9;  // 1 MWh: a battery, not a power station
inline constexpr double k_max_sleep_w = 1e4;
inline constexpr double k_max_radio_j = 1e6;

inline constexpr Bounds k_money{0, false, k_max_money};
inline constexpr Bounds k_fraction{0, false, 1};
// A utilization target below 1% would buy a hundred idle units per busy one: no real plan.
inline constexpr Bounds k_utilization{0.01, false, 1, false, "1%", "100%"};
inline constexpr Bounds k_latency{0, true, k_max_latency_s};

struct Parsers {
  const UnitContext& u;
  ParseFn money() const { return [&u = u](std::string_view t) { return parse_money(t, u); }; }
  ParseFn duration() const { return [&u = u](std::string_view t) { return parse_duration(t, u); }; }
  ParseFn rate() const { return [&u = u](std::string_view t) { return parse_rate(t, u); }; }
  ParseFn per_month() const {
    return [&u = u](std::string_view t) { return parse_price_per_period(t, u.month_s, u); };
  }
  ParseFn per_hour() const {
    return [&u = u](std::string_view t) { return parse_price_per_period(t, 3600, u, true); };
  }
  ParseFn per_gb() const { return [&u = u](std::string_view t) { return parse_price_per_gb(t, u); }; }
  // tokens per second: `80` or a rate, `80/s`, `4800/min`
  ParseFn token_speed() const {
    return [&u = u](std::string_view t) {
      const Parsed count = parse_count(t);
      return count.ok() ? count : parse_rate(t, u);
    };
  }
  ParseFn per_kwh() const { return [&u = u](std::string_view t) { return parse_price_per_kwh(t, u); }; }
};

}  // namespace edgecalc::detail::profile_parse
