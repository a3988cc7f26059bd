// GitHub Actions workflow annotations for input errors, failed or warning gates and `none`
// verdicts (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
#include <ostream>

#include <fmt/format.h>

#include <edgecalc/cli/cli.hpp>

#include "cli/commands.hpp"

namespace edgecalc {

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

}  // namespace edgecalc
