// tests/send/tiny_model.hpp: a small model built in code (no YAML), so the
// domain's tests do not depend on the loader. Figures are illustrative.
#pragma once

#include "send/model.hpp"

namespace sendsim::send::testing {

inline ByAgeBand bands(double a, double b, double c, double d, double e) { return {a, b, c, d, e}; }

inline Scenario tiny_scenario() {
  Scenario sc;
  sc.name = "tiny-in-code";
  Model& m = sc.model;
  m.name = "tiny";
  m.start_date = {2021, 9, 1};
  m.districts = {{"North", "North", true, 20000, 0.0},
                 {"South", "South", true, 15000, 0.0},
                 {"Elsewhere", "Out of county", false, 0, 0.0}};
  m.travel = {{"North", "South", 25}, {"South", "Elsewhere", 60}};
  auto mainstream = [](std::string name, std::string district, int lo, int hi) {
    Setting s;
    s.name = std::move(name);
    s.type = SettingType::kMainstream;
    s.district = std::move(district);
    s.min_age = lo;
    s.max_age = hi;
    s.unlimited = true;
    return s;
  };
  m.settings.push_back(mainstream("North primary", "North", 0, 10));
  m.settings.push_back(mainstream("North secondary", "North", 11, 25));
  m.settings.push_back(mainstream("South primary", "South", 0, 10));
  m.settings.push_back(mainstream("South secondary", "South", 11, 25));
  Setting oak;
  oak.name = "Oak enhanced";
  oak.type = SettingType::kEnhanced;
  oak.district = "North";
  oak.needs = {Need::kASD, Need::kSLCN};
  oak.min_age = 4;
  oak.max_age = 10;
  oak.places = {{{2021, 9, 1}, 12}};
  m.settings.push_back(oak);
  Setting beech;
  beech.name = "Beech special";
  beech.type = SettingType::kSpecial;
  beech.district = "South";
  beech.min_age = 4;
  beech.max_age = 18;
  beech.places = {{{2021, 9, 1}, 60}, {{2023, 9, 1}, 80}};
  m.settings.push_back(beech);
  Setting pool;
  pool.name = "Independent pool";
  pool.type = SettingType::kInmss;
  pool.district = "Elsewhere";
  pool.min_age = 0;
  pool.max_age = 25;
  pool.unlimited = true;
  m.settings.push_back(pool);

  for (int a = 0; a < 26; ++a) m.population.age_profile[a] = 1.0 / 26.0;
  m.identification.rate = bands(0.01, 0.03, 0.02, 0.005, 0.0);
  m.identification.exit_rate = bands(0.05, 0.08, 0.10, 0.20, 0.30);
  for (auto& mix : m.identification.need_mix) {
    mix = {};
    mix[index(Need::kASD)] = 2;
    mix[index(Need::kSEMH)] = 2;
    mix[index(Need::kSLCN)] = 2;
    mix[index(Need::kMLD)] = 1;
  }
  m.requests.rate_from_support = bands(0.08, 0.05, 0.04, 0.02, 0.0);
  m.requests.direct_per_1000 = bands(1.0, 0.2, 0.2, 0.1, 0.0);
  m.requests.trend = 0.03;
  m.assessment.assessors = 3;
  m.assessment.caseload = 8;
  m.assessment.work_weeks = {6, 8, 12};
  for (auto& mix : m.placement.mix) mix = {4, 1, 3, 0.3};
  m.review.step_up = bands(0.05, 0.04, 0.03, 0.01, 0.0);
  m.review.step_down = bands(0.01, 0.01, 0.01, 0.01, 0.01);
  m.review.cease_needs_met = bands(0.02, 0.02, 0.02, 0.03, 0.05);
  m.review.leave_education = bands(0, 0, 0, 0.08, 0.25);
  m.migration.plans_moving_in = 20;
  m.migration.move_in_age_mix = bands(1, 3, 3, 1, 0);
  m.migration.plan_move_out_rate = 0.02;
  m.migration.support_move_out_rate = 0.03;
  m.tribunal.appeal_share_refusal = 0.1;
  m.tribunal.appeal_share_placement = 0.2;
  m.tribunal.success_share = 0.9;
  m.policy.max_wait_months = 12;
  m.initial_stock.ehc_plans = 400;
  m.initial_stock.sen_support = 3000;
  m.initial_stock.plan_age_mix = bands(0.05, 0.35, 0.37, 0.18, 0.05);
  m.initial_stock.support_age_mix = bands(0.05, 0.45, 0.40, 0.10, 0.0);
  m.initial_stock.plan_type_mix = {0.45, 0.05, 0.45, 0.05};
  sc.run.end_date = {2026, 8, 31};
  sc.run.replications = 4;
  sc.run.seed = 42;
  return sc;
}

}  // namespace sendsim::send::testing
