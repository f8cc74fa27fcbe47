// sim/calibrate/estimate.hpp: a first estimate of a local authority's model
// from its published series (sim/data/), using only figures for periods up to
// the origin, and the model file written from it.
//
// The origin Y is the last January census the model may see; flows (requests,
// new plans, ceased plans) are known to the calendar year Y-1. The model
// starts on 1 September Y-3, so that the years before the origin can be
// simulated: the first year settles the statutory pipeline (burn-in), then
// January Y-1 and Y and calendar year Y-1 are fitted (fit.hpp).
//
// Every figure keeps a note: the file, line, column and year it was read
// from, or "estimated: ..." with how it was derived. The free parameters of
// the fit (FreeParameters) multiply or shift the first estimate; the written
// model carries the product, with both in its comment.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "calibrate/geography.hpp"
#include "calibrate/pooled.hpp"
#include "data/published.hpp"

namespace sendsim::calibrate {

/// A number and where it came from.
struct Noted {
  double value = 0.0;
  std::string note;  // "sen2/release-2025/caseload.csv.gz:812 ehcplans (January 2023)" or "estimated: ..."
};

/// The model's four provision types (send::kSettingTypeCodes order).
inline constexpr int kTypes = 4;
/// SEN2 age bands.
inline constexpr int kBands = 5;
/// The DfE's 13 primary needs (Down syndrome, published from 2026, is folded into OTH).
inline constexpr int kNeeds = 13;

/// Years after the origin over which the forecast's growth is aligned.
inline constexpr int kAlignYears = 5;
/// The share of an LA's excess growth over England's that remains the next
/// year (chosen on origin 2018, before every backtest origin; models/README.md).
inline constexpr double kExcessPersistence = 0.8;

/// The published ceasing is trusted within this factor; the fit balances
/// the rest of the growth into the origin with net moves (fit.cpp).
inline constexpr std::array<double, 2> kCeaseScaleRange = {0.67, 1.5};

/// What the fit adjusts (1 or 0: the first estimate as it is).
struct FreeParameters {
  double stock_scale = 1.0;       // initial plans
  double request_scale = 1.0;     // both request rates
  double conversion_scale = 1.0;  // (1 - refusal share)
  double cease_scale = 1.0;       // ceasing rates (needs met, left education), within kCeaseScaleRange
  double net_moves = 0.0;         // plans a year moving in (+) or out (-) beyond the published moves
  double work_shift_weeks = 0.0;  // assessment work time
  double identification_scale = 1.0;
  std::array<double, kTypes> type_weight{1, 1, 1, 1};        // placement mix of new plans
  std::array<double, kTypes> stock_type_weight{1, 1, 1, 1};  // and, beside it, of the initial plans
  double trend_shift = 0.0;  // added to the request trend (alignment, fit.cpp)
};

struct Estimate {
  std::string la_code;  // old (three-digit) code
  std::string new_code;
  std::string la_name;
  std::string model_name;  // e.g. "southend-on-sea-2024"
  int origin = 0;          // January census year Y
  int start_year = 0;      // the model starts 1 September start_year (= Y - 3)

  // Population (one LA-wide district).
  Noted population_0_25;
  Noted population_growth;
  std::array<double, 26> age_profile{};
  std::string age_profile_note;

  // Initial stock on 1 September start_year.
  Noted plans_start;
  std::array<Noted, kBands> plan_age_mix;
  Noted sen_support;
  std::array<double, kBands> support_age_mix{};
  Noted requests_in_progress;
  std::array<Noted, kNeeds> need_mix;  // all-age need mix of plans

  // Placement: LA shares by the model's types (mainstream, enhanced,
  // special, inmss) of the plans at the January census Y-1, and the
  // commissioned places.
  std::array<Noted, kTypes> type_share;
  Noted special_places;
  Noted special_places_growth;
  Noted enhanced_places;
  Noted enhanced_places_growth;
  /// Places from each September start_year .. origin-1 as multiples of the
  /// first year's: as the published plans there grew (January after each
  /// September over January after the start); the growth applies after.
  std::vector<double> special_path, enhanced_path;

  // Requests and assessment.
  Noted requests_last;  // calendar year Y-1
  std::array<Noted, kBands> request_age_mix;
  std::array<double, kBands> rate_from_support{};
  std::array<double, kBands> direct_per_1000{};
  Noted trend;
  Noted trend_sd;
  /// Year-to-year spread (standard deviation of the log) of the LA's own
  /// ceasing rate and of its requests' growth: the level uncertainty of the
  /// two flows the stock rests on (uncertainty entries of the model).
  Noted cease_sd;
  Noted request_level_sd;
  /// The heavy tail of the level of requests (GrowthTails, pooled.hpp): in
  /// that share of academic years the level's factor (normal, mean one)
  /// takes sd request_jump_sd; probability 0 when the tails are not known.
  Noted request_jump_probability{0.0, ""};
  Noted request_jump_sd;
  Noted refusal_share;
  Noted no_plan_share;
  Noted new_plans_last;
  Noted within_20_weeks_pct;
  /// Standard deviation of the LA's year-on-year change in that share
  /// (percentage points), for the uncertainty of the assessment's timing.
  Noted within_20_sd;
  Noted over_52_weeks_pct;  // value < 0 when not published
  Noted assessors;

  // Identification (SEN support kept at its published level).
  std::array<double, kBands> identification_rate{};
  std::array<double, kBands> support_exit_rate{};

  // Ceasing and moves.
  std::array<Noted, kBands> cease_rate;  // plans ceased per plan-year (all reasons but moves and age 25)
  Noted needs_met_share;                 // of those, needs met
  Noted move_out_rate;
  Noted moves_in;
  Noted appeal_rate;

  // Finance.
  Noted dsg_allocation;
  Noted dsg_growth;

  /// Published targets of the fit: January Y-1 and Y stocks, calendar Y-1 flows.
  Noted plans_prev;    // January Y-1
  Noted plans_origin;  // January Y
  /// The growth of plans from January Y-1 to Y the fit gives the model
  /// (through ceasing), which it carries into the forecast: England's last
  /// year plus the LA's excess predicted by the pooled regression
  /// (pooled.hpp); England's alone without one. An LA's own growth is a poor
  /// guide to its next years (models/README.md, "Growth").
  Noted growth_target;
  /// The growth of plans (log) from January Y to January Y+kAlignYears the
  /// request trend is aligned to after the fit (fit.cpp): England's last
  /// year's each year, plus the LA's predicted excess fading by
  /// kExcessPersistence a year; value < -1 when there is none (England's
  /// growth not published) and the trend stays as estimated.
  Noted forecast_growth;
  std::array<Noted, kTypes> type_share_origin;  // January Y
  /// January Y-2, the first census the model simulates (a target for the
  /// initial stock's types; value < 0 when not published).
  std::array<Noted, kTypes> type_share_first;
  /// England's share by type at January Y over its share at January Y-2
  /// (value < 0 when not published): the pooled drift the LA's own is
  /// shrunk towards (fit.cpp).
  std::array<Noted, kTypes> type_drift_england;
  /// The yearly swing of each type's share of plans: the standard deviation
  /// of the log change of the LA's share from one January to the next over
  /// the five years to the origin (changes across a series break left out),
  /// and the type's new plans a year per plan in it (calendar Y-1 over
  /// January Y), which turn a swing of the new plans' choice into one of
  /// the stock (spreads.hpp: type_swing). Value < 0: not published.
  std::array<Noted, kTypes> type_share_sd;
  std::array<Noted, kTypes> type_inflow;

  FreeParameters free;

  /// The planner's schools (--establishments), when given: districts,
  /// travel times and the special and enhanced settings that share the
  /// LA-wide places. Without it, one LA-wide district.
  std::optional<Geography> geography;
  std::string establishments_file;

  /// Figures read from files after the origin: none by construction; the
  /// estimate records every figure it could not find here instead.
  std::vector<std::string> gaps;
};

/// The request trend of the model: the estimate's plus the fitted shift.
[[nodiscard]] double model_trend(const Estimate& e);

/// The first estimate for `la` at `origin` (the last January census it may
/// see), with England's series for what the LA does not publish. Throws
/// data::DataError when the LA has no plans published for January origin-1
/// and origin (e.g. an LA formed after origin-2), naming the series.
/// `pooled` (may be null) is the regression across LAs at the same origin.
[[nodiscard]] Estimate estimate(const data::AreaData& la, const data::AreaData& england, int origin,
                                const PooledGrowth* pooled = nullptr, const GrowthTails* tails = nullptr);

/// The model file (YAML) for `e` with its free parameters applied, every
/// figure with its note in a comment. `fit_table` (may be empty) is written
/// at the end as comments. `validate` accepts the result.
/// Without `uncertainty` the model has no uncertainty section (the fit
/// matches means with every parameter at its central value).
[[nodiscard]] std::string model_yaml(const Estimate& e, const std::string& fit_table = "",
                                     bool uncertainty = true);

/// "southend-on-sea" from "Southend-on-Sea": lower case, runs of anything
/// but letters and digits as one '-'.
[[nodiscard]] std::string slug(const std::string& name);

}  // namespace sendsim::calibrate
