// benchmarks/bare_loop_mmc.hpp: the M/M/c model of engine/mmc.hpp written as
// a bare event loop, the baseline the engine is measured against.
//
// What a programmer would write by hand without an engine: plain-struct events
// (a time and a kind) in a std::priority_queue, dispatched by a `switch`. The
// model itself is a line-for-line copy of run_mmc: the same random streams
// drawn in the same order (sendsim::engine::Rng), the same waiting line
// (std::deque), the same statistics (Tally, TimeWeighted) and the same
// warm-up. So the two differ only in the event loop, and for the same seed
// and replication they return the same numbers (times are continuous, so no
// two events tie and the order of ties cannot differ): mm3_compare checks it.
#pragma once

#include <cstdint>
#include <deque>
#include <queue>
#include <vector>

#include "engine/mmc.hpp"
#include "engine/rng.hpp"
#include "engine/stats.hpp"

namespace sendsim::bench {

/// The benchmark model: M/M/3, arrival rate 2.4, service rate 1 per server,
/// a million customers, no warm-up (all customers are measured).
[[nodiscard]] inline engine::MmcParams mm3_params(std::uint64_t customers = 1000000) {
  engine::MmcParams p;
  p.arrival_rate = 2.4;
  p.service_rate = 1.0;
  p.servers = 3;
  p.customers = customers;
  p.warmup_time = 0.0;
  return p;
}

/// Runs one replication of M/M/c as a bare loop; same result type and same
/// numbers as engine::run_mmc.
inline engine::MmcResult run_bare_mmc(const engine::MmcParams& p, std::uint64_t seed,
                                      std::uint64_t replication) {
  using engine::Rng;
  using engine::stream_id;
  enum Kind : std::uint8_t { kArrival, kDeparture };
  struct Event {
    double time;
    Kind kind;
  };
  struct Later {
    bool operator()(const Event& a, const Event& b) const noexcept { return a.time > b.time; }
  };

  Rng arrivals(seed, replication, stream_id("arrivals"));
  Rng service(seed, replication, stream_id("service"));
  std::priority_queue<Event, std::vector<Event>, Later> pending;
  std::deque<double> queue;  // arrival times of waiting customers
  unsigned busy = 0;
  std::uint64_t arrived = 0;
  engine::MmcResult result;
  engine::TimeWeighted in_system(0.0, 0.0);
  engine::TimeWeighted busy_level(0.0, 0.0);
  bool warm = p.warmup_time <= 0.0;
  const bool infinite = p.servers == 0;
  double now = 0.0;

  pending.push(Event{arrivals.exponential(p.arrival_rate), kArrival});
  while (!pending.empty()) {
    const Event e = pending.top();
    pending.pop();
    const double t = e.time;
    now = t;
    ++result.events;
    if (!warm && t >= p.warmup_time) {
      warm = true;
      in_system.restart(p.warmup_time);
      busy_level.restart(p.warmup_time);
    }
    switch (e.kind) {
      case kArrival:
        ++arrived;
        if (arrived < p.customers) pending.push(Event{t + arrivals.exponential(p.arrival_rate), kArrival});
        in_system.add(t, 1.0);
        if (infinite || busy < p.servers) {
          ++busy;
          busy_level.set(t, busy);
          if (warm) result.wait.add(0.0);
          pending.push(Event{t + service.exponential(p.service_rate), kDeparture});
        } else {
          queue.push_back(t);
        }
        break;
      case kDeparture:
        in_system.add(t, -1.0);
        if (!queue.empty()) {
          const double arrived_at = queue.front();
          queue.pop_front();
          if (arrived_at >= p.warmup_time) result.wait.add(t - arrived_at);
          pending.push(Event{t + service.exponential(p.service_rate), kDeparture});
        } else {
          --busy;
          busy_level.set(t, busy);
        }
        break;
    }
  }
  result.end_time = now;
  result.mean_in_system = in_system.average(now);
  result.mean_busy = busy_level.average(now);
  return result;
}

}  // namespace sendsim::bench
