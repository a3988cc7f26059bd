// Terminal charts (render/chart.hpp): axis tops, bars and the line chart's geometry.

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include "render/chart.hpp"

namespace edgecalc {

namespace {

// Columns a line takes on screen: UTF-8 continuation bytes take none.
std::size_t columns(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

LineChart two_lines() {
  // cloud: 0 -> 100 over 10 months; edge: 50 flat; they cross at month 5
  LineChart c;
  c.title = "cost";
  c.x_unit = "month";
  c.x_max = 10;
  c.y_text = [](double v) { return fmt::format("{:.0f}", v); };
  c.series = {ChartSeries{"cloud", 'c', {0, 10}, {0, 100}}, ChartSeries{"edge", 'e', {0, 10}, {50, 50}}};
  c.marks = {ChartMark{5, "break-even at 5 months"}};
  return c;
}

}  // namespace

TEST_CASE("an axis tops out at a round number at or above the largest value", "[chart]") {
  CHECK(nice_ceiling(31000) == 40000);
  CHECK(nice_ceiling(8.8e6) == 1e7);
  CHECK(nice_ceiling(2.66e6) == 3e6);
  CHECK(nice_ceiling(2500) == 2500);
  CHECK(nice_ceiling(1) == 1);
  CHECK(nice_ceiling(0) == 1);  // an all-zero chart still has an axis
}

TEST_CASE("bars: a share in eighths of a cell, a span with the zero marked", "[chart]") {
  CHECK(draw_share_bar(0.5, 4, true) == "##..");
  CHECK(draw_share_bar(0.5, 4, false) == "\u2588\u2588  ");
  // 1/16 of two cells is one eighth of the first: U+258F
  CHECK(draw_share_bar(1.0 / 16, 2, false) == "\u258f ");
  CHECK(draw_share_bar(1.5, 3, true) == "###");  // clamped
  // -1..1 on an axis -2..2 of 5 cells: cells 1..3 (x -> (x + 2) / 4 x 4), zero at cell 2 inside it
  CHECK(draw_span_bar(-1, 1, -2, 2, 5, true) == ".###.");
  CHECK(draw_span_bar(1, 2, -2, 2, 5, true) == "..|##");
}

TEST_CASE("a histogram as one line: a column per bin, its height against the largest", "[chart]") {
  // Unicode, 8 heights: 0 -> blank; 1/16 -> ceil(0.5) = 1 (U+2581, the lowest mark for any
  // count); 4/16 -> ceil(2) = 2 (U+2582); 9/16 -> ceil(4.5) = 5 (U+2585); 16/16 -> 8 (U+2588)
  CHECK(draw_sparkline({0, 1, 4, 9, 16}, false) == " \u2581\u2582\u2585\u2588");
  // ASCII, 9 heights ".:-=+*#%@": 1/9 -> 1 '.', 5/9 -> 5 '+', 9/9 -> 9 '@'
  CHECK(draw_sparkline({1, 0, 5, 9}, true) == ". +@");
  CHECK(draw_sparkline({0, 0}, true) == "  ");  // nothing to draw is blank, not a division by zero
  CHECK(draw_sparkline({}, false).empty());
}

TEST_CASE("a line chart fits its box, starts each line where its values put it and marks the crossing",
          "[chart]") {
  for (const bool unicode : {false, true}) {
    const std::vector<std::string> lines = draw_line_chart(two_lines(), ChartStyle{unicode, false, 72, 16});
    CHECK(lines.size() <= 16);
    for (const std::string& l : lines) CHECK(columns(l) <= 72);
    CHECK(lines.front() == "  cost, by month");
    // y axis 0..100 on 12 rows (16 - title, axis, ticks, legend): cloud starts on the bottom row
    // and ends on the top one; edge (50) is on row round(0.5 x 11) = 6 from the top, all along.
    const std::size_t first = 1, last = 12;
    CHECK(lines[last].find('c') != std::string::npos);
    CHECK(lines[first].rfind('c') != std::string::npos);
    CHECK(lines[first + 6].find("eeee") != std::string::npos);
    CHECK(lines.back().find("c cloud") != std::string::npos);
    CHECK(lines.back().find("break-even at 5 months") != std::string::npos);
    // the mark's dotted line: at x = 5 on 64 columns of plot
    CHECK(lines[first + 1].find(unicode ? "\u250a" : ":") != std::string::npos);
  }
}

TEST_CASE("with colour the lines are drawn in Braille, 2 x 4 dots a cell, each in its option's colour",
          "[chart]") {
  const std::vector<std::string> lines = draw_line_chart(two_lines(), ChartStyle{true, true, 72, 16});
  std::string all;
  for (const std::string& l : lines) all += l;
  CHECK(all.find("\x1b[34m") != std::string::npos);  // cloud blue
  CHECK(all.find("\x1b[32m") != std::string::npos);  // edge green
  CHECK(all.find("\u28c0") != std::string::npos);    // a Braille cell with its bottom two dots (the flat edge)
  CHECK(all.find("\x1b[34m\u28ff\x1b[0m cloud") != std::string::npos);  // the legend's swatch, not a letter
}

}  // namespace edgecalc
