#pragma once

// Quantities are strings with units ("150ms", "60/min", "$0.10/GB"). Every function here
// returns the value in the unit its comment names, or an error phrase that reads after the
// field's name ("needs a unit, e.g. 150ms"). Bare 0 is accepted for every dimension.

#include <optional>
#include <functional>
#include <string>
#include <string_view>

#include <edgecalc/util/diagnostic.hpp>

namespace edgecalc {

// How calendar units map to seconds for one profile: a "month" is the profile's billing month
// and a "year" is 12 of them; money symbols must match the profile's currency. The defaults
// (730 h, USD) are domain data: default_units() in <edgecalc/domain/defaults.hpp>.
struct UnitContext {
  double month_s = 0;    // 0: no month is known, "1 month" is 0 s
  std::string currency;  // "": no currency is known, money must be a bare number
};

struct Parsed {
  double value = 0;
  std::string error;
  bool ok() const { return error.empty(); }
};

struct ParsedRange {
  double low = 0;
  double high = 0;
  std::string error;
  bool ok() const { return error.empty(); }
};

// A plain number with no unit (multipliers such as pue, peak_factor).
Parsed parse_number(std::string_view text);
// A count: 50000, 50k, 2.5M, 1B (also 1G), 2T.
Parsed parse_count(std::string_view text);
// The currency an amount names by its symbol ("$5000" -> USD) or trailing code ("5000 EUR" ->
// EUR); "" when it names none.
std::string currency_written(std::string_view amount);

// Money in the profile's currency: $0.0005, €12, 12, $1.2M.
Parsed parse_money(std::string_view text, const UnitContext& ctx);
// Seconds: 150ms, 30s, 5min, 2h, 30d, 2 weeks, 36 months, 3 years.
Parsed parse_duration(std::string_view text, const UnitContext& ctx);
// Events per second: 60/min, 5/h, 500000/day, 2/s, 1000/month, 50k/day.
Parsed parse_rate(std::string_view text, const UnitContext& ctx);
// Bytes: 16KB, 2MB, 1GB (powers of 1000); KiB, MiB, GiB (powers of 1024); 512B.
Parsed parse_size(std::string_view text);
// Operations per second: 600GOPS, 67TOPS, 4.6TFLOPS.
Parsed parse_ops(std::string_view text);
// Bytes per second: 5Mbit/s, 5Mbps, 500kbit/s, 1Gbit/s, 2MB/s.
Parsed parse_bandwidth(std::string_view text);
// Watts: 15uW, 100mW, 0.1W, 450W, 1kW.
Parsed parse_power(std::string_view text);
// A battery's quantities. Joules: 30uJ, 6.9mJ, 0.55J, 0.81Wh, 152uWh. Coulombs: 220mAh, 2.4Ah.
// Amperes: 3uA, 1.5mA. Volts: 3.7V, 3000mV.
Parsed parse_energy(std::string_view text);
Parsed parse_charge(std::string_view text);
Parsed parse_current(std::string_view text);
Parsed parse_voltage(std::string_view text);
// Hertz: 32kHz, 120MHz, 2.4GHz.
Parsed parse_frequency(std::string_view text);
// A fraction 0..1: 10% or 0.1.
Parsed parse_fraction(std::string_view text);
// Currency per gigabyte (1e9 bytes): $0.10/GB, $0.0001/MB.
Parsed parse_price_per_gb(std::string_view text, const UnitContext& ctx);
// Currency per kilowatt-hour: $0.15/kWh, $0.00015/Wh.
Parsed parse_price_per_kwh(std::string_view text, const UnitContext& ctx);
// Currency per `period_s` seconds: parse_price_per_period("$10/day", month_s) is money per
// month. A bare amount is an error unless `bare_allowed` (for fields named after the period).
Parsed parse_price_per_period(std::string_view text, double period_s, const UnitContext& ctx,
                              bool bare_allowed = false);
// A share per year, from "10%/year" or "1%/month".
Parsed parse_share_per_year(std::string_view text, const UnitContext& ctx);

// "+100%", "-20%", "0.5": a signed share, the change of a price; more than -100%.
Parsed parse_change(std::string_view text);
// "LOW..HIGH" read by `parse`; a bare low end takes the high end's unit ("40..80/min"); the low
// end must not exceed the high end. `example` shows the form in errors.
ParsedRange parse_range(std::string_view text, const std::function<Parsed(std::string_view)>& parse,
                        std::string_view example);
// A duration range in seconds: 80ms..150ms or 80..150ms.
ParsedRange parse_duration_range(std::string_view text, const UnitContext& ctx);

// Formats a number for messages: shortest form that reads back the same ("0.1", "1e+308").
std::string format_number(double value);

// How an uncertain field's range is read (docs/profile.md, "Ranges"): a 90% interval for the
// lognormal and the normal, the bounds for the uniform and the triangular.
enum class Distribution { lognormal, normal, uniform, triangular };
std::string_view to_string(Distribution d);

// A field written as a range: `calls: 40..80/min`, or `{low, high, dist, mode}`. Base units.
struct UncertainValue {
  std::string field;  // "workload.calls"
  double low = 0, high = 0;
  Distribution dist = Distribution::lognormal;
  std::optional<double> mode;  // triangular only
  Position at;                 // where it is written
  double median() const;       // the value a point evaluation uses
};

}  // namespace edgecalc
