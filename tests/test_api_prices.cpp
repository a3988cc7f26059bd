// Catalog API prices: tiers (standard, batch), prompt-cache reads, long-context rates,
// superseded entries, and LiteLLM's keys for them.

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/model/latency.hpp>
#include <edgecalc/model/model.hpp>

#include "fixture.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

namespace {

const char* const k_price_catalog = R"(prices:
  - {id: test-pro, provider: Test, input: $2, cached_input: $0.20, output: $12, batch_input: $1, batch_output: $6,
     long_context: {above: 200k, input: $4, output: $18, cached_input: $0.40}, batch_window: 24h,
     source: "test list price", date: 2026-07-24}
  - {id: test-old, provider: Test, input: $1, output: $2, source: "test", date: 2025-01-15,
     deprecated: 2026-07-24, replaced_by: test-pro}
  - {id: test-intro, provider: Test, input: $1, output: $4, source: "test", date: 2026-09-01,
     schedule: [{at: 2027-01-01, change: +100%, note: introductory rate ends, source: "test pricing page"},
                {at: 2026-08-01, change: -50%, note: launch discount, source: "test"}]}
)";

Catalog price_catalog() {
  Catalog c = builtin_catalog();
  Diagnostics d("prices.yaml");
  REQUIRE(merge_catalog_text(k_price_catalog, SourceFormat::yaml, c, d));
  return c;
}

struct Priced {
  std::optional<Profile> profile;
  std::string diagnostics;
};

// The fixture (1,000 members x 1 call/s) priced by `price` with `tokens` per call.
Priced priced(const std::string& price, const std::string& tokens, const std::string& extra = "") {
  std::string text = replaced(k_valid_yaml, "price:\n    per_call: $0.0001", price) + extra;
  text = replaced(text, "latency_budget: 100ms", "latency_budget: none\n  tokens: " + tokens);
  Diagnostics d("p.yaml");
  Priced out;
  if (const auto doc = load_text(text, SourceFormat::yaml, d)) out.profile = build_profile(*doc, d, price_catalog());
  out.diagnostics = format_diagnostics(d);
  return out;
}

double tokens_per_month(const Profile& p) {
  for (const CostLine& l : price_options(p).cloud.breakdown)
    if (l.item == "tokens") return l.monthly;
  FAIL("no tokens line");
  return 0;
}

}  // namespace

TEST_CASE("a catalog price at its tier, with prompt-cache reads and long-context rates", "[prices]") {
  // 1,000 members x 1 call/s x 2,628,000 s (a 730 h month) = 2.628e9 calls a month.
  // 1,000 input tokens each, 40% cached: 2.628e12 input tokens = 2.628e6 millions; 100 output
  // tokens: 2.628e5 millions.
  const std::string tokens = "{input: 1000, output: 100, cached_input: 40%}";
  const Priced standard = priced("price: {model: test-pro}", tokens);
  INFO(standard.diagnostics);
  REQUIRE(standard.profile);
  // standard: input 0.6 x $2 + 0.4 x $0.20 = $1.28/M: 3,363,840; output $12/M: 3,153,600.
  CHECK(tokens_per_month(*standard.profile) == Approx(3'363'840.0 + 3'153'600.0));

  const Priced batch = priced("price: {model: test-pro, tier: batch}", tokens);
  REQUIRE(batch.profile);
  // batch: input 0.6 x $1 + 0.4 x min($0.20, $1) = $0.68/M: 1,787,040; output $6/M: 1,576,800.
  CHECK(tokens_per_month(*batch.profile) == Approx(1'787'040.0 + 1'576'800.0));
  // A batch call comes back within the provider's window: 24 h, which a latency budget sees.
  CHECK(batch.profile->cloud.inference_time_s == Approx(86400));
  CHECK(*latency_of(*batch.profile).cloud.p50_s == Approx(86400 + 0.015));

  const Priced long_context = priced("price: {model: test-pro}", "{input: 300k, output: 100, cached_input: 40%}");
  REQUIRE(long_context.profile);
  // above 200k input tokens the whole call is at the long-context rates: input 0.6 x $4 + 0.4 x
  // $0.40 = $2.56/M x 7.884e8 millions (2.628e9 calls x 300k) = 2,018,304,000; output $18/M x
  // 2.628e5 millions = 4,730,400.
  CHECK(tokens_per_month(*long_context.profile) == Approx(2'018'304'000.0 + 4'730'400.0));

  // cloud.model is the same catalog price as cloud.price.model.
  const Priced same = priced("model: test-pro", tokens);
  REQUIRE(same.profile);
  CHECK(tokens_per_month(*same.profile) == Approx(tokens_per_month(*standard.profile)));
}

TEST_CASE("a profile's own token price may carry a cached-input price", "[prices]") {
  const Priced own = priced("price:\n    per_1m_tokens: {input: $2, output: $12, cached_input: $0.50}",
                            "{input: 1000, output: 100, cached_input: 50%}");
  INFO(own.diagnostics);
  REQUIRE(own.profile);
  // input 0.5 x $2 + 0.5 x $0.50 = $1.25/M x 2.628e6 = 3,285,000; output 3,153,600.
  CHECK(tokens_per_month(*own.profile) == Approx(3'285'000.0 + 3'153'600.0));
  // Without a cached-input price, cached tokens cost as much as any input token.
  const Priced plain = priced("price:\n    per_1m_tokens: {input: $2, output: $12}", "{input: 1000, output: 100, cached_input: 50%}");
  REQUIRE(plain.profile);
  CHECK(tokens_per_month(*plain.profile) == Approx(2.628e6 * 2 + 3'153'600.0));
}

TEST_CASE("a superseded catalog price still loads, with a warning naming its replacement", "[prices]") {
  const Priced old = priced("model: test-old", "{input: 1000, output: 100}");
  REQUIRE(old.profile);
  CHECK(old.diagnostics ==
        "p.yaml:14:10: warning: cloud.model test-old was superseded on 2026-07-24 (current: test-pro); its last price "
        "is kept so old profiles load\n");
}

TEST_CASE("catalog price tiers: wrong uses are errors naming the field", "[prices]") {
  CHECK(priced("price: {tier: batch, per_call: $0.0001}", "{input: 1, output: 1}").diagnostics ==
        "p.yaml:14:17: error: cloud.price.tier chooses among a catalog model's prices and needs cloud.price.model\n");
  CHECK(priced("model: test-pro\n  price: {model: test-pro}", "{input: 1, output: 1}").diagnostics ==
        "p.yaml:15:18: error: the catalog model is named twice (cloud.model test-pro and cloud.price.model test-pro); "
        "keep one\n");
  CHECK(priced("price: {model: test-old, tier: batch}", "{input: 1, output: 1}").diagnostics.find(
            "error: cloud.price.tier batch: catalog test-old has no batch tier (no batch_window)") != std::string::npos);
  CHECK(priced("price: {model: test-pro, tier: bulk}", "{input: 1, output: 1}").diagnostics.find(
            "error: cloud.price.tier must be one of standard, batch; got \"bulk\"") != std::string::npos);
}

TEST_CASE("LiteLLM's long-context, cache-read and batch keys become catalog prices", "[prices]") {
  const std::string path = "litellm-tiers-test.json";
  {
    std::ofstream f(path);
    f << R"({"m": {"litellm_provider": "gemini", "input_cost_per_token": 2e-06, "output_cost_per_token": 1.2e-05,
      "cache_read_input_token_cost": 2e-07, "input_cost_per_token_batches": 1e-06, "output_cost_per_token_batches": 6e-06,
      "input_cost_per_token_above_200k_tokens": 4e-06, "output_cost_per_token_above_200k_tokens": 1.8e-05,
      "cache_read_input_token_cost_above_200k_tokens": 4e-07, "input_cost_per_token_above_200k_tokens_priority": 7e-06}})";
  }
  Catalog c;
  Diagnostics d(path);
  REQUIRE(merge_litellm_prices(path, c, d));
  std::remove(path.c_str());
  const PriceEntry* p = c.find_price("m");
  REQUIRE(p);
  CHECK(p->cached_input == Approx(0.2));
  CHECK(p->batch_input == Approx(1.0));
  CHECK(p->batch_output == Approx(6.0));
  REQUIRE(p->batch_window_s);
  REQUIRE(p->long_context);
  CHECK(p->long_context->above_tokens == 200'000);
  CHECK(p->long_context->input == Approx(4.0));
  CHECK(p->long_context->output == Approx(18.0));
  CHECK(p->long_context->cached_input == Approx(0.4));
}

TEST_CASE("a catalog price's dated schedule becomes the profile's price changes", "[prices][finance]") {
  const std::string tokens = "{input: 1000, output: 100}";
  // Without finance.start the dates cannot be placed: a warning, the price as listed.
  const Priced undated = priced("model: test-intro", tokens);
  REQUIRE(undated.profile);
  CHECK(undated.profile->cloud.price_changes.empty());
  CHECK(undated.diagnostics.find("warning: catalog test-intro changes its rates by 100% on 2027-01-01 (introductory "
                                 "rate ends); set finance.start") != std::string::npos);
  // From 2026-10-01, 2027-01-01 is 3 months in: the rates double from month 3. The 2026-08-01
  // discount predates the entry's price (2026-09-01), which already has it: skipped.
  const Priced dated = priced("model: test-intro", tokens, "horizon: 12 months\nfinance: {start: 2026-10-01}\n");
  INFO(dated.diagnostics);
  REQUIRE(dated.profile);
  REQUIRE(dated.profile->cloud.price_changes.size() == 1);
  const PriceChange& c = dated.profile->cloud.price_changes[0];
  CHECK(c.at_months == 3);
  CHECK(c.factor == 2);
  CHECK(c.note == "introductory rate ends");
  CHECK(c.source.find("test pricing page") != std::string::npos);
  // A year of 2.628e6 M input tokens at $1 and 2.628e5 M output at $4 = $3,679,200 a month,
  // doubled from month 3: 3 x 3,679,200 + 9 x 7,358,400 = $77,263,200 over 12 months.
  const CostModel m = price_options(*dated.profile);
  double tokens_total = 0;
  for (const CostLine& l : m.cloud.breakdown)
    if (l.item == "tokens") tokens_total = l.total;
  CHECK(tokens_total == Approx(77'263'200.0));
  // A written price is the profile's own: no catalog schedule.
  const Priced own = priced("price: {per_1m_tokens: {input: $1, output: $4}}", tokens, "finance: {start: 2026-10-01}\n");
  REQUIRE(own.profile);
  CHECK(own.profile->cloud.price_changes.empty());
}
