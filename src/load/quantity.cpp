#include <edgecalc/load/quantity.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <span>
#include <vector>

#include <fmt/format.h>

#include <edgecalc/util/currency.hpp>
#include <edgecalc/util/suggest.hpp>

#include "load/number_scan.hpp"

namespace edgecalc {

namespace {

// ---- Unit tables (struct Unit is in number_scan.hpp; power and battery units in
// quantity_electric.cpp). -----------------------------------------------------------------

// Base: seconds. A month is the profile's billing month (`month:`, default 730h); a year is
// 12 billing months, so 730h months give a 365-day year.
constexpr Unit k_time_units[] = {
    {"us", 1e-6},     {"µs", 1e-6},      {"ms", 1e-3},     {"msec", 1e-3},   {"s", 1},
    {"sec", 1},       {"second", 1},     {"seconds", 1},   {"min", 60},      {"mins", 60},
    {"minute", 60},   {"minutes", 60},   {"h", 3600},      {"hr", 3600},     {"hrs", 3600},
    {"hour", 3600},   {"hours", 3600},   {"d", 86400},     {"day", 86400},   {"days", 86400},
    {"week", 604800}, {"weeks", 604800}, {"month", 0, 1},  {"months", 0, 1}, {"year", 0, 12},
    {"years", 0, 12}, {"yr", 0, 12}};
constexpr std::string_view k_time_names = "ms, s, min, h, d, week, month, year";

// Base: bytes. SI prefixes are powers of 1000, IEC prefixes powers of 1024.
constexpr Unit k_size_units[] = {{"B", 1},          {"byte", 1},         {"bytes", 1},
                                 {"kB", 1e3},       {"KB", 1e3},         {"MB", 1e6},
                                 {"GB", 1e9},       {"TB", 1e12},        {"KiB", 1024.0},
                                 {"MiB", 1048576.0}, {"GiB", 1073741824.0}, {"TiB", 1099511627776.0}};
constexpr std::string_view k_size_names = "B, KB, MB, GB, TB, KiB, MiB, GiB, TiB";

// Base: bytes per second. Networks are quoted in bits (Mbit/s, Mbps), storage in bytes (MB/s).
constexpr Unit k_bandwidth_units[] = {
    {"bit/s", 1 / 8.0}, {"bps", 1 / 8.0},   {"kbit/s", 1e3 / 8}, {"kbps", 1e3 / 8},
    {"Mbit/s", 1e6 / 8}, {"Mbps", 1e6 / 8}, {"Gbit/s", 1e9 / 8}, {"Gbps", 1e9 / 8},
    {"B/s", 1},          {"kB/s", 1e3},     {"KB/s", 1e3},       {"MB/s", 1e6},
    {"GB/s", 1e9},       {"TB/s", 1e12}};  // HBM is quoted in TB/s (H100 SXM: 3.35 TB/s)
constexpr std::string_view k_bandwidth_names = "kbit/s, Mbit/s, Gbit/s (or kbps, Mbps, Gbps), KB/s, MB/s, GB/s, TB/s";

// Base: kilowatt-hours.
constexpr Unit k_energy_units[] = {{"Wh", 1e-3}, {"kWh", 1}, {"MWh", 1e3},
                                   {"J", 1 / 3.6e6}, {"kJ", 1 / 3.6e3}, {"MJ", 1 / 3.6}};
constexpr std::string_view k_energy_names = "Wh, kWh, MWh, J, kJ, MJ";

// Count suffixes: 50k, 2.5M, 1B (short scale).
constexpr Unit k_count_suffixes[] = {{"", 1},      {"k", 1e3},  {"K", 1e3}, {"M", 1e6},
                                     {"B", 1e9},   {"G", 1e9},  {"T", 1e12}};

// Base: operations per second (compute peaks in the hardware catalog).
constexpr Unit k_ops_units[] = {{"OPS", 1},        {"kOPS", 1e3},     {"MOPS", 1e6},  {"GOPS", 1e9},
                                {"TOPS", 1e12},    {"FLOPS", 1},      {"GFLOPS", 1e9}, {"TFLOPS", 1e12}};
constexpr std::string_view k_ops_names = "GOPS, TOPS, GFLOPS, TFLOPS";

constexpr std::string_view k_not_a_number = "is not a number";

// "0.09" -> "$0.09" when the profile's currency has a symbol, for examples in messages.
std::string with_symbol(std::string_view amount, const UnitContext& ctx) {
  for (const CurrencySymbol& c : k_currency_symbols) {
    if (amount.starts_with(c.symbol)) return std::string(amount);
  }
  for (const CurrencySymbol& c : k_currency_symbols) {
    if (c.code == ctx.currency) return fmt::format("{}{}", c.symbol, amount);
  }
  return std::string(amount);
}

}  // namespace

// ---- Scanning ------------------------------------------------------------------------------

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}


}  // namespace

// "150 ms" -> {150, "ms"}. Errors for no number, NaN/infinity, overflow, digit separators.
NumberUnit split_number_unit(std::string_view text) {
  NumberUnit out;
  const std::string_view s = trim(text);
  std::string word = lower(s);
  word.erase(0, word.find_first_not_of("+-."));
  if (word.starts_with("nan") || word.starts_with("inf")) {
    out.error = "must be a finite number";
    return out;
  }
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.' && !(i + 1 < s.size() && s[i + 1] == '.')) {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  }
  if (digits == 0) {
    out.error = std::string(k_not_a_number);
    return out;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && is_digit(s[j])) {
      while (j < s.size() && is_digit(s[j])) ++j;
      i = j;
    }
  }
  if (i < s.size() && (s[i] == ',' || s[i] == '_') && i + 1 < s.size() && is_digit(s[i + 1])) {
    out.error = "must be written without digit separators, e.g. 50000 or 50k";
    return out;
  }
  const std::size_t skip = s[0] == '+' ? 1 : 0;
  const auto result = std::from_chars(s.data() + skip, s.data() + i, out.number);
  if (result.ec == std::errc::result_out_of_range) {
    out.error = "is out of range";
    return out;
  }
  if (result.ec != std::errc{} || result.ptr != s.data() + i) {
    out.error = std::string(k_not_a_number);
    return out;
  }
  out.unit = trim(s.substr(i));
  return out;
}

namespace {

const Unit* find_unit(std::span<const Unit> units, std::string_view name) {
  for (const Unit& u : units)
    if (u.name == name) return &u;
  return nullptr;
}

double unit_value(const Unit& u, const UnitContext& ctx) { return u.factor + u.months * ctx.month_s; }

std::string unknown_unit(std::string_view kind, std::string_view unit, std::span<const Unit> units,
                         std::string_view names) {
  std::vector<std::string> candidates;
  for (const Unit& u : units) candidates.emplace_back(u.name);
  if (const auto best = closest_match(unit, candidates))
    return fmt::format("has unknown {} unit `{}` (did you mean `{}`?)", kind, unit, *best);
  return fmt::format("has unknown {} unit `{}`; use one of {}", kind, unit, names);
}

Parsed fail(std::string error) { return Parsed{0, std::move(error)}; }

// The scanner's "is not a number", said as what the field expects ("must be a duration, e.g. 150ms").
Parsed fail_scan(const NumberUnit& nu, std::string_view expected) {
  if (nu.error == k_not_a_number) return fail(fmt::format("must be {}", expected));
  return fail(nu.error);
}

// Splits "a/b" at the last '/'. Returns false when there is no '/'.
bool split_per(std::string_view text, std::string_view& amount, std::string_view& per) {
  const auto slash = text.rfind('/');
  if (slash == std::string_view::npos) return false;
  amount = trim(text.substr(0, slash));
  per = trim(text.substr(slash + 1));
  return true;
}

// The denominator of a "per" quantity: a unit name, optionally with a leading "1".
Parsed per_unit(std::string_view per, std::span<const Unit> units, std::string_view kind,
                std::string_view names, const UnitContext& ctx) {
  if (per.starts_with('1') && per.size() > 1 && !is_digit(per[1]) && per[1] != '.')
    per = trim(per.substr(1));
  if (per.empty()) return fail(fmt::format("has no {} unit after '/'", kind));
  const Unit* u = find_unit(units, per);
  if (!u) return fail(unknown_unit(kind, per, units, names));
  return Parsed{unit_value(*u, ctx), {}};
}

}  // namespace

std::string format_number(double value) { return fmt::format("{}", value); }

// number + unit from `units`, e.g. "150ms". A bare 0 is 0 in any unit.
Parsed parse_with_units(std::string_view text, std::span<const Unit> units,
                        std::string_view kind, std::string_view names,
                        std::string_view example_unit, const UnitContext& ctx) {
  const NumberUnit nu = split_number_unit(text);
  if (!nu.error.empty()) return fail_scan(nu, fmt::format("a {}, e.g. 150{}", kind, example_unit));
  if (nu.unit.empty()) {
    if (nu.number == 0) return Parsed{0, {}};
    return fail(fmt::format("needs a unit, e.g. {}{}", format_number(nu.number), example_unit));
  }
  const Unit* u = find_unit(units, nu.unit);
  if (!u) return fail(unknown_unit(kind, nu.unit, units, names));
  return Parsed{nu.number * unit_value(*u, ctx), {}};
}

Parsed parse_number(std::string_view text) {
  const NumberUnit nu = split_number_unit(text);
  if (!nu.error.empty()) return fail_scan(nu, "a number, e.g. 1.5");
  if (!nu.unit.empty()) return fail(fmt::format("must be a plain number, without `{}`", nu.unit));
  return Parsed{nu.number, {}};
}

Parsed parse_count(std::string_view text) {
  const NumberUnit nu = split_number_unit(text);
  if (!nu.error.empty()) return fail_scan(nu, "a count, e.g. 50000, 50k or 2.5M");
  const Unit* u = find_unit(k_count_suffixes, nu.unit);
  if (!u) return fail(fmt::format("must be a count, e.g. 50000, 50k or 2.5M; `{}` is not a count suffix", nu.unit));
  return Parsed{nu.number * u->factor, {}};
}

std::string currency_written(std::string_view amount) {
  std::string_view s = trim(amount);
  if (s.starts_with('-') || s.starts_with('+')) s.remove_prefix(1);
  for (const CurrencySymbol& c : k_currency_symbols)
    if (s.starts_with(c.symbol)) return std::string(c.code);
  const std::string_view code = s.size() > 3 ? s.substr(s.size() - 3) : std::string_view();
  const auto upper = [](char ch) { return ch >= 'A' && ch <= 'Z'; };
  return !code.empty() && std::all_of(code.begin(), code.end(), upper) ? std::string(code) : "";
}

Parsed parse_money(std::string_view text, const UnitContext& ctx) {
  std::string_view s = trim(text);
  // "-$5": the sign stands before the symbol; put it back before the number.
  std::string signed_text;
  if (s.starts_with('-') || s.starts_with('+')) {
    signed_text.push_back(s.front());
    s.remove_prefix(1);
  }
  for (const CurrencySymbol& c : k_currency_symbols) {
    if (!s.starts_with(c.symbol)) continue;
    if (c.code != ctx.currency)
      return fail(fmt::format("is written in {} but the profile's currency is {}; write the amount "
                              "without a symbol",
                              c.symbol, ctx.currency));
    s.remove_prefix(c.symbol.size());
    break;
  }
  signed_text.append(s);
  const NumberUnit nu = split_number_unit(signed_text);  // nu.unit points into signed_text
  if (!nu.error.empty()) return fail_scan(nu, "an amount of money, e.g. $12 or 12");
  std::string_view unit = nu.unit;
  if (unit.ends_with(ctx.currency)) unit = trim(unit.substr(0, unit.size() - ctx.currency.size()));
  const Unit* u = find_unit(k_count_suffixes, unit);
  if (!u)
    return fail(fmt::format("is not an amount of money; expected e.g. $12, 12 or $1.2M, and `{}` "
                            "is not a currency or count suffix",
                            nu.unit));
  return Parsed{nu.number * u->factor, {}};
}

Parsed parse_duration(std::string_view text, const UnitContext& ctx) {
  return parse_with_units(text, k_time_units, "duration", k_time_names, "ms", ctx);
}

Parsed parse_size(std::string_view text) {
  return parse_with_units(text, k_size_units, "size", k_size_names, "KB", UnitContext{});
}

Parsed parse_ops(std::string_view text) {
  return parse_with_units(text, k_ops_units, "compute", k_ops_names, "GOPS", UnitContext{});
}

Parsed parse_bandwidth(std::string_view text) {
  return parse_with_units(text, k_bandwidth_units, "bandwidth", k_bandwidth_names, "Mbit/s", UnitContext{});
}

Parsed parse_rate(std::string_view text, const UnitContext& ctx) {
  std::string_view amount, per;
  if (!split_per(trim(text), amount, per)) {
    const NumberUnit nu = split_number_unit(text);
    if (!nu.error.empty()) return fail_scan(nu, "a rate, e.g. 60/min");
    if (nu.unit.empty() && nu.number == 0) return Parsed{0, {}};
    return fail(fmt::format("needs a unit, e.g. {}/min", nu.unit.empty() ? format_number(nu.number) : "60"));
  }
  const Parsed count = parse_count(amount);
  if (!count.ok()) return count;
  const Parsed period = per_unit(per, k_time_units, "time", k_time_names, ctx);
  if (!period.ok()) return period;
  return Parsed{count.value / period.value, {}};
}

Parsed parse_fraction(std::string_view text) {
  const NumberUnit nu = split_number_unit(text);
  if (!nu.error.empty()) return fail_scan(nu, "a percentage or a fraction, e.g. 10% or 0.1");
  double value = nu.number;
  if (nu.unit == "%") {
    value /= 100;
  } else if (!nu.unit.empty()) {
    return fail(fmt::format("must be a percentage or a fraction, e.g. 10% or 0.1; `{}` is not a unit "
                            "of either",
                            nu.unit));
  }
  if (value < 0 || value > 1) {
    if (nu.unit.empty() && value > 1 && value <= 100)
      return fail(fmt::format("must be between 0% and 100% (a plain number is a fraction of 1: "
                              "write {}% for {} percent)",
                              format_number(nu.number), format_number(nu.number)));
    return fail("must be between 0% and 100%");
  }
  return Parsed{value, {}};
}

namespace {

Parsed parse_price_per(std::string_view text, std::span<const Unit> units, std::string_view kind,
                       std::string_view names, std::string_view example_unit,
                       double canonical, const UnitContext& ctx, bool bare_allowed) {
  std::string_view amount, per;
  if (!split_per(trim(text), amount, per)) {
    const Parsed money = parse_money(text, ctx);
    if (!money.ok()) return money;
    if (bare_allowed || money.value == 0) return money;
    return fail(fmt::format("needs a unit, e.g. {}/{}", with_symbol(trim(text), ctx), example_unit));
  }
  const Parsed money = parse_money(amount, ctx);
  if (!money.ok()) return money;
  const Parsed unit = per_unit(per, units, kind, names, ctx);
  if (!unit.ok()) return unit;
  // ratio first, so a price already in the canonical unit stays exact ($200/month -> 200).
  return Parsed{money.value * (canonical / unit.value), {}};
}

}  // namespace

Parsed parse_price_per_gb(std::string_view text, const UnitContext& ctx) {
  return parse_price_per(text, k_size_units, "size", k_size_names, "GB", 1e9, ctx, false);
}

Parsed parse_price_per_kwh(std::string_view text, const UnitContext& ctx) {
  return parse_price_per(text, k_energy_units, "energy", k_energy_names, "kWh", 1, ctx, false);
}

Parsed parse_price_per_period(std::string_view text, double period_s, const UnitContext& ctx,
                              bool bare_allowed) {
  const std::string_view example = period_s == ctx.month_s ? "month" : "h";
  return parse_price_per(text, k_time_units, "time", k_time_names, example, period_s, ctx,
                         bare_allowed);
}

Parsed parse_share_per_year(std::string_view text, const UnitContext& ctx) {
  std::string_view amount, per;
  if (!split_per(trim(text), amount, per)) return fail("needs a period, e.g. 10%/year");
  const Parsed share = parse_fraction(amount);
  if (!share.ok()) return share;
  const Parsed period = per_unit(per, k_time_units, "time", k_time_names, ctx);
  if (!period.ok()) return period;
  return Parsed{share.value / period.value * 12 * ctx.month_s, {}};
}

Parsed parse_change(std::string_view text) {
  std::string_view t = text;
  double sign = 1;
  if (!t.empty() && (t.front() == '+' || t.front() == '-')) {
    sign = t.front() == '-' ? -1 : 1;
    t.remove_prefix(1);
  }
  const bool percent = !t.empty() && t.back() == '%';
  if (percent) t.remove_suffix(1);
  const Parsed n = parse_number(t);
  if (!n.ok()) return Parsed{0, "must be a signed percentage, e.g. -20% or +100%"};
  const double v = sign * n.value / (percent ? 100 : 1);
  if (v <= -1) return Parsed{0, "must be more than -100% (a price cannot fall to zero or below)"};
  return Parsed{v, {}};
}

}  // namespace edgecalc
