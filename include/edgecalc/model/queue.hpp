#pragma once

// Queueing at the peak: Poisson arrivals at c identical servers (slots), an M/G/c queue, with
// Erlang C for the probability of waiting and the Allen-Cunneen approximation for the wait
// (docs/model.md, "Latency under load").

namespace edgecalc {

// The probability that an arrival waits in an M/M/c queue with `servers` servers and offered
// load `offered` = arrival rate x service time (Erlang C). 1 when offered >= servers.
double erlang_c(double servers, double offered);

struct QueueWait {
  double utilization = 0;             // offered / servers
  double probability_of_waiting = 0;  // Erlang C
  double mean_s = 0;                  // mean wait in the queue, before service starts
  double p50_s = 0;
  double p95_s = 0;
  // The coefficient of variation of a waiting call's wait: 1 (exponential, exact for M/M/c) with
  // several servers; with one, from the exact first two moments of the M/G/1 wait (Takacs).
  double conditional_cv = 1;
  bool stable = true;                 // false: utilization >= 1, the queue grows without bound
};

// The wait of an M/G/c queue: `arrivals_per_s` Poisson arrivals, `servers` slots, each call
// holding a slot for `service_s` on average with coefficient of variation `service_cv`.
// Allen-Cunneen: mean wait = ErlangC / (c mu - lambda) x (1 + cv^2) / 2. Given that a call
// waits, its wait is taken as exponential with mean (mean wait / ErlangC) (exact for M/M/c),
// so the q-quantile is 0 when ErlangC <= 1 - q, else (mean / ErlangC) x ln(ErlangC / (1 - q)).
QueueWait mgc_wait(double arrivals_per_s, double service_s, double servers, double service_cv);

// The q-quantile (0 < q < 1) of the wait of `w`.
double wait_quantile(const QueueWait& w, double q);

// The time one call takes as its user measures it: a fixed part (the network, an API's time to
// the first token), its wait, and its own service time. The wait is 0 with probability 1 - C and
// otherwise Gamma with mean `conditional_wait_s` and cv `conditional_wait_cv` (1: exponential);
// the service time is Gamma with mean
// `service_s` and coefficient of variation `service_cv` (shape 1/cv^2, scale service_s cv^2),
// fixed when cv is 0. docs/model.md, "Latency under load".
struct CallTime {
  double fixed_s = 0;
  double service_s = 0;
  double service_cv = 0;
  double probability_of_waiting = 0;
  double conditional_wait_s = 0;
  double conditional_wait_cv = 1;
  bool stable = true;  // false: the queue grows without bound, every quantile is infinite
  // A share of calls that takes `delay_s` more (a cold start, a retry): the call time is then the
  // mixture (1 - share) F(t) + share F(t - delay).
  double delay_share = 0;
  double delay_s = 0;
};

// The call time of a call served for `service_s` (cv `service_cv`) after waiting as `w` does.
CallTime call_time(const QueueWait& w, double fixed_s, double service_s, double service_cv);

// P(call time <= t). Closed form where one exists (cv 0: the wait's CDF shifted; an exponential
// wait longer than the service's Gamma scale: G(t) - e^(-t/m) (1 - theta/m)^-k P(k, (1/theta -
// 1/m) t) with G the Gamma CDF and P the regularized lower incomplete gamma); otherwise the
// waiting calls' wait + service is taken as one Gamma with the same mean and variance.
double call_time_cdf(const CallTime& t, double seconds);

// The q-quantile (0 < q < 1) of the call time: exact for cv 0 or no wait, else the root of the
// CDF (TOMS 748, to 1e-12 relative).
double call_time_quantile(const CallTime& t, double q);

}  // namespace edgecalc
