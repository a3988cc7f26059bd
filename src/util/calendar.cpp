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

double months_between(std::string_view from, std::string_view to) {
  using namespace std::chrono;
  const auto ymd = [](std::string_view t) {
    return year_month_day{std::chrono::year{digits(t, 0, 4)}, std::chrono::month{static_cast<unsigned>(digits(t, 5, 2))},
                          std::chrono::day{static_cast<unsigned>(digits(t, 8, 2))}};
  };
  const year_month_day a = ymd(from), b = ymd(to);
  const int whole = (static_cast<int>(b.year()) - static_cast<int>(a.year())) * 12 +
                    (static_cast<int>(static_cast<unsigned>(b.month())) - static_cast<int>(static_cast<unsigned>(a.month())));
  const double days_in_month = static_cast<double>(static_cast<unsigned>(year_month_day_last{a.year(), month_day_last{a.month()}}.day()));
  const double rest = static_cast<double>(static_cast<int>(static_cast<unsigned>(b.day())) - static_cast<int>(static_cast<unsigned>(a.day())));
  return whole + rest / days_in_month;
}

}  // namespace edgecalc
