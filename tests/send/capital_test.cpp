// tests/send/capital_test.cpp: the capital programme and demand policies:
// opening, closure, delay and ramp-up dates; induced demand; policy changes;
// the min-cost-flow September round inside the model.
#include <gtest/gtest.h>

#include "engine/stats.hpp"
#include "send/world.hpp"
#include "tiny_model.hpp"

namespace sendsim::send {
namespace {

using engine::Date;

int find(const std::vector<Setting>& specs, const std::string& name) {
  for (std::size_t i = 0; i < specs.size(); ++i) {
    if (specs[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

double total_flow(const ReplicationResult& r, const std::string& measure) {
  double sum = 0;
  for (const auto& [key, v] : r.find("flows")->rows) {
    if (key[1] == measure) sum += v;
  }
  return sum;
}

CapitalProject new_school() {
  CapitalProject p;
  p.name = "Maple special";
  p.action = CapitalAction::kOpen;
  p.setting.name = "Maple special";
  p.setting.type = SettingType::kSpecial;
  p.setting.district = "North";
  p.setting.needs = {Need::kASD, Need::kSEMH};
  p.setting.min_age = 4;
  p.setting.max_age = 16;
  p.planned = {2022, 9, 1};
  p.places = 100;
  p.ramp_up = {0.4, 0.7, 1.0};
  return p;
}

TEST(Capital, OpeningOnTimeRampsUpOnEachAnniversary) {
  Scenario sc = testing::tiny_scenario();
  sc.model.capital_programme = {new_school()};
  sc.model.tribunal.appeal_share_placement = 0.0;  // no tribunal orders over the number
  World world(sc, 1, 0);
  const int s = find(world.setting_specs(), "Maple special");
  ASSERT_GE(s, 0);
  const auto& cal = world.calendar();
  world.advance_to(cal.day({2022, 8, 31}));
  EXPECT_EQ(world.settings()[s].places, 0);
  world.advance_to(cal.day({2022, 9, 1}));
  EXPECT_EQ(world.settings()[s].places, 40);
  EXPECT_GT(world.settings()[s].on_roll, 0);  // children waiting took the new places at once
  world.advance_to(cal.day({2023, 8, 31}));
  EXPECT_EQ(world.settings()[s].places, 40);
  world.advance_to(cal.day({2023, 9, 1}));
  EXPECT_EQ(world.settings()[s].places, 70);
  world.advance_to(cal.day({2024, 9, 1}));
  EXPECT_EQ(world.settings()[s].places, 100);
  for (const auto& st : world.settings()) EXPECT_EQ(st.max_over_number, 0) << "no over-number allowed";
}

TEST(Capital, DelaysFollowTheTriangularDistribution) {
  Scenario sc = testing::tiny_scenario();
  CapitalProject p = new_school();
  p.delay_months = {0, 3, 12};
  p.ramp_up.clear();
  sc.model.capital_programme = {p};
  sc.run.end_date = {2023, 9, 30};
  std::vector<double> delays;
  for (std::size_t rep = 0; rep < 400; ++rep) {
    const auto r = simulate_replication(sc, 99, rep);
    const auto& rows = r.find("capital")->rows;
    const double delay = rows.at({"Maple special", "delay_days"});
    EXPECT_GE(delay, 0);
    EXPECT_LE(delay, 366);  // 12 months of 30.44 days
    delays.push_back(delay / (365.25 / 12));
  }
  const auto s = engine::summarise(delays);
  // Triangular(0, 3, 12): mean 5 months, sd sqrt((0+9+144-0-0-36)/18) = 2.55 months.
  EXPECT_NEAR(s.mean, 5.0, 0.4);
  EXPECT_NEAR(s.sd, 2.55, 0.3);
  EXPECT_LT(s.p5, 1.5);
  EXPECT_GT(s.p95, 9.0);
}

TEST(Capital, ASlippedOpeningWaitsForTheNextSeptember) {
  Scenario sc = testing::tiny_scenario();
  CapitalProject p = new_school();
  p.delay_months = {1, 2, 6};  // always late
  p.open_in_september = true;
  p.ramp_up.clear();
  sc.model.capital_programme = {p};
  for (std::size_t rep = 0; rep < 20; ++rep) {
    World world(sc, 5, rep);
    const auto r = world.run();
    const double first = r.find("capital")->rows.at({"Maple special", "first_step_day"});
    EXPECT_EQ(world.calendar().date(static_cast<engine::Day>(first)), (Date{2023, 9, 1}));
  }
}

TEST(Capital, ClosureRePlacesEveryChildOnRoll) {
  Scenario sc = testing::tiny_scenario();
  CapitalProject close;
  close.name = "Close Beech";
  close.action = CapitalAction::kClose;
  close.setting.name = "Beech special";
  close.planned = {2023, 1, 1};
  sc.model.capital_programme = {close};
  World world(sc, 3, 0);
  const int beech = find(world.setting_specs(), "Beech special");
  world.advance_to(world.calendar().day({2022, 12, 31}));
  const int before = world.settings()[beech].on_roll;
  EXPECT_GT(before, 30);
  world.advance_to(world.calendar().day({2023, 1, 1}));
  EXPECT_EQ(world.settings()[beech].on_roll, 0);
  EXPECT_EQ(world.settings()[beech].places, 0);
  for (const auto& c : world.children()) {
    if (c.status != Status::kGone) {
      EXPECT_NE(c.setting, beech);
    }
  }
  const auto r = world.run();
  EXPECT_EQ(total_flow(r, "closure_moves"), before);
}

TEST(Capital, RedesignationAndChangeOfTypeTakeEffectOnTheirDate) {
  Scenario sc = testing::tiny_scenario();
  CapitalProject redesignate;
  redesignate.name = "Oak for all needs";
  redesignate.action = CapitalAction::kRedesignate;
  redesignate.setting.name = "Oak enhanced";
  redesignate.planned = {2022, 1, 10};
  redesignate.min_age = 4;
  redesignate.max_age = 16;
  CapitalProject retype;
  retype.name = "Oak becomes special";
  retype.action = CapitalAction::kChangeType;
  retype.setting.name = "Oak enhanced";
  retype.planned = {2023, 9, 1};
  retype.new_type = SettingType::kSpecial;
  sc.model.capital_programme = {redesignate, retype};
  World world(sc, 3, 0);
  const int oak = find(world.setting_specs(), "Oak enhanced");
  world.advance_to(world.calendar().day({2022, 1, 9}));
  EXPECT_EQ(world.setting_specs()[oak].needs.size(), 2u);
  world.advance_to(world.calendar().day({2022, 1, 10}));
  EXPECT_TRUE(world.setting_specs()[oak].needs.empty());
  EXPECT_EQ(world.setting_specs()[oak].max_age, 16);
  EXPECT_EQ(world.setting_specs()[oak].type, SettingType::kEnhanced);
  world.advance_to(world.calendar().day({2023, 9, 1}));
  EXPECT_EQ(world.setting_specs()[oak].type, SettingType::kSpecial);
}

TEST(Demand, ElasticityZeroReproducesTheBaselineExactly) {
  // Induced demand reads the quadrants' specialist places. With elasticity 0
  // it must not act at all, even when a new school changes those places and
  // the quadrants are drawn differently: the baseline and a model whose
  // in-area districts form one quadrant give the same events and tables. With
  // a positive elasticity the two differ (so the comparison can tell).
  Scenario base = testing::tiny_scenario();
  base.model.capital_programme = {new_school()};
  Scenario merged = base;
  for (auto& d : merged.model.districts) {
    if (d.in_area) d.quadrant = "Whole area";
  }
  ASSERT_NE(base.model.districts[0].quadrant, base.model.districts[1].quadrant);
  ASSERT_EQ(base.model.demand.induced_elasticity, 0.0);
  const auto a = simulate_replication(base, 8, 0);
  const auto b = simulate_replication(merged, 8, 0);
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  EXPECT_EQ(a.events, b.events);
  ASSERT_EQ(a.tables.size(), b.tables.size());
  for (std::size_t t = 0; t < a.tables.size(); ++t)
    EXPECT_EQ(a.tables[t].rows, b.tables[t].rows) << a.tables[t].info.name;
  Scenario induced = base;
  induced.model.demand.induced_elasticity = 1.5;
  Scenario induced_merged = merged;
  induced_merged.model.demand.induced_elasticity = 1.5;
  EXPECT_NE(simulate_replication(induced, 8, 0).fingerprint,
            simulate_replication(induced_merged, 8, 0).fingerprint);
  // With a new school, a positive elasticity raises requests.
  double with = 0, without = 0;
  for (std::size_t rep = 0; rep < 6; ++rep) {
    with += total_flow(simulate_replication(induced, 8, rep), "requests");
    without += total_flow(simulate_replication(base, 8, rep), "requests");
  }
  EXPECT_GT(with, without * 1.05);
}

TEST(Demand, PolicyChangeStopsIdentificationFromItsDate) {
  Scenario sc = testing::tiny_scenario();
  PolicyChange stop;
  stop.from = {2023, 1, 1};
  stop.identification = 0.0;
  sc.model.demand.policy_changes = {stop};
  const auto r = simulate_replication(sc, 2, 0);
  EXPECT_GT(r.find("flows")->rows.at({"2022", "identified_sen_support"}), 100);
  EXPECT_EQ(r.find("flows")->rows.at({"2024", "identified_sen_support"}), 0);
}

TEST(Demand, PopulationGrowthRaisesIdentification) {
  Scenario grow = testing::tiny_scenario();
  grow.model.demand.population_growth = {{2021, "", -1, 0.10}};
  const Scenario flat = testing::tiny_scenario();
  double g = 0, f = 0;
  for (std::size_t rep = 0; rep < 4; ++rep) {
    g += simulate_replication(grow, 4, rep).find("flows")->rows.at({"2025", "identified_sen_support"});
    f += simulate_replication(flat, 4, rep).find("flows")->rows.at({"2025", "identified_sen_support"});
  }
  EXPECT_GT(g, f * 1.2);
}

TEST(Placement, MinCostFlowRoundNeverExceedsCapacity) {
  Scenario sc = testing::tiny_scenario();
  sc.model.policy.rule = PlacementRule::kMinCostFlow;
  sc.model.tribunal.appeal_share_placement = 0.0;
  for (std::size_t rep = 0; rep < 3; ++rep) {
    const auto r = simulate_replication(sc, 21, rep);
    EXPECT_EQ(r.find("capacity")->rows.at({"Beech special", "max_over_number"}), 0);
    EXPECT_EQ(r.find("capacity")->rows.at({"Oak enhanced", "max_over_number"}), 0);
    EXPECT_GT(total_flow(r, "placements_special"), 0);
  }
}

}  // namespace
}  // namespace sendsim::send
