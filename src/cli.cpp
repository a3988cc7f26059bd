#include <edgecalc/cli.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <istream>
#include <ostream>
#include <sstream>

#include <fmt/format.h>

#include <edgecalc/assumptions.hpp>
#include <edgecalc/calendar.hpp>
#include <edgecalc/suggest.hpp>
#include <edgecalc/version.hpp>

#include "commands.hpp"
#include "fs_util.hpp"

namespace edgecalc {

namespace {

bool looks_like_json(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

}  // namespace

void print_error(const Streams& streams, std::string_view message) {
  streams.err << "edgecalc: error: " << printable(message) << '\n';
}

ExitCode emit(const std::string& text, const std::string& output, const Streams& streams) {
  if (output.empty()) {
    streams.out << text;
    return ExitCode::ok;
  }
  if (const std::string problem = write_file_atomically(output, text); !problem.empty()) {
    print_error(streams, problem);
    return ExitCode::invalid_input;
  }
  return ExitCode::ok;
}

std::optional<Profile> load_or_report(const std::string& path, const Streams& streams,
                                      const std::vector<Override>& overrides, const Catalog& catalog) {
  Diagnostics diagnostics(path == "-" ? "<stdin>" : path);
  std::optional<Profile> profile;
  if (path == "-") {
    // Standard input is read once, bounded like a file, and parsed as JSON when it starts like
    // JSON (a `{`), as YAML otherwise.
    const std::size_t limit = LoadLimits{}.max_bytes;
    std::string text(limit + 1, '\0');
    streams.in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(streams.in.gcount()));
    if (text.size() > limit)
      diagnostics.error(Position{}, fmt::format("input is more than {} bytes; a profile is limited to {} bytes",
                                                limit, limit));
    else
      profile = load_profile_text(text, looks_like_json(text) ? SourceFormat::json : SourceFormat::yaml, diagnostics,
                                  overrides, catalog);
  } else {
    profile = load_profile(path, diagnostics, overrides, catalog);
  }
  if (!profile) {
    streams.err << format_diagnostics(diagnostics);
    annotate_diagnostics(diagnostics, streams);
  }
  return profile;
}

namespace {

bool in_github_actions(const Environment& env) {
  const auto it = env.variables.find("GITHUB_ACTIONS");
  return it != env.variables.end() && it->second == "true";
}

// Workflow command escaping: data escapes %, CR and LF; properties also ':' and ','.
std::string escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else if (property && c == ':') out += "%3A";
    else if (property && c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

void annotation(const Streams& streams, std::string_view kind, const std::string& file, int line, int column,
                std::string_view title, std::string_view message) {
  streams.err << fmt::format("::{} file={},line={},col={},title={}::{}\n", kind, escape(file, true), line, column,
                             escape(title, true), escape(message, false));
}

}  // namespace

void annotate_diagnostics(const Diagnostics& diagnostics, const Streams& streams) {
  if (!in_github_actions(streams.env)) return;
  for (const Diagnostic& d : diagnostics.sorted()) {
    if (d.position.line == 0)  // from the command line: no place in a file
      streams.err << fmt::format("::error title=edgecalc::{}\n", escape(d.file + ": " + d.message, false));
    else
      annotation(streams, d.warning ? "warning" : "error", d.file, d.position.line, d.position.column,
                 d.warning ? "edgecalc: skipped input" : "edgecalc: invalid profile", d.message);
  }
}

void annotate_report(const nlohmann::ordered_json& report, const Streams& streams) {
  if (!in_github_actions(streams.env)) return;
  const std::string file = report["file"];
  for (const auto& g : report["gates"]) {
    const std::string status = g["status"];
    if (status != "fail" && status != "warn") continue;
    annotation(streams, status == "fail" ? "error" : "warning", file, g["location"]["line"], g["location"]["column"],
               fmt::format("edgecalc gate {}", g["name"].get<std::string>()), g["message"].get<std::string>());
  }
  if (report["verdict"] == "none")
    annotation(streams, "error", file, 1, 1, "edgecalc: no viable option", report["summary"].get<std::string>());
}

Environment Environment::from_process(bool stdout_is_terminal) {
  Environment env;
  env.stdout_is_terminal = stdout_is_terminal;
  for (const char* name : {"EDGECALC_COLOR", "EDGECALC_TODAY", "NO_COLOR", "GITHUB_ACTIONS"})
    if (const char* value = std::getenv(name)) env.variables[name] = value;
  return env;
}

bool use_color(const std::string& color, const std::string& format, const std::string& output,
               const Environment& env) {
  if (format != "table" || !output.empty()) return false;
  std::string mode = color;
  if (mode.empty()) {
    const auto it = env.variables.find("EDGECALC_COLOR");
    mode = it == env.variables.end() ? "auto" : it->second;
  }
  if (mode == "always") return true;
  if (mode == "never") return false;
  return env.stdout_is_terminal && !env.variables.contains("NO_COLOR");
}

std::optional<Catalog> catalog_for(const std::vector<std::string>& catalogs, const std::string& prices,
                                   const Streams& streams) {
  Catalog catalog = builtin_catalog();
  for (const std::string& path : catalogs) {
    Diagnostics d(path);
    if (!merge_catalog_file(path, catalog, d)) {
      streams.err << format_diagnostics(d);
      return std::nullopt;
    }
  }
  if (!prices.empty()) {
    Diagnostics d(prices);
    const bool merged = merge_litellm_prices(prices, catalog, d);
    if (!merged || d.has_warnings()) streams.err << format_diagnostics(d);  // skipped entries are named
    if (!merged) return std::nullopt;
  }
  return catalog;
}

// The environment variables edgecalc reads, checked before anything runs: a bad value is a
// usage error (exit 2), never guessed around.
std::string environment_problem(const Environment& env) {
  if (const auto it = env.variables.find("EDGECALC_TODAY"); it != env.variables.end() && !is_date(it->second))
    return fmt::format("EDGECALC_TODAY must be a date, YYYY-MM-DD; got \"{}\"", it->second);
  if (const auto it = env.variables.find("EDGECALC_COLOR");
      it != env.variables.end() && it->second != "auto" && it->second != "always" && it->second != "never")
    return fmt::format("EDGECALC_COLOR must be auto, always or never; got \"{}\"", it->second);
  return "";
}

std::string report_date(const Environment& env) {
  const auto it = env.variables.find("EDGECALC_TODAY");
  return it == env.variables.end() ? today_utc() : it->second;
}

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
  if (const std::string problem = environment_problem(streams.env); !problem.empty()) {
    print_error(streams, problem);
    return ExitCode::invalid_input;
  }
  if (normalize_cmd->parsed()) return run_normalize(normalize, streams);
  if (rules_cmd->parsed()) return run_rules(rules, streams);
  if (render_cmd->parsed()) return run_render(render, streams);
  if (diff_cmd->parsed()) return run_diff(diff, streams);
  if (catalog_cmd->parsed()) return run_catalog(catalog, streams);
  if (evaluate.profiles.empty()) {
    streams.err << "edgecalc: error: no profile given\nRun 'edgecalc --help' for usage.\n";
    return ExitCode::invalid_input;
  }
  // `edgecalc normalise x.json`: a first argument that is no file but nearly a command is a typo.
  if (const std::string& first = evaluate.profiles.front();
      first.find_first_of("./") == std::string::npos && !std::filesystem::exists(first)) {
    std::vector<std::string> commands;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
      commands.push_back(sub->get_name());
    if (const auto guess = closest_match(first, commands)) {
      streams.err << fmt::format("edgecalc: error: unknown command '{}'; did you mean '{}'?\n"
                                 "Run 'edgecalc --help' for usage.\n",
                                 printable(first), *guess);
      return ExitCode::invalid_input;
    }
  }
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
