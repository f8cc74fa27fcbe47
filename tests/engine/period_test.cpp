// tests/engine/period_test.cpp: engine/period.hpp, the reporting periods'
// text form and its parse (the labels of the spend, dsg and comparison
// tables), at century ends and against malformed labels.
#include "engine/period.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace sendsim::engine {
namespace {

TEST(Period, TextOfEachKind) {
  EXPECT_EQ(Period::census(2025).text(), "2025");
  EXPECT_EQ(Period::calendar(2024).text(), "2024");
  EXPECT_EQ(Period::financial(2024).text(), "2024-25");
  EXPECT_EQ(Period::financial(2008).text(), "2008-09");
  EXPECT_EQ(Period::financial(2099).text(), "2099-00");
  EXPECT_EQ(Period::financial_ending(2025), Period::financial(2024));
}

// Every four-digit year: the text is what "%d-%02d" of (year, (year + 1) % 100)
// gives (the form the DfE publishes), and parsing it gives the period back.
TEST(Period, FinancialYearRoundTripOverEveryFourDigitYear) {
  for (int y = 1000; y <= 9999; ++y) {
    char expected[16];
    std::snprintf(expected, sizeof expected, "%d-%02d", y, (y + 1) % 100);
    const Period p = Period::financial(y);
    ASSERT_EQ(p.text(), expected);
    ASSERT_EQ(Period::parse(PeriodKind::kFinancialYear, p.text()), p);
    ASSERT_EQ(Period::leading_year(p.text()), y);
    ASSERT_EQ(Period::parse(PeriodKind::kCensusYear, std::to_string(y)), Period::census(y));
  }
}

TEST(Period, ParseRejectsWhatIsNotAPeriodOfThatKind) {
  using K = PeriodKind;
  EXPECT_FALSE(Period::parse(K::kFinancialYear, "2024-26"));  // the years do not follow
  EXPECT_FALSE(Period::parse(K::kFinancialYear, "2024"));
  EXPECT_FALSE(Period::parse(K::kFinancialYear, "2024-2025"));
  EXPECT_FALSE(Period::parse(K::kFinancialYear, "2024--5"));
  EXPECT_FALSE(Period::parse(K::kCalendarYear, "2024-25"));
  EXPECT_FALSE(Period::parse(K::kCalendarYear, "202"));
  EXPECT_FALSE(Period::parse(K::kCalendarYear, "-202"));
  EXPECT_FALSE(Period::parse(K::kCalendarYear, "20245"));
  EXPECT_FALSE(Period::parse(K::kCalendarYear, ""));
  EXPECT_FALSE(Period::leading_year("x2024"));
  EXPECT_LT(Period::financial(2024), Period::financial(2025));
}

}  // namespace
}  // namespace sendsim::engine
