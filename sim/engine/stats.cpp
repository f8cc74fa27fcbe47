// sim/engine/stats.cpp: summaries over replications.
#include "engine/stats.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace sendsim::engine {

double t_quantile_975(std::int64_t df) {
  if (df < 1) return std::numeric_limits<double>::quiet_NaN();
  // Boost inverts the incomplete beta function for each call (microseconds);
  // a summary of every row of every table asks again and again for the same
  // df (the replications less one), so each thread keeps the last answer.
  thread_local std::int64_t cached_df = 0;
  thread_local double cached = 0.0;
  if (df != cached_df) {
    const boost::math::students_t dist(static_cast<double>(df));
    cached = boost::math::quantile(dist, 0.975);
    cached_df = df;
  }
  return cached;
}

double percentile_sorted(std::span<const double> sorted, double p) {
  if (sorted.empty()) return 0.0;
  if (sorted.size() == 1) return sorted.front();
  const double h = (static_cast<double>(sorted.size()) - 1.0) * std::clamp(p, 0.0, 100.0) / 100.0;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

Summary summarise(std::span<const double> values) {
  Summary s;
  s.n = static_cast<std::int64_t>(values.size());
  if (values.empty()) return s;
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  s.min = sorted.front();
  s.max = sorted.back();
  s.p5 = percentile_sorted(sorted, 5.0);
  s.p50 = percentile_sorted(sorted, 50.0);
  s.p95 = percentile_sorted(sorted, 95.0);
  if (s.min == s.max) {
    // Every replication gave the same value (an allocation, a place count):
    // exactly that, with no spread, rather than a sum's rounding error.
    s.mean = s.ci_low = s.ci_high = s.min;
    s.sd = 0.0;
    return s;
  }
  double sum = 0.0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(s.n);
  double ss = 0.0;
  for (double v : values) ss += (v - s.mean) * (v - s.mean);
  s.sd = s.n > 1 ? std::sqrt(ss / static_cast<double>(s.n - 1)) : 0.0;
  if (s.n > 1) {
    const double half = t_quantile_975(s.n - 1) * s.sd / std::sqrt(static_cast<double>(s.n));
    s.ci_low = s.mean - half;
    s.ci_high = s.mean + half;
  } else {
    s.ci_low = s.ci_high = s.mean;
  }
  return s;
}

}  // namespace sendsim::engine
