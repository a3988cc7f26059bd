#include <edgecalc/domain/measurements.hpp>

#include <stdexcept>

#include <nlohmann/json.hpp>

#include <edgecalc/load/document.hpp>
#include <edgecalc/load/quantity.hpp>

#include "domain/catalog_read.hpp"

namespace edgecalc {

namespace detail {
extern const char* const k_measurements_llm;
extern const char* const k_measurements_batched;
extern const char* const k_measurements_tinyml;
}  // namespace detail

namespace {

// The built-in files are the project's own: a malformed row is a build defect, thrown.
struct Row {
  const Node& node;
  const char* file;

  const Node* get(const char* key) const {
    const MapEntry* e = node.find(key);
    return e ? e->value.get() : nullptr;
  }
  std::string text(const char* key) const {
    const Node* n = get(key);
    if (!n || n->kind != Node::Kind::scalar) throw std::logic_error(std::string(file) + ": a row lacks " + key);
    return n->text;
  }
  std::optional<double> number(const char* key) const {
    if (!get(key)) return std::nullopt;
    const Parsed p = parse_number(text(key));
    if (!p.ok() || p.value <= 0) throw std::logic_error(std::string(file) + ": " + key + " is not a positive number");
    return p.value;
  }
  double required(const char* key) const {
    const auto v = number(key);
    if (!v) throw std::logic_error(std::string(file) + ": a row lacks " + key);
    return *v;
  }
};

std::vector<NodePtr> rows(const char* text, const char* file, const char* key) {
  const NodePtr root = detail::node_from_json(nlohmann::json::parse(text));
  const MapEntry* e = root->find(key);
  if (!e) throw std::logic_error(std::string(file) + " has no " + key);
  return e->value->items;
}

Measurements parse() {
  Measurements m;
  const char* llm_file = "data/measurements/llm.yaml";
  for (const NodePtr& n : rows(detail::k_measurements_llm, llm_file, "measurements")) {
    const Row r{*n, llm_file};
    m.llm.push_back(LlmMeasurement{r.text("hardware"), r.text("model"), r.text("quantization"), r.text("source"),
                                   r.text("date"), r.number("decode"), r.number("prefill")});
  }
  const char* batched_file = "data/measurements/batched.yaml";
  for (const NodePtr& n : rows(detail::k_measurements_batched, batched_file, "series")) {
    const Row r{*n, batched_file};
    BatchedSeries s{r.text("hardware"), r.text("model"), r.text("quantization"), r.text("source"), r.text("date"),
                    r.required("gpus"),
                    r.required("input"), r.required("output"), {}};
    for (const NodePtr& point : r.get("points")->items) {
      // [concurrency, output tokens/s] or [concurrency, output tokens/s, J per output token]
      const auto& items = point->items;
      if (items.size() != 2 && items.size() != 3)
        throw std::logic_error(std::string(batched_file) + ": a point is not [concurrency, tokens/s(, J/token)]");
      const Parsed c = parse_number(items[0]->text), t = parse_number(items[1]->text);
      const Parsed e = items.size() == 3 ? parse_number(items[2]->text) : Parsed{1, {}};
      if (!c.ok() || !t.ok() || !e.ok() || e.value <= 0)
        throw std::logic_error(std::string(batched_file) + ": a point is not [concurrency, tokens/s(, J/token)]");
      s.points.push_back(BatchedPoint{c.value, t.value, items.size() == 3 ? std::optional(e.value) : std::nullopt});
    }
    m.batched.push_back(std::move(s));
  }
  const char* tiny_file = "data/measurements/tinyml.yaml";
  for (const NodePtr& n : rows(detail::k_measurements_tinyml, tiny_file, "measurements")) {
    const Row r{*n, tiny_file};
    std::optional<double> energy;
    if (r.get("energy_per_inference")) {
      const Parsed e = parse_energy(r.text("energy_per_inference"));
      if (!e.ok() || e.value <= 0) throw std::logic_error(std::string(tiny_file) + ": energy_per_inference is not an energy");
      energy = e.value;
    }
    m.tinyml.push_back(TinyMeasurement{r.text("hardware"), r.text("runtime"), r.text("model"), r.text("source"),
                                       r.text("date"), r.required("inferences_per_second"), energy});
  }
  return m;
}

}  // namespace

const Measurements& builtin_measurements() {
  static const Measurements m = parse();
  return m;
}

}  // namespace edgecalc
