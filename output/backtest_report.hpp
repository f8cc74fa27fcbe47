// output/backtest_report.hpp: the folder `sendsim backtest` writes.
//
//   backtest.csv   one row per LA, series, origin and horizon: the published
//                  value, the forecast's mean and percentiles, the error, the
//                  absolute percentage error, bias, whether the actual fell in
//                  the 50/80/90% intervals, the 80% interval score, and the
//                  three naive forecasts with their errors
//   scores.csv     the same aggregated by series and horizon over LAs and
//                  origins: MAPE, median and 90th percentile APE, bias,
//                  coverage, interval score, the naives' MAPE
//   skipped.csv    LA and origin pairs that could not be run, and why
//   summary.json   the run's settings and the scores (no timings: the same
//                  data, options and seed give the same bytes)
//   charts/, report.html  error by horizon against the naives, coverage, and
//                  forecast fans against the actuals for one LA (gnuplot; see
//                  output/charts.hpp for the no-user-text rule)
//
// output/README.md documents every column.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "calibrate/backtest.hpp"

namespace sendsim::output {

struct BacktestMeta {
  std::string version;
  std::string data_folder;
  std::string las;  // "all" or the codes given
  int first_origin = 0;
  int last_origin = 0;
  int horizon = 0;
  std::size_t replications = 0;
  std::size_t fit_replications = 0;
  int fit_rounds = 0;
  std::uint64_t seed = 0;
};

/// Writes backtest.csv, scores.csv, skipped.csv and summary.json into `dir`
/// atomically (write_folder_atomically: a previous backtest folder is
/// replaced, any other non-empty folder refused with OutputError).
void write_backtest(const std::filesystem::path& dir, const calibrate::BacktestResult& result,
                    const std::vector<calibrate::Score>& scores, const BacktestMeta& meta);

/// Draws the charts and writes report.html into `dir` (already written by
/// write_backtest); the fan charts show LA `fan_la` (old code; the first LA
/// in the results when empty or absent), with the published series of
/// `published` (may be null: forecasts only). Throws ChartsError when gnuplot is
/// missing or fails; nothing is changed then.
void render_backtest_report(const std::filesystem::path& dir, const calibrate::BacktestResult& result,
                            const std::vector<calibrate::Score>& scores, const BacktestMeta& meta,
                            const std::string& fan_la, const data::PublishedData* published);

}  // namespace sendsim::output
