// tests/send/world_test.cpp: the SEND pathway model on a small area built in
// code: conservation, capacity, boundaries, the statutory clock, the
// September rollover and reproducibility.
#include "send/world.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "tiny_model.hpp"

namespace sendsim::send {
namespace {

using testing::tiny_scenario;

double value(const ReplicationResult& r, const std::string& table, const std::vector<std::string>& key) {
  const Table* t = r.find(table);
  if (t == nullptr) return 0.0;
  const auto it = t->rows.find(key);
  return it == t->rows.end() ? 0.0 : it->second;
}

/// Sum of a flow over every year of the run.
double total_flow(const ReplicationResult& r, const std::string& measure) {
  double sum = 0;
  for (const auto& [key, v] : r.find("flows")->rows) {
    if (key[1] == measure) sum += v;
  }
  return sum;
}

double sum_where(const ReplicationResult& r, const std::string& table, std::size_t column,
                 const std::string& equals) {
  double sum = 0;
  for (const auto& [key, v] : r.find(table)->rows) {
    if (key[column] == equals) sum += v;
  }
  return sum;
}

int setting_index(const Model& m, const std::string& name) {
  for (std::size_t i = 0; i < m.settings.size(); ++i) {
    if (m.settings[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

TEST(World, ConservationHoldsForEveryStateInEveryReplication) {
  const Scenario sc = tiny_scenario();
  for (std::size_t rep = 0; rep < 4; ++rep) {
    const auto r = simulate_replication(sc, 7, rep);
    for (const auto state : kStatusCodes) {
      const std::string s(state);
      const double start = value(r, "conservation", {s, "start"});
      const double in = value(r, "conservation", {s, "in"});
      const double out = value(r, "conservation", {s, "out"});
      const double end = value(r, "conservation", {s, "end"});
      EXPECT_EQ(end - start, in - out) << "state " << s << " replication " << rep;
    }
    // The stocks really moved: flows are not trivially zero.
    EXPECT_GT(value(r, "conservation", {"ehc_plan", "in"}), 100);
    EXPECT_GT(value(r, "conservation", {"ehc_plan", "out"}), 50);
  }
}

TEST(World, CapacityNeverExceededWithoutOverNumberOrTribunal) {
  Scenario sc = tiny_scenario();
  sc.model.tribunal.appeal_share_placement = 0.0;  // no orders over the number
  for (std::size_t rep = 0; rep < 3; ++rep) {
    const auto r = simulate_replication(sc, 11, rep);
    EXPECT_EQ(value(r, "capacity", {"Beech special", "max_over_number"}), 0);
    EXPECT_EQ(value(r, "capacity", {"Oak enhanced", "max_over_number"}), 0);
    EXPECT_EQ(total_flow(r, "over_number_placements"), 0);
    // Places were under pressure: children waited.
    EXPECT_GT(total_flow(r, "waits_started"), 0);
  }
}

TEST(World, OverNumberPlacementsAreCountedAndBounded) {
  Scenario sc = tiny_scenario();
  sc.model.tribunal.appeal_share_placement = 0.0;
  sc.model.policy.allow_over_number = true;
  sc.model.policy.over_number_share = 0.10;  // 60 places -> 6 over, 80 -> 8 over
  const auto r = simulate_replication(sc, 11, 0);
  EXPECT_GT(total_flow(r, "over_number_placements"), 0);
  const double max_over = value(r, "capacity", {"Beech special", "max_over_number"});
  EXPECT_GT(max_over, 0);
  EXPECT_LE(max_over, 8);
  EXPECT_LE(value(r, "capacity", {"Oak enhanced", "max_over_number"}), 1);
}

TEST(World, TribunalOrdersOverTheNumberAreCounted) {
  Scenario sc = tiny_scenario();
  sc.model.tribunal.appeal_share_placement = 1.0;
  sc.model.tribunal.success_share = 1.0;
  const auto r = simulate_replication(sc, 11, 0);
  EXPECT_GT(total_flow(r, "forced_placements"), 0);
  EXPECT_GT(value(r, "capacity", {"Beech special", "over_number_child_days"}), 0);
}

TEST(World, ZeroSpecialPlacesSendsEveryoneNeedingOneToTheFallback) {
  Scenario sc = tiny_scenario();
  sc.model.settings[setting_index(sc.model, "Beech special")].places = {{{2021, 9, 1}, 0}};
  sc.model.policy.fallback = Fallback::kInmss;
  const auto r = simulate_replication(sc, 3, 0);
  EXPECT_EQ(total_flow(r, "placements_special"), 0);
  EXPECT_GT(total_flow(r, "fallback_inmss"), 0);
  EXPECT_EQ(sum_where(r, "ehc_snapshot", 1, "special"), 0);
  EXPECT_EQ(total_flow(r, "waits_started"), 0);
  // At each census, every plan holder whose plan names a special place is in
  // INMSS for want of one, and the unmet-demand table counts each of them:
  // the same replication, stepped to each census day.
  World world(sc, 3, 0);
  for (int year = 2022; year <= 2026; ++year) {
    world.advance_to(world.calendar().next_census(world.calendar().day({year, 1, 1})));
    double naming_special = 0;
    for (const Child& c : world.children()) {
      if (c.status != Status::kPlan || c.plan_type != SettingType::kSpecial) continue;
      EXPECT_TRUE(c.fallback);
      EXPECT_FALSE(c.waiting);
      ASSERT_GE(c.setting, 0);
      EXPECT_EQ(world.setting_specs()[c.setting].type, SettingType::kInmss);
      ++naming_special;
    }
    double unmet = 0;
    for (const auto& [key, v] : r.find("unmet_demand")->rows) {
      if (key[0] == std::to_string(year) && key[1] == "special") unmet += v;
    }
    EXPECT_GT(naming_special, 10) << year;
    EXPECT_EQ(unmet, naming_special) << year;
  }
}

TEST(World, ZeroSpecialPlacesWithWaitPolicyLeavesEveryoneWaiting) {
  Scenario sc = tiny_scenario();
  sc.model.settings[setting_index(sc.model, "Beech special")].places = {{{2021, 9, 1}, 0}};
  sc.model.policy.fallback = Fallback::kWait;
  sc.model.policy.max_wait_months = 0;
  sc.model.tribunal.appeal_share_placement = 0.0;
  World world(sc, 3, 0);
  world.advance_to(world.calendar().day({2024, 1, 1}));
  int waiting_special = 0;
  for (const auto& c : world.children()) {
    if (c.status != Status::kPlan || c.plan_type != SettingType::kSpecial) continue;
    EXPECT_TRUE(c.waiting);
    ++waiting_special;
  }
  EXPECT_GT(waiting_special, 50);
  EXPECT_EQ(world.settings()[setting_index(sc.model, "Beech special")].on_roll, 0);
}

TEST(World, UnlimitedPlacesMeanNoWaiting) {
  Scenario sc = tiny_scenario();
  for (auto& s : sc.model.settings) {
    s.unlimited = true;
    if (s.type == SettingType::kMainstream) continue;
    s.needs.clear();  // every need, every age: a suitable setting always exists
    s.min_age = 0;
    s.max_age = 25;
  }
  const auto r = simulate_replication(sc, 5, 0);
  EXPECT_EQ(total_flow(r, "waits_started"), 0);
  EXPECT_EQ(total_flow(r, "fallback_inmss"), 0);
  EXPECT_TRUE(r.find("waiting_snapshot")->rows.empty());
  EXPECT_GT(total_flow(r, "placements_special"), 0);
}

Scenario fixed_clock_scenario(double work_weeks) {
  Scenario sc = tiny_scenario();
  sc.model.assessment.decision_weeks = 6;
  sc.model.assessment.work_weeks = {work_weeks, work_weeks, work_weeks};
  sc.model.assessment.issue_weeks = 2;
  sc.model.assessment.assessors = 1000;  // never a queue
  sc.model.tribunal.appeal_share_refusal = 0.0;
  return sc;
}

TEST(World, TwentyWeekClockCountsFromTheRequestDate) {
  // 6 + 12 + 2 weeks = exactly 140 days: on time.
  const auto on_time = simulate_replication(fixed_clock_scenario(12.0), 9, 0);
  EXPECT_GT(total_flow(on_time, "plans_issued"), 100);
  EXPECT_EQ(total_flow(on_time, "plans_issued_within_20_weeks"), total_flow(on_time, "plans_issued"));
  EXPECT_DOUBLE_EQ(value(on_time, "timeliness", {"2023", "mean_weeks_request_to_issue"}), 20.0);
  // One more day of work (85 days): every plan is late.
  const auto late = simulate_replication(fixed_clock_scenario(85.0 / 7.0), 9, 0);
  EXPECT_GT(total_flow(late, "plans_issued"), 100);
  EXPECT_EQ(total_flow(late, "plans_issued_within_20_weeks"), 0);
  EXPECT_EQ(value(late, "timeliness", {"2023", "pct_within_20_weeks"}), 0.0);
}

TEST(World, AssessmentCapacityQueuesRequestsAndMakesPlansLate) {
  Scenario fast = fixed_clock_scenario(10.0);
  Scenario slow = fast;
  slow.model.assessment.assessors = 1;
  slow.model.assessment.caseload = 5;
  const auto r_fast = simulate_replication(fast, 13, 0);
  const auto r_slow = simulate_replication(slow, 13, 0);
  EXPECT_EQ(total_flow(r_fast, "assessments_queued"), 0);
  EXPECT_GT(total_flow(r_slow, "assessments_queued"), 100);
  EXPECT_LT(total_flow(r_slow, "plans_issued_within_20_weeks"),
            total_flow(r_fast, "plans_issued_within_20_weeks") / 2);
}

TEST(World, SeptemberRolloverAgesEveryoneOnFirstSeptember) {
  const Scenario sc = tiny_scenario();
  World world(sc, 17, 0);
  const Day last_august = world.calendar().day({2022, 8, 31});
  world.advance_to(last_august);
  // The rollover renumbers the children (Children::relocate), so ages are
  // followed by birth cohort: every child of a cohort seen on 31 August is
  // a year older on 1 September.
  std::map<std::int16_t, int> age_before;  // cohort -> academic age
  for (const std::uint32_t id : world.live()) {
    const Child& c = world.children()[id];
    if (c.status == Status::kGone) continue;
    const auto [it, fresh] = age_before.emplace(c.cohort, world.academic_age_of(id));
    EXPECT_EQ(it->second, world.academic_age_of(id)) << "one age per cohort";
  }
  ASSERT_GT(age_before.size(), 15U);
  world.advance_to(last_august + 1);
  ASSERT_EQ(world.now(), world.calendar().day({2022, 9, 1}));
  std::size_t checked = 0;
  std::size_t live = 0;
  for (const std::uint32_t id : world.live()) {
    const Child& c = world.children()[id];
    if (c.status == Status::kGone) continue;
    ++live;
    const auto it = age_before.find(c.cohort);
    if (it == age_before.end()) continue;
    EXPECT_EQ(world.academic_age_of(id), it->second + 1) << "child " << id;
    ++checked;
  }
  EXPECT_GT(checked, live * 9 / 10);
}

TEST(World, PhaseTransfersPlaceEveryPlanHolderInASettingForTheirAge) {
  const Scenario sc = tiny_scenario();
  World world(sc, 19, 0);
  for (int year = 2022; year <= 2025; ++year) {
    world.advance_to(world.calendar().day({year, 9, 1}));
    for (std::uint32_t id = 0; id < world.children().size(); ++id) {
      const Child& c = world.children()[id];
      if (c.status != Status::kPlan || c.setting < 0) continue;
      const Setting& s = sc.model.settings[c.setting];
      const int age = world.academic_age_of(id);
      EXPECT_GE(age, s.min_age) << "child " << id << " in " << s.name << " on 1 September " << year;
      EXPECT_LE(age, s.max_age) << "child " << id << " in " << s.name << " on 1 September " << year;
    }
  }
}

TEST(World, NobodyStaysPastTwentyFive) {
  const Scenario sc = tiny_scenario();
  World world(sc, 23, 0);
  world.advance_to(world.calendar().day({2023, 9, 1}));
  for (std::uint32_t id = 0; id < world.children().size(); ++id) {
    if (world.children()[id].status != Status::kGone) {
      EXPECT_LT(world.academic_age_of(id), 25);
    }
  }
  const auto r = simulate_replication(sc, 23, 0);
  EXPECT_GT(total_flow(r, "ceased_reached_25"), 0);
  EXPECT_EQ(sum_where(r, "ehc_snapshot", 2, "20_25") > 0, true);
}

TEST(World, SameSeedSameEventsDifferentSeedDifferentEvents) {
  const Scenario sc = tiny_scenario();
  const auto a = simulate_replication(sc, 42, 0);
  const auto b = simulate_replication(sc, 42, 0);
  const auto c = simulate_replication(sc, 42, 1);
  EXPECT_EQ(a.fingerprint, b.fingerprint);
  EXPECT_EQ(a.events, b.events);
  EXPECT_NE(a.fingerprint, c.fingerprint);
  for (std::size_t t = 0; t < a.tables.size(); ++t) EXPECT_EQ(a.tables[t].rows, b.tables[t].rows);
}

TEST(World, EventSequenceFingerprintIsUnchanged) {
  // A pure refactor must not change the sequence of (day, event kind,
  // entity). Change this value only with a model change, and say so in the
  // commit.
  const auto r = simulate_replication(tiny_scenario(), 42, 0);
  EXPECT_EQ(r.fingerprint, 0x244c4d490e74facfULL)
      << std::hex << "fingerprint 0x" << r.fingerprint << std::dec << " events " << r.events;
}

TEST(Children, RelocateMovesTheLiveChildrenToTheFrontInTheirOrder) {
  Children children;
  for (std::uint16_t d = 0; d < 6; ++d) {
    Child c;
    c.district = d;
    c.token = 10U + d;
    (void)children.add(c);
  }
  for (const std::uint32_t gone : {1U, 3U}) {
    children[gone].status = Status::kGone;
    children.count_gone();
  }
  const std::vector<std::uint32_t> to = children.relocate();
  const std::vector<std::uint32_t> expected_to = {0, 4, 1, 4, 2, 3};
  EXPECT_EQ(to, expected_to);
  ASSERT_EQ(children.size(), 5U);  // four children and the one that stands for those gone
  const std::vector<std::uint16_t> districts = {0, 2, 4, 5};
  for (std::uint32_t i = 0; i < 4; ++i) {
    EXPECT_EQ(children[i].district, districts[i]);
    EXPECT_EQ(children[i].token, 10U + districts[i]);  // its events still match
  }
  EXPECT_EQ(children[4].status, Status::kGone);
  EXPECT_EQ(children.live(), (std::vector<std::uint32_t>{0, 1, 2, 3}));
  EXPECT_EQ(children.add(Child{}), 5U);
  EXPECT_EQ(children.live().back(), 5U);
}

TEST(World, RenumberingTheChildrenChangesNothingButTheFingerprint) {
  // A run long enough for the gone children to fill the store several
  // times, with and without the September renumbering: the same events and
  // every table row for row; the store itself far smaller with it.
  Scenario sc = tiny_scenario();
  sc.run.end_date = {2040, 8, 31};
  World renumbered(sc, 31, 0);
  World kept(sc, 31, 0);
  kept.set_renumbering(false);
  const ReplicationResult a = renumbered.run();
  const ReplicationResult b = kept.run();
  EXPECT_GE(renumbered.renumberings(), 2);
  EXPECT_EQ(kept.renumberings(), 0);
  EXPECT_LT(renumbered.children().size(), kept.children().size() / 2);
  EXPECT_EQ(a.events, b.events);
  EXPECT_NE(a.fingerprint, b.fingerprint);  // it mixes the children's indices
  ASSERT_EQ(a.tables.size(), b.tables.size());
  for (std::size_t t = 0; t < a.tables.size(); ++t) {
    EXPECT_EQ(a.tables[t].rows, b.tables[t].rows) << a.tables[t].info.name;
  }
}

}  // namespace
}  // namespace sendsim::send
