// tests/output/dfe_tables_test.cpp: the SCAP forecast and the DSG management
// plan grid: the documented mappings, hand-made rows, and totals that agree
// with the tables they come from in every replication of a real run.
#include "output/dfe_tables.hpp"

#include <gtest/gtest.h>

#include <map>

#include "run_fixture.hpp"

namespace sendsim::output {
namespace {

using namespace testing;

TEST(DfeTables, Mappings) {
  EXPECT_EQ(scap_provision_type("enhanced"), "resourced_provision");
  EXPECT_EQ(scap_provision_type("special"), "special");
  EXPECT_EQ(scap_provision_type("special_out_of_county"), "out_of_county");
  EXPECT_EQ(scap_provision_type("inmss"), "independent");
  EXPECT_EQ(scap_provision_type("awaiting_placement"), "awaiting_place");
  for (const char* p : {"early_years", "mainstream", "further_education", "no_placement", "other", "unknown"}) {
    EXPECT_EQ(scap_provision_type(p), "") << p;
  }
  EXPECT_EQ(dsg_plan_category("further_education"), "post_16");
  EXPECT_EQ(dsg_plan_category("inmss"), "independent_special");
  EXPECT_EQ(dsg_plan_category("no_placement"), "other");
  EXPECT_EQ(dsg_plan_category("unknown"), "other");
  EXPECT_EQ(cost_group("special_out_of_county"), "special");
  EXPECT_EQ(cost_group("early_years"), "mainstream");
  EXPECT_EQ(cost_group("other"), "");
}

send::Scenario settings_scenario() {
  send::Scenario sc;
  sc.model.districts = {{"North", "North", true, 1000, 0}, {"Away", "Out of county", false, 0, 0}};
  auto setting = [](const char* name, send::SettingType type, const char* district) {
    send::Setting s;
    s.name = name;
    s.type = type;
    s.district = district;
    return s;
  };
  sc.model.settings = {setting("Oak", send::SettingType::kEnhanced, "North"),
                       setting("Beech", send::SettingType::kSpecial, "North"),
                       setting("Far special", send::SettingType::kSpecial, "Away"),
                       setting("Pool", send::SettingType::kInmss, "Away"),
                       setting("North primary", send::SettingType::kMainstream, "North")};
  send::CapitalProject open;
  open.name = "Elm";
  open.action = send::CapitalAction::kOpen;
  open.setting = setting("Elm", send::SettingType::kSpecial, "North");
  sc.model.capital_programme.push_back(open);
  return sc;
}

send::ReplicationResult hand_made_replication(double scale) {
  send::ReplicationResult r;
  send::Table by_ncy;
  by_ncy.info = {"ehc_by_year_group", {"year", "placement", "ncy"}, "children", send::Missing::kZero, ""};
  by_ncy.set({"2023", "enhanced", "3"}, 4 * scale);
  by_ncy.set({"2023", "enhanced", "4"}, 6 * scale);
  by_ncy.set({"2023", "special", "R"}, 10 * scale);
  by_ncy.set({"2023", "special_out_of_county", "9"}, 2 * scale);
  by_ncy.set({"2023", "awaiting_placement", "7"}, 3 * scale);
  by_ncy.set({"2023", "mainstream", "3"}, 50 * scale);  // not specialist: left out
  send::Table occupancy;
  occupancy.info = {"occupancy", {"year", "setting", "measure"}, "children", send::Missing::kZero, ""};
  occupancy.set({"2023", "Oak", "places"}, 12);
  occupancy.set({"2023", "Oak", "on_roll"}, 10);
  occupancy.set({"2023", "Beech", "places"}, 60);
  occupancy.set({"2023", "Elm", "places"}, 20);
  occupancy.set({"2023", "Far special", "places"}, 5);
  send::Table plans;
  plans.info = {"ehc_snapshot", {"year", "placement", "age_band", "need"}, "children", send::Missing::kZero, ""};
  plans.set({"2023", "special", "5_10", "ASD"}, 8 * scale);
  plans.set({"2023", "special_out_of_county", "5_10", "ASD"}, 2 * scale);
  plans.set({"2023", "further_education", "16_19", "MLD"}, 5 * scale);
  plans.set({"2023", "no_placement", "11_15", "SEMH"}, 1 * scale);
  send::Table costs;
  costs.info = {"cost_per_child_year", {"group", "need"}, "pounds per child-year", send::Missing::kSkip, ""};
  costs.set({"special", "ASD"}, 20000);
  costs.set({"further_education", "MLD"}, 3000);
  r.tables = {by_ncy, occupancy, plans, costs};
  return r;
}

std::map<std::vector<std::string>, double> rows_of(const send::Table& t) {
  return {t.rows.begin(), t.rows.end()};
}

TEST(DfeTables, ScapForecastFromHandMadeRows) {
  const auto tables = dfe_tables(hand_made_replication(1), settings_scenario());
  ASSERT_EQ(tables.size(), 2u);
  const send::Table& scap = tables[0];
  EXPECT_EQ(scap.info.name, "dfe_scap_forecast");
  EXPECT_EQ(scap.info.columns, (std::vector<std::string>{"year", "provision_type", "ncy", "measure"}));
  const std::map<std::vector<std::string>, double> expected = {
      {{"2023", "resourced_provision", "3", "children"}, 4},
      {{"2023", "resourced_provision", "4", "children"}, 6},
      {{"2023", "resourced_provision", "all", "children"}, 10},
      {{"2023", "special", "R", "children"}, 10},
      {{"2023", "special", "all", "children"}, 10},
      {{"2023", "out_of_county", "9", "children"}, 2},
      {{"2023", "out_of_county", "all", "children"}, 2},
      {{"2023", "awaiting_place", "7", "children"}, 3},
      {{"2023", "awaiting_place", "all", "children"}, 3},
      {{"2023", "resourced_provision", "all", "places"}, 12},
      {{"2023", "special", "all", "places"}, 80},  // Beech and the new Elm
      {{"2023", "out_of_county", "all", "places"}, 5},
  };
  EXPECT_EQ(rows_of(scap), expected);
}

TEST(DfeTables, DsgGridFromHandMadeRows) {
  const send::Table grid = dfe_tables(hand_made_replication(1), settings_scenario())[1];
  EXPECT_EQ(grid.info.name, "dfe_dsg_plan_grid");
  const std::map<std::vector<std::string>, double> expected = {
      {{"2023", "special", "5_10", "ASD", "children"}, 8},
      {{"2023", "special", "5_10", "ASD", "annual_cost"}, 8 * 20000},
      {{"2023", "special_out_of_county", "5_10", "ASD", "children"}, 2},
      {{"2023", "special_out_of_county", "5_10", "ASD", "annual_cost"}, 2 * 20000},
      {{"2023", "post_16", "16_19", "MLD", "children"}, 5},
      {{"2023", "post_16", "16_19", "MLD", "annual_cost"}, 5 * 3000},
      {{"2023", "other", "11_15", "SEMH", "children"}, 1},  // no unit cost: no cost row
  };
  EXPECT_EQ(rows_of(grid), expected);
}

TEST(DfeTables, AggregatedOverReplications) {
  std::vector<send::ReplicationResult> results = {hand_made_replication(1), hand_made_replication(3)};
  results[1].replication = 1;
  const auto tables = aggregate_dfe_tables(results, settings_scenario());
  ASSERT_EQ(tables.size(), 2u);
  const run::AggregatedRow* row = tables[0].find({"2023", "resourced_provision", "all", "children"});
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->summary.n, 2u);
  EXPECT_DOUBLE_EQ(row->summary.mean, 20);  // 10 and 30
  EXPECT_EQ(tables[1].info.missing, send::Missing::kZero);
}

TEST(DfeTables, MissingSourceTablesGiveNoRows) {
  const auto tables = dfe_tables(send::ReplicationResult{}, settings_scenario());
  ASSERT_EQ(tables.size(), 2u);
  EXPECT_TRUE(tables[0].rows.empty());
  EXPECT_TRUE(tables[1].rows.empty());
}

// In every replication of a real run: the grid's children add up to the EHC
// plans at each census, and the SCAP children to the plans in specialist
// placements (every placement the SCAP mapping keeps).
TEST(DfeTables, TotalsAgreeWithTheirSourcesInARealRun) {
  const TinyRun& run = tiny_run();
  for (const auto& r : run.output.results) {
    const auto tables = dfe_tables(r, run.scenario);
    std::map<std::string, double> grid_children;
    std::map<std::string, double> scap_children;
    std::map<std::string, double> plans;
    std::map<std::string, double> specialist;
    for (const auto& [key, v] : tables[1].rows) {
      if (key[4] == "children") grid_children[key[0]] += v;
    }
    for (const auto& [key, v] : tables[0].rows) {
      if (key[3] == "children" && key[2] == "all") scap_children[key[0]] += v;
    }
    for (const auto& [key, v] : r.find("ehc_snapshot")->rows) plans[key[0]] += v;
    for (const auto& [key, v] : r.find("ehc_by_year_group")->rows) {
      if (!scap_provision_type(key[1]).empty()) specialist[key[0]] += v;
    }
    EXPECT_EQ(grid_children, plans) << "replication " << r.replication;
    EXPECT_EQ(scap_children, specialist) << "replication " << r.replication;
    EXPECT_FALSE(plans.empty());
    // Places: Oak enhanced (12) and Beech special (60, then 80) every census.
    for (const auto& [key, v] : tables[0].rows) {
      if (key[3] != "places") continue;
      EXPECT_TRUE(key[1] == "resourced_provision" || key[1] == "special") << key[1];
    }
  }
}

}  // namespace
}  // namespace sendsim::output
