// sim/calibrate/spreads.hpp: the sizes of a calibrated model's uncertainty
// (its `uncertainty:` entries, model_writer.cpp): the request trend's
// standard error and the yearly swings of requests and ceasing from the
// LA's own years, and the jumps of requests from every LA's (pooled.hpp).
// Only figures for periods up to the origin are read (estimate.hpp).
#pragma once

#include <cmath>

#include "calibrate/estimate.hpp"
#include "calibrate/figures.hpp"
#include "calibrate/pooled.hpp"
#include "data/published.hpp"

namespace sendsim::calibrate {

/// A calendar year's flow is 8 months of one academic year's draw and 4 of
/// the next (a `yearly: true` factor is drawn each 1 September), so its
/// spread is sqrt((8/12)^2 + (4/12)^2) = 0.745 of one academic year's.
inline const double kCalendarOfAcademic = std::hypot(8.0 / 12.0, 4.0 / 12.0);

/// e.trend_sd and e.request_level_sd from the LA's own log trend of
/// requests (`own`, null when it has none: illustrative sizes, and a gap).
void request_spreads(Estimate& e, const detail::LogTrend* own);

/// Ceasing's yearly swing from the LA's ceased plans (less moves) per plan
/// over the five years to y1.
[[nodiscard]] Noted cease_spread(const data::AreaData& la, int y1);

/// The jumps of the level of requests (e.request_jump_*) from the tails of
/// every LA's growth; needs e.new_plans_last, e.plans_origin and
/// e.request_level_sd. Nothing when the tails have no jumps.
void add_request_jumps(Estimate& e, const GrowthTails& tails);

}  // namespace sendsim::calibrate
