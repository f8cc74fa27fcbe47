// sim/calibrate/backtest.hpp: the rolling-origin backtest. For each LA and
// origin Y: calibrate on what was published up to Y (fit.hpp), forecast
// Y+1 .. Y+horizon, and set every later published figure against the
// forecast's mean and intervals and against three naive forecasts computed
// in the same run:
//   (a) the LA's last value times the last year's national growth of the
//       same series, compounded (the one to beat);
//   (b) the LA's last value times its own last year's growth, compounded;
//   (c) the last value (no change).
// Each simulated series is first corrected at its last published year (see
// ForecastRow::anchor). "Last" is January Y for stocks and calendar year Y-1 for flows; horizon h
// is January Y+h for a stock and calendar year Y-1+h for a flow, so h = 1 is
// always the first unseen year.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "calibrate/fit.hpp"
#include "calibrate/series.hpp"
#include "data/published.hpp"

namespace sendsim::calibrate {

struct BacktestOptions {
  std::vector<std::string> las;  // old codes; empty: every LA with plans published for an origin's fit window
  int first_origin = 2019;
  int last_origin = 2024;
  int horizon = 5;
  std::size_t replications = 40;  // forecast replications (uncertain parameters drawn)
  FitOptions fit;                 // fit.threads is ignored: each task runs on one thread
  unsigned threads = 0;           // tasks (LA x origin) in parallel; 0: all cores
  /// Called after each task with (done, total); from worker threads.
  std::function<void(std::size_t, std::size_t)> progress;
  const std::atomic<int>* stop = nullptr;  // non-zero: no new task starts
};

/// One forecast point set against what was published.
struct ForecastRow {
  std::string la;  // old code
  std::string la_name;
  Series series = Series::kPlans;
  int origin = 0;
  int year = 0;
  int horizon = 0;
  double actual = 0;
  double mean = 0;
  std::array<double, 7> q{};  // 5, 10, 25, 50, 75, 90, 95th percentiles over replications
  double naive_a = 0, naive_b = 0, naive_c = 0;
  bool naive_b_ok = false;  // the LA's own last growth was published
  /// The intercept correction, on average: the factor on a count, or the
  /// shift of the percentage (within_20_weeks), that takes the replications'
  /// mean in the last published year to the published value (each
  /// replication is corrected by its own).
  double anchor = 1.0;
};

/// The signed error of a forecast in the unit it is scored in: percent of the
/// actual for a count (NaN when the actual is 0), percentage points for the
/// 20-week share (a share near 0 would make a percent of it explode: 5%
/// forecast as 10% is a 100% error but 5 points). `ape`, `mape`, `bias_pct`
/// and `interval_score_80_pct` are in this unit.
[[nodiscard]] double scored_error(Series series, double forecast, double actual);

/// An (LA, origin) that could not be calibrated, and why.
struct BacktestSkip {
  std::string la;
  int origin = 0;
  std::string reason;
};

struct BacktestResult {
  std::vector<ForecastRow> rows;  // by LA, origin, series, horizon
  std::vector<BacktestSkip> skipped;
  std::size_t tasks = 0;
  double seconds = 0;
};

/// Runs the backtest. Results do not depend on the thread count.
[[nodiscard]] BacktestResult run_backtest(const data::PublishedData& published,
                                          const BacktestOptions& options);

/// Aggregated scores for one series and horizon over LAs and origins.
struct Score {
  Series series = Series::kPlans;
  int horizon = 0;
  std::size_t n = 0;
  double mape = 0, median_ape = 0, p90_ape = 0, bias_pct = 0;  // model (mean forecast), percent
  double coverage50 = 0, coverage80 = 0, coverage90 = 0;       // share of actuals inside, percent
  double interval_score80_pct = 0;  // mean 80% interval score over the actual, percent
  double mape_naive_a = 0, mape_naive_b = 0, mape_naive_c = 0;
  std::size_t n_naive_b = 0;
};

/// Scores by series and horizon (series in kSeriesCodes order, horizons ascending).
[[nodiscard]] std::vector<Score> score(const std::vector<ForecastRow>& rows);

}  // namespace sendsim::calibrate
