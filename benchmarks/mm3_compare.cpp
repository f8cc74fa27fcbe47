// benchmarks/mm3_compare.cpp: the engine against the bare loop on M/M/3.
//
// Runs engine::run_mmc and the bare loop of bare_loop_mmc.hpp alternately
// (engine, bare, engine, bare, ...) on the same seed and replication, so
// both see the same machine state and do the same work, and prints the median
// model events per second of each and their ratio, one `key value` per line:
//
//   mm3_compare [customers [runs]]      defaults: 1000000 customers, 7 runs
//
// Model events are arrivals plus departures: two per customer. The last line
// says whether both loops produced the same numbers (they should: see
// bare_loop_mmc.hpp); the exit status is 1 if they did not.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "bare_loop_mmc.hpp"
#include "engine/mmc.hpp"

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

template <class Run>
double events_per_second(Run&& run, sendsim::engine::MmcResult& out) {
  const auto start = std::chrono::steady_clock::now();
  out = run();
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return static_cast<double>(out.events) / elapsed.count();
}

}  // namespace

int main(int argc, char** argv) {
  const std::uint64_t customers = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 7;
  if (customers == 0 || runs < 1) {
    std::fprintf(stderr, "usage: mm3_compare [customers [runs]]\n");
    return 2;
  }
  const auto p = sendsim::bench::mm3_params(customers);
  constexpr std::uint64_t kSeed = 1;
  constexpr std::uint64_t kReplication = 0;

  std::vector<double> engine_rates;
  std::vector<double> bare_rates;
  sendsim::engine::MmcResult engine_result;
  sendsim::engine::MmcResult bare_result;
  for (int i = 0; i < runs; ++i) {
    engine_rates.push_back(
        events_per_second([&] { return sendsim::engine::run_mmc(p, kSeed, kReplication); }, engine_result));
    bare_rates.push_back(
        events_per_second([&] { return sendsim::bench::run_bare_mmc(p, kSeed, kReplication); }, bare_result));
  }
  const double engine = median(engine_rates);
  const double bare = median(bare_rates);
  const bool same = engine_result.events == bare_result.events &&
                    engine_result.wait.mean() == bare_result.wait.mean() &&
                    engine_result.mean_in_system == bare_result.mean_in_system &&
                    engine_result.end_time == bare_result.end_time;

  std::printf("model M/M/3 arrival %.1f service %.1f customers %llu events %llu runs %d\n", p.arrival_rate,
              p.service_rate, static_cast<unsigned long long>(customers),
              static_cast<unsigned long long>(engine_result.events), runs);
  std::printf("mean_wait %.6f (Erlang C %.6f)\n", engine_result.wait.mean(),
              sendsim::engine::mmc_mean_wait(p));
  std::printf("engine_events_per_second %.4g\n", engine);
  std::printf("bare_loop_events_per_second %.4g\n", bare);
  std::printf("engine_over_bare_loop %.3f\n", engine / bare);
  std::printf("results_identical %s\n", same ? "yes" : "no");
  return same ? 0 : 1;
}
