#include "load/benchmark_csv.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include <fmt/format.h>

#include <edgecalc/load/document.hpp>
#include <edgecalc/load/quantity.hpp>
#include <edgecalc/util/suggest.hpp>

namespace edgecalc {

namespace {

constexpr std::array<std::string_view, 7> k_columns = {"device",        "model",        "quant", "prompt_tokens",
                                                       "output_tokens", "tokens_per_s", "ttft"};
constexpr std::size_t k_required = 6;  // all but ttft

struct Cell {
  std::string text;
  int column = 1;  // 1-based, in characters of the line
};

// Splits one line by RFC 4180 (quoted cells, "" inside quotes); false when a quote is left open.
bool split(std::string_view line, std::vector<Cell>& cells) {
  cells.clear();
  std::size_t i = 0;
  while (true) {
    Cell c;
    c.column = static_cast<int>(i) + 1;
    if (i < line.size() && line[i] == '"') {
      ++i;
      bool closed = false;
      while (i < line.size()) {
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            c.text += '"';
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        c.text += line[i++];
      }
      if (!closed) return false;
      while (i < line.size() && line[i] != ',') c.text += line[i++];
    } else {
      while (i < line.size() && line[i] != ',') c.text += line[i++];
    }
    const auto first = c.text.find_first_not_of(" \t"), last = c.text.find_last_not_of(" \t");
    c.text = first == std::string::npos ? "" : c.text.substr(first, last - first + 1);
    cells.push_back(std::move(c));
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return s;
}

}  // namespace

void read_benchmark_csv(std::string_view text, Diagnostics& diagnostics, BenchmarkFile& out) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (const auto bad = first_invalid_utf8(text)) {
    diagnostics.error(position_of_offset(text, *bad),
                      fmt::format("file is not UTF-8 text (byte 0x{:02X})", static_cast<unsigned char>(text[*bad])));
    return;
  }
  std::array<int, k_columns.size()> index{};  // column of each field in a row, -1: absent
  index.fill(-1);
  bool header = false;
  std::size_t header_cells = 0;
  std::vector<Cell> cells;
  int line_number = 0;
  for (std::size_t start = 0; start <= text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#') continue;
    if (!split(line, cells)) {
      diagnostics.error(Position{line_number, static_cast<int>(line.size()) + 1}, "a quoted cell is not closed");
      continue;
    }
    if (!header) {
      header = true;
      header_cells = cells.size();
      std::vector<std::string> names(k_columns.begin(), k_columns.end());
      std::vector<std::string> suggested;  // a misspelt column is reported once, not also as missing
      for (std::size_t c = 0; c < cells.size(); ++c) {
        const std::string name = lower(cells[c].text);
        const auto it = std::find(k_columns.begin(), k_columns.end(), name);
        if (it == k_columns.end()) {
          const auto near = closest_match(name, names);
          if (near) suggested.push_back(*near);
          diagnostics.error(Position{line_number, cells[c].column},
                            fmt::format("unknown column `{}`{}; the columns are {}", cells[c].text,
                                        near ? fmt::format(" (did you mean `{}`?)", *near) : "",
                                        fmt::join(k_columns, ",")));
        } else if (index[it - k_columns.begin()] >= 0) {
          diagnostics.error(Position{line_number, cells[c].column}, fmt::format("column `{}` appears twice", name));
        } else {
          index[it - k_columns.begin()] = static_cast<int>(c);
        }
      }
      for (std::size_t k = 0; k < k_required; ++k)
        if (index[k] < 0 && std::find(suggested.begin(), suggested.end(), k_columns[k]) == suggested.end())
          diagnostics.error(Position{line_number, 1}, fmt::format("the header has no `{}` column; the columns are {}",
                                                                  k_columns[k], fmt::join(k_columns, ",")));
      if (!diagnostics.empty()) return;
      continue;
    }
    if (cells.size() != header_cells) {
      diagnostics.error(Position{line_number, 1},
                        fmt::format("this row has {} cells; the header has {}", cells.size(), header_cells));
      continue;
    }
    const auto cell = [&](std::size_t k) -> const Cell* { return index[k] >= 0 ? &cells[index[k]] : nullptr; };
    const auto at = [&](const Cell& c) { return Position{line_number, c.column}; };
    const auto number = [&](std::size_t k, bool positive) -> std::optional<double> {
      const Cell& c = *cell(k);
      const Parsed p = parse_number(c.text);
      if (!p.ok() || !std::isfinite(p.value) || p.value < 0 || (positive && p.value == 0)) {
        diagnostics.error(at(c), fmt::format("{} must be a {} number; got \"{}\"", k_columns[k],
                                             positive ? "positive" : "non-negative", c.text));
        return std::nullopt;
      }
      return p.value;
    };
    BenchmarkPoint p;
    p.position = Position{line_number, 1};
    p.label = fmt::format("line {}", line_number);
    bool ok = true;
    for (std::size_t k = 0; k < 3; ++k) {
      const Cell& c = *cell(k);
      if (c.text.empty()) {
        diagnostics.error(at(c), fmt::format("{} is empty; it names a catalog id", k_columns[k]));
        ok = false;
      }
      BenchmarkName& name = k == 0 ? p.device : k == 1 ? p.model : p.quantization;
      name = BenchmarkName{c.text, std::string(k_columns[k]), at(c)};
    }
    const auto prompt = number(3, false), output = number(4, true), rate = number(5, true);
    std::optional<double> ttft;
    if (const Cell* c = cell(6); c && !c->text.empty()) {
      const Parsed d = parse_duration(c->text, UnitContext{});
      if (!d.ok() || d.value <= 0) {
        diagnostics.error(at(*c), fmt::format("ttft {}; got \"{}\"", d.ok() ? "must be positive" : d.error, c->text));
        ok = false;
      } else {
        ttft = d.value;
      }
    }
    if (!ok || !prompt || !output || !rate) continue;
    p.input_tokens = *prompt;
    p.output_tokens = *output;
    p.decode_tokens_per_s = *rate;
    if (ttft && *prompt > 0) p.prefill_tokens_per_s = *prompt / *ttft;
    out.points.push_back(std::move(p));
  }
  if (!header) diagnostics.error(Position{}, "the CSV has no header row");
}

}  // namespace edgecalc
