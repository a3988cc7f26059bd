// The HTML and SVG reports of every example profile: well-formed (every tag closed in order, as
// XML), self-contained (nothing fetched: no script, link, image source, import or url()), and
// with the pieces a reader needs (the verdict, the cost chart with a text alternative).

#include <catch2/catch.hpp>

#include <vector>

#include "cli_run.hpp"
#include "fixture.hpp"

namespace edgecalc {

namespace {

// "" when `doc` is well-formed XML as far as elements go (every start tag closed in order,
// self-closing tags allowed, <!DOCTYPE ...> skipped), else what is wrong.
std::string xml_problem(const std::string& doc) {
  std::vector<std::string> open;
  for (std::size_t at = doc.find('<'); at != std::string::npos; at = doc.find('<', at + 1)) {
    const std::size_t end = doc.find('>', at);
    if (end == std::string::npos) return "a tag is not closed at " + std::to_string(at);
    const std::string tag = doc.substr(at + 1, end - at - 1);
    if (tag.starts_with("!")) continue;
    const bool closing = tag.starts_with("/"), self = tag.ends_with("/");
    std::string name = tag.substr(closing ? 1 : 0);
    name = name.substr(0, name.find_first_of(" \n/"));
    if (closing) {
      if (open.empty() || open.back() != name) return "</" + name + "> closes " + (open.empty() ? "nothing" : "<" + open.back() + ">");
      open.pop_back();
    } else if (!self) {
      open.push_back(name);
    }
    // attribute values may not hold a raw < (escaped text never does)
    if (tag.find('<') != std::string::npos) return "a < inside <" + name + ">";
  }
  return open.empty() ? "" : "<" + open.back() + "> is never closed";
}

}  // namespace

TEST_CASE("the checker finds what is not well-formed", "[html]") {
  CHECK(xml_problem("<a><b/></a>").empty());
  CHECK(xml_problem("<a><b></a>") == "</a> closes <b>");
  CHECK(xml_problem("<a>") == "<a> is never closed");
  CHECK(xml_problem("<!DOCTYPE html><p>x</p>").empty());
}

TEST_CASE("the HTML and SVG reports of every example are well-formed and self-contained", "[html]") {
  std::size_t pages = 0;
  for (const std::string& profile : test::example_profiles()) {
    for (const char* format : {"html", "svg"}) {
      const test::Run r = test::run({profile, "--format", format, "--sensitivity"});
      INFO(profile << " --format " << format << "\n" << r.err);
      REQUIRE(r.code == 0);
      CHECK(xml_problem(r.out).empty());
      // Nothing fetched: the only URL is the SVG namespace.
      std::string rest = r.out;
      for (std::size_t at; (at = rest.find("http://www.w3.org/2000/svg")) != std::string::npos;) rest.erase(at, 26);
      for (const char* fetch : {"http:", "https:", "<script", "<link", "src=", "href=", "url(", "@import", "<img"})
        CHECK(rest.find(fetch) == std::string::npos);
      // Charts carry a text alternative.
      CHECK(r.out.find("<title>") != std::string::npos);
      CHECK(r.out.find("<desc>") != std::string::npos);
      ++pages;
    }
  }
  CHECK(pages == 2 * test::example_profiles().size());
  CHECK(pages >= 18);  // nine examples today: an empty profiles/ folder must not pass
}

TEST_CASE("the HTML report shows the verdict, the cost chart, the rules and the assumptions", "[html]") {
  const std::string path = std::string(EDGECALC_SOURCE_DIR) + "/profiles/doorbell-keyword-spotting.yaml";
  const test::Run r = test::run({path, "--format", "html"});
  REQUIRE(r.code == 0);
  CHECK(r.out.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  CHECK(r.out.find("<span class=\"verdict edge\">edge</span>") != std::string::npos);
  CHECK(r.out.find("<h2>Cumulative cost</h2>") != std::string::npos);
  CHECK(r.out.find("<polyline") != std::string::npos);
  CHECK(r.out.find("latency.cloud-rtt") != std::string::npos);   // a rule that fired
  CHECK(r.out.find("<h2>Assumptions</h2>") != std::string::npos);
  CHECK(r.out.find("name=\"viewport\"") != std::string::npos);  // reads on a phone
}

TEST_CASE("several profiles make one page, an overview first, and one SVG document", "[html]") {
  const std::string dir = std::string(EDGECALC_SOURCE_DIR) + "/profiles/";
  const test::Run html = test::run({dir + "team-gpu-server.yaml", dir + "pi-fleet-llm.yaml", "--format", "html"});
  CHECK(html.code == 0);
  CHECK(xml_problem(html.out).empty());
  std::size_t sections = 0;
  for (std::size_t at = 0; (at = html.out.find("<section class=\"profile\" id=\"profile-", at)) != std::string::npos; ++at)
    ++sections;
  CHECK(sections == 2);
  // The overview counts the verdicts (team-gpu-server: edge, pi-fleet-llm: cloud) and links
  // each row to its section, in the order given.
  const std::size_t overview = html.out.find("<section class=\"overview\">");
  REQUIRE(overview != std::string::npos);
  CHECK(html.out.find("<p>2 profiles: 1 edge, 1 cloud, 0 hybrid, 0 none</p>") > overview);
  const std::size_t first = html.out.find("<a href=\"#profile-1\">team-gpu-server</a>");
  const std::size_t second = html.out.find("<a href=\"#profile-2\">pi-fleet-llm</a>");
  CHECK((overview < first && first < second && second != std::string::npos));
  CHECK(html.out.find("id=\"profile-2\">\n<h1>pi-fleet-llm:") != std::string::npos);
  // One profile: no overview.
  CHECK(test::run({dir + "team-gpu-server.yaml", "--format", "html"}).out.find("overview") == std::string::npos);
  const test::Run svg = test::run({dir + "team-gpu-server.yaml", dir + "pi-fleet-llm.yaml", "--format", "svg"});
  CHECK(xml_problem(svg.out).empty());
  CHECK(svg.out.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 680\""));
}

}  // namespace edgecalc

namespace edgecalc {

TEST_CASE("a scan is drawn: a line per option over verdict bands, a grid as a verdict map", "[html]") {
  const std::string path = std::string(EDGECALC_SOURCE_DIR) + "/profiles/team-gpu-server.yaml";
  const test::Run line = test::run({path, "--scan", "workload.calls=1/day..1000/day:log:12", "--format", "html"});
  REQUIRE(line.code == 0);
  CHECK(line.out.find("<h2>Scan</h2>") != std::string::npos);
  CHECK(line.out.find("total cost along workload.calls") != std::string::npos);
  CHECK(line.out.find("fill-opacity=\"0.12\"><title>cloud</title>") != std::string::npos);  // cloud wins at 1/day
  CHECK(line.out.find("fill-opacity=\"0.12\"><title>edge</title>") != std::string::npos);   // edge at 1,000/day
  const test::Run grid = test::run({path, "--scan", "workload.calls=10/day..1000/day:log:3", "--scan", "fleet.size=5..80:log:3",
                                    "--format", "html"});
  REQUIRE(grid.code == 0);
  std::size_t cells = 0;
  for (std::size_t at = 0; (at = grid.out.find("<td class=\"verdict ", at)) != std::string::npos; ++at) ++cells;
  CHECK(cells == 9);
}

}  // namespace edgecalc
