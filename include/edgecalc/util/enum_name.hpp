#pragma once

// One value of an enumeration with the name users write for it; name tables are spans of these.

#include <string_view>

namespace edgecalc {

template <class E>
struct EnumName {
  E value;
  std::string_view name;
};

}  // namespace edgecalc
