// tests/engine/calendar_test.cpp: civil-date arithmetic and the planning
// calendar of engine/calendar.hpp, at year ends, leap days and the
// September / April / January-census boundaries.
//
// Reference values were checked against Python's datetime (proleptic
// Gregorian, the same calendar).
#include "engine/calendar.hpp"

#include <gtest/gtest.h>

#include <cstdint>

namespace sendsim::engine {
namespace {

TEST(Calendar, DaysFromCivilKnownValues) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
  EXPECT_EQ(days_from_civil({2000, 2, 29}), 11016);
  EXPECT_EQ(days_from_civil({2000, 3, 1}), 11017);
  EXPECT_EQ(days_from_civil({2021, 9, 1}), 18871);
  EXPECT_EQ(days_from_civil({1600, 2, 29}), -135081);
  EXPECT_EQ(days_from_civil({1, 1, 1}), -719162);
  EXPECT_EQ(days_from_civil({9999, 12, 31}), 2932896);
}

// Every day from 0001-01-01 to 9999-12-31: the round trip is exact, each date
// is valid, and consecutive days are consecutive dates (so month and year ends
// and every leap day are crossed correctly).
TEST(Calendar, CivilRoundTripOverTheWholeSupportedRange) {
  const std::int64_t first = days_from_civil({1, 1, 1});
  const std::int64_t last = days_from_civil({9999, 12, 31});
  Date prev = civil_from_days(first);
  ASSERT_EQ(prev, (Date{1, 1, 1}));
  std::int64_t leap_days = 0;
  for (std::int64_t z = first + 1; z <= last; ++z) {
    const Date d = civil_from_days(z);
    ASSERT_TRUE(is_valid_date(d)) << to_iso(d);
    ASSERT_EQ(days_from_civil(d), z) << to_iso(d);
    Date expected = prev;
    if (++expected.day > days_in_month(expected.year, expected.month)) {
      expected.day = 1;
      if (++expected.month > 12) {
        expected.month = 1;
        ++expected.year;
      }
    }
    ASSERT_EQ(d, expected) << "after " << to_iso(prev);
    if (d.month == 2 && d.day == 29) ++leap_days;
    prev = d;
  }
  EXPECT_EQ(prev, (Date{9999, 12, 31}));
  // 2424 leap years in 1..9999: 2499 multiples of 4, less 99 of 100, plus 24 of 400.
  EXPECT_EQ(leap_days, 2499 - 99 + 24);
}

TEST(Calendar, RoundTripBeforeYearOne) {
  for (std::int64_t z = days_from_civil({1, 1, 1}) - 800; z < days_from_civil({1, 1, 1}) + 800; ++z) {
    EXPECT_EQ(days_from_civil(civil_from_days(z)), z);
  }
  EXPECT_EQ(civil_from_days(days_from_civil({1, 1, 1}) - 1), (Date{0, 12, 31}));
}

TEST(Calendar, LeapYears) {
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_TRUE(is_leap_year(1600));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_FALSE(is_leap_year(2100));
  EXPECT_FALSE(is_leap_year(2023));
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(days_in_month(2023, 2), 28);
  EXPECT_EQ(days_in_month(1900, 2), 28);
  EXPECT_EQ(days_in_month(2023, 12), 31);
  EXPECT_EQ(days_in_month(2023, 4), 30);
  EXPECT_EQ(days_in_month(2023, 0), 0);
  EXPECT_EQ(days_in_month(2023, 13), 0);
}

TEST(Calendar, ValidDates) {
  EXPECT_TRUE(is_valid_date({2024, 2, 29}));
  EXPECT_FALSE(is_valid_date({2023, 2, 29}));
  EXPECT_FALSE(is_valid_date({2100, 2, 29}));
  EXPECT_FALSE(is_valid_date({2023, 4, 31}));
  EXPECT_FALSE(is_valid_date({2023, 13, 1}));
  EXPECT_FALSE(is_valid_date({2023, 1, 0}));
  EXPECT_FALSE(is_valid_date({0, 1, 1}));
  EXPECT_FALSE(is_valid_date({10000, 1, 1}));
  EXPECT_TRUE(is_valid_date({1, 1, 1}));
  EXPECT_TRUE(is_valid_date({9999, 12, 31}));
}

TEST(Calendar, IsoText) {
  EXPECT_EQ(to_iso({2021, 9, 1}), "2021-09-01");
  EXPECT_EQ(to_iso({1, 1, 1}), "0001-01-01");
  EXPECT_EQ(to_iso({9999, 12, 31}), "9999-12-31");
}

TEST(Calendar, Weekdays) {
  EXPECT_EQ(weekday({1970, 1, 1}), 3);    // Thursday
  EXPECT_EQ(weekday({1969, 12, 31}), 2);  // Wednesday, before the epoch
  EXPECT_EQ(weekday({2000, 2, 29}), 1);   // Tuesday
  EXPECT_EQ(weekday({2021, 9, 1}), 2);    // Wednesday
  EXPECT_EQ(weekday({1, 1, 1}), 0);       // Monday
  EXPECT_EQ(weekday({9999, 12, 31}), 4);  // Friday
}

TEST(Calendar, AcademicYearTurnsOnFirstSeptember) {
  EXPECT_EQ(academic_year({2021, 8, 31}), 2020);
  EXPECT_EQ(academic_year({2021, 9, 1}), 2021);
  EXPECT_EQ(academic_year({2021, 12, 31}), 2021);
  EXPECT_EQ(academic_year({2022, 1, 1}), 2021);
  EXPECT_EQ(academic_year({2024, 2, 29}), 2023);
  EXPECT_EQ(academic_year({2022, 8, 31}), 2021);
}

TEST(Calendar, FinancialYearTurnsOnFirstApril) {
  EXPECT_EQ(financial_year({2022, 3, 31}), 2021);
  EXPECT_EQ(financial_year({2022, 4, 1}), 2022);
  EXPECT_EQ(financial_year({2021, 12, 31}), 2021);
  EXPECT_EQ(financial_year({2022, 1, 1}), 2021);
  EXPECT_EQ(financial_year({2024, 2, 29}), 2023);
}

TEST(Calendar, JanuaryCensusIsTheThirdThursday) {
  EXPECT_EQ(january_census_date(2022), (Date{2022, 1, 20}));
  EXPECT_EQ(january_census_date(2021), (Date{2021, 1, 21}));
  EXPECT_EQ(january_census_date(2020), (Date{2020, 1, 16}));
  EXPECT_EQ(january_census_date(2015), (Date{2015, 1, 15}));  // 1 January a Thursday
  EXPECT_EQ(january_census_date(2016), (Date{2016, 1, 21}));  // 1 January a Friday
  EXPECT_EQ(january_census_date(2024), (Date{2024, 1, 18}));
  EXPECT_EQ(january_census_date(2026), (Date{2026, 1, 15}));
  for (int y = 1900; y <= 2200; ++y) {
    const Date d = january_census_date(y);
    ASSERT_EQ(weekday(d), 3) << y;
    ASSERT_GE(d.day, 15) << y;
    ASSERT_LE(d.day, 21) << y;
    ASSERT_EQ(d.month, 1);
  }
}

TEST(Calendar, AddMonthsClampsToTheEndOfTheMonth) {
  EXPECT_EQ(add_months({2021, 1, 31}, 1), (Date{2021, 2, 28}));
  EXPECT_EQ(add_months({2020, 1, 31}, 1), (Date{2020, 2, 29}));
  EXPECT_EQ(add_months({2020, 2, 29}, 12), (Date{2021, 2, 28}));
  EXPECT_EQ(add_months({2020, 2, 29}, 48), (Date{2024, 2, 29}));
  EXPECT_EQ(add_months({2020, 2, 29}, 1), (Date{2020, 3, 29}));
  EXPECT_EQ(add_months({2021, 3, 31}, -1), (Date{2021, 2, 28}));
  EXPECT_EQ(add_months({2021, 5, 31}, 1), (Date{2021, 6, 30}));
  EXPECT_EQ(add_months({2021, 12, 15}, 1), (Date{2022, 1, 15}));
  EXPECT_EQ(add_months({2022, 1, 15}, -1), (Date{2021, 12, 15}));
  EXPECT_EQ(add_months({2022, 1, 15}, -13), (Date{2020, 12, 15}));
  EXPECT_EQ(add_months({2022, 1, 15}, -24), (Date{2020, 1, 15}));
  EXPECT_EQ(add_months({2021, 9, 1}, 0), (Date{2021, 9, 1}));
  EXPECT_EQ(add_months({2021, 9, 1}, 120), (Date{2031, 9, 1}));
}

TEST(Calendar, AgeOn) {
  EXPECT_EQ(age_on({2010, 9, 1}, {2021, 8, 31}), 10);
  EXPECT_EQ(age_on({2010, 9, 1}, {2021, 9, 1}), 11);
  EXPECT_EQ(age_on({2010, 12, 31}, {2011, 1, 1}), 0);
  EXPECT_EQ(age_on({2010, 12, 31}, {2011, 12, 31}), 1);
  EXPECT_EQ(age_on({2010, 1, 1}, {2010, 1, 1}), 0);
}

TEST(Calendar, AgeOnForLeapDayBirthdays) {
  const Date birth{2004, 2, 29};
  EXPECT_EQ(age_on(birth, {2005, 2, 28}), 0);  // common year: counts from 1 March
  EXPECT_EQ(age_on(birth, {2005, 3, 1}), 1);
  EXPECT_EQ(age_on(birth, {2007, 2, 28}), 2);
  EXPECT_EQ(age_on(birth, {2007, 3, 1}), 3);
  EXPECT_EQ(age_on(birth, {2008, 2, 28}), 3);
  EXPECT_EQ(age_on(birth, {2008, 2, 29}), 4);  // leap year: on the day
  EXPECT_EQ(age_on(birth, {2100, 3, 1}), 96);  // 2100 is not a leap year
  EXPECT_EQ(age_on(birth, {2100, 2, 28}), 95);
}

TEST(Calendar, DaysAndDatesOfARun) {
  const Calendar cal({2021, 9, 1});
  EXPECT_EQ(cal.start(), (Date{2021, 9, 1}));
  EXPECT_EQ(cal.date(0), (Date{2021, 9, 1}));
  EXPECT_EQ(cal.date(-1), (Date{2021, 8, 31}));
  EXPECT_EQ(cal.date(121), (Date{2021, 12, 31}));
  EXPECT_EQ(cal.date(122), (Date{2022, 1, 1}));
  EXPECT_EQ(cal.day({2021, 9, 1}), 0);
  EXPECT_EQ(cal.day({2022, 1, 1}), 122);
  EXPECT_EQ(cal.day({2021, 8, 31}), -1);
  for (Day d = -400; d < 4000; ++d) ASSERT_EQ(cal.day(cal.date(d)), d);
  EXPECT_EQ(cal.academic_year(-1), 2020);
  EXPECT_EQ(cal.academic_year(0), 2021);
  EXPECT_EQ(cal.academic_year(364), 2021);   // 2022-08-31
  EXPECT_EQ(cal.academic_year(365), 2022);   // 2022-09-01
  EXPECT_EQ(cal.financial_year(211), 2021);  // 2022-03-31
  EXPECT_EQ(cal.financial_year(212), 2022);  // 2022-04-01
}

TEST(Calendar, NextSeptemberAprilAndCensus) {
  const Calendar cal({2021, 9, 1});
  EXPECT_EQ(cal.next_september(0), 0);  // on or after: the start itself
  EXPECT_EQ(cal.next_september(1), 365);
  EXPECT_EQ(cal.next_september(-1), 0);
  EXPECT_EQ(cal.next_april(0), 212);  // 2022-04-01
  EXPECT_EQ(cal.next_april(212), 212);
  EXPECT_EQ(cal.next_april(213), cal.day({2023, 4, 1}));
  EXPECT_EQ(cal.next_census(0), 141);  // 2022-01-20
  EXPECT_EQ(cal.next_census(141), 141);
  EXPECT_EQ(cal.next_census(142), 505);  // 2023-01-19
  EXPECT_EQ(cal.next_on_or_after(0, 12, 25), cal.day({2021, 12, 25}));
  EXPECT_EQ(cal.next_on_or_after(0, 8, 31), cal.day({2022, 8, 31}));
}

TEST(Calendar, NextSeptemberAcrossALeapYear) {
  const Calendar cal({2023, 9, 1});
  EXPECT_EQ(cal.next_september(1), 366);  // 2024-09-01, with 29 February between
  EXPECT_EQ(cal.next_census(0), 139);     // 2024-01-18
  EXPECT_EQ(cal.date(181), (Date{2024, 2, 29}));
  EXPECT_EQ(cal.date(182), (Date{2024, 3, 1}));
}

}  // namespace
}  // namespace sendsim::engine
