#include <ostream>

#include <edgecalc/render/render.hpp>

#include "cli/commands.hpp"

namespace edgecalc {

CLI::App* setup_rules(CLI::App& app, RulesOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "rules", "List every rule: id, effect (block or favor), default threshold, what fires it, source");
  cmd->add_option("-f,--format", options.format, "Output format")
      ->check(CLI::IsMember({"table", "json"}))
      ->default_str("table");
  return cmd;
}

ExitCode run_rules(const RulesOptions& options, const Streams& streams) {
  streams.out << (options.format == "json" ? rules_json().dump(2) + "\n" : render_rules_table());
  return ExitCode::ok;
}

}  // namespace edgecalc
