#pragma once

// The `scan` section of JSON reports as text, Markdown and CSV (one row per point).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/json_view.hpp"

namespace edgecalc {

std::string scan_table(JsonView report);
std::string scan_markdown(JsonView report);
// Every scan point of every report, one CSV row each (RFC 4180 quoting), numbers in base units.
std::string scan_csv(const std::vector<nlohmann::ordered_json>& reports);

}  // namespace edgecalc
