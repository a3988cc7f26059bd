#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace edgecalc {

// Reads at most `max_bytes` of the file at `path` into `out`. Returns "" on success, or a
// sentence saying why not (missing, a directory, unreadable, larger than the limit), without
// reading more than `max_bytes + 1` bytes of anything. `noun` names the file in messages
// ("profile", "catalog", "saved report", "price file").
std::string read_file_bounded(const std::string& path, std::size_t max_bytes, std::string& out,
                              std::string_view noun = "profile");

// Writes `content` to `path` through a temporary file in the same directory and a rename,
// so readers see the old file or the new one, never half of one. Returns "" or the problem.
std::string write_file_atomically(const std::string& path, const std::string& content);

}  // namespace edgecalc
