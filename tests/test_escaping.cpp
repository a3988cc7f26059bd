// Every output format keeps profile text inert (issue #30): Markdown escaping and code spans,
// CSV formula neutralising, and a hostile corpus of names, units, notes and descriptions pushed
// through every format and read back with a parser for that format.

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli_run.hpp"
#include "formats.hpp"
#include "util/escape.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

TEST_CASE("md_text escapes markup, HTML and mentions; md_code fences past any backtick run", "[escape]") {
  // <, >, & and @ become entities; markup punctuation gets a backslash; a newline is a space.
  CHECK(md_text("a <img src=x onerror=alert(1)> & @team") == "a &lt;img src=x onerror=alert(1)&gt; &amp; &#64;team");
  CHECK(md_text("**b** _i_ [l](u) ![p](u) `c` ~s~ | #1 \\") ==
        "\\*\\*b\\*\\* \\_i\\_ \\[l\\](u) \\!\\[p\\](u) \\`c\\` \\~s\\~ \\| \\#1 \\\\");
  CHECK(md_text("line\nbreak\r\n") == "line break  ");
  // block starters at the start only: a list marker, a setext underline, an ordered list number
  CHECK(md_text("- x - y") == "\\- x - y");
  CHECK(md_text("+ x") == "\\+ x");
  CHECK(md_text("=x") == "\\=x");
  CHECK(md_text("12. x 3.5") == "12\\. x 3.5");
  CHECK(md_text("7)") == "7\\)");
  // what starts no block stays as written: a negative number, a decimal, a lone dash
  CHECK(md_text("-5 W") == "-5 W");
  CHECK(md_text("+2x") == "+2x");
  CHECK(md_text("3.5 GB") == "3.5 GB");
  CHECK(md_text("-") == "-");

  CHECK(md_code("name") == "`name`");
  CHECK(md_code("a` <img> `b") == "``a` <img> `b``");     // longest run 1: a fence of 2
  CHECK(md_code("``x``") == "``` ``x`` ```");             // starts with a backtick: padded
  CHECK(md_code("a|b") == "`a|b`");
  CHECK(md_code("a|b", true) == "`a\\|b`");               // in a table, GFM reads \| in spans
  CHECK(md_code(" x ") == "`  x  `");                     // both sides spaced: one more each, kept
  CHECK(md_code("a\nb") == "`a b`");
}

TEST_CASE("csv_field quotes per RFC 4180 and neutralises formulas", "[escape]") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(csv_field("a\rb") == "\"a\rb\"");
  // = + - @ tab and CR at the start make a spreadsheet run the cell: a leading ' stops it
  CHECK(csv_field("=HYPERLINK(1)") == "'=HYPERLINK(1)");
  CHECK(csv_field("+1") == "'+1");
  CHECK(csv_field("-2+3") == "'-2+3");
  CHECK(csv_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_field("\tx") == "'\tx");
  CHECK(csv_field("=A1,B1") == "\"'=A1,B1\"");
}

namespace {

// Each hostile text, and the profile fields it is written to.
const std::vector<std::string> k_corpus = {
    "a` <img src=x onerror=alert(1)> `b",
    "<script>alert(1)</script>",
    "| x | y | z |",
    "=HYPERLINK(\"http://evil\",\"click\")",
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
    "**bold** _it_ [link](http://evil) ![img](http://evil/x.png) ~~s~~",
    "# heading",
    "1. item",
    "```fenced```",
    "``",
    "\\ trailing backslash \\",
    "quotes \" and ' and &amp; &lt;",
    "@everyone see <!-- comment -->",
    "\xE2\x80\x8F" "right-to-left mark \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D",  // U+200F and Hebrew: displayed as is
    std::string(3000, 'x') + "<b>",
};

std::string json_quoted(const std::string& s) { return nlohmann::json(s).dump(); }

// The ramp example (its price changes carry notes) with `text` as its name, description, fleet
// unit and first price-change note.
std::string hostile_profile(const std::string& text, int i) {
  std::ifstream in(k_source + "/profiles/assistant-rollout-ramp.yaml");
  std::string yaml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto swap = [&](const std::string& from, const std::string& to) {
    const auto at = yaml.find(from);
    REQUIRE(at != std::string::npos);
    yaml.replace(at, from.size(), to);
  };
  swap("name: assistant-rollout-ramp", "name: " + json_quoted(text));
  swap("description: Assistant on 10,000 phones, rolled out over 12 months, with dated API prices",
       "description: " + json_quoted(text));
  swap("unit: phones", "unit: " + json_quoted(text));
  swap("note: introductory rate ends", "note: " + json_quoted(text));
  return write_scratch("escaping", "hostile-" + std::to_string(i) + ".yaml", yaml);
}

// Markdown: outside code spans no HTML but edgecalc's own <details>/<summary>, no link or image,
// and every table row as wide as its header.
void check_markdown(const std::string& md) {
  const std::string text = md_outside_code(md);
  for (std::size_t at = text.find('<'); at != std::string::npos; at = text.find('<', at + 1)) {
    const std::string_view rest = std::string_view(text).substr(at);
    INFO(rest.substr(0, 40));
    CHECK((rest.starts_with("<details>") || rest.starts_with("</details>") || rest.starts_with("<summary>") ||
           rest.starts_with("</summary>")));
  }
  for (std::size_t at = text.find("]("); at != std::string::npos; at = text.find("](", at + 1)) {
    INFO(text.substr(at > 20 ? at - 20 : 0, 40));
    CHECK((at > 0 && text[at - 1] == '\\'));
  }
  std::size_t width = 0;
  std::istringstream lines(md);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("|")) {
      width = 0;
      continue;
    }
    INFO(line.substr(0, 200));
    if (width == 0) width = md_row_cells(line);
    else CHECK(md_row_cells(line) == width);
  }
}

// CSV: every row as wide as the header; a text cell never starts a formula.
void check_csv(const std::string& csv) {
  const auto rows = parse_csv(csv);
  REQUIRE(rows.size() > 1);
  for (const auto& row : rows) {
    CHECK(row.size() == rows[0].size());
    for (const std::string& cell : row) {
      if (cell.empty() || std::string_view("=+-@\t\r").find(cell[0]) == std::string_view::npos) continue;
      char* end = nullptr;
      std::strtod(cell.c_str(), &end);
      INFO(cell.substr(0, 60));
      CHECK(*end == '\0');  // only a number may start with - or +
    }
  }
}

}  // namespace

TEST_CASE("a hostile corpus through every format: parsers read each output, no markup goes live", "[escape][hostile]") {
  for (std::size_t i = 0; i < k_corpus.size(); ++i) {
    const std::string& text = k_corpus[i];
    INFO("corpus " << i << ": " << text.substr(0, 60));
    const std::string profile = hostile_profile(text, static_cast<int>(i));

    const Run table = run({profile});
    REQUIRE(table.code <= 1);
    CHECK(table.out.find('\x1B') == std::string::npos);
    const Run brief = run({profile, "--brief"});
    REQUIRE(brief.code <= 1);
    CHECK(brief.out.find('\x1B') == std::string::npos);

    const Run json = run({profile, "--format", "json"});
    REQUIRE(json.code <= 1);
    CHECK(nlohmann::json::parse(json.out).at("profile") == text);  // JSON keeps it exactly
    const Run sarif = run({profile, "--format", "sarif"});
    REQUIRE(sarif.code <= 1);
    CHECK_NOTHROW(nlohmann::json::parse(sarif.out));

    const Run junit = run({profile, "--format", "junit"});
    REQUIRE(junit.code <= 1);
    CHECK(xml_error(junit.out) == "");
    const Run svg = run({profile, "--format", "svg"});
    REQUIRE(svg.code <= 1);
    CHECK(xml_error(svg.out) == "");
    const Run html = run({profile, "--format", "html"});
    REQUIRE(html.code <= 1);
    CHECK(html.out.find("<img") == std::string::npos);
    CHECK(html.out.find("<script>alert") == std::string::npos);
    CHECK(html.out.find("<b>") == std::string::npos);

    // The sensitivity's Markdown quotes field ids and numbers only: once is enough (it is slow).
    std::vector<std::string> md_args{profile, "--format", "markdown"};
    if (i == 0) md_args.push_back("--sensitivity");
    const Run md = run(md_args);
    REQUIRE(md.code <= 1);
    check_markdown(md.out);
    const Run diff = run({"diff", k_source + "/profiles/assistant-rollout-ramp.yaml", profile, "--format", "markdown"});
    REQUIRE(diff.code <= 1);
    check_markdown(diff.out);

    const Run csv = run({profile, "--scan", "fleet.size=1000,10000", "--format", "csv"});
    REQUIRE(csv.code <= 1);
    check_csv(csv.out);
    const Run focus = run({profile, "--format", "focus"});
    REQUIRE(focus.code <= 1);
    check_csv(focus.out);
  }
}

TEST_CASE("a name that tells the terminal to reorder text is refused, and shown escaped", "[escape][hostile]") {
  // U+202E RIGHT-TO-LEFT OVERRIDE ("Trojan Source"): everything after it would display reversed.
  const std::string profile = hostile_profile("invoice\xE2\x80\xAE" "fdp.exe", 99);
  const Run r = run({profile});
  CHECK(r.code == 2);
  CHECK(r.err.find(": error: name must not hold bidirectional controls (U+202A-U+202E, U+2066-U+2069 reorder the "
                   "text shown after them); got \"invoice\\u202Efdp.exe\"\n") != std::string::npos);
  CHECK(r.err.find("\xE2\x80\xAE") == std::string::npos);  // the message itself is inert
}
