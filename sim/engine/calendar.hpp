// sim/engine/calendar.hpp: the integer Day clock and the civil calendar.
//
// A Day counts whole days since a run's start date (day 0). Calendar turns
// Days into civil dates and back (proleptic Gregorian, any year from 1 to
// 9999) and answers the questions English public-sector planning asks:
//   - academic year: 1 September to 31 August, named by the calendar year in
//     which it starts (2021 means 2021-09-01 .. 2022-08-31);
//   - financial year: 1 April to 31 March, named by the year in which it starts
//     (2021 means 2021-04-01 .. 2022-03-31, "2021-22");
//   - the January census date: the third Thursday of January (the DfE's spring
//     school census day).
#pragma once

#include <cstdint>
#include <string>

namespace sendsim::engine {

/// Days since the start date of a run. Day 0 is the start date.
using Day = std::int32_t;

/// A civil date. Months and days count from 1.
struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  friend bool operator==(const Date&, const Date&) = default;
  friend auto operator<=>(const Date&, const Date&) = default;
};

/// Days from 1970-01-01 to `d` (negative before it).
[[nodiscard]] std::int64_t days_from_civil(const Date& d) noexcept;
/// The date `days` days after 1970-01-01.
[[nodiscard]] Date civil_from_days(std::int64_t days) noexcept;

[[nodiscard]] bool is_leap_year(int year) noexcept;
[[nodiscard]] int days_in_month(int year, int month) noexcept;
/// True when year, month and day name a real date (year 1-9999).
[[nodiscard]] bool is_valid_date(const Date& d) noexcept;
/// ISO 8601 text: "2021-09-01".
[[nodiscard]] std::string to_iso(const Date& d);
/// Day of week, 0 = Monday .. 6 = Sunday.
[[nodiscard]] int weekday(const Date& d) noexcept;

/// Academic year (September-August) containing `d`, named by its start year.
[[nodiscard]] int academic_year(const Date& d) noexcept;
/// Financial year (April-March) containing `d`, named by its start year.
[[nodiscard]] int financial_year(const Date& d) noexcept;
/// The spring census date of `year`: the third Thursday of January.
[[nodiscard]] Date january_census_date(int year) noexcept;

/// `d` moved by whole months, the day clamped to the end of the target month
/// (31 January + 1 month = 28 or 29 February).
[[nodiscard]] Date add_months(const Date& d, int months) noexcept;

/// Whole years of age on `on` for someone born on `birth` (a 29 February
/// birthday counts from 1 March in common years).
[[nodiscard]] int age_on(const Date& birth, const Date& on) noexcept;

/// Maps Days of one run to civil dates.
class Calendar {
 public:
  explicit Calendar(const Date& start) noexcept : start_(start), epoch_(days_from_civil(start)) {}

  [[nodiscard]] const Date& start() const noexcept { return start_; }
  [[nodiscard]] Date date(Day day) const noexcept { return civil_from_days(epoch_ + day); }
  [[nodiscard]] Day day(const Date& d) const noexcept {
    return static_cast<Day>(days_from_civil(d) - epoch_);
  }

  [[nodiscard]] int academic_year(Day day) const noexcept;
  [[nodiscard]] int financial_year(Day day) const noexcept;

  /// First Day on or after `from` that falls on `month`/`day_of_month`.
  [[nodiscard]] Day next_on_or_after(Day from, int month, int day_of_month) const noexcept;
  /// First 1 September on or after `from`.
  [[nodiscard]] Day next_september(Day from) const noexcept { return next_on_or_after(from, 9, 1); }
  /// First 1 April on or after `from`.
  [[nodiscard]] Day next_april(Day from) const noexcept { return next_on_or_after(from, 4, 1); }
  /// First January census date on or after `from`.
  [[nodiscard]] Day next_census(Day from) const noexcept;

 private:
  Date start_;
  std::int64_t epoch_;
};

}  // namespace sendsim::engine
