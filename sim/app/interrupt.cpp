// sim/app/interrupt.cpp: the signal flag (see interrupt.hpp).
#include "app/interrupt.hpp"

#include <cstdio>

namespace sendsim::app {

namespace {

static_assert(std::atomic<int>::is_always_lock_free, "the handler may only store to a lock-free atomic");

std::atomic<int> g_signal{0};  // NOLINT: a signal handler's flag must be global

extern "C" void on_signal(int signal) {
  int expected = 0;
  g_signal.compare_exchange_strong(expected, signal);  // keep the first
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
}

InterruptGuard::~InterruptGuard() {
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
