#pragma once

// The Markdown files the docs tests read: the README and every page of docs/.

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cli_run.hpp"

namespace edgecalc::test {

inline const std::vector<std::string> k_documents = {
    "README.md",        "docs/architecture.md", "docs/catalog.md", "docs/ci.md", "docs/fuzzing.md", "docs/install.md", "docs/model.md",
    "docs/networks.md", "docs/predictor.md", "docs/profile.md", "docs/report.md", "docs/rules.md"};

// A generated block of a document: <!-- generated: KEY -->...<!-- /generated -->, made again by
// the test that owns KEY (tests/test_doc_figures.cpp lists them all).
inline const std::string k_begin = "<!-- generated: ";
inline const std::string k_end = "<!-- /generated -->";

// Compares the block KEY of `file` (relative to the source tree) with `expected`.
inline void check_block(const std::string& file, const std::string& key, const std::string& expected) {
  const std::string path = k_source + "/" + file;
  std::string text = read_text(path);
  const std::string marker = k_begin + key + " -->";
  const auto at = text.find(marker);
  INFO(file << ": block " << key);
  REQUIRE(at != std::string::npos);
  const auto from = at + marker.size();
  const auto to = text.find(k_end, from);
  REQUIRE(to != std::string::npos);
  const std::string actual = text.substr(from, to - from);
  if (actual != expected && std::getenv("EDGECALC_UPDATE_GOLDEN")) {
    text.replace(from, to - from, expected);
    std::ofstream(path, std::ios::binary) << text;
    WARN("updated " << file << " block " << key);
  } else {
    CHECK(actual == expected);
  }
}

}  // namespace edgecalc::test
