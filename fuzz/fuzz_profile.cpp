// Profile text -> load -> evaluate -> JSON report -> schema check, and the table of the same run.
// Inputs starting with '{' are read as JSON profiles, the rest as YAML.
#include "fuzz_cli.hpp"

using namespace edgecalc::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = as_text(data, size);
  const std::string path = scratch_file(text.starts_with('{') ? "profile.json" : "profile.yaml", text);
  if (run_and_check_report({path}).code != 2) run({path, "--format", "table"});
  return 0;
}
