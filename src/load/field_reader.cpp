#include "load/field_reader.hpp"

#include <algorithm>
#include <cmath>

namespace edgecalc::detail {

namespace {

std::string_view kind_name(const Node& node) {
  switch (node.kind) {
    case Node::Kind::null: return "nothing";
    case Node::Kind::scalar: return "a single value";
    case Node::Kind::sequence: return "a list";
    case Node::Kind::map: return "a mapping";
  }
  return "something else";
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += ", ";
    out += s;
  }
  return out;
}

std::string bounds_problem(double v, const Bounds& b) {
  const std::string min = b.min_text.empty() ? format_number(b.min) : std::string(b.min_text);
  const std::string max = b.max_text.empty() ? format_number(b.max) : std::string(b.max_text);
  if (b.min_exclusive && v <= b.min)
    return b.min == 0 ? "must be greater than zero" : fmt::format("must be greater than {}", min);
  if (!b.min_exclusive && v < b.min)
    return b.min == 0 ? "must not be negative" : fmt::format("must be at least {}", min);
  if (v > b.max) return fmt::format("must be at most {}", max);
  if (b.whole && v != std::floor(v)) return "must be a whole number";
  return {};
}

}  // namespace

FieldReader::FieldReader(ReadContext& ctx, const Node* node, std::string path, Position where)
    : m_ctx(ctx), m_node(node), m_path(std::move(path)), m_where(where) {}

std::string FieldReader::path_of(std::string_view key) const {
  return m_path.empty() ? std::string(key) : fmt::format("{}.{}", m_path, key);
}

void FieldReader::error_at(std::string_view key, std::string message) {
  const MapEntry* e = m_node ? m_node->find(key) : nullptr;
  m_ctx.diagnostics.error(e ? e->value->position : m_where, std::move(message));
}

void FieldReader::defaulted(std::string_view key) {
  if (m_ctx.defaults_applied) m_ctx.defaults_applied->push_back(path_of(key));
}

const MapEntry* FieldReader::entry(std::string_view key) {
  m_known.emplace(key);
  if (!m_node) return nullptr;
  const MapEntry* e = m_node->find(key);
  if (!e) return nullptr;
  if (e->value->kind == Node::Kind::null) {
    // `key:`, `key: null` or a bare `key` line (which YAML parsers read as `key:`): the user
    // named the field but gave no value. Never a default: they meant something.
    if (m_reported_null.insert(std::string(key)).second)
      m_ctx.diagnostics.error(e->key_position,
                              fmt::format("{} has no value; write one, or delete the line to use the default",
                                          path_of(key)));
    return nullptr;
  }
  if (m_ctx.positions) (*m_ctx.positions)[path_of(key)] = e->value->position;
  return e;
}

bool FieldReader::check_scalar(const MapEntry& e, std::string_view example) {
  if (e.value->kind == Node::Kind::scalar) return true;
  m_ctx.diagnostics.error(e.value->position,
                          fmt::format("{} must be a single value, e.g. {}; got {}", path_of(e.key),
                                      example, kind_name(*e.value)));
  return false;
}

std::optional<std::string> FieldReader::text(std::string_view key, bool required,
                                             std::string_view example) {
  if (const MapEntry* blank = m_node ? m_node->find(key) : nullptr;
      blank && blank->value->kind == Node::Kind::null && required &&
      m_reported_null.insert(std::string(key)).second) {
    m_ctx.diagnostics.error(blank->key_position,
                            fmt::format("{} has no value; it is required (e.g. {}: {})", path_of(key), key, example));
  }
  const MapEntry* e = entry(key);
  if (!e) {
    if (required && m_node && !m_node->find(key)) {
      m_ctx.diagnostics.error(m_where, fmt::format("missing required field {} (e.g. {}: {})",
                                                   path_of(key), key, example));
    }
    return std::nullopt;
  }
  if (!check_scalar(*e, example)) return std::nullopt;
  return e->value->text;
}

std::optional<std::string> FieldReader::label(std::string_view key, bool required, std::string_view example,
                                              std::string_view allowed) {
  auto written = text(key, required, example);
  if (!written) return std::nullopt;
  const bool control = std::any_of(written->begin(), written->end(), [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 || u == 0x7F) && allowed.find(c) == std::string_view::npos;
  });
  if (control) {
    error_at(key, fmt::format("{} must not hold control characters; got \"{}\"", path_of(key), printable(*written)));
    return std::nullopt;
  }
  if (has_bidi_control(*written)) {
    error_at(key, fmt::format("{} must not hold bidirectional controls (U+202A-U+202E, U+2066-U+2069 reorder the "
                              "text shown after them); got \"{}\"",
                              path_of(key), printable(*written)));
    return std::nullopt;
  }
  return written;
}

std::optional<double> FieldReader::uncertain_quantity(const MapEntry& e, const ParseFn& parse, const Bounds& bounds,
                                                      std::string_view example) {
  const std::string path = path_of(e.key);
  const auto fail = [&](Position at, const std::string& why) {
    m_ctx.diagnostics.error(at, fmt::format("{} {}", path, why));
    return std::nullopt;
  };
  UncertainValue u{path, 0, 0, Distribution::lognormal, std::nullopt, e.value->position};
  bool dist_written = false;
  if (e.value->kind == Node::Kind::map) {
    FieldReader m(m_ctx, e.value.get(), path, e.key_position);
    // The ends are plain values: no range inside a range (the context is shared; restored below).
    std::vector<UncertainValue>* sink = m_ctx.uncertain;
    m_ctx.uncertain = nullptr;
    const auto low = m.quantity("low", parse, bounds, true, example);
    const auto high = m.quantity("high", parse, bounds, true, example);
    const auto mode = m.quantity("mode", parse, bounds, false, example);
    if (const auto d = m.text("dist", false, "lognormal")) {
      dist_written = true;
      const std::pair<const char*, Distribution> names[] = {{"lognormal", Distribution::lognormal},
                                                             {"normal", Distribution::normal},
                                                             {"uniform", Distribution::uniform},
                                                             {"triangular", Distribution::triangular}};
      bool found = false;
      for (const auto& [name, value] : names)
        if (*d == name) u.dist = value, found = true;
      if (!found) m.error_at("dist", fmt::format("{}.dist must be one of lognormal, normal, uniform, triangular; got \"{}\"",
                                                 path, *d));
    }
    m.finish();
    m_ctx.uncertain = sink;
    if (!low || !high) return std::nullopt;
    u.low = *low, u.high = *high, u.mode = mode;
    if (u.dist == Distribution::triangular && !u.mode)
      return fail(e.value->position, "is triangular and needs a mode, its most likely value between low and high");
    if (u.dist != Distribution::triangular && u.mode)
      return fail(e.value->position, fmt::format("has a mode, which only a triangular distribution takes (dist: {})",
                                                 to_string(u.dist)));
  } else {
    const ParsedRange r = parse_range(e.value->text, parse, "40..80/min");
    if (!r.ok()) return fail(e.value->position, fmt::format("{}; got \"{}\"", r.error, e.value->text));
    u.low = r.low, u.high = r.high;
    for (const double end : {r.low, r.high})
      if (const std::string problem = bounds_problem(end, bounds); !problem.empty())
        return fail(e.value->position, fmt::format("{} (both ends of a range); got \"{}\"", problem, e.value->text));
  }
  if (!(u.low < u.high)) return fail(e.value->position, "must have its low end below its high end");
  if (u.mode && (*u.mode < u.low || *u.mode > u.high)) return fail(e.value->position, "must have its mode between low and high");
  if (!dist_written && !(u.low > 0)) u.dist = Distribution::normal;  // a lognormal needs a positive low end
  if (u.dist == Distribution::lognormal && !(u.low > 0))
    return fail(e.value->position, "is lognormal and needs a low end above 0 (or dist: normal)");
  const double median = bounds.whole ? std::round(u.median()) : u.median();  // a count stays whole
  m_ctx.uncertain->push_back(std::move(u));
  return median;
}

std::optional<double> FieldReader::quantity(std::string_view key, const ParseFn& parse,
                                            const Bounds& bounds, bool required,
                                            std::string_view example) {
  if (m_ctx.uncertain && m_node) {
    const MapEntry* e = m_node->find(key);
    const auto long_form = [](const Node& n) {
      return n.find("low") || n.find("high") || n.find("dist") || n.find("mode");
    };
    const bool range = e && ((e->value->kind == Node::Kind::map && long_form(*e->value)) ||
                             (e->value->kind == Node::Kind::scalar && e->value->text.find("..") != std::string::npos));
    if (range) {
      entry(key);
      return uncertain_quantity(*e, parse, bounds, example);
    }
  }
  const auto written = text(key, required, example);
  if (!written) return std::nullopt;
  const Parsed parsed = parse(*written);
  std::string problem = parsed.ok() ? bounds_problem(parsed.value, bounds) : parsed.error;
  if (problem.empty()) return parsed.value;
  error_at(key, fmt::format("{} {}; got \"{}\"", path_of(key), problem, *written));
  return std::nullopt;
}

std::string_view FieldReader::default_text(std::string_view key) const {
  if (!m_ctx.default_of) throw std::logic_error(fmt::format("{} is read with a default, but none are known", path_of(key)));
  return m_ctx.default_of(path_of(key));
}

double FieldReader::default_value(std::string_view key, const ParseFn& parse) const {
  const Parsed d = parse(default_text(key));
  if (!d.ok()) throw std::logic_error(fmt::format("the default of {} {}", path_of(key), d.error));
  return d.value;
}

double FieldReader::quantity_or(std::string_view key, const ParseFn& parse, const Bounds& bounds,
                                std::string_view example) {
  const double fallback = default_value(key, parse);
  if (!entry(key)) {
    defaulted(key);
    return fallback;
  }
  return quantity(key, parse, bounds, false, example).value_or(fallback);
}

std::string FieldReader::label_or(std::string_view key, std::string_view example) {
  if (!entry(key)) defaulted(key);
  return label(key, false, example).value_or(std::string(default_text(key)));
}

bool FieldReader::boolean_or(std::string_view key) {
  if (!entry(key)) defaulted(key);
  return boolean(key).value_or(default_text(key) == "true");
}

std::optional<bool> FieldReader::boolean(std::string_view key) {
  const auto written = text(key, false, "true");
  if (!written) return std::nullopt;
  const MapEntry* e = m_node->find(key);
  if (!e->value->quoted && (*written == "true" || *written == "false")) return *written == "true";
  error_at(key, fmt::format("{} must be true or false; got \"{}\"", path_of(key), *written));
  return std::nullopt;
}

std::optional<std::string> FieldReader::choice_text(std::string_view key,
                                                    const std::vector<std::string>& names,
                                                    bool required) {
  const auto written = text(key, required, names.front());
  if (!written) return std::nullopt;
  for (const std::string& n : names)
    if (n == *written) return n;
  std::string message =
      fmt::format("{} must be one of {}; got \"{}\"", path_of(key), join(names), *written);
  if (const auto best = closest_match(*written, names))
    message += fmt::format(" (did you mean `{}`?)", *best);
  error_at(key, std::move(message));
  return std::nullopt;
}

FieldReader FieldReader::section(std::string_view key, bool required) {
  const MapEntry* e = entry(key);
  const std::string path = path_of(key);
  if (!e) {
    if (required && m_node && !m_node->find(key))
      m_ctx.diagnostics.error(m_where, fmt::format("missing required section `{}`", path));
    return FieldReader(m_ctx, nullptr, path, m_where);
  }
  if (e->value->kind != Node::Kind::map) {
    m_ctx.diagnostics.error(e->value->position,
                            fmt::format("{} must be a mapping of fields (key: value); got {}", path,
                                        kind_name(*e->value)));
    return FieldReader(m_ctx, nullptr, path, e->key_position);
  }
  return FieldReader(m_ctx, e->value.get(), path, e->key_position);
}

void FieldReader::finish() {
  if (!m_node) return;
  const std::vector<std::string> known(m_known.begin(), m_known.end());
  for (const MapEntry& e : m_node->entries) {
    if (m_known.contains(e.key)) continue;
    const std::string where = m_path.empty() ? "at the top level" : fmt::format("in {}", m_path);
    std::string message = fmt::format("unknown key `{}` {}", e.key, where);
    if (const auto best = closest_match(e.key, known))
      message += fmt::format("; did you mean `{}`?", *best);
    else
      message += fmt::format("; expected one of {}", join(known));
    m_ctx.diagnostics.error(e.key_position, std::move(message));
  }
}

}  // namespace edgecalc::detail
