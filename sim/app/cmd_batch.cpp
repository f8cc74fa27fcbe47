// sim/app/cmd_batch.cpp: `sendsim batch SWEEP [options]`, on threads, or on
// the ranks of an Open MPI job when started by mpirun (sim/batch/).
#include <cstdio>
#include <memory>

#include "app/batch_cli.hpp"
#include "app/cli.hpp"
#include "app/interrupt.hpp"
#include "batch/batch.hpp"
#include "batch/batch_file.hpp"
#include "batch/comm.hpp"
#include "batch/report.hpp"
#include "batch/sweep.hpp"
#include "batch/tables.hpp"
#include "output/results_writer.hpp"

namespace sendsim::app {

int command_batch(const std::vector<std::string_view>& args);

namespace {

struct BatchArgs : RunFlags {
  std::string sweep;
  std::vector<std::string> sets;
  bool resume = false;
  std::size_t expand = 0;
  bool per_replication = false;
};

/// The arguments; none when --help was asked for (and printed).
std::optional<BatchArgs> parse_batch_args(const std::vector<std::string_view>& args) {
  BatchArgs out;
  std::optional<int> expand;
  Command c("batch",
            "Or across processes and machines: mpirun -n N sendsim batch SWEEP [options]. Every task\n"
            "(cell, replication) is seeded from the master seed, the cell and the replication only, so the\n"
            "folder has the same bytes for any number of threads or processes.");
  const std::optional<std::string> sweep = parse_file_and_run_flags(
      c, args, {"SWEEP", "sweep", "sweep file"}, out,
      {.out = "batch folder (default: results/<sweep name>)",
       .replications = "replications of every cell (default: the sweep's)",
       .threads = "threads per process, 0 for all cores (default: the cores shared among the "
                  "processes on this machine)",
       .seed = "master seed (default: the sweep's, else its first scenario's)",
       .no_report = "skip the sweep's charts (DIR/charts/) and DIR/report.html"},
      [&](Command& more) {
        more.flag("--resume", out.resume, "run only the cells missing, failed or whose inputs changed");
        more.whole<int>("--expand", expand, 1, 100000,
                        "add N replications to every cell (the ones done are kept)");
        more.each("--set", "KEY=VALUE", out.sets, "override a key path in every cell (repeatable)");
        more.flag("--per-replication", out.per_replication,
                  "also write per_replication.csv in every cell folder (as run --per-replication)");
      });
  if (!sweep) return std::nullopt;
  out.sweep = *sweep;
  out.expand = expand ? static_cast<std::size_t>(*expand) : 0;
  return out;
}

}  // namespace

int rank_exit_code_of_current() {
  try {
    throw;
  } catch (const batch::PeerFailed& e) {
    return e.code();
  } catch (const scenario::InputError&) {
    return kExitBadInput;
  } catch (const UsageError&) {
    return kExitBadInput;
  } catch (const output::OutputError&) {
    return kExitBadInput;
  } catch (const engine::Interrupted& e) {
    return interrupted_exit_code(e.reason());
  } catch (...) {
    return kExitFailure;
  }
}

int command_batch(const std::vector<std::string_view>& args) {
  const InterruptGuard interrupts;
  const std::optional<BatchArgs> parsed = parse_batch_args(args);
  if (!parsed) return 0;
  const BatchArgs& a = *parsed;
  std::unique_ptr<batch::Comm> comm =
      batch::launched_by_mpirun() ? batch::mpi_world(nullptr, nullptr) : batch::single_process();
  const int rank = comm->rank();
  try {
    const batch::Sweep sweep = batch::load_sweep(a.sweep);
    batch::BatchOptions options;
    for (const std::string& s : a.sets) options.set.push_back(batch::parse_set_argument(s));
    options.out = a.out ? *a.out : fs::path("results") / folder_name(sweep.name);
    options.threads = a.threads ? static_cast<unsigned>(*a.threads) : batch::default_threads_per_rank();
    options.resume = a.resume;
    options.per_replication = a.per_replication;
    options.expand = a.expand;
    options.replications = a.replications;
    options.seed = a.seed;
    options.version = SENDSIM_VERSION;
    options.stop = &interrupts.flag();
    options.log = a.quiet ? nullptr : stderr;
    const batch::BatchResult result = batch::run_batch(sweep, options, *comm);
    if (rank != 0) return 0;
    const batch::BatchSummaries summaries = batch::summarise_batch(options.out, result, sweep.total);
    batch::write_sweep_tables(options.out, sweep, result, summaries);
    batch::write_file_atomically(options.out / "timing.json",
                                 batch::batch_timing_text({.ranks = result.ranks,
                                                           .threads_per_rank = result.threads,
                                                           .tasks_run = result.tasks_run,
                                                           .wall_seconds = result.wall_seconds}));
    if (!a.quiet) {
      std::size_t done = 0;
      for (const auto& c : result.cells) done += c.state == "done" ? 1 : 0;
      std::printf(
          "%s: %zu of %zu cells done (%zu failed), %zu replications each, %zu tasks run on %d rank%s in %.2f "
          "s\n",
          sweep.name.c_str(), done, result.cells.size(), result.failed, result.replications, result.tasks_run,
          result.ranks, result.ranks == 1 ? "" : "s", result.wall_seconds);
      for (const auto& c : result.cells) {
        if (c.state == "failed") std::printf("  failed: %s: %s\n", c.folder.c_str(), c.error.c_str());
      }
      std::printf("results: %s\n", options.out.string().c_str());
      std::fflush(stdout);
    }
    if (!a.no_report) {
      const int code = report_step(interrupts, options.out, [&] {
        const fs::path report = batch::write_batch_report(options.out, sweep, result, summaries);
        if (!a.quiet) std::printf("report: %s\n", report.string().c_str());
      });
      if (code != 0) return code;
    }
    return result.failed > 0 ? kExitFailure : 0;
  } catch (const engine::Interrupted& e) {
    if (rank != 0) return interrupted_exit_code(e.reason());
    const std::string out = a.out ? a.out->string() : "results/<sweep name>";
    return report_interrupted(
        e.reason(),
        "the complete cells in " + out + " are kept (the same command with --resume finishes the batch)");
  } catch (...) {
    if (rank != 0) return rank_exit_code_of_current();
    throw;
  }
}

}  // namespace sendsim::app
