// sim/app/main.cpp: the sendsim command line.
//
//   sendsim run SCENARIO [--out DIR] [--replications N] [--threads N] [--seed S] [--quiet]
//   sendsim validate FILE...
//   sendsim parameters
//   sendsim demo
//   sendsim --version | --help
//
// Exit codes: 0 done; 2 bad input of any kind (a bad file, a bad flag, an
// unknown command, a results folder that may not be replaced), with a message
// on stderr starting "sendsim: " and nothing written; 1 any other failure
// (a write error, a bug), with nothing half-written either.
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <limits>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/mmc.hpp"
#include "engine/replication.hpp"
#include "output/results_writer.hpp"
#include "run/aggregate.hpp"
#include "run/runner.hpp"
#include "scenario/error.hpp"
#include "scenario/loader.hpp"
#include "scenario/parameters.hpp"

#ifndef SENDSIM_VERSION
#define SENDSIM_VERSION "unknown"
#endif

namespace {

namespace fs = std::filesystem;
using namespace sendsim;

constexpr int kExitFailure = 1;
constexpr int kExitBadInput = 2;

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
    "  validate FILE...         check model and scenario files; run nothing\n"
    "  parameters               print the parameter reference (Markdown)\n"
    "  demo                     the engine demonstration: an M/M/3 queue against Erlang C\n"
    "  --version                print the version\n"
    "  --help                   print this help\n"
    "\n"
    "exit codes: 0 done, 1 failure, 2 bad input (nothing written)\n";

/// Bad command-line input: reported as "sendsim: MESSAGE", exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

template <class Int>
Int parse_whole(std::string_view flag, std::string_view text, Int lo, Int hi) {
  Int value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < lo || value > hi) {
    throw UsageError(std::string(flag) + ": expected a whole number from " + std::to_string(lo) + " to " +
                     std::to_string(hi) + ", got \"" + std::string(text) + "\"");
  }
  return value;
}

struct RunArgs {
  std::string scenario;
  std::optional<fs::path> out;
  std::optional<int> replications;
  std::optional<int> threads;
  std::optional<std::uint64_t> seed;
  bool quiet = false;
};

RunArgs parse_run_args(const std::vector<std::string_view>& args) {
  RunArgs out;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    std::optional<std::string_view> inline_value;
    if (arg.starts_with("--")) {
      if (const auto eq = arg.find('='); eq != std::string_view::npos) {
        inline_value = arg.substr(eq + 1);
        arg = arg.substr(0, eq);
      }
    }
    auto value = [&]() -> std::string_view {
      if (inline_value) return *inline_value;
      if (i + 1 >= args.size()) throw UsageError(std::string(arg) + ": missing value");
      return args[++i];
    };
    if (arg == "--out") {
      const std::string_view v = value();
      if (v.empty()) throw UsageError("--out: expected a folder, got \"\"");
      out.out = fs::path(v);
    } else if (arg == "--replications") {
      out.replications = parse_whole<int>("--replications", value(), 1, 1'000'000);
    } else if (arg == "--threads") {
      out.threads = parse_whole<int>("--threads", value(), 0, 4096);
    } else if (arg == "--seed") {
      out.seed = parse_whole<std::uint64_t>("--seed", value(), 0, std::numeric_limits<std::uint64_t>::max());
    } else if (arg == "--quiet") {
      if (inline_value) throw UsageError("--quiet takes no value");
      out.quiet = true;
    } else if (arg.starts_with("-") && arg != "-") {
      throw UsageError("run: unknown option \"" + std::string(arg) + "\" (see sendsim --help)");
    } else if (out.scenario.empty()) {
      out.scenario = std::string(arg);
    } else {
      throw UsageError("run: one scenario at a time; got \"" + out.scenario + "\" and \"" + std::string(arg) + "\"");
    }
  }
  if (out.scenario.empty()) throw UsageError("run: no scenario file given (usage: sendsim run SCENARIO [options])");
  return out;
}

/// A scenario name as a folder name: letters, digits, '.', '-' and '_' kept,
/// anything else '_' (so a name can never climb out of results/).
std::string folder_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.';
    out += keep ? c : '_';
  }
  if (out.empty() || out.find_first_not_of('.') == std::string::npos) out = "scenario";
  return out;
}

/// "12,345" style is avoided: numbers stay machine-readable; one decimal.
std::string fixed1(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

void print_summary(const run::RunOutput& out, const fs::path& dir,
                   const std::vector<output::Headline>& headlines) {
  std::printf("%s: %zu replications on %u thread%s in %.2f s (%.2f million events/s)\n", out.scenario_name.c_str(),
              out.replications, out.threads, out.threads == 1 ? "" : "s", out.wall_seconds,
              out.events_per_second / 1e6);
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

int command_run(const std::vector<std::string_view>& args) {
  const RunArgs a = parse_run_args(args);
  send::Scenario scenario = scenario::load_scenario(a.scenario);
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
  std::mutex progress_mutex;
  const bool show_progress = !a.quiet && ::isatty(STDERR_FILENO) != 0;
  if (show_progress) {
    options.progress = [&](std::size_t done, std::size_t total) {
      const std::lock_guard lock(progress_mutex);
      std::fprintf(stderr, "\rsendsim: replication %zu of %zu", done, total);
      std::fflush(stderr);
    };
  }
  const run::RunOutput out = run::run_scenario(scenario, options);
  if (show_progress) std::fprintf(stderr, "\r\033[K");

  const std::vector<run::AggregatedTable> tables = run::aggregate(out.results);
  output::ResultsContext context;
  context.scenario = &scenario;
  context.effective_yaml = effective;
  context.version = SENDSIM_VERSION;
  output::write_results(dir, out, tables, context);
  if (!a.quiet) print_summary(out, dir, output::headline_figures(out.results));
  return 0;
}

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
  if (command == "validate") return command_validate(rest);
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
