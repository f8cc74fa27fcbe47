// tests/send/uncertainty_test.cpp: input uncertainty in the domain. The draws
// (the same seed and replication draw the same values, other replications
// others; their mean and spread; clamping at the bounds; factors on compound
// values), that the other streams do not move (an entry with sd 0 gives the
// same replication as no entry, but for the uncertain_draws table), and that
// an uncertain request trend widens the interval of EHC plans over
// replications.
#include "send/uncertainty.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "engine/stats.hpp"
#include "send/world.hpp"
#include "tiny_model.hpp"

namespace sendsim::send {
namespace {

using testing::tiny_scenario;
using Draws = std::vector<std::pair<std::string, double>>;

UncertainParameter normal(const std::string& parameter, double mean, double sd) {
  return {parameter, false, Distribution::kNormal, mean, sd, 0, std::nullopt, ""};
}

UncertainParameter factor(const std::string& parameter, Distribution d, double a, double b, double c = 0) {
  return {parameter, true, d, a, b, c, std::nullopt, ""};
}

/// The value `entry` applies in each of `n` replications of seed 7.
std::vector<double> applied(const UncertainParameter& entry, std::size_t n) {
  Model model = tiny_scenario().model;
  model.uncertainty = {entry};
  std::vector<double> values;
  for (std::size_t r = 0; r < n; ++r) {
    Model copy = model;
    Draws draws;
    apply_uncertainty(copy, 7, r, &draws);
    values.push_back(draws.at(0).second);
  }
  return values;
}

double mean_of(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

double sd_of(const std::vector<double>& v) {
  const double m = mean_of(v);
  double sum = 0;
  for (double x : v) sum += (x - m) * (x - m);
  return std::sqrt(sum / static_cast<double>(v.size() - 1));
}

TEST(Uncertainty, SameSeedAndReplicationDrawTheSameValuesOthersDiffer) {
  Model model = tiny_scenario().model;
  model.uncertainty = {
      normal("requests.trend", 0.06, 0.02),
      factor("review.leave_education", Distribution::kLognormal, 1.0, 0.1),
      {"assessment.refusal_share", false, Distribution::kTriangular, 0.2, 0.25, 0.3, std::nullopt, ""},
      {"migration.plans_moving_in", false, Distribution::kUniform, 40, 60, 0, std::nullopt, ""}};
  Model a = model, b = model, c = model, d = model;
  Draws da, db, dc, dd;
  apply_uncertainty(a, 42, 3, &da);
  apply_uncertainty(b, 42, 3, &db);
  apply_uncertainty(c, 42, 4, &dc);
  apply_uncertainty(d, 43, 3, &dd);
  ASSERT_EQ(da.size(), 4u);
  EXPECT_EQ(da, db);
  for (std::size_t i = 0; i < da.size(); ++i) {
    EXPECT_EQ(da[i].first, model.uncertainty[i].parameter);  // in file order
    EXPECT_NE(da[i].second, dc[i].second) << da[i].first;
    EXPECT_NE(da[i].second, dd[i].second) << da[i].first;
  }
  // Applied to the model: replaced values, and the factor on every entry.
  EXPECT_EQ(a.requests.trend, da[0].second);
  for (std::size_t band = 0; band < kAgeBandCount; ++band) {
    EXPECT_DOUBLE_EQ(a.review.leave_education[band], model.review.leave_education[band] * da[1].second);
  }
  EXPECT_EQ(a.assessment.refusal_share, da[2].second);
  EXPECT_EQ(a.migration.plans_moving_in, da[3].second);
  EXPECT_GE(da[2].second, 0.2);
  EXPECT_LE(da[2].second, 0.3);
  EXPECT_GE(da[3].second, 40);
  EXPECT_LT(da[3].second, 60);
  // Nothing else changed.
  EXPECT_EQ(a.requests.direct_per_1000, model.requests.direct_per_1000);
  EXPECT_EQ(a.review.step_up, model.review.step_up);
}

TEST(Uncertainty, ReplicationsComeInAntitheticPairs) {
  // Replications 2k and 2k+1 mirror each other through the distribution
  // function: a normal's deviations cancel, a lognormal's logs, a uniform's
  // and a triangular's distribution functions add to 1; the next pair differs.
  const auto n = applied(normal("requests.trend", 0.06, 0.02), 6);
  const auto ln = applied(factor("review.leave_education", Distribution::kLognormal, 1.0, 0.1), 6);
  const auto u =
      applied({"migration.plans_moving_in", false, Distribution::kUniform, 40, 60, 0, std::nullopt, ""}, 6);
  const auto t = applied(
      {"assessment.refusal_share", false, Distribution::kTriangular, 0.2, 0.22, 0.3, std::nullopt, ""}, 6);
  auto tri_cdf = [](double x) {
    return x < 0.22 ? (x - 0.2) * (x - 0.2) / (0.1 * 0.02) : 1.0 - (0.3 - x) * (0.3 - x) / (0.1 * 0.08);
  };
  for (std::size_t k = 0; k < 3; ++k) {
    const std::size_t a = 2 * k, b = 2 * k + 1;
    EXPECT_NE(n[a], n[b]);
    EXPECT_NEAR(n[a] - 0.06, -(n[b] - 0.06), 1e-15);
    EXPECT_NEAR(std::log(ln[a]), -std::log(ln[b]), 1e-12);
    EXPECT_NEAR(u[a] + u[b], 100.0, 1e-9);
    EXPECT_NEAR(tri_cdf(t[a]) + tri_cdf(t[b]), 1.0, 1e-9);
  }
  EXPECT_NE(n[0], n[2]);
  EXPECT_NE(n[2], n[4]);
  EXPECT_NEAR((n[0] + n[1] + n[2] + n[3]) / 4, 0.06, 1e-15);
}

TEST(Uncertainty, NoEntriesDrawNothingAndChangeNothing) {
  Model model = tiny_scenario().model;
  const Model before = model;
  Draws draws{{"stale", 1.0}};
  apply_uncertainty(model, 42, 0, &draws);
  EXPECT_TRUE(draws.empty());
  EXPECT_EQ(model.requests.trend, before.requests.trend);
}

TEST(Uncertainty, NormalDrawsHaveTheirMeanAndSd) {
  // 2000 draws: the sample mean within 4 standard errors (4 * 0.02 / sqrt(2000)
  // = 0.0018) and the sample sd within about 4 of its standard errors
  // (4 * 0.02 / sqrt(2 * 2000) = 0.0013).
  const auto values = applied(normal("requests.trend", 0.06, 0.02), 2000);
  EXPECT_NEAR(mean_of(values), 0.06, 0.0018);
  EXPECT_NEAR(sd_of(values), 0.02, 0.0013);
}

TEST(Uncertainty, OtherDistributionsStayInTheirRangeAroundTheirCentre) {
  // Lognormal factor: the log of the draws is normal(log median, sd_log).
  auto logs = applied(factor("review.leave_education", Distribution::kLognormal, 1.0, 0.1), 2000);
  for (double& x : logs) x = std::log(x);
  EXPECT_NEAR(mean_of(logs), 0.0, 4 * 0.1 / std::sqrt(2000.0));
  EXPECT_NEAR(sd_of(logs), 0.1, 4 * 0.1 / std::sqrt(4000.0));
  // Uniform and triangular: within their ends, means (min + max) / 2 and (min + mode + max) / 3.
  const auto uniform = applied(
      {"migration.plans_moving_in", false, Distribution::kUniform, 40, 60, 0, std::nullopt, ""}, 2000);
  EXPECT_GE(*std::min_element(uniform.begin(), uniform.end()), 40);
  EXPECT_LT(*std::max_element(uniform.begin(), uniform.end()), 60);
  EXPECT_NEAR(mean_of(uniform), 50, 4 * 20 / std::sqrt(12.0 * 2000));
  const auto tri = applied(
      {"assessment.refusal_share", false, Distribution::kTriangular, 0.2, 0.22, 0.3, std::nullopt, ""}, 2000);
  EXPECT_GE(*std::min_element(tri.begin(), tri.end()), 0.2);
  EXPECT_LE(*std::max_element(tri.begin(), tri.end()), 0.3);
  EXPECT_NEAR(mean_of(tri), (0.2 + 0.22 + 0.3) / 3, 0.002);
}

TEST(Uncertainty, AJumpGivesTheLognormalItsHeavyTailAndKeepsItsMean) {
  // With probability 0.2 the log factor's sd is 0.8 instead of 0.1: the log
  // draws are a mixture of two normals, sd sqrt(0.8 * 0.01 + 0.2 * 0.64) =
  // 0.369, and a share of them beyond 0.5 (5 core sds) of 0.2 x P(|z| >
  // 0.625) = 0.2 x 0.532 = 0.106, where the core alone gives none.
  UncertainParameter jump = factor("review.leave_education", Distribution::kLognormal, 1.0, 0.1);
  jump.jump_probability = 0.2;
  jump.jump_sd = 0.8;
  // The median of mean one.
  jump.a = 1.0 / (0.8 * std::exp(0.5 * 0.01) + 0.2 * std::exp(0.5 * 0.64));
  const auto values = applied(jump, 4000);
  std::vector<double> logs;
  int beyond = 0;
  for (double x : values) {
    logs.push_back(std::log(x / jump.a));
    beyond += std::abs(logs.back()) > 0.5;
  }
  EXPECT_NEAR(sd_of(logs), 0.369, 0.02);
  EXPECT_NEAR(beyond / 4000.0, 0.106, 0.02);
  // The mean factor is one (its sd is about 0.4, so 4 standard errors are 0.025).
  EXPECT_NEAR(mean_of(values), 1.0, 0.025);
  // The mirror keeps the component: a pair's logs are opposite.
  EXPECT_NEAR(logs[0], -logs[1], 1e-12);
  // The jump's uniform is drawn after the normal, so each draw shares its
  // normal with the entry without a jump: its log is the same, or 8 times it.
  const auto plain = applied(factor("review.leave_education", Distribution::kLognormal, 1.0, 0.1), 50);
  int jumped = 0;
  for (std::size_t r = 0; r < plain.size(); ++r) {
    const double ratio = logs[r] / std::log(plain[r]);
    EXPECT_TRUE(std::abs(ratio - 1) < 1e-9 || std::abs(ratio - 8) < 1e-9) << r << ": " << ratio;
    jumped += std::abs(ratio - 8) < 1e-9;
  }
  EXPECT_GT(jumped, 0);
  EXPECT_LT(jumped, 25);
}

TEST(Uncertainty, ANormalJumpWidensTheTailsAndKeepsTheMean) {
  // Mean 1, sd 0.1, and in a quarter of draws sd 0.25 (never below 0, so
  // nothing is clamped): sd sqrt(0.75 * 0.01 + 0.25 * 0.0625) = 0.152;
  // beyond 1 +- 0.3 a share 0.75 x P(|z| > 3) + 0.25 x P(|z| > 1.2) =
  // 0.002 + 0.0575 = 0.0595, where the core alone gives 0.0027.
  UncertainParameter jump = factor("review.leave_education", Distribution::kNormal, 1.0, 0.1);
  jump.jump_probability = 0.25;
  jump.jump_sd = 0.25;
  const auto values = applied(jump, 4000);
  int beyond = 0;
  for (double x : values) beyond += std::abs(x - 1) > 0.3;
  EXPECT_NEAR(sd_of(values), 0.152, 0.008);
  EXPECT_NEAR(beyond / 4000.0, 0.0595, 0.015);
  EXPECT_NEAR(mean_of(values), 1.0, 1e-9);  // antithetic pairs: each pair's mean is 1
}

TEST(Uncertainty, DrawsAreClampedToTheParameterBounds) {
  // refusal_share is a share in [0, 1]: a wide normal clamps at both ends.
  const auto values = applied(normal("assessment.refusal_share", 0.5, 2.0), 500);
  EXPECT_EQ(*std::min_element(values.begin(), values.end()), 0.0);
  EXPECT_EQ(*std::max_element(values.begin(), values.end()), 1.0);
  // A factor: every entry it multiplies is clamped (a share stays within 1),
  // an entry of 0 stays 0, and a factor below 0 counts as 0.
  Model model = tiny_scenario().model;
  const ByAgeBand before = model.review.leave_education;  // {0, 0, 0, 0.08, 0.25}
  EXPECT_EQ(apply_draw(model, factor("review.leave_education", Distribution::kUniform, 3, 5), 3.5), 3.5);
  EXPECT_EQ(model.review.leave_education[0], 0.0);
  EXPECT_DOUBLE_EQ(model.review.leave_education[3], before[3] * 3.5);
  EXPECT_DOUBLE_EQ(model.review.leave_education[4], 0.875);
  EXPECT_EQ(apply_draw(model, factor("review.leave_education", Distribution::kUniform, 3, 5), 5), 5);
  EXPECT_EQ(model.review.leave_education[4], 1.0);  // 0.875 * 5, clamped
  EXPECT_EQ(apply_draw(model, factor("requests.trend", Distribution::kNormal, 1, 2), -0.7), 0.0);
  EXPECT_EQ(model.requests.trend, 0.0);
  // A replaced value: the clamped value is what is applied and reported.
  EXPECT_EQ(apply_draw(model, normal("requests.trend", 0.9, 1), 1.7), 1.0);
  EXPECT_EQ(model.requests.trend, 1.0);
  EXPECT_EQ(apply_draw(model, normal("requests.trend", 0.9, 1), -3), -0.5);
}

TEST(Uncertainty, AParameterThatCannotBeUncertainIsRefusedAndNothingChanges) {
  Model model = tiny_scenario().model;
  model.uncertainty = {normal("requests.trend", 0.5, 0.1), normal("assessment.assessors", 5, 1)};
  const double trend = model.requests.trend;
  EXPECT_THROW(apply_uncertainty(model, 1, 0), std::invalid_argument);
  EXPECT_EQ(model.requests.trend, trend);
  EXPECT_EQ(find_uncertain_target("assessment.assessors"), nullptr);
  ASSERT_NE(find_uncertain_target("review.step_up"), nullptr);
  EXPECT_EQ(find_uncertain_target("review.step_up")->size, kAgeBandCount);
}

TEST(Uncertainty, OneEntryOfACompoundValueIsNamedByItsCode) {
  const UncertainSlot inmss = find_uncertain_slot("placement.preference.inmss");
  ASSERT_NE(inmss.target, nullptr);
  EXPECT_EQ(inmss.target->path, "placement.preference");
  EXPECT_EQ(inmss.offset, 3u);
  EXPECT_EQ(inmss.size, 1u);
  const UncertainSlot band = find_uncertain_slot("review.cease_needs_met.16_19");
  ASSERT_NE(band.target, nullptr);
  EXPECT_EQ(band.offset, 3u);
  const UncertainSlot whole = find_uncertain_slot("placement.preference");
  EXPECT_EQ(whole.offset, 0u);
  EXPECT_EQ(whole.size, kSettingTypeCount);
  EXPECT_EQ(find_uncertain_slot("placement.preference.inms").target, nullptr);
  EXPECT_EQ(find_uncertain_slot("requests.trend.x").target, nullptr);  // a single number has no entries
  EXPECT_EQ(find_uncertain_slot("assessment.assessors").target, nullptr);

  // A factor on one entry multiplies that number only; a value replaces it only.
  Model model = tiny_scenario().model;
  model.placement.preference = {1.0, 1.0, 2.0, 4.0};
  EXPECT_EQ(apply_draw(model, factor("placement.preference.inmss", Distribution::kNormal, 1, 0.1), 0.5), 0.5);
  EXPECT_EQ(model.placement.preference, (ByType{1.0, 1.0, 2.0, 2.0}));
  EXPECT_EQ(apply_draw(model, normal("placement.preference.special", 1, 0.1), 3), 3);
  EXPECT_EQ(model.placement.preference, (ByType{1.0, 1.0, 3.0, 2.0}));
  EXPECT_EQ(apply_draw(model, normal("placement.preference.mainstream", 1, 0.1), 500), 100);  // clamped
  EXPECT_EQ(model.placement.preference, (ByType{100.0, 1.0, 3.0, 2.0}));
}

TEST(Uncertainty, EveryParameterTheBriefNamesCanBeUncertain) {
  for (const char* path : {"requests.trend",
                           "requests.rate_from_support",
                           "requests.direct_per_1000",
                           "assessment.refusal_share",
                           "assessment.no_plan_share",
                           "assessment.assessors_growth",
                           "review.step_up",
                           "review.step_down",
                           "review.cease_needs_met",
                           "review.leave_education",
                           "migration.plans_moving_in",
                           "migration.move_in_age_mix",
                           "migration.plan_move_out_rate",
                           "migration.support_move_out_rate",
                           "identification.rate",
                           "identification.exit_rate",
                           "demand.induced_elasticity",
                           "costs.inflation",
                           "dsg.growth",
                           "placement.specialist_factor",
                           "tribunal.appeal_share_refusal"}) {
    EXPECT_NE(find_uncertain_target(path), nullptr) << path;
  }
}

TEST(Uncertainty, AnEntryWithSdZeroLeavesEveryOtherStreamAsItWas) {
  const Scenario plain = tiny_scenario();
  Scenario certain = plain;
  certain.model.uncertainty = {normal("requests.trend", plain.model.requests.trend, 0.0),
                               factor("review.step_up", Distribution::kNormal, 1.0, 0.0)};
  for (std::size_t r = 0; r < 2; ++r) {
    const auto a = simulate_replication(plain, 42, r);
    const auto b = simulate_replication(certain, 42, r);
    EXPECT_EQ(a.fingerprint, b.fingerprint);
    EXPECT_EQ(a.events, b.events);
    EXPECT_EQ(a.find("uncertain_draws"), nullptr);  // no entries: no table
    ASSERT_EQ(b.tables.size(), a.tables.size() + 1);
    for (std::size_t t = 0; t < a.tables.size(); ++t) {
      EXPECT_EQ(a.tables[t].info.name, b.tables[t].info.name);
      EXPECT_EQ(a.tables[t].rows, b.tables[t].rows) << a.tables[t].info.name;
    }
    const Table& draws = b.tables.back();
    EXPECT_EQ(draws.info.name, "uncertain_draws");
    EXPECT_EQ(draws.info.columns, std::vector<std::string>{"parameter"});
    ASSERT_EQ(draws.rows.size(), 2u);
    EXPECT_EQ(draws.rows.at({"requests.trend"}), plain.model.requests.trend);
    EXPECT_EQ(draws.rows.at({"review.step_up"}), 1.0);
  }
}

TEST(Uncertainty, TheWorldRunsOnTheDrawsAndTheScenarioKeepsTheDistribution) {
  Scenario sc = tiny_scenario();
  sc.model.uncertainty = {normal("requests.trend", 0.2, 0.05)};
  const auto a = simulate_replication(sc, 42, 0);
  const auto b = simulate_replication(sc, 42, 0);
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  EXPECT_EQ(sc.model.requests.trend, 0.03);  // the scenario is not changed
  const double drawn = a.find("uncertain_draws")->rows.at({"requests.trend"});
  Draws draws;
  Model model = sc.model;
  apply_uncertainty(model, 42, 0, &draws);
  EXPECT_EQ(drawn, draws.at(0).second);  // the World drew from the same stream
  // A much higher trend: more requests than the plain model's.
  const auto plain = simulate_replication(tiny_scenario(), 42, 0);
  auto total_requests = [](const ReplicationResult& r) {
    double sum = 0;
    for (const auto& [key, v] : r.find("flows")->rows) sum += key[1] == "requests" ? v : 0.0;
    return sum;
  };
  EXPECT_GT(total_requests(a), total_requests(plain));
}

/// 95% interval of the mean of EHC plans at the last census over 20 replications.
engine::Summary plans_at_last_census(const Scenario& sc) {
  std::vector<double> plans;
  for (std::size_t r = 0; r < 20; ++r) {
    const auto result = simulate_replication(sc, 11, r);
    const Table& snapshot = *result.find("ehc_snapshot");
    std::string last;
    for (const auto& [key, v] : snapshot.rows) last = std::max(last, key[0]);
    double total = 0;
    for (const auto& [key, v] : snapshot.rows) total += key[0] == last ? v : 0.0;
    plans.push_back(total);
  }
  return engine::summarise(plans);
}

TEST(Uncertainty, AnUncertainTrendWidensTheIntervalOfPlans) {
  Scenario fixed = tiny_scenario();
  fixed.model.uncertainty = {normal("requests.trend", 0.03, 0.0)};
  Scenario uncertain = fixed;
  uncertain.model.uncertainty[0].b = 0.03;
  const engine::Summary narrow = plans_at_last_census(fixed);
  const engine::Summary wide = plans_at_last_census(uncertain);
  EXPECT_GT(wide.ci_high - wide.ci_low, narrow.ci_high - narrow.ci_low)
      << "sd 0: " << narrow.ci_low << " to " << narrow.ci_high << "; sd 0.03: " << wide.ci_low << " to "
      << wide.ci_high;
}

}  // namespace
}  // namespace sendsim::send
