#include <edgecalc/load/overrides.hpp>

#include <fmt/format.h>


namespace edgecalc {

namespace {

// A copy of `node` (recursively) with every position moved to the override's pseudo-place.
NodePtr relocated(const NodePtr& node, Position at) {
  auto copy = std::make_shared<Node>(*node);
  copy->position = at;
  for (auto& item : copy->items) item = relocated(item, at);
  for (auto& entry : copy->entries) {
    entry.key_position = at;
    entry.value = relocated(entry.value, at);
  }
  return copy;
}

// "rules.latency.cloud-floor.threshold" -> {rules, latency.cloud-floor, threshold}: rule ids
// contain dots, so under `rules` the longest matching rule id is one key.
std::vector<std::string> split_path(const std::string& path, const std::vector<std::string>& dotted_keys) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    if (!parts.empty() && parts.back() == "rules" && parts.size() == 1) {
      std::string best;
      for (const std::string& id : dotted_keys)
        if (path.compare(start, id.size(), id) == 0 && id.size() > best.size() &&
            (start + id.size() == path.size() || path[start + id.size()] == '.'))
          best = id;
      if (!best.empty()) {
        parts.push_back(best);
        start += best.size() + 1;
        continue;
      }
    }
    const std::size_t dot = path.find('.', start);
    const std::size_t end = dot == std::string::npos ? path.size() : dot;
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

NodePtr with_value(const NodePtr& node, const std::vector<std::string>& path, std::size_t i,
                   const NodePtr& value, Position at) {
  auto map = std::make_shared<Node>();
  if (node && node->kind == Node::Kind::map) *map = *node;
  else map->position = at;
  map->kind = Node::Kind::map;
  for (MapEntry& e : map->entries) {
    if (e.key != path[i]) continue;
    e.value = i + 1 == path.size() ? value : with_value(e.value, path, i + 1, value, at);
    return map;
  }
  map->entries.push_back(MapEntry{path[i], at,
                                  i + 1 == path.size() ? value : with_value(nullptr, path, i + 1, value, at)});
  return map;
}

}  // namespace

std::vector<Override> set_overrides(const std::vector<std::string>& sets) {
  std::vector<Override> out;
  // A label names the flag in diagnostics; a huge one is cut so that the message stays readable.
  constexpr std::size_t k_max_label = 80;
  for (const std::string& s : sets)
    out.push_back(Override{s, "--set " + (s.size() > k_max_label ? s.substr(0, k_max_label) + "..." : s)});
  return out;
}

bool apply_overrides(Document& document, const std::vector<Override>& overrides,
                     Diagnostics& diagnostics, const std::vector<std::string>& dotted_keys) {
  std::vector<std::string> labels;
  for (const Override& o : overrides) labels.push_back(o.label);
  diagnostics.set_origins(labels);
  bool ok = true;
  for (std::size_t k = 0; k < overrides.size(); ++k) {
    const Position at{0, static_cast<int>(k + 1)};
    const std::string& set = overrides[k].assignment;
    const auto eq = set.find('=');
    const std::string path = set.substr(0, eq);
    bool bad_path = eq == std::string::npos || path.empty() || path.front() == '.' ||
                    path.back() == '.' || path.find("..") != std::string::npos;
    if (bad_path) {
      diagnostics.error(at, "expected key.path=value, e.g. --set fleet.size=200k");
      ok = false;
      continue;
    }
    if (eq + 1 == set.size()) {
      diagnostics.error(at, fmt::format("{} has no value; write --set {}=VALUE", path, path));
      ok = false;
      continue;
    }
    // Profile fields nest four levels deep (rules.<id>.threshold is three keys); a longer path is
    // refused before anything walks it.
    constexpr std::size_t k_max_path_keys = 8;
    const std::vector<std::string> keys = split_path(path, dotted_keys);
    if (keys.size() > k_max_path_keys) {
      diagnostics.error(at, fmt::format("the key path has {} keys; profile fields are at most {} deep", keys.size(),
                                        k_max_path_keys));
      ok = false;
      continue;
    }
    Diagnostics value_problems("value");
    LoadLimits limits;
    limits.noun = "value";
    const auto value = load_text(set.substr(eq + 1), SourceFormat::yaml, value_problems, limits);
    if (!value) {
      const auto problems = value_problems.sorted();
      const std::string problem = problems.empty() ? "value is empty" : problems.front().message;
      if (problem == "value is empty")  // `null`, `~` or a comment: no value, as in a profile
        diagnostics.error(at, fmt::format("{} has no value; write --set {}=VALUE", path, path));
      else
        diagnostics.error(at, fmt::format("the value of {} is not valid YAML: {}", path, problem));
      ok = false;
      continue;
    }
    document.root = with_value(document.root, keys, 0, relocated(value->root, at), at);
  }
  return ok;
}

}  // namespace edgecalc
