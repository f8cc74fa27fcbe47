// sim/engine/replication.hpp: runs independent replications on std::thread.
//
// run_replications(n, threads, fn) calls fn(r) once for each replication
// r = 0 .. n-1 and returns the results indexed by r. Threads take the next
// replication number from a shared counter, so which thread runs which
// replication varies, but each replication's result depends only on r (fn
// must seed its random streams from r, see rng.hpp, and share no mutable
// state), and results are returned in replication order: the same whatever
// the thread count. An exception thrown by fn stops the other threads from
// starting replications numbered above it, and the exception of the lowest
// failing replication number is rethrown (replications below a failure still
// run), so which error is reported is independent of the thread count too.
//
// A run can be stopped from outside (an interrupt): when `stop` is given and
// becomes non-zero, threads take no new replication, the ones under way
// finish, and run_replications throws Interrupted carrying the flag's value
// (a signal handler may set the flag: a lock-free atomic store is all it
// does). A flag set after the last replication finished is left to the caller.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace sendsim::engine {

/// Number of threads to use when the user asks for 0 ("all cores").
[[nodiscard]] inline unsigned default_thread_count() noexcept {
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1 : hw;
}

/// Called after each finished replication with the number done so far (from
/// the worker thread that finished it; calls are serialised by the caller's
/// own means if it needs them to be).
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

/// The run was stopped from outside before it was complete; reason() is the
/// value the stop flag held (for a signal, the signal number).
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int reason)
      : std::runtime_error("interrupted (" + std::to_string(reason) + ")"), reason_(reason) {}
  [[nodiscard]] int reason() const noexcept { return reason_; }

 private:
  int reason_;
};

static_assert(std::atomic<int>::is_always_lock_free, "a signal handler may only store to a lock-free atomic");

template <class Fn>
auto run_replications(std::size_t n, unsigned threads, Fn&& fn, const ProgressFn& progress = {},
                      const std::atomic<int>* stop = nullptr)
    -> std::vector<std::invoke_result_t<Fn&, std::size_t>> {
  using Result = std::invoke_result_t<Fn&, std::size_t>;
  std::vector<std::optional<Result>> slots(n);
  std::vector<std::exception_ptr> errors(n);
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  std::atomic<std::size_t> first_failure{n};
  if (threads == 0) threads = default_thread_count();
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(n, 1)));

  auto worker = [&] {
    for (;;) {
      const std::size_t r = next.fetch_add(1);
      if (r >= n || r > first_failure.load()) return;
      if (stop != nullptr && stop->load() != 0) return;
      try {
        slots[r].emplace(fn(r));
      } catch (...) {
        errors[r] = std::current_exception();
        std::size_t seen = first_failure.load();
        while (r < seen && !first_failure.compare_exchange_weak(seen, r)) {
        }
        return;
      }
      const std::size_t d = done.fetch_add(1) + 1;
      if (progress) progress(d, n);
    }
  };

  if (threads <= 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
  }
  for (auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
  if (done.load() < n && stop != nullptr && stop->load() != 0) throw Interrupted(stop->load());
  std::vector<Result> results;
  results.reserve(n);
  for (auto& s : slots) results.push_back(std::move(*s));
  return results;
}

}  // namespace sendsim::engine
