// tests/scenario/uncertainty_test.cpp: the model section uncertainty on good
// input: every distribution, directly and as a factor (also on compound
// values), the description; the effective YAML writes the distributions back
// and reloads to the same entries; a scenario's list replaces its parent's;
// files without the section load and write as before. The bad cases are rows
// of bad_input_test.cpp (tests/scenarios/bad/uncertainty-*.yaml).
#include "send/uncertainty.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "scenario/error.hpp"
#include "scenario/loader.hpp"

namespace sendsim::scenario {
namespace {

namespace fs = std::filesystem;
using send::Distribution;
using send::UncertainParameter;

class ScenarioUncertainty : public ::testing::Test {
 protected:
  void SetUp() override { fs::current_path(SENDSIM_SOURCE_DIR); }
};

void expect_entry(const UncertainParameter& u, const std::string& parameter, bool factor, Distribution d,
                  double a, double b, double c, const std::string& description = "") {
  EXPECT_EQ(u.parameter, parameter);
  EXPECT_EQ(u.factor, factor) << parameter;
  EXPECT_EQ(u.distribution, d) << parameter;
  EXPECT_EQ(u.a, a) << parameter;
  EXPECT_EQ(u.b, b) << parameter;
  EXPECT_EQ(u.c, c) << parameter;
  EXPECT_EQ(u.description, description) << parameter;
}

void expect_fixture_entries(const std::vector<UncertainParameter>& u) {
  ASSERT_EQ(u.size(), 8u);
  expect_entry(u[0], "requests.trend", false, Distribution::kNormal, 0.06, 0.02, 0,
               "fitted: requests 2015/16-2020/21, log-linear");
  expect_entry(u[1], "review.leave_education", true, Distribution::kLognormal, 1, 0.1, 0);
  expect_entry(u[2], "assessment.refusal_share", false, Distribution::kTriangular, 0.2, 0.25, 0.3);
  expect_entry(u[3], "migration.plans_moving_in", false, Distribution::kUniform, 40, 60, 0);
  expect_entry(u[4], "identification.rate", true, Distribution::kNormal, 1, 0.05, 0);
  expect_entry(u[5], "placement.specialist_factor", true, Distribution::kTriangular, 0.9, 1, 1.2);
  expect_entry(u[6], "costs.inflation", false, Distribution::kLognormal, 0.03, 0.2, 0);
  expect_entry(u[7], "dsg.growth", true, Distribution::kUniform, 0.5, 1.5, 0);
}

TEST_F(ScenarioUncertainty, EveryDistributionLoadsDirectlyAndAsAFactor) {
  const send::Scenario sc = load_scenario("tests/scenario/fixtures/uncertainty.yaml");
  expect_fixture_entries(sc.model.uncertainty);
  // The parameters themselves are as the model writes them: draws are per replication.
  EXPECT_EQ(sc.model.requests.trend, 0.03);
  EXPECT_EQ(sc.model.migration.plans_moving_in, 20);
}

TEST_F(ScenarioUncertainty, WithoutTheSectionThereIsNoUncertaintyAndNoneIsWritten) {
  const send::Scenario sc = load_scenario("tests/scenarios/tiny-scenario.yaml");
  EXPECT_TRUE(sc.model.uncertainty.empty());
  EXPECT_THAT(effective_yaml(sc), ::testing::Not(::testing::HasSubstr("uncertainty")));
}

TEST_F(ScenarioUncertainty, EffectiveYamlWritesTheDistributionsAndReloadsToTheSameEntries) {
  const send::Scenario first = load_scenario("tests/scenario/fixtures/uncertainty.yaml");
  const std::string text = effective_yaml(first);
  EXPECT_THAT(text,
              ::testing::HasSubstr("uncertainty:\n"
                                   "  - parameter: requests.trend\n"
                                   "    normal: {mean: 0.06, sd: 0.02}\n"
                                   "    description: \"fitted: requests 2015/16-2020/21, log-linear\"\n"));
  EXPECT_THAT(text, ::testing::HasSubstr("    factor: {lognormal: {median: 1, sd_log: 0.1}}\n"));
  EXPECT_THAT(text, ::testing::HasSubstr("    triangular: {min: 0.2, mode: 0.25, max: 0.3}\n"));
  EXPECT_THAT(text, ::testing::HasSubstr("    uniform: {min: 40, max: 60}\n"));
  const fs::path out = fs::temp_directory_path() / "sendsim-effective-uncertainty.yaml";
  std::ofstream(out) << text;
  const send::Scenario again = load_scenario(out);
  expect_fixture_entries(again.model.uncertainty);
  const std::string again_text = effective_yaml(again);  // the same but the comment naming the files
  EXPECT_EQ(again_text.substr(again_text.find("\nscenario:")), text.substr(text.find("\nscenario:")));
  fs::remove(out);
}

TEST_F(ScenarioUncertainty, AScenarioListReplacesTheParentsAndAnEmptyListClearsIt) {
  const send::Scenario sc = load_scenario("tests/scenario/fixtures/uncertainty-override.yaml");
  ASSERT_EQ(sc.model.uncertainty.size(), 1u);
  expect_entry(sc.model.uncertainty[0], "tribunal.appeal_share_refusal", false, Distribution::kNormal, 0.1,
               0.02, 0);
  const fs::path dir = fs::temp_directory_path() / "sendsim-uncertainty-test";
  fs::create_directories(dir);
  std::ofstream(dir / "clear.yaml") << "scenario: {name: clear, extends: "
                                    << fs::absolute("tests/scenario/fixtures/uncertainty.yaml").string()
                                    << "}\nuncertainty: []\n";
  EXPECT_TRUE(load_scenario(dir / "clear.yaml").model.uncertainty.empty());
  fs::remove_all(dir);
}

/// DIR/model.yaml: the tiny model with `section` (an uncertainty section) after it.
fs::path tiny_model_with(const fs::path& dir, const std::string& section) {
  fs::create_directories(dir);
  std::ifstream in("tests/scenarios/tiny-model.yaml");
  std::ofstream model(dir / "model.yaml");
  model << in.rdbuf() << section;
  return dir / "model.yaml";
}

TEST_F(ScenarioUncertainty, AModelFileMayDeclareUncertaintyAndDrawsApplyToItsParameters) {
  const fs::path dir = fs::temp_directory_path() / "sendsim-uncertainty-model";
  tiny_model_with(dir,
                  "uncertainty:\n"
                  "  - parameter: review.step_up\n"
                  "    factor: {uniform: {min: 2, max: 2}}\n");
  send::Model m = load_model(dir / "model.yaml");
  ASSERT_EQ(m.uncertainty.size(), 1u);
  const send::ByAgeBand before = m.review.step_up;
  send::apply_uncertainty(m, 1, 0);
  for (std::size_t b = 0; b < before.size(); ++b) EXPECT_DOUBLE_EQ(m.review.step_up[b], 2 * before[b]);
  fs::remove_all(dir);
}

TEST_F(ScenarioUncertainty, JumpsLoadWriteBackAndReload) {
  const fs::path dir = fs::temp_directory_path() / "sendsim-uncertainty-jump";
  tiny_model_with(
      dir,
      "uncertainty:\n"
      "  - parameter: review.leave_education\n"
      "    factor: {lognormal: {median: 0.9, sd_log: 0.2, jump_probability: 0.05, jump_sd_log: 0.6}}\n"
      "    yearly: true\n"
      "  - parameter: requests.direct_per_1000\n"
      "    factor: {normal: {mean: 1, sd: 0.3, jump_probability: 0.1, jump_sd: 0.8}}\n");
  const send::Model m = load_model(dir / "model.yaml");
  ASSERT_EQ(m.uncertainty.size(), 2u);
  expect_entry(m.uncertainty[0], "review.leave_education", true, Distribution::kLognormal, 0.9, 0.2, 0);
  expect_entry(m.uncertainty[1], "requests.direct_per_1000", true, Distribution::kNormal, 1, 0.3, 0);
  EXPECT_EQ(m.uncertainty[1].jump_probability, 0.1);
  EXPECT_EQ(m.uncertainty[1].jump_sd, 0.8);
  EXPECT_EQ(m.uncertainty[0].jump_probability, 0.05);
  EXPECT_EQ(m.uncertainty[0].jump_sd, 0.6);
  std::ofstream(dir / "scenario.yaml") << "scenario: {name: jump, model: model.yaml}\n";
  const std::string text = effective_yaml(load_scenario(dir / "scenario.yaml"));
  EXPECT_THAT(
      text, ::testing::HasSubstr("    factor: {lognormal: {median: 0.9, sd_log: 0.2, jump_probability: 0.05, "
                                 "jump_sd_log: 0.6}}\n"));
  EXPECT_THAT(text, ::testing::HasSubstr(
                        "    factor: {normal: {mean: 1, sd: 0.3, jump_probability: 0.1, jump_sd: 0.8}}\n"));
  std::ofstream(dir / "effective.yaml") << text;
  const send::Scenario again = load_scenario(dir / "effective.yaml");
  ASSERT_EQ(again.model.uncertainty.size(), 2u);
  EXPECT_EQ(again.model.uncertainty[0].jump_probability, 0.05);
  EXPECT_EQ(again.model.uncertainty[0].jump_sd, 0.6);
  EXPECT_EQ(again.model.uncertainty[1].jump_probability, 0.1);
  EXPECT_EQ(again.model.uncertainty[1].jump_sd, 0.8);
  fs::remove_all(dir);
}

TEST_F(ScenarioUncertainty, OneEntryOfAValueLoadsBesideAnotherWritesBackAndReloads) {
  const fs::path dir = fs::temp_directory_path() / "sendsim-uncertainty-entry";
  tiny_model_with(dir,
                  "uncertainty:\n"
                  "  - parameter: placement.preference.inmss\n"
                  "    factor: {lognormal: {median: 0.8, sd_log: 0.6}}\n"
                  "    yearly: true\n"
                  "  - parameter: placement.preference.special\n"
                  "    normal: {mean: 1.2, sd: 0.1}\n");
  const send::Model m = load_model(dir / "model.yaml");
  ASSERT_EQ(m.uncertainty.size(), 2u);
  expect_entry(m.uncertainty[0], "placement.preference.inmss", true, Distribution::kLognormal, 0.8, 0.6, 0);
  expect_entry(m.uncertainty[1], "placement.preference.special", false, Distribution::kNormal, 1.2, 0.1, 0);
  EXPECT_EQ(m.uncertainty[0].yearly, std::optional<bool>(true));
  std::ofstream(dir / "scenario.yaml") << "scenario: {name: entry, model: model.yaml}\n";
  const std::string text = effective_yaml(load_scenario(dir / "scenario.yaml"));
  EXPECT_THAT(text, ::testing::HasSubstr("  - parameter: placement.preference.inmss\n"));
  std::ofstream(dir / "effective.yaml") << text;
  const send::Scenario again = load_scenario(dir / "effective.yaml");
  ASSERT_EQ(again.model.uncertainty.size(), 2u);
  EXPECT_EQ(again.model.uncertainty[0].parameter, "placement.preference.inmss");
  EXPECT_EQ(again.model.uncertainty[1].parameter, "placement.preference.special");
  fs::remove_all(dir);
}

TEST_F(ScenarioUncertainty, NormalTailsAreCheckedAtEightSds) {
  // Both districts of the tiny model have their own schools: even 8 sd below
  // the mean (50 minutes) every rule holds.
  const fs::path dir = fs::temp_directory_path() / "sendsim-uncertainty-tails";
  fs::create_directories(dir);
  const std::string model = fs::absolute("tests/scenarios/tiny-model.yaml").string();
  std::ofstream(dir / "ok.yaml") << "scenario: {name: ok, model: " << model << "}\n"
                                 << "uncertainty:\n"
                                    "  - parameter: policy.max_travel_minutes\n"
                                    "    normal: {mean: 90, sd: 5}\n";
  EXPECT_NO_THROW((void)load_scenario(dir / "ok.yaml"));
  // With North secondary only up to 15, North's 16-25s need South's school,
  // 25 minutes away: the low end of the draw, 20 minutes, would leave them none.
  std::ofstream(dir / "narrow.yaml") << "scenario: {name: narrow, model: " << model << "}\n"
                                     << "policy: {max_travel_minutes: 30}\n"
                                     << "settings:\n"
                                        "  - {name: North secondary, max_age: 15}\n"
                                     << "uncertainty:\n"
                                        "  - parameter: policy.max_travel_minutes\n"
                                        "    uniform: {min: 20, max: 40}\n";
  try {
    (void)load_scenario(dir / "narrow.yaml");
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.path(), "uncertainty[0].uniform");
    EXPECT_THAT(e.message(),
                ::testing::StartsWith("a draw of 20 would break a rule of the model: districts[0]: "));
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sendsim::scenario
