#pragma once

// Render stage: a Report -> text. Renderers never compute costs; they only format what the
// model produced.

#include <string>

#include <nlohmann/json.hpp>

#include <edgecalc/report.hpp>
#include <edgecalc/rules.hpp>

namespace edgecalc {

// The versioned JSON report (shape in docs/report.md), numbers at full precision.
nlohmann::ordered_json report_json(const Report& report);

struct RenderOptions {
  bool color = false;  // ANSI colours (green edge, blue cloud, yellow hybrid, red none)
};

// The human-readable table: verdict and gates, options, fired rules, break-even in words, the
// itemised breakdown and the assumptions. At most 100 columns wide.
std::string render_table(const nlohmann::ordered_json& report, const RenderOptions& style = {});
std::string render_table(const Report& report, const RenderOptions& style = {});

// `edgecalc rules`: every rule with its effect, threshold, what it checks and its source.
std::string render_rules_table();
nlohmann::ordered_json rules_json();

}  // namespace edgecalc
