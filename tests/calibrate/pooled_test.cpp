// tests/calibrate/pooled_test.cpp: the regression across LAs of their growth
// of plans beyond England's on their requests per plan (pooled.hpp).
#include "calibrate/pooled.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>
#include <vector>

#include "calibrate/estimate.hpp"

namespace sendsim::calibrate {
namespace {

data::Figure fig(double v) {
  data::Figure f;
  f.value = v;
  f.source = {"synthetic.csv", 1, "x"};
  return f;
}

/// `n` LAs whose growth of plans into `origin` exceeds England's by exactly
/// 0.02 + 0.1 x their pressure two years before (England: 1,000 plans
/// growing 10% a year, 250 requests per 1,000 plans).
data::PublishedData panel(int n, int origin) {
  data::PublishedData d;
  for (int y = origin - 4; y <= origin + 2; ++y) {
    d.england.plans[y] = fig(1000 * std::pow(1.1, y - origin));
    d.england.requests[y] = fig(250 * std::pow(1.1, y - origin));
  }
  for (int i = 0; i < n; ++i) {
    data::AreaData la;
    la.old_code = std::to_string(800 + i);
    la.name = "LA " + la.old_code;
    const double x_lag = 0.3 * (i % 7 - 3) / 3.0;  // pressure at origin-2, -0.3 .. 0.3
    const double x_now = -x_lag;                   // pressure at origin-1
    const double excess = 0.02 + 0.1 * x_lag;
    const double p1 = 500.0 + 10 * i;  // plans January origin-1
    for (int y = origin - 4; y <= origin - 1; ++y) la.plans[y] = fig(p1 * std::pow(1.1, y - (origin - 1)));
    la.plans[origin] = fig(p1 * 1.1 * std::exp(excess));
    const double pe2 = *d.england.requests[origin - 2].value / *d.england.plans[origin - 2].value;
    const double pe1 = *d.england.requests[origin - 1].value / *d.england.plans[origin - 1].value;
    la.requests[origin - 2] = fig(*la.plans[origin - 2].value * pe2 * std::exp(x_lag));
    la.requests[origin - 1] = fig(*la.plans[origin - 1].value * pe1 * std::exp(x_now));
    d.las[la.old_code] = la;
  }
  return d;
}

TEST(Pooled, RecoversTheSlopeAndInterceptOfTheExcessGrowth) {
  const auto d = panel(30, 2022);
  const auto p = pooled_growth(d, 2022);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->las, 30);
  EXPECT_NEAR(p->slope, 0.1, 1e-9);
  EXPECT_NEAR(p->intercept, 0.02, 1e-9);
  // The prediction uses the pressure one year later (calendar origin-1).
  const data::AreaData& la = d.las.at("800");  // x_lag = -0.3, so x_now = +0.3
  const auto ex = predicted_excess(*p, la, d.england);
  ASSERT_TRUE(ex.has_value());
  EXPECT_NEAR(*ex, 0.02 + 0.1 * 0.3, 1e-9);
}

TEST(Pooled, TooFewLasGiveNoRegression) {
  EXPECT_FALSE(pooled_growth(panel(kPooledMinLas - 1, 2022), 2022).has_value());
  EXPECT_TRUE(pooled_growth(panel(kPooledMinLas, 2022), 2022).has_value());
}

TEST(Pooled, SeesNothingPublishedAfterTheOrigin) {
  const auto d = panel(25, 2022);
  auto changed = d;
  for (auto& [code, la] : changed.las) {
    la.plans[2023] = fig(1e6);
    la.requests[2022] = fig(1e6);  // calendar 2022 is published with January 2023
  }
  changed.england.plans[2023] = fig(1.0);
  changed.england.requests[2022] = fig(1.0);
  const auto a = pooled_growth(d, 2022), b = pooled_growth(changed, 2022);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->slope, b->slope);
  EXPECT_EQ(a->intercept, b->intercept);
  EXPECT_EQ(*predicted_excess(*a, d.las.at("805"), d.england),
            *predicted_excess(*b, changed.las.at("805"), changed.england));
}

TEST(Pooled, TheScaleMixtureRecoversACoreAndItsJumps) {
  // 4,000 residuals: sd 0.02, and in one year in ten sd 0.1 instead.
  std::mt19937_64 gen(20261201);
  std::normal_distribution<double> z;
  std::uniform_real_distribution<double> u;
  std::vector<double> e;
  for (int i = 0; i < 4000; ++i) e.push_back(z(gen) * (u(gen) < 0.1 ? 0.1 : 0.02));
  const auto [core, p, jump] = fit_scale_mixture(e);
  EXPECT_NEAR(core, 0.02, 0.002);
  EXPECT_NEAR(p, 0.1, 0.02);
  EXPECT_NEAR(jump, 0.1, 0.01);
  // One normal alone: the jumps' share falls to the floor or their sd to the core's.
  std::vector<double> one;
  for (int i = 0; i < 4000; ++i) one.push_back(0.05 * z(gen));
  const auto [c1, p1, j1] = fit_scale_mixture(one);
  EXPECT_TRUE(p1 <= 0.05 || j1 < 1.3 * c1) << p1 << " " << c1 << " " << j1;
}

TEST(Pooled, TheTailsSeeNothingPublishedAfterTheOriginAndMoveWithWhatIsBefore) {
  const auto d = panel(40, 2022);
  const auto a = growth_tails(d, 2022);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->la_years, 40 * 4);  // growths into January 2019 .. 2022
  auto later = d;
  for (auto& [code, la] : later.las) la.plans[2023] = fig(1e6);
  later.england.plans[2023] = fig(1.0);
  const auto b = growth_tails(later, 2022);
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(a->core_sd, b->core_sd);
  EXPECT_EQ(a->jump_probability, b->jump_probability);
  EXPECT_EQ(a->jump_sd, b->jump_sd);
  EXPECT_EQ(a->note, b->note);
  // A jump in one LA's January 2021 moves them.
  auto before = d;
  before.las.at("805").plans[2021] = fig(*before.las.at("805").plans[2021].value * 1.5);
  const auto c = growth_tails(before, 2022);
  ASSERT_TRUE(c.has_value());
  EXPECT_NE(a->jump_sd, c->jump_sd);
  // Too few LA-years: none.
  EXPECT_FALSE(growth_tails(panel(20, 2022), 2022).has_value());
}

TEST(Pooled, TheEstimateAddsThePredictedExcessToEnglandsGrowth) {
  // Southend-on-Sea's real series (tests/data/published) with a regression
  // given by hand: the growth into the origin is England's last plus the
  // excess the regression predicts from the LA's requests per plan in 2021.
  const data::PublishedData d = data::load_published(std::filesystem::path(SENDSIM_TEST_DATA) / "published");
  const data::AreaData& la = d.find("882");
  PooledGrowth p;
  p.origin = 2022;
  p.las = 100;
  p.intercept = 0.02;
  p.slope = 0.1;
  p.note = "by hand";
  const auto x = request_pressure(la, d.england, 2021);
  ASSERT_TRUE(x.has_value());
  const double nat = std::log(*d.england.plans.at(2022).value / *d.england.plans.at(2021).value);
  const double excess = std::clamp(0.02 + 0.1 * *x, -0.1, 0.1);
  const Estimate with = estimate(la, d.england, 2022, &p);
  EXPECT_NEAR(with.growth_target.value, std::expm1(nat + excess), 1e-12);
  double fade = 0;
  for (int k = 0; k < kAlignYears; ++k) fade += std::pow(kExcessPersistence, k);
  EXPECT_NEAR(with.forecast_growth.value, kAlignYears * nat + excess * fade, 1e-12);
  EXPECT_NE(with.growth_target.note.find("by hand"), std::string::npos) << with.growth_target.note;
  // Without a regression: England's growth alone, and the note says so.
  const Estimate without = estimate(la, d.england, 2022, nullptr);
  EXPECT_NEAR(without.growth_target.value, std::expm1(nat), 1e-12);
  EXPECT_NE(without.growth_target.note.find("no regression across LAs: no excess"), std::string::npos);
  // The request trend is England's growth of plans, in both.
  EXPECT_NEAR(with.trend.value, std::expm1(nat), 1e-12);
  EXPECT_EQ(with.trend.value, without.trend.value);
}

TEST(Pooled, AMissingPressureGivesNoExcess) {
  auto d = panel(30, 2022);
  const auto p = pooled_growth(d, 2022);
  ASSERT_TRUE(p.has_value());
  data::AreaData la = d.las.at("801");
  la.requests.erase(2021);
  EXPECT_FALSE(predicted_excess(*p, la, d.england).has_value());
  la.requests[2021] = fig(0);
  EXPECT_FALSE(predicted_excess(*p, la, d.england).has_value());
}

}  // namespace
}  // namespace sendsim::calibrate
