#include <catch2/catch.hpp>

#include "util/format.hpp"

using namespace edgecalc;

TEST_CASE("money is rounded for display only", "[render]") {
  CHECK(format_money(0.45, "USD") == "$0.45");
  CHECK(format_money(2985.70, "USD") == "$2,985.70");
  CHECK(format_money(107485.2, "USD") == "$107,485.20");
  CHECK(format_money(1.2e6, "USD") == "$1.2M");
  CHECK(format_money(1234567, "USD") == "$1.23M");
  CHECK(format_money(3.45e9, "USD") == "$3.45B");
  CHECK(format_money(0, "USD") == "$0");
  CHECK(format_money(0.0002045, "USD") == "$0.000205");
  CHECK(format_money(-5, "USD") == "-$5.00");
  CHECK(format_money(12.5, "EUR") == "€12.50");
  CHECK(format_money(1234.5, "CHF") == "1,234.50 CHF");
  CHECK(format_money(0.999, "USD") == "$1.00");
}

TEST_CASE("prices per 1k calls keep three significant digits below 1", "[render]") {
  CHECK(format_unit_price(0.0243, "USD") == "$0.0243");
  CHECK(format_unit_price(0.2047, "USD") == "$0.205");  // (0.2045 is 0.20449999... in binary)
  CHECK(format_unit_price(15, "USD") == "$15.00");
  CHECK(format_unit_price(0, "USD") == "$0");
  CHECK(format_unit_price(0.1, "USD") == "$0.10");
  CHECK(format_unit_price(0.5, "USD") == "$0.50");
}

TEST_CASE("counts are short but exact enough", "[render]") {
  CHECK(format_count(14.6e6) == "14.6M");
  CHECK(format_count(11650095) == "11.65M");
  CHECK(format_count(243333.33) == "243,333");
  CHECK(format_count(2000) == "2,000");
  CHECK(format_count(958.84) == "959");
  CHECK(format_count(12.5) == "12.5");
  CHECK(format_count(0.27778) == "0.278");
  CHECK(format_count(0) == "0");
  CHECK(format_count(2.5e9) == "2.5B");
  CHECK(format_count(1.278e12) == "1.278T");
}

TEST_CASE("months and horizons", "[render]") {
  CHECK(format_months(27.4758) == "27.5 months");
  CHECK(format_months(1) == "1 month");
  CHECK(format_horizon(36) == "36-month");
  CHECK(format_horizon(36.5) == "36.5-month");
  CHECK(group_thousands(1234567) == "1,234,567");
}

TEST_CASE("sizes in powers of 1000, bytes below a kilobyte", "[render]") {
  CHECK(format_bytes(0) == "0 B");  // the default payload: "0 KB" read as a rounded-down amount
  CHECK(format_bytes(512) == "512 B");
  CHECK(format_bytes(16e3) == "16 KB");
  CHECK(format_bytes(2.5e6) == "2.5 MB");
  CHECK(format_bytes(7e9) == "7 GB");
}

TEST_CASE("values written back by --set round in the asked direction, without separators", "[render]") {
  // 231,861 to 3 significant digits: up 232k, down 231k; 0.007999999994 down is 0.00799 (7.99
  // ms), up 0.008; a whole 8 stays 8 either way.
  CHECK(format_plain(231861, Rounding::up) == "232k");
  CHECK(format_plain(231861, Rounding::down) == "231k");
  CHECK(format_plain(0.007999999994, Rounding::down) == "0.00799");
  CHECK(format_plain(0.007999999994, Rounding::up) == "0.008");
  CHECK(format_plain(8, Rounding::up) == "8");
  CHECK(format_plain(999.5, Rounding::up) == "1k");           // 999.5 up to 3 digits is 1000
  CHECK(format_plain(-1234, Rounding::down) == "-1.24k");     // down is away from 0 for a negative
  CHECK(format_plain(16288, Rounding::nearest) == "16.3k");
  CHECK(format_duration(0.007999999994, Rounding::down) == "7.99 ms");
  CHECK(format_duration(8.0000000028, Rounding::up) == "8.01 s");
  CHECK(format_duration(24259318.26, Rounding::up) == "281 days");   // 280.78 days
  CHECK(format_duration(24259318.26, Rounding::down) == "280 days");
  CHECK(format_rate(0.0004709252784463939, 730 * 3600, Rounding::down) == "1.69/h");  // 1.6953/h
  CHECK(format_percent(0.017872171517876817, Rounding::down) == "1.78%");
  CHECK(format_money_plain(91046.63, "USD", Rounding::up) == "$91.1k");
  CHECK(format_money_plain(-5, "USD", Rounding::up) == "-$5");
  CHECK(format_money_plain(4212, "CHF", Rounding::down) == "4.21k CHF");
}
