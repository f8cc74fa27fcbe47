// sim/engine/calendar.cpp: civil-date arithmetic (after H. Hinnant's
// public-domain days_from_civil / civil_from_days algorithms).
#include "engine/calendar.hpp"

#include <cstdio>

namespace sendsim::engine {

std::int64_t days_from_civil(const Date& d) noexcept {
  const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (d.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = yoe + era * 400;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

bool is_leap_year(int year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) noexcept {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool is_valid_date(const Date& d) noexcept {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month);
}

std::string to_iso(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

int weekday(const Date& d) noexcept {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const std::int64_t z = days_from_civil(d);
  const std::int64_t w = (z % 7 + 7 + 3) % 7;
  return static_cast<int>(w);
}

int academic_year(const Date& d) noexcept { return d.month >= 9 ? d.year : d.year - 1; }

int financial_year(const Date& d) noexcept { return d.month >= 4 ? d.year : d.year - 1; }

Date january_census_date(int year) noexcept {
  const int first = weekday(Date{year, 1, 1});
  const int to_thursday = (3 - first + 7) % 7;
  return Date{year, 1, 1 + to_thursday + 14};
}

Date add_months(const Date& d, int months) noexcept {
  const int index = d.year * 12 + (d.month - 1) + months;
  const int year = index >= 0 ? index / 12 : (index - 11) / 12;
  const int month = index - year * 12 + 1;
  const int last = days_in_month(year, month);
  return Date{year, month, d.day <= last ? d.day : last};
}

int age_on(const Date& birth, const Date& on) noexcept {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

int Calendar::academic_year(Day day) const noexcept { return engine::academic_year(date(day)); }

int Calendar::financial_year(Day day) const noexcept { return engine::financial_year(date(day)); }

Day Calendar::next_on_or_after(Day from, int month, int day_of_month) const noexcept {
  const Date d = date(from);
  Date candidate{d.year, month, day_of_month};
  if (candidate < d) candidate.year += 1;
  return this->day(candidate);
}

Day Calendar::next_census(Day from) const noexcept {
  const Date d = date(from);
  Date candidate = january_census_date(d.year);
  if (candidate < d) candidate = january_census_date(d.year + 1);
  return this->day(candidate);
}

}  // namespace sendsim::engine
