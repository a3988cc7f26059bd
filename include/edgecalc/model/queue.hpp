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

}  // namespace edgecalc
