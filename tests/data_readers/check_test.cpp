// tests/data_readers/check_test.cpp: check_area on constructed areas (each
// kind of finding, the thresholds, the order) and on the extract folder's
// Northamptonshire successor.
#include <gtest/gtest.h>

#include "fixture.hpp"

namespace sendsim::data {
namespace {

Figure num(double v, std::size_t line = 0) {
  Figure f;
  f.value = v;
  f.source = Source{"file.csv", line, "col"};
  return f;
}

Figure code(const std::string& c, std::size_t line) {
  Figure f;
  f.missing = c;
  f.source = Source{"file.csv", line, "col"};
  return f;
}

std::vector<Finding> of_kind(const std::vector<Finding>& all, const std::string& kind) {
  std::vector<Finding> out;
  for (const auto& f : all) {
    if (f.kind == kind) out.push_back(f);
  }
  return out;
}

AreaData constructed() {
  AreaData a;
  a.old_code = "999";
  a.name = "Testshire";
  a.plans = {{2018, num(100)}, {2019, code("x", 12)}, {2020, num(120)},
             {2021, num(300)}, {2022, num(0, 40)},    {2023, num(310)}};
  a.requests = {{2019, num(10)}, {2020, num(25, 7)}, {2021, num(12, 8)}};
  a.new_plans = {{2019, num(5)}, {2021, num(15)}};  // 2020 missing; 5 -> 15 too small to be a jump
  a.issued_within_20_weeks_pct = {{2019, num(10)}, {2020, num(80)}};  // a percentage: no jump
  a.ceased = {{2019, code("", 3)}, {2020, code("c", 4)}, {2021, code("low", 5)}, {2022, code("z", 6)}};
  a.population[2019][3] = code("x", 9);
  for (int age = 0; age < 26; ++age) {
    if (age != 3) a.population[2019][age] = num(1000);
  }
  a.s251_budget["Place funding"] = code("", 11);
  a.s251_budget_year = 2021;
  a.breaks.push_back(
      SeriesBreak{2023, "sen2", "person-level from 2023", Source{"caseload.csv", 0, "time_period"}});
  return a;
}

TEST(CheckArea, SuppressedCellsWithTheirFileAndLine) {
  const auto s = of_kind(check_area(constructed()), "suppressed");
  ASSERT_EQ(s.size(), 7u);
  EXPECT_EQ(s[0].series, "plans");
  EXPECT_EQ(s[0].year, 2019);
  EXPECT_EQ(s[0].source.line, 12u);
  EXPECT_EQ(s[0].message, "plans 2019: not published (x: unavailable or suppressed)");
  std::vector<std::string> ceased;
  for (const auto& f : s) {
    if (f.series == "ceased") ceased.push_back(f.message);
  }
  EXPECT_EQ(ceased, (std::vector<std::string>{"ceased 2019: not published (an empty cell)",
                                              "ceased 2020: not published (c: confidential)",
                                              "ceased 2021: not published (low: fewer than 0.5)",
                                              "ceased 2022: not published (z: not applicable)"}));
  const auto pop =
      std::find_if(s.begin(), s.end(), [](const Finding& f) { return f.series == "population.age_3"; });
  ASSERT_NE(pop, s.end());
  EXPECT_EQ(pop->year, 2019);
  const auto budget = std::find_if(s.begin(), s.end(),
                                   [](const Finding& f) { return f.series == "s251_budget.Place funding"; });
  ASSERT_NE(budget, s.end());
  EXPECT_EQ(budget->year, 2021);
  EXPECT_EQ(budget->source.line, 11u);
}

TEST(CheckArea, ZeroYearsBetweenNonZeroOnes) {
  const auto z = of_kind(check_area(constructed()), "zero_year");
  ASSERT_EQ(z.size(), 1u);
  EXPECT_EQ(z[0].series, "plans");
  EXPECT_EQ(z[0].year, 2022);
  EXPECT_EQ(z[0].message, "plans 2022: 0 between 2021 (300) and 2023 (310)");
  EXPECT_EQ(z[0].source.line, 40u);
}

TEST(CheckArea, JumpsOfCountsAboveTwenty) {
  const auto j = of_kind(check_area(constructed()), "jump");
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0].series, "requests");
  EXPECT_EQ(j[0].year, 2020);
  EXPECT_EQ(j[0].message, "requests 2020: 25 is more than double 2019's 10");
  EXPECT_EQ(j[1].series, "plans");
  EXPECT_EQ(j[1].year, 2021);
  EXPECT_EQ(j[1].message, "plans 2021: 300 is more than double 2020's 120");
  EXPECT_EQ(j[2].series, "requests");
  EXPECT_EQ(j[2].year, 2021);
  EXPECT_EQ(j[2].message, "requests 2021: 12 is less than half 2020's 25");
  // Neither the percentage nor new plans (5 -> 15, both under 20; and not consecutive).
}

TEST(CheckArea, MissingYearsInsideASeries) {
  const auto m = of_kind(check_area(constructed()), "missing_year");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].series, "new_plans");
  EXPECT_EQ(m[0].year, 2020);
  EXPECT_EQ(m[0].message, "new_plans 2020: no figure (published 2019-2021)");
}

TEST(CheckArea, BreaksAndReorganisations) {
  AreaData a = constructed();
  a.predecessors = {"928"};
  a.first_year = 2021;
  a.breaks.push_back(SeriesBreak{2021, "la_boundary", "formed from 928", Source{"mi.csv", 114, ""}});
  const auto all = check_area(a);
  const auto b = of_kind(all, "series_break");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].year, 2023);
  EXPECT_EQ(b[0].series, "sen2");
  const auto r = of_kind(all, "reorganisation");
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].year, 2021);
  EXPECT_EQ(r[0].message, "formed from 928");
  EXPECT_EQ(r[0].source.line, 114u);
  // Missing cells before the LA existed are not reported.
  for (const auto& f : of_kind(all, "suppressed")) {
    EXPECT_GE(f.year, 2021) << f.message;
  }
}

TEST(CheckArea, InYearOrderAndDeterministic) {
  const auto all = check_area(constructed());
  ASSERT_FALSE(all.empty());
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LE(all[i - 1].year, all[i].year);
  const auto again = check_area(constructed());
  ASSERT_EQ(again.size(), all.size());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(again[i].message, all[i].message);
  // Within 2019: the series in list_series order, population after them.
  std::vector<std::string> in_2019;
  for (const auto& f : all) {
    if (f.year == 2019) in_2019.push_back(f.series);
  }
  EXPECT_EQ(in_2019, (std::vector<std::string>{"plans", "ceased", "population.age_3"}));
}

TEST(CheckArea, ANorthamptonshireSuccessorFromTheExtracts) {
  const auto findings = check_area(testing::published().find("940"));
  ASSERT_FALSE(findings.empty());
  EXPECT_EQ(findings[0].kind, "reorganisation");
  EXPECT_EQ(findings[0].year, 2021);
  // LAIT and tribunal cells of 2014-2020 ("-", "..") are before it existed: not reported.
  for (const auto& f : findings) EXPECT_GE(f.year, 2021) << f.message;
  const bool has_break = std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
    return f.kind == "series_break" && f.year == 2023;
  });
  EXPECT_TRUE(has_break);
}

}  // namespace
}  // namespace sendsim::data
