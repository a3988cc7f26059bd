#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace edgecalc {

// Runs edgecalc with `args` (without the program name), writing the report to `out` and
// diagnostics to `err`. Returns the process exit code (see exit_code.hpp). Never throws.
int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace edgecalc
