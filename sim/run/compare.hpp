// sim/run/compare.hpp: scenarios compared under common random numbers.
//
// run_comparison() runs every scenario with the same master seed and the same
// replication numbers, so replication r of each scenario draws from the
// streams keyed by (seed, r, stream): common random numbers (CRN). A
// difference between two scenarios is then measured replication by
// replication (the paired difference), and the noise both runs share cancels
// out of it.
//
// The comparison reads planners' metrics from each replication's tables
// (comparison_metrics()): a metric is a total (the rows of a table summed over
// every dimension but the period and an optional breakdown, after an optional
// filter such as placement = inmss) or a value (the one row of a mean or
// percentage table, e.g. travel mean_minutes by provision). Per metric, period
// and breakdown value the comparison holds each scenario's summary over
// replications and, for every scenario after the first (the base), the
// summary of the paired difference (scenario - base) with its 95% interval.
//
// Replication guidance: with targets (metric, half-width), replications are
// added in batches until the 95% interval of the paired difference of each
// named metric, at its last period and against every other scenario, is
// narrower than the target on each side, or a maximum is reached. Which
// replications run depends only on the results, never on the thread count,
// so the outcome is the same whatever the threads.
//
// Opens no file (writers: output/compare_writer.hpp).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "run/aggregate.hpp"
#include "run/metrics.hpp"
#include "run/runner.hpp"
#include "send/model.hpp"
#include "send/results.hpp"

namespace sendsim::run {

/// One metric a planner compares scenarios on: a row of the metric table
/// (run/metrics.hpp) as the comparison holds it.
struct MetricSpec {
  std::string name;           // e.g. "inmss_placements"
  std::string label;          // short label for printed tables
  std::string table;          // the source table, e.g. "ehc_snapshot"
  std::string period;         // its period column: "year" or "financial_year"
  std::string breakdown;      // a dimension kept apart ("need", "district", ...), or "" for a total
  std::string filter_column;  // "" or a column whose value must be filter_value
  std::string filter_value;
  MetricKind kind = MetricKind::kTotal;
  std::string unit;         // "children", "minutes", "percent", "pounds", ...
  std::string description;  // one line for the data dictionary
};

/// The metric table's rows shown in any of `where` (shown_in bits), in its order.
[[nodiscard]] std::vector<MetricSpec> metric_specs(unsigned where);

/// The metrics `sendsim compare` reports (shown_in::kCompare), in report order.
[[nodiscard]] const std::vector<MetricSpec>& comparison_metrics();

/// The metric called `name`; nullptr when there is none.
[[nodiscard]] const MetricSpec* find_metric(std::string_view name);

/// Per replication, one table per metric (in `metrics` order, named after the
/// metric, columns {period} or {period, breakdown}; missing rows zero for
/// totals and as the source table says for values). A replication without a
/// metric's source table gets an empty table. Throws std::invalid_argument
/// when a source table lacks a column the metric names, std::logic_error when
/// a value metric matches more than one row for a key.
[[nodiscard]] std::vector<send::ReplicationResult> metric_results(
    const std::vector<send::ReplicationResult>& results,
    const std::vector<MetricSpec>& metrics = comparison_metrics());
/// metric_results() of one replication.
[[nodiscard]] send::ReplicationResult metric_result(const send::ReplicationResult& r,
                                                    const std::vector<MetricSpec>& metrics);

/// Summaries of the metric tables of several scenarios, the first the base.
struct Comparison {
  std::vector<MetricSpec> metrics;
  std::vector<std::string> scenarios;                     // base first
  std::vector<std::vector<AggregatedTable>> levels;       // [scenario][metric]: summary over replications
  std::vector<std::vector<AggregatedTable>> differences;  // [scenario - 1][metric]: paired (scenario - base)
  std::size_t replications = 0;
};

/// Compares the metric tables (metric_results()) of each scenario, paired by
/// replication number. Throws std::invalid_argument when the scenarios do not
/// have the same replication numbers, or fewer than two are given.
[[nodiscard]] Comparison compare_metric_results(
    const std::vector<std::string>& names,
    const std::vector<std::vector<send::ReplicationResult>>& metric_tables,
    const std::vector<MetricSpec>& metrics = comparison_metrics());

/// One row of the long comparison: a metric at a period (and a breakdown
/// value) for one scenario against the base. Pointers are null when no
/// replication had the row on that side; they point into the Comparison.
struct DifferenceRow {
  const MetricSpec* metric = nullptr;
  std::string period;
  std::string breakdown_value;  // "" for a total
  std::size_t scenario = 0;     // index into Comparison::scenarios (1 and up)
  const engine::Summary* base = nullptr;
  const engine::Summary* other = nullptr;
  const engine::Summary* difference = nullptr;
};

/// Every row: by metric (in order), then period and breakdown value ascending, then
/// scenario in the order given.
[[nodiscard]] std::vector<DifferenceRow> difference_rows(const Comparison& comparison);

/// A replication target: the 95% interval half-width wanted for the paired
/// difference of a metric without breakdown, at its last period.
struct CiTarget {
  std::string metric;
  double half_width = 0.0;
};

/// Where a target stands: the widest half-width over the other scenarios.
struct TargetStatus {
  std::string metric;
  double target = 0.0;
  std::string period;       // the metric's last period ("" when no scenario has a row)
  std::string scenario;     // the scenario with the widest interval
  double half_width = 0.0;  // that interval's half-width (0 without rows)
  bool met = true;          // half_width < target
};

/// The status of each target. Throws std::invalid_argument for a metric that
/// is unknown or has a breakdown.
[[nodiscard]] std::vector<TargetStatus> check_targets(const Comparison& comparison,
                                                      const std::vector<CiTarget>& targets);

/// The replication count of the next batch after `n` replications left the
/// targets as `status`: n when all are met or n >= max; otherwise the count
/// the widest ratio projects (half-width falls as 1/sqrt(n); 10% margin), at
/// least n + n/4 (and n + 1), at most 4n and `max`.
[[nodiscard]] std::size_t next_replication_count(std::size_t n, const std::vector<TargetStatus>& status,
                                                 std::size_t max);

/// How to run a comparison.
struct CompareOptions {
  std::size_t replications = 20;  // the first (or only) batch
  std::uint64_t seed = 1;         // the master seed of every scenario
  unsigned threads = 0;           // 0: all cores
  std::vector<CiTarget> targets;  // empty: one batch
  std::size_t max_replications = 1000;
  /// Called from worker threads after each replication: scenario index,
  /// replications of that scenario done so far and wanted by this batch.
  std::function<void(std::size_t scenario, std::size_t done, std::size_t total)> progress;
  /// When set and non-zero, the replications stop within a few thousand
  /// events and run_comparison throws engine::Interrupted; may be null.
  const std::atomic<int>* stop = nullptr;
};

/// Everything a comparison ran.
struct ComparisonRun {
  std::vector<RunOutput> runs;  // per scenario, results in replication order
  std::vector<std::vector<send::ReplicationResult>> metric_tables;  // per scenario, per replication
  Comparison comparison;
  std::vector<std::size_t> batches;   // the replication count after each batch
  std::vector<TargetStatus> targets;  // final status (empty without targets)
  [[nodiscard]] bool targets_met() const;
};

/// Runs the scenarios (at least two) under common random numbers: every
/// scenario with options.seed, replications 0 .. N-1, batches as the targets
/// ask. Scenarios' own RunSpecs are not read. Throws std::invalid_argument for
/// fewer than two scenarios, a target naming an unknown metric or one with a
/// breakdown, a first batch of fewer than 2 replications with targets, or
/// max_replications below the first batch.
[[nodiscard]] ComparisonRun run_comparison(const std::vector<send::Scenario>& scenarios,
                                           const CompareOptions& options);

}  // namespace sendsim::run
