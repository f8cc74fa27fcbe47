// sim/app/cmd_appraise.cpp: `sendsim appraise OPTIONS.yaml [options]`: capital
// options weighed against a baseline under common random numbers, and the
// least-cost portfolio meeting a target within a budget (sim/appraise/).
#include <cstdio>

#include "app/batch_cli.hpp"
#include "app/cli.hpp"
#include "app/interrupt.hpp"
#include "appraise/appraise.hpp"
#include "appraise/options.hpp"
#include "appraise/writer.hpp"
#include "engine/replication.hpp"
#include "output/manifest.hpp"
#include "output/results_writer.hpp"
#include "scenario/loader.hpp"

namespace sendsim::app {

int command_appraise(const std::vector<std::string_view>& args);

namespace {

struct AppraiseArgs : RunFlags {
  std::string options;
};

/// The arguments; none when --help was asked for (and printed).
std::optional<AppraiseArgs> parse_appraise_args(const std::vector<std::string_view>& args) {
  AppraiseArgs out;
  Command c("appraise",
            "Capital options against a baseline under common random numbers: net present cost, effects, the\n"
            "least-cost portfolio meeting the options file's target within its budget (appraisal.csv,\n"
            "report.html).");
  const std::optional<std::string> options = parse_file_and_run_flags(
      c, args, {"OPTIONS", "options file", "options file"}, out,
      {.out = "appraisal folder (default: results/<appraisal name>)",
       .replications = "replications of every portfolio (default: the options file's, else the "
                       "baseline's)",
       .threads = "threads, 0 for all cores (default: the baseline's)",
       .seed = "master seed (default: the options file's, else the baseline's)",
       .no_report = "skip the frontier chart"});
  if (!options) return std::nullopt;
  out.options = *options;
  return out;
}

}  // namespace

int command_appraise(const std::vector<std::string_view>& args) {
  const InterruptGuard interrupts;
  const std::optional<AppraiseArgs> parsed = parse_appraise_args(args);
  if (!parsed) return 0;
  const AppraiseArgs& a = *parsed;
  const appraise::OptionsFile options = appraise::load_options(a.options);
  const send::Scenario base = scenario::load_scenario(options.baseline);
  appraise::AppraiseOptions run;
  run.replications = static_cast<std::size_t>(
      a.replications ? *a.replications
                     : (options.replications ? *options.replications : std::max(base.run.replications, 1)));
  run.seed = a.seed ? *a.seed : (options.seed ? *options.seed : base.run.seed);
  run.threads =
      a.threads ? static_cast<unsigned>(*a.threads) : static_cast<unsigned>(std::max(base.run.threads, 0));
  run.stop = &interrupts.flag();
  run.log = a.quiet ? nullptr : stderr;
  const fs::path dir = a.out ? *a.out : fs::path("results") / folder_name(options.name);
  output::check_output_dir(dir);  // refuse before spending time on the runs
  const bool had_previous = fs::exists(dir / std::string(output::kManifestName));
  try {
    const appraise::AppraisalResult result = appraise::appraise(options, run);
    if (interrupts.signal() != 0) throw engine::Interrupted(interrupts.signal());
    (void)appraise::write_appraisal(dir, result, options, SENDSIM_VERSION, !a.no_report);
    if (!a.quiet) {
      std::printf("%s: %zu portfolios (%s search), %zu replications %s", options.name.c_str(),
                  result.portfolios.size(), result.method.c_str(), result.replications,
                  result.screening_replications > 0 ? "for the finalists" : "each");
      if (result.screening_replications > 0)
        std::printf(", %zu for the others", result.screening_replications);
      std::printf("\n");
      if (result.chosen) {
        const auto& c = result.portfolios[*result.chosen];
        std::printf("chosen: %s, incremental net present cost %s m (95%% interval %s to %s)\n",
                    c.label.c_str(), fixed1(c.incremental_npc.mean / 1e6).c_str(),
                    fixed1(c.incremental_npc.ci_low / 1e6).c_str(),
                    fixed1(c.incremental_npc.ci_high / 1e6).c_str());
        if (result.runner_up) {
          std::printf("runner-up: %s; P(chosen is cheaper) = %.3f\n",
                      result.portfolios[*result.runner_up].label.c_str(), result.p_chosen_beats_runner_up);
        }
      } else {
        std::printf("infeasible: no portfolio meets the target within budget");
        if (result.closest) std::printf("; closest: %s", result.portfolios[*result.closest].label.c_str());
        std::printf("\n");
      }
      std::printf("results: %s\n", dir.string().c_str());
      std::fflush(stdout);
    }
  } catch (const engine::Interrupted& e) {
    return report_interrupted(e.reason(), kept_text(dir, had_previous));
  }
  return 0;
}

}  // namespace sendsim::app
