#include "util/escape.hpp"

#include <algorithm>

namespace edgecalc {

namespace {

bool is_break(char c) { return c == '\n' || c == '\r'; }

}  // namespace

std::string md_text(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  // At the start, "- " or "+ " (a list marker), "=" (a setext underline) or "12. " / "12) " (an
  // ordered list) would open a block; '*' is escaped everywhere below. "-5" and "3.5" stay.
  const auto spaced = [&](std::size_t i) { return i + 1 >= text.size() || text[i + 1] == ' ' || text[i + 1] == '\t'; };
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_break(c) || c == '\t') {
      out += ' ';
    } else if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (c == '@') {
      out += "&#64;";
    } else if (std::string_view("\\`*_[]~|#!").find(c) != std::string_view::npos ||
               (i == 0 && c == '=') || (i == 0 && (c == '-' || c == '+') && spaced(i) && text.size() > 1) ||
               (digits > 0 && i == digits && (c == '.' || c == ')') && spaced(i))) {
      out += '\\';
      out += c;
    } else {
      out += c;
    }
  }
  return out;
}

std::string md_code(std::string_view text, bool in_table) {
  std::string body;
  std::size_t run = 0, longest = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
    if (is_break(c)) body += ' ';
    else if (c == '|' && in_table) body += "\\|";
    else body += c;
  }
  const std::string fence(longest + 1, '`');
  const bool pad = body.empty() || body.front() == '`' || body.back() == '`' ||
                   (body.front() == ' ' && body.back() == ' ');
  return pad ? fence + " " + body + " " + fence : fence + body + fence;
}

std::string csv_field(std::string_view text) {
  std::string cell;
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) cell += '\'';
  cell += text;
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace edgecalc
