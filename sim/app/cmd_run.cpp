// sim/app/cmd_run.cpp: `sendsim run SCENARIO [options]`.
#include <chrono>
#include <cstdio>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "app/cli.hpp"
#include "app/interrupt.hpp"
#include "app/progress.hpp"
#include "batch/overrides.hpp"
#include "output/manifest.hpp"
#include "output/results_fold.hpp"
#include "output/results_writer.hpp"
#include "run/aggregate.hpp"
#include "run/runner.hpp"
#include "scenario/loader.hpp"

namespace sendsim::app {

namespace {

struct RunArgs : RunFlags {
  std::string scenario;
  std::vector<std::string> sets;  // --set KEY=VALUE (batch/overrides.hpp)
  bool per_replication = false;   // write per_replication.csv
  bool timing = false;            // print each step's time on stderr
};

/// The arguments; none when --help was asked for (and printed).
std::optional<RunArgs> parse_run_args(const std::vector<std::string_view>& args) {
  RunArgs out;
  std::vector<std::string> files;
  Command c("run");
  c.positionals("SCENARIO", files, 1, "scenario");
  add_run_flags(
      c, out,
      {.out = "results folder (default: results/<scenario name>); an existing folder is replaced only "
              "if sendsim wrote all that is in it"});
  c.each("--set", "KEY=VALUE", out.sets,
         "override a model or scenario key path (repeatable), e.g. --set requests.trend=0.08 --set "
         "scenario.end_date=2030-08-31");
  c.flag("--per-replication", out.per_replication,
         "also write per_replication.csv, every row of every table in every replication (long form; "
         "about 1 MB a replication for a county)");
  c.flag("--timing", out.timing,
         "print on stderr the wall time of the simulation and of each step after it (writing, report)");
  if (!c.parse(args)) return std::nullopt;
  if (files.empty()) throw c.missing("scenario file");
  out.scenario = files.front();
  return out;
}

void print_summary(const run::RunOutput& out, const fs::path& dir,
                   const std::vector<output::Headline>& headlines) {
  std::printf("%s: %zu replications on %u thread%s in %.2f s (%.2f million events/s)\n",
              out.scenario_name.c_str(), out.replications, out.threads, out.threads == 1 ? "" : "s",
              out.wall_seconds, out.events_per_second / 1e6);
  std::printf("results: %s\n", dir.string().c_str());
  for (const auto& h : headlines) {
    if (h.name != "ehc_plans") continue;
    std::printf("EHC plans at the January census, mean (95%% interval):\n");
    for (const auto& [year, s] : h.values) {
      std::printf("  %s  %s (%s to %s)\n", year.c_str(), fixed1(s.mean).c_str(), fixed1(s.ci_low).c_str(),
                  fixed1(s.ci_high).c_str());
    }
  }
  std::fflush(stdout);
}

/// The wall time of each step of the command, printed on stderr by --timing.
class Steps {
 public:
  explicit Steps(bool on) : on_(on), start_(Clock::now()), last_(start_) {}
  /// The step just finished; `parts` its own parts' times, when it has them.
  void done(const char* step, const std::vector<std::pair<std::string, double>>& parts = {}) {
    if (!on_) return;
    const auto now = Clock::now();
    lines_.emplace_back(step, std::chrono::duration<double>(now - last_).count());
    for (const auto& [name, seconds] : parts) lines_.emplace_back("  " + name, seconds);
    last_ = now;
  }
  void print() const {
    if (!on_) return;
    for (const auto& [name, seconds] : lines_)
      std::fprintf(stderr, "timing: %-28s %8.3f s\n", name.c_str(), seconds);
    std::fprintf(stderr, "timing: %-28s %8.3f s\n", "total (after loading)",
                 std::chrono::duration<double>(last_ - start_).count());
  }

 private:
  using Clock = std::chrono::steady_clock;
  bool on_;
  Clock::time_point start_, last_;
  std::vector<std::pair<std::string, double>> lines_;
};

}  // namespace

int command_run(const std::vector<std::string_view>& args) {
  // First, so a signal at any point is seen (interrupt.hpp).
  const InterruptGuard interrupts;
  const std::optional<RunArgs> parsed = parse_run_args(args);
  if (!parsed) return 0;
  const RunArgs& a = *parsed;
  std::vector<batch::Override> overrides;
  for (const std::string& set : a.sets) overrides.push_back(batch::parse_set_argument(set));
  send::Scenario scenario = batch::load_with_overrides(a.scenario, overrides);
  // Replications and seed change the results, so they go into the effective
  // scenario; threads do not, so --threads stays out of it and the folder's
  // bytes do not depend on the thread count (summary.json records it).
  if (a.replications) scenario.run.replications = *a.replications;
  if (a.seed) scenario.run.seed = *a.seed;
  if (scenario.run.replications < 1) throw UsageError(a.scenario + ": a run needs at least one replication");
  const fs::path dir = a.out ? *a.out : fs::path("results") / folder_name(scenario.name);
  output::check_output_dir(dir);  // refuse before spending time on the run
  // The effective scenario records the overrides, so it reruns this run.
  const std::string effective = scenario::effective_yaml(scenario);

  run::RunOptions options = run::RunOptions::from_spec(scenario.run);
  if (a.threads) options.threads = static_cast<unsigned>(*a.threads);
  options.stop = &interrupts.flag();
  // Whether an interrupted run leaves an earlier results folder in DIR.
  const bool had_previous = fs::exists(dir / std::string(output::kManifestName));

  // Summarised on the worker threads as replications finish (run/runner.hpp),
  // with everything else the folder derives from them (results_fold.hpp);
  // then, unless per_replication.csv is asked for, nothing reads a
  // replication's tables again, so they are let go there and then.
  options.aggregate = true;
  output::ResultsFold folded(scenario, options.replications);
  options.on_replication = [&folded, keep = a.per_replication](send::ReplicationResult& r) {
    folded.add(r);
    if (!keep) std::vector<send::Table>().swap(r.tables);
  };
  Steps steps(a.timing);

  std::optional<run::RunOutput> ran;
  std::vector<output::Headline> headlines;
  try {
    Progress progress(options.replications, Progress::style_for(a.quiet, stderr));
    options.progress = progress.callback();
    ran.emplace(run::run_scenario(scenario, options));
    progress.finish();
    steps.done("simulation and aggregation");
    if (interrupts.signal() != 0) throw engine::Interrupted(interrupts.signal());
    output::ResultsContext context;
    context.scenario = &scenario;
    context.effective_yaml = effective;
    context.version = SENDSIM_VERSION;
    context.interrupt = &interrupts.flag();
    context.per_replication = a.per_replication;
    std::vector<std::pair<std::string, double>> writing;
    if (a.timing) context.step_seconds = &writing;
    context.headlines = &headlines;
    context.folded = &folded;
    output::write_results(dir, *ran, ran->tables, context);
    steps.done("writing", writing);
  } catch (const engine::Interrupted& e) {
    return report_interrupted(e.reason(), kept_text(dir, had_previous));
  }
  // A signal after the last file: the new folder is complete and in place.
  if (interrupts.signal() != 0) {
    return report_interrupted(interrupts.signal(), "the new results in " + dir.string() + " are complete");
  }
  const run::RunOutput& out = *ran;
  if (!a.quiet) print_summary(out, dir, headlines);
  steps.done("summary printed");
  // Nothing reads the replications' tables from here on (the report reads
  // the folder): they are freed on another thread while the report is drawn.
  std::jthread freeing([results = std::move(ran->results)]() mutable { results = {}; });
  // Charts and report.html, read back from the folder just written; the
  // report's path is the last line printed. A signal while they are drawn
  // leaves the results complete and the report as it was (none).
  if (!a.no_report) {
    const int code = report_step(interrupts, dir, [&] { write_report(dir, a.quiet); });
    if (code != 0) return code;
    steps.done("report");
  }
  freeing.join();
  ran.reset();
  steps.done("memory freed");
  steps.print();
  if (interrupts.signal() != 0) {
    return report_interrupted(interrupts.signal(), "the new results in " + dir.string() + " are complete");
  }
  return 0;
}

}  // namespace sendsim::app
