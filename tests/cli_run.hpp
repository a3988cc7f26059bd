#pragma once

// Running edgecalc in-process from a test: arguments in, exit code and both streams out.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <edgecalc/cli/cli.hpp>

namespace edgecalc::test {

struct Run {
  int code;
  std::string out, err;
};

inline Run run(const std::vector<std::string>& args, const Environment& env = {}, const std::string& stdin_text = "") {
  std::istringstream in(stdin_text);
  std::ostringstream out, err;
  const int code = run_cli(args, in, out, err, env);
  return Run{code, out.str(), err.str()};
}

// A file named `name` holding `text` in a scratch directory of `suite`; returns its path.
inline std::string write_scratch(const std::string& suite, const std::string& name, const std::string& text) {
  const auto dir = std::filesystem::temp_directory_path() / ("edgecalc-" + suite);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / name).string();
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline const std::string k_source = EDGECALC_SOURCE_DIR;
inline const std::string k_kiosk = k_source + "/tests/data/model/kiosk-fleet.yaml";

}  // namespace edgecalc::test
