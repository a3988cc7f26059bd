// Build-time tool: turns the catalog's YAML files into a C++ source holding them as compact JSON
// (every scalar kept as a string, exactly as written), so that edgecalc parses its built-in
// catalog with a fast JSON parser instead of scanning YAML at every start. The runtime validates
// the entries as strictly as a --catalog file; tests check them all.
//   embed_catalog OUTPUT.cpp NAME=FILE.yaml...

#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

namespace {

nlohmann::ordered_json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::ordered_json j = nlohmann::ordered_json::object();
      for (const auto& entry : node) j[entry.first.as<std::string>()] = to_json(entry.second);
      return j;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::ordered_json j = nlohmann::ordered_json::array();
      for (const auto& item : node) j.push_back(to_json(item));
      return j;
    }
    case YAML::NodeType::Scalar:
      return node.Scalar();
    default:
      return nullptr;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: embed_catalog OUTPUT.cpp NAME=FILE.yaml...\n";
    return 2;
  }
  std::string out = "// Generated at build time by tools/embed_catalog.cpp from data/*.yaml; do not edit.\n"
                    "namespace edgecalc::detail {\n";
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto eq = arg.find('=');
    if (eq == std::string::npos) {
      std::cerr << "embed_catalog: expected NAME=FILE, got " << arg << "\n";
      return 2;
    }
    try {
      const std::string json = to_json(YAML::LoadFile(arg.substr(eq + 1))).dump();
      out += "extern const char* const " + arg.substr(0, eq) + ";\n";
      out += "const char* const " + arg.substr(0, eq) + " = R\"edgecalc_data(" + json + ")edgecalc_data\";\n";
    } catch (const YAML::Exception& e) {
      std::cerr << arg.substr(eq + 1) << ":" << e.mark.line + 1 << ":" << e.mark.column + 1 << ": error: " << e.msg
                << "\n";
      return 1;
    }
  }
  out += "}  // namespace edgecalc::detail\n";
  std::ofstream(argv[1]) << out;
  return 0;
}
