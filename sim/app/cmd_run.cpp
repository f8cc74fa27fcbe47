// sim/app/cmd_run.cpp: `sendsim run SCENARIO [options]`.
#include <cstdio>
#include <optional>

#include "app/cli.hpp"
#include "app/interrupt.hpp"
#include "app/progress.hpp"
#include "batch/overrides.hpp"
#include "output/manifest.hpp"
#include "output/results_writer.hpp"
#include "run/aggregate.hpp"
#include "run/runner.hpp"
#include "scenario/loader.hpp"

namespace sendsim::app {

namespace {

struct RunArgs : RunFlags {
  std::string scenario;
  std::vector<std::string> sets;  // --set KEY=VALUE (batch/overrides.hpp)
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

  std::optional<run::RunOutput> ran;
  try {
    Progress progress(options.replications, Progress::style_for(a.quiet, stderr));
    options.progress = progress.callback();
    ran.emplace(run::run_scenario(scenario, options));
    progress.finish();
    if (interrupts.signal() != 0) throw engine::Interrupted(interrupts.signal());
    const std::vector<run::AggregatedTable> tables = run::aggregate(ran->results);
    output::ResultsContext context;
    context.scenario = &scenario;
    context.effective_yaml = effective;
    context.version = SENDSIM_VERSION;
    context.interrupt = &interrupts.flag();
    output::write_results(dir, *ran, tables, context);
  } catch (const engine::Interrupted& e) {
    return report_interrupted(e.reason(), kept_text(dir, had_previous));
  }
  // A signal after the last file: the new folder is complete and in place.
  if (interrupts.signal() != 0) {
    return report_interrupted(interrupts.signal(), "the new results in " + dir.string() + " are complete");
  }
  const run::RunOutput& out = *ran;
  if (!a.quiet) print_summary(out, dir, output::headline_figures(out.results));
  // Charts and report.html, read back from the folder just written; the
  // report's path is the last line printed. A signal while they are drawn
  // leaves the results complete and the report as it was (none).
  if (!a.no_report) {
    const int code = report_step(interrupts, dir, [&] { write_report(dir, a.quiet); });
    if (code != 0) return code;
  }
  if (interrupts.signal() != 0) {
    return report_interrupted(interrupts.signal(), "the new results in " + dir.string() + " are complete");
  }
  return 0;
}

}  // namespace sendsim::app
