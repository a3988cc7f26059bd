#include "util/format.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include <edgecalc/util/currency.hpp>

namespace edgecalc {

namespace {

// "1.2300" -> "1.23", "2.00" -> "2"
std::string trim_zeros(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// Up to `digits` significant digits, trailing zeros trimmed: (1234567, 3) -> "1.23" of a
// million is done by the caller; here (1.234567, 3) -> "1.23".
std::string significant(double v, int digits, Rounding rounding = Rounding::nearest) {
  if (!std::isfinite(v)) return "-";
  int magnitude = v == 0 ? 0 : static_cast<int>(std::floor(std::log10(std::fabs(v))));
  if (rounding != Rounding::nearest && v != 0) {
    const double scale = std::pow(10.0, digits - 1 - magnitude);
    v = (rounding == Rounding::down ? std::floor(v * scale) : std::ceil(v * scale)) / scale;
    magnitude = v == 0 ? 0 : static_cast<int>(std::floor(std::log10(std::fabs(v))));  // 999.5 up is 1000
  }
  const int decimals = std::max(0, digits - 1 - magnitude);
  return trim_zeros(fmt::format("{:.{}f}", v, decimals));
}

// Rounding a negative number down moves its magnitude up.
Rounding magnitude_rounding(double value, Rounding r) {
  if (value >= 0 || r == Rounding::nearest) return r;
  return r == Rounding::down ? Rounding::up : Rounding::down;
}

// format_count, or format_plain when a direction is asked for.
std::string count_text(double v, Rounding rounding) {
  return rounding == Rounding::nearest ? format_count(v) : format_plain(v, rounding);
}

std::string with_sign(std::string_view currency, const std::string& amount, bool negative) {
  for (const CurrencySymbol& s : k_currency_symbols)
    if (s.code == currency) return fmt::format("{}{}{}", negative ? "-" : "", s.symbol, amount);
  return fmt::format("{}{} {}", negative ? "-" : "", amount, currency);
}

// What a number that is not finite (NaN, infinity) prints as: a dash, never "nan" or "inf".
constexpr const char* k_no_number = "-";

}  // namespace

std::string group_thousands(double whole) {
  if (!std::isfinite(whole)) return k_no_number;
  const std::string digits = fmt::format("{:.0f}", std::fabs(whole));
  std::string out = whole < 0 && digits != "0" ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string format_money(double value, const std::string& currency) {
  if (!std::isfinite(value)) return k_no_number;
  const double v = std::fabs(value);
  std::string amount;
  if (v >= 1e9) {
    amount = significant(v / 1e9, 3) + "B";
  } else if (v >= 1e6) {
    amount = significant(v / 1e6, 3) + "M";
  } else if (v >= 0.01 || v == 0) {
    const double cents = std::round(v * 100);
    amount = v == 0 ? "0" : fmt::format("{}.{:02.0f}", group_thousands(std::floor(cents / 100)),
                                        std::fmod(cents, 100));
  } else {
    amount = significant(v, 3);  // $0.000205: small unit prices keep their digits
  }
  return with_sign(currency, amount, value < 0 && amount != "0");
}

std::string format_plain(double value, Rounding rounding) {
  if (!std::isfinite(value)) return k_no_number;
  constexpr std::pair<double, const char*> k_suffixes[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
  const double v = std::fabs(value);
  const Rounding magnitude = magnitude_rounding(value, rounding);
  std::string text = significant(v, 3, magnitude);
  for (const auto& [scale, suffix] : k_suffixes)
    if (std::stod(text) >= scale) {
      text = significant(v / scale, 3, magnitude) + suffix;
      break;
    }
  return value < 0 && text != "0" ? "-" + text : text;
}

std::string format_count(double value) {
  if (!std::isfinite(value)) return k_no_number;
  const double v = std::fabs(value);
  std::string text;
  if (v >= 1e12) text = significant(v / 1e12, 4) + "T";
  else if (v >= 1e9) text = significant(v / 1e9, 4) + "B";
  else if (v >= 1e6) text = significant(v / 1e6, 4) + "M";
  else if (v >= 100) text = group_thousands(std::round(v));
  else text = significant(v, 3);
  return value < 0 ? fmt::format("-{}", text) : text;
}

MoneyStyle money_style_for(double largest_amount) {
  return std::fabs(largest_amount) >= 1e6 ? MoneyStyle::compact : MoneyStyle::cents;
}

std::string format_money(double value, const std::string& currency, MoneyStyle style) {
  if (!std::isfinite(value)) return k_no_number;
  const double v = std::fabs(value);
  std::string amount;
  if (style == MoneyStyle::cents) {
    const double cents = std::round(v * 100);
    amount = fmt::format("{}.{:02.0f}", group_thousands(std::floor(cents / 100)), std::fmod(cents, 100));
  } else if (std::round(v) < 1e4) {
    amount = group_thousands(std::round(v));
  } else {
    constexpr std::pair<double, const char*> k_suffixes[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}};
    for (const auto& [scale, suffix] : k_suffixes) {
      if (v < scale * 0.99995) continue;  // 999,996 reads 1M, not 1,000k
      amount = significant(v / scale, 4) + suffix;
      break;
    }
  }
  const bool zero = amount.find_first_not_of("0.,") == std::string::npos;
  return with_sign(currency, amount, value < 0 && !zero);
}

std::string format_money_plain(double value, const std::string& currency, Rounding rounding) {
  if (!std::isfinite(value)) return k_no_number;
  const std::string amount = format_plain(std::fabs(value), magnitude_rounding(value, rounding));
  return with_sign(currency, amount, value < 0 && amount != "0");
}

std::string format_unit_price(double value, const std::string& currency) {
  if (!std::isfinite(value)) return k_no_number;
  if (std::fabs(value) >= 1 || value == 0) return format_money(value, currency);
  std::string digits = significant(std::fabs(value), 3);  // "0.1" -> "0.10": cents at least
  const auto dot = digits.find('.');
  if (dot == std::string::npos) digits += ".00";
  else if (digits.size() - dot < 3) digits.append(3 - (digits.size() - dot), '0');
  return with_sign(currency, digits, value < 0);
}

std::string format_rate(double per_second, double month_s, Rounding rounding) {
  if (!std::isfinite(per_second)) return k_no_number;
  struct Unit {
    const char* name;
    double seconds;
  };
  const Unit units[] = {{"s", 1}, {"min", 60}, {"h", 3600}, {"day", 86400}, {"month", month_s}};
  for (const Unit& u : units) {
    const double v = per_second * u.seconds;
    if (v >= 1 && std::fabs(v - std::round(v)) < 1e-9 * v) return fmt::format("{}/{}", count_text(v, rounding), u.name);
  }
  for (const Unit& u : units)
    if (per_second * u.seconds >= 1) return fmt::format("{}/{}", count_text(per_second * u.seconds, rounding), u.name);
  return fmt::format("{}/month", count_text(per_second * month_s, rounding));
}

std::string format_duration(double seconds, Rounding rounding) {
  if (!std::isfinite(seconds)) return k_no_number;
  const double s = std::fabs(seconds);
  if (s < 1) return significant(seconds * 1e3, 3, rounding) + " ms";
  if (s < 120) return significant(seconds, 3, rounding) + " s";
  if (s < 7200) return significant(seconds / 60, 3, rounding) + " min";
  if (s < 2 * 86400) return significant(seconds / 3600, 3, rounding) + " h";
  return significant(seconds / 86400, 3, rounding) + " days";
}

std::string format_duration_range(double low_s, double high_s) {
  if (!std::isfinite(low_s) || !std::isfinite(high_s)) return k_no_number;
  const std::string low = format_duration(low_s);
  const std::string high = format_duration(high_s);
  const auto space = low.rfind(' ');
  if (space != std::string::npos && high.ends_with(low.substr(space)))
    return fmt::format("{}-{}", low.substr(0, space), high);
  return fmt::format("{}-{}", low, high);
}

std::string format_bytes(double bytes, Rounding rounding) {
  if (!std::isfinite(bytes)) return k_no_number;
  if (bytes >= 1e9) return count_text(bytes / 1e9, rounding) + " GB";
  if (bytes >= 1e6) return count_text(bytes / 1e6, rounding) + " MB";
  if (bytes >= 1e3) return count_text(bytes / 1e3, rounding) + " KB";
  return count_text(bytes, rounding) + " B";
}

std::string format_percent(double fraction, Rounding rounding) {
  if (!std::isfinite(fraction)) return k_no_number;
  return significant(fraction * 100, 3, rounding) + "%";
}

// `text` in lines of at most `width` characters, each starting with `indent` spaces.
std::string wrap_text(std::string_view text, std::size_t width, std::size_t indent) {
  const std::string pad(indent, ' ');
  std::string out, line;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    if (!line.empty() && indent + line.size() + 1 + word.size() > width) {
      out += pad + line + "\n";
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
    start = end + 1;
  }
  if (!line.empty()) out += pad + line + "\n";
  return out;
}

std::string format_months(double months) {
  if (!std::isfinite(months)) return k_no_number;
  if (months > 0 && months < 0.95) return significant(months, 2) + " months";
  return fmt::format("{} month{}", trim_zeros(fmt::format("{:.1f}", months)),
                     std::fabs(months - 1) < 0.05 ? "" : "s");
}

std::string format_months_spread(double p50, double p10, double p90) {
  if (!(std::min({p50, p10, p90}) >= 0.95) || !std::isfinite(p90))
    return fmt::format("{} [{} - {}]", format_months(p50), format_months(p10), format_months(p90));
  const auto m = [](double v) { return trim_zeros(fmt::format("{:.1f}", v)); };
  return fmt::format("{} [{} - {}] months", m(p50), m(p10), m(p90));
}

std::string format_horizon(double months) {
  if (!std::isfinite(months)) return k_no_number;
  return fmt::format("{}-month", trim_zeros(fmt::format("{:.1f}", months)));
}

std::string singular(std::string_view plural) {
  const auto ends = [&](std::string_view tail) {
    return plural.size() > tail.size() && plural.substr(plural.size() - tail.size()) == tail;
  };
  const auto cut = [&](std::size_t n) { return std::string(plural.substr(0, plural.size() - n)); };
  if (ends("ies")) return cut(3) + "y";
  for (std::string_view tail : {"ches", "shes", "xes", "sses", "zes"})
    if (ends(tail)) return cut(2);
  if (ends("s") && !ends("ss") && !ends("us")) return cut(1);
  return std::string(plural);
}

std::string format_si(double v, std::string_view unit) {
  const double a = std::fabs(v);
  if (a == 0) return "0 " + std::string(unit);
  if (a < 1e-3) return format_count(v * 1e6) + " u" + std::string(unit);
  if (a < 1) return format_count(v * 1e3) + " m" + std::string(unit);
  if (a < 1e3) return format_count(v) + " " + std::string(unit);
  return format_count(v / 1e3) + " k" + std::string(unit);
}

std::string format_count_of(double count, std::string_view plural) {
  return format_count(count) + " " + (count == 1 ? singular(plural) : std::string(plural));
}

}  // namespace edgecalc
