// tests/scenario/bad_input_test.cpp: every fixture in tests/scenarios/bad/
// (one small YAML file each, most of them scenarios over the tiny model, some
// broken models) fails to load with exactly the message written here, word
// for word: file, line, column, YAML path and text. chain-parent.yaml and
// cycle-b.yaml are not rows of their own: they are the other halves of
// chain-child.yaml and cycle-a.yaml.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "scenario/error.hpp"
#include "scenario/loader.hpp"

namespace sendsim::scenario {
namespace {

namespace fs = std::filesystem;

struct BadInput {
  const char* fixture;
  const char* message;
};

void PrintTo(const BadInput& row, std::ostream* os) { *os << row.fixture; }

// clang-format off
const BadInput kBadInputs[] = {
    {"age-out-of-range.yaml",
     "tests/scenarios/bad/age-out-of-range.yaml:7:14: settings[5].max_age: expected an integer between 0 and 25, got 30"},
    {"age-profile-length.yaml",
     "tests/scenarios/bad/age-profile-length.yaml:6:16: population.age_profile: expected 26 shares (ages 0 to 25), got 2"},
    {"age-profile-sum.yaml",
     "tests/scenarios/bad/age-profile-sum.yaml:6:16: population.age_profile: shares sum to 0.78; expected 1 (within 0.01)"},
    {"bool-yes.yaml",
     "tests/scenarios/bad/bool-yes.yaml:6:22: policy.allow_over_number: expected true or false, got \"yes\""},
    {"both-model-and-extends.yaml",
     "tests/scenarios/bad/both-model-and-extends.yaml:5:3: scenario: expected exactly one of \"model\" (a model file) or \"extends\" (a scenario file), found both"},
    {"capital-open-by-name.yaml",
     "tests/scenarios/bad/capital-open-by-name.yaml:8:14: capital_programme[0].setting: expected a map of the new setting's keys (action open), got \"Hawthorns special\""},
    {"capital-unknown-setting.yaml",
     "tests/scenarios/bad/capital-unknown-setting.yaml:8:14: capital_programme[0].setting: unknown setting \"Birch special\"; known settings: Beech special, Independent pool, North primary, North secondary, Oak enhanced, South primary, South secondary"},
    {"chain-child.yaml",
     "tests/scenarios/bad/chain-child.yaml:6:13: assessment.caseload: expected an integer between 1 and 1000, got -3"},
    {"cycle-a.yaml",
     "tests/scenarios/bad/cycle-b.yaml:4:12: scenario.extends: cyclic extends: tests/scenarios/bad/cycle-a.yaml -> tests/scenarios/bad/cycle-b.yaml -> tests/scenarios/bad/cycle-a.yaml"},
    {"duplicate-key.yaml",
     "tests/scenarios/bad/duplicate-key.yaml:8:3: assessment: duplicate key \"assessors\" (first at line 6, column 3)"},
    {"duplicate-name-in-override.yaml",
     "tests/scenarios/bad/duplicate-name-in-override.yaml:7:12: settings[1].name: duplicate name \"Oak enhanced\" in this list (also at line 6)"},
    {"end-before-start.yaml",
     "tests/scenarios/bad/end-before-start.yaml:5:13: scenario.end_date: end date 2021-08-31 is not after the model start date 2021-09-01"},
    {"extends-a-model.yaml",
     "tests/scenarios/bad/extends-a-model.yaml:4:12: scenario.extends: \"tests/scenarios/tiny-model.yaml\" is a model file; name a model with model:, not extends:"},
    {"min-age-above-max.yaml",
     "tests/scenarios/bad/min-age-above-max.yaml:7:14: settings[4].min_age: min_age 11 is greater than max_age 10"},
    {"missing-model-file.yaml",
     "tests/scenarios/bad/missing-model-file.yaml:4:10: scenario.model: cannot open \"tests/scenarios/bad/no-such-model.yaml\": no such file"},
    {"model-duplicate-district.yaml",
     "tests/scenarios/bad/model-duplicate-district.yaml:6:12: districts[1].name: duplicate district \"Central\" (also districts[0])"},
    {"model-duplicate-setting.yaml",
     "tests/scenarios/bad/model-duplicate-setting.yaml:8:12: settings[1].name: duplicate setting \"School\" (also settings[0])"},
    {"model-empty.yaml",
     "tests/scenarios/bad/model-empty.yaml:1:1: the file is empty; expected a map of sections"},
    {"model-is-a-scenario.yaml",
     "tests/scenarios/bad/model-is-a-scenario.yaml:4:10: scenario.model: \"tests/scenarios/tiny-scenario.yaml\" is a scenario file; build on a scenario with extends:, not model:"},
    {"model-missing-age-band.yaml",
     "tests/scenarios/bad/model-missing-age-band.yaml:13:13: identification.need_mix: missing age band \"20_25\""},
    {"model-missing-name.yaml",
     "tests/scenarios/bad/model-missing-name.yaml:3:3: model: missing required key \"name\""},
    {"model-no-mainstream.yaml",
     "tests/scenarios/bad/model-no-mainstream.yaml:5:5: districts[0]: district \"Central\" reaches no mainstream setting for ages 11 to 25 within 90 minutes (policy.max_travel_minutes)"},
    {"model-unknown-section.yaml",
     "tests/scenarios/bad/model-unknown-section.yaml:4:1: unknown key \"asessment\"; expected one of: assessment, capital_programme, costs, demand, districts, dsg, identification, initial_stock, migration, model, placement, policy, population, requests, review, scenario, settings, travel, tribunal, uncertainty"},
    {"need-mix-all-zero.yaml",
     "tests/scenarios/bad/need-mix-all-zero.yaml:7:12: identification.need_mix.16_19: all weights are 0, but identification.rate.16_19 is 0.005"},
    {"neither-model-nor-extends.yaml",
     "tests/scenarios/bad/neither-model-nor-extends.yaml:3:3: scenario: expected exactly one of \"model\" (a model file) or \"extends\" (a scenario file), found neither"},
    {"no-mainstream-in-reach.yaml",
     "tests/scenarios/tiny-model.yaml:13:5: districts[1]: district \"South\" reaches no mainstream setting for ages 16 to 25 within 20 minutes (policy.max_travel_minutes)"},
    {"not-a-real-date.yaml",
     "tests/scenarios/bad/not-a-real-date.yaml:5:13: scenario.end_date: \"2026-02-30\" is not a real date"},
    {"placement-mix-all-zero.yaml",
     "tests/scenarios/bad/placement-mix-all-zero.yaml:7:9: placement.mix.PD: all weights of need PD are 0, but it can be drawn (identification.need_mix.under_5.PD is 1)"},
    {"places-not-ascending.yaml",
     "tests/scenarios/bad/places-not-ascending.yaml:10:16: settings[5].places[2].from: dates must be strictly ascending: 2023-09-01 is not after 2024-09-01"},
    {"places-not-integer.yaml",
     "tests/scenarios/bad/places-not-integer.yaml:7:13: settings[4].places: expected an integer between 0 and 1000000, got \"twelve\""},
    {"scenario-without-name.yaml",
     "tests/scenarios/bad/scenario-without-name.yaml:3:3: scenario: missing required key \"name\""},
    {"section-not-a-map.yaml",
     "tests/scenarios/bad/section-not-a-map.yaml:5:13: assessment: expected a map, got 5"},
    {"seed-negative.yaml",
     "tests/scenarios/bad/seed-negative.yaml:5:9: scenario.seed: expected an integer between 0 and 18446744073709551615, got -1"},
    {"setting-without-places.yaml",
     "tests/scenarios/bad/setting-without-places.yaml:6:5: settings[7]: missing required key \"places\" (or unlimited: true)"},
    {"share-out-of-range.yaml",
     "tests/scenarios/bad/share-out-of-range.yaml:6:18: assessment.refusal_share: expected a number between 0 and 1, got 1.4"},
    {"syntax-error.yaml",
     "tests/scenarios/bad/syntax-error.yaml:6:43: yaml syntax error: illegal flow end"},
    {"tab-indent.yaml",
     "tests/scenarios/bad/tab-indent.yaml:4:1: tab character in indentation; yaml indents with spaces"},
    {"travel-duplicate-link.yaml",
     "tests/scenarios/bad/travel-duplicate-link.yaml:8:5: travel[2]: duplicate link between \"South\" and \"North\" (also travel[0])"},
    {"travel-negative-minutes.yaml",
     "tests/scenarios/bad/travel-negative-minutes.yaml:6:39: travel[0].minutes: expected a number between 0 and 1440, got -5"},
    {"travel-unknown-district.yaml",
     "tests/scenarios/bad/travel-unknown-district.yaml:7:23: travel[1].to: unknown district \"Southend\"; known districts: Elsewhere, North, South"},
    {"triangular-order.yaml",
     "tests/scenarios/bad/triangular-order.yaml:6:15: assessment.work_weeks: expected min <= mode <= max, got min 10, mode 8, max 12"},
    {"two-documents.yaml",
     "tests/scenarios/bad/two-documents.yaml:6:1: a second yaml document; one file holds one document"},
    {"uncertainty-breaks-rule.yaml",
     "tests/scenarios/bad/uncertainty-breaks-rule.yaml:7:13: uncertainty[0].factor: a factor of 0 would break a rule of the model: migration.move_in_age_mix: all weights are 0, but migration.plans_moving_in is 20"},
    {"uncertainty-compound-without-factor.yaml",
     "tests/scenarios/bad/uncertainty-compound-without-factor.yaml:7:5: uncertainty[0].normal: review.leave_education is a value by age band, so a distribution can only multiply it (put it under factor)"},
    {"uncertainty-duplicate.yaml",
     "tests/scenarios/bad/uncertainty-duplicate.yaml:10:16: uncertainty[2].parameter: duplicate parameter \"requests.trend\" (also uncertainty[0])"},
    {"uncertainty-factor-negative.yaml",
     "tests/scenarios/bad/uncertainty-factor-negative.yaml:7:29: uncertainty[0].factor.uniform.min: expected a non-negative number, got -0.5"},
    {"uncertainty-factor-not-a-map.yaml",
     "tests/scenarios/bad/uncertainty-factor-not-a-map.yaml:7:13: uncertainty[0].factor: expected a map with one distribution (normal, lognormal, uniform or triangular), got 1.1"},
    {"uncertainty-yearly-not-allowed.yaml",
     "tests/scenarios/bad/uncertainty-yearly-not-allowed.yaml:8:13: uncertainty[0].yearly: \"requests.trend\" cannot be drawn again each year (the model turns it into schedules or totals at the start); parameters that can: requests.rate_from_support, requests.direct_per_1000, review.cease_needs_met, review.leave_education, identification.rate, identification.exit_rate, placement.preference (and their entries)"},
    {"uncertainty-from-year-held.yaml",
     "tests/scenarios/bad/uncertainty-from-year-held.yaml:8:16: uncertainty[0].from_year: from_year applies only to an entry drawn again each year (yearly: true)"},
    {"uncertainty-factor-unknown.yaml",
     "tests/scenarios/bad/uncertainty-factor-unknown.yaml:7:14: uncertainty[0].factor: unknown key \"gamma\"; expected one of: lognormal, normal, triangular, uniform"},
    {"uncertainty-header-parameter.yaml",
     "tests/scenarios/bad/uncertainty-header-parameter.yaml:6:16: uncertainty[0].parameter: parameter \"scenario.seed\" cannot be uncertain (a header key); expected the path of a number parameter of a model section, or of one entry of it (placement.preference.inmss; models/PARAMETERS.md lists them under uncertainty)"},
    {"uncertainty-integer-parameter.yaml",
     "tests/scenarios/bad/uncertainty-integer-parameter.yaml:6:16: uncertainty[0].parameter: parameter \"assessment.assessors\" cannot be uncertain (an integer); expected the path of a number parameter of a model section, or of one entry of it (placement.preference.inmss; models/PARAMETERS.md lists them under uncertainty)"},
    {"uncertainty-mean-out-of-bounds.yaml",
     "tests/scenarios/bad/uncertainty-mean-out-of-bounds.yaml:7:20: uncertainty[0].normal.mean: expected a number between 0 and 1 (the bounds of assessment.refusal_share), got 1.4"},
    {"uncertainty-jump-half.yaml",
     "tests/scenarios/bad/uncertainty-jump-half.yaml:7:25: uncertainty[0].factor.lognormal: missing key \"jump_sd_log\" (a jump needs both jump_probability and jump_sd_log)"},
    {"uncertainty-jump-probability.yaml",
     "tests/scenarios/bad/uncertainty-jump-probability.yaml:7:68: uncertainty[0].factor.lognormal.jump_probability: expected a number between 0 and 1, got 1.5"},
    {"uncertainty-median-zero.yaml",
     "tests/scenarios/bad/uncertainty-median-zero.yaml:7:25: uncertainty[0].lognormal.median: expected a positive number, got 0"},
    {"uncertainty-missing-parameter.yaml",
     "tests/scenarios/bad/uncertainty-missing-parameter.yaml:6:5: uncertainty[0]: missing required key \"parameter\""},
    {"uncertainty-missing-sd.yaml",
     "tests/scenarios/bad/uncertainty-missing-sd.yaml:7:13: uncertainty[0].normal: missing required key \"sd\""},
    {"uncertainty-negative-sd.yaml",
     "tests/scenarios/bad/uncertainty-negative-sd.yaml:7:30: uncertainty[0].normal.sd: expected a non-negative number, got -0.02"},
    {"uncertainty-no-distribution.yaml",
     "tests/scenarios/bad/uncertainty-no-distribution.yaml:6:5: uncertainty[0]: expected exactly one of normal, lognormal, uniform, triangular or factor, found none"},
    {"uncertainty-not-a-list.yaml",
     "tests/scenarios/bad/uncertainty-not-a-list.yaml:6:3: uncertainty: expected a list, got a map"},
    {"uncertainty-sd-not-a-number.yaml",
     "tests/scenarios/bad/uncertainty-sd-not-a-number.yaml:7:30: uncertainty[0].normal.sd: expected a non-negative number, got \"high\""},
    {"uncertainty-triangular-order.yaml",
     "tests/scenarios/bad/uncertainty-triangular-order.yaml:7:17: uncertainty[0].triangular: expected min <= mode <= max, got min 0.2, mode 0.35, max 0.3"},
    {"uncertainty-two-distributions.yaml",
     "tests/scenarios/bad/uncertainty-two-distributions.yaml:8:5: uncertainty[0]: expected exactly one of normal, lognormal, uniform, triangular or factor, found both normal and uniform"},
    {"uncertainty-uniform-order.yaml",
     "tests/scenarios/bad/uncertainty-uniform-order.yaml:7:14: uncertainty[0].uniform: expected min <= max, got min 60, max 40"},
    {"uncertainty-unknown-key.yaml",
     "tests/scenarios/bad/uncertainty-unknown-key.yaml:8:5: uncertainty[0]: unknown key \"source\"; expected one of: description, factor, from_year, lognormal, normal, parameter, triangular, uniform, yearly"},
    {"uncertainty-unknown-entry.yaml",
     "tests/scenarios/bad/uncertainty-unknown-entry.yaml:6:16: uncertainty[0].parameter: placement.preference has no entry \"inms\"; expected one of: mainstream, enhanced, special, inmss"},
    {"uncertainty-unknown-parameter.yaml",
     "tests/scenarios/bad/uncertainty-unknown-parameter.yaml:6:16: uncertainty[0].parameter: unknown parameter \"requests.trnd\"; expected the path of a number parameter of a model section, or of one entry of it (placement.preference.inmss; models/PARAMETERS.md lists them under uncertainty)"},
    {"unknown-age-band.yaml",
     "tests/scenarios/bad/unknown-age-band.yaml:6:25: identification.rate: unknown age band \"5-10\"; expected one of: under_5, 5_10, 11_15, 16_19, 20_25"},
    {"unknown-district.yaml",
     "tests/scenarios/bad/unknown-district.yaml:8:15: settings[7].district: unknown district \"Basildn\"; known districts: Elsewhere, North, South"},
    {"unknown-fallback.yaml",
     "tests/scenarios/bad/unknown-fallback.yaml:6:13: policy.fallback: unknown fallback \"waiting\"; expected one of: wait, inmss, out_of_county"},
    {"unknown-key.yaml",
     "tests/scenarios/bad/unknown-key.yaml:7:5: districts[0]: unknown key \"populaton\"; expected one of: in_area, name, population_0_25, population_growth, quadrant"},
    {"unknown-need.yaml",
     "tests/scenarios/bad/unknown-need.yaml:7:18: settings[4].needs[1]: unknown need \"Autism\"; expected one of: ASD, SEMH, SLCN, MLD, SLD, PMLD, SpLD, PD, HI, VI, MSI, OTH, NSA"},
    {"unlimited-with-places.yaml",
     "tests/scenarios/bad/unlimited-with-places.yaml:7:13: settings[6].places: an unlimited setting has no places; give either unlimited: true or places"},
};
// clang-format on

/// The message load_scenario() gives for `file` ("" when it loads).
std::string error_of(const fs::path& file) {
  try {
    (void)load_scenario(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

class ScenarioBadInput : public ::testing::TestWithParam<BadInput> {
 protected:
  // Paths are relative to the source tree, as a user would type them.
  void SetUp() override { fs::current_path(SENDSIM_SOURCE_DIR); }
};

TEST_P(ScenarioBadInput, FailsWithTheExactMessage) {
  const fs::path file = fs::path("tests/scenarios/bad") / GetParam().fixture;
  ASSERT_TRUE(fs::exists(file)) << file;
  EXPECT_EQ(error_of(file), GetParam().message);
  // validate_file reports the same error.
  try {
    validate_file(file);
    ADD_FAILURE() << "validate_file accepted " << file;
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), GetParam().message);
  }
}

std::string fixture_name(const ::testing::TestParamInfo<BadInput>& info) {
  std::string name = info.param.fixture;
  name = name.substr(0, name.size() - 5);  // ".yaml"
  for (char& c : name) {
    if (c == '-') c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ScenarioBadInput, ::testing::ValuesIn(kBadInputs), fixture_name);

TEST_F(ScenarioBadInput, EveryFixtureHasARow) {
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator("tests/scenarios/bad")) {
    const std::string name = entry.path().filename().string();
    if (name == "chain-parent.yaml" || name == "cycle-b.yaml") continue;
    ++files;
    bool found = false;
    for (const BadInput& row : kBadInputs) found = found || name == row.fixture;
    EXPECT_TRUE(found) << name << " has no expected message in kBadInputs";
  }
  EXPECT_EQ(files, std::size(kBadInputs));
  EXPECT_GE(std::size(kBadInputs), 30u);
}

TEST_F(ScenarioBadInput, TheOtherHalvesOfChainsAreGood) {
  EXPECT_EQ(error_of("tests/scenarios/bad/chain-parent.yaml"), "");
  EXPECT_EQ(error_of("tests/scenarios/bad/cycle-b.yaml"),
            "tests/scenarios/bad/cycle-a.yaml:4:12: scenario.extends: cyclic extends: "
            "tests/scenarios/bad/cycle-b.yaml -> tests/scenarios/bad/cycle-a.yaml -> "
            "tests/scenarios/bad/cycle-b.yaml");
}

TEST_F(ScenarioBadInput, AMissingFileGivenByTheUserHasNoPlace) {
  try {
    (void)load_scenario("tests/scenarios/bad/does-not-exist.yaml");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "cannot open \"tests/scenarios/bad/does-not-exist.yaml\": no such file");
    EXPECT_FALSE(e.mark().known());
  }
  EXPECT_EQ(error_of("tests/scenarios/bad"), "cannot open \"tests/scenarios/bad\": it is a directory");
}

TEST_F(ScenarioBadInput, LoadModelRejectsAScenarioFile) {
  try {
    (void)load_model("tests/scenarios/tiny-scenario.yaml");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(
        e.what(),
        "tests/scenarios/tiny-scenario.yaml:2:1: scenario: a model file has no scenario header; load this "
        "file as a scenario");
    EXPECT_EQ(e.mark(), (Mark{"tests/scenarios/tiny-scenario.yaml", 2, 1}));
    EXPECT_EQ(e.path(), "scenario");
  }
}

TEST_F(ScenarioBadInput, LoadModelReportsModelErrors) {
  try {
    (void)load_model("tests/scenarios/bad/model-duplicate-district.yaml");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "tests/scenarios/bad/model-duplicate-district.yaml:6:12: districts[1].name: duplicate "
                 "district \"Central\" (also districts[0])");
    EXPECT_EQ(e.message(), "duplicate district \"Central\" (also districts[0])");
  }
}

}  // namespace
}  // namespace sendsim::scenario
