#pragma once

// Calendar dates as edgecalc reads them: catalog dates and EDGECALC_TODAY.

#include <string_view>

namespace edgecalc {

// True for a real day written YYYY-MM-DD (2024-02-29 is, 2025-02-30 is not), or, when
// `month_only` is allowed, a month written YYYY-MM.
bool is_date(std::string_view text, bool month_only_allowed = false);

}  // namespace edgecalc
