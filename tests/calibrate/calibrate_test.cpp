// tests/calibrate/calibrate_test.cpp: the calibration on synthetic and real
// published series: recovery of known rates, no look-ahead, the model file
// is valid and runs, and the backtest's scoring.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "calibrate/backtest.hpp"
#include "calibrate/estimate.hpp"
#include "calibrate/figures.hpp"
#include "calibrate/fit.hpp"
#include "calibrate/series.hpp"
#include "calibrate/spreads.hpp"
#include "data/published.hpp"
#include "scenario/loader.hpp"

namespace sendsim::calibrate {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("sendsim-calibrate-test-" + name);
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

data::Figure fig(double v, const std::string& column, std::size_t line = 1) {
  data::Figure f;
  f.value = v;
  f.source = {"synthetic.csv", line, column};
  return f;
}

/// A synthetic area whose series are what a model with known parameters
/// produced (the mean over replications of a simulation), in the shape the
/// readers give: the "truth" the calibration should recover.
struct Synthetic {
  data::AreaData la;
  data::AreaData england;
  Estimate truth;
};

Synthetic make_synthetic(const fs::path& dir) {
  Synthetic s;
  // A seed area to shape the true model: 2,000 plans growing 8% a year.
  data::AreaData seed;
  seed.old_code = "999";
  seed.new_code = "E06999999";
  seed.name = "Synthetic Borough";
  std::array<double, 26> ages{};
  for (int a = 0; a < 26; ++a) ages[a] = 2400 - 10 * a;
  for (int y : {2014, 2015}) {
    for (int a = 0; a < 26; ++a)
      seed.population[y][a] = fig(ages[a] * (y == 2015 ? 1.005 : 1.0), std::to_string(a));
  }
  for (int y = 2010; y <= 2016; ++y) {
    const double p = 2000 * std::pow(1.08, y - 2014);
    seed.plans[y] = fig(p, "ehcplans", y);
    const std::array<double, 10> share = {0.45, 0.04, 0.30, 0.02, 0.06, 0.08, 0.01, 0.01, 0.01, 0.02};
    for (int g = 0; g < 10; ++g) seed.plans_by_placement[g][y] = fig(p * share[g], "placement");
    const std::array<double, 5> band = {0.04, 0.33, 0.35, 0.21, 0.07};
    for (int b = 0; b < 5; ++b) seed.plans_by_age_band[b][y] = fig(p * band[b], "age");
    seed.requests[y] = fig(0.25 * p, "requests", y);
    seed.requests_refused[y] = fig(0.25 * 0.25 * p, "refused", y);
    seed.new_plans[y] = fig(0.16 * p, "new", y);
    seed.assessments_no_plan[y] = fig(0.01 * p, "none", y);
    seed.issued_within_20_weeks_pct[y] = fig(55, "pct20", y);
    seed.ceased[y] = fig(0.08 * p, "ceased", y);
    seed.ceased_moved[y] = fig(0.02 * p, "moved", y);
    seed.ceased_needs_met[y] = fig(0.01 * p, "met", y);
    seed.sen_support_pct[y] = fig(12, "SEN_TotSENSuP", y);
  }
  s.england = seed;  // England's shape is the area's own
  s.truth = estimate(seed, s.england, 2014);
  // The truth: the parameters the calibration must find again.
  s.truth.free.request_scale = 1.25;
  s.truth.free.conversion_scale = 0.9;
  s.truth.free.cease_scale = 1.3;
  s.truth.free.work_shift_weeks = 6.0;
  s.truth.free.stock_scale = 1.0;
  s.truth.trend = {0.05, "synthetic"};
  // Simulate it from September 2012 to August 2019 and publish its means.
  const fs::path file = dir / "truth.yaml";
  {
    std::ofstream out(file);
    out << model_yaml(s.truth, "", false);
  }
  const auto rs = simulate(file, 2019, 12, 77, 0);
  s.la = seed;
  auto mean = [&](Series series, int year) {
    double t = 0;
    for (const auto& r : rs) t += simulated(r, series, year).value_or(0) / static_cast<double>(rs.size());
    return t;
  };
  for (int y = 2013; y <= 2019; ++y) {
    s.la.plans[y] = fig(std::round(mean(Series::kPlans, y)), "ehcplans", y);
    std::array<double, 4> types{};
    for (const auto& r : rs) {
      const auto t = simulated_types(r, y);
      for (int i = 0; i < 4; ++i) types[i] += t[i] / static_cast<double>(rs.size());
    }
    for (auto& g : s.la.plans_by_placement) g.erase(y);
    s.la.plans_by_placement[0][y] = fig(types[0], "mainstream");
    s.la.plans_by_placement[1][y] = fig(types[1], "enhanced");
    s.la.plans_by_placement[2][y] = fig(types[2], "special");
    s.la.plans_by_placement[4][y] = fig(types[3], "independent");
  }
  for (int y = 2013; y <= 2018; ++y) {
    s.la.requests[y] = fig(std::round(mean(Series::kRequests, y)), "requests", y);
    s.la.new_plans[y] = fig(std::round(mean(Series::kNewPlans, y)), "new", y);
    s.la.issued_within_20_weeks_pct[y] = fig(mean(Series::kWithin20Weeks, y), "pct20", y);
  }
  // England's series are the area's own, so that pooling the trend with
  // England's does not pull it away from the truth.
  s.england = s.la;
  return s;
}

TEST(Calibrate, RecoversTheRatesOfASyntheticArea) {
  const fs::path dir = scratch("recovery");
  const Synthetic s = make_synthetic(dir);
  // Calibrate at origin 2018 from the synthetic series (the fit window is
  // September 2016 to January 2018, the trend from 2013-2017, all simulated).
  Estimate e = estimate(s.la, s.england, 2018);
  FitOptions o;
  o.replications = 6;
  o.rounds = 8;
  o.final_replications = 24;
  o.scratch = dir / "fit";
  const FitResult r = fit(e, o);
  // Rates per unit of what drives them: requests per SEN-support child-year
  // and the conversion of requests into plans, against the truth's.
  // (the truth's rate at its start, September 2012, grown to the calibrated
  // model's start, September 2016, at the truth's trend)
  const double true_requests = s.truth.direct_per_1000[1] * s.truth.free.request_scale * std::pow(1.05, 4);
  const double got_requests = e.direct_per_1000[1] * e.free.request_scale;
  EXPECT_NEAR(got_requests / true_requests, 1.0, 0.12);
  const double true_conversion = (1 - s.truth.refusal_share.value) * s.truth.free.conversion_scale;
  const double got_conversion = (1 - e.refusal_share.value) * e.free.conversion_scale;
  EXPECT_NEAR(got_conversion, true_conversion, 0.05);
  EXPECT_NEAR(e.free.work_shift_weeks, s.truth.free.work_shift_weeks, 2.5);
  // The trend pools the area's own growth of requests with England's growth
  // of plans (here the area's own): it lies between the two.
  const double g_plans = *s.la.plans.at(2018).value / *s.la.plans.at(2017).value - 1;
  EXPECT_GT(e.trend.value, std::min(0.055, g_plans) - 0.01);
  EXPECT_LT(e.trend.value, std::max(0.055, g_plans) + 0.01);
  // The fitted series near the synthetic "published" values: plans at the
  // origin within 3%, the flows within 6% (the fit table's replications draw
  // the uncertain parameters, the level of requests among them).
  for (const FitRow& row : r.rows) {
    if ((row.series == "plans" && row.year == 2018) || row.series == "requests" ||
        row.series == "new_plans") {
      EXPECT_NEAR(row.mean / row.published, 1.0, row.series == "plans" ? 0.03 : 0.06)
          << row.series << " " << row.year;
    }
  }
  fs::remove_all(dir);
}

TEST(Calibrate, TheModelFileValidatesAndNamesItsSources) {
  const fs::path dir = scratch("valid");
  const Synthetic s = make_synthetic(dir);
  Estimate e = estimate(s.la, s.england, 2018);
  const std::string yaml = model_yaml(e, "", true);
  const fs::path file = dir / "model.yaml";
  std::ofstream(file) << yaml;
  EXPECT_NO_THROW(scenario::validate_file(file));
  EXPECT_NE(yaml.find("synthetic.csv:"), std::string::npos);  // figures name their file and line
  EXPECT_NE(yaml.find("estimated:"), std::string::npos);
  EXPECT_NE(yaml.find("illustrative"), std::string::npos);
  EXPECT_NE(yaml.find("uncertainty:\n  - parameter: requests.trend"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Calibrate, TheNewPlansTiltFollowsEnglandsDriftInShares) {
  EXPECT_DOUBLE_EQ(flow_tilt(1.0), 1.0);
  EXPECT_NEAR(flow_tilt(0.9), 0.85, 1e-12);  // a falling share: fewer new plans name the type
  EXPECT_NEAR(flow_tilt(1.1), 1.15, 1e-12);  // half the drift carried on (kTiltGain 1.5)
  EXPECT_DOUBLE_EQ(flow_tilt(0.5), 0.5);     // within 0.5-2
  EXPECT_DOUBLE_EQ(flow_tilt(1.8), 2.0);
  EXPECT_DOUBLE_EQ(flow_tilt(-1.0), 1.0);  // not published

  const fs::path dir = scratch("tilt");
  const Synthetic s = make_synthetic(dir);
  // England's special schools lose a tenth of their share from January 2016
  // to 2018, the rest gaining it evenly; the LA is as it was.
  data::AreaData england = s.england;
  const double moved = 0.1 * england.plans_by_placement[2].at(2018).value.value();
  england.plans_by_placement[2][2018].value = england.plans_by_placement[2].at(2018).value.value() - moved;
  england.plans_by_placement[0][2018].value = england.plans_by_placement[0].at(2018).value.value() + moved;
  std::string note;
  const auto first = detail::type_shares(england, 2016, note);
  const auto last = detail::type_shares(england, 2018, note);
  ASSERT_TRUE(first && last);
  const Estimate e = estimate(s.la, england, 2018);
  for (int t = 0; t < kTypes; ++t)
    EXPECT_NEAR(e.type_drift_england[t].value, (*last)[t] / (*first)[t], 1e-12) << t;
  EXPECT_LT(e.type_drift_england[2].value, 0.91);
  EXPECT_GT(e.type_drift_england[0].value, 1.0);
  EXPECT_NE(e.type_drift_england[2].note.find("England: "), std::string::npos);

  // Without England's placements for January Y-2 there is no drift.
  data::AreaData no_first = england;
  for (auto& g : no_first.plans_by_placement) g.erase(2016);
  const Estimate n = estimate(s.la, no_first, 2018);
  for (int t = 0; t < kTypes; ++t) EXPECT_LT(n.type_drift_england[t].value, 0) << t;

  // The model carries the initial plans' factors, and validates.
  Estimate w = e;
  w.free.stock_type_weight = {0.875, 1, 1.5, 0.9};
  const std::string yaml = model_yaml(w, "", false);
  EXPECT_NE(yaml.find("  plan_type_weight: {mainstream: 0.875, enhanced: 1, special: 1.5, inmss: 0.9}\n"
                      "    # estimated: 1 / the new plans' tilt"),
            std::string::npos);
  const fs::path file = dir / "tilted.yaml";
  std::ofstream(file) << yaml;
  EXPECT_NO_THROW(scenario::validate_file(file));
  fs::remove_all(dir);
}

TEST(Calibrate, TheTypesSwingsComeFromTheLasShareChangesAndTheirNewPlans) {
  // Plans in mainstream (group 0) and state special (group 2) only, 1,000
  // a year; special's share is 0.30 x exp(the log shares below) from
  // January 2017 to 2023, and January 2021 is a series break: the change
  // into 2021 is left out, leaving those into 2019, 2020, 2022 and 2023 of
  // the five years to the origin 2023.
  data::AreaData la;
  const std::array<double, 7> log_share = {0, 0.1, 0, 0.1, 0.5, 0.4, 0.3};  // 2017..2023
  for (int y = 2017; y <= 2023; ++y) {
    const double special = 300.0 * std::exp(log_share[static_cast<std::size_t>(y - 2017)]);
    la.plans_by_placement[2][y] = fig(special, "special");
    la.plans_by_placement[0][y] = fig(1000.0 - special, "mainstream");
  }
  la.breaks.push_back({2021, "sen2", "a break", {}});
  la.new_plans_by_placement[2][2022] = fig(40, "special new");
  Estimate e;
  e.origin = 2023;
  type_share_spreads(e, la);
  // Special: the changes -0.1 (2019), 0.1 (2020), -0.1 (2022), -0.1 (2023)
  // in log share.
  std::vector<double> d;
  for (int y : {2019, 2020, 2022, 2023})
    d.push_back(log_share[static_cast<std::size_t>(y - 2017)] -
                log_share[static_cast<std::size_t>(y - 2018)]);
  double m = 0, ss = 0;
  for (double x : d) m += x / 4.0;
  for (double x : d) ss += (x - m) * (x - m);
  const double sd = std::sqrt(ss / 3.0);
  EXPECT_NEAR(e.type_share_sd[2].value, sd, 1e-12);
  EXPECT_NE(e.type_share_sd[2].note.find("4 changes to January 2023"), std::string::npos);
  const double stock = 300.0 * std::exp(0.3);
  EXPECT_NEAR(e.type_inflow[2].value, 40.0 / stock, 1e-12);
  // No new plans by placement in mainstream: no inflow, so no swing.
  EXPECT_LT(e.type_inflow[0].value, 0);
  EXPECT_EQ(type_swing(e, 0, 0.6).value, 0.0);
  // Enhanced has no plans: no share changes.
  EXPECT_LT(e.type_share_sd[1].value, 0);
  // The swing of special for new plans a third of which name it.
  const double raw = kTypeSwingScale * sd / ((40.0 / stock) * (1.0 - 1.0 / 3.0));
  EXPECT_NEAR(type_swing(e, 2, 1.0 / 3.0).value, std::min(raw, kTypeSwingMax), 1e-12);
  // A smaller spread stays below the cap and is the formula itself.
  e.type_share_sd[2].value = 0.001;
  EXPECT_NEAR(type_swing(e, 2, 1.0 / 3.0).value,
              kTypeSwingScale * 0.001 / ((40.0 / stock) * (1.0 - 1.0 / 3.0)), 1e-12);
}

TEST(Calibrate, AnOriginWithoutItsCensusesIsRefusedNamingTheSeries) {
  const fs::path dir = scratch("refused");
  const Synthetic s = make_synthetic(dir);
  try {
    (void)estimate(s.la, s.england, 2011);
    FAIL() << "expected a DataError";
  } catch (const data::DataError& err) {
    EXPECT_STREQ(
        err.what(),
        "synthetic.csv: local authority 999 Synthetic Borough: no EHC plans published for January 2008, "
        "needed for a model with origin 2011");
  }
  fs::remove_all(dir);
}

// --- real published rows (tests/data/published/, see tests/data/README.md) ---

const data::PublishedData& published() {
  static const data::PublishedData kData = data::load_published(fs::path(SENDSIM_TEST_DATA) / "published");
  return kData;
}

FitOptions quick(const fs::path& dir) {
  FitOptions o;
  o.replications = 3;
  o.rounds = 4;
  o.final_replications = 3;
  o.threads = 2;
  o.scratch = dir;
  return o;
}

/// Every figure published for a period after `origin` multiplied by 1.5 (a
/// stock after January `origin`, a flow or a financial year from `origin`
/// on, a mid-year population after `origin`), in every area.
data::PublishedData changed_after(const data::PublishedData& in, int origin) {
  data::PublishedData out = in;
  auto change = [&](data::AreaData& a) {
    for (const data::NamedSeries& ns : data::list_series(a)) {
      auto& series = const_cast<data::ByYear&>(*ns.series);  // our own copy
      const bool stock = ns.name.rfind("plans", 0) == 0 || ns.name == "sen_support_pct" ||
                         ns.name == "ehc_pct" || ns.name == "statements";
      for (auto& [year, f] : series) {
        if ((year > origin || (!stock && year == origin)) && f.value) *f.value *= 1.5;
      }
    }
    for (auto& [year, ages] : a.population) {
      if (year > origin) {
        for (auto& f : ages) {
          if (f.value) *f.value *= 1.5;
        }
      }
    }
  };
  for (auto& [code, a] : out.las) change(a);
  change(out.england);
  return out;
}

TEST(Calibrate, SeesNothingPublishedAfterTheOrigin) {
  const fs::path dir = scratch("lookahead");
  const std::string before = calibrate_la(published(), "882", 2022, quick(dir)).yaml;
  const std::string after = calibrate_la(changed_after(published(), 2022), "882", 2022, quick(dir)).yaml;
  EXPECT_EQ(before, after);
  // The same change one year earlier reaches the model (the test can fail).
  const std::string earlier = calibrate_la(changed_after(published(), 2021), "882", 2022, quick(dir)).yaml;
  EXPECT_NE(before, earlier);
  fs::remove_all(dir);
}

TEST(Calibrate, RoundTripCalibrateValidateRun) {
  const fs::path dir = scratch("roundtrip");
  const Calibrated c = calibrate_la(published(), "E06000033", 2024, quick(dir / "fit"));
  EXPECT_EQ(c.estimate.la_code, "882");
  EXPECT_EQ(c.estimate.model_name, "southend-on-sea-2024");
  const fs::path file = dir / "southend.yaml";
  std::ofstream(file) << c.yaml;
  ASSERT_NO_THROW(scenario::validate_file(file));
  // The fit table is in the file, and the model runs and starts near the
  // published January 2024 stock (1,737 plans, sen2 release-2025 caseload).
  EXPECT_NE(c.yaml.find("# Fit (sendsim calibrate)"), std::string::npos);
  const auto rs = simulate(file, 2026, 4, 1, 2);
  ASSERT_EQ(rs.size(), 4u);
  double plans = 0;
  for (const auto& r : rs) plans += simulated(r, Series::kPlans, 2024).value_or(0) / 4;
  EXPECT_NEAR(plans / 1737.0, 1.0, 0.05);
  // Forecast years are in the run: plans at January 2026 exist and grew.
  double later = 0;
  for (const auto& r : rs) later += simulated(r, Series::kPlans, 2026).value_or(0) / 4;
  EXPECT_GT(later, plans);
  fs::remove_all(dir);
}

TEST(Backtest, ScoresCountCoverageAndErrorsAsDefined) {
  // Two hand-made forecasts: one inside every interval, one outside all.
  ForecastRow a;
  a.series = Series::kPlans;
  a.horizon = 1;
  a.actual = 100;
  a.mean = 104;
  a.q = {90, 92, 96, 100, 104, 108, 110};
  a.naive_a = 110;
  a.naive_b = 90;
  a.naive_b_ok = true;
  a.naive_c = 95;
  ForecastRow b = a;
  b.actual = 200;
  b.mean = 150;
  b.naive_a = 200;
  b.naive_b_ok = false;
  const auto scores = score({a, b});
  ASSERT_EQ(scores.size(), 1u);
  const Score& s = scores[0];
  EXPECT_EQ(s.n, 2u);
  EXPECT_DOUBLE_EQ(s.mape, (4.0 + 25.0) / 2);
  EXPECT_DOUBLE_EQ(s.bias_pct, (4.0 - 25.0) / 2);
  EXPECT_DOUBLE_EQ(s.coverage50, 50.0);
  EXPECT_DOUBLE_EQ(s.coverage80, 50.0);
  EXPECT_DOUBLE_EQ(s.coverage90, 50.0);
  EXPECT_DOUBLE_EQ(s.mape_naive_a, (10.0 + 0.0) / 2);
  EXPECT_DOUBLE_EQ(s.mape_naive_b, 10.0);  // only where the LA's own growth was published
  EXPECT_EQ(s.n_naive_b, 1u);
  EXPECT_DOUBLE_EQ(s.mape_naive_c, (5.0 + 52.5) / 2);
  // 80% interval score: width 16 each; b misses by 200 - 108 = 92, times 2/0.2.
  EXPECT_DOUBLE_EQ(s.interval_score80_pct, (16.0 / 100 * 100 + (16.0 + 10 * 92.0) / 200 * 100) / 2);
}

TEST(Backtest, TheTwentyWeekShareIsScoredInPercentagePoints) {
  // 5% forecast as 10% is 5 points, not a 100% error; a count stays in percent.
  ForecastRow a;
  a.series = Series::kWithin20Weeks;
  a.horizon = 1;
  a.actual = 5;
  a.mean = 10;
  a.q = {1, 2, 3, 10, 12, 14, 16};
  a.naive_a = 4;
  a.naive_c = 2;
  ForecastRow b = a;
  b.actual = 40;
  b.mean = 30;
  const auto scores = score({a, b});
  ASSERT_EQ(scores.size(), 1u);
  EXPECT_DOUBLE_EQ(scores[0].mape, (5.0 + 10.0) / 2);
  EXPECT_DOUBLE_EQ(scores[0].bias_pct, (5.0 - 10.0) / 2);
  EXPECT_DOUBLE_EQ(scores[0].mape_naive_a, (1.0 + 36.0) / 2);
  // 80% interval 2-14: a inside (width 12), b outside by 26, times 2/0.2; in points.
  EXPECT_DOUBLE_EQ(scores[0].interval_score80_pct, (12.0 + 12.0 + 10 * 26.0) / 2);
  EXPECT_DOUBLE_EQ(scored_error(Series::kWithin20Weeks, 10, 5), 5.0);
  EXPECT_DOUBLE_EQ(scored_error(Series::kNewPlans, 10, 5), 100.0);
  EXPECT_TRUE(std::isnan(scored_error(Series::kNewPlans, 10, 0)));
}

}  // namespace
}  // namespace sendsim::calibrate
