// sim/app/cli.hpp: what the command-line commands share: exit codes, the
// usage error, number parsing, the table of commands, `Command` (one
// command's options, parsed by CLI11, with its --help), and one function per
// command (each command lives in its own cmd_*.cpp).
#pragma once

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#ifndef SENDSIM_VERSION
#define SENDSIM_VERSION "unknown"
#endif

namespace sendsim::app {

namespace fs = std::filesystem;

inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

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

/// A whole number within the bounds a parameter declares in
/// scenario/parameters.cpp, so a flag accepts what the file's key accepts
/// (--replications and scenario.replications, --threads and
/// scenario.threads).
int parse_declared(std::string_view flag, std::string_view text, std::string_view parameter_path);

/// One command as `sendsim --help` lists it.
struct CommandInfo {
  std::string_view name;     // "run", "data check"
  std::string_view args;     // what follows the name in the usage line
  std::string_view summary;  // one line
};

/// Every command, in the order `sendsim --help` lists them.
[[nodiscard]] std::span<const CommandInfo> commands();

/// The command called `name`; null when there is none.
[[nodiscard]] const CommandInfo* find_command(std::string_view name);

/// One command's command line: its options and positional arguments,
/// declared once with their help, parsed by CLI11, with the messages below
/// (the same for every command). Values are written after their option
/// (--seed 7) or after '=' (--seed=7); a value never starts with "--"
/// ("--out --quiet" is a forgotten value, not a folder named --quiet;
/// --out=--quiet is one), which the parse checks before CLI11 sees the
/// arguments, as it checks that a flag takes no value.
///
/// Messages (UsageError, exit 2):
///   "FLAG: missing value" / "FLAG: missing value (--X is an option; write
///   FLAG=--X if you mean it as the value)"; "FLAG takes no value";
///   "NAME: unknown option "--X" (see sendsim NAME --help)";
///   "NAME: one WHAT at a time; got "A" and "B"" (more positional arguments
///   than the command takes); a value's own message from its conversion
///   (parse_whole's, for a number).
class Command {
 public:
  /// `name` as in commands() (the usage line and summary come from there);
  /// `about`: lines for --help under the usage line.
  explicit Command(std::string_view name, std::string about = {});
  ~Command();
  Command(const Command&) = delete;
  Command& operator=(const Command&) = delete;

  /// --FLAG VALUE, kept as given (the last one when given twice).
  void text(const std::string& flag, const std::string& value_name, std::optional<std::string>& into,
            const std::string& help);
  /// --FLAG VALUE, converted by `take` (which throws UsageError when bad).
  void custom(const std::string& flag, const std::string& value_name,
              std::function<void(const std::string&)> take, const std::string& help);
  /// --FLAG N: a whole number from `lo` to `hi`.
  template <class Int>
  void whole(const std::string& flag, std::optional<Int>& into, Int lo, Int hi, const std::string& help) {
    custom(
        flag, "N", [&into, flag, lo, hi](const std::string& v) { into = parse_whole<Int>(flag, v, lo, hi); },
        help);
  }
  /// --FLAG VALUE given any number of times, every value in order.
  void each(const std::string& flag, const std::string& value_name, std::vector<std::string>& into,
            const std::string& help);
  /// --FLAG, no value.
  void flag(const std::string& flag, bool& into, const std::string& help);
  /// The positional arguments into `into`, at most `most` of them; `what`
  /// names one in the messages ("scenario", "sweep").
  void positionals(const std::string& value_name, std::vector<std::string>& into, std::size_t most,
                   const std::string& what);

  /// Parses `args` (those after the command's name). False, with the help
  /// printed on stdout, when --help or -h is among them (nothing else is
  /// checked then); throws UsageError for a bad command line.
  [[nodiscard]] bool parse(const std::vector<std::string_view>& args);

  /// What --help prints: "usage: sendsim NAME ARGS", `about`, the options.
  [[nodiscard]] std::string help() const;
  /// "NAME: no WHAT given (usage: sendsim NAME ARGS)", as a UsageError.
  [[nodiscard]] UsageError missing(const std::string& what) const;
  /// "usage: sendsim NAME ARGS".
  [[nodiscard]] std::string usage() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The options `run`, `compare`, `batch`, `sensitivity` and `appraise` share.
struct RunFlags {
  std::optional<fs::path> out;
  std::optional<int> replications;
  std::optional<int> threads;
  std::optional<std::uint64_t> seed;
  bool quiet = false;
  bool no_report = false;  // skip the charts and report.html
};

/// What each of RunFlags' options says in a command's --help.
struct RunFlagsHelp {
  std::string out;
  std::string replications = "replications (default: the scenario's)";
  std::string threads = "threads, 0 for all cores (default: the scenario's)";
  std::string seed = "master seed (default: the scenario's)";
  std::string quiet = "print nothing but errors";
  std::string no_report = "skip the charts (DIR/charts/, drawn by gnuplot) and DIR/report.html";
};

/// Declares RunFlags' options on `command`, into `flags`.
void add_run_flags(Command& command, RunFlags& flags, const RunFlagsHelp& help);

/// A scenario name as a folder name: letters, digits, '.', '-' and '_' kept,
/// anything else '_' (so a name can never climb out of results/).
std::string folder_name(const std::string& name);

/// One decimal, no thousands separators.
std::string fixed1(double v);

/// What `sendsim --help` prints: every command with its summary.
[[nodiscard]] std::string main_help();

// The commands; each returns the exit code or throws (UsageError,
// scenario::InputError, output::OutputError: exit 2; anything else: exit 1).
int command_run(const std::vector<std::string_view>& args);
int command_compare(const std::vector<std::string_view>& args);
int command_validate(const std::vector<std::string_view>& args);
int command_parameters(const std::vector<std::string_view>& args);
int command_demo(const std::vector<std::string_view>& args);
int command_report(const std::vector<std::string_view>& args);
int command_data(const std::vector<std::string_view>& args);
int command_calibrate(const std::vector<std::string_view>& args);
int command_backtest(const std::vector<std::string_view>& args);

/// Draws the charts and writes the HTML report of the results folder `dir`
/// (cmd_report.cpp), printing their paths unless `quiet`; the report's path
/// is the last line printed. Returns that path. Throws output::ChartsError
/// when gnuplot is missing or fails.
fs::path write_report(const fs::path& dir, bool quiet);

}  // namespace sendsim::app
