// tests/scenario/loader_test.cpp: the loader on good input: the tiny files
// load with the values written in them (and declared defaults where they say
// nothing); overrides merge as documented (maps by key, named lists by name,
// other lists replaced; an extends chain from the root model outwards);
// effective_yaml() reloads to the same scenario; the declarations, the
// structs' defaults and models/PARAMETERS.md agree.
#include "scenario/loader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario/error.hpp"
#include "scenario/fields.hpp"
#include "scenario/parameters.hpp"
#include "scenario/yaml_tree.hpp"

namespace sendsim::scenario {
namespace {

namespace fs = std::filesystem;
using send::Date;
using send::index;
using send::Need;
using send::SettingType;

/// Paths in these tests are relative to the source tree, as a user would type them.
class ScenarioLoader : public ::testing::Test {
 protected:
  void SetUp() override { fs::current_path(SENDSIM_SOURCE_DIR); }
};

const send::Setting& setting(const send::Model& m, const std::string& name) {
  for (const auto& s : m.settings) {
    if (s.name == name) return s;
  }
  throw std::runtime_error("no setting " + name);
}

std::string without_comments(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::string out;
  while (std::getline(in, line)) {
    if (!line.starts_with("#")) out += line + "\n";
  }
  return out;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST_F(ScenarioLoader, TinyModelLoadsWithTheValuesWritten) {
  const send::Model m = load_model("tests/scenarios/tiny-model.yaml");
  EXPECT_EQ(m.name, "tiny");
  EXPECT_EQ(m.start_date, (Date{2021, 9, 1}));
  ASSERT_EQ(m.districts.size(), 3u);
  EXPECT_EQ(m.districts[0].name, "North");
  EXPECT_EQ(m.districts[0].population_0_25, 20000);
  EXPECT_TRUE(m.districts[1].in_area);             // default
  EXPECT_EQ(m.districts[1].population_growth, 0);  // default
  EXPECT_FALSE(m.districts[2].in_area);
  EXPECT_EQ(m.districts[2].quadrant, "Out of county");
  ASSERT_EQ(m.travel.size(), 2u);
  EXPECT_EQ(m.travel[1].to, "Elsewhere");
  EXPECT_EQ(m.travel[1].minutes, 60);
  ASSERT_EQ(m.settings.size(), 7u);

  const send::Setting& oak = setting(m, "Oak enhanced");
  EXPECT_EQ(oak.type, SettingType::kEnhanced);
  EXPECT_EQ(oak.needs, (std::vector<Need>{Need::kASD, Need::kSLCN}));
  ASSERT_EQ(oak.places.size(), 1u);
  EXPECT_EQ(oak.places[0].from, m.start_date);  // a plain number: from the start date
  EXPECT_EQ(oak.places[0].places, 12);
  EXPECT_FALSE(oak.allow_over_number.has_value());

  const send::Setting& beech = setting(m, "Beech special");
  ASSERT_EQ(beech.places.size(), 2u);
  EXPECT_EQ(beech.places[1].from, (Date{2023, 9, 1}));
  EXPECT_EQ(beech.places[1].places, 80);
  EXPECT_EQ(beech.allow_over_number, std::optional<bool>(true));
  EXPECT_TRUE(setting(m, "Independent pool").unlimited);
  EXPECT_TRUE(setting(m, "Independent pool").places.empty());
  EXPECT_EQ(setting(m, "North primary").min_age, 2);

  EXPECT_EQ(m.population.age_profile[0], 0.0385);
  EXPECT_EQ(m.population.age_profile[25], 0.0375);
  EXPECT_EQ(m.identification.rate[index(send::AgeBand::k5to10)], 0.03);
  const auto& under5 = m.identification.need_mix[index(send::AgeBand::kUnder5)];
  EXPECT_EQ(under5[index(Need::kSLCN)], 5);
  EXPECT_EQ(under5[index(Need::kMLD)], 0);  // a need left out is 0
  EXPECT_EQ(m.requests.trend, 0.03);
  EXPECT_EQ(m.requests.need_trend[index(Need::kASD)], 0.02);
  EXPECT_EQ(m.requests.need_trend[index(Need::kPD)], 0);
  EXPECT_EQ(m.assessment.assessors, 3);
  EXPECT_EQ(m.assessment.work_weeks.mode, 8);
  EXPECT_EQ(m.placement.mix[index(Need::kSLD)], (send::ByType{0, 0, 1, 0}));
  EXPECT_EQ(m.placement.specialist_factor[index(send::Phase::kSecondary)], 1.2);
  EXPECT_EQ(m.review.leave_education[index(send::AgeBand::k20to25)], 0.25);
  EXPECT_EQ(m.migration.plans_moving_in, 20);
  EXPECT_EQ(m.tribunal.months.max, 10);
  EXPECT_EQ(m.policy.fallback, send::Fallback::kWait);
  EXPECT_EQ(m.policy.max_wait_months, 12);
  EXPECT_EQ(m.initial_stock.plan_type_mix[index(SettingType::kInmss)], 0.05);
  // Sections the tiny model leaves out take the declared defaults.
  EXPECT_EQ(m.placement.preference, (send::ByType{1, 1, 1, 1}));
  EXPECT_EQ(m.costs.place_funding, (send::ByType{0, 6000, 10000, 0}));
  EXPECT_EQ(m.dsg.allocation, 0);
  EXPECT_TRUE(m.capital_programme.empty());
}

TEST_F(ScenarioLoader, TinyScenarioOverridesTheModel) {
  const send::Scenario sc = load_scenario("tests/scenarios/tiny-scenario.yaml");
  EXPECT_EQ(sc.name, "tiny-baseline");
  EXPECT_EQ(sc.description, "The tiny test area for five years");
  EXPECT_EQ(sc.files, (std::vector<std::string>{"tests/scenarios/tiny-model.yaml",
                                                "tests/scenarios/tiny-scenario.yaml"}));
  EXPECT_EQ(sc.run.end_date, (Date{2026, 8, 31}));
  EXPECT_EQ(sc.run.replications, 4);
  EXPECT_EQ(sc.run.seed, 42u);
  EXPECT_EQ(sc.run.threads, 0);
  EXPECT_EQ(sc.model.assessment.assessors, 4);  // overridden key
  EXPECT_EQ(sc.model.assessment.caseload, 8);   // sibling key kept
  EXPECT_EQ(sc.model.assessment.refusal_share, 0.2);
  ASSERT_EQ(sc.model.settings.size(), 7u);  // merged by name, not appended
  const send::Setting& beech = setting(sc.model, "Beech special");
  ASSERT_EQ(beech.places.size(), 1u);  // a list inside: replaced
  EXPECT_EQ(beech.places[0].places, 70);
  EXPECT_EQ(beech.type, SettingType::kSpecial);  // other keys of the item kept
  EXPECT_EQ(beech.allow_over_number, std::optional<bool>(true));
  EXPECT_EQ(sc.model.settings[5].name, "Beech special");  // and its position
}

TEST_F(ScenarioLoader, BareModelIsAScenarioWithRunDefaults) {
  const send::Scenario sc = load_scenario("tests/scenarios/tiny-model.yaml");
  EXPECT_EQ(sc.name, "tiny");
  EXPECT_EQ(sc.description, "Two-district test area (illustrative figures)");
  EXPECT_EQ(sc.files, (std::vector<std::string>{"tests/scenarios/tiny-model.yaml"}));
  const send::RunSpec defaults;
  EXPECT_EQ(sc.run.end_date, defaults.end_date);
  EXPECT_EQ(sc.run.replications, defaults.replications);
  EXPECT_EQ(sc.run.seed, defaults.seed);
  EXPECT_NO_THROW(validate_file("tests/scenarios/tiny-model.yaml"));
  EXPECT_NO_THROW(validate_file("tests/scenarios/tiny-scenario.yaml"));
}

TEST_F(ScenarioLoader, ExtendsChainAppliesFromTheRootModelOutwards) {
  const send::Scenario sc = load_scenario("tests/scenario/fixtures/chain-top.yaml");
  EXPECT_EQ(sc.files,
            (std::vector<std::string>{
                "tests/scenarios/tiny-model.yaml", "tests/scenario/fixtures/chain-base.yaml",
                "tests/scenario/fixtures/chain-mid.yaml", "tests/scenario/fixtures/chain-top.yaml"}));
  EXPECT_EQ(sc.name, "chain-top");                 // the outermost file wins
  EXPECT_EQ(sc.description, "base of the chain");  // inherited from the base
  EXPECT_EQ(sc.run.replications, 3);
  EXPECT_EQ(sc.run.seed, 7u);
  EXPECT_EQ(sc.run.end_date, (Date{2031, 8, 31}));
  EXPECT_EQ(sc.model.assessment.assessors, 6);        // mid over base
  EXPECT_EQ(sc.model.assessment.caseload, 9);         // top over base
  EXPECT_EQ(sc.model.assessment.refusal_share, 0.2);  // model
  ASSERT_EQ(sc.model.settings.size(), 8u);            // Elm appended by the base
  const send::Setting& elm = sc.model.settings.back();
  EXPECT_EQ(elm.name, "Elm special");
  EXPECT_EQ(elm.needs, std::vector<Need>{Need::kSEMH});
  ASSERT_EQ(elm.places.size(), 2u);  // mid's list replaced the base's number
  EXPECT_EQ(elm.places[1].places, 45);
  ASSERT_EQ(sc.model.districts.size(), 3u);
  EXPECT_EQ(sc.model.districts[1].population_0_25, 16000);
  EXPECT_EQ(sc.model.districts[1].quadrant, "South");
  ASSERT_EQ(sc.model.travel.size(), 2u);  // replaced, not merged
  EXPECT_EQ(sc.model.travel[1].to, "Elsewhere");
  EXPECT_EQ(sc.model.travel[1].from, "North");
}

TEST_F(ScenarioLoader, CapitalProgrammeDemandAndCosts) {
  const send::Scenario sc = load_scenario("tests/scenario/fixtures/capital.yaml");
  const send::Model& m = sc.model;
  EXPECT_EQ(m.placement.preference, (send::ByType{1, 1, 1.5, 1}));  // partial map over the default
  EXPECT_EQ(m.costs.place_funding, (send::ByType{0, 6000, 10000, 0}));
  EXPECT_EQ(m.costs.top_up, (send::ByType{0, 8000, 15000, 62000}));
  EXPECT_EQ(m.costs.need_factor[index(Need::kPMLD)], 1.5);
  EXPECT_EQ(m.costs.need_factor[index(Need::kASD)], 1);
  ASSERT_EQ(m.costs.transport.size(), 2u);
  EXPECT_EQ(m.costs.transport[1].annual, 9500);
  EXPECT_EQ(m.dsg.opening_balance, -1500000);
  ASSERT_EQ(m.demand.population_growth.size(), 2u);
  EXPECT_EQ(m.demand.population_growth[0].age_band, -1);
  EXPECT_EQ(m.demand.population_growth[0].district, "");
  EXPECT_EQ(m.demand.population_growth[1].age_band, static_cast<int>(index(send::AgeBand::k11to15)));
  ASSERT_EQ(m.demand.policy_changes.size(), 1u);
  EXPECT_EQ(m.demand.policy_changes[0].requests, 1);
  EXPECT_EQ(m.demand.policy_changes[0].mainstream_weight, 1.2);
  EXPECT_EQ(m.demand.induced_elasticity, 0.3);
  ASSERT_EQ(m.capital_programme.size(), 4u);
  const send::CapitalProject& open = m.capital_programme[0];
  EXPECT_EQ(open.action, send::CapitalAction::kOpen);
  EXPECT_EQ(open.setting.name, "Hawthorns special");
  EXPECT_EQ(open.setting.district, "North");
  EXPECT_EQ(open.setting.max_age, 16);
  EXPECT_EQ(open.delay_months.max, 12);
  EXPECT_TRUE(open.open_in_september);
  EXPECT_EQ(open.ramp_up, (std::vector<double>{0.4, 0.7, 1}));
  EXPECT_EQ(m.capital_programme[1].setting.name, "Beech special");
  EXPECT_EQ(m.capital_programme[1].places, 20);
  EXPECT_EQ(m.capital_programme[2].min_age, -1);  // unset: unchanged
  EXPECT_EQ(m.capital_programme[2].max_age, 11);
  EXPECT_EQ(m.capital_programme[3].new_type, SettingType::kSpecial);
}

/// Loads `file`, writes its effective YAML, loads that, and checks that the
/// two scenarios agree: field by field where it matters most, and in full
/// through the effective text (which writes every field, numbers exactly).
void expect_round_trip(const std::string& file) {
  const send::Scenario first = load_scenario(file);
  const std::string text = effective_yaml(first);
  const fs::path out =
      fs::temp_directory_path() / ("sendsim-effective-" + fs::path(file).filename().string());
  std::ofstream(out) << text;
  const send::Scenario again = load_scenario(out);
  EXPECT_EQ(again.files, std::vector<std::string>{out.string()});
  EXPECT_EQ(again.name, first.name);
  EXPECT_EQ(again.run.end_date, first.run.end_date);
  EXPECT_EQ(again.run.seed, first.run.seed);
  EXPECT_EQ(again.model.start_date, first.model.start_date);
  ASSERT_EQ(again.model.settings.size(), first.model.settings.size());
  for (std::size_t s = 0; s < first.model.settings.size(); ++s) {
    EXPECT_EQ(again.model.settings[s].name, first.model.settings[s].name);
    EXPECT_EQ(again.model.settings[s].needs, first.model.settings[s].needs);
    EXPECT_EQ(again.model.settings[s].places.size(), first.model.settings[s].places.size());
    EXPECT_EQ(again.model.settings[s].allow_over_number, first.model.settings[s].allow_over_number);
  }
  EXPECT_EQ(again.model.population.age_profile, first.model.population.age_profile);
  EXPECT_EQ(again.model.identification.need_mix, first.model.identification.need_mix);
  EXPECT_EQ(again.model.placement.mix, first.model.placement.mix);
  EXPECT_EQ(again.model.capital_programme.size(), first.model.capital_programme.size());
  EXPECT_EQ(without_comments(effective_yaml(again)), without_comments(text)) << "effective YAML of " << file;
  fs::remove(out);
}

TEST_F(ScenarioLoader, EffectiveYamlReloadsToTheSameScenario) {
  expect_round_trip("tests/scenarios/tiny-scenario.yaml");
  expect_round_trip("tests/scenarios/tiny-model.yaml");
  expect_round_trip("tests/scenario/fixtures/chain-top.yaml");
  expect_round_trip("tests/scenario/fixtures/capital.yaml");
  expect_round_trip("tests/scenario/fixtures/uncertainty.yaml");
}

TEST_F(ScenarioLoader, EffectiveYamlIsCompleteAndNamesItsSources) {
  const std::string text = effective_yaml(load_scenario("tests/scenarios/tiny-scenario.yaml"));
  EXPECT_THAT(text, ::testing::HasSubstr("# Loaded from (root model first): tests/scenarios/tiny-model.yaml "
                                         "tests/scenarios/tiny-scenario.yaml"));
  EXPECT_THAT(text, ::testing::HasSubstr("refusal_share: 0.2\n"));
  EXPECT_THAT(text, ::testing::HasSubstr("decision_weeks: 6\n"));  // a default, written out
  EXPECT_THAT(text, ::testing::Not(::testing::HasSubstr("extends")));
}

TEST_F(ScenarioLoader, TextThatLooksLikeYamlSurvivesTheRoundTrip) {
  const fs::path dir = fs::temp_directory_path() / "sendsim-loader-test";
  fs::create_directories(dir);
  const fs::path model = fs::absolute("tests/scenarios/tiny-model.yaml");
  std::ofstream(dir / "tricky.yaml")
      << "scenario:\n"
      << "  name: \"null\"\n"
      << "  description: \"St. Mary's: unit #1, 'quoted' and \\\"double\\\"\"\n"
      << "  model: " << model.string() << "\n"
      << "settings:\n"
      << "  - {name: \"true\", type: special, district: North, places: 5}\n"
      << "  - {name: \"123\", type: special, district: North, places: 6}\n";
  const send::Scenario first = load_scenario(dir / "tricky.yaml");
  EXPECT_EQ(first.name, "null");
  EXPECT_EQ(first.description, "St. Mary's: unit #1, 'quoted' and \"double\"");
  EXPECT_EQ(first.model.settings[7].name, "true");
  std::ofstream(dir / "effective.yaml") << effective_yaml(first);
  const send::Scenario again = load_scenario(dir / "effective.yaml");
  EXPECT_EQ(again.name, first.name);
  EXPECT_EQ(again.description, first.description);
  EXPECT_EQ(again.model.settings[7].name, "true");
  EXPECT_EQ(again.model.settings[8].name, "123");
  // A scenario may extend an effective file.
  std::ofstream(dir / "more.yaml")
      << "scenario: {name: more, extends: effective.yaml}\nassessment: {assessors: 11}\n";
  const send::Scenario more = load_scenario(dir / "more.yaml");
  EXPECT_EQ(more.model.assessment.assessors, 11);
  EXPECT_EQ(more.model.settings.size(), 9u);
  EXPECT_EQ(more.files.size(), 2u);
  fs::remove_all(dir);
}

TEST(ScenarioMerge, MapsMergeByKeyNamedListsByNameOtherListsReplace) {
  const Node base = parse_yaml(
      "a: {x: 1, y: 2}\n"
      "items: [{name: p, v: 1}, {name: q, v: 2}]\n"
      "plain: [1, 2, 3]\n"
      "s: old\n",
      "base.yaml");
  const Node over = parse_yaml(
      "a: {y: 20, z: 30}\n"
      "items: [{name: q, v: 22}, {name: r, v: 3}]\n"
      "plain: [9]\n"
      "s: new\n",
      "over.yaml");
  const Node m = merge(base, over);
  const Node& a = m.find("a")->value;
  EXPECT_EQ(a.find("x")->value.text, "1");
  EXPECT_EQ(a.find("y")->value.text, "20");
  EXPECT_EQ(a.find("z")->value.text, "30");
  const Node& items = m.find("items")->value;
  ASSERT_EQ(items.items.size(), 3u);
  EXPECT_EQ(items.items[0].find("v")->value.text, "1");
  EXPECT_EQ(items.items[1].find("v")->value.text, "22");
  EXPECT_EQ(items.items[2].find("name")->value.text, "r");
  ASSERT_EQ(m.find("plain")->value.items.size(), 1u);
  EXPECT_EQ(m.find("s")->value.text, "new");
  // Marks keep the file each value came from.
  EXPECT_EQ(a.find("x")->value.mark, (Mark{"base.yaml", 1, 8}));
  EXPECT_EQ(a.find("y")->value.mark, (Mark{"over.yaml", 1, 8}));
  EXPECT_EQ(items.items[1].find("v")->value.mark.file, "over.yaml");
  EXPECT_EQ(items.items[1].find("name")->value.mark.file, "over.yaml");
}

TEST(ScenarioMerge, RepeatedNameInOneOverrideListIsAnError) {
  const Node base = parse_yaml("items: [{name: p}]\n", "base.yaml");
  const Node over = parse_yaml("items:\n  - {name: p, v: 1}\n  - {name: p, v: 2}\n", "over.yaml");
  try {
    (void)merge(base, over);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "over.yaml:3:12: items[1].name: duplicate name \"p\" in this list (also at line 2)");
  }
}

TEST(ScenarioDeclarations, VisitorsDeclarationsAndStructDefaultsAgree) {
  EXPECT_THAT(declaration_problems(), ::testing::IsEmpty());
}

TEST(ScenarioDeclarations, ParametersMarkdownIsUpToDate) {
  const fs::path file = fs::path(SENDSIM_SOURCE_DIR) / "models" / "PARAMETERS.md";
  ASSERT_TRUE(fs::exists(file)) << "models/PARAMETERS.md is missing; generate it with\n"
                                << "  build/release/sim/sendsim_parameters > models/PARAMETERS.md";
  EXPECT_TRUE(read_text(file) == parameters_markdown())
      << "models/PARAMETERS.md differs from the declarations in sim/scenario/parameters.cpp; regenerate it "
         "with\n"
      << "  cmake --build build/release -j2 --target sendsim_parameters && "
         "build/release/sim/sendsim_parameters > models/PARAMETERS.md";
}

TEST(ScenarioDeclarations, ExpectedValuePhrases) {
  EXPECT_EQ(expected_value(parameter("assessment.refusal_share")), "a number between 0 and 1");
  EXPECT_EQ(expected_value(parameter("settings[].places")), "a number of places or a list of {from, places}");
  EXPECT_EQ(expected_value(parameter("identification.need_mix")), "a non-negative number");
  EXPECT_EQ(format_number(0.228), "0.228");
  EXPECT_EQ(format_number(20000), "20000");
  EXPECT_EQ(format_number(-1.5e6), "-1500000");
  EXPECT_EQ(format_number(1e-6), "1e-06");
}

TEST_F(ScenarioLoader, EssexModelLoadsWhenPresent) {
  if (!fs::exists("models/essex.yaml")) GTEST_SKIP() << "models/essex.yaml not written yet";
  EXPECT_NO_THROW({
    try {
      (void)load_scenario("models/essex.yaml");
    } catch (const InputError& e) {
      ADD_FAILURE() << e.what();
      throw;
    }
  });
  expect_round_trip("models/essex.yaml");
}

}  // namespace
}  // namespace sendsim::scenario
