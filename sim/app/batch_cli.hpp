// sim/app/batch_cli.hpp: what the commands over many runs (batch,
// sensitivity, appraise) share on the command line: one input file and the
// run flags, and a rank's exit code.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli.hpp"

namespace sendsim::app {

/// Inside a catch block on a rank other than 0 (which prints nothing): the
/// exit code of the exception being handled, as rank 0 would give it (a
/// peer's failure its code, bad input 2, an interrupt 130/143, else 1).
int rank_exit_code_of_current();

/// The one input file of a command over many runs.
struct InputFile {
  std::string value_name;  // in the usage line: "SWEEP"
  std::string what;        // in the messages: "sweep"
  std::string missing;     // "sweep file": "NAME: no sweep file given (usage: ...)"
};

/// Declares on `command` its input file, the run flags into `flags` with
/// `help`, then whatever `more` declares, and parses `args`. The file, or
/// none when --help was asked for (and printed); UsageError when the file
/// is missing or the line is bad.
inline std::optional<std::string> parse_file_and_run_flags(Command& command,
                                                           const std::vector<std::string_view>& args,
                                                           const InputFile& file, RunFlags& flags,
                                                           const RunFlagsHelp& help,
                                                           const std::function<void(Command&)>& more = {}) {
  std::vector<std::string> files;
  command.positionals(file.value_name, files, 1, file.what);
  add_run_flags(command, flags, help);
  if (more) more(command);
  if (!command.parse(args)) return std::nullopt;
  if (files.empty()) throw command.missing(file.missing);
  return files.front();
}

}  // namespace sendsim::app
