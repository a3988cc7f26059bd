// The documentation names what the binary has: every rule, every network class with its data
// price, every field default as the binary applies it, and no unquoted `$` in a command meant to
// be pasted into a shell.

#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include <edgecalc/domain/defaults.hpp>
#include <edgecalc/domain/network.hpp>
#include <edgecalc/decide/rules.hpp>

using namespace edgecalc;

namespace {

std::string doc(const std::string& name) {
  std::ifstream in(std::string(EDGECALC_SOURCE_DIR) + "/" + name);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("docs/rules.md lists every rule", "[docs]") {
  const std::string text = doc("docs/rules.md");
  for (const Rule& r : rules()) {
    INFO(r.id);
    CHECK(text.find("`" + std::string(r.id) + "`") != std::string::npos);
  }
}

TEST_CASE("docs/networks.md lists every network class and its data price", "[docs]") {
  const std::string text = doc("docs/networks.md");
  for (const NetworkClass& n : network_classes()) {
    const std::string name(to_string(n.network));
    INFO(name);
    const auto row = text.find("| `" + name + "` |");
    REQUIRE(row != std::string::npos);
    if (!n.has_link) continue;
    std::ostringstream price;
    price << "$" << n.data_price_per_gb;
    const std::string line = text.substr(row, text.find('\n', row) - row);
    CHECK(line.find("| " + (price.str() == "$0.5" ? std::string("$0.50") : price.str()) + "/GB |") != std::string::npos);
  }
  // rule sources and docs link here, and the page exists
  CHECK(doc("docs/rules.md").find("networks.md") != std::string::npos);
}

// docs/profile.md's tables: "### `workload`" starts the section of workload.* fields, and a row
// "| `peak_factor` | kind | `1` | meaning |" gives the default column of workload.peak_factor.
std::map<std::string, std::string> documented_defaults(const std::string& text) {
  std::map<std::string, std::string> out;
  const std::regex heading(R"(^### (?:`([a-z_]+)`|Top level))");
  const std::regex row(R"(^\| `([a-z_.]+)` \| [^|]* \| ([^|]*) \|)");
  std::istringstream lines(text);
  std::string prefix, line;
  std::smatch m;
  while (std::getline(lines, line)) {
    if (std::regex_search(line, m, heading)) prefix = m[1].matched ? m[1].str() + "." : "";
    else if (std::regex_search(line, m, row)) out[prefix + m[1].str()] = m[2].str();
  }
  return out;
}

TEST_CASE("docs/profile.md shows every field default the binary applies", "[docs]") {
  const std::string text = doc("docs/profile.md");
  const auto documented = documented_defaults(text);
  REQUIRE(documented.size() > 40);  // the parser found the tables
  CHECK(documented.at("workload.peak_factor") == "`1`");
  for (const FieldDefault& d : field_defaults()) {
    INFO(d.field);
    if (d.value.empty()) continue;  // derived: the network class's, or another field's
    const std::string quoted = "`" + std::string(d.value) + "`";
    if (d.field == "close_call") {  // a section of its own, in prose
      CHECK(text.find("default " + quoted) != std::string::npos);
      continue;
    }
    REQUIRE(documented.count(std::string(d.field)) == 1);
    CHECK(documented.at(std::string(d.field)).starts_with(quoted));
  }
}

TEST_CASE("shell commands in the docs quote every $ amount", "[docs]") {
  // `--flag $5000` or `key=$0.0002` in a code span with a flag would lose the amount to the shell;
  // inside single quotes it is safe.
  const std::regex span("`([^`\n]*--[^`\n]*)`");
  const std::regex quoted("'[^']*'");
  const std::regex bare_amount(R"([ =]\$[0-9])");
  for (const char* name : {"README.md", "docs/ci.md", "docs/report.md", "docs/profile.md", "docs/model.md"}) {
    const std::string text = doc(name);
    for (auto it = std::sregex_iterator(text.begin(), text.end(), span); it != std::sregex_iterator(); ++it) {
      const std::string command = std::regex_replace((*it)[1].str(), quoted, "''");
      INFO(name << ": " << (*it)[1].str());
      CHECK_FALSE(std::regex_search(command, bare_amount));
    }
  }
}

TEST_CASE("the README's terminal chart is the one edgecalc draws", "[docs]") {
  // The lines from "  cumulative cost" to the legend, in the README and in the ASCII golden.
  const auto chart_in = [](const std::string& text) {
    const auto from = text.find("  cumulative cost, USD, by month\n");
    REQUIRE(from != std::string::npos);
    const auto to = text.find("breaks even at", from);
    REQUIRE(to != std::string::npos);
    return text.substr(from, text.find('\n', to) - from);
  };
  CHECK(chart_in(doc("README.md")) == chart_in(doc("tests/golden/chart/team-gpu-server.ascii.txt")));
}
