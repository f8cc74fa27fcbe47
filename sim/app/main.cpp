// sim/app/main.cpp: the sendsim command line.
//
//   sendsim run SCENARIO [--out DIR] [--replications N] [--threads N] [--seed S] [--quiet] [--no-report]
//   sendsim report DIR [--quiet]
//   sendsim compare A.yaml B.yaml [C.yaml ...] [--out DIR] [--replications N] [--threads N] [--seed S]
//                   [--target-ci METRIC=HALFWIDTH ...] [--max-replications N] [--quiet] [--no-report]
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
#include "output/results_writer.hpp"
#include "scenario/error.hpp"
#include "scenario/parameters.hpp"

namespace {

using namespace sendsim;
using namespace sendsim::app;

constexpr const char* kUsage =
    "usage: sendsim COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO [options]   run a scenario's replications and write a results folder\n"
    "      --out DIR            results folder (default: results/<scenario name>); an existing\n"
    "                           folder is replaced only if it holds earlier sendsim results\n"
    "      --replications N     replications (default: the scenario's)\n"
    "      --threads N          threads, 0 for all cores (default: the scenario's)\n"
    "      --seed S             master seed (default: the scenario's)\n"
    "      --quiet              print nothing but errors\n"
    "      --no-report          skip the charts (DIR/charts/, drawn by gnuplot) and DIR/report.html\n"
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
    "      --quiet              print nothing but errors\n"
    "      --no-report          skip the charts and reports (each scenario's, and the comparison's\n"
    "                           DIR/charts/ and DIR/report.html of differences with intervals)\n"
    "  report DIR [--quiet]     draw the charts (DIR/charts/) and the HTML report (DIR/report.html)\n"
    "                           again from a results folder, or a comparison folder and its\n"
    "                           scenarios' folders, without re-running; needs gnuplot\n"
    "  validate FILE...         check model and scenario files; run nothing\n"
    "  parameters               print the parameter reference (Markdown)\n"
    "  demo                     the engine demonstration: an M/M/3 queue against Erlang C\n"
    "  --version                print the version\n"
    "  --help                   print this help\n"
    "\n"
    "exit codes: 0 done, 1 failure, 2 bad input (nothing written),\n"
    "            130 or 143 interrupted by SIGINT or SIGTERM (complete files or none)\n";

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
  if (command == "run") return command_run(rest);
  if (command == "compare") return command_compare(rest);
  if (command == "validate") return command_validate(rest);
  if (command == "report") return command_report(rest);
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
  } catch (const output::OutputError& e) {
    std::fprintf(stderr, "sendsim: %s\n", e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sendsim: error: %s\n", e.what());
    return kExitFailure;
  }
}
