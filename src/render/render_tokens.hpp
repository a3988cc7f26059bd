#pragma once

// What 1M tokens cost each option, next to the API's own price (report key
// options.*.cost_per_1m_tokens): one row per priced option, as text for every format.

#include <string>
#include <vector>

#include "util/json_view.hpp"

namespace edgecalc {

struct TokenCostRow {
  std::string option;
  std::string input, output, blended;  // money per 1M tokens; "-" where the split is unknown
  std::string how;                     // "split by unit time (prefill 12% of the cost)"
};

// Empty without workload.tokens.
std::vector<TokenCostRow> token_cost_rows(JsonView report);

// "API list price $3.00 in, $15.00 out per 1M tokens", or "" for a price that is not per token.
std::string api_price_text(JsonView report);

// The table's "per 1M tokens" block, or "" without workload.tokens.
std::string token_cost_table(JsonView report);

}  // namespace edgecalc
