#pragma once

namespace edgecalc {

// The process exit codes, a contract with CI scripts (documented in the README).
enum class ExitCode : int {
  ok = 0,              // evaluated; every gate passed
  gate_failed = 1,     // a budget gate failed, or no option is viable
  invalid_input = 2,   // the profile or the command line is invalid
  internal_error = 3,  // a bug in edgecalc; please report it
};

constexpr int to_int(ExitCode code) { return static_cast<int>(code); }

}  // namespace edgecalc
