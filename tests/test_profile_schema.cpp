// schema/profile-v1.schema.json, the JSON Schema editors complete profiles with: every example
// and valid test profile passes it, and it names exactly the keys the reader reads, map by map.
// The reader's keys come from the reader itself: a key it does not know, `zz_probe`, put into
// every map of a profile, is refused with the list of the keys that map takes.

#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include <edgecalc/domain/rule_table.hpp>
#include <edgecalc/load/document.hpp>
#include <edgecalc/load/quantity.hpp>
#include <edgecalc/profile/profile.hpp>

#include "cli_run.hpp"
#include "report/schema_validator.hpp"

using namespace edgecalc;
namespace profile_schema {  // named: the tests build in unity batches

using Json = nlohmann::json;
namespace fs = std::filesystem;

const std::string k_root = EDGECALC_SOURCE_DIR;

const Json& schema() {
  static const Json s = Json::parse(test::read_text(k_root + "/schema/profile-v1.schema.json"));
  return s;
}

// A profile as an editor's YAML language server sees it: plain scalars typed by YAML's core
// schema (numbers, booleans, null), quoted ones strings.
Json typed(const Node& n) {
  switch (n.kind) {
    case Node::Kind::null: return nullptr;
    case Node::Kind::map: {
      Json o = Json::object();
      for (const MapEntry& e : n.entries) o[e.key] = typed(*e.value);
      return o;
    }
    case Node::Kind::sequence: {
      Json a = Json::array();
      for (const NodePtr& item : n.items) a.push_back(typed(*item));
      return a;
    }
    case Node::Kind::scalar: break;
  }
  if (n.quoted) return n.text;
  if (n.text == "true" || n.text == "false") return n.text == "true";
  if (std::regex_match(n.text, std::regex(R"([-+]?[0-9]+)"))) return std::stoll(n.text);
  if (std::regex_match(n.text, std::regex(R"([-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+)")))
    return std::stod(n.text);
  return n.text;
}

Json typed_file(const std::string& path) {
  Diagnostics d(path);
  const auto doc = load_file(path, d);
  INFO(format_diagnostics(d));
  REQUIRE(doc);
  return typed(*doc->root);
}

// Every profile that must load: the examples and the valid test profiles.
std::vector<std::string> valid_profiles() {
  std::vector<std::string> out;
  for (const char* dir : {"/profiles", "/tests/data/valid", "/tests/data/model", "/tests/data/rules"})
    for (const auto& e : fs::directory_iterator(k_root + dir))
      if (e.path().extension() == ".yaml" || e.path().extension() == ".json") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

// The schema of the object at `path` ("cloud.price"): its properties, following $ref and the
// object branch of an anyOf; nullptr when the schema has no object there.
const Json* object_schema(const std::string& path) {
  const Json& root = schema();
  const auto resolve = [&](const Json* s) {
    while (s && s->contains("$ref")) s = &root["$defs"][s->at("$ref").get<std::string>().substr(8)];
    // A field written as a map or a value (edge.power): the map. A range or a gate's level,
    // which any numeric field or limit may be, is not one of the maps compared.
    if (s && s->contains("anyOf"))
      for (const Json& option : s->at("anyOf"))
        if (!option.contains("$ref") && option.contains("properties") && !option.at("properties").contains("option"))
          return &option;
    return s;
  };
  const Json* s = &root;
  std::size_t at = 0;
  while (!path.empty() && at <= path.size()) {
    const std::size_t dot = std::min(path.find('.', at), path.size());
    const std::string key = path.substr(at, dot - at);
    s = resolve(s);
    if (!s || !s->contains("properties") || !s->at("properties").contains(key)) return nullptr;
    s = &s->at("properties").at(key);
    at = dot + 1;
  }
  s = resolve(s);
  return s && s->contains("properties") ? s : nullptr;
}

std::set<std::string> property_names(const Json& s) {
  std::set<std::string> out;
  for (auto it = s.at("properties").begin(); it != s.at("properties").end(); ++it) out.insert(it.key());
  return out;
}

// `profile` with `zz_probe: 1` added to every object but a range's or a gate level's, whose keys
// the reader checks another way.
void add_probes(Json& j) {
  if (!j.is_object()) return;
  if (j.contains("low") || j.contains("limit") || j.contains("option")) return;
  for (auto& [key, value] : j.items()) add_probes(value);
  j["zz_probe"] = 1;
}

}  // namespace profile_schema

TEST_CASE("every example and valid test profile passes schema/profile-v1.schema.json", "[schema][profile]") {
  using namespace profile_schema;
  using profile_schema::Json;
  const SchemaValidator validator(schema());
  std::size_t checked = 0;
  for (const std::string& path : valid_profiles()) {
    INFO(path);
    const auto errors = validator.validate(typed_file(path));
    CHECK(errors == std::vector<std::string>{});
    ++checked;
  }
  CHECK(checked >= 20);  // 24 today
  // And it refuses what the reader refuses: a misspelt key, a network that does not exist.
  Json bad = typed_file(k_root + "/profiles/team-gpu-server.yaml");
  bad["workload"]["latency_budgt"] = "20s";
  CHECK_FALSE(validator.validate(bad).empty());
  bad = typed_file(k_root + "/profiles/team-gpu-server.yaml");
  bad["connectivity"]["network"] = "5g";
  CHECK_FALSE(validator.validate(bad).empty());
}

TEST_CASE("the profile schema and the reader agree on every map's keys", "[schema][profile]") {
  using namespace profile_schema;
  using profile_schema::Json;
  // path -> the keys the reader lists for it, from the probes of every valid profile
  std::map<std::string, std::set<std::string>> reader;
  const std::regex unknown(R"(unknown key `zz_probe` (at the top level|in ([a-z0-9_.]+)); expected one of ([a-z0-9_, .-]+))");
  // Every valid profile, and three forms none of them writes.
  std::vector<Json> profiles;
  for (const std::string& path : valid_profiles()) profiles.push_back(typed_file(path));
  Json variant = typed_file(k_root + "/profiles/team-gpu-server.yaml");
  variant["cloud"].erase("model");
  variant["cloud"]["price"] = {{"per_1k_tokens", {{"input", "$0.003"}, {"output", "$0.015"}}}};
  variant["edge"]["power"] = {{"idle", "80W"}, {"active", "600W"}};
  variant["rules"] = {{"latency.cloud-floor", "off"}};
  variant["finance"] = {{"discount_rate", "8%/year"}};
  variant["carbon"] = {{"grid", "germany"}};
  variant["fleet"]["ramp"] = {{"start", "10"}, {"over", "12 months"}};
  profiles.push_back(variant);
  for (Json probed : profiles) {
    add_probes(probed);
    Diagnostics d("probe.json");
    const auto doc = load_text(probed.dump(), SourceFormat::json, d);
    REQUIRE(doc);
    (void)build_profile(*doc, d);
    const std::string messages = format_diagnostics(d);
    for (auto it = std::sregex_iterator(messages.begin(), messages.end(), unknown); it != std::sregex_iterator(); ++it) {
      std::set<std::string>& keys = reader[(*it)[2].str()];
      const std::string list = (*it)[3];
      const std::regex word("[a-z0-9_.-]+");
      for (auto w = std::sregex_iterator(list.begin(), list.end(), word); w != std::sregex_iterator(); ++w)
        keys.insert(w->str());
    }
  }
  REQUIRE(reader.size() >= 12);  // top, workload, tokens, fleet, connectivity, data, cloud, price ...
  for (const auto& [path, keys] : reader) {
    INFO("map " << (path.empty() ? "(top level)" : path));
    const Json* s = object_schema(path);
    REQUIRE(s);
    CHECK(property_names(*s) == keys);
  }
  // Every object of the schema was probed, so none of them can drift unseen.
  std::vector<std::string> unprobed;
  const std::function<void(const std::string&)> walk = [&](const std::string& path) {
    const Json* o = object_schema(path);
    if (!o) return;
    if (!reader.contains(path)) unprobed.push_back(path.empty() ? "(top level)" : path);
    for (const std::string& key : property_names(*o)) walk(path.empty() ? key : path + "." + key);
  };
  walk("");
  // rules: takes rule ids, which the reader checks against the rule table instead.
  CHECK(unprobed == std::vector<std::string>{"rules"});
  std::set<std::string> ids;
  for (const RuleInfo& rule : rule_table()) ids.insert(std::string(rule.id));
  CHECK(property_names(*object_schema("rules")) == ids);
}
