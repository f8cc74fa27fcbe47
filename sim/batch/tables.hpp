// sim/batch/tables.hpp: the tables of a batch, from its cells' replications.
//
//   sweep.csv    per cell, metric, period and breakdown value: n, mean, sd,
//                ci_low, ci_high (95%), p5, p50, p95 over replications, with
//                the cell's scenario and the value of each swept key path;
//                for a total sweep also the cell "total", every cell summed
//                within each replication before summarising (so its interval
//                is that of the sum);
//   england.csv  a total sweep only: level (la, region, england), name,
//                region, metric, period and the same summary, for the
//                metrics without breakdown that are totals.
// Metrics are the metric table's rows shown in the comparison or the batch
// (run/metrics.hpp): the comparison's and special_place_shortfall, plan
// holders without a local special-school place (unmet demand for provision
// special) at each January census.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "batch/batch.hpp"
#include "run/aggregate.hpp"
#include "run/compare.hpp"

namespace sendsim::batch {

/// The batch's metrics, in order.
[[nodiscard]] const std::vector<run::MetricSpec>& batch_metrics();

/// A key figure of the batch report and the sensitivity table: a metric
/// table row shown in run::shown_in::kKey.
struct KeyMetric {
  std::string name;  // the metric's name in sweep.csv
  std::string title;
  std::string unit;
};

/// The key figures, in the metric table's order.
[[nodiscard]] const std::vector<KeyMetric>& key_metrics();

/// The batch's summaries, from one pass over the cells' replications.
struct BatchSummaries {
  /// Per cell (in order), the metric tables aggregated (aggregate over
  /// metric_results with batch_metrics); empty for a cell not done. For a
  /// total sweep whose cells are all done, one more entry at the end: the
  /// sum over the cells within each replication (none while a cell failed,
  /// since a total without it would be wrong).
  std::vector<std::vector<run::AggregatedTable>> cells;
  /// Total sweeps: per region (cells with that region summed within each
  /// replication), by name.
  std::map<std::string, std::vector<run::AggregatedTable>> regions;
};

/// Summarises each done cell: from the metric tables its writer kept
/// (CellRun::metric_bytes), else from its replications file.
[[nodiscard]] BatchSummaries summarise_batch(const std::filesystem::path& dir, const BatchResult& batch,
                                             bool total);

/// Writes DIR/sweep.csv (and DIR/england.csv for a total sweep with its
/// total) atomically.
void write_sweep_tables(const std::filesystem::path& dir, const Sweep& sweep, const BatchResult& batch,
                        const BatchSummaries& summaries);

}  // namespace sendsim::batch
