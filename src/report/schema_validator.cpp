#include "report/schema_validator.hpp"

#include <array>
#include <cmath>
#include <algorithm>
#include <functional>
#include <string_view>

namespace edgecalc {

using nlohmann::json;

// One schema object, its keywords read once.
struct SchemaValidator::Node {
  std::vector<std::string> unsupported;  // keywords outside the subset: an error wherever the node applies
  std::optional<std::string> bad_ref;    // a $ref that does not resolve
  const Node* ref = nullptr;
  std::vector<std::string> types;  // empty: any
  std::string types_text;          // the schema's "type" as written, for the message
  const json* constant = nullptr;
  const json* enumeration = nullptr;
  std::optional<double> minimum, maximum;
  std::vector<const Node*> any_of;
  std::vector<std::string> required;
  bool has_properties = false;
  std::map<std::string, const Node*, std::less<>> properties;
  bool closed = false;  // additionalProperties: false
  const Node* items = nullptr;
};

namespace {

constexpr std::array<std::string_view, 16> k_keywords = {
    "$schema", "$id", "title", "description", "$defs", "$ref", "type", "enum", "const", "required",
    "properties", "additionalProperties", "items", "minimum", "maximum", "anyOf"};

bool has_type(const json& v, const std::string& type) {
  if (type == "null") return v.is_null();
  if (type == "boolean") return v.is_boolean();
  if (type == "string") return v.is_string();
  if (type == "array") return v.is_array();
  if (type == "object") return v.is_object();
  if (type == "number") return v.is_number();
  if (type == "integer") return v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
  return false;
}

// The instance path is one string grown and cut back as the walk descends: built only into errors.
class Walk {
 public:
  explicit Walk(std::vector<std::string>& errors) : m_errors(errors) {}

  void check(const json& v, const SchemaValidator::Node& s) {
    for (const std::string& key : s.unsupported) error("schema keyword `" + key + "` is not supported");
    if (s.bad_ref) {
      error("unresolved $ref " + *s.bad_ref);
      return;
    }
    if (s.ref) check(v, *s.ref);
    if (!s.types.empty()) {
      bool ok = false;
      for (const std::string& t : s.types) ok = ok || has_type(v, t);
      if (!ok) {
        error("expected type " + s.types_text + ", got " + v.dump().substr(0, 60));
        return;
      }
    }
    if (s.constant && v != *s.constant) error("expected " + s.constant->dump());
    if (s.enumeration) {
      bool found = false;
      for (const auto& e : *s.enumeration) found = found || e == v;
      if (!found) error(v.dump() + " is not one of " + s.enumeration->dump());
    }
    if (v.is_number()) {
      if (s.minimum && v.get<double>() < *s.minimum) error("below minimum");
      if (s.maximum && v.get<double>() > *s.maximum) error("above maximum");
    }
    if (!s.any_of.empty()) {
      bool any = false;
      for (const SchemaValidator::Node* option : s.any_of) {
        std::vector<std::string> sub;
        Walk inner(sub);
        inner.m_path = m_path;
        inner.check(v, *option);
        any = any || sub.empty();
        if (any) break;
      }
      if (!any) error("matches none of anyOf");
    }
    if (v.is_object()) {
      for (const std::string& key : s.required)
        if (!v.contains(key)) error("missing required key " + json(key).dump());
      for (const auto& [key, value] : v.items()) {
        const auto it = s.has_properties ? s.properties.find(key) : s.properties.end();
        if (it != s.properties.end()) {
          const std::size_t size = m_path.size();
          m_path.append("/").append(key);
          check(value, *it->second);
          m_path.resize(size);
        } else if (s.closed) {
          error("key `" + key + "` is not in the schema");
        }
      }
    }
    if (v.is_array() && s.items)
      for (std::size_t i = 0; i < v.size(); ++i) {
        const std::size_t size = m_path.size();
        m_path.append("/").append(std::to_string(i));
        check(v[i], *s.items);
        m_path.resize(size);
      }
  }

 private:
  void error(const std::string& problem) { m_errors.push_back((m_path.empty() ? "/" : m_path) + ": " + problem); }

  std::vector<std::string>& m_errors;
  std::string m_path;
};

}  // namespace

SchemaValidator::SchemaValidator(json schema) : m_root(std::move(schema)) { m_root_node = compile(m_root); }
SchemaValidator::~SchemaValidator() = default;

const SchemaValidator::Node* SchemaValidator::compile(const json& s) const {
  if (const auto it = m_compiled.find(&s); it != m_compiled.end()) return it->second;
  Node& n = *m_nodes.emplace_back(std::make_unique<Node>());
  m_compiled.emplace(&s, &n);  // before the parts: a $ref may lead back here
  if (!s.is_object()) return &n;
  for (const auto& [key, _] : s.items())
    if (std::find(k_keywords.begin(), k_keywords.end(), key) == k_keywords.end()) n.unsupported.push_back(key);
  if (const auto ref = s.find("$ref"); ref != s.end()) {
    const std::string text = ref->is_string() ? ref->get<std::string>() : ref->dump();
    const std::string prefix = "#/$defs/";
    const auto defs = m_root.find("$defs");
    if (text.rfind(prefix, 0) != 0 || defs == m_root.end() || !defs->contains(text.substr(prefix.size())))
      n.bad_ref = text;
    else
      n.ref = compile((*defs)[text.substr(prefix.size())]);
  }
  if (const auto type = s.find("type"); type != s.end()) {
    n.types_text = type->dump();
    if (type->is_string()) n.types.push_back(*type);
    else for (const auto& t : *type) n.types.push_back(t);
  }
  if (const auto c = s.find("const"); c != s.end()) n.constant = &*c;
  if (const auto e = s.find("enum"); e != s.end()) n.enumeration = &*e;
  if (const auto m = s.find("minimum"); m != s.end()) n.minimum = m->get<double>();
  if (const auto m = s.find("maximum"); m != s.end()) n.maximum = m->get<double>();
  if (const auto any = s.find("anyOf"); any != s.end())
    for (const auto& option : *any) n.any_of.push_back(compile(option));
  if (const auto required = s.find("required"); required != s.end())
    for (const auto& key : *required) n.required.push_back(key.get<std::string>());
  if (const auto properties = s.find("properties"); properties != s.end()) {
    n.has_properties = true;
    for (const auto& [key, part] : properties->items()) n.properties.emplace(key, compile(part));
  }
  if (const auto extra = s.find("additionalProperties"); extra != s.end()) n.closed = *extra == false;
  if (const auto items = s.find("items"); items != s.end()) n.items = compile(*items);
  return &n;
}

std::vector<std::string> SchemaValidator::validate(const json& instance) const {
  std::vector<std::string> errors;
  Walk(errors).check(instance, *m_root_node);
  return errors;
}

std::vector<std::string> SchemaValidator::validate(const json& instance, const json& schema) const {
  std::vector<std::string> errors;
  Walk(errors).check(instance, *compile(schema));
  return errors;
}

}  // namespace edgecalc
