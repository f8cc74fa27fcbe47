// sim/send/finance.cpp: accrual of annual rates by financial year.
#include "send/finance.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace sendsim::send {

Ledger::Ledger(const engine::Calendar& calendar, engine::Day end_day, double inflation) : end_day_(end_day) {
  const int first = calendar.financial_year(0);
  const int last = calendar.financial_year(end_day);
  for (int fy = first; fy <= last + 1; ++fy) {
    starts_.push_back(calendar.day(engine::Date{fy, 4, 1}));
    if (fy <= last) {
      years_.push_back(fy);
      index_.push_back(std::pow(1.0 + inflation, fy - first));
    }
  }
  totals_.assign(years_.size(), {});
  if (years_.size() > 65535) throw std::invalid_argument("Ledger: a run of more than 65535 financial years");
  year_of_day_.reserve(static_cast<std::size_t>(starts_.back() - starts_.front()));
  for (std::size_t k = 0; k < years_.size(); ++k) {
    year_of_day_.insert(year_of_day_.end(), static_cast<std::size_t>(starts_[k + 1] - starts_[k]),
                        static_cast<std::uint16_t>(k));
  }
}

engine::Day Ledger::covered_days(std::size_t k) const noexcept {
  const engine::Day from = std::max<engine::Day>(starts_[k], 0);
  const engine::Day to = std::min<engine::Day>(starts_[k + 1], end_day_ + 1);
  return std::max<engine::Day>(0, to - from);
}

std::int64_t Ledger::post(engine::Day from, engine::Day to, double annual, Line line) {
  if (to <= from || annual == 0.0 || years_.empty()) return 0;
  if (to <= starts_.front() || from >= starts_.back()) return 0;
  // The first year the posting touches; then only the years up to `to`
  // (the same years, in the same order, as a loop over all of them).
  const std::size_t first =
      from <= starts_.front() ? 0 : year_of_day_[static_cast<std::size_t>(from - starts_.front())];
  std::int64_t posted = 0;
  for (std::size_t k = first; k < years_.size() && starts_[k] < to; ++k) {
    const engine::Day a = std::max(from, starts_[k]);
    const engine::Day b = std::min(to, starts_[k + 1]);
    if (b <= a) continue;
    const double pounds = annual * index_[k] * static_cast<double>(b - a) / static_cast<double>(year_days(k));
    const std::int64_t pennies = round_half_away(pounds * 100.0);
    totals_[k][static_cast<std::size_t>(line)] += pennies;
    posted += pennies;
  }
  return posted;
}

}  // namespace sendsim::send
