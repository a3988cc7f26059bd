#pragma once

// A small JSON Schema validator: the subset schema/report-v1.schema.json uses
// ($ref to #/$defs, type, enum, const, required, properties, additionalProperties: false, items,
// minimum, maximum, anyOf). A keyword it does not know is an error, so the schema cannot use
// more than this checks. edgecalc validates saved reports with it before rendering them, and the
// tests validate every golden report.
//
// The schema is compiled once into nodes (keywords looked up, $refs resolved, property maps
// built), so that validating a report walks the report, not the schema's JSON: render checks
// every saved report it reads.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace edgecalc {

class SchemaValidator {
 public:
  explicit SchemaValidator(nlohmann::json schema);
  ~SchemaValidator();
  SchemaValidator(const SchemaValidator&) = delete;
  SchemaValidator& operator=(const SchemaValidator&) = delete;

  // Every violation of `schema` (the root when omitted; a part of this validator's schema, such
  // as def(name), or another whose $refs point into this one's $defs) by `instance`, as
  // "path: problem", in the order of the instance's keys.
  std::vector<std::string> validate(const nlohmann::json& instance) const;
  std::vector<std::string> validate(const nlohmann::json& instance, const nlohmann::json& schema) const;
  const nlohmann::json& def(const std::string& name) const { return m_root["$defs"][name]; }

  struct Node;

 private:
  const Node* compile(const nlohmann::json& schema) const;

  nlohmann::json m_root;
  mutable std::vector<std::unique_ptr<Node>> m_nodes;
  mutable std::map<const nlohmann::json*, const Node*> m_compiled;  // by the schema part's address
  const Node* m_root_node = nullptr;
};

// The shipped schema/report-v1.schema.json, compiled in.
const SchemaValidator& report_schema();

}  // namespace edgecalc
