#pragma once

// SVG charts for the HTML report and `--format svg`: self-contained (no fonts, scripts or links
// fetched), each with a <title> and a <desc> as its text alternative, sized by a viewBox so a
// page can scale it to a phone.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "render/chart.hpp"

namespace edgecalc {

// Text for XML (SVG, HTML, JUnit): & < > " ' escaped.
std::string xml_escape(std::string_view text);

// The colour of an option's line or bar ("cloud", "edge", "hybrid"; grey otherwise).
std::string_view option_color(std::string_view option);

// A line chart: axes with labelled ticks, a line per series in its option's colour, dashed
// vertical marks with their labels, a legend. `desc` is the text alternative.
std::string svg_line_chart(const LineChart& chart, const std::string& desc, double width = 720, double height = 340);

struct BarSegment {
  std::string label;  // "hardware"
  double value = 0;
};
struct StackedBar {
  std::string label;  // "edge"
  std::vector<BarSegment> segments;
};

// Horizontal bars, one per row, each split into its segments (same label, same colour across
// rows), on one axis from 0 to the largest total.
std::string svg_stacked_bars(const std::string& title, const std::string& desc, const std::vector<StackedBar>& bars,
                             const std::function<std::string(double)>& value_text, double width = 720);

struct RangeBar {
  std::string label;          // "edge"
  double low = 0, high = 0;   // the span drawn
  std::optional<double> mid;  // a tick inside it (a median)
  std::string color_of;       // an option's name for its colour, or empty for grey
  std::string note;           // text after the bar ("p50 58 ms, p95 103 ms")
};

// Horizontal spans on one axis, with a reference line (a latency budget, a zero margin) when set.
std::string svg_range_bars(const std::string& title, const std::string& desc, const std::vector<RangeBar>& bars,
                           const std::function<std::string(double)>& value_text, std::optional<double> reference,
                           const std::string& reference_label, double width = 720);

struct Histogram {
  double low = 0, high = 0;
  bool log = false;  // bins equal in log space
  std::vector<std::pair<std::string, std::vector<std::size_t>>> counts;  // option -> counts per bin
};

// Overlaid histograms, one per option in its colour (translucent), on one axis; the y axis is
// the share of samples in a bin.
std::string svg_histogram(const std::string& title, const std::string& desc, const Histogram& h,
                          const std::function<std::string(double)>& value_text, double width = 720, double height = 260);

}  // namespace edgecalc
