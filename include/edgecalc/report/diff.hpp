#pragma once

// Baselines and diffs: what changed between two reports (verdict, per-option costs, fired
// rules), and the diff gates CI sets on it. Works on JSON reports, so a saved baseline needs no
// recomputation.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <edgecalc/decide/gate_result.hpp>
#include <edgecalc/util/exit_code.hpp>

namespace edgecalc {

inline constexpr int k_diff_version = 1;

// The options and the amounts of each that a diff compares, with their labels in text.
inline constexpr const char* k_diff_options[] = {"cloud", "edge", "hybrid"};
inline constexpr std::pair<const char*, const char*> k_diff_metrics[] = {
    {"upfront_cost", "up front"}, {"monthly_cost", "per month"}, {"total_cost", "total"}};

struct DiffLimits {
  std::optional<double> max_increase_fraction;  // --max-increase 10%
  std::optional<double> max_increase_money;     // --max-increase $5000
  bool fail_on_verdict_change = false;
  std::string max_increase_text;                // as typed, for messages
};

// Why `base` and `head` cannot be compared (their currencies differ), or "" when they can.
std::string currency_mismatch(const nlohmann::ordered_json& base, const nlohmann::ordered_json& head);

// The diff gates `limits` asks for, each `skipped` with `why` (no baseline to compare with).
std::vector<GateResult> skipped_diff_gates(const DiffLimits& limits, const std::string& why);

// The change from `base` to `head` (shape in docs/report.md#diff).
nlohmann::ordered_json diff_reports(const nlohmann::ordered_json& base, const nlohmann::ordered_json& head);

// A change object of a diff as "+$4,232.00 (+4.93%)" (" (new)" from nothing, "-" when unpriced).
std::string format_change(const nlohmann::ordered_json& change, const std::string& currency);
// The diff gates (status pass or fail), the same type as the budget's gates: gate_json()
// (report/report_json.hpp) writes both into a `gates` array.
std::vector<GateResult> diff_gates(const nlohmann::ordered_json& diff, const DiffLimits& limits);

// Exit code of a JSON report: 1 for a verdict of none, a failed gate, or a warning or a skipped
// gate with `fail_on_warn`; 0 otherwise.
ExitCode report_exit_code(const nlohmann::ordered_json& report, bool fail_on_warn);

// Text and Markdown renderings of a diff.
std::string render_diff_table(const nlohmann::ordered_json& diff);
std::string render_diff_markdown(const nlohmann::ordered_json& diff);

}  // namespace edgecalc
