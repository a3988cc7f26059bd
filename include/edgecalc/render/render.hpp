#pragma once

// Render stage: a JSON report -> text. Renderers never compute costs; they only format what the
// model produced.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>


namespace edgecalc {


struct RenderOptions {
  bool color = false;  // ANSI colours (green edge, blue cloud, yellow hybrid, red none)
  bool ascii = false;  // charts in ASCII, not Unicode blocks (--ascii, or a locale that is not UTF-8)
  bool chart = true;   // the table's cumulative cost chart (--no-chart leaves it out)
  bool brief = false;  // the table as a summary of at most 8 lines, or a line a profile (--brief)
};

// The human-readable table: verdict and gates, options, fired rules, break-even in words, the
// itemised breakdown and the assumptions. At most 100 columns wide.
std::string render_table(const nlohmann::ordered_json& report, const RenderOptions& style = {});

// Markdown for pull-request comments, one section per report.
std::string render_markdown(const std::vector<nlohmann::ordered_json>& reports);

// JUnit XML: a test suite per report, a test case for the verdict and one per gate.
std::string render_junit(const std::vector<nlohmann::ordered_json>& reports);

// SARIF 2.1.0: failed and warning gates, rule blocks and `none` verdicts, at their place in the
// profile.
std::string render_sarif(const std::vector<nlohmann::ordered_json>& reports);

// One self-contained HTML page (inline CSS and SVG, nothing fetched) with a section per report.
// The forecast as a FinOps FOCUS 1.2 cost and usage dataset: CSV with every mandatory column, one
// row per option, month and bill line (docs/report.md, "FOCUS export").
std::string focus_csv(const std::vector<nlohmann::ordered_json>& reports);

std::string render_html(const std::vector<nlohmann::ordered_json>& reports);

// The cumulative cost chart as SVG (several reports: stacked in one document).
std::string render_svg(const std::vector<nlohmann::ordered_json>& reports);

// Any format by name ("table", "json", "markdown", "junit", "sarif") for one or more reports.
// JSON is one object for a single report given alone, else an array.
std::string render_reports(std::vector<nlohmann::ordered_json> reports, const std::string& format,
                           bool as_array, const RenderOptions& style = {});

// `edgecalc rules`: every rule with its effect, threshold, what it checks and its source.
std::string render_rules_table();
nlohmann::ordered_json rules_json();

}  // namespace edgecalc
