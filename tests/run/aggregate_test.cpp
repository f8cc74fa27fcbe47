// tests/run/aggregate_test.cpp: summaries over replications (kZero, kSkip),
// the t interval, key union, order independence, paired differences, totals,
// and the one-at-a-time fold (Aggregator) against the map-based summary it
// replaced, on random replications; the ordered fold (OrderedFold) with
// slots finished out of order on several threads.
#include "run/aggregate.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <map>
#include <random>
#include <stdexcept>
#include <thread>

namespace sendsim::run {
namespace {

using send::Missing;
using send::ReplicationResult;
using send::Table;
using Key = std::vector<std::string>;

Table make_table(const std::string& name, Missing missing,
                 std::vector<std::string> columns = {"year", "measure"}) {
  Table t;
  t.info = {name, std::move(columns), "children", missing, "a test table"};
  return t;
}

/// Replications 0..n-1, each with one table `name` holding `rows[r]`.
std::vector<ReplicationResult> results_with(const std::string& name, Missing missing,
                                            const std::vector<std::vector<std::pair<Key, double>>>& rows) {
  std::vector<ReplicationResult> out(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out[r].replication = r;
    Table t = make_table(name, missing);
    for (const auto& [key, value] : rows[r]) t.set(key, value);
    out[r].tables.push_back(t);
  }
  return out;
}

TEST(Aggregate, ZeroTablesCountAnAbsentRowAsZero) {
  // The row is in replications 0 and 2 only: values 2, (0), 4.
  const auto results = results_with("flows", Missing::kZero,
                                    {{{{"2022", "requests"}, 2.0}}, {}, {{{"2022", "requests"}, 4.0}}});
  const auto tables = aggregate(results);
  ASSERT_EQ(tables.size(), 1u);
  ASSERT_EQ(tables[0].rows.size(), 1u);
  const engine::Summary& s = tables[0].rows[0].summary;
  EXPECT_EQ(s.n, 3);
  EXPECT_DOUBLE_EQ(s.mean, 2.0);
  EXPECT_DOUBLE_EQ(s.min, 0.0);
  EXPECT_DOUBLE_EQ(s.max, 4.0);
  EXPECT_EQ(tables[0].replications, 3u);
}

TEST(Aggregate, SkipTablesSummariseOnlyReplicationsWithTheRow) {
  const auto results =
      results_with("wait_weeks", Missing::kSkip, {{{{"2022", "mean"}, 2.0}}, {}, {{{"2022", "mean"}, 4.0}}});
  const auto tables = aggregate(results);
  ASSERT_EQ(tables[0].rows.size(), 1u);
  const engine::Summary& s = tables[0].rows[0].summary;
  EXPECT_EQ(s.n, 2);
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_DOUBLE_EQ(s.min, 2.0);
}

TEST(Aggregate, IntervalIsStudentTOverReplications) {
  // 1..5: mean 3, sd sqrt(2.5), t(0.975, 4) = 2.7764451; half-width 1.9632432.
  std::vector<std::vector<std::pair<Key, double>>> rows;
  for (int v = 1; v <= 5; ++v) rows.push_back({{{"2022", "x"}, static_cast<double>(v)}});
  const auto s = aggregate(results_with("t", Missing::kZero, rows))[0].rows[0].summary;
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_NEAR(s.sd, 1.5811388, 1e-7);
  EXPECT_NEAR(s.ci_low, 3.0 - 1.9632432, 1e-6);
  EXPECT_NEAR(s.ci_high, 3.0 + 1.9632432, 1e-6);
  EXPECT_NEAR(s.p5, 1.2, 1e-12);
  EXPECT_NEAR(s.p50, 3.0, 1e-12);
  EXPECT_NEAR(s.p95, 4.8, 1e-12);
}

TEST(Aggregate, KeysAreTheSortedUnionOverReplications) {
  const auto results = results_with("flows", Missing::kZero,
                                    {{{{"2023", "b"}, 1.0}, {{"2022", "z"}, 1.0}}, {{{"2022", "a"}, 1.0}}});
  const auto tables = aggregate(results);
  std::vector<Key> keys;
  for (const auto& row : tables[0].rows) keys.push_back(row.key);
  EXPECT_EQ(keys, (std::vector<Key>{{"2022", "a"}, {"2022", "z"}, {"2023", "b"}}));
  ASSERT_NE(tables[0].find({"2022", "z"}), nullptr);
  EXPECT_EQ(tables[0].find({"2021", "z"}), nullptr);
}

TEST(Aggregate, TableAbsentFromAReplicationIsAllZeros) {
  auto results = results_with("flows", Missing::kZero, {{{{"2022", "a"}, 6.0}}, {{{"2022", "a"}, 6.0}}});
  results[1].tables.clear();
  const auto s = aggregate(results)[0].rows[0].summary;
  EXPECT_EQ(s.n, 2);
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
}

TEST(Aggregate, TablesKeepTheOrderOfFirstAppearance) {
  std::vector<ReplicationResult> results(2);
  results[0].replication = 0;
  results[1].replication = 1;
  results[0].tables = {make_table("zeta", Missing::kZero), make_table("alpha", Missing::kZero)};
  results[1].tables = {make_table("alpha", Missing::kZero), make_table("beta", Missing::kSkip)};
  const auto tables = aggregate(results);
  ASSERT_EQ(tables.size(), 3u);
  EXPECT_EQ(tables[0].info.name, "zeta");
  EXPECT_EQ(tables[1].info.name, "alpha");
  EXPECT_EQ(tables[2].info.name, "beta");
  EXPECT_TRUE(tables[0].rows.empty());
}

void expect_identical(const std::vector<AggregatedTable>& a, const std::vector<AggregatedTable>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t t = 0; t < a.size(); ++t) {
    ASSERT_EQ(a[t].info.name, b[t].info.name);
    ASSERT_EQ(a[t].rows.size(), b[t].rows.size());
    for (std::size_t i = 0; i < a[t].rows.size(); ++i) {
      const auto& x = a[t].rows[i];
      const auto& y = b[t].rows[i];
      EXPECT_EQ(x.key, y.key);
      // Bit for bit: the same doubles, not merely close ones.
      EXPECT_EQ(x.summary.n, y.summary.n);
      EXPECT_EQ(x.summary.mean, y.summary.mean);
      EXPECT_EQ(x.summary.sd, y.summary.sd);
      EXPECT_EQ(x.summary.ci_low, y.summary.ci_low);
      EXPECT_EQ(x.summary.p5, y.summary.p5);
      EXPECT_EQ(x.summary.p95, y.summary.p95);
    }
  }
}

TEST(Aggregate, ResultDoesNotDependOnTheOrderReplicationsFinished) {
  // Values whose floating-point sum depends on the order of addition.
  std::mt19937_64 gen(7);
  std::uniform_real_distribution<double> u(-1e6, 1e6);
  std::vector<std::vector<std::pair<Key, double>>> rows;
  for (int r = 0; r < 40; ++r) {
    std::vector<std::pair<Key, double>> row;
    for (int k = 0; k < 5; ++k) {
      std::string measure = "m";
      measure += std::to_string(k);
      if ((r + k) % 3 != 0) row.push_back({{"2022", measure}, u(gen) * (k == 0 ? 1e10 : 1.0)});
    }
    rows.push_back(row);
  }
  for (const Missing missing : {Missing::kZero, Missing::kSkip}) {
    const auto in_order = results_with("x", missing, rows);
    const auto expected = aggregate(in_order);
    auto shuffled = in_order;
    for (int trial = 0; trial < 5; ++trial) {
      std::shuffle(shuffled.begin(), shuffled.end(), gen);
      expect_identical(aggregate(shuffled), expected);
    }
  }
}

TEST(Aggregate, RejectsInconsistentInput) {
  auto dup = results_with("x", Missing::kZero, {{{{"2022", "a"}, 1.0}}, {{{"2022", "a"}, 1.0}}});
  dup[1].replication = 0;
  EXPECT_THROW((void)aggregate(dup), std::invalid_argument);

  auto columns = results_with("x", Missing::kZero, {{}, {}});
  columns[1].tables[0].info.columns = {"year"};
  EXPECT_THROW((void)aggregate(columns), std::invalid_argument);

  auto width = results_with("x", Missing::kZero, {{{{"2022"}, 1.0}}});
  EXPECT_THROW((void)aggregate(width), std::invalid_argument);
}

TEST(AggregateDifference, PairsReplicationsByNumber) {
  // base 1, 2, 3 and other 2, 4, 6: differences 1, 2, 3 (a paired t interval).
  const auto base = results_with("x", Missing::kZero,
                                 {{{{"2022", "a"}, 1.0}}, {{{"2022", "a"}, 2.0}}, {{{"2022", "a"}, 3.0}}});
  auto other = results_with("x", Missing::kZero,
                            {{{{"2022", "a"}, 2.0}}, {{{"2022", "a"}, 4.0}}, {{{"2022", "a"}, 6.0}}});
  std::reverse(other.begin(), other.end());  // pairing is by number, not position
  const auto d = aggregate_difference(base, other);
  ASSERT_EQ(d.size(), 1u);
  const auto& s = d[0].rows[0].summary;
  EXPECT_EQ(s.n, 3);
  EXPECT_DOUBLE_EQ(s.mean, 2.0);
  EXPECT_DOUBLE_EQ(s.sd, 1.0);
  EXPECT_NEAR(s.ci_low, 2.0 - 4.3026527 / std::sqrt(3.0), 1e-6);
}

TEST(AggregateDifference, MissingRowsFollowTheTableRule) {
  // Zero: a row only the other run has is other - 0. Skip: only pairs with both.
  const auto base_zero = results_with("z", Missing::kZero, {{}, {{{"2022", "a"}, 1.0}}});
  const auto other_zero = results_with("z", Missing::kZero, {{{{"2022", "a"}, 5.0}}, {{{"2022", "a"}, 2.0}}});
  const auto z = aggregate_difference(base_zero, other_zero)[0].rows[0].summary;
  EXPECT_EQ(z.n, 2);
  EXPECT_DOUBLE_EQ(z.mean, 3.0);  // (5 - 0 + 2 - 1) / 2

  const auto base_skip = results_with("s", Missing::kSkip, {{}, {{{"2022", "a"}, 1.0}}});
  const auto other_skip = results_with("s", Missing::kSkip, {{{{"2022", "a"}, 5.0}}, {{{"2022", "a"}, 2.0}}});
  const auto s = aggregate_difference(base_skip, other_skip)[0].rows[0].summary;
  EXPECT_EQ(s.n, 1);
  EXPECT_DOUBLE_EQ(s.mean, 1.0);
}

TEST(AggregateDifference, RequiresTheSameReplications) {
  const auto base = results_with("x", Missing::kZero, {{}, {}});
  const auto other = results_with("x", Missing::kZero, {{}, {}, {}});
  EXPECT_THROW((void)aggregate_difference(base, other), std::invalid_argument);
}

TEST(AggregateTotal, SumsOverTheOtherDimensionsBeforeSummarising) {
  // Replication totals for 2022: 3 and 7; for 2023: 1 and 0.
  const auto results = results_with(
      "x", Missing::kZero,
      {{{{"2022", "a"}, 1.0}, {{"2022", "b"}, 2.0}, {{"2023", "a"}, 1.0}}, {{{"2022", "a"}, 7.0}}});
  const AggregatedTable total = aggregate_total(results, "x", {"year"});
  ASSERT_EQ(total.rows.size(), 2u);
  EXPECT_EQ(total.rows[0].key, Key{"2022"});
  EXPECT_DOUBLE_EQ(total.rows[0].summary.mean, 5.0);
  EXPECT_DOUBLE_EQ(total.rows[0].summary.sd, std::sqrt(8.0));
  EXPECT_DOUBLE_EQ(total.rows[1].summary.mean, 0.5);
  EXPECT_EQ(total.rows[1].summary.n, 2);
  EXPECT_THROW((void)aggregate_total(results, "x", {"district"}), std::invalid_argument);
  EXPECT_TRUE(aggregate_total(results, "absent", {"year"}).rows.empty());
}

/// The summary aggregate() gave before the fold: every key's values over
/// replications collected in a std::map, absent kZero rows as 0.
std::vector<AggregatedTable> map_reference(const std::vector<ReplicationResult>& results) {
  std::vector<AggregatedTable> out;
  std::vector<std::string> order;
  for (const auto& r : results) {
    for (const auto& t : r.tables) {
      if (std::find(order.begin(), order.end(), t.info.name) == order.end()) order.push_back(t.info.name);
    }
  }
  const std::size_t n = results.size();
  for (const std::string& name : order) {
    std::map<Key, std::vector<double>> values;
    send::TableInfo info;
    for (std::size_t r = 0; r < n; ++r) {
      const Table* t = results[r].find(name);
      if (t == nullptr) continue;
      if (info.name.empty()) info = t->info;
      for (const auto& [key, value] : t->rows) {
        if (t->info.missing == Missing::kZero) {
          values.try_emplace(key, n, 0.0).first->second[r] = value;
        } else {
          values[key].push_back(value);
        }
      }
    }
    AggregatedTable table;
    table.info = info;
    table.replications = n;
    for (const auto& [key, v] : values) table.rows.push_back({key, engine::summarise(v)});
    out.push_back(std::move(table));
  }
  return out;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(Aggregator, FoldGivesTheMapSummaryToTheBitOnRandomReplications) {
  // Random replications: tables that appear late or not at all in some,
  // keys that appear late, kZero and kSkip rules, values with many digits.
  std::mt19937 rng(2024);
  for (int trial = 0; trial < 30; ++trial) {
    const std::size_t n = 1 + rng() % 12;
    std::vector<ReplicationResult> results(n);
    for (std::size_t r = 0; r < n; ++r) {
      results[r].replication = r;
      for (int t = 0; t < 4; ++t) {
        if (rng() % 4 == 0) continue;  // this replication lacks the table
        Table table = make_table("t" + std::to_string(t), t % 2 == 0 ? Missing::kZero : Missing::kSkip);
        const int rows = static_cast<int>(rng() % 30);
        for (int i = 0; i < rows; ++i) {
          const Key key = {std::to_string(2020 + rng() % 6), "m" + std::to_string(rng() % (3 + r))};
          table.set(key, std::ldexp(static_cast<double>(rng()), -static_cast<int>(rng() % 20)) - 1000.0);
        }
        results[r].tables.push_back(std::move(table));
      }
    }
    const auto want = map_reference(results);
    const auto got = aggregate(results);
    Aggregator fold;
    for (const auto& r : results) fold.add(r);
    const auto folded = fold.finish();
    EXPECT_EQ(fold.replications(), n);
    for (const auto* tables : {&got, &folded}) {
      ASSERT_EQ(tables->size(), want.size()) << "trial " << trial;
      for (std::size_t t = 0; t < want.size(); ++t) {
        const AggregatedTable& a = (*tables)[t];
        const AggregatedTable& b = want[t];
        EXPECT_EQ(a.info.name, b.info.name);
        EXPECT_EQ(a.replications, b.replications);
        ASSERT_EQ(a.rows.size(), b.rows.size()) << b.info.name << " trial " << trial;
        for (std::size_t i = 0; i < a.rows.size(); ++i) {
          const engine::Summary& x = a.rows[i].summary;
          const engine::Summary& y = b.rows[i].summary;
          EXPECT_EQ(a.rows[i].key, b.rows[i].key);
          EXPECT_EQ(x.n, y.n);
          const std::vector<std::pair<double, double>> pairs = {
              {x.mean, y.mean}, {x.sd, y.sd},   {x.ci_low, y.ci_low}, {x.ci_high, y.ci_high},
              {x.p5, y.p5},     {x.p50, y.p50}, {x.p95, y.p95}};
          for (const auto& [u, v] : pairs) {
            EXPECT_TRUE(same_bits(u, v)) << b.info.name << " " << i << ": " << u << " against " << v;
          }
        }
      }
    }
  }
}

TEST(OrderedFold, SlotsFinishedOutOfOrderOnThreadsGiveAggregatesTables) {
  std::mt19937 rng(7);
  const std::size_t n = 40;
  std::vector<ReplicationResult> results(n);
  for (std::size_t r = 0; r < n; ++r) {
    results[r].replication = r;
    Table table = make_table("t", Missing::kSkip);
    for (int i = 0; i < 20; ++i)
      table.set({std::to_string(2020 + rng() % 5), "m"}, static_cast<double>(rng() % 1000));
    results[r].tables.push_back(std::move(table));
  }
  const auto want = aggregate(results);
  std::vector<std::size_t> order(n);
  for (std::size_t k = 0; k < n; ++k) order[k] = k;
  std::shuffle(order.begin(), order.end(), rng);
  OrderedFold fold(results);
  // Three threads take the shuffled slots in turn; the last to finish asks
  // for the tables at once (the batch's writing thread), while another may
  // still be folding.
  std::atomic<std::size_t> next{0}, left{n};
  std::vector<AggregatedTable> got;
  auto worker = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      fold.finished(order[i]);
      if (--left == 0) got = fold.finish();
    }
  };
  std::thread a(worker), b(worker), c(worker);
  a.join();
  b.join();
  c.join();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].replications, n);
  ASSERT_EQ(got[0].rows.size(), want[0].rows.size());
  for (std::size_t i = 0; i < want[0].rows.size(); ++i) {
    EXPECT_EQ(got[0].rows[i].key, want[0].rows[i].key);
    EXPECT_EQ(got[0].rows[i].summary.n, want[0].rows[i].summary.n);
    EXPECT_TRUE(same_bits(got[0].rows[i].summary.mean, want[0].rows[i].summary.mean));
    EXPECT_TRUE(same_bits(got[0].rows[i].summary.p95, want[0].rows[i].summary.p95));
  }
}

TEST(Aggregator, RefusesReplicationsOutOfOrder) {
  const auto results = results_with("t", Missing::kZero, {{{{"2024", "a"}, 1.0}}, {{{"2024", "a"}, 2.0}}});
  Aggregator fold;
  fold.add(results[1]);
  try {
    fold.add(results[0]);
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "aggregate: replication 0 added after replication 1");
  }
  try {
    fold.add(results[1]);
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "aggregate: replication 1 appears more than once");
  }
}

}  // namespace
}  // namespace sendsim::run
