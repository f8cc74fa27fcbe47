// tests/run/runner_test.cpp: the runner gives the same results whatever the
// thread count, and counts events and time.
#include "run/runner.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "../send/tiny_model.hpp"

namespace sendsim::run {
namespace {

send::Scenario short_tiny() {
  send::Scenario sc = send::testing::tiny_scenario();
  sc.run.end_date = {2023, 8, 31};
  return sc;
}

TEST(Runner, ResultsDoNotDependOnTheThreadCount) {
  const send::Scenario sc = short_tiny();
  RunOptions one = RunOptions::from_spec(sc.run);
  one.replications = 3;
  one.threads = 1;
  RunOptions three = one;
  three.threads = 3;
  const RunOutput a = run_scenario(sc, one);
  const RunOutput b = run_scenario(sc, three);
  ASSERT_EQ(a.results.size(), 3u);
  ASSERT_EQ(b.results.size(), 3u);
  EXPECT_EQ(a.threads, 1u);
  EXPECT_EQ(b.threads, 3u);
  for (std::size_t r = 0; r < 3; ++r) {
    EXPECT_EQ(a.results[r].replication, r);
    EXPECT_EQ(a.results[r].fingerprint, b.results[r].fingerprint);
    ASSERT_EQ(a.results[r].tables.size(), b.results[r].tables.size());
    for (std::size_t t = 0; t < a.results[r].tables.size(); ++t) {
      EXPECT_EQ(a.results[r].tables[t].rows, b.results[r].tables[t].rows);
    }
  }
  EXPECT_EQ(a.events, b.events);
  EXPECT_GT(a.events, 0u);
  EXPECT_GT(a.wall_seconds, 0.0);
  EXPECT_GT(a.events_per_second, 0.0);
  EXPECT_NE(a.results[0].fingerprint, a.results[1].fingerprint);  // replications differ
}

TEST(Runner, TablesAggregatedOnTheWorkersAreAggregateOfTheResults) {
  // Folded on the worker threads as replications finish, in replication
  // order: the same tables as aggregate() after the run, whatever the
  // thread count.
  const send::Scenario sc = short_tiny();
  RunOptions options = RunOptions::from_spec(sc.run);
  options.replications = 5;
  options.aggregate = true;
  for (unsigned threads : {1U, 2U, 4U}) {
    options.threads = threads;
    const RunOutput out = run_scenario(sc, options);
    const std::vector<AggregatedTable> after = aggregate(out.results);
    ASSERT_EQ(out.tables.size(), after.size());
    ASSERT_FALSE(after.empty());
    for (std::size_t t = 0; t < after.size(); ++t) {
      EXPECT_EQ(out.tables[t].info.name, after[t].info.name);
      ASSERT_EQ(out.tables[t].rows.size(), after[t].rows.size()) << after[t].info.name;
      for (std::size_t i = 0; i < after[t].rows.size(); ++i) {
        EXPECT_EQ(out.tables[t].rows[i].key, after[t].rows[i].key);
        EXPECT_EQ(out.tables[t].rows[i].summary.mean, after[t].rows[i].summary.mean);
        EXPECT_EQ(out.tables[t].rows[i].summary.p95, after[t].rows[i].summary.p95);
      }
    }
  }
  options.aggregate = false;
  EXPECT_TRUE(run_scenario(sc, options).tables.empty());
}

TEST(Runner, OptionsComeFromTheRunSpecAndProgressIsReported) {
  send::Scenario sc = short_tiny();
  sc.run.replications = 2;
  sc.run.seed = 9;
  sc.run.threads = 2;
  RunOptions options = RunOptions::from_spec(sc.run);
  EXPECT_EQ(options.replications, 2u);
  EXPECT_EQ(options.seed, 9u);
  EXPECT_EQ(options.threads, 2u);
  std::atomic<std::size_t> calls{0};
  options.progress = [&](std::size_t, std::size_t total) {
    EXPECT_EQ(total, 2u);
    ++calls;
  };
  const RunOutput out = run_scenario(sc, options);
  EXPECT_EQ(calls.load(), 2u);
  EXPECT_EQ(out.seed, 9u);
  EXPECT_EQ(out.scenario_name, sc.name);
}

TEST(Runner, ZeroReplicationsGiveNoResults) {
  RunOptions options;
  options.replications = 0;
  const RunOutput out = run_scenario(short_tiny(), options);
  EXPECT_TRUE(out.results.empty());
  EXPECT_EQ(out.events, 0u);
}

}  // namespace
}  // namespace sendsim::run
