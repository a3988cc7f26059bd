#include "render/svg.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace edgecalc {

namespace {

constexpr double k_font = 12;  // px; the page's font, inherited (no font is fetched)
constexpr std::string_view k_palette[] = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2",
                                          "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

std::string number(double v) { return fmt::format("{:.1f}", v); }

std::string open_svg(double width, double height, const std::string& title, const std::string& desc) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\" "
      "font-size=\"{}\" font-family=\"inherit\">\n<title>{}</title>\n<desc>{}</desc>\n",
      number(width), number(height), number(k_font), xml_escape(title), xml_escape(desc));
}

std::string text(double x, double y, const std::string& s, std::string_view anchor = "start", std::string_view extra = "") {
  return fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\"{}{}>{}</text>\n", number(x), number(y), anchor,
                     extra.empty() ? "" : " ", extra, xml_escape(s));
}

// Tick values for an axis 0..top: 0, a quarter, ... top.
std::vector<double> quarters(double top) { return {0, top / 4, top / 2, 3 * top / 4, top}; }

}  // namespace

std::string xml_escape(std::string_view s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view option_color(std::string_view option) {
  if (option == "cloud") return "#2f6fdf";
  if (option == "edge") return "#1a9850";
  if (option == "hybrid") return "#c98a00";
  return "#888888";
}

std::string svg_line_chart(const LineChart& chart, const std::string& desc, double width, double height) {
  const double left = 64, right = 16, top = 28, bottom = 52;
  const double w = width - left - right, h = height - top - bottom;
  double y_max = 0;
  for (const ChartSeries& s : chart.series)
    for (std::size_t i = 0; i < s.y.size(); ++i)
      if (s.x[i] <= chart.x_max) y_max = std::max(y_max, s.y[i]);
  y_max = nice_ceiling(y_max);
  const bool log = chart.x_log && chart.x_min > 0;
  const auto px = [&](double x) {
    return left + (log ? std::log(x / chart.x_min) / std::log(chart.x_max / chart.x_min)
                       : (x - chart.x_min) / (chart.x_max - chart.x_min)) * w;
  };
  const auto py = [&](double y) { return top + (1 - y / y_max) * h; };
  std::string out = open_svg(width, height, chart.title, desc);
  for (const ChartBand& b : chart.bands)  // behind everything: which option wins where
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" fill-opacity=\"0.12\"><title>{}</title></rect>\n",
                       number(px(b.x0)), number(top), number(std::max(0.0, px(b.x1) - px(b.x0))), number(h),
                       option_color(b.name), xml_escape(b.name));
  out += text(left, 16, chart.title + (chart.x_unit.empty() ? "" : ", by " + chart.x_unit), "start", "font-weight=\"bold\"");
  for (const double y : quarters(y_max)) {  // horizontal grid with the money on the left
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#dddddd\"/>\n", number(left), number(py(y)),
                       number(left + w), number(py(y)));
    out += text(left - 6, py(y) + 4, chart.y_text(y), "end");
  }
  std::vector<double> ticks;
  if (chart.x_text) {  // five ticks, evenly spaced on the axis as drawn
    for (int i = 0; i <= 4; ++i)
      ticks.push_back(log ? chart.x_min * std::pow(chart.x_max / chart.x_min, i / 4.0)
                          : chart.x_min + (chart.x_max - chart.x_min) * i / 4.0);
  } else {
    const double span = chart.x_max - chart.x_min;
    const double step = span <= 12 ? 1 : span <= 24 ? 3 : span <= 72 ? 6 : 12;
    for (double x = chart.x_min; x <= chart.x_max + 1e-9; x += step) ticks.push_back(x);
  }
  for (std::size_t i = 0; i < ticks.size(); ++i) {
    const double x = ticks[i];
    out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#555555\"/>\n", number(px(x)),
                       number(top + h), number(top + h + 4));
    // a text label at an end of the axis stays inside the picture
    const std::string_view anchor = !chart.x_text ? "middle" : i == 0 ? "start" : i + 1 == ticks.size() ? "end" : "middle";
    out += text(px(x), top + h + 16, chart.x_text ? chart.x_text(x) : fmt::format("{:g}", x), anchor);
  }
  out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"#555555\"/>\n", number(left), number(top + h),
                     number(left + w));
  out += text(left + w / 2, top + h + 30, !chart.x_label.empty() ? chart.x_label : chart.x_unit.empty() ? "" : chart.x_unit + "s",
              "middle");
  for (const ChartMark& m : chart.marks) {
    out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#333333\" stroke-dasharray=\"4 3\"/>\n",
                       number(px(m.x)), number(top), number(top + h));
  }
  double legend_x = left;
  for (const ChartSeries& s : chart.series) {
    std::string points;
    for (std::size_t i = 0; i < s.x.size(); ++i)
      points += fmt::format("{}{},{}", i ? " " : "", number(px(std::min(s.x[i], chart.x_max))), number(py(s.y[i])));
    out += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" points=\"{}\"><title>{}</title></polyline>\n",
                       option_color(s.name), points, xml_escape(s.name));
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"4\" fill=\"{}\"/>\n", number(legend_x),
                       number(height - 12), option_color(s.name));
    out += text(legend_x + 18, height - 8, s.name);
    legend_x += 30 + 7 * static_cast<double>(s.name.size());
  }
  for (const ChartMark& m : chart.marks) {
    out += text(legend_x, height - 8, "- - " + m.label);
    legend_x += 30 + 6.5 * static_cast<double>(m.label.size());
  }
  return out + "</svg>\n";
}

std::string svg_stacked_bars(const std::string& title, const std::string& desc, const std::vector<StackedBar>& bars,
                             const std::function<std::string(double)>& value_text, double width) {
  const double left = 70, right = 90, row = 30, top = 28;
  std::vector<std::string> labels;  // one colour per segment label, in first-seen order
  double largest = 0;
  for (const StackedBar& b : bars) {
    double total = 0;
    for (const BarSegment& s : b.segments) {
      total += s.value;
      if (std::find(labels.begin(), labels.end(), s.label) == labels.end()) labels.push_back(s.label);
    }
    largest = std::max(largest, total);
  }
  largest = nice_ceiling(largest);
  const double w = width - left - right;
  const double legend_rows = std::ceil(static_cast<double>(labels.size()) / 4);
  const double height = top + row * static_cast<double>(bars.size()) + 8 + 18 * legend_rows;
  std::string out = open_svg(width, height, title, desc);
  out += text(left, 16, title, "start", "font-weight=\"bold\"");
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double y = top + row * static_cast<double>(i);
    out += text(left - 6, y + 16, bars[i].label, "end");
    double x = left, total = 0;
    for (const BarSegment& s : bars[i].segments) {
      const double sw = s.value / largest * w;
      const std::size_t k = static_cast<std::size_t>(std::find(labels.begin(), labels.end(), s.label) - labels.begin());
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"20\" fill=\"{}\"><title>{} {}: {}</title></rect>\n",
                         number(x), number(y + 2), number(std::max(0.0, sw)), k_palette[k % std::size(k_palette)],
                         xml_escape(bars[i].label), xml_escape(s.label), xml_escape(value_text(s.value)));
      x += sw;
      total += s.value;
    }
    out += text(x + 6, y + 16, value_text(total));
  }
  for (std::size_t k = 0; k < labels.size(); ++k) {
    const double lx = left + static_cast<double>(k % 4) * (w / 4);
    const double ly = top + row * static_cast<double>(bars.size()) + 8 + 18 * std::floor(static_cast<double>(k) / 4);
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/>\n", number(lx), number(ly),
                       k_palette[k % std::size(k_palette)]);
    out += text(lx + 14, ly + 9, labels[k]);
  }
  return out + "</svg>\n";
}

std::string svg_range_bars(const std::string& title, const std::string& desc, const std::vector<RangeBar>& bars,
                           const std::function<std::string(double)>& value_text, std::optional<double> reference,
                           const std::string& reference_label, double width) {
  const double left = 250, right = 170, row = 26, top = 28;
  double lo = reference.value_or(0), hi = reference.value_or(0);
  for (const RangeBar& b : bars) lo = std::min(lo, b.low), hi = std::max(hi, b.high);
  if (lo >= 0) lo = 0;
  if (hi <= lo) hi = lo + 1;
  const double w = width - left - right;
  const auto px = [&](double v) { return left + (v - lo) / (hi - lo) * w; };
  const double height = top + row * static_cast<double>(bars.size()) + 24;
  std::string out = open_svg(width, height, title, desc);
  out += text(8, 16, title, "start", "font-weight=\"bold\"");
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const RangeBar& b = bars[i];
    const double y = top + row * static_cast<double>(i);
    out += text(left - 6, y + 14, b.label, "end");
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"{}\"><title>{}</title></rect>\n",
                       number(std::min(px(b.low), px(b.high) - 4)), number(y + 2), number(std::max(4.0, px(b.high) - px(b.low))),
                       option_color(b.color_of), xml_escape(b.label + ": " + b.note));
    if (b.mid)
      out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#000000\" stroke-width=\"2\"/>\n",
                         number(px(*b.mid)), number(y), number(y + 20));
    out += text(px(hi) + 6, y + 14, b.note);
  }
  if (reference) {
    out += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"#d62728\" stroke-dasharray=\"4 3\"/>\n",
                       number(px(*reference)), number(top - 4), number(height - 20));
    out += text(px(*reference), height - 6, reference_label + " " + value_text(*reference), "middle");
  }
  // the axis's ends, where the reference's label leaves room for them
  if (!reference || std::abs(px(lo) - px(*reference)) > 80) out += text(left, height - 6, value_text(lo), "middle");
  if (!reference || std::abs(px(hi) - px(*reference)) > 80) out += text(px(hi), height - 6, value_text(hi), "middle");
  return out + "</svg>\n";
}

std::string svg_histogram(const std::string& title, const std::string& desc, const Histogram& h,
                          const std::function<std::string(double)>& value_text, double width, double height) {
  const double left = 56, right = 16, top = 28, bottom = 48;
  const double w = width - left - right, plot_h = height - top - bottom;
  double peak = 0;
  for (const auto& [name, counts] : h.counts) {
    double total = 0;
    for (const std::size_t c : counts) total += static_cast<double>(c);
    for (const std::size_t c : counts) peak = std::max(peak, static_cast<double>(c) / std::max(total, 1.0));
  }
  peak = nice_ceiling(peak);
  std::string out = open_svg(width, height, title, desc);
  out += text(left, 16, title, "start", "font-weight=\"bold\"");
  for (const double y : {0.0, peak / 2, peak}) {
    const double py = top + (1 - y / peak) * plot_h;
    out += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#dddddd\"/>\n", number(left), number(py),
                       number(left + w), number(py));
    out += text(left - 6, py + 4, fmt::format("{:g}%", y * 100), "end");
  }
  double legend_x = left;
  for (const auto& [name, counts] : h.counts) {
    double total = 0;
    for (const std::size_t c : counts) total += static_cast<double>(c);
    const double bw = w / static_cast<double>(counts.size());
    for (std::size_t i = 0; i < counts.size(); ++i) {
      const double share = static_cast<double>(counts[i]) / std::max(total, 1.0);
      if (share <= 0) continue;
      const double bh = share / peak * plot_h;
      out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" fill-opacity=\"0.55\"/>\n",
                         number(left + bw * static_cast<double>(i)), number(top + plot_h - bh), number(bw), number(bh),
                         option_color(name));
    }
    out += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"14\" height=\"10\" fill=\"{}\" fill-opacity=\"0.55\"/>\n",
                       number(legend_x), number(height - 16), option_color(name));
    out += text(legend_x + 18, height - 7, name);
    legend_x += 30 + 7 * static_cast<double>(name.size());
  }
  // the cost axis: its ends and three values between (geometric steps on a log axis)
  for (int i = 0; i <= 4; ++i) {
    const double t = i / 4.0;
    const double v = h.log ? h.low * std::pow(h.high / h.low, t) : h.low + (h.high - h.low) * t;
    out += text(left + w * t, top + plot_h + 16, value_text(v), i == 0 ? "start" : i == 4 ? "end" : "middle");
  }
  out += text(left + w, height - 7, h.log ? "total cost (log scale)" : "total cost", "end");
  return out + "</svg>\n";
}

}  // namespace edgecalc
