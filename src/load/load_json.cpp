#include "load/load_json.hpp"

#include <algorithm>
#include <memory>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>

namespace edgecalc {

std::string duplicate_key_message(std::string_view key, int first_line) {
  return fmt::format("duplicate key `{}` (first given at line {})", key, first_line);
}

namespace {

// Thrown to stop at the first problem; the text was checked by nlohmann first, so this is
// reached only by limits (depth, values) or by a checker and builder that disagree.
struct Stop {
  std::size_t offset;
  std::string message;
};

class JsonTreeBuilder {
 public:
  JsonTreeBuilder(std::string_view text, const LoadLimits& limits) : m_text(text), m_limits(limits) {}

  NodePtr build(Diagnostics& diagnostics) {
    try {
      NodePtr root = value_then_close();
      skip_space();
      if (m_at != m_text.size()) throw Stop{m_at, "invalid JSON: text after the value"};
      for (const auto& [offset, message] : m_duplicates) diagnostics.error(position(offset), message);
      return m_duplicates.empty() ? root : nullptr;
    } catch (const Stop& stop) {
      diagnostics.error(position(stop.offset), stop.message);
      return nullptr;
    }
  }

 private:
  struct Frame {
    std::shared_ptr<Node> node;
    std::unordered_map<std::string, std::size_t> key_index;  // key -> entry
  };

  // Parses values until the outermost one is complete; containers use m_stack, not recursion.
  NodePtr value_then_close() {
    for (;;) {
      NodePtr done = value();
      while (done) {  // a value is complete: attach it, then close what it completes
        if (m_stack.empty()) return done;
        Frame& top = m_stack.back();
        if (top.node->kind == Node::Kind::sequence) top.node->items.push_back(done);
        else top.node->entries.back().value = done;
        skip_space();
        const char c = peek();
        ++m_at;
        if (c == ',') {
          if (top.node->kind == Node::Kind::map) key();
          done = nullptr;
        } else if ((c == ']' && top.node->kind == Node::Kind::sequence) ||
                   (c == '}' && top.node->kind == Node::Kind::map)) {
          done = std::move(m_stack.back().node);
          m_stack.pop_back();
        } else {
          throw Stop{m_at - 1, "invalid JSON: expected ',' or the end of the container"};
        }
      }
    }
  }

  // One value: a scalar (returned), or the opening of a container (pushed; nullptr returned
  // unless the container is empty).
  NodePtr value() {
    skip_space();
    const std::size_t start = m_at;
    const char c = peek();
    if (c == '{' || c == '[') {
      auto node = make(c == '{' ? Node::Kind::map : Node::Kind::sequence, start);
      ++m_at;
      skip_space();
      if (peek() == (c == '{' ? '}' : ']')) {
        ++m_at;
        return node;
      }
      if (static_cast<int>(m_stack.size()) >= m_limits.max_depth)
        throw Stop{start, fmt::format("document nests deeper than {} levels", m_limits.max_depth)};
      m_stack.push_back(Frame{node, {}});
      if (c == '{') key();
      return nullptr;
    }
    if (c == '"') {
      auto node = make(Node::Kind::scalar, start);
      node->text = string();
      node->quoted = true;
      return node;
    }
    for (const std::string_view word : {"true", "false", "null"}) {
      if (m_text.substr(m_at).starts_with(word)) {
        auto node = make(word == "null" ? Node::Kind::null : Node::Kind::scalar, start);
        if (word != "null") node->text = std::string(word);
        m_at += word.size();
        return node;
      }
    }
    while (m_at < m_text.size() && std::string_view("+-0123456789.eE").find(m_text[m_at]) != std::string_view::npos)
      ++m_at;
    if (m_at == start) throw Stop{start, "invalid JSON: expected a value"};
    auto node = make(Node::Kind::scalar, start);
    node->text = std::string(m_text.substr(start, m_at - start));
    return node;
  }

  // A key of the map on top of the stack, and its colon; the entry's value comes next.
  void key() {
    skip_space();
    const std::size_t start = m_at;
    if (peek() != '"') throw Stop{start, "invalid JSON: expected a key in double quotes"};
    std::string name = string();
    skip_space();
    if (peek() != ':') throw Stop{m_at, "invalid JSON: expected ':' after the key"};
    ++m_at;
    Frame& top = m_stack.back();
    const Position at = position(start);
    const auto [slot, inserted] = top.key_index.try_emplace(name, top.node->entries.size());
    if (!inserted)
      m_duplicates.emplace_back(start, duplicate_key_message(name, top.node->entries[slot->second].key_position.line));
    // A duplicate's value is parsed into an entry of its own, then reported: nothing guesses
    // which of the two was meant.
    top.node->entries.push_back(MapEntry{std::move(name), at, nullptr});
  }

  // A JSON string at m_at, decoded to UTF-8.
  std::string string() {
    const std::size_t start = m_at++;
    std::string out;
    for (;;) {
      if (m_at >= m_text.size()) throw Stop{start, "invalid JSON: unterminated string"};
      const char c = m_text[m_at++];
      if (c == '"') return out;
      if (c != '\\') {
        out += c;
        continue;
      }
      const char e = peek();
      ++m_at;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': append_utf8(out, code_point(m_at - 2)); break;
        default: throw Stop{m_at - 2, "invalid JSON: unknown escape"};
      }
    }
  }

  // The code point of a \u escape starting at `escape` (m_at is past the "\u"); a high
  // surrogate takes the low surrogate escape that must follow it.
  char32_t code_point(std::size_t escape) {
    char32_t high = hex4(escape);
    if (high < 0xD800 || high > 0xDFFF) return high;
    if (high <= 0xDBFF && m_text.substr(m_at).starts_with("\\u")) {
      m_at += 2;
      const char32_t low = hex4(escape);
      if (low >= 0xDC00 && low <= 0xDFFF) return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
    }
    throw Stop{escape, "invalid JSON: a UTF-16 surrogate escape without its pair"};
  }

  char32_t hex4(std::size_t escape) {
    char32_t value = 0;
    for (int k = 0; k < 4; ++k) {
      const char h = peek();
      ++m_at;
      const int digit = h >= '0' && h <= '9' ? h - '0'
                        : h >= 'a' && h <= 'f' ? h - 'a' + 10
                        : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                               : -1;
      if (digit < 0) throw Stop{escape, "invalid JSON: \\u needs four hex digits"};
      value = value * 16 + static_cast<char32_t>(digit);
    }
    return value;
  }

  static void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  std::shared_ptr<Node> make(Node::Kind kind, std::size_t offset) {
    if (++m_node_count > m_limits.max_nodes)
      throw Stop{offset, fmt::format("document has more than {} values{}", m_limits.max_nodes,
                                     m_limits.noun == "profile" ? "; a profile has a few dozen" : "")};
    auto node = std::make_shared<Node>();
    node->kind = kind;
    node->position = position(offset);
    return node;
  }

  char peek() const { return m_at < m_text.size() ? m_text[m_at] : '\0'; }

  void skip_space() {
    while (m_at < m_text.size() && (m_text[m_at] == ' ' || m_text[m_at] == '\t' || m_text[m_at] == '\n' ||
                                    m_text[m_at] == '\r'))
      ++m_at;
  }

  // Line and column (in characters) of `offset`; offsets are asked for in increasing order
  // while building, so the count resumes where it stopped (linear in the text, not quadratic).
  Position position(std::size_t offset) {
    if (offset < m_counted) {
      m_counted = 0;
      m_counted_position = Position{};
    }
    for (; m_counted < offset && m_counted < m_text.size(); ++m_counted) {
      const auto c = static_cast<unsigned char>(m_text[m_counted]);
      if (c == '\n') {
        ++m_counted_position.line;
        m_counted_position.column = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++m_counted_position.column;
      }
    }
    return m_counted_position;
  }

  std::string_view m_text;
  const LoadLimits& m_limits;
  std::size_t m_at = 0;
  std::vector<Frame> m_stack;
  std::vector<std::pair<std::size_t, std::string>> m_duplicates;
  std::size_t m_node_count = 0;
  std::size_t m_counted = 0;
  Position m_counted_position;
};

}  // namespace

NodePtr build_json_tree(std::string_view text, Diagnostics& diagnostics, const LoadLimits& limits) {
  return JsonTreeBuilder(text, limits).build(diagnostics);
}

std::optional<std::size_t> json_too_deep(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::nullopt;
}

std::optional<nlohmann::ordered_json> parse_untrusted_json(std::string_view text, std::string_view noun,
                                                           Diagnostics& diagnostics, int max_depth) {
  // nlohmann stops at a NUL byte as if the text ended there: "123\0garbage" would be 123.
  if (const auto bad = first_invalid_utf8(text)) {
    diagnostics.error(position_of_offset(text, *bad),
                      fmt::format("the {} is not UTF-8 text (byte 0x{:02X})", noun, static_cast<unsigned char>(text[*bad])));
    return std::nullopt;
  }
  if (const auto deep = json_too_deep(text, max_depth)) {
    diagnostics.error(position_of_offset(text, *deep),
                      fmt::format("the {} nests deeper than {} levels", noun, max_depth));
    return std::nullopt;
  }
  try {
    return nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    diagnostics.error(position_of_offset(text, e.byte > 0 ? e.byte - 1 : 0),
                      fmt::format("invalid JSON in the {}: {}", noun, json_parse_reason(e)));
  } catch (const nlohmann::json::exception& e) {
    // A number beyond a double's range ("number overflow parsing '1e400'"): point at it.
    const std::string reason = json_parse_reason(e);
    std::size_t at = 0;
    if (const auto open = reason.find('\''); open != std::string::npos)
      if (const auto close = reason.find('\'', open + 1); close != std::string::npos)
        at = std::min(text.size(), text.find(reason.substr(open + 1, close - open - 1)));
    diagnostics.error(position_of_offset(text, at), fmt::format("invalid JSON in the {}: {}", noun, reason));
  }
  return std::nullopt;
}

}  // namespace edgecalc
