// `edgecalc completion bash|zsh` and `edgecalc manpage`: generated from the command line itself,
// so every flag --help lists is completed and documented; the scripts parse in their shells, the
// bash one completes commands, flags and choices, and the man page renders without a warning.

#include <catch2/catch.hpp>

#include <array>
#include <filesystem>
#include <map>
#include <cstdio>
#include <regex>
#include <set>

#include "cli_run.hpp"

using namespace edgecalc;
using test::run;

namespace completion_check {  // named: the tests build in unity batches

// Standard output of a shell command, and its exit status.
std::pair<std::string, int> shell(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::array<char, 4096> buffer{};
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) out.append(buffer.data(), n);
  const int status = ::pclose(pipe);
  return {out, status};
}

bool have(const std::string& program) { return shell("command -v " + program + " >/dev/null 2>&1").second == 0; }

// The subcommands and the flags of each command's --help ("" is the default command).
std::map<std::string, std::set<std::string>> help_flags() {
  std::map<std::string, std::set<std::string>> out;
  const std::string top = run({"--help"}).out;
  std::vector<std::string> commands{""};
  const auto subs = top.find("Subcommands:");
  REQUIRE(subs != std::string::npos);
  const std::regex sub_line(R"(\n  ([a-z]+) )");
  const std::string listed = top.substr(subs);
  for (auto it = std::sregex_iterator(listed.begin(), listed.end(), sub_line); it != std::sregex_iterator(); ++it)
    commands.push_back((*it)[1]);
  const std::regex flag(R"((?:\n  |,)(--?[a-zA-Z][a-z0-9-]*))");
  for (const std::string& c : commands) {
    const std::string help = c.empty() ? top : run({c, "--help"}).out;
    const auto options = help.find("Options:");
    REQUIRE(options != std::string::npos);
    const std::string part = help.substr(options, help.find("Subcommands:", options) - options);
    std::set<std::string>& flags = out[c];
    for (auto it = std::sregex_iterator(part.begin(), part.end(), flag); it != std::sregex_iterator(); ++it) flags.insert((*it)[1]);
  }
  return out;
}

}  // namespace completion_check

TEST_CASE("the completions and the man page have every command and every flag --help lists", "[cli][completion]") {
  using namespace completion_check;
  const auto commands = help_flags();
  CHECK(commands.size() >= 11);  // evaluate and its ten subcommands
  const std::string bash = run({"completion", "bash"}).out, zsh = run({"completion", "zsh"}).out;
  const test::Run man = run({"manpage"});
  REQUIRE(man.code == 0);
  std::size_t flags = 0;
  for (const auto& [command, names] : commands) {
    INFO("command " << (command.empty() ? "(evaluate)" : command));
    if (!command.empty()) {
      CHECK(bash.find("\"" + command + "\") flags=") != std::string::npos);
      CHECK(zsh.find("_edgecalc_" + command + "() {") != std::string::npos);
      CHECK(man.out.find(".SS " + command + "\n") != std::string::npos);
    }
    for (const std::string& flag : names) {
      INFO(flag);
      CHECK(std::regex_search(bash, std::regex("[\" |]" + flag + "[\" |)]")));
      CHECK((zsh.find("'" + flag + "[") != std::string::npos || zsh.find("," + flag + "}") != std::string::npos ||
             zsh.find("{" + flag + ",") != std::string::npos));
      CHECK(man.out.find(std::regex_replace(flag, std::regex("-"), "\\-")) != std::string::npos);
      ++flags;
    }
  }
  CHECK(flags >= 60);
  CHECK(run({"completion", "fish"}).code == 2);
}

TEST_CASE("the bash completion completes commands, flags and choices; the zsh one parses; the man page renders", "[cli][completion]") {
  using namespace completion_check;
  const std::string dir = test::write_scratch("completion", "edgecalc.bash", run({"completion", "bash"}).out);
  const std::string zsh = test::write_scratch("completion", "_edgecalc", run({"completion", "zsh"}).out);
  const std::string man = test::write_scratch("completion", "edgecalc.1", run({"manpage"}).out);
  REQUIRE(have("bash"));
  CHECK(shell("bash -n '" + dir + "'").second == 0);
  // COMP_WORDS as bash fills them, the replies on one line, in an empty directory (no file names).
  const auto empty = std::filesystem::temp_directory_path() / "edgecalc-completion-empty";
  std::filesystem::remove_all(empty);
  std::filesystem::create_directories(empty);
  const auto complete = [&](const std::string& words) {
    return shell("cd '" + empty.string() + "' && bash -c 'source \"" + dir + "\"; COMP_WORDS=(" + words +
                 "); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _edgecalc; printf \"%s \" \"${COMPREPLY[@]}\"'")
        .first;
  };
  CHECK(complete("edgecalc cal") == "calibrate ");
  CHECK(complete("edgecalc render --for") == "--format ");
  CHECK(complete("edgecalc render --format mar") == "markdown ");
  CHECK(complete("edgecalc --requ") == "--require ");
  CHECK(complete("edgecalc --require hy") == "hybrid ");
  CHECK(complete("edgecalc catalog pr") == "prices ");
  CHECK(complete("edgecalc init --li") == "--list ");
  CHECK(complete("edgecalc completion z") == "zsh ");
  // zsh and groff are in the test packages (scripts/dev.sh); a machine without them skips these.
  if (have("zsh")) {
    CHECK(shell("zsh -n '" + zsh + "'").second == 0);
    CHECK(shell("zsh -f -c 'fpath=(" + std::filesystem::path(zsh).parent_path().string() +
                " $fpath); autoload -Uz compinit; compinit -u -d /dev/null; print ${+_comps[edgecalc]}'")
              .first == "1\n");
  } else {
    WARN("zsh is not installed: the zsh completion was not parsed");
  }
  if (have("groff")) {
    const auto [warnings, status] = shell("groff -man -Tutf8 -ww -z '" + man + "' 2>&1");
    CHECK(status == 0);
    CHECK(warnings == "");
  } else {
    WARN("groff is not installed: the man page was not rendered");
  }
}
