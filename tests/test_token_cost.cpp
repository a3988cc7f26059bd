// Cost per 1M tokens (docs/model.md, "Cost per 1M tokens"): each option's total over its tokens,
// split into input and output by the API's rates and by a local unit's time, by hand.

#include <catch2/catch.hpp>

#include <edgecalc/model/predictor.hpp>

#include "cli_run.hpp"
#include "fixture.hpp"

namespace token_cost {

using namespace edgecalc;
using namespace edgecalc::test;

// 100 devices x 1,000 calls/month x 12 months = 1.2M calls of 1,000 tokens in and 200 out:
// 1.2G input and 240M output tokens. The API charges $2 per 1M in and $10 per 1M out; each
// device costs $12 and answers in a written 50 ms.
const std::string k_base = R"(edgecalc: 1
name: tokens
horizon: 12 months
month: 730h
workload: {calls: 1000/month, latency_budget: 1s, tokens: {input: 1000, output: 200}}
fleet: {size: 100}
connectivity: {network: wifi}
data: {sensitivity: internal}
cloud: {price: {per_1m_tokens: {input: $2, output: $10}}}
edge: {unit_cost: $12, inference_time: 50ms}
)";

CostModel priced(const std::string& text) { return priced_text(text); }

}  // namespace token_cost

TEST_CASE("an API's cost per 1M tokens is its own rates, and its other lines split alike", "[tokens]") {
  using namespace token_cost;
  const CostModel m = priced(k_base);
  REQUIRE(m.cloud.per_1m_tokens);
  const TokenCost& t = *m.cloud.per_1m_tokens;
  // Tokens: 1,200 x $2 + 240 x $10 = $2,400 + $2,400 = $4,800 over 12 months; input is half.
  CHECK(m.cloud.total == Approx(4800));
  CHECK(*t.input_share == Approx(0.5));
  CHECK(*t.input == Approx(2));    // $2,400 / 1,200M x 1M
  CHECK(*t.output == Approx(10));  // $2,400 / 240M x 1M
  CHECK(t.blended == Approx(4800.0 / 1440));  // $4,800 / 1,440M tokens x 1M = $3.333
  CHECK(t.split == "api rates");
  CHECK(*t.list_input == Approx(2));
  CHECK(*t.list_output == Approx(10));

  // Half the input read from the cache at $0.20: input rate 0.5 x 2 + 0.5 x 0.2 = $1.10 per 1M;
  // a $120/month fee (12 x $120 = $1,440) splits like the tokens: 1,320 / (1,320 + 2,400) in.
  const CostModel c = priced(replaced(replaced(k_base, "output: 200}", "output: 200, cached_input: 50%}"),
                                     "output: $10}}}", "output: $10, cached_input: $0.2}}, fixed: $120/month}"));
  const TokenCost& ct = *c.cloud.per_1m_tokens;
  CHECK(*ct.list_input == Approx(1.1));
  const double share = 1320.0 / 3720;  // $1,320 input of $3,720 in tokens
  CHECK(*ct.input_share == Approx(share));
  // Total $3,720 + $1,440 = $5,160; input $5,160 x 0.35484 = $1,830.97 over 1,200M tokens.
  CHECK(c.cloud.total == Approx(5160));
  CHECK(*ct.input == Approx(5160 * share / 1200));
  CHECK(*ct.output == Approx(5160 * (1 - share) / 240));
}

TEST_CASE("a written call time gives the edge an all-tokens figure and no split", "[tokens]") {
  using namespace token_cost;
  const CostModel m = priced(k_base);
  REQUIRE(m.edge.per_1m_tokens);
  const TokenCost& t = *m.edge.per_1m_tokens;
  // 100 devices x $12 = $1,200 over 1,440M tokens: $0.8333 per 1M.
  CHECK(m.edge.total == Approx(1200));
  CHECK(t.blended == Approx(1200.0 / 1440));
  CHECK_FALSE(t.input);
  CHECK_FALSE(t.output);
  CHECK(t.split.empty());
  CHECK(t.unsplit_reason == "the local call time was written, not predicted, so its prefill and decode are not known");
  // Without tokens there is nothing to divide by.
  const CostModel none = priced(R"(edgecalc: 1
name: calls
horizon: 12 months
workload: {calls: 1000/month, latency_budget: 1s}
fleet: {size: 100}
connectivity: {network: wifi}
data: {sensitivity: internal}
cloud: {price: {per_call: $0.001}}
edge: {unit_cost: $12, inference_time: 50ms}
)");
  CHECK_FALSE(none.cloud.per_1m_tokens);
  CHECK_FALSE(none.edge.per_1m_tokens);
}

TEST_CASE("a predicted server splits its cost by prefill and decode time at the operating batch", "[tokens]") {
  using namespace token_cost;
  const Profile p = load_path(example_path("team-gpu-server.yaml"));
  const Profile profile = with_prediction(p, predict(p, Workings::skipped), Workings::skipped);
  const CostModel m = price_options(profile);
  REQUIRE(m.edge.per_1m_tokens);
  REQUIRE(m.sizing.service.batch);
  REQUIRE(m.edge.load);
  const BatchModel& b = *m.sizing.service.batch;
  const double batch = m.edge.load->operating_batch;
  // One call holds the box for its prefill alone plus its 1/batch share of each decode step:
  // input share = prefill / (prefill + output tokens x step(batch) / batch).
  const double decode = b.output_tokens * b.step_s(batch) / batch;
  const double share = b.prefill_s / (b.prefill_s + decode);
  const TokenCost& t = *m.edge.per_1m_tokens;
  CHECK(*t.input_share == Approx(share));
  CHECK(t.split == "unit time");
  // The two halves add up to the whole: input x input tokens + output x output tokens = total.
  const double in = m.edge.calls * profile.workload.tokens->input;
  const double outt = m.edge.calls * profile.workload.tokens->output;
  CHECK(*t.input * in / 1e6 + *t.output * outt / 1e6 == Approx(m.edge.total));
  // Prefill is compute-bound and short next to decode: input tokens are the cheap ones.
  CHECK(*t.input < *t.output);
}

TEST_CASE("cost per 1M tokens reaches JSON, the table, Markdown and HTML", "[tokens][e2e]") {
  using namespace token_cost;
  const std::string profile = example_path("team-gpu-server.yaml");
  const Run json = run({profile, "--format", "json"});
  REQUIRE(json.code == 0);
  const auto r = nlohmann::json::parse(json.out);
  const auto& t = r["options"]["edge"]["cost_per_1m_tokens"];
  CHECK(t["split_by"] == "unit time");
  CHECK(r["options"]["cloud"]["cost_per_1m_tokens"]["api_price"]["output"].get<double>() == Approx(15));
  CHECK(r["options"]["hybrid"]["cost_per_1m_tokens"].is_null());  // not applicable: not priced
  const Run table = run({profile});
  CHECK_THAT(table.out, Catch::Contains("per 1M tokens, all costs over the horizon; API list price $3.00 in, $15.00 out"));
  const Run md = run({profile, "--format", "markdown"});
  CHECK_THAT(md.out, Catch::Contains("| option | input | output | all tokens | how |"));
  const Run html = run({profile, "--format", "html"});
  CHECK_THAT(html.out, Catch::Contains("<th>per 1M tokens</th>"));
}
