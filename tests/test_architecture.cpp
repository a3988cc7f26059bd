// The dependency direction of the stages (docs/architecture.md): every #include of one of our
// headers names its stage ("stage/x.hpp" or <edgecalc/stage/x.hpp>), and a stage includes only
// the stages its row allows. The self-check below proves the check fails on a forbidden include.

#include <catch2/catch.hpp>

#include "cli/commands.hpp"

#include <filesystem>
#include <fstream>
#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// docs/architecture.md's "uses" column (the test at the end holds the two equal).
const std::map<std::string, std::set<std::string>> k_allowed = {
    {"util", {}},
    {"load", {"util"}},
    {"domain", {"load", "util"}},
    {"profile", {"domain", "load", "util"}},
    {"model", {"profile", "domain", "load", "util"}},
    {"decide", {"model", "profile", "domain", "load", "util"}},
    {"explore", {"decide", "model", "profile", "domain", "load", "util"}},
    {"report", {"explore", "decide", "model", "profile", "domain", "load", "util"}},
    {"render", {"report", "decide", "domain", "util"}},
    {"cli", {"render", "report", "explore", "decide", "model", "profile", "domain", "load", "util"}},
    // Beside the library: build-time tools read catalogs; fuzz targets drive the CLI.
    {"tools", {"domain", "load", "util"}},
    {"fuzz", {"cli", "render", "report", "explore", "decide", "model", "profile", "domain", "load", "util"}},
};

// Exceptions docs/architecture.md lists as still open: file -> the included header. None are
// left; an entry here must be named there.
const std::set<std::pair<std::string, std::string>> k_known = {};

// The headers of ours that `text` includes, as "stage/path.hpp" (nested folders too); libraries
// (nlohmann/, fmt/, catch2/) and files beside the includer ("fuzz_cli.hpp") are left out.
std::vector<std::string> our_includes(const std::string& text) {
  static const std::regex include(R"re(#include\s*[<"](?:edgecalc/)?([a-z_]+)/([A-Za-z0-9_/]+\.hpp)[>"])re");
  std::vector<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), include), end; it != end; ++it)
    if (k_allowed.contains((*it)[1])) out.push_back((*it)[1].str() + "/" + (*it)[2].str());
  return out;
}

// A header's own includes, by its "stage/path.hpp" name; empty for one not found.
using Headers = std::map<std::string, std::vector<std::string>>;

// "stage/file -> stage/header" for every include of `text` (in stage `from`, file `name`) that
// the table forbids, directly or through the headers it includes (`headers`), and that is not a
// known exception. An indirect one reads "stage/file -> a.hpp -> b.hpp".
std::vector<std::string> violations(const std::string& from, const std::string& name, const std::string& text,
                                    const Headers& headers = {}) {
  const auto stage_of = [](const std::string& header) { return header.substr(0, header.find('/')); };
  const auto allowed = [&](const std::string& header) {
    const std::string to = stage_of(header);
    return to == from || k_allowed.at(from).contains(to) || k_known.contains({from + "/" + name, header});
  };
  std::vector<std::string> out;
  std::set<std::string> seen;
  // Depth first through the headers, with the chain that reached each one.
  std::vector<std::pair<std::string, std::string>> todo;
  for (const std::string& h : our_includes(text)) todo.emplace_back(h, from + "/" + name + " -> " + h);
  while (!todo.empty()) {
    const auto [header, chain] = todo.back();
    todo.pop_back();
    if (!seen.insert(header).second) continue;
    if (!allowed(header)) {
      out.push_back(chain);
      continue;
    }
    if (const auto it = headers.find(header); it != headers.end())
      for (const std::string& next : it->second) todo.emplace_back(next, chain + " -> " + next);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_source(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("the direction check fails on a forbidden include", "[architecture]") {
  // util may use nothing of ours; load may use util; render may not reach into model.
  CHECK(violations("util", "format.cpp", "#include \"decide/rules.hpp\"\n") ==
        std::vector<std::string>{"util/format.cpp -> decide/rules.hpp"});
  CHECK(violations("render", "x.cpp", "#include <edgecalc/model/model.hpp>\n").size() == 1);
  CHECK(violations("load", "x.cpp", "#include <edgecalc/util/diagnostic.hpp>\n#include <nlohmann/json.hpp>\n").empty());
  CHECK(violations("load", "overrides.cpp", "#include <edgecalc/decide/rules.hpp>\n").size() == 1);  // no longer an exception
  CHECK(violations("profile", "profile.hpp", "#include <edgecalc/model/predictor.hpp>\n").size() == 1);  // no longer one
  // Nested folders, tools and fuzz targets are checked too.
  CHECK(violations("render", "x.cpp", "#include \"model/serving/batch.hpp\"\n").size() == 1);
  CHECK(violations("tools", "embed.cpp", "#include <edgecalc/decide/rules.hpp>\n").size() == 1);
  CHECK(violations("fuzz", "f.cpp", "#include <edgecalc/cli/cli.hpp>\n#include \"fuzz_cli.hpp\"\n").empty());
  // An include that is allowed but pulls in a forbidden stage is a violation with its chain.
  const Headers headers{{"decide/pipeline.hpp", {"model/model.hpp", "decide/verdict.hpp"}}, {"decide/verdict.hpp", {}}};
  CHECK(violations("render", "x.cpp", "#include <edgecalc/decide/pipeline.hpp>\n", headers) ==
        std::vector<std::string>{"render/x.cpp -> decide/pipeline.hpp -> model/model.hpp"});
  CHECK(violations("report", "x.cpp", "#include <edgecalc/decide/pipeline.hpp>\n", headers).empty());
}

TEST_CASE("every stage includes only the stages it may use, directly or through a header", "[architecture]") {
  const fs::path root = EDGECALC_SOURCE_DIR;
  // Every source file of every stage (nested folders too), then the tools and the fuzz targets.
  struct Source {
    std::string stage, name;
    fs::path path;
  };
  std::vector<Source> sources;
  Headers headers;
  for (const fs::path& base : {root / "src", root / "include" / "edgecalc"}) {
    for (const auto& entry : fs::recursive_directory_iterator(base)) {
      if (!entry.is_regular_file() || entry.path().extension() == ".txt") continue;
      const fs::path rel = fs::relative(entry.path(), base);
      INFO(rel.string());
      REQUIRE(std::distance(rel.begin(), rel.end()) >= 2);  // nothing but CMakeLists.txt at the top
      const std::string stage = rel.begin()->string();
      REQUIRE(k_allowed.contains(stage));  // every folder is a stage of the table
      sources.push_back({stage, fs::relative(rel, stage).generic_string(), entry.path()});
      if (entry.path().extension() == ".hpp") headers[rel.generic_string()] = our_includes(read_source(entry.path()));
    }
  }
  for (const char* beside : {"tools", "fuzz"})
    for (const auto& entry : fs::recursive_directory_iterator(root / beside))
      if (entry.is_regular_file() && (entry.path().extension() == ".cpp" || entry.path().extension() == ".hpp"))
        sources.push_back({beside, fs::relative(entry.path(), root / beside).generic_string(), entry.path()});
  std::vector<std::string> found;
  std::size_t files = 0, beside = 0;
  for (const Source& s : sources) {
    ++files;
    beside += s.stage == "tools" || s.stage == "fuzz" ? 1 : 0;
    for (std::string v : violations(s.stage, s.name, read_source(s.path), headers)) found.push_back(v);
  }
  CHECK(files > 140);  // 134 in src and include, 9 beside
  CHECK(beside >= 9);  // two tools, six fuzz targets and their shared header
  INFO("forbidden includes (docs/architecture.md has the table)");
  CHECK(found == std::vector<std::string>{});
}

namespace {

// The block between <!-- KEY --> and <!-- /KEY --> of docs/architecture.md.
std::string architecture_block(const std::string& key) {
  const std::string text = read_source(fs::path(EDGECALC_SOURCE_DIR) / "docs" / "architecture.md");
  const auto from = text.find("<!-- " + key + " -->"), to = text.find("<!-- /" + key + " -->");
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  return text.substr(from, to - from);
}

}  // namespace

TEST_CASE("docs/architecture.md lists the stages and formats the code has", "[architecture][docs]") {
  // Each row: | stage | `src/stage/` | in -> out | uses, comma-separated, or - |.
  const std::regex row(R"(\n\| ([a-z]+) \| `src/([a-z]+)/` \| [^|]+ \| ([a-z, -]+) \|)");
  const std::string stages = architecture_block("stages");
  std::map<std::string, std::set<std::string>> documented;
  for (auto it = std::sregex_iterator(stages.begin(), stages.end(), row); it != std::sregex_iterator(); ++it) {
    const std::string stage = (*it)[1], folder = (*it)[2], uses = (*it)[3];
    CHECK(stage == folder);
    CHECK(fs::is_directory(fs::path(EDGECALC_SOURCE_DIR) / "src" / folder));
    std::set<std::string>& set = documented[stage];
    const std::regex word("[a-z]+");
    for (auto w = std::sregex_iterator(uses.begin(), uses.end(), word); w != std::sregex_iterator(); ++w) set.insert(w->str());
  }
  std::map<std::string, std::set<std::string>> library = k_allowed;
  library.erase("tools");
  library.erase("fuzz");
  CHECK(documented == library);
  // Every folder of src/ is a stage of the table.
  for (const auto& entry : fs::directory_iterator(fs::path(EDGECALC_SOURCE_DIR) / "src"))
    if (entry.is_directory()) CHECK(documented.contains(entry.path().filename().string()));
  // The formats: `table` `json` ... as the commands accept them.
  const std::string formats = architecture_block("formats");
  std::vector<std::string> listed;
  const std::regex quoted("`([a-z]+)`");
  for (auto it = std::sregex_iterator(formats.begin(), formats.end(), quoted); it != std::sregex_iterator(); ++it)
    listed.push_back((*it)[1]);
  CHECK(listed == edgecalc::k_formats);
}

TEST_CASE("the shipped binary embeds nothing from tests/", "[architecture]") {
  // The library's build compiles data/ in (catalogs, the predictor's measurements); a path into
  // tests/ there, or a source naming a file of tests/, would ship test data in the binary.
  const fs::path root = EDGECALC_SOURCE_DIR;
  CHECK(read_source(root / "src" / "CMakeLists.txt").find("tests/") == std::string::npos);
  std::vector<std::string> naming;
  for (const fs::path& base : {root / "src", root / "include"})
    for (const auto& entry : fs::recursive_directory_iterator(base))
      if (entry.is_regular_file() && read_source(entry.path()).find("\"tests/") != std::string::npos)
        naming.push_back(fs::relative(entry.path(), root).string());
  CHECK(naming == std::vector<std::string>{});
}
