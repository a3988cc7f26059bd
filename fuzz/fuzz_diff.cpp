// Two saved reports -> diff, as a table and as JSON. The input holds both, split at the first
// line "====" (without one, the input is both the base and the head).
#include "fuzz_cli.hpp"

using namespace edgecalc::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = as_text(data, size);
  const std::size_t cut = text.find("\n====\n");
  const std::string base = scratch_file("base.json", text.substr(0, cut));
  const std::string head =
      scratch_file("head.json", cut == std::string_view::npos ? text : text.substr(cut + 6));
  if (run({"diff", base, head}).code != 2) run({"diff", base, head, "--format", "json"});
  return 0;
}
