#pragma once

// The units the domain tables are written in, once for every table of src/domain/
// (`using namespace units;` in a table's file).

namespace edgecalc::units {

inline constexpr double k_ms = 1e-3;       // seconds in a millisecond
inline constexpr double k_mbit = 1e6 / 8;  // bytes per second in one Mbit/s

}  // namespace edgecalc::units
