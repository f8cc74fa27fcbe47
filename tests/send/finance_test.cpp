// tests/send/finance_test.cpp: the high-needs ledger: financial-year
// boundaries, leap years, inflation, reconciliation to the penny, and a
// hand-worked case of three children checked line by line.
#include "send/finance.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "engine/rng.hpp"
#include "send/world.hpp"
#include "tiny_model.hpp"

namespace sendsim::send {
namespace {

using engine::Calendar;
using engine::Date;

TEST(Ledger, WholeFinancialYearCostsTheAnnualRateInLeapAndCommonYears) {
  const Calendar cal({2023, 4, 1});
  Ledger ledger(cal, cal.day({2025, 3, 31}), 0.0);
  ASSERT_EQ(ledger.years(), (std::vector<int>{2023, 2024}));
  EXPECT_EQ(ledger.year_days(0), 366);  // April 2023 - March 2024 holds 29 February 2024
  EXPECT_EQ(ledger.year_days(1), 365);
  ledger.post(cal.day({2023, 4, 1}), cal.day({2024, 4, 1}), 10000.0, Line::kPlaceFunding);
  ledger.post(cal.day({2024, 4, 1}), cal.day({2025, 4, 1}), 10000.0, Line::kPlaceFunding);
  EXPECT_EQ(ledger.pennies(0, Line::kPlaceFunding), 1000000);
  EXPECT_EQ(ledger.pennies(1, Line::kPlaceFunding), 1000000);
}

TEST(Ledger, FebruaryToMaySplitsAcrossTwoFinancialYearsByDays) {
  const Calendar cal({2022, 9, 1});
  Ledger ledger(cal, cal.day({2024, 8, 31}), 0.0);
  // 1 February to 31 May 2023: 59 days in 2022-23 (365 days), 61 in 2023-24 (366 days).
  const auto posted =
      ledger.post(cal.day({2023, 2, 1}), cal.day({2023, 6, 1}), 36500.0, Line::kTopUpMaintained);
  EXPECT_EQ(ledger.pennies(0, Line::kTopUpMaintained), 590000);  // 36500 * 59 / 365
  EXPECT_EQ(ledger.pennies(1, Line::kTopUpMaintained), std::llround(36500.0 * 61 / 366 * 100));  // 6083.33
  EXPECT_EQ(posted, ledger.pennies(0, Line::kTopUpMaintained) + ledger.pennies(1, Line::kTopUpMaintained));
  EXPECT_EQ(ledger.pennies(0, Line::kTransport), 0);
}

TEST(Ledger, InflationCompoundsEachFirstOfApril) {
  const Calendar cal({2021, 4, 1});
  Ledger ledger(cal, cal.day({2025, 3, 31}), 0.10);
  EXPECT_DOUBLE_EQ(ledger.price_index(0), 1.0);
  EXPECT_DOUBLE_EQ(ledger.price_index(3), 1.1 * 1.1 * 1.1);
  for (int fy = 2021; fy <= 2024; ++fy) {
    ledger.post(cal.day({fy, 4, 1}), cal.day({fy + 1, 4, 1}), 1000.0, Line::kSenSupport);
  }
  EXPECT_EQ(ledger.pennies(0, Line::kSenSupport), 100000);
  EXPECT_EQ(ledger.pennies(1, Line::kSenSupport), 110000);
  EXPECT_EQ(ledger.pennies(2, Line::kSenSupport), 121000);
  EXPECT_EQ(ledger.pennies(3, Line::kSenSupport), 133100);
}

TEST(Ledger, PartYearsAreCoveredByDaysInsideTheRun) {
  const Calendar cal({2021, 9, 1});
  const Ledger ledger(cal, cal.day({2036, 8, 31}), 0.0);
  EXPECT_EQ(ledger.years().front(), 2021);
  EXPECT_EQ(ledger.years().back(), 2036);
  EXPECT_EQ(ledger.covered_days(0), 212);  // 1 September 2021 - 31 March 2022
  EXPECT_EQ(ledger.covered_days(1), 365);
  EXPECT_EQ(ledger.covered_days(ledger.years().size() - 1), 153);  // April - August 2036
}

TEST(Ledger, PostingVisitsOnlyItsYearsAndMatchesALoopOverEveryYearToTheBit) {
  // The reference is the loop over every financial year that post() replaced:
  // the same pennies in every year and line, on random postings (some before
  // the run's first financial year, some after its last, some empty).
  const Calendar cal({2021, 9, 1});
  const Day end = cal.day({2036, 8, 31});
  const double inflation = 0.031;
  Ledger ledger(cal, end, inflation);
  const std::size_t years = ledger.years().size();
  std::vector<Day> starts;
  for (std::size_t k = 0; k <= years; ++k) starts.push_back(cal.day({ledger.years().front() + int(k), 4, 1}));
  std::vector<std::array<std::int64_t, kLineCount>> expected(years);
  std::uint64_t state = 12345;
  auto next = [&](std::uint64_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (state >> 33) % bound;
  };
  for (int i = 0; i < 20000; ++i) {
    const Day from = static_cast<Day>(next(static_cast<std::uint64_t>(end) + 800)) - 400;
    const Day to = from + static_cast<Day>(next(i % 10 == 0 ? 4000 : 400));
    const double annual = static_cast<double>(next(9000000)) / 100.0;
    const auto line = static_cast<Line>(next(kLineCount));
    std::int64_t want = 0;
    if (to > from && annual != 0.0) {
      for (std::size_t k = 0; k < years; ++k) {
        const Day a = std::max(from, starts[k]);
        const Day b = std::min(to, starts[k + 1]);
        if (b <= a) continue;
        const double pounds = annual * std::pow(1.0 + inflation, static_cast<double>(k)) * (b - a) /
                              (starts[k + 1] - starts[k]);
        const auto pennies = static_cast<std::int64_t>(std::llround(pounds * 100.0));
        expected[k][static_cast<std::size_t>(line)] += pennies;
        want += pennies;
      }
    }
    ASSERT_EQ(ledger.post(from, to, annual, line), want)
        << "posting " << i << ": [" << from << ", " << to << ")";
  }
  for (std::size_t k = 0; k < years; ++k) {
    for (int l = 0; l < kLineCount; ++l) {
      EXPECT_EQ(ledger.pennies(k, static_cast<Line>(l)), expected[k][static_cast<std::size_t>(l)])
          << k << " " << l;
    }
  }
}

Scenario costed_scenario() {
  Scenario sc = testing::tiny_scenario();
  Costs& c = sc.model.costs;
  c.place_funding = {0, 6000, 10000, 0};
  c.top_up = {5000, 9000, 14000, 60000};
  c.need_factor[index(Need::kSEMH)] = 1.2;
  c.post16_top_up = 6000;
  c.sen_support_per_child = 400;
  c.alternative_provision_per_child = 18000;
  c.transport = {{15, 3000}, {45, 6000}, {90, 9500}};
  c.inflation = 0.02;
  sc.model.dsg = {1000000, 0.05, -200000};
  return sc;
}

double row(const ReplicationResult& r, const std::string& table, const std::vector<std::string>& key) {
  const auto& rows = r.find(table)->rows;
  const auto it = rows.find(key);
  return it == rows.end() ? 0.0 : it->second;
}

TEST(Ledger, RoundHalfAwayIsLlroundForEveryValue) {
  // The ledger's inline rounding against the library's, on the cases where
  // a shortcut would differ (halves, just below a half, the 2^52 boundary,
  // NaN) and on random values of every magnitude a posting can have.
  const double two52 = 4503599627370496.0;
  std::vector<double> cases = {0.0,
                               -0.0,
                               0.5,
                               -0.5,
                               1.5,
                               -1.5,
                               2.5,
                               -2.5,
                               0.49999999999999994,
                               -0.49999999999999994,
                               1e-300,
                               -1e-300,
                               two52 - 0.5,
                               -(two52 - 0.5),
                               two52,
                               -two52,
                               two52 + 1,
                               1e18,
                               -1e18,
                               std::nextafter(0.5, 0.0),
                               std::nextafter(1.5, 2.0)};
  engine::Rng rng(engine::stream_key(7, 0, engine::stream_id("round")));
  for (int i = 0; i < 200000; ++i) {
    const double magnitude = std::pow(10.0, rng.uniform() * 17.0 - 3.0);
    const double x = (rng.uniform() < 0.5 ? -1.0 : 1.0) * magnitude * rng.uniform();
    cases.push_back(x);
    cases.push_back(std::floor(x) + 0.5);  // an exact half
  }
  for (const double x : cases) EXPECT_EQ(round_half_away(x), std::llround(x)) << std::hexfloat << x;
  EXPECT_EQ(round_half_away(std::nan("")), std::llround(std::nan("")));
}

TEST(Finance, EveryChildsPostingsReconcileWithTheReportedTotalsToThePenny) {
  const Scenario sc = costed_scenario();
  World world(sc, 5, 0);
  const auto r = world.run();
  std::int64_t postings = 0;
  for (const auto p : world.child_pennies()) postings += p;
  for (const auto p : world.setting_pennies()) postings += p;
  std::int64_t reported = 0;
  for (const auto& [key, pounds] : r.find("spend")->rows) reported += std::llround(pounds * 100.0);
  EXPECT_EQ(postings, reported);
  EXPECT_GT(reported, 100000000);  // over a million pounds: the ledger really ran
  // DSG spend is every line but transport.
  const double dsg_spend = row(r, "dsg", {"2023-24", "dsg_spend"});
  double lines = 0;
  for (const auto line : kLineCodes) {
    if (line != "transport") lines += row(r, "spend", {"2023-24", std::string(line)});
  }
  EXPECT_NEAR(dsg_spend, lines, 0.005);
}

TEST(Finance, HandWorkedThreeChildrenLineByLine) {
  // One academic year, 1 September 2023 - 31 August 2024, no arrivals, no
  // requests, no changes: three plan holders placed on day 0 and the settings'
  // commissioned places. 2023-24 has 213 days in the run out of 366; 2024-25
  // has 153 out of 365, at prices 2% higher.
  Scenario sc = costed_scenario();
  Model& m = sc.model;
  m.start_date = {2023, 9, 1};
  sc.run.end_date = {2024, 8, 31};
  m.identification.rate = {};
  m.requests.direct_per_1000 = {};
  m.migration = {};
  m.review = {};
  m.initial_stock.ehc_plans = 0;
  m.initial_stock.sen_support = 0;
  World world(sc, 1, 0);
  // A: 8, South, ASD, special -> Beech special (South, 0 minutes).
  world.add_plan_holder(8, 1, Need::kASD, SettingType::kSpecial);
  // B: 12, North, SEMH, INMSS -> Independent pool (85 minutes away).
  world.add_plan_holder(12, 0, Need::kSEMH, SettingType::kInmss);
  // C: 17, North, SLCN, mainstream -> North secondary, a further-education top-up.
  world.add_plan_holder(17, 0, Need::kSLCN, SettingType::kMainstream);
  const auto r = world.run();

  // place funding: Beech 80 x 10,000 + Oak 12 x 6,000 = 872,000 a year.
  //   2023-24: 800,000 x 213/366 = 465,573.77 + 72,000 x 213/366 = 41,901.64
  //   2024-25: 816,000 x 153/365 = 342,049.32 + 73,440 x 153/365 = 30,784.44
  EXPECT_DOUBLE_EQ(row(r, "spend", {"2023-24", "place_funding"}), 507475.41);
  EXPECT_DOUBLE_EQ(row(r, "spend", {"2024-25", "place_funding"}), 372833.76);
  // top-ups to maintained: A 14,000 (special) + C 6,000 (post-16)
  //   2023-24: 8,147.54 + 3,491.80; 2024-25: 5,985.86 + 2,565.37
  EXPECT_DOUBLE_EQ(row(r, "spend", {"2023-24", "top_up_maintained"}), 11639.34);
  EXPECT_DOUBLE_EQ(row(r, "spend", {"2024-25", "top_up_maintained"}), 8551.23);
  // INMSS fee: B 60,000 x 1.2 (SEMH) = 72,000: 41,901.64 and 73,440 x 153/365 = 30,784.44
  EXPECT_DOUBLE_EQ(row(r, "spend", {"2023-24", "top_up_independent"}), 41901.64);
  EXPECT_DOUBLE_EQ(row(r, "spend", {"2024-25", "top_up_independent"}), 30784.44);
  // transport: A 3,000 (0 min) + B 9,500 (85 min); C is in mainstream, where
  // the default transport share is 0.
  //   2023-24: 1,745.90 + 5,528.69; 2024-25: 1,282.68 + 4,061.84
  EXPECT_DOUBLE_EQ(row(r, "spend", {"2023-24", "transport"}), 7274.59);
  EXPECT_DOUBLE_EQ(row(r, "spend", {"2024-25", "transport"}), 5344.52);
  EXPECT_DOUBLE_EQ(row(r, "spend", {"2023-24", "sen_support_services"}), 0.0);
  EXPECT_DOUBLE_EQ(row(r, "spend", {"2023-24", "alternative_provision"}), 0.0);
  // DSG: allocation 1,000,000 x 213/366 = 581,967.21; 1,050,000 x 153/365 = 440,136.99
  EXPECT_NEAR(row(r, "dsg", {"2023-24", "allocation"}), 581967.21, 0.005);
  EXPECT_NEAR(row(r, "dsg", {"2024-25", "allocation"}), 440136.99, 0.005);
  EXPECT_NEAR(row(r, "dsg", {"2023-24", "dsg_spend"}), 561016.39, 0.005);
  EXPECT_NEAR(row(r, "dsg", {"2023-24", "in_year_balance"}), 581967.21 - 561016.39, 0.005);
  EXPECT_NEAR(row(r, "dsg", {"2024-25", "cumulative_balance"}),
              -200000 + (581967.21 - 561016.39) + (440136.99 - (372833.76 + 8551.23 + 30784.44)), 0.01);
}

}  // namespace
}  // namespace sendsim::send
