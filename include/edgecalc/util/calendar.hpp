#pragma once

// Calendar dates as edgecalc reads them: catalog dates and EDGECALC_TODAY.

#include <string_view>

namespace edgecalc {

// True for a real day written YYYY-MM-DD (2024-02-29 is, 2025-02-30 is not), or, when
// `month_only` is allowed, a month written YYYY-MM.
bool is_date(std::string_view text, bool month_only_allowed = false);

// Calendar months from `from` to `to` (both YYYY-MM-DD, checked with is_date): whole months
// between the same day numbers, plus the rest in days over the length of `from`'s month.
// 2026-12-01 -> 2027-01-01 is 1; 2026-12-01 -> 2026-12-16 is 15/31.
double months_between(std::string_view from, std::string_view to);

}  // namespace edgecalc
