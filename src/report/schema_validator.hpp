#pragma once

// A small JSON Schema validator: the subset schema/report-v1.schema.json uses
// ($ref to #/$defs, type, enum, const, required, properties, additionalProperties: false, items,
// minimum, maximum, anyOf). A keyword it does not know is an error, so the schema cannot use
// more than this checks. edgecalc validates saved reports with it before rendering them, and the
// tests validate every golden report.

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace edgecalc {

class SchemaValidator {
 public:
  explicit SchemaValidator(nlohmann::json schema) : m_root(std::move(schema)) {}

  // Every violation of `schema` (the root when omitted) by `instance`, as "path: problem".
  std::vector<std::string> validate(const nlohmann::json& instance) const { return validate(instance, m_root); }
  std::vector<std::string> validate(const nlohmann::json& instance, const nlohmann::json& schema) const {
    std::vector<std::string> errors;
    check(instance, schema, "", errors);
    return errors;
  }
  const nlohmann::json& def(const std::string& name) const { return m_root["$defs"][name]; }

 private:
  static bool has_type(const nlohmann::json& v, const std::string& type) {
    if (type == "null") return v.is_null();
    if (type == "boolean") return v.is_boolean();
    if (type == "string") return v.is_string();
    if (type == "array") return v.is_array();
    if (type == "object") return v.is_object();
    if (type == "number") return v.is_number();
    if (type == "integer") return v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
    return false;
  }

  void check(const nlohmann::json& v, const nlohmann::json& s, const std::string& path,
             std::vector<std::string>& errors) const {
    static const std::set<std::string> known = {"$schema", "$id", "title", "description", "$defs", "$ref", "type",
                                                "enum", "const", "required", "properties", "additionalProperties",
                                                "items", "minimum", "maximum", "anyOf"};
    const std::string at = path.empty() ? "/" : path;
    for (const auto& [key, _] : s.items())
      if (!known.contains(key)) errors.push_back(at + ": schema keyword `" + key + "` is not supported");
    if (s.contains("$ref")) {
      const std::string ref = s["$ref"];
      const std::string prefix = "#/$defs/";
      if (ref.rfind(prefix, 0) != 0 || !m_root["$defs"].contains(ref.substr(prefix.size()))) {
        errors.push_back(at + ": unresolved $ref " + ref);
        return;
      }
      check(v, m_root["$defs"][ref.substr(prefix.size())], path, errors);
    }
    if (s.contains("type")) {
      bool ok = false;
      if (s["type"].is_string()) ok = has_type(v, s["type"]);
      else for (const auto& t : s["type"]) ok = ok || has_type(v, t);
      if (!ok) {
        errors.push_back(at + ": expected type " + s["type"].dump() + ", got " + v.dump().substr(0, 60));
        return;
      }
    }
    if (s.contains("const") && v != s["const"]) errors.push_back(at + ": expected " + s["const"].dump());
    if (s.contains("enum")) {
      bool found = false;
      for (const auto& e : s["enum"]) found = found || e == v;
      if (!found) errors.push_back(at + ": " + v.dump() + " is not one of " + s["enum"].dump());
    }
    if (v.is_number()) {
      if (s.contains("minimum") && v.get<double>() < s["minimum"].get<double>()) errors.push_back(at + ": below minimum");
      if (s.contains("maximum") && v.get<double>() > s["maximum"].get<double>()) errors.push_back(at + ": above maximum");
    }
    if (s.contains("anyOf")) {
      bool any = false;
      for (const auto& option : s["anyOf"]) {
        std::vector<std::string> sub;
        check(v, option, path, sub);
        any = any || sub.empty();
      }
      if (!any) errors.push_back(at + ": matches none of anyOf");
    }
    if (v.is_object()) {
      if (s.contains("required"))
        for (const auto& key : s["required"])
          if (!v.contains(key.get<std::string>())) errors.push_back(at + ": missing required key " + key.dump());
      const bool closed = s.contains("additionalProperties") && s["additionalProperties"] == false;
      for (const auto& [key, value] : v.items()) {
        if (s.contains("properties") && s["properties"].contains(key)) check(value, s["properties"][key], path + "/" + key, errors);
        else if (closed) errors.push_back(at + ": key `" + key + "` is not in the schema");
      }
    }
    if (v.is_array() && s.contains("items"))
      for (std::size_t i = 0; i < v.size(); ++i) check(v[i], s["items"], path + "/" + std::to_string(i), errors);
  }

  nlohmann::json m_root;
};

// The shipped schema/report-v1.schema.json, compiled in.
const SchemaValidator& report_schema();

}  // namespace edgecalc
