#include <edgecalc/util/diagnostic.hpp>

#include <algorithm>

#include <fmt/format.h>

namespace edgecalc {

void Diagnostics::error(Position position, std::string message) {
  const auto k = static_cast<std::size_t>(position.column);
  if (position.line == 0 && k >= 1 && k <= m_origins.size()) {
    m_items.push_back(Diagnostic{m_origins[k - 1], position, std::move(message)});
    return;
  }
  m_items.push_back(Diagnostic{m_file, position, std::move(message)});
}

void Diagnostics::warning(Position position, std::string message) {
  m_warnings.push_back(Diagnostic{m_file, position, std::move(message), true});
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> items = m_items;
  items.insert(items.end(), m_warnings.begin(), m_warnings.end());
  std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.position < b.position;
  });
  return items;
}

std::size_t bidi_control_at(std::string_view text, std::size_t i) {
  // UTF-8 E2 80 AA..AE is U+202A..U+202E (embeddings and overrides), E2 81 A6..A9 U+2066..U+2069
  // (isolates): they reorder how the text after them displays.
  if (i + 2 >= text.size() || static_cast<unsigned char>(text[i]) != 0xE2) return 0;
  const auto b1 = static_cast<unsigned char>(text[i + 1]), b2 = static_cast<unsigned char>(text[i + 2]);
  if ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) return 3;
  return 0;
}

bool has_bidi_control(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i)
    if (bidi_control_at(text, i)) return true;
  return false;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (bidi_control_at(text, i)) {
      const auto b2 = static_cast<unsigned char>(text[i + 2]);
      out += fmt::format("\\u{:04X}", static_cast<unsigned char>(text[i + 1]) == 0x80 ? 0x2000 + b2 - 0x80 : 0x2040 + b2 - 0x80);
      i += 2;
    } else if (u >= 0x20 && u != 0x7F) out += c;
    else if (c == '\n') out += "\\n";
    else if (c == '\t') out += "\\t";
    else if (c == '\r') out += "\\r";
    else out += fmt::format("\\x{:02X}", u);
  }
  return out;
}

std::string format_diagnostic(const Diagnostic& diagnostic) {
  const char* kind = diagnostic.warning ? "warning" : "error";
  if (diagnostic.position.line == 0) return fmt::format("{}: {}: {}", printable(diagnostic.file), kind, printable(diagnostic.message));
  return fmt::format("{}:{}:{}: {}: {}", printable(diagnostic.file), diagnostic.position.line, diagnostic.position.column, kind,
                     printable(diagnostic.message));
}

std::string format_diagnostics(const Diagnostics& diagnostics, std::size_t limit) {
  const std::vector<Diagnostic> all = diagnostics.sorted();
  std::string text;
  for (std::size_t i = 0; i < all.size() && i < limit; ++i) {
    text += format_diagnostic(all[i]);
    text += '\n';
  }
  if (all.size() > limit)
    text += fmt::format("{}: note: {} more errors not shown\n", diagnostics.file(), all.size() - limit);
  return text;
}

}  // namespace edgecalc
