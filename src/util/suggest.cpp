#include <edgecalc/util/suggest.hpp>

#include <algorithm>
#include <cctype>
#include <numeric>

namespace edgecalc {

namespace {

char fold(char c) {
  // Case, '-' and '_' differences count as nothing: `latency-budget` is `latency_budget`.
  if (c == '-') return '_';
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> closest_matches(std::string_view word,
                                         const std::vector<std::string>& candidates,
                                         std::size_t limit) {
  // Edit distance, less a bonus for a shared prefix: "rpi6" is nearer "rpi5-8gb" than "f16".
  std::vector<std::pair<long, std::string>> scored;
  for (const std::string& c : candidates) {
    std::size_t prefix = 0;
    while (prefix < word.size() && prefix < c.size() && fold(word[prefix]) == fold(c[prefix])) ++prefix;
    scored.emplace_back(static_cast<long>(edit_distance(word, c)) - 2 * static_cast<long>(prefix), c);
  }
  std::stable_sort(scored.begin(), scored.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < limit; ++i) out.push_back(scored[i].second);
  return out;
}

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  const std::size_t allowed = std::max<std::size_t>(1, (word.size() + 2) / 3);
  std::optional<std::string> best;
  std::size_t best_distance = allowed + 1;
  for (const std::string& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

}  // namespace edgecalc
