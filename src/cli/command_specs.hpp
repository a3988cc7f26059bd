#pragma once

// The command line as data, read from the CLI11 app itself: every command with its flags and
// positionals. `edgecalc completion` and `edgecalc manpage` are generated from it, so a flag
// added to a command is completed and documented without a second list to keep.

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace edgecalc {

struct FlagSpec {
  std::vector<std::string> names;    // "-f", "--format"
  std::string value;                 // "TEXT", "UINT"; "" for a flag without a value
  std::vector<std::string> choices;  // from an IsMember check: table, json ...
  std::string description;
};

struct PositionalSpec {
  std::string name;  // "profiles"
  std::vector<std::string> choices;
  bool many = false;  // takes several
  std::string description;
};

struct CommandSpec {
  std::string name;  // "" for the default command (evaluate)
  std::string description;
  std::vector<FlagSpec> flags;  // --help included
  std::vector<PositionalSpec> positionals;
};

// The default command first, then each subcommand in the order --help lists them.
std::vector<CommandSpec> command_specs(const CLI::App& app);

}  // namespace edgecalc
