// tests/engine/stats_test.cpp: the accumulators and the replication summary
// of engine/stats.hpp, against two-pass formulas, hand-worked cases and
// published t quantiles; percentiles against numpy's default (type 7) worked
// by hand.
#include "engine/stats.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace sendsim::engine {
namespace {

TEST(Stats, CounterCountsAndResets) {
  Counter c;
  EXPECT_EQ(c.count(), 0);
  c.add();
  c.add(4);
  c.add(-2);
  EXPECT_EQ(c.count(), 3);
  c.reset();
  EXPECT_EQ(c.count(), 0);
}

TEST(Stats, EmptyAndSingleObservationTally) {
  Tally t;
  EXPECT_EQ(t.count(), 0);
  EXPECT_EQ(t.mean(), 0.0);
  EXPECT_EQ(t.variance(), 0.0);
  EXPECT_EQ(t.min(), 0.0);
  EXPECT_EQ(t.max(), 0.0);
  EXPECT_EQ(t.sum(), 0.0);
  t.add(-3.5);
  EXPECT_EQ(t.count(), 1);
  EXPECT_EQ(t.mean(), -3.5);
  EXPECT_EQ(t.variance(), 0.0);
  EXPECT_EQ(t.min(), -3.5);
  EXPECT_EQ(t.max(), -3.5);
}

TEST(Stats, TallyHandWorked) {
  Tally t;
  for (double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0}) t.add(x);
  EXPECT_EQ(t.count(), 8);
  EXPECT_DOUBLE_EQ(t.mean(), 5.0);
  EXPECT_DOUBLE_EQ(t.variance(), 32.0 / 7.0);  // sum of squares 32, n - 1 = 7
  EXPECT_DOUBLE_EQ(t.sum(), 40.0);
  EXPECT_EQ(t.min(), 2.0);
  EXPECT_EQ(t.max(), 9.0);
}

// Welford's update against a two-pass computation in long double, on data
// with a large offset where the textbook sum-of-squares formula loses every
// significant digit.
TEST(Stats, TallyMatchesTwoPassEvenWithALargeOffset) {
  for (double offset : {0.0, 1e9}) {
    std::mt19937_64 gen(99);
    std::normal_distribution<double> noise(0.0, 3.0);
    std::vector<double> x(100000);
    for (double& v : x) v = offset + noise(gen);
    Tally t;
    for (double v : x) t.add(v);
    long double sum = 0.0L;
    for (double v : x) sum += v;
    const long double mean = sum / static_cast<long double>(x.size());
    long double ss = 0.0L;
    for (double v : x) ss += (v - mean) * (v - mean);
    const auto var = static_cast<double>(ss / static_cast<long double>(x.size() - 1));
    EXPECT_NEAR(t.mean(), static_cast<double>(mean), 1e-12 * std::max(1.0, offset)) << offset;
    EXPECT_NEAR(t.variance(), var, 1e-6 * var) << offset;
    EXPECT_EQ(t.min(), *std::min_element(x.begin(), x.end()));
    EXPECT_EQ(t.max(), *std::max_element(x.begin(), x.end()));
  }
}

// Level 0 on [0, 1), 2 on [1, 3), 5 on [3, 4), 4 on [4, 6):
// area 0 + 4 + 5 + 8 = 17 over 6 time units.
TEST(Stats, TimeWeightedHandWorked) {
  TimeWeighted w(0.0, 0.0);
  w.set(1.0, 2.0);
  w.set(3.0, 5.0);
  w.add(4.0, -1.0);
  EXPECT_EQ(w.level(), 4.0);
  EXPECT_EQ(w.max(), 5.0);
  EXPECT_DOUBLE_EQ(w.area(4.0), 9.0);
  EXPECT_DOUBLE_EQ(w.area(6.0), 17.0);
  EXPECT_DOUBLE_EQ(w.average(6.0), 17.0 / 6.0);
  // Restart at 6 (end of warm-up): the level is kept, area and max restart.
  w.restart(6.0);
  EXPECT_EQ(w.max(), 4.0);
  EXPECT_EQ(w.average(6.0), 4.0);
  w.set(7.0, 0.0);
  EXPECT_DOUBLE_EQ(w.area(8.0), 4.0);
  EXPECT_DOUBLE_EQ(w.average(8.0), 2.0);
  EXPECT_EQ(w.max(), 4.0);
}

TEST(Stats, TimeWeightedWithALaterStartAndSameTimeUpdates) {
  TimeWeighted w(10.0, 3.0);
  EXPECT_EQ(w.average(10.0), 3.0);  // no time passed: the current level
  EXPECT_DOUBLE_EQ(w.average(12.0), 3.0);
  w.set(12.0, 7.0);
  w.set(12.0, 1.0);  // two changes at the same instant: only the last counts
  EXPECT_EQ(w.max(), 7.0);
  EXPECT_DOUBLE_EQ(w.area(14.0), 3.0 * 2.0 + 1.0 * 2.0);
  EXPECT_DOUBLE_EQ(w.average(14.0), 8.0 / 4.0);
}

TEST(Stats, StudentTQuantiles) {
  // Published two-sided 95% values.
  EXPECT_NEAR(t_quantile_975(1), 12.706, 5e-4);
  EXPECT_NEAR(t_quantile_975(2), 4.303, 5e-4);
  EXPECT_NEAR(t_quantile_975(9), 2.262, 5e-4);
  EXPECT_NEAR(t_quantile_975(19), 2.093, 5e-4);
  EXPECT_NEAR(t_quantile_975(30), 2.042, 5e-4);
  EXPECT_NEAR(t_quantile_975(1000000), 1.960, 5e-4);
  EXPECT_TRUE(std::isnan(t_quantile_975(0)));
}

// numpy.percentile(x, p) (linear, type 7): h = (n - 1) p / 100, then
// x[floor(h)] + frac(h) (x[floor(h) + 1] - x[floor(h)]).
TEST(Stats, PercentilesType7) {
  const std::vector<double> four = {1.0, 2.0, 3.0, 4.0};
  EXPECT_DOUBLE_EQ(percentile_sorted(four, 50.0), 2.5);
  EXPECT_DOUBLE_EQ(percentile_sorted(four, 5.0), 1.15);   // h = 0.15
  EXPECT_DOUBLE_EQ(percentile_sorted(four, 95.0), 3.85);  // h = 2.85
  EXPECT_DOUBLE_EQ(percentile_sorted(four, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(percentile_sorted(four, 100.0), 4.0);
  const std::vector<double> five = {15.0, 20.0, 35.0, 40.0, 50.0};
  EXPECT_DOUBLE_EQ(percentile_sorted(five, 40.0), 29.0);  // h = 1.6: 20 + 0.6 * 15
  EXPECT_DOUBLE_EQ(percentile_sorted(five, 75.0), 40.0);  // h = 3 exactly
  const std::vector<double> uneven = {1.0, 3.0, 7.0, 15.0};
  EXPECT_DOUBLE_EQ(percentile_sorted(uneven, 25.0), 2.5);   // h = 0.75
  EXPECT_DOUBLE_EQ(percentile_sorted(uneven, 90.0), 12.6);  // h = 2.7: 7 + 0.7 * 8
  // Edges: out-of-range p is clamped; one value; no values.
  EXPECT_DOUBLE_EQ(percentile_sorted(four, -5.0), 1.0);
  EXPECT_DOUBLE_EQ(percentile_sorted(four, 150.0), 4.0);
  const std::vector<double> one = {42.0};
  EXPECT_EQ(percentile_sorted(one, 5.0), 42.0);
  EXPECT_EQ(percentile_sorted(std::vector<double>{}, 50.0), 0.0);
}

// Two values: df = 1, half-width = 12.706 * sd / sqrt(2) = 12.706 with sd = sqrt(2).
TEST(Stats, SummariseTwoValuesUsesTOneDegree) {
  const std::vector<double> v = {1.0, 3.0};
  const Summary s = summarise(v);
  EXPECT_EQ(s.n, 2);
  EXPECT_DOUBLE_EQ(s.mean, 2.0);
  EXPECT_DOUBLE_EQ(s.sd, std::sqrt(2.0));
  EXPECT_NEAR(s.half_width(), 12.706, 5e-4);
  EXPECT_NEAR(s.ci_low, 2.0 - 12.706, 5e-4);
  EXPECT_NEAR(s.ci_high, 2.0 + 12.706, 5e-4);
  EXPECT_DOUBLE_EQ(s.p50, 2.0);
  EXPECT_DOUBLE_EQ(s.p5, 1.1);
  EXPECT_DOUBLE_EQ(s.p95, 2.9);
}

// The same value in every replication (an allocation, a place count): that
// value exactly, no spread. Summing 100 copies of it and dividing rounds, so
// a two-pass formula alone gives sd ~ 1e-7 and an interval around it.
TEST(Stats, SummariseEqualValuesHasNoSpread) {
  const std::vector<double> v(100, 99901369.86301361);
  const Summary s = summarise(v);
  EXPECT_EQ(s.n, 100);
  EXPECT_EQ(s.mean, 99901369.86301361);
  EXPECT_EQ(s.sd, 0.0);
  EXPECT_EQ(s.ci_low, s.mean);
  EXPECT_EQ(s.ci_high, s.mean);
  EXPECT_EQ(s.p5, s.mean);
  EXPECT_EQ(s.p95, s.mean);
}

// 1 .. 10: mean 5.5, sd sqrt(55 / 6) = 3.02765, df = 9, half-width
// 2.262157 * 3.02765 / sqrt(10) = 2.16585; p5 = 1.45, p50 = 5.5, p95 = 9.55.
TEST(Stats, SummariseTenValuesUsesTNineDegrees) {
  std::vector<double> v = {7, 3, 10, 1, 5, 9, 2, 8, 4, 6};  // any order
  const Summary s = summarise(v);
  EXPECT_EQ(s.n, 10);
  EXPECT_DOUBLE_EQ(s.mean, 5.5);
  EXPECT_NEAR(s.sd, std::sqrt(55.0 / 6.0), 1e-12);
  const double half = 2.262 * std::sqrt(55.0 / 6.0) / std::sqrt(10.0);
  EXPECT_NEAR(s.half_width(), half, 5e-4);
  EXPECT_NEAR(s.ci_low, 5.5 - 2.16585, 1e-4);
  EXPECT_NEAR(s.ci_high, 5.5 + 2.16585, 1e-4);
  EXPECT_DOUBLE_EQ(s.p5, 1.45);
  EXPECT_DOUBLE_EQ(s.p50, 5.5);
  EXPECT_DOUBLE_EQ(s.p95, 9.55);
  EXPECT_EQ(s.min, 1.0);
  EXPECT_EQ(s.max, 10.0);
  // The input is not reordered and a permutation gives the same summary.
  EXPECT_EQ(v.front(), 7.0);
  std::reverse(v.begin(), v.end());
  const Summary r = summarise(v);
  EXPECT_EQ(r.mean, s.mean);
  EXPECT_EQ(r.ci_low, s.ci_low);
  EXPECT_EQ(r.p95, s.p95);
}

TEST(Stats, SummariseOneOrNoValue) {
  const std::vector<double> one = {4.25};
  const Summary s = summarise(one);
  EXPECT_EQ(s.n, 1);
  EXPECT_EQ(s.mean, 4.25);
  EXPECT_EQ(s.sd, 0.0);
  EXPECT_EQ(s.ci_low, 4.25);
  EXPECT_EQ(s.ci_high, 4.25);
  EXPECT_EQ(s.half_width(), 0.0);
  EXPECT_EQ(s.p5, 4.25);
  EXPECT_EQ(s.p95, 4.25);
  const Summary none = summarise(std::vector<double>{});
  EXPECT_EQ(none.n, 0);
  EXPECT_EQ(none.mean, 0.0);
  EXPECT_EQ(none.half_width(), 0.0);
}

TEST(Stats, SummariseConstantValuesHasAZeroWidthInterval) {
  const std::vector<double> v(5, 3.0);
  const Summary s = summarise(v);
  EXPECT_EQ(s.sd, 0.0);
  EXPECT_EQ(s.ci_low, 3.0);
  EXPECT_EQ(s.ci_high, 3.0);
}

}  // namespace
}  // namespace sendsim::engine
