#pragma once

// Load stage: text (YAML or JSON) -> a tree of nodes that remember where they were written.
// Nothing here knows what a profile is.

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <edgecalc/util/diagnostic.hpp>

namespace edgecalc {

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct MapEntry {
  std::string key;
  Position key_position;
  NodePtr value;
};

struct Node {
  enum class Kind { null, scalar, sequence, map };

  Kind kind = Kind::null;
  Position position;
  std::string text;     // scalar text, as written (after YAML unquoting)
  bool quoted = false;  // scalar was quoted: a string, never a number or boolean
  std::vector<NodePtr> items;
  std::vector<MapEntry> entries;

  // The entry with this key, or nullptr.
  const MapEntry* find(std::string_view key) const;
};

struct Document {
  std::string file;  // as named by the user, for diagnostics
  NodePtr root;
};

enum class SourceFormat { yaml, json };

// Bounds that keep hostile input fast and small. Documented in docs/profile.md.
struct LoadLimits {
  std::size_t max_bytes = 1024 * 1024;  // a real profile is a few KB
  std::size_t max_nodes = 100'000;      // values written, anchors counted once
  int max_depth = 64;                   // a profile nests four levels deep
  std::string_view noun = "profile";    // what the file is, in messages: profile, catalog ...
};

// JSON for names ending in ".json" (any case), YAML otherwise.
SourceFormat format_for_path(std::string_view path);

// Parses `text`. Returns the document, or nullopt after adding every problem found to
// `diagnostics` (malformed syntax, non-UTF-8 bytes, duplicate keys, limits exceeded ...).
std::optional<Document> load_text(std::string_view text, SourceFormat format,
                                  Diagnostics& diagnostics, const LoadLimits& limits = {});

// Reads and parses a file. Returns nullopt after adding
// the problem to `diagnostics` when the file is missing, unreadable, a directory, too large,
// empty or malformed.
std::optional<Document> load_file(const std::string& path, Diagnostics& diagnostics,
                                  const LoadLimits& limits = {});

// Parses untrusted JSON `text` (a saved report, a price file) as a `noun`: nesting deeper than
// `max_depth` is refused before parsing (no recursion ever sees it), and syntax errors and
// numbers beyond a double's range are reported at their position ("invalid JSON in the saved
// report: ..."). Returns nullopt after adding the problem to `diagnostics`.
std::optional<nlohmann::ordered_json> parse_untrusted_json(std::string_view text, std::string_view noun,
                                                           Diagnostics& diagnostics, int max_depth = 64);

// The offset of the first `[` or `{` in JSON `text` that opens level `max_depth + 1`, or
// nullopt when the text nests no deeper (strings are skipped).
std::optional<std::size_t> json_too_deep(std::string_view text, int max_depth);

// The reason in a JSON parse error, without the library's prefix: "syntax error while parsing
// value - invalid literal; last read: 'tru'".
std::string json_parse_reason(const std::exception& parse_error);

// Line and column (1-based, columns in characters) of byte `offset` in `text`.
Position position_of_offset(std::string_view text, std::size_t offset);

// Offset of the first byte that is not part of valid UTF-8 (or is NUL), or nullopt.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

}  // namespace edgecalc
