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
//   sendsim COMMAND --help          every command's options (app/cli.hpp Command, on CLI11)
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

using CommandFunction = int (*)(const std::vector<std::string_view>&);

/// Each command of commands() (cli.cpp) and the function that runs it.
struct Entry {
  std::string_view name;
  CommandFunction run;
};
constexpr Entry kEntries[] = {
    {"run", command_run},
    {"compare", command_compare},
    {"batch", command_batch},
    {"sensitivity", command_sensitivity},
    {"appraise", command_appraise},
    {"report", command_report},
    {"data", command_data},  // "data check": the word "check" is the command's first argument
    {"calibrate", command_calibrate},
    {"backtest", command_backtest},
    {"validate", command_validate},
    {"parameters", command_parameters},
    {"demo", command_demo},
};

int dispatch(const std::vector<std::string_view>& args) {
  if (args.empty()) throw UsageError("no command given (see sendsim --help)");
  const std::string_view command = args[0];
  const std::vector<std::string_view> rest(args.begin() + 1, args.end());
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(main_help().c_str(), stdout);
    return 0;
  }
  if (command == "--version") {
    if (!rest.empty()) throw UsageError("--version: takes no arguments");
    std::printf("sendsim %s\n", SENDSIM_VERSION);
    return 0;
  }
  for (const Entry& e : kEntries) {
    if (e.name == command) return e.run(rest);
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
