// What every command shares: error lines, writing a report, loading a profile (or standard
// input) with its diagnostics, the catalog a run uses.
#include <istream>
#include <ostream>

#include <fmt/format.h>

#include <edgecalc/util/suggest.hpp>

#include "cli/commands.hpp"
#include "util/fs_util.hpp"

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
                                      const std::vector<Override>& overrides, const Catalog& catalog,
                                      Document* keep) {
  Diagnostics diagnostics(path == "-" ? "<stdin>" : path);
  std::optional<Profile> profile;
  std::optional<Document> document;
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
      document = load_text(text, looks_like_json(text) ? SourceFormat::json : SourceFormat::yaml, diagnostics);
  } else {
    document = load_file(path, diagnostics);
  }
  if (document) {
    if (keep) *keep = *document;
    profile = profile_from_document(std::move(*document), diagnostics, overrides, catalog);
  }
  if (!profile || diagnostics.has_warnings()) {
    streams.err << format_diagnostics(diagnostics);
    annotate_diagnostics(diagnostics, streams);
  }
  return profile;
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

}  // namespace edgecalc
