// LiteLLM's price file (--prices): listed, and used by a profile that prices its API from it.
#include "fuzz_cli.hpp"

using namespace edgecalc::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string profile = source_file("profiles/pi-fleet-llm.yaml");
  const std::string path = scratch_file("model_prices_and_context_window.json", as_text(data, size));
  if (run({"catalog", "prices", "--prices", path}).code != 2) run_and_check_report({profile, "--prices", path});
  return 0;
}
