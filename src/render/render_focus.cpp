// `--format focus`: the forecast as a FinOps FOCUS 1.2 cost and usage dataset (CSV), one row per
// option, month and bill line, with every column the specification makes mandatory
// (docs/report.md, "FOCUS export").

#include <chrono>
#include <cmath>
#include <string>
#include <vector>

#include <fmt/format.h>

#include <edgecalc/render/render.hpp>

#include "util/escape.hpp"
#include "render/render_scan.hpp"
#include "util/json_util.hpp"

namespace edgecalc {

namespace {

// FOCUS 1.2's mandatory columns, then the recommended ChargeFrequency and edgecalc's own
// (custom columns are prefixed x_).
constexpr const char* k_columns[] = {
    "BilledCost",        "BillingAccountId",   "BillingAccountName", "BillingCurrency", "BillingPeriodEnd",
    "BillingPeriodStart", "ChargeCategory",    "ChargeClass",        "ChargeDescription", "ChargePeriodEnd",
    "ChargePeriodStart", "ContractedCost",     "EffectiveCost",      "InvoiceIssuerName", "ListCost",
    "PricingQuantity",   "PricingUnit",        "ProviderName",       "PublisherName",   "ServiceCategory",
    "ServiceName",       "ChargeFrequency",    "x_Option",           "x_LineItem"};

// How each bill line is charged, in FOCUS's words.
struct LineKind {
  const char* item;
  const char* category;   // ChargeCategory
  const char* frequency;  // ChargeFrequency
  const char* service_category;
  const char* unit;       // PricingUnit; "" for a credit (quantity null)
};
constexpr LineKind k_kinds[] = {
    {"per_call_fees", "Usage", "Usage-Based", "AI and Machine Learning", "Requests"},
    {"tokens", "Usage", "Usage-Based", "AI and Machine Learning", "Tokens"},
    {"instances", "Usage", "Usage-Based", "AI and Machine Learning", "Hours"},
    {"commitment", "Purchase", "Recurring", "AI and Machine Learning", "Hours"},
    {"transfer", "Usage", "Usage-Based", "Networking", "GB"},
    {"network_data", "Usage", "Usage-Based", "Networking", "GB"},
    {"fixed", "Purchase", "Recurring", "Other", "Months"},
    {"hardware", "Purchase", "One-Time", "Compute", "Units"},
    {"replacements", "Purchase", "One-Time", "Compute", "Units"},
    {"engineering", "Purchase", "One-Time", "Other", "Units"},
    {"energy", "Usage", "Usage-Based", "Compute", "Months"},
    {"maintenance", "Purchase", "Recurring", "Compute", "Months"},
    {"resale", "Credit", "One-Time", "Compute", ""},
};

const LineKind& kind_of(const std::string& item) {
  for (const LineKind& k : k_kinds)
    if (item == k.item) return k;
  return k_kinds[6];  // an unknown line from a newer report: a recurring "Other" charge
}

// Month `m` of a horizon starting on `start` (YYYY-MM-DD): [start + m months, + length months),
// the last month's fraction counted in days of its calendar month, as FOCUS datetimes.
struct Period {
  std::string begin, end;
};

std::chrono::sys_seconds month_start(const std::chrono::year_month_day& start, int m) {
  using namespace std::chrono;
  year_month_day d = start + months{m};
  if (!d.ok()) d = year_month_day_last{d.year(), month_day_last{d.month()}};  // Jan 31 + 1 month: Feb 28
  return sys_seconds{sys_days{d}.time_since_epoch()};
}

std::string iso(std::chrono::sys_seconds t) {
  using namespace std::chrono;
  const sys_days day = floor<days>(t);
  const year_month_day d{day};
  const hh_mm_ss<seconds> time{t - day};
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()), time.hours().count(), time.minutes().count(), time.seconds().count());
}

Period period_of(const std::chrono::year_month_day& start, int m, double length) {
  const auto a = month_start(start, m), b = month_start(start, m + 1);
  const auto end = length >= 1 ? b : a + std::chrono::seconds{std::llround(static_cast<double>((b - a).count()) * length)};
  return {iso(a), iso(end)};
}

std::chrono::year_month_day parse_day(const std::string& text) {
  using namespace std::chrono;
  const auto n = [&](std::size_t at, std::size_t len) { return std::stoi(text.substr(at, len)); };
  return year_month_day{year{n(0, 4)}, month{static_cast<unsigned>(n(5, 2))}, day{static_cast<unsigned>(n(8, 2))}};
}

// Each line's cost per month: the timeline's, or the steady bill laid out month by month
// (up front in month 0, the monthly rate over each month's length, replacements at each
// lifetime, a reserved term's months past the horizon in the last month).
std::vector<std::vector<double>> month_lines(JsonView o, double horizon) {
  const int months = static_cast<int>(std::max(1.0, std::ceil(horizon - 1e-9)));
  std::vector<std::vector<double>> out;
  if (o["timeline"].is_array()) {
    for (const JsonView f : o["timeline"]) {
      std::vector<double> lines;
      for (const JsonView v : f["lines"]) lines.push_back(num(v));
      out.push_back(std::move(lines));
    }
    return out;
  }
  const JsonView bill = o["breakdown"];
  out.assign(static_cast<std::size_t>(months), std::vector<double>(bill.size(), 0));
  std::size_t i = 0;
  for (const JsonView line : bill) {
    const std::string item = str(line["item"]);
    if (item == "replacements") {
      const double count = num(o["replacement_count"]), life = num(o["lifetime_months"]);
      for (int k = 1; k <= static_cast<int>(count); ++k)
        out[static_cast<std::size_t>(std::min<double>(months - 1, std::floor(k * life)))][i] += num(line["total"]) / count;
    } else if (item == "commitment") {
      out.back()[i] += num(line["total"]);
    } else {
      for (int m = 0; m < months; ++m)
        out[static_cast<std::size_t>(m)][i] += num(line["monthly"]) * std::min(1.0, horizon - m) + (m == 0 ? num(line["upfront"]) : 0);
    }
    ++i;
  }
  return out;
}

std::string number(double v) { return fmt::format("{}", v); }

}  // namespace

std::string focus_csv(const std::vector<nlohmann::ordered_json>& reports) {
  std::string out;
  for (const char* c : k_columns) out += std::string(out.empty() ? "" : ",") + c;
  out += "\n";
  for (const auto& json : reports) {
    const JsonView r(json);
    const double horizon = num(r["horizon_months"]);
    const std::string start_text = r["finance"]["start"].is_string() ? str(r["finance"]["start"]) : str(r["date"]);
    const auto start = parse_day(start_text);
    const std::string currency = str(r["currency"]);
    const std::string cloud = r["cloud_provider"].is_string() ? str(r["cloud_provider"]) : "Cloud provider";
    const JsonView wl = r["workload"];
    for (const char* name : {"cloud", "edge", "hybrid"}) {
      const JsonView o = r["options"][name];
      if (o["total_cost"].is_null()) continue;  // not priced
      const double share = std::string(name) == "hybrid" ? num(o["escalation"]) : 1;
      const auto months = month_lines(o, horizon);
      const bool server = str(o["units_label"]) == "boxes";
      // Each option is a scenario of its own: an account apiece, so that summing a dataset never
      // adds alternatives together.
      const std::string account_id = csv_field(fmt::format("{}/{}", str(r["profile"]), name));
      const std::string account_name = csv_field(fmt::format("{} ({} option)", str(r["profile"]), name));
      std::size_t i = 0;
      for (const JsonView line : o["breakdown"]) {
        const std::string item = str(line["item"]);
        const bool cloud_side = str(line["side"]) == "cloud";
        const LineKind& kind = kind_of(item);
        const std::string provider = cloud_side ? cloud : "Self-hosted";
        const std::string service = cloud_side ? "Cloud inference" : (server ? "Self-hosted servers" : "On-device inference");
        const double unit_price = item == "hardware" || item == "replacements"
                                      ? (num(o["units"]) > 0 ? num(line["upfront"]) / num(o["units"]) : 0)
                                      : 0;
        for (std::size_t m = 0; m < months.size(); ++m) {
          const double cost = i < months[m].size() ? months[m][i] : 0;
          if (cost == 0) continue;
          const JsonView month = o["timeline"].at(m);
          const double length = std::min(1.0, horizon - static_cast<double>(m));
          const double scale = (o["timeline"].is_array() && num(wl["fleet_size"]) > 0 ? num(month["fleet"]) / num(wl["fleet_size"]) : 1) * length;
          const double factor = o["timeline"].is_array() ? num(month["price_factor"]) : 1;
          const JsonView rental = o["rental"];
          const double hourly = rental.is_object() ? num(rental["hourly"]) * (rental["commitment_months"].is_number() ? 1 : factor) : 0;
          std::string quantity;
          if (item == "per_call_fees") quantity = number(num(wl["calls_per_month"]) * share * scale);
          else if (item == "tokens") quantity = number(num(wl["tokens_per_month"]) * share * scale);
          else if ((item == "instances" || item == "commitment") && hourly > 0) quantity = number(cost / hourly);
          else if (item == "transfer" || item == "network_data") quantity = number(num(wl["bytes_per_month"]) * share * scale / 1e9);
          else if ((item == "hardware" || item == "replacements") && unit_price > 0) quantity = number(cost / unit_price);
          else if (item == "engineering") quantity = "1";
          else if (*kind.unit) quantity = number(length);
          const Period p = period_of(start, static_cast<int>(m), length);
          const std::string c = number(cost);
          out += fmt::format("{c},{acct},{acct_name},{cur},{pe},{ps},{cat},,{desc},{pe},{ps},{c},{c},{prov},{c},{q},{unit},{prov},{prov},{sc},{svc},{freq},{opt},{item}\n",
                             fmt::arg("c", c), fmt::arg("acct", account_id), fmt::arg("acct_name", account_name), fmt::arg("cur", csv_field(currency)), fmt::arg("pe", p.end),
                             fmt::arg("ps", p.begin), fmt::arg("cat", kind.category),
                             fmt::arg("desc", csv_field(fmt::format("{} option: {} (edgecalc forecast)", name, item))),
                             fmt::arg("prov", csv_field(provider)), fmt::arg("q", quantity), fmt::arg("unit", kind.unit),
                             fmt::arg("sc", kind.service_category), fmt::arg("svc", service), fmt::arg("freq", kind.frequency),
                             fmt::arg("opt", name), fmt::arg("item", item));
        }
        ++i;
      }
    }
  }
  return out;
}

}  // namespace edgecalc
