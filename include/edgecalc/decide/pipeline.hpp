#pragma once

// Everything a renderer needs about one evaluated profile: the pipeline's output.

#include <vector>

#include <edgecalc/model/break_even.hpp>
#include <edgecalc/decide/gates.hpp>
#include <edgecalc/model/latency.hpp>
#include <edgecalc/model/model.hpp>
#include <edgecalc/model/predictor.hpp>
#include <edgecalc/profile/profile.hpp>
#include <edgecalc/decide/rules.hpp>
#include <edgecalc/decide/verdict.hpp>

namespace edgecalc {

inline constexpr int k_report_version = 1;

struct Report {
  Profile profile;  // as evaluated: predicted values filled in (model/predictor.hpp)
  std::optional<Prediction> prediction;  // edge.hardware running workload.model
  CostModel costs;
  Latency latency;
  BreakEven edge_vs_cloud;
  BreakEven hybrid_vs_cloud;
  EscalationBreakEven escalation;  // hybrid.escalation at which the hybrid's total meets the others'
  std::vector<FiredRule> fired;
  Verdict verdict;
  std::vector<GateResult> gates;
  std::string today;  // YYYY-MM-DD the report was made for (staleness of catalog prices)
};

// Runs the pipeline on a validated profile: model (costs, latency) -> break-even -> rules ->
// verdict -> gates.
// `today` (YYYY-MM-DD) dates the report; empty means today's UTC date.
Report evaluate(const Profile& profile, const std::string& today = "");

}  // namespace edgecalc
