// A team's catalog file (--catalog): listed, and used by a profile whose hardware, model and API
// price come from the catalog. Inputs starting with '{' are read as JSON, the rest as YAML.
#include "fuzz_cli.hpp"

using namespace edgecalc::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string profile = source_file("profiles/pi-fleet-llm.yaml");
  const std::string_view text = as_text(data, size);
  const std::string path = scratch_file(text.starts_with('{') ? "team.json" : "team.yaml", text);
  if (run({"catalog", "hardware", "--catalog", path}).code != 2) run_and_check_report({profile, "--catalog", path});
  return 0;
}
