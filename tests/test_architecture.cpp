// The dependency direction of the stages (README "Architecture"): every #include of one of our
// headers names its stage ("stage/x.hpp" or <edgecalc/stage/x.hpp>), and a stage includes only
// the stages its row allows. The self-check below proves the check fails on a forbidden include.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

// The README's "uses" column.
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
};

// Exceptions the README lists as still open: file -> the included header. None are left; an
// entry here must be named in the README's Architecture section.
const std::set<std::pair<std::string, std::string>> k_known = {};

// "stage/file -> stage/header" for every include of `text` (in stage `from`, file `name`) that
// the table forbids and that is not a known exception.
std::vector<std::string> violations(const std::string& from, const std::string& name, const std::string& text) {
  static const std::regex include(R"re(#include\s*[<"](?:edgecalc/)?([a-z_]+)/([a-z_]+\.hpp)[>"])re");
  std::vector<std::string> out;
  for (std::sregex_iterator it(text.begin(), text.end(), include), end; it != end; ++it) {
    const std::string to = (*it)[1], header = to + "/" + (*it)[2].str();
    if (to == from || !k_allowed.contains(to)) continue;  // its own stage, or a library (nlohmann/, fmt/)
    if (k_allowed.at(from).contains(to) || k_known.contains({from + "/" + name, header})) continue;
    out.push_back(from + "/" + name + " -> " + header);
  }
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
}

TEST_CASE("every stage includes only the stages it may use", "[architecture]") {
  const fs::path root = EDGECALC_SOURCE_DIR;
  std::vector<std::string> found;
  std::size_t files = 0;
  for (const fs::path& base : {root / "src", root / "include" / "edgecalc"}) {
    for (const auto& entry : fs::recursive_directory_iterator(base)) {
      if (!entry.is_regular_file()) continue;
      const fs::path rel = fs::relative(entry.path(), base);
      const std::string stage = rel.begin()->string();
      if (std::distance(rel.begin(), rel.end()) != 2) continue;  // CMakeLists.txt at the top
      INFO(rel.string());
      REQUIRE(k_allowed.contains(stage));  // every folder is a stage of the table
      ++files;
      for (std::string v : violations(stage, rel.filename().string(), read_source(entry.path()))) found.push_back(v);
    }
  }
  CHECK(files > 80);
  INFO("forbidden includes (README \"Architecture\" has the table)");
  CHECK(found == std::vector<std::string>{});
}
