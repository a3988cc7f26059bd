// JUnit XML for CI test reporters, rendered from JSON reports: a test suite per report, a test
// case for the verdict and one per gate.
#include <edgecalc/render/render.hpp>

#include <fmt/format.h>

#include "util/json_util.hpp"

#include "render/svg.hpp"

namespace edgecalc {

namespace {

std::string xml(std::string_view text) { return xml_escape(text); }

struct Case {
  std::string name;
  std::string status;  // pass, warn, fail, skipped
  std::string message;
};

// The verdict is a test case too: a profile with no viable option fails.
std::vector<Case> cases_of(JsonView r) {
  std::vector<Case> cases;
  const std::string verdict = str(r["verdict"]);
  cases.push_back(Case{"verdict", verdict == "none" ? "fail" : "pass", str(r["summary"])});
  for (JsonView g : r["gates"]) cases.push_back(Case{str(g["name"]), str(g["status"]), str(g["message"])});
  return cases;
}

}  // namespace

std::string render_junit(const std::vector<nlohmann::ordered_json>& reports) {
  std::string suites;
  std::size_t tests = 0, failures = 0, skipped = 0;
  for (const JsonView r : reports) {
    const std::vector<Case> cases = cases_of(r);
    std::size_t f = 0, s = 0;
    std::string body;
    for (const Case& c : cases) {
      body += fmt::format("    <testcase classname=\"edgecalc.{}\" name=\"{}\" file=\"{}\"", xml(str(r["profile"])),
                          xml(c.name), xml(str(r["file"])));
      if (c.status == "fail") {
        ++f;
        body += fmt::format(">\n      <failure message=\"{}\" type=\"gate\">{}</failure>\n    </testcase>\n",
                            xml(c.message), xml(c.message));
      } else if (c.status == "skipped") {
        ++s;
        body += fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", xml(c.message));
      } else {
        body += fmt::format(">\n      <system-out>{}{}</system-out>\n    </testcase>\n",
                            c.status == "warn" ? "warning: " : "", xml(c.message));
      }
    }
    suites += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n{}  </testsuite>\n",
                          xml(str(r["profile"])), cases.size(), f, s, body);
    tests += cases.size();
    failures += f;
    skipped += s;
  }
  return fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                     "<testsuites name=\"edgecalc\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">\n{}"
                     "</testsuites>\n",
                     tests, failures, skipped, suites);
}

}  // namespace edgecalc
