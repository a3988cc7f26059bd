// What every fuzz target shares: the input becomes a file, edgecalc runs on it exactly as the
// command line would, and anything a user could never be told about is a crash the fuzzer keeps:
// exit 3 (an internal error), an exit code edgecalc does not document, or a report that fails
// edgecalc's own schema. ASan and UBSan catch the rest.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include <edgecalc/cli/cli.hpp>

#include "report/schema_validator.hpp"

namespace edgecalc::fuzz {

struct Outcome {
  int code;
  std::string out, err;
};

// The input as a file named `name` in this process's scratch directory (in /dev/shm when there
// is one: no disk I/O per run).
inline std::string scratch_file(std::string_view name, std::string_view text) {
  static const std::string dir = [] {
    const char* base = ::access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    std::string d = std::string(base) + "/edgecalc-fuzz-" + std::to_string(::getpid());
    std::system(("mkdir -p '" + d + "'").c_str());
    return d;
  }();
  const std::string path = dir + "/" + std::string(name);
  std::ofstream(path, std::ios::binary | std::ios::trunc).write(text.data(), static_cast<std::streamsize>(text.size()));
  return path;
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void fail(const std::vector<std::string>& args, const Outcome& r, const std::string& why) {
  std::fprintf(stderr, "\n==== edgecalc fuzz: %s\n==== command: edgecalc", why.c_str());
  for (const auto& a : args) std::fprintf(stderr, " '%s'", a.c_str());
  std::fprintf(stderr, "\n==== exit %d, stderr:\n%s\n", r.code, r.err.c_str());
  std::abort();
}

// Runs edgecalc with a fixed date; exit codes other than 0, 1 and 2 abort.
inline Outcome run(const std::vector<std::string>& args) {
  Environment env;
  env.variables["EDGECALC_TODAY"] = "2026-11-21";
  env.variables["NO_COLOR"] = "1";
  std::istringstream in;
  std::ostringstream out, err;
  Outcome r{run_cli(args, in, out, err, env), out.str(), err.str()};
  if (r.code < 0 || r.code > 2) fail(args, r, "exit code " + std::to_string(r.code) + " (only 0, 1 and 2 are for input)");
  return r;
}

// Runs edgecalc with `--format json` added; a report it prints must pass the report schema.
inline Outcome run_and_check_report(std::vector<std::string> args) {
  args.insert(args.end(), {"--format", "json"});
  const Outcome r = run(args);
  if (r.code == 2) return r;
  const auto report = nlohmann::json::parse(r.out, nullptr, false);
  if (report.is_discarded()) fail(args, r, "the JSON report is not JSON");
  for (const auto& one : report.is_array() ? report : nlohmann::json::array({report})) {
    const auto errors = report_schema().validate(one);
    if (!errors.empty()) fail(args, r, "the report fails its schema: " + errors.front());
  }
  return r;
}

// The profiles and data the targets build on, from the source tree.
inline std::string source_file(std::string_view relative) {
  return std::string(EDGECALC_SOURCE_DIR) + "/" + std::string(relative);
}

}  // namespace edgecalc::fuzz
