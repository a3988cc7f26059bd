#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace edgecalc {

// Levenshtein distance between two strings (insertions, deletions, substitutions),
// as in ninja's edit_distance.cc.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be a plausible misspelling
// (at most a third of the word's length, and at least 1, edits away); nullopt otherwise.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

// Candidates ordered by closeness to `word`, at most `limit` of them, for "did you mean" lists.
std::vector<std::string> closest_matches(std::string_view word,
                                         const std::vector<std::string>& candidates,
                                         std::size_t limit);

}  // namespace edgecalc
