// sim/send/clocks.hpp: the statutory clocks of the EHC process (SEND
// Regulations 2014) and the calendar lengths the domain converts with, each
// named once.
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

}  // namespace sendsim::send
