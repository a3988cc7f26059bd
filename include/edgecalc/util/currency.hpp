#pragma once

// The currency symbols edgecalc reads in amounts ("$5000" is USD) and prints in reports
// ("$5,000.00"). Any other currency is written and printed by its code ("5000 CHF").

#include <string_view>

namespace edgecalc {

struct CurrencySymbol {
  std::string_view code;    // ISO 4217
  std::string_view symbol;  // as it prefixes an amount
};

inline constexpr CurrencySymbol k_currency_symbols[] = {{"USD", "$"}, {"EUR", "€"}, {"GBP", "£"}, {"JPY", "¥"}};

}  // namespace edgecalc
