// sim/app/cli.hpp: what the command-line commands share: exit codes, the
// usage error, number parsing, and one function per command (each command
// lives in its own cmd_*.cpp).
#pragma once

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <optional>
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

/// Whether the arguments ask for help (--help or -h anywhere).
[[nodiscard]] bool wants_help(const std::vector<std::string_view>& args);

/// Walks a command's arguments, where a flag's value is the next argument or
/// follows '=' (--seed 7, --seed=7).
class ArgWalker {
 public:
  explicit ArgWalker(const std::vector<std::string_view>& args) : args_(args) {}
  /// Moves to the next argument; false when there is none.
  bool next();
  /// The argument: a flag without its "=value", or a positional argument.
  [[nodiscard]] std::string_view arg() const { return arg_; }
  /// A flag rather than a positional argument ("-" alone is positional).
  [[nodiscard]] bool is_flag() const { return arg_.starts_with("-") && arg_ != "-"; }
  /// The flag's value; UsageError "FLAG: missing value" when there is none
  /// or the next argument is an option (starts with "--": "--out --quiet"
  /// is a forgotten value, not a folder named --quiet; --out=--quiet is).
  std::string_view value();
  /// UsageError "FLAG takes no value" when the flag came with "=value".
  void no_value() const;

 private:
  const std::vector<std::string_view>& args_;
  std::size_t next_ = 0;
  std::string_view arg_;
  std::optional<std::string_view> inline_value_;
};

/// The options `run` and `compare` share.
struct RunFlags {
  std::optional<fs::path> out;
  std::optional<int> replications;
  std::optional<int> threads;
  std::optional<std::uint64_t> seed;
  bool quiet = false;
  bool no_report = false;  // skip the charts and report.html
};

/// Takes the walker's flag into `flags` when it is one of RunFlags' (reading
/// its value); false, with nothing read, when it is not.
bool take_run_flag(ArgWalker& walker, RunFlags& flags);

/// A scenario name as a folder name: letters, digits, '.', '-' and '_' kept,
/// anything else '_' (so a name can never climb out of results/).
std::string folder_name(const std::string& name);

/// One decimal, no thousands separators.
std::string fixed1(double v);

// The commands; each returns the exit code or throws (UsageError,
// scenario::InputError, output::OutputError: exit 2; anything else: exit 1).
int command_run(const std::vector<std::string_view>& args);
int command_compare(const std::vector<std::string_view>& args);
int command_validate(const std::vector<std::string_view>& args);
int command_demo();
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
