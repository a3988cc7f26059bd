#pragma once

// The Markdown files the docs tests read: the README and every page of docs/.

#include <string>
#include <vector>

namespace edgecalc::test {

inline const std::vector<std::string> k_documents = {
    "README.md",        "docs/catalog.md", "docs/ci.md",      "docs/fuzzing.md", "docs/model.md",
    "docs/networks.md", "docs/predictor.md", "docs/profile.md", "docs/report.md", "docs/rules.md"};

}  // namespace edgecalc::test
