// tests/send/overflow_test.cpp: derived quantities stay in range at the
// loader's limits (issue 11): the assessment team's growth over decades,
// places at kMaxPlaces with capital projects beyond it (clamped, not
// wrapped), and place funding of the largest setting, exact in a double.
#include <gtest/gtest.h>

#include <cmath>

#include "send/world.hpp"
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

TEST(Overflow, AGrowingAssessmentTeamOverDecadesStaysInRange) {
  Scenario sc = tiny_scenario();
  sc.model.assessment.assessors = 100000;  // the declared upper bounds
  sc.model.assessment.caseload = 1000;
  sc.model.assessment.assessors_growth = 1.0;  // doubling each year: 2^40 by the end
  sc.run.end_date = {2061, 8, 31};
  const ReplicationResult r = simulate_replication(sc, 1, 0);
  double issued = 0;
  for (const auto& [key, v] : r.find("flows")->rows) {
    if (key[1] == "plans_issued") issued += v;
  }
  EXPECT_GT(issued, 0);
}

TEST(Overflow, PlacesAtTheLimitAndBeyondAreClampedAndCostedExactly) {
  Scenario sc = tiny_scenario();
  Model& m = sc.model;
  for (auto& s : m.settings) {
    if (s.name == "Beech special") s.places = {{{2021, 9, 1}, kMaxPlaces}};
  }
  // Two expansions of a million each (the loader refuses them; the domain
  // must not wrap on them either).
  for (int i = 0; i < 2; ++i) {
    CapitalProject p;
    p.name = "Expand " + std::to_string(i);
    p.action = CapitalAction::kExpand;
    p.setting.name = "Beech special";
    p.planned = {2022, 9, 1};
    p.places = kMaxPlaces;
    m.capital_programme.push_back(p);
  }
  m.costs.place_funding = {0, 6000, 1e6, 0};  // the declared upper bound
  m.policy.allow_over_number = true;
  m.policy.over_number_share = 1.0;
  sc.run.end_date = {2024, 8, 31};
  const ReplicationResult r = simulate_replication(sc, 1, 0);
  EXPECT_EQ(value(r, "occupancy", {"2022", "Beech special", "places"}), kMaxPlaces);
  EXPECT_EQ(value(r, "occupancy", {"2024", "Beech special", "places"}), kMaxPlaces);
  // Place funding: a million places at a million pounds a place-year.
  double place_funding = 0;
  for (const auto& [key, v] : r.find("spend")->rows) {
    if (key[0] == "2022-23" && key[1] == "place_funding") place_funding += v;
  }
  EXPECT_GT(place_funding, 0);
  EXPECT_TRUE(std::isfinite(place_funding));
  EXPECT_NEAR(place_funding, 1e12, 1e12 * 1e-6);
}

}  // namespace
}  // namespace sendsim::send
