// tests/send/yearly_uncertainty_test.cpp: uncertainty entries drawn again
// each academic year (UncertainParameter::yearly, send/uncertainty.hpp).
// Without a yearly entry nothing is drawn; a yearly entry's parameter is
// reset to the scenario's value and drawn afresh for each year, the same
// for the same (seed, replication, year), mirrored within an antithetic
// pair, while held entries keep their draws; and in a World, requests under
// a yearly factor swing from year to year where a held factor keeps them at
// one level.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "send/uncertainty.hpp"
#include "send/world.hpp"
#include "tiny_model.hpp"

namespace sendsim::send {
namespace {

using testing::tiny_scenario;

UncertainParameter lognormal_factor(const std::string& parameter, double sd_log, bool yearly) {
  UncertainParameter u{parameter, true, Distribution::kLognormal, 1.0, sd_log, 0, std::nullopt, ""};
  u.yearly = yearly;
  return u;
}

TEST(YearlyUncertainty, WithoutAYearlyEntryNothingIsDrawnAgain) {
  const Model base = tiny_scenario().model;
  Model model = base;
  model.uncertainty = {lognormal_factor("requests.direct_per_1000", 0.3, false)};
  apply_uncertainty(model, 7, 0);
  const Model drawn = model;
  redraw_yearly(model, base, 7, 0, 2023);
  EXPECT_EQ(model.requests.direct_per_1000, drawn.requests.direct_per_1000);
}

TEST(YearlyUncertainty, AYearlyEntryIsDrawnAfreshEachYearFromTheScenariosValue) {
  const Model base = tiny_scenario().model;
  Model model = base;
  model.uncertainty = {lognormal_factor("requests.direct_per_1000", 0.3, true),
                       lognormal_factor("review.cease_needs_met", 0.3, false)};
  apply_uncertainty(model, 7, 4);
  const auto held = model.review.cease_needs_met;
  std::vector<double> years;
  for (int year = 2022; year < 2026; ++year) {
    redraw_yearly(model, base, 7, 4, year);
    // A factor on the scenario's value, the same for every age band.
    const double f = model.requests.direct_per_1000[0] / base.requests.direct_per_1000[0];
    EXPECT_NEAR(model.requests.direct_per_1000[1] / base.requests.direct_per_1000[1], f, 1e-12);
    years.push_back(f);
    EXPECT_EQ(model.review.cease_needs_met, held);  // the held entry keeps its draw
    // The same (seed, replication, year) draws the same; the pair's odd
    // replication draws the mirror image (a median-1 lognormal: 1 / f).
    Model again = base, odd = base;
    again.uncertainty = odd.uncertainty = model.uncertainty;
    redraw_yearly(again, base, 7, 4, year);
    redraw_yearly(odd, base, 7, 5, year);
    EXPECT_EQ(again.requests.direct_per_1000, model.requests.direct_per_1000);
    EXPECT_NEAR(odd.requests.direct_per_1000[0] / base.requests.direct_per_1000[0], 1.0 / f, 1e-12);
  }
  for (std::size_t y = 1; y < years.size(); ++y) EXPECT_NE(years[y], years[y - 1]);
}

TEST(YearlyUncertainty, OneEntryOfAValueIsResetAloneSoAnotherEntrysDrawStays) {
  // placement.preference.special yearly beside placement.preference.inmss
  // held: each year's redraw resets the special entry only, so inmss keeps
  // its draw (a reset of the whole value would put it back to 1).
  Model base = tiny_scenario().model;
  base.placement.preference = {1.0, 1.5, 2.0, 3.0};
  Model model = base;
  model.uncertainty = {lognormal_factor("placement.preference.special", 0.3, true),
                       lognormal_factor("placement.preference.inmss", 0.3, false)};
  apply_uncertainty(model, 7, 2);
  const double inmss = model.placement.preference[3];
  ASSERT_NE(inmss, 3.0);
  for (int year = 2022; year < 2026; ++year) {
    const double special_before = model.placement.preference[2];
    redraw_yearly(model, base, 7, 2, year);
    EXPECT_EQ(model.placement.preference[3], inmss);
    EXPECT_NE(model.placement.preference[2], special_before);
    EXPECT_EQ(model.placement.preference[0], 1.0);
    EXPECT_EQ(model.placement.preference[1], 1.5);
  }
  EXPECT_TRUE(can_be_yearly("placement.preference.inmss"));
  EXPECT_TRUE(can_be_yearly("placement.preference"));
  EXPECT_FALSE(can_be_yearly("placement.preference.inms"));
  EXPECT_FALSE(can_be_yearly("requests.trend"));
}

TEST(YearlyUncertainty, AnEntryFromALaterYearLeavesItsParameterUntilThenAndMovesNoOtherDraw) {
  // tiny_scenario starts in academic year 2021; the entry's swings start
  // in 2023. Before it the preference is the scenario's own, and the draws
  // table says a factor of 1; from it the draws are those of the same entry
  // without from_year; and the held entry after it draws the same either
  // way (the yearly entry's number is still taken from the stream).
  Model base = tiny_scenario().model;
  ASSERT_EQ(base.start_date.year, 2021);
  base.placement.preference = {1.0, 1.5, 2.0, 3.0};
  Model from = base, always = base;
  from.uncertainty = {lognormal_factor("placement.preference.special", 0.3, true),
                      lognormal_factor("placement.preference.inmss", 0.3, false)};
  from.uncertainty[0].from_year = 2023;
  always.uncertainty = {from.uncertainty[0], from.uncertainty[1]};
  always.uncertainty[0].from_year = -1;
  std::vector<std::pair<std::string, double>> from_draws, always_draws;
  apply_uncertainty(from, 7, 2, &from_draws);
  apply_uncertainty(always, 7, 2, &always_draws);
  EXPECT_EQ(from.placement.preference[2], 2.0);
  EXPECT_NE(always.placement.preference[2], 2.0);
  ASSERT_EQ(from_draws.size(), 2u);
  EXPECT_EQ(from_draws[0].second, 1.0);
  EXPECT_EQ(from.placement.preference[3], always.placement.preference[3]);
  EXPECT_NE(from.placement.preference[3], 3.0);
  redraw_yearly(from, base, 7, 2, 2022);
  redraw_yearly(always, base, 7, 2, 2022);
  EXPECT_EQ(from.placement.preference[2], 2.0);
  EXPECT_NE(always.placement.preference[2], 2.0);
  for (int year = 2023; year < 2026; ++year) {
    redraw_yearly(from, base, 7, 2, year);
    redraw_yearly(always, base, 7, 2, year);
    EXPECT_NE(from.placement.preference[2], 2.0) << year;
    EXPECT_EQ(from.placement.preference, always.placement.preference) << year;
  }
}

TEST(YearlyUncertainty, OnlyParametersReadAsTheyAreUsedCanBeYearly) {
  EXPECT_TRUE(can_be_yearly("requests.direct_per_1000"));
  EXPECT_TRUE(can_be_yearly("review.cease_needs_met"));
  EXPECT_FALSE(can_be_yearly("requests.trend"));
  EXPECT_FALSE(can_be_yearly("assessment.assessors"));
  for (const UncertainTarget& t : uncertain_targets()) {
    if (can_be_yearly(t.path)) {
      EXPECT_NE(yearly_paths().find(t.path), std::string_view::npos) << t.path;
    }
  }
}

/// log(requests with the entry / requests without) in each full calendar
/// year of replication `r`.
std::vector<double> log_request_ratios(bool yearly, std::size_t r) {
  const Scenario plain = tiny_scenario();
  // Every request direct, and some 500 a year, so that the factor, not
  // chance, moves them.
  Scenario base = plain;
  base.model.requests.rate_from_support = {};
  base.model.requests.direct_per_1000 = {20, 20, 20, 5, 0};
  Scenario varied = base;
  varied.model.uncertainty = {lognormal_factor("requests.direct_per_1000", 0.5, yearly)};
  auto by_year = [&](const Scenario& sc) {
    std::vector<double> out;
    const auto result = simulate_replication(sc, 42, r);
    for (const auto& [key, v] : result.find("flows")->rows) {
      if (key[1] == "requests" && key[0] != "2021" && key[0] != "2026") out.push_back(v);
    }
    return out;
  };
  const auto a = by_year(base), b = by_year(varied);
  std::vector<double> out;
  for (std::size_t y = 0; y < a.size() && y < b.size(); ++y) out.push_back(std::log(b[y] / a[y]));
  return out;
}

double spread(const std::vector<double>& v) {
  double m = 0;
  for (double x : v) m += x;
  m /= static_cast<double>(v.size());
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size() - 1));
}

TEST(YearlyUncertainty, InAWorldAYearlyFactorSwingsRequestsWhereAHeldOneKeepsALevel) {
  // Spread over the years within a replication, summed over replications:
  // a held factor moves every year alike (spread from chance alone), a
  // yearly one moves each year its own way.
  double held = 0, yearly = 0;
  for (std::size_t r = 0; r < 4; ++r) {
    const auto h = log_request_ratios(false, r), y = log_request_ratios(true, r);
    ASSERT_GE(h.size(), 3u);
    held += spread(h);
    yearly += spread(y);
  }
  EXPECT_GT(yearly, 2.0 * held) << "held " << held / 4 << ", yearly " << yearly / 4;
}

}  // namespace
}  // namespace sendsim::send
