#include <edgecalc/model/calibrate.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include <edgecalc/model/predictor.hpp>
#include <edgecalc/util/suggest.hpp>

#include "model/backend_fit.hpp"

namespace edgecalc {

namespace {

// Runs of one size (tg128 only) cannot separate efficiency from overhead.
constexpr double k_distinct_sizes = 1.05;
// Batched runs (more than this many calls at once) at concurrencies this far apart give the
// cost each further call adds to a step.
constexpr double k_single_stream = 1.5;
constexpr double k_distinct_batches = 1.5;
// llama-bench's model_n_params against the catalog model's: further apart is another model.
constexpr double k_parameter_tolerance = 0.10;

// "Llama-3.2-1B-Instruct-Q4_K_M.gguf" -> "llama321binstructq4kmgguf"
std::string squash(std::string_view text) {
  std::string out;
  for (const unsigned char ch : text)
    if (std::isalnum(ch)) out += static_cast<char>(std::tolower(ch));
  return out;
}

// llama-bench's model_type spells the quantization "Q4_K - Medium": as an id, q4_k_m.
std::string quantization_words(std::string text) {
  for (const auto& [words, suffix] : {std::pair{" - Medium", "_m"}, std::pair{" - Small", "_s"}, std::pair{" - Large", "_l"}})
    if (const auto at = text.find(words); at != std::string::npos) text.replace(at, std::string_view(words).size(), suffix);
  return text;
}

// The id `text` names: itself, or the longest id contained in it once squashed; nullopt when
// none is, or two different ids of that length are.
std::optional<std::string> match_id(const std::string& text, const std::vector<std::string>& ids) {
  if (std::find(ids.begin(), ids.end(), text) != ids.end()) return text;
  const std::string s = squash(text);
  std::optional<std::string> best;
  std::size_t best_length = 0;
  bool tie = false;
  for (const std::string& id : ids) {
    const std::string q = squash(id);
    if (q.empty() || s.find(q) == std::string::npos) continue;
    if (q.size() > best_length) {
      best = id, best_length = q.size(), tie = false;
    } else if (q.size() == best_length && q != squash(*best)) {
      tie = true;
    }
  }
  if (tie) return std::nullopt;
  return best;
}

// The longest run of characters two squashed names share ("nvidiageforcertx4090", "rtx4090box": 7).
std::size_t common_run(const std::string& a, const std::string& b) {
  std::size_t best = 0;
  std::vector<std::size_t> previous(b.size() + 1, 0), current(b.size() + 1, 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : 0;
      best = std::max(best, current[j]);
    }
    std::swap(previous, current);
  }
  return best;
}

// Three ids to suggest for a name the file writes its own way ("NVIDIA GeForce RTX 4090"): the
// most characters in a row shared, then the fewest edits.
std::vector<std::string> closest_ids(const std::string& text, std::vector<std::string> ids) {
  const std::string s = squash(text);
  std::stable_sort(ids.begin(), ids.end(), [&](const std::string& a, const std::string& b) {
    const std::size_t ra = common_run(s, squash(a)), rb = common_run(s, squash(b));
    return ra != rb ? ra > rb : edit_distance(s, squash(a)) < edit_distance(s, squash(b));
  });
  ids.resize(std::min<std::size_t>(ids.size(), 3));
  return ids;
}

struct Resolved {
  const BenchmarkPoint* point = nullptr;
  const HardwareEntry* hardware = nullptr;
  const BackendEntry* backend = nullptr;
  const LlmEntry* model = nullptr;
  const QuantEntry* quantization = nullptr;
};

class Resolver {
 public:
  Resolver(const Catalog& c, const CalibrationChoice& choice, std::string format, Diagnostics& d)
      : m_format(std::move(format)), m_catalog(c), m_choice(choice), m_d(d) {}

  std::optional<Resolved> resolve(const BenchmarkPoint& p) {
    Resolved r{&p, nullptr, nullptr, nullptr, nullptr};
    const std::string hw = id_of(m_choice.hardware, p.device, m_catalog.hardware_ids(), "hardware", "--hardware");
    const std::string model = id_of(m_choice.model, p.model, llm_ids(), "LLM", "--model");
    // The quantization: the flag, the file's own field, else the model's file name (Q4_K_M.gguf).
    std::string quant = m_choice.quantization;
    for (const std::string& text : {quantization_words(p.quantization.text), quantization_words(p.model.text)})
      if (quant.empty() && !text.empty()) quant = match_id(text, m_catalog.quantization_ids()).value_or("");
    if (quant.empty()) quant = id_of("", p.quantization, m_catalog.quantization_ids(), "quantization", "--quantization");
    if (hw.empty() || model.empty() || quant.empty()) return std::nullopt;
    r.hardware = m_catalog.find_hardware(hw);
    r.backend = m_catalog.find_backend(r.hardware->backend);
    r.model = m_catalog.find_llm(model);
    r.quantization = m_catalog.find_quantization(quant);
    if (m_choice.model.empty() && p.parameters &&
        std::abs(*p.parameters / r.model->parameters - 1) > k_parameter_tolerance) {
      report(p.model.position, fmt::format("{} \"{}\" has {:.3g} B parameters (model_n_params); the catalog's {} has "
                                           "{:.3g} B: give --model ID",
                                           p.model.field, p.model.text, *p.parameters / 1e9, model,
                                           r.model->parameters / 1e9));
      return std::nullopt;
    }
    return r;
  }

 private:
  std::vector<std::string> llm_ids() const {
    std::vector<std::string> ids;
    for (const LlmEntry& m : m_catalog.llms) ids.push_back(m.id);
    return ids;
  }

  // The flag's id, else the file's name matched; "" after reporting why neither gives one.
  std::string id_of(const std::string& flag, const BenchmarkName& name, const std::vector<std::string>& ids,
                    std::string_view noun, std::string_view option) {
    if (!flag.empty()) return flag;
    if (name.text.empty()) {
      report(name.position, fmt::format("the {} result does not name the {}{}; give {} ID",
                                        m_format == "vllm" ? "vLLM" : m_format == "csv" ? "CSV" : m_format, noun,
                                        name.field.empty() ? "" : fmt::format(" ({} is empty)", name.field), option));
      return "";
    }
    if (const auto id = match_id(name.text, ids)) return *id;
    report(name.position, fmt::format("{} \"{}\" names no catalog {} id; give {} ID (closest: {})", name.field, name.text,
                                      noun, option, fmt::join(closest_ids(name.text, ids), ", ")));
    return "";
  }

  // Each problem once, however many runs share it.
  void report(Position at, std::string message) {
    if (m_reported.insert(message).second) m_d.error(at, std::move(message));
  }

 private:
  std::string m_format;
  const Catalog& m_catalog;
  const CalibrationChoice& m_choice;
  Diagnostics& m_d;
  std::set<std::string> m_reported;
};

// The per-stream decode rate `backend` predicts for a run, and the prefill rate.
struct Rates {
  double decode = 0, prefill = 0;
};
Rates rates(const Resolved& r, const BackendEntry& backend) {
  const BenchmarkPoint& p = *r.point;
  const bool batched = p.concurrency > 1;
  const Prediction pr = predict_llm(*r.hardware, backend, *r.model, *r.quantization, p.input_tokens,
                                    std::max(1.0, p.output_tokens), batched ? std::optional(p.concurrency) : std::nullopt,
                                    Workings::skipped);
  const double decode = batched ? 1 / pr.batch->step_s(p.concurrency) : *pr.decode_tokens_per_second;
  return Rates{decode, *pr.prefill_tokens_per_second};
}

struct DeviceFit {
  BackendEntry backend;
  std::string decode_method, prefill_method;
  bool decode_capped = false, prefill_capped = false;  // the runs are faster than the hardware's peak allows
};

DeviceFit fit_device(const BackendEntry& base, const std::vector<const DecodePoint*>& decode,
                     const std::vector<const PrefillPoint*>& prefill);

// Batched runs at concurrencies far enough apart: the per-call step cost, with the efficiency
// from the single-stream runs when there are any (their fit decides efficiency and overhead),
// else fitted with it, the base backend's overhead kept. Nullopt without such a spread.
std::optional<DeviceFit> fit_batched_device(const BackendEntry& base, const std::vector<const DecodePoint*>& decode,
                                            const std::vector<const PrefillPoint*>& prefill) {
  std::vector<const DecodePoint*> single, batched;
  double lo = INFINITY, hi = 0;
  for (const DecodePoint* p : decode) {
    (p->batch > k_single_stream ? batched : single).push_back(p);
    if (p->batch > k_single_stream) lo = std::min(lo, p->batch), hi = std::max(hi, p->batch);
  }
  if (batched.size() < 2 || hi < k_distinct_batches * lo) return std::nullopt;
  DeviceFit f = fit_device(base, single, prefill);
  const auto b = fit_batched_decode(batched, f.backend.token_overhead_s,
                                    single.empty() ? std::nullopt : std::optional(f.backend.bandwidth_efficiency));
  f.backend.bandwidth_efficiency = b->efficiency;
  f.backend.call_overhead_s = b->call_overhead_s;
  f.decode_capped = f.decode_capped || (single.empty() && b->efficiency >= 1);
  const std::string batches = fmt::format("{} batched decode runs at {:.3g} to {:.3g} calls at once", batched.size(), lo, hi);
  f.decode_method = single.empty()
                        ? fmt::format("bandwidth efficiency and the step cost of each further call fitted to {}; token "
                                      "overhead kept at the {} backend's {:.3g} ms",
                                      batches, base.id, 1e3 * base.token_overhead_s)
                        : fmt::format("{}; the step cost of each further call fitted to {}", f.decode_method, batches);
  return f;
}

// One device's constants from its points; `base` keeps what the points cannot tell.
DeviceFit fit_device(const BackendEntry& base, const std::vector<const DecodePoint*>& decode,
                     const std::vector<const PrefillPoint*>& prefill) {
  if (auto batched = fit_batched_device(base, decode, prefill)) return *batched;
  DeviceFit f{base, "", ""};
  double lo = INFINITY, hi = 0;
  for (const DecodePoint* p : decode) lo = std::min(lo, p->x), hi = std::max(hi, p->x);
  if (decode.size() >= 2 && hi > k_distinct_sizes * lo) {
    const DecodeFit d = *fit_decode(decode);
    f.decode_capped = d.efficiency >= 1 && d.overhead_s == 0;
    f.backend.bandwidth_efficiency = d.efficiency;
    f.backend.token_overhead_s = d.overhead_s;
    f.decode_method = fmt::format("bandwidth efficiency and token overhead fitted to {} decode runs", decode.size());
  } else if (!decode.empty()) {
    // One size: the shipped overhead stays, the efficiency takes the rest (at most 100%).
    double x = 0, t = 0;
    const double n = static_cast<double>(decode.size());
    for (const DecodePoint* p : decode) x += p->x / n, t += p->t / n;
    const double left = t - base.token_overhead_s;
    if (left > x) {
      f.backend.bandwidth_efficiency = x / left;
      f.decode_method = fmt::format("bandwidth efficiency fitted to {} decode run{} of one size; token overhead kept "
                                    "at the {} backend's {:.3g} ms",
                                    decode.size(), decode.size() == 1 ? "" : "s", base.id, 1e3 * base.token_overhead_s);
    } else {
      f.backend.bandwidth_efficiency = 1;
      f.backend.token_overhead_s = std::max(0.0, t - x);
      f.decode_capped = t < x;
      f.decode_method = fmt::format("token overhead fitted to {} decode run{} of one size at 100% bandwidth efficiency",
                                    decode.size(), decode.size() == 1 ? "" : "s");
    }
  } else {
    f.decode_method = fmt::format("no decode run: the {} backend's constants", base.id);
  }
  if (const auto e = fit_prefill(prefill)) {
    f.backend.prefill_efficiency = *e;
    f.prefill_capped = *e >= 1;
    f.prefill_method = fmt::format("prefill efficiency fitted to {} prefill run{}", prefill.size(), prefill.size() == 1 ? "" : "s");
  } else {
    f.prefill_method = fmt::format("no prefill run: the {} backend's prefill efficiency", base.id);
  }
  return f;
}

std::vector<const DecodePoint*> without(const std::vector<const DecodePoint*>& v, const DecodePoint* p) {
  std::vector<const DecodePoint*> out;
  for (const DecodePoint* q : v)
    if (q != p) out.push_back(q);
  return out;
}
std::vector<const PrefillPoint*> without(const std::vector<const PrefillPoint*>& v, const PrefillPoint* p) {
  std::vector<const PrefillPoint*> out;
  for (const PrefillPoint* q : v)
    if (q != p) out.push_back(q);
  return out;
}

CalibrationErrors errors_of(const std::vector<CalibrationRow>& rows, std::string_view kind) {
  std::vector<double> before, after, out;
  for (const CalibrationRow& r : rows) {
    if (r.kind != kind) continue;
    before.push_back(std::abs(r.before / r.measured - 1));
    after.push_back(std::abs(r.after / r.measured - 1));
    if (r.leave_one_out) out.push_back(std::abs(*r.leave_one_out / r.measured - 1));
  }
  return CalibrationErrors{summarize_errors(before), summarize_errors(after), summarize_errors(out)};
}

}  // namespace

std::optional<Calibration> calibrate(const BenchmarkFile& file, const Catalog& catalog, const CalibrationChoice& choice,
                                     const std::string& source, const std::string& date, Diagnostics& diagnostics) {
  Resolver resolver(catalog, choice, file.format, diagnostics);
  std::vector<Resolved> runs;
  for (const BenchmarkPoint& p : file.points)
    if (const auto r = resolver.resolve(p)) runs.push_back(*r);
  if (!diagnostics.empty()) return std::nullopt;

  // Ideal times and rates of every run (reserved: decode_of and prefill_of point into them).
  std::vector<DecodePoint> decode;
  std::vector<PrefillPoint> prefill;
  decode.reserve(runs.size());
  prefill.reserve(runs.size());
  std::vector<const DecodePoint*> decode_of(runs.size(), nullptr);
  std::vector<const PrefillPoint*> prefill_of(runs.size(), nullptr);
  std::vector<std::string> devices;  // in the order the file names them
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const Resolved& r = runs[i];
    if (std::find(devices.begin(), devices.end(), r.hardware->id) == devices.end()) devices.push_back(r.hardware->id);
    const Rates k = rates(r, ideal(*r.backend));
    if (r.point->decode_tokens_per_s) {
      decode.push_back(DecodePoint{r.hardware->id, r.backend->id, 1 / k.decode, 1 / *r.point->decode_tokens_per_s,
                                   r.point->concurrency, !r.point->transient});
      decode_of[i] = &decode.back();
    }
    if (r.point->prefill_tokens_per_s) {
      prefill.push_back(PrefillPoint{r.hardware->id, r.backend->id, k.prefill, *r.point->prefill_tokens_per_s});
      prefill_of[i] = &prefill.back();
    }
  }

  Calibration c;
  c.format = file.format;
  std::map<std::string, BackendEntry> fitted;
  std::map<std::string, std::pair<std::vector<const DecodePoint*>, std::vector<const PrefillPoint*>>> points;
  for (const DecodePoint& p : decode)
    if (p.fitted) points[p.hardware].first.push_back(&p);
  for (const PrefillPoint& p : prefill) points[p.hardware].second.push_back(&p);
  for (const std::string& id : devices) {
    const HardwareEntry& hw = *catalog.find_hardware(id);
    const BackendEntry& base = *catalog.find_backend(hw.backend);
    const auto& [d, p] = points[id];
    DeviceFit f = fit_device(base, d, p);
    const auto varied = std::count_if(decode.begin(), decode.end(), [&](const DecodePoint& q) { return q.hardware == id && !q.fitted; });
    if (varied > 0)
      f.decode_method += fmt::format("; {} run{} whose batch varied (all sent at once, or more than the server kept up "
                                     "with) predicted, not fitted",
                                     varied, varied == 1 ? "" : "s");
    const Position at = std::find_if(runs.begin(), runs.end(), [&](const Resolved& r) { return r.hardware->id == id; })
                            ->point->position;  // the device's first run
    if (f.decode_capped)
      diagnostics.warning(at, fmt::format("the decode runs on {} are faster than its memory_bandwidth ({}) allows at "
                                             "100% efficiency: check the catalog's figure (--catalog)",
                                             id, fmt::format("{:.4g} GB/s", hw.bandwidth_bytes_per_s / 1e9)));
    if (f.prefill_capped)
      diagnostics.warning(at, fmt::format("the prefill runs on {} are faster than its fp16 compute ({:.4g} TFLOPS) "
                                             "allows at 100% efficiency: check the catalog's figure (--catalog)",
                                             id, hw.fp16_flops / 1e12));
    f.backend.id = "calibrated-" + id;
    f.backend.source = fmt::format("edgecalc calibrate on {} ({}): {}; {}", source, file.format, f.decode_method,
                                   f.prefill_method);
    f.backend.date = date;
    fitted[id] = f.backend;
    c.devices.push_back(CalibratedDevice{id, base.id, f.backend, f.decode_method, f.prefill_method, d.size(), p.size()});
    HardwareEntry entry = hw;
    entry.backend = f.backend.id;
    entry.source = fmt::format("{}; its backend calibrated on {} by edgecalc calibrate", hw.source, source);
    c.overlay.hardware.push_back(entry);
    c.overlay.backends.push_back(f.backend);
  }

  for (std::size_t i = 0; i < runs.size(); ++i) {
    const Resolved& r = runs[i];
    const Rates before = rates(r, *r.backend), after = rates(r, fitted.at(r.hardware->id));
    const auto& [d, p] = points[r.hardware->id];
    const auto row = [&](std::string kind, double measured, double b, double a) {
      return CalibrationRow{r.point->label, std::move(kind), r.hardware->id, r.model->id, r.quantization->id,
                            r.point->concurrency, measured, b, a, std::nullopt};
    };
    if (const DecodePoint* dp = decode_of[i]) {
      CalibrationRow out = row("decode", *r.point->decode_tokens_per_s, before.decode, after.decode);
      if (!dp->fitted) {
        out.leave_one_out = after.decode;  // never in the fit: out of sample as it stands
      } else if (const auto rest = without(d, dp); d.size() >= 3) {
        const DeviceFit f = fit_device(*r.backend, rest, {});
        out.leave_one_out = rates(r, f.backend).decode;
      }
      c.rows.push_back(out);
    }
    if (const PrefillPoint* pp = prefill_of[i]) {
      CalibrationRow out = row("prefill", *r.point->prefill_tokens_per_s, before.prefill, after.prefill);
      if (p.size() >= 2) out.leave_one_out = rates(r, fit_device(*r.backend, {}, without(p, pp)).backend).prefill;
      c.rows.push_back(out);
    }
  }
  c.decode = errors_of(c.rows, "decode");
  c.prefill = errors_of(c.rows, "prefill");
  return c;
}

}  // namespace edgecalc
