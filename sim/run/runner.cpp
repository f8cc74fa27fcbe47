// sim/run/runner.cpp: replications on threads, timed.
#include "run/runner.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <mutex>

#include "send/world.hpp"

namespace sendsim::run {

RunOptions RunOptions::from_spec(const send::RunSpec& spec) {
  RunOptions options;
  options.replications = static_cast<std::size_t>(std::max(spec.replications, 0));
  options.seed = spec.seed;
  options.threads = static_cast<unsigned>(std::max(spec.threads, 0));
  return options;
}

namespace {

/// The fold of finished replications in replication order: the thread that
/// finishes the replication due next folds it and every later one already
/// finished; the others go back to simulating.
class OrderedFold {
 public:
  explicit OrderedFold(const std::vector<send::ReplicationResult>& results)
      : results_(results), ready_(results.size(), false) {}

  /// Replication r is finished (its result in place).
  void finished(std::size_t r) {
    {
      const std::lock_guard lock(mutex_);
      ready_[r] = true;
      if (folding_ || r != next_ || error_) return;
      folding_ = true;
    }
    for (;;) {
      std::size_t k = 0;
      {
        const std::lock_guard lock(mutex_);
        if (next_ >= ready_.size() || !ready_[next_]) {
          folding_ = false;
          return;
        }
        k = next_;
      }
      try {
        fold_.add(results_[k]);
      } catch (...) {
        const std::lock_guard lock(mutex_);
        error_ = std::current_exception();
        folding_ = false;
        return;
      }
      const std::lock_guard lock(mutex_);
      ++next_;
    }
  }

  /// The tables; rethrows the fold's error (the same whatever the thread
  /// count: replications are folded in order).
  std::vector<AggregatedTable> finish() {
    if (error_) std::rethrow_exception(error_);
    return fold_.finish();
  }

 private:
  const std::vector<send::ReplicationResult>& results_;
  std::mutex mutex_;
  std::vector<bool> ready_;
  std::size_t next_ = 0;
  bool folding_ = false;
  std::exception_ptr error_;
  Aggregator fold_;
};

}  // namespace

RunOutput run_scenario(const send::Scenario& scenario, const RunOptions& options) {
  RunOutput out;
  out.scenario_name = scenario.name;
  out.replications = options.replications;
  out.seed = options.seed;
  const unsigned wanted = options.threads == 0 ? engine::default_thread_count() : options.threads;
  out.threads =
      static_cast<unsigned>(std::min<std::size_t>(wanted, std::max<std::size_t>(options.replications, 1)));

  const auto start = std::chrono::steady_clock::now();
  // Each replication's result goes straight into its slot (replication r
  // only ever touches slot r), so that the fold can read it at once.
  out.results.resize(options.replications);
  OrderedFold fold(out.results);
  (void)engine::run_replications(
      options.replications, out.threads,
      [&](std::size_t r) {
        out.results[r] = send::simulate_replication(scenario, options.seed, r, options.stop);
        if (options.aggregate) fold.finished(r);
        return true;
      },
      options.progress, options.stop);
  if (options.aggregate) out.tables = fold.finish();
  const auto stop = std::chrono::steady_clock::now();
  out.wall_seconds = std::chrono::duration<double>(stop - start).count();

  for (const auto& r : out.results) {
    out.events += r.events;
    out.child_years += r.child_years;
  }
  out.events_per_second = out.wall_seconds > 0.0 ? static_cast<double>(out.events) / out.wall_seconds : 0.0;
  return out;
}

}  // namespace sendsim::run
