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

/// Draws the charts and writes the HTML report of the results folder `dir`
/// (cmd_report.cpp), printing their paths unless `quiet`; the report's path
/// is the last line printed. Returns that path. Throws output::ChartsError
/// when gnuplot is missing or fails.
fs::path write_report(const fs::path& dir, bool quiet);

}  // namespace sendsim::app
