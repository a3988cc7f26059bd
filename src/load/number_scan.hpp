// The number scanner the quantity parsers share (quantity.cpp, range.cpp): private to the load
// stage.
#pragma once

#include <string>
#include <string_view>

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

}  // namespace edgecalc
