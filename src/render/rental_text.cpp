// What renting in a tier does, as one sentence under the cloud's sizing (model/rental.hpp).

#include <fmt/format.h>

#include "render/render_text.hpp"
#include "util/json_util.hpp"

namespace edgecalc {

std::string rental_sentence(JsonView report, JsonView option) {
  const JsonView r = option["rental"];
  if (!r.is_object()) return "";
  const std::string tier = str(r["tier"]);
  std::string s = fmt::format("rented {} at {}/h", tier, format_money(num(r["hourly"]), str(report["currency"])));
  if (tier == "spot") {
    s += fmt::format(": reclaims take {} of each instance's time, {} of calls run again",
                     format_percent(1 - num(r["capacity_share"])), format_percent(num(r["retry_share"])));
  } else if (tier == "scale-to-zero") {
    s += fmt::format(": {} billed on average", format_count_of(num(r["instances_billed"]), "instances"));
    if (num(r["cold_start_share"]) > 0)
      s += fmt::format(", {} of calls meet a cold start", format_percent(num(r["cold_start_share"])));
  } else if (r["commitment_months"].is_number()) {
    const double past = num(r["committed_months"]) - num(report["horizon_months"]);
    s += fmt::format(", committed in {}-month terms", format_count(num(r["commitment_months"])));
    if (past > 0) s += fmt::format(": {} months are paid past the horizon", format_count(past));
  }
  return s;
}

}  // namespace edgecalc
