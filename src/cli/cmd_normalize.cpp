#include <ostream>

#include <edgecalc/profile/normalize.hpp>
#include <edgecalc/model/predictor.hpp>
#include <edgecalc/profile/profile.hpp>

#include "cli/commands.hpp"

namespace edgecalc {

CLI::App* setup_normalize(CLI::App& app, NormalizeOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "normalize", "Print PROFILE as JSON with every default filled in and every quantity in base "
                   "units (seconds, calls/s, bytes, watts, fractions, money)");
  cmd->add_option("profile", options.profile, "Profile to read (YAML, or JSON if it ends in .json)")
      ->required();
  cmd->add_option("-o,--output", options.output, "Write to FILE (atomically) instead of stdout");
  return cmd;
}

ExitCode run_normalize(const NormalizeOptions& options, const Streams& streams) {
  const auto profile = load_or_report(options.profile, streams);
  if (!profile) return ExitCode::invalid_input;
  // As evaluated: with the predictor's values where the profile names hardware and a model.
  return emit(normalized_json(with_prediction(*profile, predict(*profile))).dump(2) + "\n", options.output, streams);
}

}  // namespace edgecalc
