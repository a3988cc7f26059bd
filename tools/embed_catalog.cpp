// Build-time tool: turns the catalog's YAML files into a C++ source holding them as compact JSON
// (every scalar kept as a string, exactly as written), so that edgecalc parses its built-in
// catalog with a fast JSON parser instead of scanning YAML at every start. The files are read by
// edgecalc's own load stage, so they are checked exactly as a --catalog file is: duplicate keys,
// limits and syntax errors are reported as FILE:LINE:COL: error: ..., exit 2. The runtime then
// validates the entries as strictly as a --catalog file; tests check them all. The output is
// written atomically; a failed write is exit 2 too.
//   embed_catalog OUTPUT.cpp NAME=FILE.yaml...

#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include <edgecalc/load/document.hpp>

#include "util/fs_util.hpp"

namespace {

nlohmann::ordered_json to_json(const edgecalc::Node& node) {
  using edgecalc::Node;
  switch (node.kind) {
    case Node::Kind::map: {
      nlohmann::ordered_json j = nlohmann::ordered_json::object();
      for (const auto& entry : node.entries) j[entry.key] = to_json(*entry.value);
      return j;
    }
    case Node::Kind::sequence: {
      nlohmann::ordered_json j = nlohmann::ordered_json::array();
      for (const auto& item : node.items) j.push_back(to_json(*item));
      return j;
    }
    case Node::Kind::scalar: return node.text;
    case Node::Kind::null: break;
  }
  return nullptr;
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
      std::cerr << "embed_catalog: error: expected NAME=FILE, got " << arg << "\n";
      return 2;
    }
    const std::string path = arg.substr(eq + 1);
    edgecalc::Diagnostics diagnostics(path);
    edgecalc::LoadLimits limits;
    limits.max_bytes = 64u * 1024 * 1024;  // as merge_catalog_text
    limits.max_nodes = 2'000'000;
    limits.noun = "catalog";
    const auto document = edgecalc::load_file(path, diagnostics, limits);
    if (!document) {
      std::cerr << edgecalc::format_diagnostics(diagnostics);
      return 2;
    }
    const std::string json = to_json(*document->root).dump();
    out += "extern const char* const " + arg.substr(0, eq) + ";\n";
    out += "const char* const " + arg.substr(0, eq) + " = R\"edgecalc_data(" + json + ")edgecalc_data\";\n";
  }
  out += "}  // namespace edgecalc::detail\n";
  if (const std::string problem = edgecalc::write_file_atomically(argv[1], out); !problem.empty()) {
    std::cerr << "embed_catalog: error: " << argv[1] << ": " << problem << "\n";
    return 2;
  }
  return 0;
}
