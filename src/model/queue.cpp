#include <edgecalc/model/queue.hpp>

#include <cmath>
#include <limits>

namespace edgecalc {

namespace {

// Beyond this many servers the exact recurrence (one step per server) gives way to the
// Halfin-Whitt limit, whose error falls as 1 / sqrt(servers).
constexpr double k_exact_servers = 2000;

}  // namespace

// Erlang B by its recurrence B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)), which stays in [0, 1]
// for any c; then C = B / (1 - rho (1 - B)). For many servers, Halfin-Whitt:
// beta = (c - a) / sqrt(a), C = 1 / (1 + beta Phi(beta) / phi(beta)).
double erlang_c(double servers, double offered) {
  if (offered <= 0) return 0;
  if (offered >= servers) return 1;
  if (servers > k_exact_servers) {
    const double beta = (servers - offered) / std::sqrt(offered);
    if (beta > 37) return 0;  // phi(beta) underflows: no call waits
    const double pdf = std::exp(-beta * beta / 2) / std::sqrt(2 * M_PI);
    const double cdf = 0.5 * std::erfc(-beta / std::sqrt(2.0));
    return 1 / (1 + beta * cdf / pdf);
  }
  // Many servers with room to spare: once the offered load is large enough to be near normal,
  // (c - a) / sqrt(a) > 8 standard deviations of headroom means C < 1e-15 (the Halfin-Whitt
  // limit at beta = 8 is 6e-17): skip the recurrence, which break-even searches call thousands
  // of times for fleets sized in thousands of slots.
  if (offered >= 100 && (servers - offered) / std::sqrt(offered) > 8) return 0;
  double b = 1;
  const double c = std::floor(servers);
  for (double k = 1; k <= c; k += 1) {
    b = offered * b / (k + offered * b);
    if (k > offered && b < 1e-30) return 0;  // past the load B falls faster than geometrically
  }
  const double rho = offered / servers;
  return b / (1 - rho * (1 - b));
}

double wait_quantile(const QueueWait& w, double q) {
  if (!w.stable) return std::numeric_limits<double>::infinity();
  if (w.probability_of_waiting <= 1 - q || w.mean_s <= 0) return 0;
  const double conditional_mean = w.mean_s / w.probability_of_waiting;
  return conditional_mean * std::log(w.probability_of_waiting / (1 - q));
}

QueueWait mgc_wait(double arrivals_per_s, double service_s, double servers, double service_cv) {
  QueueWait w;
  const double offered = arrivals_per_s * service_s;
  w.utilization = servers > 0 ? offered / servers : std::numeric_limits<double>::infinity();
  if (arrivals_per_s <= 0 || service_s <= 0) return w;
  if (w.utilization >= 1) {
    w.stable = false;
    w.probability_of_waiting = 1;
    w.mean_s = w.p50_s = w.p95_s = std::numeric_limits<double>::infinity();
    return w;
  }
  w.probability_of_waiting = erlang_c(servers, offered);
  const double drain_per_s = servers / service_s - arrivals_per_s;  // c mu - lambda
  w.mean_s = w.probability_of_waiting / drain_per_s * (1 + service_cv * service_cv) / 2;
  w.p50_s = wait_quantile(w, 0.5);
  w.p95_s = wait_quantile(w, 0.95);
  return w;
}

}  // namespace edgecalc
