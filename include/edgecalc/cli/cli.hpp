#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

namespace edgecalc {

// What edgecalc reads from its surroundings besides arguments and files: whether stdout is a
// terminal, and these environment variables only: EDGECALC_COLOR (auto|always|never),
// EDGECALC_TODAY (YYYY-MM-DD: the date reports are made for), NO_COLOR (any value disables
// colour) and GITHUB_ACTIONS ("true" adds workflow annotations).
struct Environment {
  bool stdout_is_terminal = false;
  std::map<std::string, std::string> variables;

  // The variables above, read from the process environment.
  static Environment from_process(bool stdout_is_terminal);
};

// Runs edgecalc with `args` (without the program name), reading a profile named "-" from `in`,
// writing reports to `out` and diagnostics to `err`. Returns the process exit code (see
// exit_code.hpp). Never throws.
int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
            std::ostream& err, const Environment& env = {});

// The same with empty standard input.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace edgecalc
