#pragma once

// `--set key.path=value`: command-line overrides applied to a loaded document before it is
// validated, so they are checked exactly like the file. Gate flags (--max-total-cost ...) are
// written as overrides too.

#include <string>
#include <vector>

#include <edgecalc/util/diagnostic.hpp>
#include <edgecalc/load/document.hpp>

namespace edgecalc {

// One override: "path=value", and how the user wrote it ("--set fleet.size=200k",
// "--max-total-cost 500k") for diagnostics.
struct Override {
  std::string assignment;
  std::string label;
};

// "--set path=value" overrides from the raw --set arguments.
std::vector<Override> set_overrides(const std::vector<std::string>& sets);

// Applies every override in order (a later one wins) to `document`. Values are YAML ("200k",
// "$0.0002", "{limit: $500k, level: warn}"). Nodes that come from an override carry line 0 and
// column k (the k-th override, 1-based), which `diagnostics` reports under the override's label.
// `dotted_keys` are the keys under `rules` that contain dots themselves (rule ids): in
// "rules.latency.cloud-floor.threshold" the longest one that matches is one key.
// Returns false after reporting a malformed override.
bool apply_overrides(Document& document, const std::vector<Override>& overrides,
                     Diagnostics& diagnostics, const std::vector<std::string>& dotted_keys);

}  // namespace edgecalc
