// sim/app/interrupt.cpp: the signal flag (see interrupt.hpp).
#include "app/interrupt.hpp"

#include <unistd.h>

#include <cstdio>

#include "output/process.hpp"

namespace sendsim::app {

namespace {

static_assert(std::atomic<int>::is_always_lock_free, "the handler may only store to a lock-free atomic");

std::atomic<int> g_signal{0};  // NOLINT: a signal handler's flag must be global

/// Writes a C string with write(2), the one way a handler may print.
void say(const char* text) noexcept {
  std::size_t n = 0;
  while (text[n] != '\0') ++n;
  while (n > 0) {
    const ssize_t w = ::write(STDERR_FILENO, text, n);
    if (w <= 0) return;
    text += w;
    n -= static_cast<std::size_t>(w);
  }
}

extern "C" void on_signal(int signal) {
  int expected = 0;
  if (g_signal.compare_exchange_strong(expected, signal)) return;  // the first: stop cleanly
  // A second signal: the user does not want to wait for the clean stop. End
  // now; a temporary folder may stay, and the next run removes it.
  say(signal == SIGTERM ? "\nsendsim: second signal (SIGTERM); stopped at once\n"
                        : "\nsendsim: second signal (SIGINT); stopped at once\n");
  ::_exit(128 + signal);
}

}  // namespace

InterruptGuard::InterruptGuard() {
  g_signal.store(0);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &old_int_);
  sigaction(SIGTERM, &action, &old_term_);
  output::set_interrupt_flag(&g_signal);  // gnuplot is ended too (output/process.hpp)
}

InterruptGuard::~InterruptGuard() {
  output::set_interrupt_flag(nullptr);
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
}

const std::atomic<int>& InterruptGuard::flag() const noexcept { return g_signal; }

std::string signal_name(int signal) {
  if (signal == SIGINT) return "SIGINT";
  if (signal == SIGTERM) return "SIGTERM";
  return "signal " + std::to_string(signal);
}

std::string kept_text(const std::filesystem::path& dir, bool had_previous) {
  if (had_previous) return "kept the previous results in " + dir.string();
  return "nothing written";
}

int report_interrupted(int signal, const std::string& kept) {
  std::fprintf(stderr, "sendsim: interrupted by %s; %s\n", signal_name(signal).c_str(), kept.c_str());
  std::fflush(stderr);
  return interrupted_exit_code(signal);
}

}  // namespace sendsim::app
