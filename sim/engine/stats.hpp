// sim/engine/stats.hpp: statistics accumulators.
//
// Within one replication:
//   Counter       a count of occurrences (and an optional total weight);
//   Tally         observations: count, mean and variance by Welford's update,
//                 minimum and maximum;
//   TimeWeighted  a piecewise-constant level over time (occupancy, queue
//                 length): its time-average, maximum and current value.
// Over replications:
//   Summary       mean, sample standard deviation, a t-based 95% interval for
//                 the mean, and percentiles (linear interpolation between
//                 order statistics, type 7 in Hyndman and Fan's list, the
//                 default of R and numpy).
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace sendsim::engine {

class Counter {
 public:
  void add(std::int64_t n = 1) noexcept { count_ += n; }
  [[nodiscard]] std::int64_t count() const noexcept { return count_; }
  void reset() noexcept { count_ = 0; }

 private:
  std::int64_t count_ = 0;
};

class Tally {
 public:
  void add(double x) noexcept {
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (x - mean_);
    if (x < min_) min_ = x;
    if (x > max_) max_ = x;
  }
  [[nodiscard]] std::int64_t count() const noexcept { return n_; }
  /// Mean of the observations; 0 when there are none.
  [[nodiscard]] double mean() const noexcept { return mean_; }
  /// Sample variance (divisor n - 1); 0 with fewer than two observations.
  [[nodiscard]] double variance() const noexcept { return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : 0.0; }
  [[nodiscard]] double min() const noexcept { return n_ ? min_ : 0.0; }
  [[nodiscard]] double max() const noexcept { return n_ ? max_ : 0.0; }
  [[nodiscard]] double sum() const noexcept { return mean_ * static_cast<double>(n_); }

 private:
  std::int64_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

/// A level that changes at points in time; integrates it between changes.
class TimeWeighted {
 public:
  explicit TimeWeighted(double start_time = 0.0, double level = 0.0) noexcept
      : start_(start_time), last_(start_time), level_(level), max_(level) {}

  /// Sets the level from time `t` on (t not before the last update).
  void set(double t, double level) noexcept {
    area_ += level_ * (t - last_);
    last_ = t;
    level_ = level;
    if (level > max_) max_ = level;
  }
  /// Adds `delta` to the level from time `t` on.
  void add(double t, double delta) noexcept { set(t, level_ + delta); }

  [[nodiscard]] double level() const noexcept { return level_; }
  [[nodiscard]] double max() const noexcept { return max_; }
  /// Integral of the level from the start to `t` (t >= last update).
  [[nodiscard]] double area(double t) const noexcept { return area_ + level_ * (t - last_); }
  /// Time-average from the start to `t`; the current level if no time passed.
  [[nodiscard]] double average(double t) const noexcept {
    return t > start_ ? area(t) / (t - start_) : level_;
  }
  /// Restarts the average at `t` keeping the current level (end of warm-up).
  void restart(double t) noexcept {
    start_ = t;
    last_ = t;
    area_ = 0.0;
    max_ = level_;
  }

 private:
  double start_;
  double last_;
  double level_;
  double area_ = 0.0;
  double max_;
};

/// The two-sided 95% quantile of Student's t with `df` degrees of freedom
/// (t_{0.975, df}); df >= 1.
[[nodiscard]] double t_quantile_975(std::int64_t df);

/// The percentile `p` (0-100) of `sorted` (ascending), type 7 interpolation.
[[nodiscard]] double percentile_sorted(std::span<const double> sorted, double p);

/// Statistics of one quantity over replications.
struct Summary {
  std::int64_t n = 0;
  double mean = 0.0;
  double sd = 0.0;
  double ci_low = 0.0;   // mean - t * sd / sqrt(n); equals mean when n < 2
  double ci_high = 0.0;  // mean + t * sd / sqrt(n)
  double p5 = 0.0;
  double p50 = 0.0;
  double p95 = 0.0;
  double min = 0.0;
  double max = 0.0;

  [[nodiscard]] double half_width() const noexcept { return (ci_high - ci_low) / 2.0; }
};

/// Summarises one value per replication. The result depends only on the
/// values and their order-independent statistics, so it is the same whatever
/// order replications finished in, provided `values` is in replication order.
[[nodiscard]] Summary summarise(std::span<const double> values);

}  // namespace sendsim::engine
