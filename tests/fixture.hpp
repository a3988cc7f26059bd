#pragma once

// A small valid profile and helpers to run the loader on variations of it.

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <edgecalc/util/diagnostic.hpp>
#include <edgecalc/load/document.hpp>
#include <edgecalc/load/overrides.hpp>
#include <edgecalc/model/model.hpp>
#include <edgecalc/profile/profile.hpp>

namespace edgecalc::test {

inline const std::string k_valid_yaml = R"(edgecalc: 1
name: fixture
workload:
  calls: 60/min
  latency_budget: 100ms
fleet:
  size: 1000
connectivity:
  network: wifi
data:
  sensitivity: public
cloud:
  price:
    per_call: $0.0001
edge:
  unit_cost: $4
  inference_time: 8ms
)";

// A profile file loaded as the CLI loads it, with `overrides` (--set); a file that does not
// load throws its diagnostics, which Catch reports as the test's failure.
inline Profile load_path(const std::string& path, const std::vector<Override>& overrides = {}) {
  Diagnostics diagnostics(path);
  auto profile = load_profile(path, diagnostics, overrides);
  if (!profile) throw std::runtime_error(path + " does not load:\n" + format_diagnostics(diagnostics));
  return std::move(*profile);
}

// The path of an example profile, e.g. "team-gpu-server.yaml".
inline std::string example_path(const std::string& file) { return std::string(EDGECALC_SOURCE_DIR) + "/profiles/" + file; }

// Every example profile's path, sorted.
inline std::vector<std::string> example_profiles() {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(example_path(""))) out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// `text` with the first occurrence of `from` replaced by `to` (which must exist).
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("fixture has no " + from);
  return text.replace(at, from.size(), to);
}

struct Loaded {
  std::optional<Profile> profile;
  std::string errors;  // formatted diagnostics, one per line
};

inline Loaded load(const std::string& text, SourceFormat format = SourceFormat::yaml,
                    const std::string& file = "p.yaml") {
  Diagnostics diagnostics(file);
  Loaded outcome;
  if (const auto document = load_text(text, format, diagnostics))
    outcome.profile = build_profile(*document, diagnostics);
  outcome.errors = format_diagnostics(diagnostics);
  return outcome;
}

// The cost model of `text`, which must load (otherwise this throws, with its errors).
inline CostModel priced_text(const std::string& text) {
  const Loaded out = load(text);
  if (!out.profile) throw std::runtime_error("the profile does not load:\n" + out.errors);
  return price_options(*out.profile);
}

// The errors for `text`, which must not load.
inline std::string errors_of(const std::string& text, SourceFormat format = SourceFormat::yaml) {
  Loaded outcome = load(text, format, format == SourceFormat::json ? "p.json" : "p.yaml");
  if (outcome.profile) return "(loaded without errors)";
  return outcome.errors;
}

// The path of tests/data/<dir>/<file>.
inline std::string data_path(const std::string& dir, const std::string& file) {
  return std::string(EDGECALC_SOURCE_DIR) + "/tests/data/" + dir + "/" + file;
}

// A profile from tests/data/<dir>/<file> with `sets` (--set), which must load.
inline Profile data_profile(const std::string& dir, const std::string& file, const std::vector<std::string>& sets = {}) {
  return load_path(data_path(dir, file), set_overrides(sets));
}

}  // namespace edgecalc::test
