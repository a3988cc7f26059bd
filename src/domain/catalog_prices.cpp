// `prices:` entries of a catalog: list prices per 1M tokens, their tiers, a measured speed and
// dated price changes.

#include <algorithm>

#include "domain/catalog_read.hpp"

namespace edgecalc::detail {

using namespace catalog_read;

namespace {

// `long_context: {above: 200k, input: $4, output: $18, cached_input: $0.40}`
std::optional<LongContextPrice> read_long_context(FieldReader& r) {
  FieldReader l = r.section("long_context", false);
  if (!l.present()) return std::nullopt;
  LongContextPrice p;
  p.above_tokens = need(l, "above", k_count, k_positive, "200k");
  p.input = need(l, "input", k_money, k_non_negative, "$4");
  p.output = need(l, "output", k_money, k_non_negative, "$18");
  p.cached_input = l.quantity("cached_input", k_money, k_non_negative, false, "$0.40").value_or(p.input);
  l.finish();
  return p;
}

}  // namespace

// `schedule: [{at: 2027-01-01, change: +100%, note: introductory rate ends, source: ...}]`
std::vector<ScheduledChange> read_schedule(FieldReader& r) {
  std::vector<ScheduledChange> out;
  read_list(r, "schedule", "{at: 2027-01-01, change: -20%, source: ...}", [&](FieldReader& c, const std::string& path) {
    ScheduledChange s;
    s.at = c.text("at", true, "2027-01-01").value_or("");
    if (c.entry("at") && !s.at.empty() && !is_date(s.at))
      c.error_at("at", fmt::format("{}.at must be a day, YYYY-MM-DD; got \"{}\"", path, s.at));
    s.change = c.quantity("change", [](std::string_view t) { return parse_change(t); }, {-1, true, 100}, true, "-20%")
                   .value_or(0);
    s.note = c.text("note", false, "introductory rate ends").value_or("");
    s.source = c.text("source", true, "\"provider pricing page, 2026-12-01\"").value_or("");
    c.finish();
    out.push_back(std::move(s));
  });
  std::stable_sort(out.begin(), out.end(), [](const ScheduledChange& a, const ScheduledChange& b) { return a.at < b.at; });
  return out;
}

PriceEntry read_price(FieldReader r) {
  PriceEntry p;
  read_identity(r, p.id, p.source, p.date);
  p.provider = r.text("provider", true, "OpenAI").value_or("");
  p.input = need(r, "input", k_money, k_non_negative, "$0.15");
  p.output = need(r, "output", k_money, k_non_negative, "$0.60");
  p.cached_input = r.quantity("cached_input", k_money, k_non_negative, false, "$0.075").value_or(p.input);
  p.batch_input = r.quantity("batch_input", k_money, k_non_negative, false, "$0.075").value_or(p.input);
  p.batch_output = r.quantity("batch_output", k_money, k_non_negative, false, "$0.30").value_or(p.output);
  p.long_context = read_long_context(r);
  p.batch_window_s = r.quantity("batch_window", k_duration, k_positive, false, "24h");
  p.litellm = r.text("litellm", false, "gpt-5.4-mini").value_or("");
  p.deprecated = r.text("deprecated", false, "2026-07-24").value_or("");
  if (r.entry("deprecated") && !p.deprecated.empty() && !is_date(p.deprecated, true))
    r.error_at("deprecated", fmt::format("{} must be a date, YYYY-MM or YYYY-MM-DD; got \"{}\"", r.path_of("deprecated"),
                                         p.deprecated));
  p.replaced_by = r.text("replaced_by", false, "gpt-5.4-mini").value_or("");
  p.ttft_s = r.quantity("ttft", k_duration, k_non_negative, false, "0.4s");
  p.output_tokens_per_s = r.quantity("output_speed", k_count, k_positive, false, "80");
  p.speed_source = r.text("speed_source", p.ttft_s || p.output_tokens_per_s, "artificialanalysis.ai (2025-01)").value_or("");
  if (p.ttft_s.has_value() != p.output_tokens_per_s.has_value())
    r.error_at("", fmt::format("price {} needs both ttft and output_speed, or neither", p.id));
  p.schedule = read_schedule(r);
  r.finish();
  return p;
}

}  // namespace edgecalc::detail
