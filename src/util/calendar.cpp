#include <edgecalc/util/calendar.hpp>

#include <chrono>

namespace edgecalc {

namespace {

// The number written in text[at, at + n), or -1 unless every one of them is a digit.
int digits(std::string_view text, std::size_t at, std::size_t n) {
  int value = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

bool is_date(std::string_view text, bool month_only_allowed) {
  const bool month_only = text.size() == 7;
  if (!(text.size() == 10 || (month_only && month_only_allowed))) return false;
  if (text[4] != '-' || (!month_only && text[7] != '-')) return false;
  const int year = digits(text, 0, 4), month = digits(text, 5, 2), day = month_only ? 1 : digits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return false;
  using namespace std::chrono;
  return year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                        std::chrono::day{static_cast<unsigned>(day)}}
      .ok();
}

}  // namespace edgecalc
