// `edgecalc manpage`: the manual page edgecalc(1) in roff, generated from the command line's own
// definition (cli/command_specs.hpp) and a few fixed sections, so it lists exactly the commands
// and flags the binary takes. The build writes it to edgecalc.1 and `cmake --install` puts it
// in share/man/man1 (`man edgecalc`).

#include <ostream>

#include <fmt/format.h>

#include <edgecalc/version.hpp>

#include "cli/command_specs.hpp"
#include "cli/commands.hpp"

namespace edgecalc {

namespace {

// Text as roff prints it: backslashes escaped, hyphens as minus signs, no line starting with a
// control character.
std::string roff(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') out += "\\e";
    else if (c == '-') out += "\\-";
    else if (c == '\n') out += "\n.br\n";
    else out += c;
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

std::string flag_item(const FlagSpec& f) {
  std::string names;
  for (const std::string& n : f.names) names += (names.empty() ? "" : ", ") + fmt::format("\\fB{}\\fR", roff(n));
  std::string value;
  if (!f.value.empty()) value = f.choices.empty() ? fmt::format(" \\fI{}\\fR", f.value) : fmt::format(" {{{}}}", roff(fmt::format("{}", fmt::join(f.choices, "|"))));
  return fmt::format(".TP\n{}{}\n{}\n", names, value, roff(f.description));
}

std::string command_section(const CommandSpec& c) {
  std::string usage = fmt::format("\\fBedgecalc {}\\fR [\\fIoptions\\fR]", roff(c.name));
  for (const PositionalSpec& p : c.positionals) usage += fmt::format(" \\fI{}\\fR{}", roff(p.name), p.many ? "..." : "");
  std::string out = fmt::format(".SS {}\n{}\n.PP\n{}\n", roff(c.name), usage, roff(c.description));
  for (const PositionalSpec& p : c.positionals)
    out += fmt::format(".TP\n\\fI{}\\fR\n{}\n", roff(p.name), roff(p.description));
  for (const FlagSpec& f : c.flags) out += flag_item(f);
  return out;
}

std::string manpage(const std::vector<CommandSpec>& commands) {
  const CommandSpec& evaluate = commands.front();
  std::string out = fmt::format(R"(.TH EDGECALC 1 "" "edgecalc {}" "User Commands"
.SH NAME
edgecalc \- should AI inference run on the device (edge), in the cloud, or both (hybrid)?
.SH SYNOPSIS
\fBedgecalc\fR [\fIoptions\fR] \fIPROFILE\fR...
.br
\fBedgecalc\fR \fICOMMAND\fR [\fIoptions\fR] [\fIarguments\fR]
.SH DESCRIPTION
edgecalc reads workload profiles (YAML, or JSON for a name ending in .json; \- reads standard
input): latency budget, connectivity, data sensitivity, fleet size, call rate, token volume, cloud
prices and edge hardware. It prices every option over the profile's horizon, runs its rules and
prints a verdict, \fBedge\fR, \fBcloud\fR or \fBhybrid\fR, with every number behind it: monthly
and total costs, break\-even, latency against the budget, the rules that fired and why.
\fBedgecalc init\fR \fIKIND\fR writes a starter profile.
.SH OPTIONS
)",
                                k_version);
  for (const FlagSpec& f : evaluate.flags) out += flag_item(f);
  out += ".SH COMMANDS\n";
  for (std::size_t i = 1; i < commands.size(); ++i) out += command_section(commands[i]);
  out += R"(.SH EXIT STATUS
.TP
0
every profile evaluated and no gate failed
.TP
1
a gate failed (a budget, \-\-max\-*, \-\-require, \-\-min\-margin, \-\-min\-headroom, \-\-min\-confidence, \-\-max\-increase, \-\-fail\-on\-verdict\-change), or no option is viable
.TP
2
invalid input or command line, reported as FILE:LINE:COL: error: ...
.TP
3
internal error (a bug)
.SH ENVIRONMENT
.TP
\fBEDGECALC_COLOR\fR
auto, always or never: whether a table is coloured
.TP
\fBNO_COLOR\fR
set: no colour unless \-\-color always
.TP
\fBEDGECALC_TODAY\fR
YYYY\-MM\-DD: the date reports are made for (reproducible reports)
.TP
\fBGITHUB_ACTIONS\fR
true: workflow annotations for errors and gates on standard error
.TP
\fBLC_ALL\fR, \fBLC_CTYPE\fR, \fBLANG\fR
charts are drawn in ASCII unless the locale is UTF\-8
.SH EXAMPLES
.nf
edgecalc init gpu\-server \-o team.yaml
edgecalc team.yaml
edgecalc team.yaml \-\-format json \-\-output report.json \-\-max\-total\-cost 500k
edgecalc team.yaml \-\-sensitivity
edgecalc diff old.yaml new.yaml
.fi
.SH SEE ALSO
The profile format, the model and the rules: /usr/share/doc/edgecalc/ and the project's docs/.
)";
  return out;
}

}  // namespace

CLI::App* setup_manpage(CLI::App& app) {
  return app.add_subcommand("manpage", "Print the manual page edgecalc(1) in roff: edgecalc manpage | man -l -");
}

ExitCode run_manpage(const CLI::App& app, const Streams& streams) {
  streams.out << manpage(command_specs(app));
  return ExitCode::ok;
}

}  // namespace edgecalc
