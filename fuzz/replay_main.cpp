// The fuzz targets without libFuzzer: each file named on the command line (or each regular file
// in a directory named there) is given once to LLVMFuzzerTestOneInput, as libFuzzer replays a
// corpus. CI builds these with g++ under ASan+UBSan and replays the seed corpora as ordinary
// tests (tests/CMakeLists.txt, fuzz.replay.*); timed fuzzing is scripts/fuzz.sh's (docs/fuzzing.md).
// A target that finds a problem aborts, naming the command; this prints which input it was.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg = argv[i];
    if (std::filesystem::is_directory(arg)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(arg))
        if (e.is_regular_file()) inputs.push_back(e.path());
    } else {
      inputs.push_back(arg);
    }
  }
  std::sort(inputs.begin(), inputs.end());
  if (inputs.empty()) {
    std::fprintf(stderr, "replay: no inputs (usage: fuzz_TARGET FILE_OR_DIR...)\n");
    return 2;
  }
  for (const auto& path : inputs) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replay: %s\n", path.string().c_str());
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  std::fprintf(stdout, "replayed %zu inputs\n", inputs.size());
  return 0;
}
