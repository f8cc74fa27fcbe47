// sim/app/main.cpp: the sendsim command line.
//
//   sendsim run SCENARIO [--out DIR] [--replications N] [--threads N] [--seed S] [--quiet] [--no-report]
//   sendsim report DIR [--quiet]
//   sendsim compare A.yaml B.yaml [C.yaml ...] [--out DIR] [--replications N] [--threads N] [--seed S]
//                   [--target-ci METRIC=HALFWIDTH ...] [--max-replications N] [--quiet] [--no-report]
//   sendsim data check --la CODE [--data DIR]
//   sendsim calibrate --la CODE [--origin YEAR] [--out FILE] [--data DIR] [...]
//   sendsim backtest --la CODE[,CODE...]|all [--origins FIRST-LAST] [--horizon N] [--out DIR] [...]
//   sendsim batch SWEEP [--out DIR] [--resume] [--expand N] [--set KEY=VALUE ...] [...]
//   mpirun -n N sendsim batch SWEEP [...]
//   sendsim sensitivity SCENARIO --vary PATH=LOW:HIGH [...] [--year YEAR] [...]
//   sendsim appraise OPTIONS [--out DIR] [--replications N] [--seed S] [--threads N] [--quiet] [--no-report]
//   sendsim validate FILE...
//   sendsim parameters
//   sendsim demo
//   sendsim --version | --help
//
// Exit codes: 0 done; 2 bad input of any kind (a bad file, a bad flag, an
// unknown command, a results folder that may not be replaced), with a message
// on stderr starting "sendsim: " and nothing written; 1 any other failure
// (a write error, a bug), with nothing half-written either; 130 (SIGINT) or
// 143 (SIGTERM) for an interrupted run, which says what it kept
// (app/interrupt.hpp).
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli.hpp"
#include "data/published.hpp"
#include "output/results_writer.hpp"
#include "scenario/error.hpp"
#include "scenario/parameters.hpp"

namespace sendsim::app {
// sim/app/cmd_batch.cpp and cmd_sensitivity.cpp.
int command_batch(const std::vector<std::string_view>& args);
int command_sensitivity(const std::vector<std::string_view>& args);
// sim/app/cmd_appraise.cpp.
int command_appraise(const std::vector<std::string_view>& args);
}  // namespace sendsim::app

namespace {

using namespace sendsim;
using namespace sendsim::app;

constexpr const char* kUsage =
    "usage: sendsim COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO [options]   run a scenario's replications and write a results folder\n"
    "      --out DIR            results folder (default: results/<scenario name>); an existing\n"
    "                           folder is replaced only if sendsim wrote all that is in it\n"
    "      --replications N     replications (default: the scenario's)\n"
    "      --threads N          threads, 0 for all cores (default: the scenario's)\n"
    "      --seed S             master seed (default: the scenario's)\n"
    "      --quiet              print nothing but errors\n"
    "      --no-report          skip the charts (DIR/charts/, drawn by gnuplot) and DIR/report.html\n"
    "      --set KEY=VALUE      override a model or scenario key path (repeatable), e.g.\n"
    "                           --set requests.trend=0.08 --set scenario.end_date=2030-08-31\n"
    "  compare A B [C ...] [options]\n"
    "                           run scenarios under common random numbers (same seed and\n"
    "                           streams) and write each one's results and the paired\n"
    "                           differences against the first\n"
    "      --out DIR            comparison folder (default: results/compare-<A>-vs-<B>...)\n"
    "      --replications N     replications (default: A's; the first batch with --target-ci: 10)\n"
    "      --threads N          threads, 0 for all cores (default: A's)\n"
    "      --seed S             master seed of every scenario (default: A's)\n"
    "      --target-ci METRIC=HALFWIDTH\n"
    "                           add replications until the 95% interval of METRIC's difference\n"
    "                           at its last period is narrower than HALFWIDTH each side\n"
    "                           (repeatable; METRIC e.g. waiting, inmss_placements, spend)\n"
    "      --max-replications N stop adding replications at N (default: 1000)\n"
    "      --set KEY=VALUE      override a key path in every scenario (repeatable)\n"
    "      --quiet              print nothing but errors\n"
    "      --no-report          skip the charts and reports (each scenario's, and the comparison's\n"
    "                           DIR/charts/ and DIR/report.html of differences with intervals)\n"
    "  batch SWEEP [options]    run a sweep (scenarios x key-path values x replications) on threads,\n"
    "                           or across processes with mpirun -n N sendsim batch SWEEP\n"
    "      --out DIR            batch folder (default: results/<sweep name>)\n"
    "      --resume             run only the cells missing, failed or whose inputs changed\n"
    "      --expand N           add N replications to every cell (the ones done are kept)\n"
    "      --set KEY=VALUE      override a key path in every cell (repeatable)\n"
    "      --replications N, --seed S, --threads N (per process), --quiet, --no-report\n"
    "  sensitivity SCENARIO --vary PATH=LOW:HIGH [...] [options]\n"
    "                           one-way effects under common random numbers: a tornado chart and\n"
    "                           table of the shortfall, waiting, INMSS and DSG balance\n"
    "      --year YEAR          the tornado's period (repeatable; default: each metric's last)\n"
    "      --out DIR, --replications N, --seed S, --threads N, --set KEY=VALUE, --resume, --quiet,\n"
    "      --no-report\n"
    "  appraise OPTIONS [options]\n"
    "                           capital options against a baseline under common random numbers:\n"
    "                           net present cost, effects, the least-cost portfolio meeting the\n"
    "                           options file's target within its budget (appraisal.csv, report.html)\n"
    "      --out DIR            appraisal folder (default: results/<appraisal name>)\n"
    "      --replications N, --seed S, --threads N (default: the options file's, else the baseline's),\n"
    "      --quiet, --no-report (no frontier chart)\n"
    "  report DIR [--quiet]     draw the charts (DIR/charts/) and the HTML report (DIR/report.html)\n"
    "                           again from a results folder, or a comparison folder and its\n"
    "                           scenarios' folders, without re-running; needs gnuplot\n"
    "  data check --la CODE     pre-flight of the published files for one LA: suppressed cells,\n"
    "                           series breaks, reorganisations, implausible jumps (file:line each)\n"
    "  calibrate --la CODE [options]\n"
    "                           a model of any LA from the DfE's published files, fitted by\n"
    "                           simulating the years before the origin; prints the fit table\n"
    "      --origin YEAR        last January census the model may see (default: the latest)\n"
    "      --out FILE           model file (default: models/<la name>.yaml; FILE.fit.csv beside it);\n"
    "                           an existing file is replaced only if calibrate wrote it\n"
    "      --data DIR           the published files (default: $SENDSIM_DATA, else ./data)\n"
    "      --establishments FILE  the LA's schools from a GIAS all-establishments CSV: districts,\n"
    "                           travel times, special schools and resourced provision\n"
    "      --replications N     replications per fitting round (default: 4)\n"
    "      --rounds N           fitting rounds at most (default: 6)\n"
    "      --seed S, --threads N, --quiet\n"
    "  backtest --la CODE[,CODE...]|all [options]\n"
    "                           rolling origin: calibrate at each origin, forecast, score against\n"
    "                           every later published year and three naive forecasts\n"
    "      --origins FIRST-LAST origins (default: 2019-2024)\n"
    "      --horizon N          years ahead (default: 5)\n"
    "      --out DIR            backtest folder (default: results/backtest)\n"
    "      --replications N     forecast replications (default: 40)\n"
    "      --fit-replications N, --fit-rounds N   the fit's (default: 4, 6)\n"
    "      --fan-la CODE        the LA of the report's forecast fans (default: the first)\n"
    "      --data DIR, --seed S, --threads N, --quiet, --no-report\n"
    "  validate FILE...         check model, scenario and sweep files (a sweep: every cell); run nothing\n"
    "  parameters               print the parameter reference (Markdown)\n"
    "  demo                     the engine demonstration: an M/M/3 queue against Erlang C\n"
    "  --version                print the version\n"
    "  --help                   print this help\n"
    "\n"
    "exit codes: 0 done, 1 failure, 2 bad input (nothing written),\n"
    "            130 or 143 interrupted by SIGINT or SIGTERM (complete files or none)\n";

/// A command's part of kUsage (its line and the indented lines under it),
/// its first line starting "usage: sendsim "; empty for an unknown command.
std::string command_usage(std::string_view command) {
  const std::string_view all = kUsage;
  const std::string head = "\n  " + std::string(command);
  std::size_t at = all.find(head + " ");
  if (at == std::string_view::npos) at = all.find(head + "\n");
  if (at == std::string_view::npos) return "";
  std::size_t end = all.find('\n', at + 1);
  // The lines under it are indented deeper than the two spaces of a command.
  while (end != std::string_view::npos && all.substr(end + 1).starts_with("   ")) end = all.find('\n', end + 1);
  std::string first(all.substr(at + 3, end - (at + 3)));
  return "usage: sendsim " + first + "\n";
}

int dispatch(const std::vector<std::string_view>& args) {
  if (args.empty()) throw UsageError("no command given (see sendsim --help)");
  const std::string_view command = args[0];
  const std::vector<std::string_view> rest(args.begin() + 1, args.end());
  auto no_arguments = [&] {
    if (!rest.empty()) throw UsageError(std::string(command) + ": takes no arguments");
  };
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (command == "--version") {
    no_arguments();
    std::printf("sendsim %s\n", SENDSIM_VERSION);
    return 0;
  }
  // --help after a command prints its part of the usage (data, calibrate and
  // backtest answer it themselves).
  for (std::string_view own : {"run", "compare", "validate", "report", "parameters", "demo", "batch", "sensitivity", "appraise"}) {
    if (command == own && wants_help(rest)) {
      std::fputs(command_usage(command).c_str(), stdout);
      return 0;
    }
  }
  if (command == "run") return command_run(rest);
  if (command == "compare") return command_compare(rest);
  if (command == "batch") return command_batch(rest);
  if (command == "sensitivity") return command_sensitivity(rest);
  if (command == "appraise") return command_appraise(rest);
  if (command == "validate") return command_validate(rest);
  if (command == "report") return command_report(rest);
  if (command == "data") return command_data(rest);
  if (command == "calibrate") return command_calibrate(rest);
  if (command == "backtest") return command_backtest(rest);
  if (command == "parameters") {
    no_arguments();
    std::fputs(scenario::parameters_markdown().c_str(), stdout);
    return 0;
  }
  if (command == "demo") {
    no_arguments();
    return command_demo();
  }
  throw UsageError("unknown command \"" + std::string(command) + "\" (see sendsim --help)");
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  try {
    return dispatch(args);
  } catch (const scenario::InputError& e) {
    std::fprintf(stderr, "sendsim: %s\n", e.what());
    return kExitBadInput;
  } catch (const UsageError& e) {
    std::fprintf(stderr, "sendsim: %s\n", e.what());
    return kExitBadInput;
  } catch (const data::DataError& e) {
    std::fprintf(stderr, "sendsim: %s\n", e.what());
    return kExitBadInput;
  } catch (const output::OutputError& e) {
    std::fprintf(stderr, "sendsim: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sendsim: error: %s\n", e.what());
    return kExitFailure;
  }
}
