#pragma once

// Small readers for the formats edgecalc writes, to check outputs structurally: RFC 4180 CSV, XML
// well-formedness (JUnit, SVG), and the parts of Markdown that a pull-request comment renders
// (text outside code spans, table widths).

#include <string>
#include <string_view>
#include <vector>

namespace edgecalc::test {

// RFC 4180: fields split on commas outside double quotes, "" a quote inside them.
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field), field.clear();
    } else if (c == '\n') {
      rows.back().push_back(field), field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

// "" when `xml` is one well-formed element tree (after an optional declaration): every tag
// closed in order, attribute values quoted, no raw '<' or unknown entity in text or attributes.
// Otherwise what is wrong and where.
inline std::string xml_error(std::string_view xml) {
  std::vector<std::string> open;
  std::size_t i = 0, roots = 0;
  const auto entity_ok = [&](std::size_t at) {
    const std::size_t end = xml.find(';', at);
    if (end == std::string_view::npos || end - at > 10) return false;
    const std::string_view name = xml.substr(at + 1, end - at - 1);
    if (name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos") return true;
    if (name.size() > 1 && name[0] == '#') return true;
    return false;
  };
  while (i < xml.size()) {
    const char c = xml[i];
    if (c == '&') {
      if (!entity_ok(i)) return "bad entity at " + std::to_string(i);
      ++i;
    } else if (c != '<') {
      if (open.empty() && c != ' ' && c != '\n' && c != '\r' && c != '\t') return "text outside the root at " + std::to_string(i);
      ++i;
    } else if (xml.substr(i, 4) == "<!--") {
      const std::size_t end = xml.find("-->", i);
      if (end == std::string_view::npos) return "unclosed comment";
      i = end + 3;
    } else if (xml.substr(i, 2) == "<?") {
      const std::size_t end = xml.find("?>", i);
      if (end == std::string_view::npos) return "unclosed declaration";
      i = end + 2;
    } else if (xml.substr(i, 9) == "<![CDATA[") {
      const std::size_t end = xml.find("]]>", i);
      if (end == std::string_view::npos) return "unclosed CDATA";
      i = end + 3;
    } else {
      const bool closing = i + 1 < xml.size() && xml[i + 1] == '/';
      std::size_t j = i + (closing ? 2 : 1);
      std::size_t name_start = j;
      while (j < xml.size() && xml[j] != ' ' && xml[j] != '>' && xml[j] != '/' && xml[j] != '\n') ++j;
      const std::string name(xml.substr(name_start, j - name_start));
      if (name.empty()) return "empty tag name at " + std::to_string(i);
      bool self_closing = false;
      while (j < xml.size() && xml[j] != '>') {
        const char a = xml[j];
        if (a == '"' || a == '\'') {
          const std::size_t end = xml.find(a, j + 1);
          if (end == std::string_view::npos) return "unclosed attribute in <" + name + ">";
          for (std::size_t k = j + 1; k < end; ++k) {
            if (xml[k] == '<') return "raw < in an attribute of <" + name + ">";
            if (xml[k] == '&' && !entity_ok(k)) return "bad entity in an attribute of <" + name + ">";
          }
          j = end + 1;
        } else if (a == '<') {
          return "< inside the tag <" + name + ">";
        } else {
          if (a == '/') self_closing = true;
          else if (a != ' ' && a != '\n' && a != '\t' && a != '=' && a != '\r') self_closing = false;
          ++j;
        }
      }
      if (j >= xml.size()) return "unclosed tag <" + name + ">";
      if (closing) {
        if (open.empty() || open.back() != name) return "</" + name + "> closes " + (open.empty() ? "nothing" : "<" + open.back() + ">");
        open.pop_back();
      } else if (!self_closing) {
        if (open.empty()) ++roots;
        open.push_back(name);
      } else if (open.empty()) {
        ++roots;
      }
      i = j + 1;
    }
  }
  if (!open.empty()) return "<" + open.back() + "> never closed";
  if (roots != 1) return std::to_string(roots) + " root elements";
  return "";
}

// Markdown with every code span and fenced block replaced by a space: what GitHub renders as
// markup. A run of n backticks opens a span that the next run of exactly n closes.
inline std::string md_outside_code(std::string_view md) {
  std::string out;
  std::size_t i = 0;
  while (i < md.size()) {
    if (md[i] == '\\' && i + 1 < md.size()) {  // an escaped character is literal
      out += md.substr(i, 2);
      i += 2;
      continue;
    }
    if (md[i] != '`') {
      out += md[i++];
      continue;
    }
    std::size_t n = 0;
    while (i + n < md.size() && md[i + n] == '`') ++n;
    std::size_t j = i + n, close = std::string_view::npos;
    while (j < md.size()) {
      if (md[j] != '`') {
        ++j;
        continue;
      }
      std::size_t m = 0;
      while (j + m < md.size() && md[j + m] == '`') ++m;
      if (m == n) {
        close = j;
        break;
      }
      j += m;
    }
    if (close == std::string_view::npos) {  // no closing run: the backticks are literal
      out += md.substr(i, n);
      i += n;
    } else {
      out += ' ';
      i = close + n;
    }
  }
  return out;
}

// The cells of one Markdown table row: pipes split it unless escaped; inside code spans too
// (GFM splits cells before it reads spans, and honours \| in both).
inline std::size_t md_row_cells(std::string_view row) {
  std::size_t pipes = 0;
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '\\') ++i;
    else if (row[i] == '|') ++pipes;
  }
  return pipes > 0 ? pipes - 1 : 0;  // "| a | b |" has 3 pipes, 2 cells
}

}  // namespace edgecalc::test
