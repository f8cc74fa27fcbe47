// sim/calibrate/figures.hpp: reading published figures for the estimate
// (estimate.cpp): a figure at a year or the latest before one, its source
// as a note, log-linear trends, and the model's provision types of SEN2's
// placement groups. Internal to sim/calibrate/.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "calibrate/estimate.hpp"
#include "data/published.hpp"

namespace sendsim::calibrate::detail {

using data::ByYear;
using data::Figure;
using data::Placement;

/// "FILE:LINE COLUMN" of a figure.
std::string where(const Figure& f);
/// "FILE:LINE COLUMN (January 2023)" for a stock, "(2022)" for a flow.
std::string noted(const Figure& f, int year, bool january);
/// The figure of `s` at `year` when published (not missing), else null.
const Figure* at(const ByYear& s, int year);
/// The latest year <= max_year with a figure, or none.
std::optional<int> latest(const ByYear& s, int max_year);
/// The value of `s` at `year`, noted, else `fallback` with its note.
Noted flow_or(const ByYear& s, int year, double fallback, const std::string& fallback_note);

/// Least-squares slope of log(value) on year over [first, last], with the
/// standard deviation of the year-on-year log growth.
struct LogTrend {
  double slope = 0;
  double growth_sd = 0;
  int growths = 0;  // year-on-year growths behind growth_sd
  int years = 0;
  int first = 0;
  int last = 0;
};
/// Nullopt with fewer than two positive years.
std::optional<LogTrend> log_trend(const ByYear& s, int first, int last);

/// The sample standard deviation of `v` (divisor n - 1); needs two values.
[[nodiscard]] double sample_sd(const std::vector<double>& v);

/// `v` with `digits` significant digits.
std::string fmt(double v, int digits = 4);

/// The ages of each SEN2 age band.
inline constexpr std::array<std::array<int, 2>, kBands> kBandAges = {
    {{0, 4}, {5, 10}, {11, 15}, {16, 19}, {20, 25}}};

/// The model's type of each published placement group: mainstream for
/// mainstream schools, FE, AP, early years and other arrangements (the model
/// has no separate type for them); enhanced; special for state special;
/// inmss for independent and non-maintained special schools and specialist
/// post-16 institutions.
inline constexpr std::array<int, data::kPlacementCount> kTypeOf = {0, 1, 2, 3, 3, 0, 3, 0, 0, 0};

/// Shares of the model's types in the January `year` stock (mainstream and
/// state special must be published; a suppressed small group counts as
/// none); nullopt otherwise. `note` names the source.
std::optional<std::array<double, kTypes>> type_shares(const data::AreaData& a, int year, std::string& note);

}  // namespace sendsim::calibrate::detail
