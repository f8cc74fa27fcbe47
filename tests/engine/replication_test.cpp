// tests/engine/replication_test.cpp: run_replications (engine/replication.hpp)
// gives the same results, in replication order, whatever the thread count,
// and reports the error of the lowest failing replication.
#include "engine/replication.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "engine/mmc.hpp"
#include "engine/rng.hpp"
#include "engine/simulation.hpp"

namespace sendsim::engine {
namespace {

// A small stochastic model whose result depends only on the replication
// number: a random walk driven by events, summarised by several numbers.
struct WalkResult {
  std::size_t replication = 0;
  double position = 0.0;
  double time = 0.0;
  std::uint64_t events = 0;
  friend bool operator==(const WalkResult&, const WalkResult&) = default;
};

WalkResult random_walk(std::size_t r) {
  struct Step {
    double size;
  };
  Rng rng(777, r, stream_id("walk"));
  Simulation<double, Step> sim;
  double position = 0.0;
  sim.schedule(rng.exponential(1.0), 0, Step{rng.normal()});
  sim.run([&](Simulation<double, Step>& s, const Step& e) {
    position += e.size;
    if (s.delivered() < 2000 + rng.below(1000)) s.schedule_in(rng.exponential(1.0), 0, Step{rng.normal()});
  });
  return {r, position, sim.now(), sim.delivered()};
}

TEST(Replication, SameResultsInReplicationOrderForOneTwoAndThreeThreads) {
  constexpr std::size_t kN = 23;
  const auto one = run_replications(kN, 1, random_walk);
  const auto two = run_replications(kN, 2, random_walk);
  const auto three = run_replications(kN, 3, random_walk);
  ASSERT_EQ(one.size(), kN);
  for (std::size_t r = 0; r < kN; ++r) {
    EXPECT_EQ(one[r].replication, r);
    EXPECT_EQ(one[r], random_walk(r));  // bit for bit, as computed alone
  }
  EXPECT_EQ(one, two);
  EXPECT_EQ(one, three);
  // The replications do differ from one another.
  EXPECT_NE(one[0].position, one[1].position);
}

TEST(Replication, MmcReplicationsAreIdenticalAcrossThreadCounts) {
  MmcParams p;
  p.customers = 5000;
  p.warmup_time = 100.0;
  auto run = [&](std::size_t r) {
    const MmcResult m = run_mmc(p, 2024, r);
    return std::vector<double>{m.wait.mean(), m.mean_in_system, m.mean_busy, m.end_time,
                               static_cast<double>(m.events)};
  };
  const auto one = run_replications(8, 1, run);
  const auto two = run_replications(8, 2, run);
  const auto three = run_replications(8, 3, run);
  EXPECT_EQ(one, two);
  EXPECT_EQ(one, three);
}

TEST(Replication, ZeroThreadsMeansAllCoresAndMoreThreadsThanReplicationsIsFine) {
  auto square = [](std::size_t r) { return r * r; };
  const auto all = run_replications(5, 0, square);
  const auto many = run_replications(5, 64, square);
  const std::vector<std::size_t> expected = {0, 1, 4, 9, 16};
  EXPECT_EQ(all, expected);
  EXPECT_EQ(many, expected);
  EXPECT_GE(default_thread_count(), 1U);
}

TEST(Replication, NoReplications) {
  int calls = 0;
  const auto none = run_replications(0, 2, [&](std::size_t) { return ++calls; });
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(calls, 0);
}

TEST(Replication, MoveOnlyResults) {
  const auto results =
      run_replications(4, 2, [](std::size_t r) { return std::make_unique<std::size_t>(r + 1); });
  ASSERT_EQ(results.size(), 4U);
  for (std::size_t r = 0; r < 4; ++r) EXPECT_EQ(*results[r], r + 1);
}

TEST(Replication, ProgressIsReportedOncePerReplication) {
  std::mutex m;
  std::vector<std::size_t> done;
  const auto results = run_replications(
      9, 3, [](std::size_t r) { return r; },
      [&](std::size_t d, std::size_t total) {
        const std::lock_guard<std::mutex> lock(m);
        EXPECT_EQ(total, 9U);
        done.push_back(d);
      });
  ASSERT_EQ(done.size(), 9U);
  std::sort(done.begin(), done.end());
  for (std::size_t i = 0; i < 9; ++i) EXPECT_EQ(done[i], i + 1);
  EXPECT_EQ(results.size(), 9U);
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no exception";
}

// Replications 3, 5 and 7 fail; 3 is reported whatever the thread count, and
// every replication below 3 still ran.
TEST(Replication, ExceptionOfTheLowestFailingReplicationIsRethrown) {
  for (unsigned threads : {1U, 2U, 3U}) {
    std::vector<std::atomic<int>> ran(20);
    auto fn = [&](std::size_t r) {
      ran[r].fetch_add(1);
      if (r == 3 || r == 5 || r == 7)
        throw std::runtime_error("replication " + std::to_string(r) + " failed");
      return r;
    };
    EXPECT_EQ(message_of([&] { (void)run_replications(20, threads, fn); }), "replication 3 failed")
        << threads << " threads";
    for (std::size_t r = 0; r <= 3; ++r) EXPECT_EQ(ran[r].load(), 1) << "replication " << r;
    for (std::size_t r = 0; r < 20; ++r) EXPECT_LE(ran[r].load(), 1);
  }
}

// A low replication that fails late must win over a higher one that fails
// first: replication 1 sleeps before failing while replication 4 fails at once.
TEST(Replication, LowestFailureWinsEvenWhenItFailsLast) {
  for (unsigned threads : {2U, 3U}) {
    auto fn = [](std::size_t r) -> int {
      if (r == 1) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        throw std::invalid_argument("slow failure in 1");
      }
      if (r == 4) throw std::runtime_error("fast failure in 4");
      return static_cast<int>(r);
    };
    EXPECT_EQ(message_of([&] { (void)run_replications(12, threads, fn); }), "slow failure in 1")
        << threads << " threads";
  }
}

TEST(Replication, ExceptionTypeIsPreserved) {
  auto fn = [](std::size_t r) -> int {
    if (r == 0) throw std::out_of_range("zero");
    return 1;
  };
  EXPECT_THROW((void)run_replications(3, 2, fn), std::out_of_range);
}

// A stop flag set during a run: no replication starts after it, the ones under
// way finish, and Interrupted carries the flag's value.
TEST(Replication, StopFlagEndsTheRunWithInterrupted) {
  for (unsigned threads : {1U, 2U}) {
    std::atomic<int> stop{0};
    std::atomic<int> started{0};
    auto fn = [&](std::size_t r) {
      started.fetch_add(1);
      if (r == 2) stop.store(15);
      return r;
    };
    try {
      (void)run_replications(100, threads, fn, {}, &stop);
      ADD_FAILURE() << "no exception with " << threads << " threads";
    } catch (const Interrupted& e) {
      EXPECT_EQ(e.reason(), 15);
    }
    EXPECT_LE(started.load(), 2 + static_cast<int>(threads)) << threads << " threads";
  }
}

TEST(Replication, StopFlagSetAfterTheLastReplicationIsLeftToTheCaller) {
  std::atomic<int> stop{0};
  const auto results = run_replications(
      3, 1, [&](std::size_t r) { return r; },
      [&](std::size_t d, std::size_t) {
        if (d == 3) stop.store(2);
      },
      &stop);
  EXPECT_EQ(results.size(), 3U);
  EXPECT_EQ(stop.load(), 2);
}

}  // namespace
}  // namespace sendsim::engine
