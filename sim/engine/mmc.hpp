// sim/engine/mmc.hpp: an M/M/c queue on the engine, the reference model used
// to check the engine against closed-form answers (Erlang C) and to measure
// its speed. Poisson arrivals at rate lambda, c servers, exponential service
// at rate mu per server, first come first served, infinite waiting room.
// c = 0 means infinitely many servers (M/M/inf).
#pragma once

#include <cstdint>
#include <deque>

#include "engine/rng.hpp"
#include "engine/simulation.hpp"
#include "engine/stats.hpp"

namespace sendsim::engine {

struct MmcParams {
  double arrival_rate = 2.4;
  double service_rate = 1.0;
  unsigned servers = 3;              // 0: infinitely many
  std::uint64_t customers = 100000;  // arrivals to generate
  double warmup_time = 0.0;          // statistics restart at this time
};

struct MmcResult {
  Tally wait;                 // waiting time in queue of customers arriving after warm-up
  double mean_in_system = 0;  // time-average number in system after warm-up
  double mean_busy = 0;       // time-average busy servers after warm-up
  std::uint64_t events = 0;   // events delivered
  double end_time = 0;
};

/// Runs one replication of M/M/c with the given random streams.
inline MmcResult run_mmc(const MmcParams& p, std::uint64_t seed, std::uint64_t replication) {
  enum class Kind : std::uint8_t { kArrival, kDeparture };
  struct Event {
    Kind kind;
  };
  Rng arrivals(seed, replication, stream_id("arrivals"));
  Rng service(seed, replication, stream_id("service"));
  Simulation<double, Event> sim(0.0);
  std::deque<double> queue;  // arrival times of waiting customers
  unsigned busy = 0;
  std::uint64_t arrived = 0;
  MmcResult result;
  TimeWeighted in_system(0.0, 0.0);
  TimeWeighted busy_level(0.0, 0.0);
  bool warm = p.warmup_time <= 0.0;
  const bool infinite = p.servers == 0;

  sim.schedule(arrivals.exponential(p.arrival_rate), 0, Event{Kind::kArrival});
  auto handler = [&](Simulation<double, Event>& s, const Event& e) {
    const double t = s.now();
    if (!warm && t >= p.warmup_time) {
      warm = true;
      in_system.restart(p.warmup_time);
      busy_level.restart(p.warmup_time);
    }
    if (e.kind == Kind::kArrival) {
      ++arrived;
      if (arrived < p.customers)
        s.schedule(t + arrivals.exponential(p.arrival_rate), 0, Event{Kind::kArrival});
      in_system.add(t, 1.0);
      if (infinite || busy < p.servers) {
        ++busy;
        busy_level.set(t, busy);
        if (warm) result.wait.add(0.0);
        s.schedule(t + service.exponential(p.service_rate), 0, Event{Kind::kDeparture});
      } else {
        queue.push_back(t);
      }
    } else {
      in_system.add(t, -1.0);
      if (!queue.empty()) {
        const double arrived_at = queue.front();
        queue.pop_front();
        if (arrived_at >= p.warmup_time) result.wait.add(t - arrived_at);
        s.schedule(t + service.exponential(p.service_rate), 0, Event{Kind::kDeparture});
      } else {
        --busy;
        busy_level.set(t, busy);
      }
    }
  };
  result.events = sim.run(handler);
  result.end_time = sim.now();
  result.mean_in_system = in_system.average(sim.now());
  result.mean_busy = busy_level.average(sim.now());
  return result;
}

/// Erlang C: the probability that an arrival waits, for c servers and
/// offered load a = lambda / mu (a < c).
[[nodiscard]] inline double erlang_c(unsigned c, double a) {
  double term = 1.0;  // a^k / k!
  double sum = 1.0;
  for (unsigned k = 1; k < c; ++k) {
    term *= a / k;
    sum += term;
  }
  term *= a / c;  // a^c / c!
  const double top = term * c / (c - a);
  return top / (sum + top);
}

/// Mean waiting time in queue of M/M/c: C(c, a) / (c mu - lambda).
[[nodiscard]] inline double mmc_mean_wait(const MmcParams& p) {
  const double a = p.arrival_rate / p.service_rate;
  return erlang_c(p.servers, a) / (p.servers * p.service_rate - p.arrival_rate);
}

}  // namespace sendsim::engine
