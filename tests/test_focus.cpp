// `--format focus` against the FinOps FOCUS 1.2 specification's mandatory columns and their rules
// (FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec, specification/columns/*.md), and against the
// report's own totals.

#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "cli_run.hpp"
#include "fixture.hpp"
#include "formats.hpp"

namespace focus_export {

using namespace edgecalc::test;

// FOCUS 1.2: the columns whose feature level is Mandatory.
const std::vector<std::string> k_mandatory = {
    "BilledCost",        "BillingAccountId",  "BillingAccountName", "BillingCurrency", "BillingPeriodEnd",
    "BillingPeriodStart", "ChargeCategory",   "ChargeClass",        "ChargeDescription", "ChargePeriodEnd",
    "ChargePeriodStart", "ContractedCost",    "EffectiveCost",      "InvoiceIssuerName", "ListCost",
    "PricingQuantity",   "PricingUnit",       "ProviderName",       "PublisherName",   "ServiceCategory",
    "ServiceName"};

struct Dataset {
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
};

Dataset focus_of(const std::vector<std::string>& args) {
  std::vector<std::string> all = args;
  all.insert(all.end(), {"--format", "focus"});
  const Run r = run(all);
  INFO(r.err);
  REQUIRE(r.code == 0);
  const auto table = parse_csv(r.out);
  REQUIRE(table.size() > 1);
  Dataset d{table[0], {}};
  for (std::size_t i = 1; i < table.size(); ++i) {
    REQUIRE(table[i].size() == d.header.size());  // every row as wide as the header
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < d.header.size(); ++c) row[d.header[c]] = table[i][c];
    d.rows.push_back(std::move(row));
  }
  return d;
}

nlohmann::json report_of(const std::vector<std::string>& args) {
  std::vector<std::string> all = args;
  all.insert(all.end(), {"--format", "json"});
  const Run r = run(all);
  REQUIRE(r.code == 0);
  return nlohmann::json::parse(r.out);
}

void check_dataset(const std::vector<std::string>& args) {
  const Dataset d = focus_of(args);
  const nlohmann::json report = report_of(args);
  for (const std::string& column : k_mandatory) {
    INFO(column);
    CHECK(std::count(d.header.begin(), d.header.end(), column) == 1);
  }
  for (const std::string& column : d.header)  // FOCUS columns, or custom ones prefixed x_
    CHECK((std::count(k_mandatory.begin(), k_mandatory.end(), column) == 1 || column == "ChargeFrequency" ||
           column.starts_with("x_")));
  const std::regex datetime(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$)");
  const std::regex decimal(R"(^-?\d+(\.\d+)?(e[-+]?\d+)?$)");
  const std::set<std::string> categories{"Usage", "Purchase", "Tax", "Credit", "Adjustment"};
  const std::set<std::string> service_categories{"AI and Machine Learning", "Compute", "Networking", "Other"};
  std::map<std::string, double> billed;  // per account: one option
  for (const auto& row : d.rows) {
    INFO(row.at("ChargeDescription") << " from " << row.at("ChargePeriodStart"));
    for (const char* cost : {"BilledCost", "ContractedCost", "EffectiveCost", "ListCost"})
      CHECK(std::regex_match(row.at(cost), decimal));
    for (const char* t : {"BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd"})
      CHECK(std::regex_match(row.at(t), datetime));
    CHECK(row.at("ChargePeriodStart") < row.at("ChargePeriodEnd"));  // ISO 8601 UTC sorts as time
    CHECK(row.at("BillingPeriodStart") <= row.at("ChargePeriodStart"));
    CHECK(row.at("ChargePeriodEnd") <= row.at("BillingPeriodEnd"));
    CHECK(categories.count(row.at("ChargeCategory")) == 1);
    CHECK(service_categories.count(row.at("ServiceCategory")) == 1);
    CHECK(row.at("ChargeClass").empty());  // a forecast corrects nothing
    CHECK(row.at("BillingCurrency") == report["currency"]);
    for (const char* name : {"BillingAccountId", "BillingAccountName", "InvoiceIssuerName", "ProviderName",
                             "PublisherName", "ServiceName", "ChargeDescription"})
      CHECK_FALSE(row.at(name).empty());
    // PricingQuantity: not null for Usage and Purchase (ChargeClass is never Correction), null
    // for Tax; a decimal when present, with its unit.
    const std::string& category = row.at("ChargeCategory");
    if (category == "Usage" || category == "Purchase") {
      CHECK(std::regex_match(row.at("PricingQuantity"), decimal));
      CHECK_FALSE(row.at("PricingUnit").empty());
    }
    if (category == "Credit") CHECK(std::stod(row.at("BilledCost")) < 0);
    billed[row.at("BillingAccountId")] += std::stod(row.at("BilledCost"));
  }
  // Each option's rows add up to its total over the horizon.
  for (const char* name : {"cloud", "edge", "hybrid"}) {
    const auto& total = report["options"][name]["total_cost"];
    const std::string account = report["profile"].get<std::string>() + "/" + name;
    INFO(account);
    if (total.is_null()) {
      CHECK(billed.count(account) == 0);
    } else {
      CHECK(billed[account] == Approx(total.get<double>()).epsilon(1e-9));
    }
  }
}

}  // namespace focus_export

TEST_CASE("--format focus has FOCUS 1.2's mandatory columns and adds up to each option's total", "[focus]") {
  using namespace focus_export;
  SECTION("priced month by month: a ramp, resale") { check_dataset({example_path("assistant-rollout-ramp.yaml")}); }
  SECTION("steady: spot instances against boxes") { check_dataset({example_path("support-bot-rented-gpu.yaml")}); }
  SECTION("steady, with replacements inside the horizon") {
    check_dataset({example_path("pi-fleet-llm.yaml"), "--set", "edge.lifetime=10months"});
  }
  SECTION("a reserved term past the horizon") {
    check_dataset({example_path("support-bot-rented-gpu.yaml"), "--set", "cloud.price.instance.tier=reserved-1y"});
  }
  SECTION("a per-token API and a hybrid") { check_dataset({example_path("voice-hub-hybrid.yaml")}); }
}

TEST_CASE("a FOCUS row's quantity is the line's volume in its pricing unit", "[focus]") {
  using namespace focus_export;
  // support-bot-rented-gpu: 2 spot instances x 730 h = 1,460 instance-hours a month at $1.49/h
  // = $2,175.40; the first month starts on the report's date, EDGECALC_TODAY.
  const Run r = run({example_path("support-bot-rented-gpu.yaml"), "--format", "focus"}, Environment{false, {{"EDGECALC_TODAY", "2027-01-31"}}});
  REQUIRE(r.code == 0);
  const auto rows = parse_csv(r.out);
  REQUIRE(rows.size() > 2);
  const auto& header = rows[0];
  const auto col = [&](const std::vector<std::string>& row, const std::string& name) {
    return row[static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin())];
  };
  CHECK(col(rows[1], "x_LineItem") == "instances");
  CHECK(col(rows[1], "PricingQuantity") == "1460");
  CHECK(col(rows[1], "PricingUnit") == "Hours");
  CHECK(std::stod(col(rows[1], "BilledCost")) == Approx(2175.4));
  CHECK(col(rows[1], "ChargePeriodStart") == "2027-01-31T00:00:00Z");
  // January 31 plus a month is the last of February.
  CHECK(col(rows[1], "ChargePeriodEnd") == "2027-02-28T00:00:00Z");
  CHECK(col(rows[1], "BillingAccountId") == "support-bot-rented-gpu/cloud");
}
