// A saved report (JSON) -> render in every format.
#include "fuzz_cli.hpp"

using namespace edgecalc::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = scratch_file("report.json", as_text(data, size));
  if (run({"render", path}).code == 2) return 0;  // refused once, refused in every format
  for (const char* format : {"json", "markdown", "junit", "sarif"}) run({"render", path, "--format", format});
  return 0;
}
