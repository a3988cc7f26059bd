#include <edgecalc/decide/assumptions.hpp>

#include <edgecalc/domain/finance.hpp>

#include <chrono>

#include <fmt/format.h>

#include <edgecalc/domain/defaults.hpp>
#include <edgecalc/domain/network.hpp>

#include "util/format.hpp"

namespace edgecalc {

namespace {

using Show = std::string (*)(const Profile&);

struct DefaultShown {
  std::string_view field;
  Show show;  // the value the profile took, as the report prints it
};

std::string money(const Profile& p, double v) { return format_money(v, p.currency); }
std::string per_month(const Profile& p, double v) { return money(p, v) + "/month"; }
std::string yes_no(bool b) { return b ? "true" : "false"; }
std::string duration_or(const std::optional<double>& s, const char* none) {
  return s ? format_duration(*s) : none;
}

// How each defaulted field is printed; its value and source are domain data (domain/defaults.hpp).
const DefaultShown k_shown[] = {
    {"currency", [](const Profile& p) { return p.currency; }},
    {"month", [](const Profile& p) { return format_count(p.hours_per_month()) + " h"; }},
    {"horizon", [](const Profile& p) { return format_months(p.horizon_months()); }},
    {"finance.discount_rate", [](const Profile& p) { return format_percent(p.finance.discount_rate) + "/year"; }},
    {"finance.residual", [](const Profile& p) { return p.finance.residual_name; }},
    {"workload.peak_factor", [](const Profile& p) { return format_count(p.workload.peak_factor); }},
    {"workload.payload", [](const Profile& p) { return format_bytes(p.workload.payload_bytes); }},
    {"workload.hard_fraction", [](const Profile& p) { return format_percent(p.workload.hard_fraction); }},
    {"workload.service_cv", [](const Profile& p) { return format_count(p.workload.service_cv); }},
    {"fleet.unit", [](const Profile& p) { return p.fleet.unit; }},
    {"connectivity.rtt",
     [](const Profile& p) {
       const auto& r = p.connectivity.rtt;
       return r ? format_duration_range(r->low_s, r->high_s) : std::string("-");
     }},
    {"connectivity.uplink",
     [](const Profile& p) {
       const auto& u = p.connectivity.uplink_bytes_per_s;
       return u ? format_count(*u * 8 / 1e6) + " Mbit/s" : std::string("-");
     }},
    {"connectivity.outage", [](const Profile& p) { return duration_or(p.connectivity.outage_s, "-"); }},
    {"connectivity.data_price",
     [](const Profile& p) { return format_unit_price(p.connectivity.data_price_per_gb, p.currency) + "/GB"; }},
    {"connectivity.offline_tolerance",
     [](const Profile& p) { return duration_or(p.connectivity.offline_tolerance_s, "unlimited"); }},
    {"data.leaves_device", [](const Profile& p) { return std::string(to_string(p.data.leaves_device)); }},
    {"data.dpa", [](const Profile& p) { return yes_no(p.data.dpa); }},
    {"data.escalation_allowed", [](const Profile& p) { return yes_no(p.data.escalation_allowed); }},
    {"carbon.grid",
     [](const Profile& p) { return fmt::format("{} g/kWh", format_count(p.carbon.grid_g_per_kwh)); }},
    {"cloud.inference_time", [](const Profile& p) { return format_duration(p.cloud.inference_time_s); }},
    {"cloud.transfer", [](const Profile& p) { return money(p, p.cloud.transfer_per_gb) + "/GB"; }},
    {"cloud.fixed", [](const Profile& p) { return per_month(p, p.cloud.fixed_per_month); }},
    {"cloud.price.instance.min", [](const Profile& p) { return format_count(p.cloud.price.min_instances); }},
    {"cloud.price.instance.utilization", [](const Profile& p) { return format_percent(p.cloud.price.utilization); }},
    {"cloud.price.instance.tier", [](const Profile& p) { return std::string(to_string(p.cloud.price.rental)); }},
    {"cloud.price.instance.interruptions",
     [](const Profile& p) { return format_count(p.cloud.price.interruptions_per_s * 86400) + "/day"; }},
    {"cloud.price.instance.idle_timeout", [](const Profile& p) { return format_duration(p.cloud.price.idle_timeout_s); }},
    {"edge.deployment", [](const Profile& p) { return std::string(to_string(p.edge.deployment)); }},
    {"edge.utilization", [](const Profile& p) { return format_percent(p.edge.utilization); }},
    {"edge.power", [](const Profile& p) { return format_count(p.edge.power_w) + " W"; }},
    {"edge.energy_price", [](const Profile& p) { return money(p, p.edge.energy_price_per_kwh) + "/kWh"; }},
    {"edge.pue", [](const Profile& p) { return format_count(p.edge.pue); }},
    {"edge.engineering", [](const Profile& p) { return money(p, p.edge.engineering); }},
    {"edge.maintenance", [](const Profile& p) { return per_month(p, p.edge.maintenance.per_month); }},
    {"edge.fixed", [](const Profile& p) { return per_month(p, p.edge.fixed_per_month); }},
    {"edge.lifetime", [](const Profile& p) { return duration_or(p.edge.lifetime_s, "never"); }},
    {"hybrid.escalation", [](const Profile& p) { return format_percent(p.hybrid.escalation); }},
    {"hybrid.escalation_sync", [](const Profile& p) { return yes_no(p.hybrid.escalation_sync); }},
    {"hybrid.mode", [](const Profile& p) { return std::string(to_string(p.hybrid.mode)); }},
    {"hybrid.router_time", [](const Profile& p) { return format_duration(p.hybrid.router_time_s); }},
    {"close_call", [](const Profile& p) { return format_percent(p.close_call); }},
};

std::string network_source(const Profile& p, std::string_view field) {
  const NetworkClass& n = network_class(p.connectivity.network);
  const std::string_view source = field == "connectivity.rtt"          ? n.rtt_source
                                  : field == "connectivity.uplink"     ? n.uplink_source
                                  : field == "connectivity.data_price" ? n.data_price_source
                                                                       : n.outage_source;
  return fmt::format("network class {}: {}", to_string(p.connectivity.network), source);
}

}  // namespace

std::string today_utc() {
  const std::chrono::year_month_day d{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                     static_cast<unsigned>(d.day()));
}

std::optional<long> days_between(const std::string& from, const std::string& to) {
  const auto parse = [](const std::string& s) -> std::optional<std::chrono::sys_days> {
    if (s.size() != 7 && s.size() != 10) return std::nullopt;
    try {
      const int y = std::stoi(s.substr(0, 4));
      const unsigned m = static_cast<unsigned>(std::stoi(s.substr(5, 2)));
      const unsigned d = s.size() == 10 ? static_cast<unsigned>(std::stoi(s.substr(8, 2))) : 1u;
      const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
      if (!ymd.ok()) return std::nullopt;
      return std::chrono::sys_days{ymd};
    } catch (const std::exception&) {
      return std::nullopt;
    }
  };
  const auto a = parse(from), b = parse(to);
  if (!a || !b) return std::nullopt;
  return static_cast<long>((*b - *a).count());
}

std::vector<Assumption> assumptions_of(const Profile& profile, const std::string& today) {
  std::vector<Assumption> out;
  for (const std::string& field : profile.defaults_applied) {
    for (const DefaultShown& d : k_shown) {
      if (d.field != field) continue;
      const std::string_view source = field_default(field).source;
      std::string note = source.empty() ? network_source(profile, field) : std::string(source);
      if (const ResidualCurve* curve = find_residual_curve(profile.finance.residual_name); field == "finance.residual" && curve)
        note = fmt::format("deployment {}: {}", to_string(profile.edge.deployment), curve->source);
      else if (field == "finance.residual")
        note = fmt::format("deployment {}: devices in the field are not recovered", to_string(profile.edge.deployment));
      if (field == "cloud.inference_time" && profile.workload.tokens && profile.cloud.price.form != PriceForm::per_call &&
          profile.cloud.price.form != PriceForm::instance)
        note = fmt::format("WARNING: a token-priced API does not answer {} output tokens in 0 ms; set "
                           "cloud.inference_time (time to first token + output tokens / output speed)",
                           format_count(profile.workload.tokens->output));
      out.push_back(Assumption{field, d.show(profile), note});
      break;
    }
  }
  for (const CatalogValue& v : profile.catalog_values) {
    std::string source = v.source;
    const auto age = days_between(v.date, today);
    if (v.field == "cloud.price" && age && *age > k_stale_price_days)
      source += fmt::format("; WARNING: priced {} days before {}, check the current price", *age, today);
    out.push_back(Assumption{v.field, v.value, source});
  }
  return out;
}

}  // namespace edgecalc
