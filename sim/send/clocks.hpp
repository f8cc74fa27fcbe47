// sim/send/clocks.hpp: the statutory clocks of the EHC process (SEND
// Regulations 2014) and the calendar lengths the domain converts with, each
// named once; and RunClock, the World's part for the run's time in the
// model's terms (its calendar, last day, academic year and calendar year).
#pragma once

#include <cmath>

#include "engine/calendar.hpp"

namespace sendsim::send {

inline constexpr int kDaysPerWeek = 7;
/// Mean calendar year and month, for rates per year and delays in months.
inline constexpr double kDaysPerYear = 365.25;
inline constexpr double kDaysPerMonth = kDaysPerYear / 12.0;

/// The decision whether to assess: 6 weeks from the request (the default of
/// Assessment::decision_weeks, which a scenario may change).
inline constexpr double kStatutoryDecisionWeeks = 6.0;
/// The final plan: 20 weeks from the request.
inline constexpr int kStatutoryPlanWeeks = 20;
inline constexpr engine::Day kStatutoryPlanDays = kStatutoryPlanWeeks * kDaysPerWeek;
/// An EHC plan is reviewed every 12 months; the model reviews every 365 days.
inline constexpr engine::Day kReviewIntervalDays = 365;

/// Whole days in `weeks`, rounded to the nearest day.
[[nodiscard]] inline engine::Day days_from_weeks(double weeks) {
  return static_cast<engine::Day>(std::lround(weeks * kDaysPerWeek));
}

/// The run's time in the model's terms: the calendar (day 0 is the model's
/// start date), the last day, the academic year now (the year it starts in,
/// moved on at each 1 September's rollover) with the next rollover, and the
/// calendar year of a day as an index from the start date's year, cached
/// because time only moves forward.
class RunClock {
 public:
  RunClock(const engine::Date& start, const engine::Date& end)
      : calendar_(start),
        start_year_(start.year),
        end_day_(calendar_.day(end)),
        academic_year_(engine::academic_year(start)),
        next_rollover_(calendar_.next_september(1)),
        next_year_start_(calendar_.day(engine::Date{start.year + 1, 1, 1})) {}

  [[nodiscard]] const engine::Calendar& calendar() const noexcept { return calendar_; }
  [[nodiscard]] engine::Day end_day() const noexcept { return end_day_; }
  [[nodiscard]] int academic_year() const noexcept { return academic_year_; }
  [[nodiscard]] engine::Day next_rollover() const noexcept { return next_rollover_; }
  /// Calendar years of the run, the start's to the last day's.
  [[nodiscard]] int calendar_years() const noexcept {
    return calendar_.date(end_day_).year - start_year_ + 1;
  }

  /// The rollover on 1 September: the academic year moves on one.
  void start_academic_year() noexcept { ++academic_year_; }
  /// The next 1 September after `today`.
  void set_next_rollover(engine::Day today) { next_rollover_ = calendar_.next_september(today + 1); }

  /// The calendar year of `now` from the start date's (0 for the first);
  /// `now` must not go back between calls.
  [[nodiscard]] int year_index(engine::Day now) noexcept {
    while (now >= next_year_start_) {
      ++year_index_;
      next_year_start_ = calendar_.day(engine::Date{start_year_ + year_index_ + 1, 1, 1});
    }
    return year_index_;
  }

 private:
  engine::Calendar calendar_;
  int start_year_;
  engine::Day end_day_;
  int academic_year_;
  engine::Day next_rollover_;
  int year_index_ = 0;           // calendar year of the cached day, from the start's
  engine::Day next_year_start_;  // 1 January after the cached year
};

}  // namespace sendsim::send
