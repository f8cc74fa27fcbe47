// sim/batch/sensitivity.hpp: one-way sensitivity under common random numbers.
//
// `sendsim sensitivity SCENARIO --vary PATH=LOW:HIGH ...` is a batch over one
// scenario with listed cells: the baseline (cell 000, no change), then for
// each --vary its LOW cell and its HIGH cell, every cell on the same master
// seed, so replication r of each sees the same children (common random
// numbers) and an effect is measured replication by replication (the paired
// difference from the baseline, run/aggregate.hpp). Results as a batch
// folder (batch.hpp) plus:
//   tornado.csv   metric, period, parameter, low, high, the baseline's mean,
//                 and for LOW and HIGH the mean and the paired effect with its
//                 95% interval, and the swing |effect(high) - effect(low)|;
//                 rows by metric, period, then swing descending;
//   charts/tornado_<metric>.png/.svg and report.html.
// Metrics: special_place_shortfall, waiting, inmss_placements,
// dsg_cumulative_balance; periods: those chosen (--year Y: the January census
// of Y, or the financial year ending in March of Y), else each metric's last.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "batch/batch.hpp"
#include "batch/sweep.hpp"

namespace sendsim::batch {

struct Variation {
  std::string path;
  Override low;
  Override high;
};

/// Reads "PATH=LOW:HIGH" (values as YAML scalars; marks name "--vary").
/// Throws InputError when malformed or the path names no parameter.
[[nodiscard]] Variation parse_vary_argument(const std::string& argument);

/// The batch of a sensitivity analysis (see above).
[[nodiscard]] Sweep sensitivity_sweep(const std::string& scenario_file, const std::string& scenario_name,
                                      const std::vector<Variation>& variations, int replications);

/// Writes tornado.csv, the tornado charts and report.html into `dir` (a
/// finished sensitivity batch). Returns the report's path, or none when
/// `draw` is false (tornado.csv only). Throws output::ChartsError when
/// gnuplot is missing or fails.
std::filesystem::path write_sensitivity(const std::filesystem::path& dir, const Sweep& sweep,
                                        const BatchResult& batch, const std::vector<Variation>& variations,
                                        const std::vector<int>& years, bool draw);

}  // namespace sendsim::batch
