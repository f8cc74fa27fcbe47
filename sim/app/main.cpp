// sim/app/main.cpp: the sendsim command line (engine demonstration until the
// SEND model lands).
#include <cstdio>
#include <cstring>

#include "engine/mmc.hpp"
#include "engine/replication.hpp"

int main(int argc, char** argv) {
  using namespace sendsim::engine;
  if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
    std::printf("sendsim 0.1.0\n");
    return 0;
  }
  MmcParams p;
  p.customers = 200000;
  p.warmup_time = 1000.0;
  const auto results = run_replications(10, 2, [&](std::size_t r) { return run_mmc(p, 20211, r); });
  std::vector<double> waits;
  for (const auto& r : results) waits.push_back(r.wait.mean());
  const Summary s = summarise(waits);
  std::printf("engine demonstration: M/M/3, arrival rate 2.4, service rate 1, 10 replications\n");
  std::printf("mean wait in queue %.4f (95%% interval %.4f to %.4f); Erlang C gives %.4f\n", s.mean,
              s.ci_low, s.ci_high, mmc_mean_wait(p));
  return 0;
}
