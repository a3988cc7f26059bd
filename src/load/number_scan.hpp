// The number scanner and unit tables the quantity parsers share (quantity.cpp,
// quantity_electric.cpp, range.cpp): private to the load stage.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include <edgecalc/load/quantity.hpp>

namespace edgecalc {

// A number and the unit written after it; error is set instead when there is no number.
struct NumberUnit {
  double number = 0;
  std::string_view unit;
  std::string error;
};

// Leading and trailing white space removed.
std::string_view trim(std::string_view s);

// "150 ms" -> {150, "ms"}. Errors for no number, NaN/infinity, overflow, digit separators.
NumberUnit split_number_unit(std::string_view text);

// One row of a unit table: value in the table's base unit = factor + months * (the profile's
// month in seconds). Adding a unit is a one-line data edit.
struct Unit {
  std::string_view name;
  double factor;
  double months = 0;
};

// number + unit from `units`, e.g. "150ms"; a bare 0 is 0 in any unit. `kind` and `names` word
// the errors ("has unknown duration unit `mz` (did you mean `ms`?)").
Parsed parse_with_units(std::string_view text, std::span<const Unit> units, std::string_view kind,
                        std::string_view names, std::string_view example_unit, const UnitContext& ctx);

}  // namespace edgecalc
