#include <edgecalc/load/document.hpp>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "util/fs_util.hpp"
#include "load/load_json.hpp"

namespace edgecalc {

const MapEntry* Node::find(std::string_view key) const {
  for (const MapEntry& e : entries)
    if (e.key == key) return &e;
  return nullptr;
}

SourceFormat format_for_path(std::string_view path) {
  constexpr std::string_view ext = ".json";
  if (path.size() < ext.size()) return SourceFormat::yaml;
  const std::string_view tail = path.substr(path.size() - ext.size());
  const bool json = std::equal(tail.begin(), tail.end(), ext.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == b;
  });
  return json ? SourceFormat::json : SourceFormat::yaml;
}

Position position_of_offset(std::string_view text, std::size_t offset) {
  Position p;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((c & 0xC0) != 0x80) {  // count characters, not UTF-8 continuation bytes
      ++p.column;
    }
  }
  return p;
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c == 0) return i;
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte (RFC 3629)
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if ((s[i + k] & 0xC0) != 0x80) return i;
    i += len;
  }
  return std::nullopt;
}

// yaml-cpp 0.7 decodes the quoted escapes "\_" and "\N" to the lone bytes 0xA0 and 0x85 (a fuzz
// find: exit 3 on writing JSON). The file was checked to be UTF-8, so such a byte came from an
// escape: it is the Latin-1 code point of its value, written here as UTF-8.
static std::string latin1_escapes_as_utf8(const std::string& value) {
  if (!first_invalid_utf8(value)) return value;
  std::string out;
  std::string_view rest = value;
  while (const auto bad = first_invalid_utf8(rest)) {
    out.append(rest.substr(0, *bad));
    const auto byte = static_cast<unsigned char>(rest[*bad]);
    if (byte == 0) out += '\0';
    else out += {static_cast<char>(0xC0 | (byte >> 6)), static_cast<char>(0x80 | (byte & 0x3F))};
    rest.remove_prefix(*bad + 1);
  }
  out.append(rest);
  return out;
}

namespace {

Position to_position(const YAML::Mark& mark) {
  if (mark.is_null()) return Position{};
  return Position{mark.line + 1, mark.column + 1};
}

// Thrown from inside the event handler to stop a parse that exceeds a limit.
struct LimitExceeded {
  Position position;
  std::string message;
};

bool is_plain_null(const std::string& text) {
  return text == "~" || text == "null" || text == "Null" || text == "NULL";
}

// Builds our Node tree from yaml-cpp's events, iteratively, so that depth costs no stack.
// Anchors are registered when their node is complete, so an alias can never form a cycle,
// and an alias shares the anchored node instead of copying it (no "billion laughs").
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(Diagnostics& diagnostics, const LoadLimits& limits)
      : m_diagnostics(diagnostics), m_limits(limits) {}

  NodePtr root() const { return m_root; }
  Position document_start() const { return m_document_start; }

  void OnDocumentStart(const YAML::Mark& mark) override { m_document_start = to_position(mark); }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto node = make(Node::Kind::null, mark);
    finish(node, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto found = m_anchors.find(anchor);
    if (found == m_anchors.end()) {
      throw LimitExceeded{to_position(mark), "alias refers to an anchor that is not complete"};
    }
    attach(found->second, to_position(mark));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    const bool quoted = tag == "!";
    auto node = make(!quoted && is_plain_null(value) ? Node::Kind::null : Node::Kind::scalar, mark);
    node->text = quoted ? latin1_escapes_as_utf8(value) : value;
    node->quoted = quoted;
    finish(node, anchor);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(make(Node::Kind::sequence, mark), anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(make(Node::Kind::map, mark), anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Frame {
    std::shared_ptr<Node> node;
    YAML::anchor_t anchor = 0;
    bool have_key = false;     // a key was read; its value comes next
    bool key_is_valid = true;  // the key was a scalar
    std::string key;
    Position key_position;
    std::unordered_map<std::string, std::size_t> key_index;  // key -> entry, O(1) duplicate checks
  };

  std::shared_ptr<Node> make(Node::Kind kind, const YAML::Mark& mark) {
    if (++m_node_count > m_limits.max_nodes) {
      throw LimitExceeded{to_position(mark),
                          fmt::format("document has more than {} values{}", m_limits.max_nodes,
                                      m_limits.noun == "profile" ? "; a profile has a few dozen" : "")};
    }
    auto node = std::make_shared<Node>();
    node->kind = kind;
    node->position = to_position(mark);
    return node;
  }

  void open(std::shared_ptr<Node> node, YAML::anchor_t anchor) {
    if (static_cast<int>(m_stack.size()) >= m_limits.max_depth) {
      throw LimitExceeded{node->position,
                          fmt::format("document nests deeper than {} levels", m_limits.max_depth)};
    }
    Frame frame;
    frame.node = std::move(node);
    frame.anchor = anchor;
    m_stack.push_back(std::move(frame));
  }

  void close() {
    Frame frame = std::move(m_stack.back());
    m_stack.pop_back();
    finish(frame.node, frame.anchor);
  }

  void finish(const std::shared_ptr<Node>& node, YAML::anchor_t anchor) {
    if (anchor != 0) m_anchors[anchor] = node;
    attach(node, node->position);
  }

  void attach(const NodePtr& node, Position at) {
    if (m_stack.empty()) {
      m_root = node;
      return;
    }
    Frame& top = m_stack.back();
    if (top.node->kind == Node::Kind::sequence) {
      top.node->items.push_back(node);
      return;
    }
    if (!top.have_key) {
      top.have_key = true;
      top.key_is_valid = node->kind == Node::Kind::scalar;
      top.key = node->text;
      top.key_position = at;
      if (!top.key_is_valid) m_diagnostics.error(at, "a key must be a plain string");
      return;
    }
    top.have_key = false;
    if (!top.key_is_valid) return;
    const auto [slot, inserted] = top.key_index.try_emplace(top.key, top.node->entries.size());
    if (!inserted) {
      m_diagnostics.error(top.key_position,
                          duplicate_key_message(top.key, top.node->entries[slot->second].key_position.line));
      return;
    }
    top.node->entries.push_back(MapEntry{top.key, top.key_position, node});
  }

  Diagnostics& m_diagnostics;
  const LoadLimits& m_limits;
  std::vector<Frame> m_stack;
  std::map<YAML::anchor_t, NodePtr> m_anchors;
  NodePtr m_root;
  Position m_document_start;
  std::size_t m_node_count = 0;
};

// nlohmann's SAX interface, used only to check that a .json file is strict JSON and to say
// where it is not; the tree itself comes from build_json_tree, which keeps positions.
struct JsonChecker : nlohmann::json_sax<nlohmann::json> {
  std::size_t error_offset = 0;
  std::string error_message;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex) override {
    // nlohmann's position is one past the byte it stopped at.
    error_offset = position > 0 ? position - 1 : 0;
    const std::string what = json_parse_reason(ex);
    error_message = fmt::format("invalid JSON: {}", what);
    if (what.find("last read") == std::string::npos && !last_token.empty())
      error_message += fmt::format(" near '{}'", last_token);
    return false;
  }
};

bool check_json(std::string_view text, Diagnostics& diagnostics) {
  JsonChecker checker;
  nlohmann::json::sax_parse(text.begin(), text.end(), &checker);
  if (checker.error_message.empty()) return true;
  diagnostics.error(position_of_offset(text, checker.error_offset), checker.error_message);
  return false;
}

bool is_blank(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '#') {  // a YAML comment runs to the end of the line
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

std::string yaml_message(const YAML::Exception& e) {
  std::string msg = e.msg;
  if (!msg.empty()) msg[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(msg[0])));
  return fmt::format("invalid YAML: {}", msg);
}

}  // namespace

std::optional<Document> load_text(std::string_view text, SourceFormat format,
                                  Diagnostics& diagnostics, const LoadLimits& limits) {
  if (text.size() > limits.max_bytes) {
    diagnostics.error(Position{}, fmt::format("file is {} bytes; a {} is limited to {} bytes", text.size(),
                                              limits.noun, limits.max_bytes));
    return std::nullopt;
  }
  // A UTF-8 byte order mark is allowed and skipped.
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (const auto bad = first_invalid_utf8(text)) {
    diagnostics.error(position_of_offset(text, *bad),
                      fmt::format("file is not UTF-8 text (byte 0x{:02X})",
                                  static_cast<unsigned char>(text[*bad])));
    return std::nullopt;
  }
  if (is_blank(text)) {
    diagnostics.error(Position{}, fmt::format("{} is empty", limits.noun));
    return std::nullopt;
  }
  if (format == SourceFormat::json) {
    // JSON is read as JSON, not as YAML: YAML decodes each half of a surrogate pair alone.
    if (!check_json(text, diagnostics)) return std::nullopt;
    NodePtr root = build_json_tree(text, diagnostics, limits);
    if (!root) return std::nullopt;
    if (root->kind == Node::Kind::null) {
      diagnostics.error(Position{}, fmt::format("{} is empty", limits.noun));
      return std::nullopt;
    }
    return Document{diagnostics.file(), root};
  }

  const std::size_t errors_before = diagnostics.size();
  std::istringstream stream{std::string(text)};
  TreeBuilder builder(diagnostics, limits);
  try {
    YAML::Parser parser(stream);
    parser.HandleNextDocument(builder);
    TreeBuilder second(diagnostics, limits);
    if (parser.HandleNextDocument(second)) {
      diagnostics.error(second.document_start(),
                        fmt::format("a {} is a single document; found a second one", limits.noun));
      return std::nullopt;
    }
  } catch (const YAML::DeepRecursion& e) {
    diagnostics.error(to_position(e.mark),
                      fmt::format("document nests deeper than {} levels", limits.max_depth));
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    diagnostics.error(to_position(e.mark), yaml_message(e));
    return std::nullopt;
  } catch (const LimitExceeded& e) {
    diagnostics.error(e.position, e.message);
    return std::nullopt;
  }
  if (diagnostics.size() != errors_before) return std::nullopt;
  if (!builder.root() || builder.root()->kind == Node::Kind::null) {
    diagnostics.error(Position{}, fmt::format("{} is empty", limits.noun));
    return std::nullopt;
  }
  return Document{diagnostics.file(), builder.root()};
}

std::string json_parse_reason(const std::exception& parse_error) {
  // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
  // "[json.exception.out_of_range.406] number overflow parsing '1e400'"
  std::string what = parse_error.what();
  if (what.starts_with("[json.exception.")) what = what.substr(std::min(what.size(), what.find("] ") + 2));
  const auto colon = what.find(": ");
  return what.starts_with("parse error") && colon != std::string::npos ? what.substr(colon + 2) : what;
}

std::optional<Document> load_file(const std::string& path, Diagnostics& diagnostics,
                                  const LoadLimits& limits) {
  std::string text;
  if (std::string problem = read_file_bounded(path, limits.max_bytes, text, limits.noun); !problem.empty()) {
    diagnostics.error(Position{}, problem);
    return std::nullopt;
  }
  return load_text(text, format_for_path(path), diagnostics, limits);
}

}  // namespace edgecalc
