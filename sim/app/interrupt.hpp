// sim/app/interrupt.hpp: SIGINT and SIGTERM during a command.
//
// An InterruptGuard installs handlers for SIGINT and SIGTERM that do one
// thing: store the signal number in a lock-free atomic flag (all a handler
// may safely do). The long steps poll the flag: the replication loop
// (run::RunOptions::stop) takes no new replication, and the results writer
// (output::ResultsContext::interrupt) stops between files; both then throw
// engine::Interrupted, the temporary folder is removed, and the command
// reports what it kept and exits with 128 + the signal number (130 for
// SIGINT, 143 for SIGTERM), as a shell does for a process a signal ended.
// Each replication's event loop looks at the flag every few thousand events
// (engine/simulation.hpp), so a run stops within a fraction of a second; a
// helper program (gnuplot) is ended too (output/process.hpp). A second
// signal ends the process at once (a temporary folder may stay; the next
// run removes it). The previous handlers are restored when the guard goes.
#pragma once

#include <atomic>
#include <csignal>
#include <filesystem>
#include <string>

#include "engine/replication.hpp"

namespace sendsim::app {

class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

  /// The flag: 0, or the number of the first signal received.
  [[nodiscard]] const std::atomic<int>& flag() const noexcept;
  /// The signal received, 0 for none.
  [[nodiscard]] int signal() const noexcept { return flag().load(); }

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

/// "SIGINT", "SIGTERM", or "signal N".
[[nodiscard]] std::string signal_name(int signal);

/// The exit code for a run ended by `signal`: 128 + signal.
[[nodiscard]] constexpr int interrupted_exit_code(int signal) noexcept { return 128 + signal; }

/// What a results folder holds after an interrupted run: "nothing written"
/// when `had_previous` is false, else "kept the previous results in DIR".
[[nodiscard]] std::string kept_text(const std::filesystem::path& dir, bool had_previous);

/// Prints "sendsim: interrupted by SIGNAL; KEPT" on stderr and returns the
/// exit code.
int report_interrupted(int signal, const std::string& kept);

/// Runs `draw` (the charts and report of the complete folder `dir`); when a
/// signal comes first or while it runs (engine::Interrupted, or gnuplot
/// failing because the same Ctrl-C ended it), prints "interrupted by SIGNAL;
/// the new results in DIR are complete; the report was not drawn (sendsim
/// report DIR draws it)" and returns the exit code; 0 when drawn.
template <class Draw>
int report_step(const InterruptGuard& interrupts, const std::filesystem::path& dir, Draw&& draw);

template <class Draw>
int report_step(const InterruptGuard& interrupts, const std::filesystem::path& dir, Draw&& draw) {
  const std::string kept = "the new results in " + dir.string() +
                           " are complete; the report was not drawn (sendsim report " + dir.string() +
                           " draws it)";
  if (interrupts.signal() != 0) return report_interrupted(interrupts.signal(), kept);
  try {
    draw();
  } catch (const engine::Interrupted& e) {
    return report_interrupted(e.reason(), kept);
  } catch (...) {
    if (interrupts.signal() != 0) return report_interrupted(interrupts.signal(), kept);
    throw;
  }
  return 0;
}

}  // namespace sendsim::app
