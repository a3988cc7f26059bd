#pragma once

// Load stage, JSON: strict JSON text -> the same positioned Node tree the YAML reader builds.

#include <optional>
#include <string>
#include <string_view>

#include <edgecalc/load/document.hpp>

namespace edgecalc {

// Builds the tree of a JSON text that nlohmann's parser has already accepted as JSON (RFC 8259),
// without recursion: strings are decoded as JSON decodes them (a UTF-16 surrogate pair is one
// character), numbers keep the text written. Limits, duplicate keys and anything malformed are
// reported to `diagnostics` with their position; returns nullptr then.
NodePtr build_json_tree(std::string_view text, Diagnostics& diagnostics, const LoadLimits& limits);

// "duplicate key `name` (first given at line 3)": one message for YAML and JSON.
std::string duplicate_key_message(std::string_view key, int first_line);

}  // namespace edgecalc
