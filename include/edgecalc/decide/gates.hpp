#pragma once

// Gates stage: the profile's budget (and the command line's limits, applied as overrides)
// checked against the chosen option. Each gate passes, warns or fails; the exit code follows.

#include <optional>
#include <string>
#include <vector>

#include <edgecalc/util/diagnostic.hpp>
#include <edgecalc/model/latency.hpp>
#include <edgecalc/model/model.hpp>
#include <edgecalc/decide/gate_result.hpp>
#include <edgecalc/decide/verdict.hpp>

namespace edgecalc {

// Checks every limit in profile.budget against the verdict's option: its costs, and its goodput
// (`latency`, computed with quantiles) for min_headroom. With no viable option the gates are
// skipped (the verdict `none` already fails the run).
std::vector<GateResult> check_gates(const Profile& profile, const CostModel& costs, const Latency& latency,
                                    const Verdict& verdict);


}  // namespace edgecalc
