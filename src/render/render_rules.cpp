#include <edgecalc/render/render.hpp>

#include <fmt/format.h>

#include <edgecalc/domain/rule_table.hpp>

#include "util/format.hpp"

namespace edgecalc {

namespace {

std::string_view kind_name(ThresholdKind kind) {
  switch (kind) {
    case ThresholdKind::duration: return "duration";
    case ThresholdKind::fraction: return "fraction";
    case ThresholdKind::count: return "count";
    case ThresholdKind::rate: return "rate";
    case ThresholdKind::none: break;
  }
  return "none";
}

}  // namespace

std::string render_rules_table() {
  std::string out = fmt::format("{:<26}{:<7}{:<12}{}\n", "rule", "effect", "threshold", "applies to");
  for (const RuleInfo& r : rule_table()) {
    out += fmt::format("{:<26}{:<7}{:<12}{}\n", r.id, to_string(r.effect),
                       format_threshold(r.threshold_kind, r.default_threshold), r.applies_to);
    out += wrap_text(fmt::format("fires when {}", r.checks), 100, 4);
    out += wrap_text(fmt::format("source: {}", r.source), 100, 4);
  }
  out += "\nOverride in a profile: rules: {latency.cloud-floor: {threshold: 15ms}, scale.fleet: off}\n";
  return out;
}

nlohmann::ordered_json rules_json() {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const RuleInfo& r : rule_table()) {
    const bool has_threshold = r.threshold_kind != ThresholdKind::none;
    list.push_back({{"id", r.id},
                    {"effect", to_string(r.effect)},
                    {"applies_to", r.applies_to},
                    {"threshold_kind", kind_name(r.threshold_kind)},
                    {"threshold", has_threshold ? nlohmann::ordered_json(r.default_threshold) : nullptr},
                    {"threshold_text", has_threshold ? nlohmann::ordered_json(format_threshold(
                                                           r.threshold_kind, r.default_threshold))
                                                     : nullptr},
                    {"checks", r.checks},
                    {"message", r.message},
                    {"source", r.source}});
  }
  return {{"rules", list}};
}

}  // namespace edgecalc
