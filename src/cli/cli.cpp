// The command line: flags and commands (one cmd_*.cpp each), the exit code of a run, and the
// guarantee that nothing escapes as an exception.
#include <edgecalc/cli/cli.hpp>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include <edgecalc/util/suggest.hpp>
#include <edgecalc/version.hpp>

#include "cli/commands.hpp"

namespace edgecalc {

ExitCode worst(ExitCode a, ExitCode b) {
  const auto rank = [](ExitCode c) {
    switch (c) {
      case ExitCode::ok: return 0;
      case ExitCode::gate_failed: return 1;
      case ExitCode::invalid_input: return 2;
      case ExitCode::internal_error: return 3;
    }
    return 3;
  };
  return rank(a) >= rank(b) ? a : b;
}

namespace {

// Parses `args` into `app`; an exit code when the run ends here (help, version, a bad flag).
std::optional<ExitCode> parse_arguments(CLI::App& app, const std::vector<std::string>& args, const Streams& streams) {
  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 consumes from the back
  try {
    app.parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    app.exit(e, streams.out, streams.err);
    return ExitCode::ok;
  } catch (const CLI::CallForAllHelp& e) {
    app.exit(e, streams.out, streams.err);
    return ExitCode::ok;
  } catch (const CLI::CallForVersion& e) {
    streams.out << e.what() << '\n';
    return ExitCode::ok;
  } catch (const CLI::ParseError& e) {
    print_error(streams, e.what());
    streams.err << "Run 'edgecalc --help' for usage.\n";
    return ExitCode::invalid_input;
  }
  return std::nullopt;
}

// `edgecalc normalise x.json`: a first argument that is no file but nearly a command is a typo
// (reported here), not a profile that cannot be opened.
bool mistyped_command(const CLI::App& app, const std::string& first, const Streams& streams) {
  if (first.find_first_of("./") != std::string::npos || std::filesystem::exists(first)) return false;
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
    commands.push_back(sub->get_name());
  const auto guess = closest_match(first, commands);
  if (!guess) return false;
  streams.err << fmt::format("edgecalc: error: unknown command '{}'; did you mean '{}'?\n"
                             "Run 'edgecalc --help' for usage.\n",
                             printable(first), *guess);
  return true;
}

ExitCode run(const std::vector<std::string>& args, const Streams& streams) {
  CLI::App app("edgecalc: should AI inference run on the device (edge), in the cloud, or both?\n"
               "Evaluate profiles (the default), or run one of the commands below.",
               "edgecalc");
  app.set_version_flag("--version", std::string("edgecalc ") + k_version);
  app.require_subcommand(0, 1);
  app.footer(
      "Exit codes: 0 ok, 1 a budget gate failed or no option is viable, 2 invalid input or "
      "command line, 3 internal error.");

  EvaluateOptions evaluate;
  setup_evaluate(app, evaluate);
  NormalizeOptions normalize;
  CLI::App* normalize_cmd = setup_normalize(app, normalize);
  RulesOptions rules;
  CLI::App* rules_cmd = setup_rules(app, rules);
  RenderCommandOptions render;
  CLI::App* render_cmd = setup_render(app, render);
  DiffOptions diff;
  CLI::App* diff_cmd = setup_diff(app, diff);
  CatalogOptions catalog;
  CLI::App* catalog_cmd = setup_catalog(app, catalog);
  ValidateOptions validate;
  CLI::App* validate_cmd = setup_validate(app, validate);
  CalibrateOptions calibrate;
  CLI::App* calibrate_cmd = setup_calibrate(app, calibrate);
  InitOptions init;
  CLI::App* init_cmd = setup_init(app, init);
  CompletionOptions completion;
  CLI::App* completion_cmd = setup_completion(app, completion);
  CLI::App* manpage_cmd = setup_manpage(app);

  if (const auto done = parse_arguments(app, args, streams)) return *done;
  if (const std::string problem = environment_problem(streams.env); !problem.empty()) {
    print_error(streams, problem);
    return ExitCode::invalid_input;
  }
  if (normalize_cmd->parsed()) return run_normalize(normalize, streams);
  if (rules_cmd->parsed()) return run_rules(rules, streams);
  if (render_cmd->parsed()) return run_render(render, streams);
  if (diff_cmd->parsed()) return run_diff(diff, streams);
  if (catalog_cmd->parsed()) return run_catalog(catalog, streams);
  if (validate_cmd->parsed()) return run_validate(validate, streams);
  if (calibrate_cmd->parsed()) return run_calibrate(calibrate, streams);
  if (init_cmd->parsed()) return run_init(init, streams);
  if (completion_cmd->parsed()) return run_completion(completion, app, streams);
  if (manpage_cmd->parsed()) return run_manpage(app, streams);
  if (evaluate.profiles.empty()) {
    streams.err << "edgecalc: error: no profile given\nRun 'edgecalc --help' for usage.\n";
    return ExitCode::invalid_input;
  }
  if (mistyped_command(app, evaluate.profiles.front(), streams)) return ExitCode::invalid_input;
  return run_evaluate(evaluate, streams);
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::istringstream no_input;
  return run_cli(args, no_input, out, err);
}

int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
            std::ostream& err, const Environment& env) {
  try {
    const ExitCode code = run(args, Streams{in, out, err, env});
    // A report that could not be written (a full disk, a closed pipe) is a failed run.
    if (!out.flush()) {
      std::string why = errno ? std::strerror(errno) : "";
      if (!why.empty()) why[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(why[0])));
      err << "edgecalc: error: cannot write to standard output" << (why.empty() ? "" : ": " + why) << '\n';
      return to_int(worst(code, ExitCode::invalid_input));
    }
    return to_int(code);
  } catch (const std::exception& e) {
    err << "edgecalc: internal error: " << e.what() << '\n';
  } catch (...) {
    err << "edgecalc: internal error\n";
  }
  return to_int(ExitCode::internal_error);
}

}  // namespace edgecalc
