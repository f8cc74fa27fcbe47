// sim/app/cmd_validate.cpp: `sendsim validate FILE...` (models, scenarios,
// sweeps and appraisal options files), `sendsim parameters` and `sendsim demo`.
#include <cstdio>

#include "app/cli.hpp"
#include "appraise/options.hpp"
#include "batch/batch.hpp"
#include "batch/sweep.hpp"
#include "engine/mmc.hpp"
#include "engine/replication.hpp"
#include "scenario/error.hpp"
#include "scenario/loader.hpp"
#include "scenario/parameters.hpp"
#include "scenario/yaml_tree.hpp"

namespace sendsim::app {

int command_validate(const std::vector<std::string_view>& arguments) {
  std::vector<std::string> args;
  Command c("validate",
            "Each file is a model, a scenario, a sweep or an appraisal options file; \"FILE: ok\" on stdout "
            "for each good one, the\n"
            "first error of each bad one on stderr (exit 2 if any is bad).");
  c.positionals("FILE...", args, SIZE_MAX, "file");
  if (!c.parse(arguments)) return 0;
  if (args.empty()) throw c.missing("files");
  // Every file is checked: "FILE: ok" on stdout, or its error on stderr
  // (the loader stops at a file's first error); exit 2 if any failed. A
  // sweep is checked as `sendsim batch` checks it before running, and each
  // of its cells too: a cell that batch would record as failed (a bad base
  // file, values breaking a cross-field rule) fails the sweep here. An
  // options file is checked as `sendsim appraise` checks it: its own keys,
  // its baseline, and every option's scenario (baseline plus its changes).
  std::size_t failed = 0;
  for (const std::string& file : args) {
    try {
      if (batch::looks_like_sweep(fs::path(file))) {
        const batch::Sweep sweep = batch::load_sweep(fs::path(file));
        const std::size_t cells = batch::load_cells(sweep, {}).size();
        std::printf("%s: ok (a sweep of %zu cell%s)\n", std::string(file).c_str(), cells,
                    cells == 1 ? "" : "s");
        std::fflush(stdout);
        continue;
      }
      if (scenario::has_top_level_key(fs::path(file), "appraisal")) {
        const appraise::OptionsFile options = appraise::load_options(fs::path(file));
        std::printf("%s: ok (an options file of %zu option%s)\n", std::string(file).c_str(),
                    options.options.size(), options.options.size() == 1 ? "" : "s");
        std::fflush(stdout);
        continue;
      }
      scenario::validate_file(fs::path(file));
      std::printf("%s: ok\n", std::string(file).c_str());
      std::fflush(stdout);
    } catch (const scenario::InputError& e) {
      ++failed;
      std::fprintf(stderr, "sendsim: %s\n", e.what());
      std::fflush(stderr);
    }
  }
  if (failed == 0) return 0;
  if (args.size() > 1) {
    std::fprintf(stderr, "sendsim: validate: %zu of %zu files failed\n", failed, args.size());
  }
  return kExitBadInput;
}

int command_parameters(const std::vector<std::string_view>& args) {
  Command c("parameters");
  if (!c.parse(args)) return 0;
  std::fputs(scenario::parameters_markdown().c_str(), stdout);
  return 0;
}

int command_demo(const std::vector<std::string_view>& args) {
  Command c("demo");
  if (!c.parse(args)) return 0;
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
