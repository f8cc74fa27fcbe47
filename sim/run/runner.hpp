// sim/run/runner.hpp: runs the replications of one scenario.
//
// run_scenario() calls send::simulate_replication for replications
// 0 .. N-1 on a pool of threads (engine/replication.hpp) and returns the
// results in replication order with the run's timing. Each replication's
// result depends only on (scenario, seed, replication number), so the results
// are the same whatever the thread count. It opens no file.
//
// With RunOptions::aggregate, the tables are also summarised over
// replications on the worker threads as the replications finish
// (run::Aggregator, folded in replication order by whichever thread finishes
// the next one due), so that no single-threaded aggregation is left after
// the run: RunOutput::tables is then aggregate(results), to the bit.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "engine/replication.hpp"
#include "run/aggregate.hpp"
#include "send/model.hpp"
#include "send/results.hpp"

namespace sendsim::run {

/// How to run: by default the scenario's own RunSpec (see from_spec).
struct RunOptions {
  std::size_t replications = 20;
  std::uint64_t seed = 1;
  unsigned threads = 0;         // 0: all cores
  engine::ProgressFn progress;  // called from worker threads; may be empty
  /// When set and non-zero, no new replication starts, the ones under way
  /// stop within a few thousand events, and run_scenario throws
  /// engine::Interrupted (see engine/replication.hpp); may be null.
  const std::atomic<int>* stop = nullptr;
  /// Summarise the tables on the worker threads as replications finish
  /// (RunOutput::tables).
  bool aggregate = false;
  /// With `aggregate`: called with each replication right after its tables
  /// are summarised, in replication order, one at a time, on a worker
  /// thread, so that what is derived from every replication (the results
  /// folder's other files) is folded as the run goes. It may take the
  /// replication's tables (RunOutput::results then keeps the replication's
  /// number, events, fingerprint and child-years only).
  std::function<void(send::ReplicationResult&)> on_replication;

  /// The options a scenario's RunSpec asks for (negative counts read as 0).
  [[nodiscard]] static RunOptions from_spec(const send::RunSpec& spec);
};

struct RunOutput {
  std::string scenario_name;
  std::size_t replications = 0;
  std::uint64_t seed = 0;
  unsigned threads = 0;                          // threads actually used (0 in the options resolved)
  std::vector<send::ReplicationResult> results;  // in replication order
  std::vector<AggregatedTable> tables;           // aggregate(results) when options.aggregate, else empty
  double wall_seconds = 0.0;                     // the replications (and their aggregation) only
  std::uint64_t events = 0;                      // engine events over all replications
  double events_per_second = 0.0;
  double child_years = 0.0;  // over all replications
};

/// Runs `options.replications` replications of `scenario` with the options'
/// seed and threads (the scenario's own RunSpec is not read). Zero
/// replications give an output with no results. The exception of the lowest
/// failing replication is rethrown.
[[nodiscard]] RunOutput run_scenario(const send::Scenario& scenario, const RunOptions& options);

}  // namespace sendsim::run
