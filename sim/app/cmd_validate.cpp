// sim/app/cmd_validate.cpp: `sendsim validate FILE...` and `sendsim demo`.
#include <cstdio>

#include "app/cli.hpp"
#include "engine/mmc.hpp"
#include "engine/replication.hpp"
#include "scenario/loader.hpp"

namespace sendsim::app {

int command_validate(const std::vector<std::string_view>& args) {
  if (args.empty()) throw UsageError("validate: no files given (usage: sendsim validate FILE...)");
  for (std::string_view file : args) {
    if (file.starts_with("-")) throw UsageError("validate: unknown option \"" + std::string(file) + "\"");
  }
  for (std::string_view file : args) {
    scenario::validate_file(fs::path(file));
    std::printf("%s: ok\n", std::string(file).c_str());
    std::fflush(stdout);
  }
  return 0;
}

int command_demo() {
  using namespace sendsim::engine;
  MmcParams p;
  p.customers = 200000;
  p.warmup_time = 1000.0;
  const auto results = run_replications(10, 2, [&](std::size_t r) { return run_mmc(p, 20211, r); });
  std::vector<double> waits;
  for (const auto& r : results) waits.push_back(r.wait.mean());
  const Summary s = summarise(waits);
  std::printf("engine demonstration: M/M/3, arrival rate 2.4, service rate 1, 10 replications\n");
  std::printf("mean wait in queue %.4f (95%% interval %.4f to %.4f); Erlang C gives %.4f\n", s.mean, s.ci_low,
              s.ci_high, mmc_mean_wait(p));
  return 0;
}

}  // namespace sendsim::app
