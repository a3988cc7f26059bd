// What edgecalc reads from its surroundings (docs in cli.hpp): the variables, checked before
// anything runs, the colour decision and the date reports are made for.
#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include <edgecalc/decide/assumptions.hpp>
#include <edgecalc/util/calendar.hpp>
#include <edgecalc/cli/cli.hpp>

#include "cli/commands.hpp"

namespace edgecalc {

Environment Environment::from_process(bool stdout_is_terminal) {
  Environment env;
  env.stdout_is_terminal = stdout_is_terminal;
  for (const char* name : {"EDGECALC_COLOR", "EDGECALC_TODAY", "NO_COLOR", "GITHUB_ACTIONS", "LC_ALL", "LC_CTYPE", "LANG"})
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

bool use_ascii(bool ascii_flag, const Environment& env) {
  if (ascii_flag) return true;
  // The locale in force is the first of LC_ALL, LC_CTYPE and LANG that is set (POSIX order).
  for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const auto it = env.variables.find(name);
    if (it == env.variables.end() || it->second.empty()) continue;
    std::string v = it->second;
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return v.find("utf-8") == std::string::npos && v.find("utf8") == std::string::npos;
  }
  return true;  // no locale: C, which is ASCII
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

void add_display_flags(CLI::App& app, DisplayOptions& display) {
  app.add_option("--color", display.color, "Colour the table: auto (a terminal without NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  app.add_flag("--ascii", display.ascii, "Draw charts in ASCII (the default when the locale is not UTF-8)");
  app.add_flag("--no-chart", display.no_chart, "Leave the cumulative cost chart out of the table");
  app.add_flag("--brief", display.brief,
               "A summary of at most 8 lines; with several profiles, one line each and a count of verdicts");
}

RenderOptions render_options(const DisplayOptions& display, const std::string& format, const std::string& output,
                             const Environment& env) {
  RenderOptions style;
  style.color = use_color(display.color, format, output, env);
  style.ascii = use_ascii(display.ascii, env);
  style.chart = !display.no_chart && !display.brief;
  style.brief = display.brief;
  return style;
}

}  // namespace edgecalc
