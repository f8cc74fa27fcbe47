// sim/calibrate/spreads.hpp: the sizes of a calibrated model's uncertainty
// (its `uncertainty:` entries, model_writer.cpp): the request trend's
// standard error and the yearly swings of requests and ceasing from the
// LA's own years, and the jumps of requests from every LA's (pooled.hpp).
// Only figures for periods up to the origin are read (estimate.hpp).
#pragma once

#include <array>
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

/// The types' yearly swings: e.type_share_sd and e.type_inflow from the
/// LA's published shares by type and new plans by placement, up to the
/// origin only.
void type_share_spreads(Estimate& e, const data::AreaData& la);

/// The share of a type's swing the new plans' choice is asked to carry
/// (models/README.md, "The placement types' intervals").
inline constexpr double kTypeSwingScale = 0.5;
/// The largest sd of a type's yearly factor (a normal of mean one: larger,
/// and the draws below zero, counted as zero, would move its mean).
inline constexpr double kTypeSwingMax = 0.7;
/// The types given a swing: not mainstream, which holds most new plans, so
/// that its swings would move the others' shares through the sum they are
/// normalised by (a noisy sum's inverse has a larger mean: each small type
/// would gain on average).
inline constexpr std::array<bool, kTypes> kTypeSwings = {false, true, true, true};

/// The sd_log of the yearly mean-one factor on placement.preference of
/// type t, whose new plans take `new_plan_share` of all new plans: a factor
/// f moves the type's share of new plans by (1 - share) log f, and its stock
/// by the inflow times that, so sd_log = kTypeSwingScale x share sd /
/// (inflow x (1 - share)), within 0-kTypeSwingMax; value 0 (no entry) when the share sd
/// or the inflow is not known.
[[nodiscard]] Noted type_swing(const Estimate& e, int t, double new_plan_share);

/// The jumps of the level of requests (e.request_jump_*) from the tails of
/// every LA's growth; needs e.new_plans_last, e.plans_origin and
/// e.request_level_sd. Nothing when the tails have no jumps.
void add_request_jumps(Estimate& e, const GrowthTails& tails);

}  // namespace sendsim::calibrate
