// --set overrides on a real profile: each input line is one `--set` value (at most 8 lines).
#include "fuzz_cli.hpp"

using namespace edgecalc::fuzz;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string profile = source_file("profiles/voice-hub-hybrid.yaml");
  std::vector<std::string> args{profile};
  std::string_view text = as_text(data, size);
  for (int n = 0; n < 8 && !text.empty(); ++n) {
    const std::size_t end = text.find('\n');
    args.insert(args.end(), {"--set", std::string(text.substr(0, end))});
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  }
  run_and_check_report(args);
  return 0;
}
