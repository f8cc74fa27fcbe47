// benchmarks/engine_bench.cpp: tier 1 of the benchmarks, the engine alone.
//
//   BM_Hold/N          the classic hold model: N pending events, each step
//                      delivers the earliest and schedules one new event at
//                      now + Exp(1). Time per iteration = ns per event.
//   BM_HoldBareHeap/N  the same hold model on a std::priority_queue (pop then
//                      push), for scale.
//   BM_HoldDays/N      the hold model on whole days (as the SEND model's
//                      clock): each event schedules one at now + 1 +
//                      floor(Exp(mean 30 days)), through Simulation<int32_t>
//                      (the bucket calendar, engine/bucket_calendar.hpp).
//   BM_HoldDaysHeap/N  the same on the 4-ary heap (EventQueue<int32_t>, the
//                      fused replace-top by hand), for the side-by-side.
//   BM_MM3_Engine      M/M/3 (arrival 2.4, service 1), 1e6 customers, through
//                      engine::run_mmc. items_per_second = model events/s.
//   BM_MM3_BareLoop    the same model as a bare loop (bare_loop_mmc.hpp).
//
// Run: build/release/benchmarks/engine_bench (Google Benchmark flags apply,
// e.g. --benchmark_filter=Hold --benchmark_repetitions=5).
#include <benchmark/benchmark.h>

#include <cstdint>
#include <queue>
#include <vector>

#include "bare_loop_mmc.hpp"
#include "engine/mmc.hpp"
#include "engine/rng.hpp"
#include "engine/simulation.hpp"

namespace {

using sendsim::engine::Rng;
using sendsim::engine::Simulation;
using sendsim::engine::stream_id;

struct HoldEvent {
  std::uint32_t token;
};

void report_per_event(benchmark::State& state, std::int64_t events) {
  state.SetItemsProcessed(events);
  // Seconds per event, shown with an SI prefix (e.g. "52.1n" = 52.1 ns).
  state.counters["per_event"] = benchmark::Counter(static_cast<double>(events),
                                                   benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

void BM_Hold(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  using Sim = Simulation<double, HoldEvent>;
  Sim sim;
  sim.reserve(n + 1);
  Rng rng(1, 0, stream_id("hold"));
  for (std::size_t i = 0; i < n; ++i)
    sim.schedule(rng.exponential(1.0), 0, HoldEvent{static_cast<std::uint32_t>(i)});
  auto hold = [&rng](Sim& s, const HoldEvent& e) { s.schedule(s.now() + rng.exponential(1.0), 0, e); };
  for (auto _ : state) {
    sim.step(hold);
  }
  benchmark::DoNotOptimize(sim.now());
  if (sim.pending() != n) state.SkipWithError("the hold model lost or gained events");
  report_per_event(state, static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_Hold)->RangeMultiplier(10)->Range(10, 1000000);

/// A delay of whole days: 1 + floor(Exp(mean 30)).
std::int32_t day_delay(Rng& rng) { return 1 + static_cast<std::int32_t>(rng.exponential(1.0 / 30.0)); }

void BM_HoldDays(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  using Sim = Simulation<std::int32_t, HoldEvent>;
  Sim sim;
  Rng rng(1, 0, stream_id("hold"));
  for (std::size_t i = 0; i < n; ++i)
    sim.schedule(day_delay(rng), 0, HoldEvent{static_cast<std::uint32_t>(i)});
  auto hold = [&rng](Sim& s, const HoldEvent& e) { s.schedule(s.now() + day_delay(rng), 0, e); };
  for (auto _ : state) {
    sim.step(hold);
  }
  benchmark::DoNotOptimize(sim.now());
  if (sim.pending() != n) state.SkipWithError("the hold model lost or gained events");
  report_per_event(state, static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_HoldDays)->RangeMultiplier(10)->Range(10, 1000000);

void BM_HoldDaysHeap(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  sendsim::engine::EventQueue<std::int32_t, HoldEvent> queue;
  queue.reserve(n + 1);
  Rng rng(1, 0, stream_id("hold"));
  for (std::size_t i = 0; i < n; ++i) queue.push(day_delay(rng), 0, HoldEvent{static_cast<std::uint32_t>(i)});
  std::int32_t now = 0;
  for (auto _ : state) {
    const auto& top = queue.top();
    now = top.time;
    const HoldEvent e = top.event;
    queue.replace_top(now + day_delay(rng), 0, e);
  }
  benchmark::DoNotOptimize(now);
  if (queue.size() != n) state.SkipWithError("the hold model lost or gained events");
  report_per_event(state, static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_HoldDaysHeap)->RangeMultiplier(10)->Range(10, 1000000);

void BM_HoldBareHeap(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  struct Entry {
    double time;
    std::uint32_t token;
  };
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const noexcept { return a.time > b.time; }
  };
  std::vector<Entry> storage;
  storage.reserve(n + 1);
  std::priority_queue<Entry, std::vector<Entry>, Later> pending(Later{}, std::move(storage));
  Rng rng(1, 0, stream_id("hold"));
  for (std::size_t i = 0; i < n; ++i)
    pending.push(Entry{rng.exponential(1.0), static_cast<std::uint32_t>(i)});
  double now = 0.0;
  for (auto _ : state) {
    const Entry e = pending.top();
    pending.pop();
    now = e.time;
    pending.push(Entry{now + rng.exponential(1.0), e.token});
  }
  benchmark::DoNotOptimize(now);
  report_per_event(state, static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_HoldBareHeap)->RangeMultiplier(10)->Range(10, 1000000);

void BM_MM3_Engine(benchmark::State& state) {
  const auto p = sendsim::bench::mm3_params();
  std::int64_t events = 0;
  std::uint64_t replication = 0;
  for (auto _ : state) {
    const auto r = sendsim::engine::run_mmc(p, 1, replication++);
    benchmark::DoNotOptimize(r.wait.mean());
    events += static_cast<std::int64_t>(r.events);
  }
  report_per_event(state, events);
}
BENCHMARK(BM_MM3_Engine)->Unit(benchmark::kMillisecond);

void BM_MM3_BareLoop(benchmark::State& state) {
  const auto p = sendsim::bench::mm3_params();
  std::int64_t events = 0;
  std::uint64_t replication = 0;
  for (auto _ : state) {
    const auto r = sendsim::bench::run_bare_mmc(p, 1, replication++);
    benchmark::DoNotOptimize(r.wait.mean());
    events += static_cast<std::int64_t>(r.events);
  }
  report_per_event(state, events);
}
BENCHMARK(BM_MM3_BareLoop)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
