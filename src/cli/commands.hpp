#pragma once

// One command per file: each has an options struct, a setup_X that declares its flags on a
// CLI11 subcommand, and a run_X that does the work and returns the exit code.

#include <iosfwd>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include <edgecalc/domain/catalog.hpp>
#include <edgecalc/explore/sensitivity.hpp>
#include <edgecalc/render/render.hpp>
#include <edgecalc/report/diff.hpp>
#include <edgecalc/util/exit_code.hpp>
#include <edgecalc/profile/profile.hpp>

namespace edgecalc {

struct Environment;

struct Streams {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  const Environment& env;
};

// "edgecalc: error: MESSAGE" on standard error, MESSAGE printable() (it may quote input).
void print_error(const Streams& streams, std::string_view message);

// Report formats every reporting command accepts.
inline const std::vector<std::string> k_formats = {"table", "json", "markdown", "junit", "sarif", "csv", "focus", "html", "svg"};

// Whether to colour a table: --color always|never|auto (default from EDGECALC_COLOR); auto
// colours a terminal unless NO_COLOR is set. Never colours a file or another format.
bool use_color(const std::string& color, const std::string& format, const std::string& output,
               const Environment& env);

// Whether charts use ASCII: --ascii, or a locale (LC_ALL, LC_CTYPE, LANG) that is not UTF-8.
bool use_ascii(bool ascii_flag, const Environment& env);

// How a table looks, for every command that prints one (evaluate, render).
struct DisplayOptions {
  std::string color;  // auto, always, never; empty: EDGECALC_COLOR or auto
  bool ascii = false;     // charts in ASCII
  bool no_chart = false;  // leave the cost chart out
  bool brief = false;     // at most 8 lines a profile; one line each for several
};
void add_display_flags(CLI::App& app, DisplayOptions& display);
RenderOptions render_options(const DisplayOptions& display, const std::string& format, const std::string& output,
                             const Environment& env);

// Writes `text` to `output` (atomically) when it is set, else to `streams.out`.
// Returns ok, or invalid_input after reporting a file that cannot be written.
ExitCode emit(const std::string& text, const std::string& output, const Streams& streams);

// The default command: `edgecalc PROFILE...` evaluates profiles and prints the reports.
struct EvaluateOptions {
  std::vector<std::string> profiles;
  std::string format = "table";
  std::string output;
  std::vector<std::string> sets;           // --set key.path=value
  std::string max_monthly_cost;            // gate flags, applied as --set budget.X=...
  std::string max_total_cost;
  std::string max_cost_per_1k_calls;
  std::string require;
  bool fail_on_warn = false;
  DisplayOptions display;
  std::vector<std::string> catalogs;  // --catalog files
  std::string prices;                 // --prices (LiteLLM)
  std::string compare_to;    // a saved report (or profile) to compare with
  std::string max_increase;  // diff gate on the chosen option's total: "10%" or "$5000"
  bool fail_on_verdict_change = false;
  bool sensitivity = false;               // --sensitivity: switching values, margin, tornado
  std::string min_margin;                 // gate, applied as --set budget.min_margin=...
  std::vector<std::string> margin_fields; // the fields the margin gate checks (default: all)
  std::string tornado_range;              // "20%": the tornado spans x0.8 .. x1.2
  std::vector<std::string> scans;         // --scan FIELD=LOW..HIGH[:lin|log[:N]] or FIELD=A,B (at most 2)
  std::size_t samples = 10000;            // Monte Carlo samples, for profiles with ranges
  std::uint64_t seed = 20261123;          // the Monte Carlo's seed (printed in the report)
  unsigned threads = 0;                   // 0: every core
  std::string min_headroom;               // gate, applied as --set budget.min_headroom=...
  std::string min_confidence;             // gate, applied as --set budget.min_confidence=...
};
void setup_evaluate(CLI::App& app, EvaluateOptions& options);
ExitCode run_evaluate(const EvaluateOptions& options, const Streams& streams);

// Checks the explore flags of `options` (field names, --tornado-range) and fills `sensitivity`;
// returns the problem (a usage error, exit 2) or "".
std::string check_explore_flags(const EvaluateOptions& options, SensitivityOptions& sensitivity);
// With --scan: the `scan` section, each point a reload of `document` with `overrides` and the
// point's values. Returns the problem (a bad --scan, a value that does not validate) or "".
std::string add_scan(nlohmann::ordered_json& report, const Profile& profile, const Document& document,
                     const std::string& file, const std::vector<Override>& overrides, const EvaluateOptions& options,
                     const Catalog& catalog);
// For a profile with ranges: the `uncertainty` section (Monte Carlo) and the min_confidence gate.
void add_uncertainty(nlohmann::ordered_json& report, const Profile& profile, const EvaluateOptions& options);
// With --sensitivity or a min_margin budget: the `sensitivity` section and the margin gate.
void add_sensitivity(nlohmann::ordered_json& report, const Profile& profile, const EvaluateOptions& options,
                     const SensitivityOptions& sensitivity);

// Loads and validates `path` ("-" reads standard input) with `overrides` and `catalog`; on
// failure prints the diagnostics to streams.err and returns nullopt (the caller exits with
// invalid_input).
// With `keep`, the document as read (before the overrides) is stored there too.
std::optional<Profile> load_or_report(const std::string& path, const Streams& streams,
                                      const std::vector<Override>& overrides = {},
                                      const Catalog& catalog = builtin_catalog(), Document* keep = nullptr);

// Under GitHub Actions (GITHUB_ACTIONS=true): workflow annotations on streams.err for input
// errors (::error file=...,line=...,col=...::message) and for failed or warning gates and `none`
// verdicts of a JSON report. Nothing otherwise.
void annotate_diagnostics(const Diagnostics& diagnostics, const Streams& streams);
void annotate_report(const nlohmann::ordered_json& report, const Streams& streams);

// Why an environment variable edgecalc reads has a bad value (a usage error, exit 2), or "".
std::string environment_problem(const Environment& env);
// The date reports are made for: EDGECALC_TODAY (YYYY-MM-DD, for reproducible reports) or today.
std::string report_date(const Environment& env);

// The worse of two exit codes (invalid input > gate failed > ok).
ExitCode worst(ExitCode a, ExitCode b);

struct NormalizeOptions {
  std::string profile;
  std::string output;
};
CLI::App* setup_normalize(CLI::App& app, NormalizeOptions& options);
ExitCode run_normalize(const NormalizeOptions& options, const Streams& streams);

// `edgecalc render REPORT.json...`: re-render saved reports without recomputing.
struct RenderCommandOptions {
  std::vector<std::string> reports;
  std::string format = "table";
  std::string output;
  DisplayOptions display;
};
CLI::App* setup_render(CLI::App& app, RenderCommandOptions& options);
ExitCode run_render(const RenderCommandOptions& options, const Streams& streams);

// The reports saved in `path` (one report or an array), or nullopt after printing the problem.
std::optional<std::vector<nlohmann::ordered_json>> read_saved_reports(const std::string& path,
                                                                      const Streams& streams);

// A report to compare: a saved JSON report (report_version 1; an array holds several), or a
// profile, evaluated now. Errors are printed; nullopt then.
std::optional<std::vector<nlohmann::ordered_json>> load_reports_or_profile(const std::string& path,
                                                                           const Streams& streams);

// --max-increase "10%" or "$5000" (in `currency`) into `limits`; an error message otherwise.
std::string parse_max_increase(const std::string& text, const std::string& currency, DiffLimits& limits);

// Checks a --max-increase value before anything is loaded: "" when well formed, else why not.
std::string check_gate_flags(const std::string& max_increase);

// One line on stderr per gate that fails the run (and for a verdict of none), for runs whose
// report goes to a file.
void print_failed_gates(const nlohmann::ordered_json& report, bool fail_on_warn, const Streams& streams);

struct DiffOptions {
  std::string base;
  std::string head;
  std::string format = "table";
  std::string output;
  std::string max_increase;
  bool fail_on_verdict_change = false;
};
CLI::App* setup_diff(CLI::App& app, DiffOptions& options);
ExitCode run_diff(const DiffOptions& options, const Streams& streams);

// The built-in catalog plus --catalog files and a --prices (LiteLLM) file, or nullopt after
// printing what is wrong with them.
std::optional<Catalog> catalog_for(const std::vector<std::string>& catalogs, const std::string& prices,
                                   const Streams& streams);

struct CatalogOptions {
  std::string what;  // hardware, models, prices, show; empty: all
  std::string id;
  std::vector<std::string> catalogs;
  std::string prices;
};
CLI::App* setup_catalog(CLI::App& app, CatalogOptions& options);
ExitCode run_catalog(const CatalogOptions& options, const Streams& streams);

struct ValidateOptions {
  std::string format = "table";
  std::string max_decode_error = "25%";
  std::string output;
};
CLI::App* setup_validate(CLI::App& app, ValidateOptions& options);
ExitCode run_validate(const ValidateOptions& options, const Streams& streams);

// `edgecalc calibrate FILE`: a catalog overlay fitted to the user's own benchmark runs.
struct CalibrateOptions {
  std::string file;
  std::string hardware, model, quantization;  // catalog ids for every run; "" takes the file's names
  std::vector<std::string> catalogs;
  std::string format = "yaml";  // yaml (the overlay) or json (the overlay under "catalog", with the errors)
  std::string output;
};
CLI::App* setup_calibrate(CLI::App& app, CalibrateOptions& options);
ExitCode run_calibrate(const CalibrateOptions& options, const Streams& streams);

struct InitOptions {
  std::string kind;    // one of init_templates() (cli/init_templates.hpp)
  std::string output;  // "": standard output
  std::string name;    // replaces the example's name
  bool force = false;  // replace an existing --output file
  bool list = false;   // list the kinds
};
CLI::App* setup_init(CLI::App& app, InitOptions& options);
ExitCode run_init(const InitOptions& options, const Streams& streams);

// `edgecalc completion bash|zsh` and `edgecalc manpage`: generated from `app`, the whole
// command line (cli/command_specs.hpp).
struct CompletionOptions {
  std::string shell;  // bash or zsh
};
CLI::App* setup_completion(CLI::App& app, CompletionOptions& options);
ExitCode run_completion(const CompletionOptions& options, const CLI::App& app, const Streams& streams);
CLI::App* setup_manpage(CLI::App& app);
ExitCode run_manpage(const CLI::App& app, const Streams& streams);

struct RulesOptions {
  std::string format = "table";
};
CLI::App* setup_rules(CLI::App& app, RulesOptions& options);
ExitCode run_rules(const RulesOptions& options, const Streams& streams);

}  // namespace edgecalc
