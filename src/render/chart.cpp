// Terminal charts (render/chart.hpp). A line chart is drawn on a grid of "dots": one per cell
// in glyph mode, 2 x 4 per cell (a Braille character) when colour tells the lines apart. Each
// series is sampled at every dot column and joined vertically to the previous column, so a
// step (a replacement, an up-front cost) reads as a wall, not a gap.

#include "render/chart.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace edgecalc {

namespace {

// ANSI colour of a series by its name, as the table paints options: blue cloud, green edge,
// yellow hybrid; others default.
std::string_view color_code(const std::string& name) {
  if (name == "cloud") return "34";
  if (name == "edge") return "32";
  if (name == "hybrid") return "33";
  return "35";
}

std::string painted(const std::string& text, const std::string& series, bool color) {
  if (!color || text == " ") return text;
  return fmt::format("\x1b[{}m{}\x1b[0m", color_code(series), text);
}

// UTF-8 of a code point below 0x10000.
std::string utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

// y at x on a polyline (x increasing); the ends hold outside it.
double value_at(const ChartSeries& s, double x) {
  if (s.x.empty()) return 0;
  if (x <= s.x.front()) return s.y.front();
  if (x >= s.x.back()) return s.y.back();
  const auto hi = static_cast<std::size_t>(std::upper_bound(s.x.begin(), s.x.end(), x) - s.x.begin());
  const std::size_t lo = hi - 1;
  const double t = (x - s.x[lo]) / (s.x[hi] - s.x[lo]);
  return s.y[lo] + t * (s.y[hi] - s.y[lo]);
}

// Tick spacing for about `count` ticks over `span`: 1, 2, 3 or 6 x 10^k... for months the
// familiar 1, 2, 3, 6, 12, 24; other units the nice numbers.
double tick_step(double span, std::size_t count) {
  const double raw = span / static_cast<double>(count);
  for (const double step : {1.0, 2.0, 3.0, 6.0, 12.0, 24.0, 36.0, 60.0, 120.0})
    if (step >= raw) return step;
  return nice_ceiling(raw);
}

std::string trimmed_number(double v) {
  std::string s = fmt::format("{:.1f}", v);
  if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
  return s;
}

struct Grid {
  std::size_t cols, rows, dx, dy;  // cells, and dots per cell
  std::vector<int> owner;          // per dot: series index + 1, 0 empty

  int& at(std::size_t x, std::size_t y) { return owner[y * cols * dx + x]; }
};

}  // namespace

double nice_ceiling(double v) {
  if (!(v > 0)) return 1;
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  for (const double m : {1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0})
    if (m * p >= v * (1 - 1e-12)) return m * p;
  return 10 * p;
}

std::vector<std::string> draw_line_chart(const LineChart& chart, const ChartStyle& style) {
  double y_max = 0;
  for (const ChartSeries& s : chart.series)
    for (std::size_t i = 0; i < s.x.size(); ++i)
      if (s.x[i] >= chart.x_min && s.x[i] <= chart.x_max) y_max = std::max(y_max, s.y[i]);
  for (const ChartSeries& s : chart.series) y_max = std::max(y_max, value_at(s, chart.x_max));
  y_max = nice_ceiling(y_max);
  const std::string top = chart.y_text(y_max), mid = chart.y_text(y_max / 2), bottom = chart.y_text(0);
  const std::size_t label = std::max({top.size(), mid.size(), bottom.size()});
  // indent 2, labels, a space, the axis; 4 lines are title, axis, ticks and legend
  const bool braille = style.unicode && style.color;
  // The legend: the lines, then the marks, on a second line when one does not hold both.
  std::string lines(2 + label + 2, ' '), marks;
  for (const ChartSeries& s : chart.series)
    lines += painted(braille ? utf8(0x28FF) : std::string(1, s.glyph), s.name, style.color) + " " + s.name + "   ";
  for (const ChartMark& m : chart.marks) marks += std::string(style.unicode ? "\u250a" : ":") + " " + m.label + "   ";
  while (!lines.empty() && lines.back() == ' ') lines.pop_back();
  while (!marks.empty() && marks.back() == ' ') marks.pop_back();
  std::vector<std::string> legend{lines};
  const auto shown = [](const std::string& text) {  // columns: ANSI codes take none, UTF-8 sequences one
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\x1b') i = text.find('m', i);
      else n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 ? 1 : 0;
    }
    return n;
  };
  if (!marks.empty()) {
    if (shown(lines) + 3 + shown(marks) <= style.width) legend.front() += "   " + marks;
    else legend.push_back(std::string(2 + label + 2, ' ') + marks);
  }
  // indent 2, labels, a space, the axis; besides the plot: title, axis, ticks and the legend
  const std::size_t cols = style.width - 2 - label - 2, rows = style.height - 3 - legend.size();
  Grid g{cols, rows, braille ? 2u : 1u, braille ? 4u : 1u, {}};
  g.owner.assign(cols * g.dx * rows * g.dy, 0);
  const std::size_t dots_x = cols * g.dx, dots_y = rows * g.dy;
  const auto dot_x = [&](double x) {
    return static_cast<std::size_t>(std::clamp(
        std::lround((x - chart.x_min) / (chart.x_max - chart.x_min) * static_cast<double>(dots_x - 1)), 0L,
        static_cast<long>(dots_x - 1)));
  };
  const auto dot_y = [&](double y) {  // 0 at the top
    return static_cast<std::size_t>(std::clamp(std::lround((1 - y / y_max) * static_cast<double>(dots_y - 1)), 0L,
                                               static_cast<long>(dots_y - 1)));
  };
  for (std::size_t k = 0; k < chart.series.size(); ++k) {
    const ChartSeries& s = chart.series[k];
    if (s.x.empty()) continue;
    std::size_t previous = 0;
    for (std::size_t x = 0; x < dots_x; ++x) {
      const double at = chart.x_min + (chart.x_max - chart.x_min) * static_cast<double>(x) / static_cast<double>(dots_x - 1);
      const std::size_t y = dot_y(value_at(s, at));
      const std::size_t from = x == 0 ? y : std::min(previous, y), to = x == 0 ? y : std::max(previous, y);
      for (std::size_t yy = from; yy <= to; ++yy) g.at(x, yy) = static_cast<int>(k + 1);
      previous = y;
    }
  }
  std::vector<std::size_t> mark_cols;
  for (const ChartMark& m : chart.marks)
    if (m.x >= chart.x_min && m.x <= chart.x_max) mark_cols.push_back(dot_x(m.x) / g.dx);

  std::vector<std::string> out{"  " + chart.title + (chart.x_unit.empty() ? "" : ", by " + chart.x_unit)};
  for (std::size_t r = 0; r < rows; ++r) {
    const std::string y_label = r == 0 ? top : r == rows / 2 ? (y_max / 2 == 0 ? "" : mid) : "";
    std::string line = fmt::format("  {:>{}} {}", y_label, label, style.unicode ? "\u2502" : "|");
    for (std::size_t c = 0; c < cols; ++c) {
      int who = 0;
      unsigned bits = 0;
      for (std::size_t dy = 0; dy < g.dy; ++dy)
        for (std::size_t dx = 0; dx < g.dx; ++dx)
          if (const int o = g.at(c * g.dx + dx, r * g.dy + dy); o) {
            who = std::max(who, o);  // the later series is on top
            // Braille dots: 1 4 / 2 5 / 3 6 / 7 8
            static constexpr unsigned k_bit[4][2] = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
            bits |= k_bit[dy][dx];
          }
      if (who) {
        const ChartSeries& s = chart.series[static_cast<std::size_t>(who - 1)];
        line += painted(braille ? utf8(0x2800 + bits) : std::string(1, s.glyph), s.name, style.color);
      } else if (std::find(mark_cols.begin(), mark_cols.end(), c) != mark_cols.end()) {
        line += style.unicode ? "\u250a" : ":";
      } else {
        line += ' ';
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out.push_back(std::move(line));
  }
  // The x axis with a tick every step, and the tick values under it.
  const double step = tick_step(chart.x_max - chart.x_min, 6);
  std::string axis = fmt::format("  {:>{}} {}", bottom, label, style.unicode ? "\u2514" : "+");
  std::string ticks(2 + label + 2, ' ');
  std::vector<std::size_t> tick_cols;
  for (double t = std::ceil(chart.x_min / step) * step; t <= chart.x_max + 1e-9; t += step) tick_cols.push_back(dot_x(t) / g.dx);
  for (std::size_t c = 0; c < cols; ++c) {
    const bool tick = std::find(tick_cols.begin(), tick_cols.end(), c) != tick_cols.end();
    axis += tick ? (style.unicode ? "\u252c" : "+") : (style.unicode ? "\u2500" : "-");
  }
  double t = std::ceil(chart.x_min / step) * step;
  for (const std::size_t c : tick_cols) {  // each value starts under its tick, when it fits
    const std::string text = trimmed_number(t);
    const std::size_t at = std::min(2 + label + 2 + c, style.width - text.size());  // the last may lean left
    const std::size_t free = ticks.size() + (ticks.back() == ' ' ? 0 : 1);
    if (at >= free) {
      ticks.resize(at, ' ');
      ticks += text;
    }
    t += step;
  }
  while (!ticks.empty() && ticks.back() == ' ') ticks.pop_back();
  out.push_back(axis);
  out.push_back(ticks);
  for (std::string& line : legend) out.push_back(std::move(line));
  return out;
}

std::string draw_span_bar(double a, double b, double lo, double hi, std::size_t width, bool ascii) {
  const int w = static_cast<int>(width);
  const auto col = [&](double x) {
    return std::clamp(static_cast<int>(std::lround((x - lo) / (hi - lo) * (w - 1))), 0, w - 1);
  };
  const int from = col(std::min(a, b)), to = col(std::max(a, b)), zero = lo < 0 && hi > 0 ? col(0) : -1;
  std::string out;
  for (int i = 0; i < w; ++i) {
    if (i >= from && i <= to) out += ascii ? "#" : "\u2588";
    else if (i == zero) out += ascii ? "|" : "\u2502";
    else out += ascii ? "." : " ";
  }
  return out;
}

std::string draw_share_bar(double share, std::size_t width, bool ascii) {
  const double filled = std::clamp(share, 0.0, 1.0) * static_cast<double>(width);
  std::string out;
  if (ascii) {
    const auto n = static_cast<std::size_t>(std::lround(filled));
    return std::string(n, '#') + std::string(width - n, '.');
  }
  const auto eighths = static_cast<std::size_t>(std::lround(filled * 8));
  for (std::size_t i = 0; i < width; ++i) {
    const std::size_t here = std::min<std::size_t>(8, eighths > i * 8 ? eighths - i * 8 : 0);
    // U+2588 full block down to U+258F one eighth
    out += here == 0 ? " " : utf8(static_cast<char32_t>(0x2590 - here));
  }
  return out;
}

std::string draw_sparkline(const std::vector<double>& counts, bool ascii) {
  constexpr std::string_view k_ascii = ".:-=+*#%@";
  const std::size_t levels = ascii ? k_ascii.size() : 8;
  const double peak = counts.empty() ? 0 : *std::max_element(counts.begin(), counts.end());
  std::string out;
  for (const double c : counts) {
    if (c <= 0 || peak <= 0) {
      out += ' ';
      continue;
    }
    // 1 .. levels: the lowest mark for any count, the highest for the peak
    const auto level = std::clamp<std::size_t>(static_cast<std::size_t>(std::ceil(c / peak * static_cast<double>(levels))), 1, levels);
    out += ascii ? std::string(1, k_ascii[level - 1]) : utf8(static_cast<char32_t>(0x2580 + level));
  }
  return out;
}

}  // namespace edgecalc
