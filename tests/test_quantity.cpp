#include <catch2/catch.hpp>

#include <edgecalc/load/quantity.hpp>

using namespace edgecalc;
using Catch::Matchers::Contains;

namespace {

const UnitContext k_ctx{730 * 3600.0, "USD"};  // the default billing month and currency

double ok(const Parsed& p) {
  INFO(p.error);
  REQUIRE(p.ok());
  return p.value;
}

std::string err(const Parsed& p) {
  REQUIRE_FALSE(p.ok());
  return p.error;
}

}  // namespace

TEST_CASE("durations in every unit", "[quantity]") {
  CHECK(ok(parse_duration("150ms", k_ctx)) == Approx(0.150));
  CHECK(ok(parse_duration("250us", k_ctx)) == Approx(250e-6));
  CHECK(ok(parse_duration("30s", k_ctx)) == 30);
  CHECK(ok(parse_duration("5min", k_ctx)) == 300);         // 5 x 60
  CHECK(ok(parse_duration("2h", k_ctx)) == 7200);          // 2 x 3600
  CHECK(ok(parse_duration("30d", k_ctx)) == 2'592'000);    // 30 x 86400
  CHECK(ok(parse_duration("2 weeks", k_ctx)) == 1'209'600);  // 14 x 86400
  CHECK(ok(parse_duration("36 months", k_ctx)) == 36 * 2'628'000.0);  // 36 x 730 h x 3600
  CHECK(ok(parse_duration("1 month", k_ctx)) == 2'628'000);
  CHECK(ok(parse_duration("3 years", k_ctx)) == 36 * 2'628'000.0);   // a year is 12 months
  CHECK(ok(parse_duration("1 year", k_ctx)) == 365 * 86400.0);       // 12 x 730 h = 8760 h
  CHECK(ok(parse_duration("0", k_ctx)) == 0);                        // bare zero needs no unit
}

TEST_CASE("a month is the profile's billing month", "[quantity]") {
  const UnitContext thirty_days{30 * 86400.0, "USD"};
  CHECK(ok(parse_duration("1 month", thirty_days)) == 2'592'000);
  CHECK(ok(parse_duration("1 year", thirty_days)) == 360 * 86400.0);
  // 1000 calls in a 30-day month: 1000 / 2,592,000 s
  CHECK(ok(parse_rate("1000/month", thirty_days)) == Approx(1000 / 2'592'000.0));
}

TEST_CASE("duration errors", "[quantity]") {
  CHECK(err(parse_duration("150", k_ctx)) == "needs a unit, e.g. 150ms");
  CHECK(err(parse_duration("150 parsecs", k_ctx)) ==
        "has unknown duration unit `parsecs`; use one of ms, s, min, h, d, week, month, year");
  CHECK(err(parse_duration("5 mintues", k_ctx)) ==
        "has unknown duration unit `mintues` (did you mean `minutes`?)");
  CHECK(err(parse_duration("fast", k_ctx)) == "must be a duration, e.g. 150ms");
  CHECK(err(parse_duration("", k_ctx)) == "must be a duration, e.g. 150ms");
  CHECK(err(parse_duration("nan s", k_ctx)) == "must be a finite number");
  CHECK(err(parse_duration(".inf", k_ctx)) == "must be a finite number");
  CHECK(err(parse_duration("1e400s", k_ctx)) == "is out of range");
}

TEST_CASE("equal rates are equal", "[quantity]") {
  CHECK(ok(parse_rate("1/s", k_ctx)) == 1);
  CHECK(ok(parse_rate("60/min", k_ctx)) == 1);
  CHECK(ok(parse_rate("3600/h", k_ctx)) == 1);
  CHECK(ok(parse_rate("86400/day", k_ctx)) == 1);
  CHECK(ok(parse_rate("2/s", k_ctx)) == 2);
  CHECK(ok(parse_rate("5/h", k_ctx)) == Approx(5 / 3600.0));
  CHECK(ok(parse_rate("500000/day", k_ctx)) == Approx(500000 / 86400.0));  // 5.787/s
  CHECK(ok(parse_rate("50k/day", k_ctx)) == Approx(50000 / 86400.0));
  CHECK(ok(parse_rate("1000/month", k_ctx)) == Approx(1000 / 2'628'000.0));
  CHECK(ok(parse_rate("12 / 1h", k_ctx)) == Approx(12 / 3600.0));
}

TEST_CASE("rate errors", "[quantity]") {
  CHECK(err(parse_rate("60", k_ctx)) == "needs a unit, e.g. 60/min");
  CHECK(err(parse_rate("60/fortnight", k_ctx)) ==
        "has unknown time unit `fortnight`; use one of ms, s, min, h, d, week, month, year");
  CHECK(err(parse_rate("many/min", k_ctx)) == "must be a count, e.g. 50000, 50k or 2.5M");
  CHECK(err(parse_rate("60/", k_ctx)) == "has no time unit after '/'");
}

TEST_CASE("sizes: SI powers of 1000, IEC powers of 1024", "[quantity]") {
  CHECK(ok(parse_size("512B")) == 512);
  CHECK(ok(parse_size("16KB")) == 16'000);
  CHECK(ok(parse_size("16kB")) == 16'000);
  CHECK(ok(parse_size("2MB")) == 2'000'000);
  CHECK(ok(parse_size("1GB")) == 1e9);
  CHECK(ok(parse_size("1TB")) == 1e12);
  CHECK(ok(parse_size("1KiB")) == 1024);
  CHECK(ok(parse_size("2MiB")) == 2 * 1'048'576.0);
  CHECK(ok(parse_size("1GiB")) == 1'073'741'824.0);
  CHECK(err(parse_size("16")) == "needs a unit, e.g. 16KB");
  // suggestions fold case, so kB and KB tie and the first listed wins
  CHECK(err(parse_size("16 Kb")) == "has unknown size unit `Kb` (did you mean `kB`?)");;
}

TEST_CASE("power", "[quantity]") {
  CHECK(ok(parse_power("100mW")) == Approx(0.1));
  CHECK(ok(parse_power("0.1W")) == Approx(0.1));
  CHECK(ok(parse_power("450W")) == 450);
  CHECK(ok(parse_power("1kW")) == 1000);
  CHECK(err(parse_power("450")) == "needs a unit, e.g. 450W");
  CHECK(ok(parse_power("30uW")) == Approx(30e-6));
  CHECK(ok(parse_power("30µW")) == Approx(30e-6));
  CHECK(err(parse_power("3hp")) == "has unknown power unit `hp`; use one of uW, mW, W, kW, MW");
}

TEST_CASE("a battery's quantities: energy in joules, charge in coulombs, current, voltage", "[quantity][battery]") {
  CHECK(ok(parse_energy("6.9mJ")) == Approx(6.9e-3));
  CHECK(ok(parse_energy("152uWh")) == Approx(0.5472));  // 152e-6 Wh x 3,600 J/Wh
  CHECK(ok(parse_energy("0.81Wh")) == Approx(2916));    // 0.81 x 3,600
  CHECK(ok(parse_energy("2.9kJ")) == 2900);
  CHECK(ok(parse_charge("300mAh")) == Approx(1080));    // 0.3 A x 3,600 s
  CHECK(ok(parse_charge("2.4Ah")) == Approx(8640));
  CHECK(ok(parse_current("6uA")) == Approx(6e-6));
  CHECK(ok(parse_current("1.5mA")) == Approx(1.5e-3));
  CHECK(ok(parse_voltage("3700mV")) == Approx(3.7));
  CHECK(ok(parse_frequency("120MHz")) == Approx(120e6));
  CHECK(ok(parse_frequency("32kHz")) == Approx(32e3));
  CHECK(ok(parse_frequency("2.4GHz")) == Approx(2.4e9));
  CHECK_FALSE(parse_frequency("120MB").ok());
  CHECK(err(parse_charge("300mA")) == "has unknown charge unit `mA` (did you mean `mAh`?)");
  CHECK(err(parse_voltage("3.7")) == "needs a unit, e.g. 3.7V");
}

TEST_CASE("fractions: percentages or plain fractions of 1", "[quantity]") {
  CHECK(ok(parse_fraction("10%")) == Approx(0.1));
  CHECK(ok(parse_fraction("0.1")) == Approx(0.1));
  CHECK(ok(parse_fraction("0%")) == 0);
  CHECK(ok(parse_fraction("100%")) == 1);
  CHECK(err(parse_fraction("150%")) == "must be between 0% and 100%");
  CHECK(err(parse_fraction("-5%")) == "must be between 0% and 100%");
  CHECK(err(parse_fraction("5")) ==
        "must be between 0% and 100% (a plain number is a fraction of 1: write 5% for 5 percent)");
  CHECK(err(parse_fraction("5 pct")) ==
        "must be a percentage or a fraction, e.g. 10% or 0.1; `pct` is not a unit of either");
}

TEST_CASE("counts with suffixes", "[quantity]") {
  CHECK(ok(parse_count("50000")) == 50000);
  CHECK(ok(parse_count("50k")) == 50000);
  CHECK(ok(parse_count("2.5M")) == 2'500'000);
  CHECK(ok(parse_count("1B")) == 1e9);
  CHECK(ok(parse_count("1e3")) == 1000);
  CHECK(err(parse_count("many")) == "must be a count, e.g. 50000, 50k or 2.5M");
  CHECK(err(parse_count("50,000")) == "must be written without digit separators, e.g. 50000 or 50k");
  CHECK(err(parse_count("5 dozen")) ==
        "must be a count, e.g. 50000, 50k or 2.5M; `dozen` is not a count suffix");
}

TEST_CASE("money", "[quantity]") {
  CHECK(ok(parse_money("$0.0005", k_ctx)) == Approx(0.0005));
  CHECK(ok(parse_money("12", k_ctx)) == 12);
  CHECK(ok(parse_money("$1.2M", k_ctx)) == 1'200'000);
  CHECK(ok(parse_money("$500k", k_ctx)) == 500'000);
  CHECK(ok(parse_money("40000 USD", k_ctx)) == 40'000);
  CHECK(ok(parse_money("-$5", k_ctx)) == -5);  // sign is the field's business
  const UnitContext euro{730 * 3600.0, "EUR"};
  CHECK(ok(parse_money("€12", euro)) == 12);
  CHECK(err(parse_money("$12", euro)) ==
        "is written in $ but the profile's currency is EUR; write the amount without a symbol");
  CHECK(err(parse_money("$cheap", k_ctx)) == "must be an amount of money, e.g. $12 or 12");
  CHECK(err(parse_money("12 bananas", k_ctx)) ==
        "is not an amount of money; expected e.g. $12, 12 or $1.2M, and `bananas` is not a currency "
        "or count suffix");
}

TEST_CASE("prices per unit", "[quantity]") {
  CHECK(ok(parse_price_per_gb("$0.10/GB", k_ctx)) == Approx(0.10));
  CHECK(ok(parse_price_per_gb("$0.0001/MB", k_ctx)) == Approx(0.1));  // x 1000 MB per GB
  CHECK(ok(parse_price_per_gb("$1/TB", k_ctx)) == Approx(0.001));
  CHECK(ok(parse_price_per_kwh("$0.15/kWh", k_ctx)) == Approx(0.15));
  CHECK(ok(parse_price_per_kwh("$0.00015/Wh", k_ctx)) == Approx(0.15));
  CHECK(ok(parse_price_per_period("$30/month", k_ctx.month_s, k_ctx)) == 30);  // exact
  // $10 a day over a 730 h month: 10 x 2,628,000 / 86,400 = 304.1666...
  CHECK(ok(parse_price_per_period("$10/day", k_ctx.month_s, k_ctx)) == Approx(304.16666667));
  CHECK(ok(parse_price_per_period("$2.50/h", 3600, k_ctx)) == 2.5);
  CHECK(ok(parse_price_per_period("$2.50", 3600, k_ctx, true)) == 2.5);
  CHECK(ok(parse_price_per_period("0", k_ctx.month_s, k_ctx)) == 0);
  CHECK(err(parse_price_per_period("$200", k_ctx.month_s, k_ctx)) == "needs a unit, e.g. $200/month");
  CHECK(err(parse_price_per_gb("$0.10", k_ctx)) == "needs a unit, e.g. $0.10/GB");
  CHECK(err(parse_price_per_kwh("$0.15/kW", k_ctx)) ==
        "has unknown energy unit `kW` (did you mean `kWh`?)");
}

TEST_CASE("share per year", "[quantity]") {
  CHECK(ok(parse_share_per_year("10%/year", k_ctx)) == Approx(0.1));
  CHECK(ok(parse_share_per_year("1%/month", k_ctx)) == Approx(0.12));  // 1% x 12 months
  CHECK(err(parse_share_per_year("10%", k_ctx)) == "needs a period, e.g. 10%/year");
}

TEST_CASE("plain numbers", "[quantity]") {
  CHECK(ok(parse_number("1.4")) == Approx(1.4));
  CHECK(ok(parse_number("+2")) == 2);
  CHECK(err(parse_number("1.4x")) == "must be a plain number, without `x`");
  CHECK(err(parse_number("abc")) == "must be a number, e.g. 1.5");
}

TEST_CASE("duration ranges", "[quantity]") {
  auto r = parse_duration_range("80ms..150ms", k_ctx);
  REQUIRE(r.ok());
  CHECK(r.low == Approx(0.080));
  CHECK(r.high == Approx(0.150));
  r = parse_duration_range("80..150ms", k_ctx);  // the low end borrows the high end's unit
  REQUIRE(r.ok());
  CHECK(r.low == Approx(0.080));
  CHECK(parse_duration_range("150ms", k_ctx).error == "must be a range, e.g. 80ms..150ms");
  CHECK(parse_duration_range("150ms..80ms", k_ctx).error ==
        "must have its low end first: 80ms..150ms");
  CHECK(parse_duration_range("80ms..lots", k_ctx).error ==
        "(high end) must be a duration, e.g. 150ms");
}

TEST_CASE("format_number is the shortest round-trip form", "[quantity]") {
  CHECK(format_number(0.1) == "0.1");
  CHECK(format_number(50000) == "50000");
  CHECK(format_number(1e308) == "1e+308");
}

TEST_CASE("examples in messages carry the profile's currency symbol", "[quantity]") {
  CHECK(err(parse_price_per_gb("0.09", k_ctx)) == "needs a unit, e.g. $0.09/GB");
  const UnitContext credits{730 * 3600.0, "credits"};
  CHECK(err(parse_price_per_gb("0.09", credits)) == "needs a unit, e.g. 0.09/GB");
}

TEST_CASE("bandwidths: networks in bits, memory in bytes up to TB/s", "[quantity]") {
  CHECK(ok(parse_bandwidth("20Mbit/s")) == Approx(2.5e6));   // 20e6 / 8
  CHECK(ok(parse_bandwidth("100 Mbps")) == Approx(12.5e6));  // 100e6 / 8
  CHECK(ok(parse_bandwidth("1008GB/s")) == 1008e9);
  CHECK(ok(parse_bandwidth("3.35TB/s")) == Approx(3.35e12));  // H100 SXM's HBM3
  CHECK_THAT(err(parse_bandwidth("3.35 PB/s")), Contains("unknown bandwidth unit `PB/s`"));
}
