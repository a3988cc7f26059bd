#include <catch2/catch.hpp>

#include <edgecalc/util/suggest.hpp>

using namespace edgecalc;

TEST_CASE("edit distance", "[suggest]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "abc") == 0);
  CHECK(edit_distance("kitten", "sitting") == 3);  // k->s, e->i, +g
  CHECK(edit_distance("latenzy", "latency") == 1);
  CHECK(edit_distance("latency-budget", "latency_budget") == 0);  // '-' and '_' fold together
  CHECK(edit_distance("Network", "network") == 0);
}

TEST_CASE("closest match suggests only plausible misspellings", "[suggest]") {
  const std::vector<std::string> keys{"calls", "peak_factor", "latency_budget", "payload"};
  CHECK(closest_match("latenzy_budget", keys) == "latency_budget");
  CHECK(closest_match("call", keys) == "calls");
  CHECK(closest_match("payloads", keys) == "payload");
  CHECK_FALSE(closest_match("zzzzzz", keys));
  CHECK_FALSE(closest_match("x", keys));
}

TEST_CASE("closest matches are ordered by distance", "[suggest]") {
  const std::vector<std::string> ids{"rpi4", "rpi5", "jetson-orin-nano"};
  CHECK(closest_matches("rpi6", ids, 2) == std::vector<std::string>{"rpi4", "rpi5"});
}
