#pragma once

// Charts in a terminal: a line chart on a grid of character cells (or of Braille dots, 2 x 4 to
// a cell, when colour tells the lines apart), and the horizontal bars of the tornado and of the
// Monte Carlo probabilities. Text in, text out: no terminal is queried.

#include <functional>
#include <string>
#include <vector>

namespace edgecalc {

struct ChartStyle {
  bool unicode = true;  // box drawing and Braille; false: ASCII only
  bool color = false;   // ANSI colours; without them each line has its own letter
  std::size_t width = 72, height = 16;  // the whole chart, labels and legend included
};

struct ChartSeries {
  std::string name;             // "cloud": its legend entry; its colour is that of the option
  char glyph = '*';             // the letter that draws it without colour
  std::vector<double> x, y;     // points, x increasing; drawn joined
};

struct ChartMark {
  double x = 0;
  std::string label;  // "break-even 9.2 months"
};

struct ChartBand {
  double x0 = 0, x1 = 0;
  std::string name;  // an option: the band is shaded in its colour (SVG only)
};

struct LineChart {
  std::string title;
  std::string x_unit;                               // "month": the title ends ", by month"
  std::function<std::string(double)> y_text;        // an axis value as text ("$25k")
  std::vector<ChartSeries> series;                  // drawn in order: the last is on top
  std::vector<ChartMark> marks;                     // vertical dotted lines
  double x_min = 0, x_max = 1;
  // SVG only: an x axis other than months (its labels, and log spacing), and shaded bands.
  std::function<std::string(double)> x_text;        // empty: months, ticked 1, 3, 6 or 12 apart
  std::string x_label;                              // under the axis; empty: x_unit + "s"
  bool x_log = false;
  std::vector<ChartBand> bands;
};

// The chart's lines, without trailing newlines, each at most style.width columns wide.
std::vector<std::string> draw_line_chart(const LineChart& chart, const ChartStyle& style);

// One horizontal bar of `width` cells: the span between a and b on an axis from lo to hi, with
// the axis's zero marked when it lies inside ("....####..|.." in ASCII, blocks in Unicode).
std::string draw_span_bar(double a, double b, double lo, double hi, std::size_t width, bool ascii);

// A bar of `width` cells filled to `share` (0..1), in eighths of a cell in Unicode.
std::string draw_share_bar(double share, std::size_t width, bool ascii);

// A round number at or above v > 0 for an axis's top: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8
// times a power of ten (its half is round too).
double nice_ceiling(double v);

// A histogram as one line of text, a column per bin, each column's height its count against
// the largest: U+2581..U+2588 (eight heights), or " .:-=+*#%@" (nine) with `ascii`; an empty
// bin is a space, a bin with any count at least the lowest mark.
std::string draw_sparkline(const std::vector<double>& counts, bool ascii);

}  // namespace edgecalc
