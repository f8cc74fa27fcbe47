// sim/app/cmd_sensitivity.cpp: `sendsim sensitivity SCENARIO --vary
// PATH=LOW:HIGH ...`: a batch of one-way variations under common random
// numbers (sim/batch/sensitivity.hpp), on threads or under mpirun.
#include <cstdio>
#include <memory>

#include "app/batch_cli.hpp"
#include "app/cli.hpp"
#include "app/interrupt.hpp"
#include "batch/batch.hpp"
#include "batch/comm.hpp"
#include "batch/sensitivity.hpp"
#include "batch/tables.hpp"
#include "output/results_writer.hpp"
#include "scenario/loader.hpp"

namespace sendsim::app {

int command_sensitivity(const std::vector<std::string_view>& args);

namespace {

struct SensitivityArgs : RunFlags {
  std::string scenario;
  std::vector<std::string> varies;
  std::vector<std::string> sets;
  std::vector<int> years;
  bool resume = false;
};

/// The arguments; none when --help was asked for (and printed).
std::optional<SensitivityArgs> parse_sensitivity_args(const std::vector<std::string_view>& args) {
  SensitivityArgs out;
  std::vector<std::string> years;
  Command c(
      "sensitivity",
      "Each --vary is a cell at LOW and one at HIGH, the others at the scenario's values, all under the\n"
      "same seed; tornado.csv and the tornado chart show each effect on the special-place shortfall,\n"
      "children waiting, INMSS placements and the DSG balance.");
  const std::optional<std::string> scenario = parse_file_and_run_flags(
      c, args, {"SCENARIO", "scenario", "scenario file"}, out,
      {.out = "sensitivity folder (default: results/sensitivity-<scenario name>)",
       .seed = "master seed of every cell (default: the scenario's)",
       .no_report = "skip the tornado chart and DIR/report.html"},
      [&](Command& more) {
        more.each("--vary", "PATH=LOW:HIGH", out.varies,
                  "a parameter's key path and its low and high values (repeatable)");
        more.each("--year", "YEAR", years, "the tornado's period (repeatable; default: each metric's last)");
        more.each("--set", "KEY=VALUE", out.sets, "override a key path in every cell (repeatable)");
        more.flag("--resume", out.resume, "run only the cells missing, failed or whose inputs changed");
      });
  if (!scenario) return std::nullopt;
  for (const std::string& y : years) out.years.push_back(parse_whole<int>("--year", y, 1900, 2200));
  out.scenario = *scenario;
  if (out.varies.empty())
    throw UsageError("sensitivity: nothing to vary (give --vary PATH=LOW:HIGH at least once)");
  return out;
}

}  // namespace

int command_sensitivity(const std::vector<std::string_view>& args) {
  const InterruptGuard interrupts;
  const std::optional<SensitivityArgs> parsed = parse_sensitivity_args(args);
  if (!parsed) return 0;
  const SensitivityArgs& a = *parsed;
  std::unique_ptr<batch::Comm> comm =
      batch::launched_by_mpirun() ? batch::mpi_world(nullptr, nullptr) : batch::single_process();
  const int rank = comm->rank();
  try {
    std::vector<batch::Variation> variations;
    for (const std::string& v : a.varies) variations.push_back(batch::parse_vary_argument(v));
    const send::Scenario base = scenario::load_scenario(a.scenario);
    const int replications = a.replications ? *a.replications : std::max(base.run.replications, 1);
    const batch::Sweep sweep = batch::sensitivity_sweep(a.scenario, base.name, variations, replications);
    batch::BatchOptions options;
    for (const std::string& s : a.sets) options.set.push_back(batch::parse_set_argument(s));
    options.out = a.out ? *a.out : fs::path("results") / folder_name(sweep.name);
    options.threads = a.threads ? static_cast<unsigned>(*a.threads) : batch::default_threads_per_rank();
    options.resume = a.resume;
    options.seed = a.seed ? *a.seed : base.run.seed;
    options.version = SENDSIM_VERSION;
    options.stop = &interrupts.flag();
    options.log = a.quiet ? nullptr : stderr;
    const batch::BatchResult result = batch::run_batch(sweep, options, *comm);
    if (rank != 0) return 0;
    if (result.failed > 0) {
      for (const auto& c : result.cells) {
        if (c.state == "failed")
          std::fprintf(stderr, "sendsim: sensitivity: %s failed: %s\n", c.folder.c_str(), c.error.c_str());
      }
      return kExitFailure;
    }
    batch::write_sweep_tables(options.out, sweep, result,
                              batch::summarise_batch(options.out, result, sweep.total));
    (void)batch::write_sensitivity(options.out, sweep, result, variations, a.years, false);
    if (!a.quiet) {
      std::printf(
          "%s: %zu cells (baseline, low and high of %zu parameters), %zu replications each, in %.2f s\n",
          sweep.name.c_str(), result.cells.size(), variations.size(), result.replications,
          result.wall_seconds);
      std::printf("results: %s (tornado.csv)\n", options.out.string().c_str());
      std::fflush(stdout);
    }
    if (!a.no_report) {
      const int code = report_step(interrupts, options.out, [&] {
        const fs::path report =
            batch::write_sensitivity(options.out, sweep, result, variations, a.years, true);
        if (!a.quiet) std::printf("report: %s\n", report.string().c_str());
      });
      if (code != 0) return code;
    }
    return 0;
  } catch (const engine::Interrupted& e) {
    if (rank != 0) return interrupted_exit_code(e.reason());
    return report_interrupted(e.reason(),
                              "the complete cells are kept (the same command with --resume finishes it)");
  } catch (...) {
    if (rank != 0) return rank_exit_code_of_current();
    throw;
  }
}

}  // namespace sendsim::app
