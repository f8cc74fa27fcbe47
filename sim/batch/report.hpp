// sim/batch/report.hpp: the charts and report.html of a batch folder.
//
// Charts (DIR/charts/, PNG and SVG, gnuplot through output/charts.hpp):
//   axis<K>_<metric>   the metric at its last period against the values of
//                      axis K (the other axes at their first value, the
//                      first scenario), mean and 95% band; K counts from 1;
//   heat_shortfall     a heat map of the special-place shortfall (mean) by
//                      year and the values of the first axis;
//   cells_<metric>     without axes: the metric at its last period per cell
//                      (and the total), with its interval.
// Metrics: special_place_shortfall, waiting, inmss_placements,
// dsg_cumulative_balance. Axis values reach the chart data only as numbers,
// or as labels made of letters, digits, '.', '-' and '_'.
// report.html: the sweep, each cell with its state and values, the key
// figures at the last period, and the charts inline (self-contained).
#pragma once

#include <filesystem>

#include "batch/batch.hpp"
#include "batch/tables.hpp"

namespace sendsim::batch {

/// Draws the charts and writes DIR/report.html (atomically); returns its
/// path. Throws output::ChartsError when gnuplot is missing or fails.
std::filesystem::path write_batch_report(const std::filesystem::path& dir, const Sweep& sweep,
                                         const BatchResult& batch, const BatchSummaries& summaries);

}  // namespace sendsim::batch
