#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace edgecalc {

// Runs edgecalc with `args` (without the program name), reading a profile named "-" from `in`,
// writing reports to `out` and diagnostics to `err`. Returns the process exit code (see
// exit_code.hpp). Never throws.
int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
            std::ostream& err);

// The same with empty standard input.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace edgecalc
