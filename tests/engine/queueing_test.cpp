// tests/engine/queueing_test.cpp: the engine against closed-form queueing
// answers (engine/mmc.hpp). Erlang C for M/M/c, lambda / mu for M/M/inf.
//
// Statistical expectation: for each of a fixed set of master seeds, a t-based
// 95% interval over independent replications (after a warm-up) covers the
// analytic value, and is narrow enough (a few per cent) that a wrong event
// order or a wrong rate would put the value outside it. The seeds are fixed,
// so the test is deterministic; with any other seed the interval would miss
// the value about one time in twenty, which is what a 95% interval means.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

#include "engine/mmc.hpp"
#include "engine/replication.hpp"
#include "engine/stats.hpp"

namespace sendsim::engine {
namespace {

constexpr std::array<std::uint64_t, 3> kSeeds = {1, 2, 3};
constexpr std::size_t kReplications = 20;

TEST(Queueing, ErlangCClosedForms) {
  // One server: the probability of waiting is the utilisation.
  EXPECT_DOUBLE_EQ(erlang_c(1, 0.5), 0.5);
  EXPECT_DOUBLE_EQ(erlang_c(1, 0.9), 0.9);
  // Two servers: 2 rho^2 / (1 + rho), rho = a / 2.
  EXPECT_NEAR(erlang_c(2, 1.0), 1.0 / 3.0, 1e-15);
  EXPECT_NEAR(erlang_c(2, 1.6), 2 * 0.64 / 1.8, 1e-15);
  // Three servers, a = 2.4 (hand-worked): 11.52 / 17.8.
  EXPECT_NEAR(erlang_c(3, 2.4), 11.52 / 17.8, 1e-14);
  MmcParams p;  // lambda 2.4, mu 1, c 3
  EXPECT_NEAR(mmc_mean_wait(p), 11.52 / 17.8 / 0.6, 1e-14);
  MmcParams mm1;
  mm1.arrival_rate = 0.5;
  mm1.service_rate = 1.0;
  mm1.servers = 1;
  EXPECT_DOUBLE_EQ(mmc_mean_wait(mm1), 1.0);  // rho / (mu - lambda)
}

TEST(Queueing, EveryCustomerArrivesAndDeparts) {
  MmcParams p;
  p.customers = 1000;
  const MmcResult r = run_mmc(p, 9, 0);
  EXPECT_EQ(r.events, 2 * p.customers);
  EXPECT_EQ(r.wait.count(), static_cast<std::int64_t>(p.customers));  // no warm-up
  EXPECT_GE(r.wait.min(), 0.0);
  EXPECT_GT(r.wait.max(), 0.0);  // at utilisation 0.8 someone waits
  EXPECT_GT(r.end_time, 0.0);
  // Same seed and replication: the same run, bit for bit.
  const MmcResult again = run_mmc(p, 9, 0);
  EXPECT_EQ(again.wait.mean(), r.wait.mean());
  EXPECT_EQ(again.end_time, r.end_time);
  EXPECT_NE(run_mmc(p, 9, 1).end_time, r.end_time);
}

TEST(Queueing, WarmUpExcludesEarlyCustomers) {
  MmcParams p;
  p.customers = 5000;
  p.warmup_time = 500.0;  // about 1200 arrivals
  const MmcResult r = run_mmc(p, 4, 0);
  EXPECT_LT(r.wait.count(), 5000 - 900);
  EXPECT_GT(r.wait.count(), 5000 - 1500);
  EXPECT_EQ(r.events, 2 * p.customers);
}

TEST(Queueing, MM3MeanWaitIntervalCoversErlangC) {
  MmcParams p;
  p.arrival_rate = 2.4;
  p.service_rate = 1.0;
  p.servers = 3;
  p.customers = 100000;
  p.warmup_time = 1000.0;
  const double wq = mmc_mean_wait(p);  // 1.07865
  const double busy = p.arrival_rate / p.service_rate;
  for (std::uint64_t seed : kSeeds) {
    const auto runs = run_replications(kReplications, 2, [&](std::size_t r) { return run_mmc(p, seed, r); });
    std::vector<double> waits;
    std::vector<double> busies;
    for (const MmcResult& m : runs) {
      waits.push_back(m.wait.mean());
      busies.push_back(m.mean_busy);
    }
    const Summary w = summarise(waits);
    EXPECT_LE(w.ci_low, wq) << "seed " << seed << ": mean " << w.mean << " +- " << w.half_width();
    EXPECT_GE(w.ci_high, wq) << "seed " << seed << ": mean " << w.mean << " +- " << w.half_width();
    EXPECT_LT(w.half_width(), 0.04 * wq) << "seed " << seed;
    // Little's law for the servers: mean busy = lambda / mu. A far tighter
    // interval, so checked with a margin of 0.5% rather than its own interval.
    EXPECT_NEAR(summarise(busies).mean, busy, 0.005 * busy) << "seed " << seed;
  }
}

TEST(Queueing, MMInfMeanOccupancyIntervalCoversLoad) {
  MmcParams p;
  p.arrival_rate = 2.4;
  p.service_rate = 1.0;
  p.servers = 0;  // infinitely many
  p.customers = 100000;
  p.warmup_time = 100.0;
  const double load = p.arrival_rate / p.service_rate;
  for (std::uint64_t seed : kSeeds) {
    const auto runs = run_replications(kReplications, 2, [&](std::size_t r) { return run_mmc(p, seed, r); });
    std::vector<double> occupancy;
    for (const MmcResult& m : runs) {
      occupancy.push_back(m.mean_in_system);
      EXPECT_EQ(m.wait.max(), 0.0);  // nobody ever waits
      EXPECT_EQ(m.mean_busy, m.mean_in_system);
    }
    const Summary s = summarise(occupancy);
    EXPECT_LE(s.ci_low, load) << "seed " << seed << ": mean " << s.mean << " +- " << s.half_width();
    EXPECT_GE(s.ci_high, load) << "seed " << seed << ": mean " << s.mean << " +- " << s.half_width();
    EXPECT_LT(s.half_width(), 0.01 * load) << "seed " << seed;
  }
}

}  // namespace
}  // namespace sendsim::engine
