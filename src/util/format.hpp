#pragma once

// Display rounding for reports. Full precision stays in the model and in JSON; only text
// renderers round, always through these functions, so golden files are stable.

#include <string>
#include <string_view>

namespace edgecalc {

// Which way a displayed value is rounded: to the nearest, or down or up (a switching value is
// shown on the side where the verdict has already flipped, so that feeding it back flips it).
enum class Rounding { nearest, down, up };

// A number as a profile or --set writes it: 3 significant digits rounded `rounding`, a k/M/B/T
// suffix from a thousand up, no digit separators: (231861, up) -> "232k", (0.0079999, down) ->
// "0.00799".
std::string format_plain(double value, Rounding rounding);

// $0.45, $2,985.70, $107,485.20, $1.2M, $3.45B, $0.000205, -$5.00; "1,234.50 CHF" for
// currencies without a symbol.
std::string format_money(double value, const std::string& currency);

// One style for every amount of a table, so columns compare at a glance: cents while every
// amount is under a million ($2,737.50, $0.00); beyond, four significant digits with an SI
// suffix for all of them ($548, $1,048, $277.7k, $13.33M, $479.9M, $1.2B, $0).
enum class MoneyStyle { cents, compact };
MoneyStyle money_style_for(double largest_amount);
std::string format_money(double value, const std::string& currency, MoneyStyle style);

// An amount as a profile or --set writes it: format_plain's number with the currency ("$91.1k",
// "$0.505", "4.2k CHF").
std::string format_money_plain(double value, const std::string& currency, Rounding rounding);

// Like format_money, but below 1 with 3 significant digits: $0.0243, $0.205 (prices per 1k calls).
std::string format_unit_price(double value, const std::string& currency);

// 14.6M, 11.65M, 1.278T, 243,333, 2,000, 959, 12.5, 0.278: 4 significant digits above a million.
std::string format_count(double value);

// A physical quantity with an SI prefix, 3 significant digits: "27 uJ", "6.88 mJ", "0.55 J",
// "2.93 kJ", "11.1 uW".
std::string format_si(double value, std::string_view unit);

// A per-member rate in the first unit that makes it whole ("200/day", "10/h"), else the first
// that makes it at least 1 ("8.33/h").
std::string format_rate(double per_second, double month_s, Rounding rounding = Rounding::nearest);

// 0.18 -> "180 ms", 1.28e-3 -> "1.28 ms", 30 -> "30 s", 300 -> "5 min", 7200 -> "2 h".
std::string format_duration(double seconds, Rounding rounding = Rounding::nearest);

// "15-60 ms", "500 ms-1.2 s": a range, the unit once when both ends share it.
std::string format_duration_range(double low_s, double high_s);

// 5.22e9 -> "5.22 GB", 8e6 -> "8 MB", 24e3 -> "24 KB" (powers of 1000).
std::string format_bytes(double bytes, Rounding rounding = Rounding::nearest);

// 0.05 -> "5%", 0.125 -> "12.5%".
std::string format_percent(double fraction, Rounding rounding = Rounding::nearest);

// 27.5 months; 0.018 months (two significant digits below one month)
std::string format_months(double months);

// "16.8 [6.9 - 49.5] months": a median and its interval; each spelt out when one is under a month.
std::string format_months_spread(double p50, double p10, double p90);

// "36-month" (or "36.5-month") for "over the 36-month horizon".
std::string format_horizon(double months);

// A plural noun made singular: "developers" -> "developer", "batteries" -> "battery",
// "boxes" -> "box"; a word that is not an English plural is returned as it is.
std::string singular(std::string_view plural);

// "1 developer", "40 developers", "0.5 developers": the noun agrees with the count.
std::string format_count_of(double count, std::string_view plural);

// `text` in lines of at most `width` characters, each starting with `indent` spaces.
std::string wrap_text(std::string_view text, std::size_t width, std::size_t indent);

// 12,345 (thousands separators on a whole number).
std::string group_thousands(double whole);

}  // namespace edgecalc
