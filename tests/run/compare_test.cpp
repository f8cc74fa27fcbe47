// tests/run/compare_test.cpp: planners' metrics read from replication tables,
// paired comparison under common random numbers (and how much it narrows the
// interval of a difference against independent seeds), replication guidance.
#include "run/compare.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "../send/tiny_model.hpp"

namespace sendsim::run {
namespace {

using send::Missing;
using send::ReplicationResult;
using send::Table;
using Key = std::vector<std::string>;

/// The in-code tiny area, and the same area with a 40-place special school
/// opening in North in September 2022 (the option a planner weighs).
send::Scenario tiny_base() { return send::testing::tiny_scenario(); }

send::Scenario tiny_option() {
  send::Scenario sc = send::testing::tiny_scenario();
  sc.name = "tiny-option";
  send::CapitalProject project;
  project.name = "Elm special";
  project.action = send::CapitalAction::kOpen;
  project.setting.name = "Elm special";
  project.setting.type = send::SettingType::kSpecial;
  project.setting.district = "North";
  project.setting.min_age = 4;
  project.setting.max_age = 18;
  project.planned = {2022, 9, 1};
  project.places = 40;
  sc.model.capital_programme.push_back(project);
  return sc;
}

Table table(const std::string& name, std::vector<std::string> columns, Missing missing = Missing::kZero) {
  Table t;
  t.info = {name, std::move(columns), "children", missing, "a test table"};
  return t;
}

const AggregatedTable& table_named(const std::vector<AggregatedTable>& tables, const std::string& name) {
  for (const auto& t : tables) {
    if (t.info.name == name) return t;
  }
  throw std::runtime_error("no table " + name);
}

TEST(CompareMetrics, TotalsSumOverOtherDimensionsAfterTheFilter) {
  ReplicationResult r;
  r.replication = 3;
  Table ehc = table("ehc_snapshot", {"year", "placement", "age_band", "need"});
  ehc.set({"2022", "inmss", "5_10", "ASD"}, 2);
  ehc.set({"2022", "inmss", "11_15", "SEMH"}, 3);
  ehc.set({"2022", "special", "5_10", "ASD"}, 10);
  ehc.set({"2023", "special", "5_10", "ASD"}, 7);
  r.tables.push_back(ehc);
  Table travel = table("travel", {"year", "provision", "measure"}, Missing::kSkip);
  travel.set({"2022", "special", "mean_minutes"}, 21.5);
  travel.set({"2022", "inmss", "mean_minutes"}, 50);
  r.tables.push_back(travel);

  const std::vector<ReplicationResult> m = metric_results({r});
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].replication, 3u);
  ASSERT_EQ(m[0].tables.size(), comparison_metrics().size());
  const Table* plans = m[0].find("ehc_plans");
  ASSERT_NE(plans, nullptr);
  EXPECT_EQ(plans->info.columns, Key{"year"});
  EXPECT_EQ(plans->rows, (std::map<Key, double>{{{"2022"}, 15}, {{"2023"}, 7}}));
  const Table* inmss = m[0].find("inmss_placements");
  ASSERT_NE(inmss, nullptr);
  EXPECT_EQ(inmss->rows, (std::map<Key, double>{{{"2022"}, 5}}));
  const Table* minutes = m[0].find("travel_minutes");
  ASSERT_NE(minutes, nullptr);
  EXPECT_EQ(minutes->info.columns, (Key{"year", "provision"}));
  EXPECT_EQ(minutes->info.missing, Missing::kSkip);
  EXPECT_EQ(minutes->rows, (std::map<Key, double>{{{"2022", "inmss"}, 50}, {{"2022", "special"}, 21.5}}));
  // A source table the replication lacks gives an empty metric table.
  const Table* spend = m[0].find("spend");
  ASSERT_NE(spend, nullptr);
  EXPECT_TRUE(spend->rows.empty());
}

TEST(CompareMetrics, BadSourcesAreErrors) {
  ReplicationResult r;
  r.tables.push_back(table("travel", {"year", "measure"}, Missing::kSkip));  // no provision column
  EXPECT_THROW((void)metric_results({r}), std::invalid_argument);
  ReplicationResult twice;
  Table timeliness = table("timeliness", {"year", "measure", "extra"}, Missing::kSkip);
  timeliness.set({"2022", "pct_within_20_weeks", "a"}, 50);
  timeliness.set({"2022", "pct_within_20_weeks", "b"}, 60);
  twice.tables.push_back(timeliness);
  EXPECT_THROW((void)metric_results({twice}), std::logic_error);
  EXPECT_EQ(find_metric("no_such_metric"), nullptr);
  EXPECT_NE(find_metric("dsg_cumulative_balance"), nullptr);
}

TEST(CompareMetrics, NextReplicationCountProjectsAndIsBounded) {
  std::vector<TargetStatus> met = {{"waiting", 2.0, "2026", "b", 1.0, true}};
  EXPECT_EQ(next_replication_count(10, met, 1000), 10u);
  // Twice too wide: 4 x 10 x 1.1 = 44, capped at 4n = 40.
  std::vector<TargetStatus> wide = {{"waiting", 1.0, "2026", "b", 2.0, false}};
  EXPECT_EQ(next_replication_count(10, wide, 1000), 40u);
  EXPECT_EQ(next_replication_count(10, wide, 25), 25u);
  EXPECT_EQ(next_replication_count(25, wide, 25), 25u);
  // Just too wide: at least n + n/4.
  std::vector<TargetStatus> close = {{"waiting", 1.0, "2026", "b", 1.01, false}};
  EXPECT_EQ(next_replication_count(40, close, 1000), 50u);
  EXPECT_EQ(next_replication_count(2, close, 1000), 3u);
}

/// Half-width at the last period of a metric's paired difference.
double last_half_width(const std::vector<AggregatedTable>& differences, const std::string& metric) {
  const AggregatedTable& t = table_named(differences, metric);
  return t.rows.empty() ? 0.0 : t.rows.back().summary.half_width();
}

// Common random numbers against independent seeds: the option (a new special
// school) compared with the base, 30 replications each, over five master
// seeds. With CRN both scenarios share every random stream, so the paired
// difference sheds the noise they have in common; with independent seeds
// (the option run with another master seed, paired with the base by
// replication number) it does not.
//
// Measured: the 95% half-width of the difference at the January 2026 census
// (plans issued: calendar 2026), CRN / independent, mean over seeds 1-5
// (range over the seeds):
//   ehc_plans 0.58 (0.45-0.62), unmet_demand 0.61 (0.47-0.75),
//   inmss_placements 0.62 (0.54-0.78), waiting 0.71 (0.62-0.80),
//   plans_issued 0.61 (0.49-0.88): about 0.6, i.e. CRN needs about
//   0.6^2 = 0.37 of the replications for the same interval.
// Not asserted: special_placements (1.03, 0.72-1.55): the special schools are
// full in both scenarios, so the difference is the 40 new places whatever the
// random numbers, and its small remaining spread does not shrink.
// Asserted, conservatively: below 1 for every seed and below 0.8 on average.
TEST(CompareCrn, CommonRandomNumbersNarrowTheIntervalOfADifference) {
  const send::Scenario base = tiny_base();
  const send::Scenario option = tiny_option();
  const std::vector<std::string> metrics = {"ehc_plans", "unmet_demand", "inmss_placements", "waiting",
                                            "plans_issued"};
  const std::vector<std::uint64_t> seeds = {1, 2, 3, 4, 5};
  std::map<std::string, double> ratio_sum;
  for (std::uint64_t seed : seeds) {
    CompareOptions options;
    options.replications = 30;
    options.seed = seed;
    options.threads = 2;
    const ComparisonRun crn = run_comparison({base, option}, options);
    RunOptions other;
    other.replications = 30;
    other.seed = seed + 1000;
    other.threads = 2;
    const RunOutput independent = run_scenario(option, other);
    const std::vector<AggregatedTable> indep_diff =
        aggregate_difference(crn.metric_tables[0], metric_results(independent.results));
    for (const std::string& metric : metrics) {
      const double with_crn = last_half_width(crn.comparison.differences[0], metric);
      const double without = last_half_width(indep_diff, metric);
      ASSERT_GT(without, 0.0) << metric;
      const double ratio = with_crn / without;
      ratio_sum[metric] += ratio;
      EXPECT_LT(ratio, 1.0) << metric << ", seed " << seed;
    }
  }
  for (const auto& [metric, sum] : ratio_sum) {
    const double mean = sum / static_cast<double>(seeds.size());
    RecordProperty("crn_ratio_" + metric, std::to_string(mean));
    EXPECT_LT(mean, 0.8) << metric;
  }
}

TEST(CompareCrn, ScenariosShareTheirHistoryUntilTheyDiffer) {
  // The option's school opens in September 2022: before it, CRN replays the
  // same children, so the January 2022 difference is exactly zero.
  CompareOptions options;
  options.replications = 4;
  options.seed = 7;
  options.threads = 1;
  const ComparisonRun run = run_comparison({tiny_base(), tiny_option()}, options);
  for (const char* metric : {"ehc_plans", "waiting", "unmet_demand", "inmss_placements"}) {
    const AggregatedTable& t = table_named(run.comparison.differences[0], metric);
    const AggregatedRow* row = t.find({"2022"});
    ASSERT_NE(row, nullptr) << metric;
    EXPECT_EQ(row->summary.mean, 0.0) << metric;
    EXPECT_EQ(row->summary.sd, 0.0) << metric;
  }
}

TEST(CompareRun, ResultsDoNotDependOnThreadsOrBatches) {
  // With a target, replications are added in batches; the result equals one
  // batch of the final count, on 1 thread or 3.
  CompareOptions batched;
  batched.replications = 4;
  batched.seed = 11;
  batched.threads = 1;
  batched.targets = {{"waiting", 0.5}};  // too tight: runs to the maximum
  batched.max_replications = 12;
  const ComparisonRun a = run_comparison({tiny_base(), tiny_option()}, batched);
  EXPECT_EQ(a.batches, (std::vector<std::size_t>{4, 12}));
  ASSERT_EQ(a.targets.size(), 1u);
  EXPECT_FALSE(a.targets_met());
  EXPECT_EQ(a.targets[0].period, "2026");
  EXPECT_EQ(a.targets[0].scenario, "tiny-option");
  EXPECT_GT(a.targets[0].half_width, 0.5);
  CompareOptions single = batched;
  single.replications = 12;
  single.threads = 3;
  single.targets.clear();
  const ComparisonRun b = run_comparison({tiny_base(), tiny_option()}, single);
  EXPECT_EQ(b.batches, (std::vector<std::size_t>{12}));
  ASSERT_EQ(a.runs.size(), b.runs.size());
  for (std::size_t s = 0; s < a.runs.size(); ++s) {
    ASSERT_EQ(a.runs[s].results.size(), 12u);
    EXPECT_EQ(a.runs[s].replications, 12u);
    EXPECT_EQ(a.runs[s].events, b.runs[s].events);
    for (std::size_t r = 0; r < 12; ++r) {
      EXPECT_EQ(a.runs[s].results[r].replication, r);
      EXPECT_EQ(a.runs[s].results[r].fingerprint, b.runs[s].results[r].fingerprint);
    }
  }
  const auto rows_a = difference_rows(a.comparison);
  const auto rows_b = difference_rows(b.comparison);
  ASSERT_EQ(rows_a.size(), rows_b.size());
  for (std::size_t i = 0; i < rows_a.size(); ++i) {
    EXPECT_EQ(rows_a[i].period, rows_b[i].period);
    ASSERT_EQ(rows_a[i].difference == nullptr, rows_b[i].difference == nullptr);
    if (rows_a[i].difference != nullptr) {
      EXPECT_EQ(rows_a[i].difference->mean, rows_b[i].difference->mean);
    }
  }
}

TEST(CompareRun, AMetTargetStopsAfterTheFirstBatch) {
  CompareOptions options;
  options.replications = 5;
  options.seed = 3;
  options.threads = 2;
  options.targets = {{"ehc_plans", 1e9}, {"dsg_cumulative_balance", 1e12}};
  const ComparisonRun run = run_comparison({tiny_base(), tiny_option()}, options);
  EXPECT_EQ(run.batches, (std::vector<std::size_t>{5}));
  EXPECT_TRUE(run.targets_met());
  EXPECT_EQ(run.targets[1].period, "2026-27");
}

TEST(CompareRun, RejectsBadRequests) {
  CompareOptions options;
  options.replications = 3;
  EXPECT_THROW((void)run_comparison({tiny_base()}, options), std::invalid_argument);
  options.targets = {{"unmet_demand_by_need", 1.0}};
  EXPECT_THROW((void)run_comparison({tiny_base(), tiny_option()}, options), std::invalid_argument);
  options.targets = {{"waiting", 1.0}};
  options.max_replications = 2;
  EXPECT_THROW((void)run_comparison({tiny_base(), tiny_option()}, options), std::invalid_argument);
  options.replications = 1;
  options.max_replications = 10;
  EXPECT_THROW((void)run_comparison({tiny_base(), tiny_option()}, options), std::invalid_argument);
}

}  // namespace
}  // namespace sendsim::run
