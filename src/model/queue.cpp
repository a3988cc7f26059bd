#include <edgecalc/model/queue.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/tools/roots.hpp>

namespace edgecalc {

namespace {

// Beyond this many servers the exact recurrence (one step per server) gives way to the
// Halfin-Whitt limit, whose error falls as 1 / sqrt(servers).
constexpr double k_exact_servers = 2000;

// Out-of-range arguments give NaN or infinity instead of throwing: every caller checks its inputs,
// and a profile must never end the process.
using Quiet = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>,
    boost::math::policies::promote_double<false>>;

// P(Gamma(shape, scale) <= t).
double gamma_cdf(double shape, double scale, double t) {
  return t <= 0 ? 0 : boost::math::gamma_p(shape, t / scale, Quiet());
}

// The closed form below multiplies by (1 - theta/m)^-k: past e^14 (about 1e6) it would cancel
// away more digits than a p95 can spare.
constexpr double k_max_amplification_log = 14;

// P(E + S <= t) for E exponential with mean m and S Gamma(k, theta):
//   int_0^t g(s) (1 - e^(-(t-s)/m)) ds = G(t) - e^(-t/m) int_0^t g(s) e^(s/m) ds
// and for m > theta the last integral is (1 - theta/m)^-k P(k, (1/theta - 1/m) t). Otherwise E + S
// is taken as the Gamma of the same mean (m + k theta) and variance (m^2 + k theta^2).
double exp_plus_gamma_cdf(double k, double theta, double m, double t) {
  if (m > theta) {
    const double amplification_log = -k * std::log1p(-theta / m);
    if (amplification_log < k_max_amplification_log) {
      const double v = boost::math::gamma_p(k, t / theta, Quiet()) -
                       std::exp(amplification_log - t / m) * boost::math::gamma_p(k, (1 / theta - 1 / m) * t, Quiet());
      return std::clamp(v, 0.0, 1.0);
    }
  }
  const double mean = m + k * theta, variance = m * m + k * theta * theta;
  return gamma_cdf(mean * mean / variance, variance / mean, t);
}

// The q-quantile of a wait that is 0 with probability 1 - C and else exponential with mean m.
double mixed_exponential_quantile(double C, double m, double q) {
  return C <= 1 - q || m <= 0 ? 0 : m * std::log(C / (1 - q));
}

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

CallTime call_time(const QueueWait& w, double fixed_s, double service_s, double service_cv) {
  CallTime t;
  t.fixed_s = fixed_s;
  t.service_s = service_s;
  t.service_cv = service_cv;
  t.stable = w.stable;
  t.probability_of_waiting = w.probability_of_waiting;
  t.conditional_wait_s = w.probability_of_waiting > 0 ? w.mean_s / w.probability_of_waiting : 0;
  t.conditional_wait_cv = w.conditional_cv;
  return t;
}

namespace {

// The call time without its delayed share.
double undelayed_cdf(const CallTime& c, double seconds) {
  const double t = seconds - c.fixed_s;
  if (!c.stable || t < 0) return 0;
  const double C = c.probability_of_waiting, m = c.conditional_wait_s, S = c.service_s;
  const bool waits = C > 0 && m > 0;
  const double wcv2 = c.conditional_wait_cv * c.conditional_wait_cv;
  const bool exponential = std::abs(wcv2 - 1) < 1e-9;
  if (c.service_cv <= 0 || S <= 0) {  // a fixed service time: the wait's own CDF, shifted
    if (t < S) return 0;
    if (!waits) return 1;
    return 1 - C * (exponential ? std::exp(-(t - S) / m) : 1 - gamma_cdf(1 / wcv2, m * wcv2, t - S));
  }
  const double k = 1 / (c.service_cv * c.service_cv), theta = S * c.service_cv * c.service_cv;
  const double served = gamma_cdf(k, theta, t);
  if (!waits) return served;
  if (exponential) return (1 - C) * served + C * exp_plus_gamma_cdf(k, theta, m, t);
  const double mean = m + S, variance = m * m * wcv2 + S * S * c.service_cv * c.service_cv;
  return (1 - C) * served + C * gamma_cdf(mean * mean / variance, variance / mean, t);
}

double undelayed_quantile(const CallTime& c, double q) {
  if (!c.stable) return std::numeric_limits<double>::infinity();
  const double C = c.probability_of_waiting, m = c.conditional_wait_s, S = c.service_s;
  const bool waits = C > 0 && m > 0;
  const double wcv2 = c.conditional_wait_cv * c.conditional_wait_cv;
  if (c.service_cv <= 0 || S <= 0) {
    if (!waits || C <= 1 - q) return c.fixed_s + S;
    if (std::abs(wcv2 - 1) < 1e-9) return c.fixed_s + S + mixed_exponential_quantile(C, m, q);
    // C P(W > w | waits) = 1 - q
    return c.fixed_s + S + m * wcv2 * boost::math::gamma_q_inv(1 / wcv2, (1 - q) / C, Quiet());
  }
  const double k = 1 / (c.service_cv * c.service_cv), theta = S * c.service_cv * c.service_cv;
  const auto service_quantile = [&](double p) { return theta * boost::math::gamma_p_inv(k, p, Quiet()); };
  if (!waits) return c.fixed_s + service_quantile(q);
  // wait + service is at least the service, and P(W <= w_r, S <= s_r) = r^2 = q at r = sqrt(q)
  // (the wait's quantile taken as an exponential's of twice the mean, which bounds a Gamma wait of
  // cv up to about 1.4; the search widens when it does not).
  const auto f = [&](double t) { return undelayed_cdf(c, c.fixed_s + t) - q; };
  double lo = service_quantile(q);
  const double r = std::sqrt(q);
  double hi = service_quantile(r) + mixed_exponential_quantile(C, m * std::max(1.0, wcv2) * 2, r);
  double f_lo = f(lo), f_hi = f(hi);
  if (!std::isfinite(lo) || !std::isfinite(hi) || !std::isfinite(f_lo) || !std::isfinite(f_hi))
    return std::numeric_limits<double>::quiet_NaN();
  if (f_lo >= 0) return c.fixed_s + lo;
  for (int i = 0; f_hi < 0 && i < 60; ++i) f_hi = f(hi *= 2);  // moment matching may sit past the bound
  if (f_hi < 0) return c.fixed_s + hi;
  std::uintmax_t iterations = 100;
  const auto root = boost::math::tools::toms748_solve(f, lo, hi, f_lo, f_hi, boost::math::tools::eps_tolerance<double>(40),
                                                      iterations, Quiet());
  return c.fixed_s + (root.first + root.second) / 2;
}

}  // namespace

double call_time_cdf(const CallTime& c, double seconds) {
  const double base = undelayed_cdf(c, seconds);
  if (c.delay_share <= 0 || c.delay_s <= 0) return base;
  return (1 - c.delay_share) * base + c.delay_share * undelayed_cdf(c, seconds - c.delay_s);
}

double call_time_quantile(const CallTime& c, double q) {
  const double base = undelayed_quantile(c, q);
  if (c.delay_share <= 0 || c.delay_s <= 0 || !std::isfinite(base)) return base;
  // The mixture's CDF lies between F(t - delay) and F(t): its quantile between base and
  // base + delay, where TOMS 748 finds it.
  const auto f = [&](double t) { return call_time_cdf(c, t) - q; };
  double lo = base, hi = base + c.delay_s;
  double f_lo = f(lo), f_hi = f(hi);
  if (f_lo >= 0) return lo;
  if (f_hi <= 0) return hi;
  std::uintmax_t iterations = 100;
  const auto root = boost::math::tools::toms748_solve(f, lo, hi, f_lo, f_hi, boost::math::tools::eps_tolerance<double>(40),
                                                      iterations, Quiet());
  return (root.first + root.second) / 2;
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
  if (servers <= 1) {
    // M/G/1 (Pollaczek-Khinchine, Takacs): E[W] = lambda E[S^2] / (2 (1 - rho)) (the mean above),
    // E[W^2] = 2 E[W]^2 + lambda E[S^3] / (3 (1 - rho)); with Gamma service E[S^3] = S^3 (1 + cv^2)
    // (1 + 2 cv^2). A call waits with probability rho, so given a wait the moments are / rho.
    const double cv2 = service_cv * service_cv, rho = w.utilization;
    const double s3 = service_s * service_s * service_s * (1 + cv2) * (1 + 2 * cv2);
    const double second = 2 * w.mean_s * w.mean_s + arrivals_per_s * s3 / (3 * (1 - rho));
    const double m = w.mean_s / rho, m2 = second / rho;
    w.conditional_cv = std::sqrt(std::max(1e-6, m2 / (m * m) - 1));
  }
  w.p50_s = wait_quantile(w, 0.5);
  w.p95_s = wait_quantile(w, 0.95);
  return w;
}

}  // namespace edgecalc
