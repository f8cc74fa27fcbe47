// sim/send/finance.hpp: the high-needs ledger. Postings accrue day by day and
// roll up by financial year (April-March) and by line, in the shape of the
// DfE's section 251 high-needs lines; transport is reported apart (it is paid
// from the council's general fund, not the DSG).
//
// Rules:
//   - an annual rate accrues per day at rate / (days in that financial year),
//     so a whole financial year costs exactly the annual rate, leap year or
//     not, and a stay from February to May splits across two years by days;
//   - prices rise by `inflation` at each 1 April: the rate in financial year
//     k of the run is rate * (1 + inflation)^k;
//   - every posting is rounded to the penny once, and the same pennies go to
//     the line total and to the child (or setting) that incurred them, so the
//     totals reconcile to the penny.
#pragma once

#include <array>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/calendar.hpp"

namespace sendsim::send {

enum class Line : std::uint8_t {
  kPlaceFunding,          // place funding for special and resourced provision places
  kTopUpMaintained,       // top-ups to maintained schools, academies and colleges
  kTopUpIndependent,      // top-ups (fees) to independent and non-maintained special schools
  kSenSupport,            // SEN support and inclusion services
  kAlternativeProvision,  // alternative and interim provision for children waiting
  kTransport,             // SEND home-to-school transport (outside the DSG)
};
inline constexpr int kLineCount = 6;
inline constexpr std::array<std::string_view, kLineCount> kLineCodes = {
    "place_funding",        "top_up_maintained",     "top_up_independent",
    "sen_support_services", "alternative_provision", "transport"};

/// std::llround of `x` (half away from zero), written out so that it is
/// inlined where the ledger posts (a library call per posting was 2% of a
/// county replication): the same integer for every |x| below 2^52, where
/// x - trunc(x) is exact; the library call beyond, and for NaN.
[[nodiscard]] inline std::int64_t round_half_away(double x) noexcept {
  if (!(std::fabs(x) < 4503599627370496.0)) return std::llround(x);
  const auto t = static_cast<std::int64_t>(x);  // toward zero
  const double f = x - static_cast<double>(t);
  return f >= 0.5 ? t + 1 : (f <= -0.5 ? t - 1 : t);
}

class Ledger {
 public:
  Ledger() = default;
  /// A ledger for the run from day 0 to `end_day` (inclusive).
  Ledger(const engine::Calendar& calendar, engine::Day end_day, double inflation);

  /// Accrues `annual` pounds a year over days [from, to) on `line`; returns
  /// the pennies posted (also added to the line totals by financial year).
  /// Visits only the financial years the posting spans (days outside the
  /// run's financial years post nothing).
  std::int64_t post(engine::Day from, engine::Day to, double annual, Line line);

  /// Financial years covered, in order, named by their start year.
  [[nodiscard]] const std::vector<int>& years() const noexcept { return years_; }
  /// Pennies posted to `line` in the k-th financial year of the run.
  [[nodiscard]] std::int64_t pennies(std::size_t k, Line line) const noexcept {
    return totals_[k][static_cast<std::size_t>(line)];
  }
  /// Days of the k-th financial year inside the run.
  [[nodiscard]] engine::Day covered_days(std::size_t k) const noexcept;
  /// Days in the whole k-th financial year (365 or 366).
  [[nodiscard]] engine::Day year_days(std::size_t k) const noexcept { return starts_[k + 1] - starts_[k]; }
  /// Price multiplier of the k-th financial year.
  [[nodiscard]] double price_index(std::size_t k) const noexcept { return index_[k]; }

 private:
  std::vector<int> years_;
  std::vector<engine::Day> starts_;  // first day of each financial year, plus one past the last
  std::vector<double> index_;
  std::vector<std::array<std::int64_t, kLineCount>> totals_;
  // The financial year of each day from starts_.front() to starts_.back()
  // (two bytes a day), so that post() starts at the posting's first year
  // instead of looping over every year of the run.
  std::vector<std::uint16_t> year_of_day_;
  engine::Day end_day_ = 0;
};

}  // namespace sendsim::send
