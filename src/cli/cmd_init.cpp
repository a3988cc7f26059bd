// `edgecalc init KIND`: a commented starter profile for a kind of deployment, made from the
// example profile closest to it, that evaluates as written; the user edits the values. Exit 2
// for an unknown kind (with the closest one), a bad --name, or an --output that exists without
// --force.

#include <filesystem>
#include <ostream>
#include <regex>

#include <fmt/format.h>

#include <edgecalc/util/suggest.hpp>

#include "cli/commands.hpp"
#include "cli/init_templates.hpp"

namespace edgecalc {

namespace {

std::vector<std::string> kinds() {
  std::vector<std::string> out;
  for (const InitTemplate& t : init_templates()) out.emplace_back(t.kind);
  return out;
}

const InitTemplate* find_template(std::string_view kind) {
  for (const InitTemplate& t : init_templates())
    if (t.kind == kind) return &t;
  return nullptr;
}

// The example with a header that says what it is, and its `name:` set when one is given.
std::string starter(const InitTemplate& t, const std::string& name) {
  std::string text(t.text);
  if (!name.empty()) text = std::regex_replace(text, std::regex("^name: .*$", std::regex::multiline), "name: " + name);
  return fmt::format("# A starter profile that `edgecalc init {}` wrote from {}:\n"
                     "# {}. Every value is an example: replace it with yours.\n"
                     "# Evaluate it with `edgecalc FILE`; docs/profile.md lists every field and\n"
                     "# `edgecalc catalog` the hardware, model and price ids.\n\n{}",
                     t.kind, t.example, t.summary, text);
}

}  // namespace

CLI::App* setup_init(CLI::App& app, InitOptions& options) {
  std::string help = "Write a commented starter profile for KIND that evaluates as is:";
  for (const InitTemplate& t : init_templates()) help += fmt::format("\n  {:<11} {}", t.kind, t.summary);
  CLI::App* cmd = app.add_subcommand("init", help);
  cmd->add_option("kind", options.kind, "The kind of deployment (--list shows them)");
  cmd->add_option("-o,--output", options.output, "Write the profile to FILE (atomically) instead of standard output");
  cmd->add_option("--name", options.name, "The profile's name (letters, digits, '.', '_' and '-')");
  cmd->add_flag("--force", options.force, "Replace FILE when it exists");
  cmd->add_flag("--list", options.list, "List the kinds and exit");
  return cmd;
}

ExitCode run_init(const InitOptions& options, const Streams& streams) {
  if (options.list) {
    for (const InitTemplate& t : init_templates()) streams.out << fmt::format("{:<11} {}\n", t.kind, t.summary);
    return ExitCode::ok;
  }
  const auto usage = [&](const std::string& problem) {
    print_error(streams, problem);
    streams.err << "Run 'edgecalc init --list' for the kinds.\n";
    return ExitCode::invalid_input;
  };
  if (options.kind.empty()) return usage(fmt::format("init needs a KIND: {}", fmt::join(kinds(), ", ")));
  const InitTemplate* t = find_template(options.kind);
  if (!t) {
    const auto guess = closest_match(options.kind, kinds());
    return usage(fmt::format("unknown kind '{}'{}; expected one of {}", options.kind,
                             guess ? fmt::format(" (did you mean '{}'?)", *guess) : "", fmt::join(kinds(), ", ")));
  }
  if (!options.name.empty() && !std::regex_match(options.name, std::regex("[A-Za-z0-9._-]{1,64}")))
    return usage(fmt::format("--name '{}' must be 1 to 64 letters, digits, '.', '_' or '-'", options.name));
  if (!options.output.empty() && !options.force && std::filesystem::exists(options.output))
    return usage(fmt::format("{} exists; give --force to replace it", options.output));
  return emit(starter(*t, options.name), options.output, streams);
}

}  // namespace edgecalc
