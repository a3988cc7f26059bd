#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include <edgecalc/load/document.hpp>

#include "fixture.hpp"

using namespace edgecalc;
using namespace edgecalc::test;

namespace {

std::string load_errors(std::string_view text, SourceFormat format = SourceFormat::yaml,
                        const LoadLimits& limits = {}) {
  Diagnostics d("p.yaml");
  const auto doc = load_text(text, format, d, limits);
  if (doc) return "(loaded)";
  return format_diagnostics(d);
}

}  // namespace

TEST_CASE("nodes remember 1-based positions of keys and values", "[load]") {
  Diagnostics d("p.yaml");
  const auto doc = load_text("a: 1\nb:\n  c:   hello\n", SourceFormat::yaml, d);
  REQUIRE(doc);
  const MapEntry* b = doc->root->find("b");
  REQUIRE(b);
  CHECK(b->key_position == Position{2, 1});
  const MapEntry* c = b->value->find("c");
  REQUIRE(c);
  CHECK(c->key_position == Position{3, 3});
  CHECK(c->value->position == Position{3, 8});
  CHECK(c->value->text == "hello");
}

TEST_CASE("quoted scalars are marked, plain nulls are null", "[load]") {
  Diagnostics d("p.yaml");
  const auto doc = load_text("a: \"true\"\nb: true\nc: ~\nd:\n", SourceFormat::yaml, d);
  REQUIRE(doc);
  CHECK(doc->root->find("a")->value->quoted);
  CHECK_FALSE(doc->root->find("b")->value->quoted);
  CHECK(doc->root->find("c")->value->kind == Node::Kind::null);
  CHECK(doc->root->find("d")->value->kind == Node::Kind::null);
}

TEST_CASE("empty files and files of only comments are empty profiles", "[load]") {
  CHECK(load_errors("") == "p.yaml:1:1: error: profile is empty\n");
  CHECK(load_errors("# nothing here\n\n   \n") == "p.yaml:1:1: error: profile is empty\n");
  CHECK(load_errors("---\n...\n") == "p.yaml:1:1: error: profile is empty\n");
}

TEST_CASE("bytes that are not UTF-8 are reported where they are", "[load]") {
  CHECK(load_errors("name: caf\xE9\n") == "p.yaml:1:10: error: file is not UTF-8 text (byte 0xE9)\n");
  // columns count characters: "é" is two bytes but one column
  CHECK(load_errors("a: \xC3\xA9\xFF\n") == "p.yaml:1:5: error: file is not UTF-8 text (byte 0xFF)\n");
  CHECK(load_errors(std::string_view("a: 1\nb: \0\n", 10)) ==
        "p.yaml:2:4: error: file is not UTF-8 text (byte 0x00)\n");
  CHECK(load_errors("a: \xED\xA0\x80\n") ==  // an encoded UTF-16 surrogate
        "p.yaml:1:4: error: file is not UTF-8 text (byte 0xED)\n");
}

TEST_CASE("a UTF-8 byte order mark is skipped", "[load]") {
  CHECK(load_errors("\xEF\xBB\xBF" "a: 1\n") == "(loaded)");
}

TEST_CASE("malformed YAML", "[load]") {
  CHECK(load_errors("a: [1, 2\n") == "p.yaml:2:1: error: invalid YAML: end of sequence flow not found\n");
  CHECK(load_errors("a: 1\n  b: 2\n") ==
        "p.yaml:2:4: error: invalid YAML: illegal map value\n");
}

TEST_CASE("duplicate keys are errors, at every level", "[load]") {
  CHECK(load_errors("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n") ==
        "p.yaml:4:3: error: duplicate key `c` (first given at line 3)\n"
        "p.yaml:5:1: error: duplicate key `a` (first given at line 1)\n");
}

TEST_CASE("keys must be plain strings", "[load]") {
  CHECK(load_errors("? [a, b]\n: 1\n") == "p.yaml:1:3: error: a key must be a plain string\n");
}

TEST_CASE("a profile is one document", "[load]") {
  // reported at the second document's "---"
  CHECK(load_errors("a: 1\n---\nb: 2\n") ==
        "p.yaml:2:1: error: a profile is a single document; found a second one\n");;
}

TEST_CASE("JSON is checked strictly and reported by position", "[load]") {
  CHECK(load_errors("{\"a\": 1,}", SourceFormat::json) ==
        "p.yaml:1:9: error: invalid JSON: syntax error while parsing object key - unexpected '}'; "
        "expected string literal near '1,}'\n");
  CHECK(load_errors("{\"a\": 1}\n# comment\n", SourceFormat::json).find("p.yaml:2:1: error: invalid JSON") == 0);
  CHECK(load_errors("{\n\t\"a\": {\"b\": [1, 2]}\n}\n", SourceFormat::json) == "(loaded)");
  CHECK(load_errors("{\"a\": 1, \"a\": 2}", SourceFormat::json) ==
        "p.yaml:1:10: error: duplicate key `a` (first given at line 1)\n");
}

TEST_CASE("the format follows the file name", "[load]") {
  CHECK(format_for_path("x.json") == SourceFormat::json);
  CHECK(format_for_path("dir/X.JSON") == SourceFormat::json);
  CHECK(format_for_path("x.yaml") == SourceFormat::yaml);
  CHECK(format_for_path("json") == SourceFormat::yaml);
}

TEST_CASE("hostile input: deep nesting is refused quickly", "[load][hostile]") {
  const std::string flow = "a: " + std::string(200'000, '[') + std::string(200'000, ']');
  CHECK(load_errors(flow) == "p.yaml:1:67: error: document nests deeper than 64 levels\n");
  std::string block;
  for (int i = 0; i < 100; ++i) block += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  CHECK(load_errors(block) == "p.yaml:65:65: error: document nests deeper than 64 levels\n");
  const std::string json = std::string(100'000, '[') + std::string(100'000, ']');
  CHECK(load_errors(json, SourceFormat::json) == "p.yaml:1:65: error: document nests deeper than 64 levels\n");
}

TEST_CASE("hostile input: an alias bomb shares nodes instead of copying them", "[load][hostile]") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'z'; ++c) {  // 10^25 leaves if expanded
    bomb += fmt::format("{}: &{} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n", c,
                        c, fmt::arg("p", prev));
    prev = c;
  }
  Diagnostics d("p.yaml");
  const auto doc = load_text(bomb, SourceFormat::yaml, d);
  REQUIRE(doc);
  const Node& z = *doc->root->find("z")->value;
  CHECK(z.items.size() == 10);
  CHECK(z.items[0] == doc->root->find("y")->value);  // the same node, not a copy
  // ... and the profile stage rejects it without walking it.
  CHECK(errors_of(bomb).find("p.yaml:1:1: error: unknown key `a` at the top level") !=
        std::string::npos);
}

TEST_CASE("hostile input: self-referencing aliases are refused", "[load][hostile]") {
  CHECK(load_errors("a: &a [*a]\n").find("error:") != std::string::npos);
}

TEST_CASE("hostile input: too many values", "[load][hostile]") {
  LoadLimits limits;
  limits.max_nodes = 10;
  // root map, key a, the list and items 1..8 make 11 values: item 8 (column 26) is one too many
  CHECK(load_errors("a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n", SourceFormat::yaml, limits) ==
        "p.yaml:1:26: error: document has more than 10 values; a profile has a few dozen\n");
}

TEST_CASE("hostile input: files over the size limit are refused unread", "[load][hostile]") {
  namespace fs = std::filesystem;
  const fs::path path = fs::temp_directory_path() / "edgecalc-test-huge.yaml";
  { std::ofstream(path) << "a: 1\n"; }
  fs::resize_file(path, 300ull * 1024 * 1024);  // sparse: costs no disk
  Diagnostics d(path.string());
  CHECK_FALSE(load_file(path.string(), d));
  fs::remove(path);
  CHECK(format_diagnostics(d) == path.string() +
                                     ":1:1: error: file is 314572800 bytes; a profile is limited to "
                                     "1048576 bytes\n");
  LoadLimits tiny;
  tiny.max_bytes = 4;
  CHECK(load_errors("a: 12\n", SourceFormat::yaml, tiny) ==
        "p.yaml:1:1: error: file is 6 bytes; a profile is limited to 4 bytes\n");
}

TEST_CASE("missing files and directories", "[load]") {
  Diagnostics d("nope.yaml");
  CHECK_FALSE(load_file("nope.yaml", d));
  CHECK(format_diagnostics(d) == "nope.yaml:1:1: error: cannot open file: no such file\n");
  Diagnostics dir(".");
  CHECK_FALSE(load_file(".", dir));
  CHECK(format_diagnostics(dir) == ".:1:1: error: is a directory, not a profile\n");
}

TEST_CASE("positions of byte offsets", "[load]") {
  CHECK(position_of_offset("ab\ncd", 0) == Position{1, 1});
  CHECK(position_of_offset("ab\ncd", 4) == Position{2, 2});
  CHECK(position_of_offset("\xC3\xA9x", 2) == Position{1, 2});
}

TEST_CASE("hostile input: many keys are checked for duplicates in linear time", "[load][hostile]") {
  std::string many;
  for (int i = 0; i < 45'000; ++i) many += fmt::format("k{}: {}\n", i, i);  // 90k values
  many += "k17: again\n";
  // Quadratic duplicate detection took ~10 s here; linear takes milliseconds. Speed is measured
  // by the bench, this only checks the answer.
  CHECK(load_errors(many) == "p.yaml:45001:1: error: duplicate key `k17` (first given at line 18)\n");
}

TEST_CASE("at most 50 problems are printed", "[load]") {
  Diagnostics d("p.yaml");
  for (int i = 60; i > 0; --i) d.error(Position{i, 1}, "x");
  const std::string text = format_diagnostics(d);
  CHECK(text.rfind("p.yaml:1:1: error: x\n", 0) == 0);  // sorted
  CHECK(text.find("p.yaml:50:1: error: x\np.yaml: note: 10 more errors not shown\n") != std::string::npos);
  CHECK(text.find("p.yaml:51:1") == std::string::npos);
}
