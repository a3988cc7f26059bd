#pragma once

#include <string>
#include <vector>

namespace edgecalc {

// A place in a source file, 1-based. Problems with the file as a whole sit at 1:1.
struct Position {
  int line = 1;
  int column = 1;

  friend auto operator<=>(const Position&, const Position&) = default;
};

// One GCC-style problem report: "file:line:col: error: message". Line 0 means the problem is
// not in the file: "file: error: message" (file is then the override, "--set path=value").
struct Diagnostic {
  std::string file;
  Position position;
  std::string message;
  bool warning = false;  // "warning:" instead of "error:": reported, but the input was accepted
};

// Collects problems so that a user sees every one of them in a single run.
class Diagnostics {
 public:
  explicit Diagnostics(std::string file) : m_file(std::move(file)) {}

  void error(Position position, std::string message);
  // A problem that did not stop the input from loading (a skipped entry of a third-party file).
  // Warnings are printed with the errors but do not count in empty() or size().
  void warning(Position position, std::string message);

  // Problems at line 0, column k come from the k-th command-line override; they are reported
  // as "<origins[k-1]>: error: ..." (e.g. "--set fleet.size=x") instead of at a place in the file.
  void set_origins(std::vector<std::string> origins) { m_origins = std::move(origins); }
  bool empty() const { return m_items.empty(); }
  std::size_t size() const { return m_items.size(); }
  const std::string& file() const { return m_file; }

  bool has_warnings() const { return !m_warnings.empty(); }
  // Every problem, errors and warnings, ordered by position (stable at the same place).
  std::vector<Diagnostic> sorted() const;

 private:
  std::string m_file;
  std::vector<std::string> m_origins;
  std::vector<Diagnostic> m_items;
  std::vector<Diagnostic> m_warnings;
};

// `text` with every control character escaped (\n, \t, \r, \x1B ...; backslashes stay as they
// are) and every bidirectional control as \u202E: input copied into a message can neither split
// its line, drive the terminal nor reorder what follows it.
std::string printable(std::string_view text);

// Whether `text` holds a bidirectional embedding, override or isolate (U+202A-U+202E,
// U+2066-U+2069), which reorder how the text after them displays ("Trojan Source").
bool has_bidi_control(std::string_view text);

// The length of the bidirectional control at byte `i` of `text` (3), or 0.
std::size_t bidi_control_at(std::string_view text, std::size_t i);

// "file:line:col: error: message" (or "warning:"; no trailing newline); file and message are
// printable().
std::string format_diagnostic(const Diagnostic& diagnostic);

// At most this many diagnostics are printed, like GCC's -fmax-errors.
inline constexpr std::size_t k_max_reported_errors = 50;

// The diagnostics, sorted, one per line; past `limit`, one line saying how many were left out.
std::string format_diagnostics(const Diagnostics& diagnostics,
                               std::size_t limit = k_max_reported_errors);

}  // namespace edgecalc
