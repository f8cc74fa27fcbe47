// sim/send/capital.cpp: the capital programme (openings, expansions,
// reductions, closures, re-designations and changes of type, each with a
// delay drawn per replication and a ramp-up), demand policies (population
// growth, policy changes, induced demand) and the system-optimal September
// placement round.
#include <algorithm>
#include <cmath>

#include "send/flow.hpp"
#include "send/clocks.hpp"
#include "send/world.hpp"

namespace sendsim::send {

void World::schedule_capital_programme(std::uint64_t master_seed, std::size_t replication) {
  const auto& projects = model_.capital_programme;
  capital_steps_.assign(projects.size(), {});
  project_setting_.assign(projects.size(), -1);
  std::size_t opened = model_.settings.size();
  for (std::size_t p = 0; p < projects.size(); ++p) {
    const CapitalProject& project = projects[p];
    if (project.action == CapitalAction::kOpen) {
      project_setting_[p] = static_cast<int>(opened++);
    } else {
      for (std::size_t s = 0; s < places_.size(); ++s) {
        if (places_.specs()[s].name == project.setting.name) project_setting_[p] = static_cast<int>(s);
      }
    }
    // Each project has its own stream, so adding a project moves no other's delay.
    const std::string stream = "capital:" + project.name;
    engine::Rng rng(master_seed, replication, engine::stream_id(stream.c_str()));
    const double delay = rng.triangular(project.delay_months.min, project.delay_months.mode, project.delay_months.max);
    Day start = calendar_.day(project.planned) + static_cast<Day>(std::lround(delay * kDaysPerMonth));
    if (project.open_in_september && calendar_.date(start) != engine::Date{calendar_.date(start).year, 9, 1}) {
      start = calendar_.next_september(start);
    }
    std::vector<double> ramp = project.ramp_up;
    if (ramp.empty()) ramp.push_back(1.0);
    const engine::Date start_date = calendar_.date(start);
    for (std::size_t step = 0; step < ramp.size(); ++step) {
      const Day at = std::max<Day>(0, calendar_.day(engine::add_months(start_date, static_cast<int>(12 * step))));
      capital_steps_[p].push_back({at, ramp[step]});
      if (at <= end_day_) {
        sim_.schedule(at, static_cast<std::uint8_t>(Priority::kCapacity),
                      Event{EventKind::kCapital, static_cast<std::uint8_t>(step), static_cast<std::uint32_t>(p), 0});
      }
    }
  }
}

void World::capital_step(std::uint32_t p, std::uint8_t step) {
  const CapitalProject& project = model_.capital_programme[p];
  const int s = project_setting_[p];
  if (s < 0) return;
  const double share = capital_steps_[p][step].share;
  const double before = step > 0 ? capital_steps_[p][step - 1].share : 0.0;
  const int added = static_cast<int>(std::lround(project.places * share)) -
                    static_cast<int>(std::lround(project.places * before));
  switch (project.action) {
    case CapitalAction::kOpen:
    case CapitalAction::kExpand: places_.add_capital_places(s, added); break;
    case CapitalAction::kReduce: places_.add_capital_places(s, -added); break;
    case CapitalAction::kClose: places_.close(s); break;
    case CapitalAction::kRedesignate: places_.redesignate(s, project.needs, project.min_age, project.max_age); break;
    case CapitalAction::kChangeType: {
      double& quadrant = quadrant_places_[quadrant_of_[places_.district(s)]];
      if (places_.is_local_specialist(s)) quadrant -= places_.state(s).places;
      places_.change_type(s, project.new_type);
      if (places_.is_local_specialist(s)) quadrant += places_.state(s).places;
      break;
    }
  }
  count_flow(Flow::kCapitalSteps);
  refresh_places(s);
}

const PolicyChange& World::policy_now() const noexcept {
  const PolicyChange* active = &no_policy_change_;
  for (std::size_t i = 0; i < policy_days_.size(); ++i) {
    if (policy_days_[i] <= sim_.now()) active = &model_.demand.policy_changes[i];
  }
  return *active;
}

double World::population_growth(std::size_t district, int age) const noexcept {
  double rate = model_.districts[district].population_growth;
  const int band = static_cast<int>(index(age_band_of(age)));
  for (const auto& g : model_.demand.population_growth) {
    if (g.from_year > current_academic_year_) continue;
    if (!g.district.empty() && g.district != model_.districts[district].name) continue;
    if (g.age_band >= 0 && g.age_band != band) continue;
    rate = g.rate;
  }
  return rate;
}

double World::induced_factor(std::size_t district) const {
  const double elasticity = model_.demand.induced_elasticity;
  if (elasticity == 0.0) return 1.0;
  const std::size_t q = quadrant_of_[district];
  const double start = quadrant_places_start_[q];
  if (start <= 0) return 1.0;
  return std::pow(std::max(quadrant_places_[q], 1.0) / start, elasticity);
}

void World::september_round(std::vector<std::uint32_t>& movers) {
  // Children wanting a specialist place this September: movers whose plan
  // names one, and everyone already waiting.
  std::vector<std::uint32_t> round;
  for (const auto id : movers) {
    const SettingType t = children_[id].plan_type;
    if (is_specialist(t)) round.push_back(id);
  }
  for (const SettingType t : {SettingType::kEnhanced, SettingType::kSpecial}) {
    for (const auto id : places_.waiting(t)) round.push_back(id);
  }
  std::vector<int> candidates;
  for (const SettingType t : {SettingType::kEnhanced, SettingType::kSpecial}) {
    for (const int s : places_.of_type(t)) {
      if (places_.is_local_specialist(s)) candidates.push_back(s);
    }
  }
  AssignmentProblem problem;
  problem.capacity.reserve(candidates.size());
  for (const int s : candidates) {
    problem.capacity.push_back(std::max(0, places_.capacity_limit(s) - places_.state(s).on_roll));
  }
  problem.cost.assign(round.size(), std::vector<std::int64_t>(candidates.size(), -1));
  for (std::size_t i = 0; i < round.size(); ++i) {
    const Child& c = children_[round[i]];
    const SettingType wanted = c.waiting ? c.waiting_for : c.plan_type;
    for (std::size_t j = 0; j < candidates.size(); ++j) {
      const int s = candidates[j];
      if (places_.spec(s).type != wanted || !suits(c, s)) continue;
      const double minutes = places_.minutes(c.district, s);
      if (!(minutes <= model_.policy.max_travel_minutes)) continue;
      problem.cost[i][j] = static_cast<std::int64_t>(std::lround(minutes));
    }
  }
  const auto assignment = solve_min_cost_assignment(problem);
  std::vector<std::uint32_t> placed;
  for (std::size_t i = 0; i < round.size(); ++i) {
    if (assignment[i] < 0) continue;
    const auto id = round[i];
    const int s = candidates[assignment[i]];
    Child& c = children_[id];
    if (c.waiting) {
      stop_waiting(id);
      leave_setting(id);
    }
    c.fallback = false;
    join_setting(id, s);
    count_flow(places_.spec(s).type == SettingType::kSpecial ? Flow::kPlacementsSpecial : Flow::kPlacementsEnhanced);
    placed.push_back(id);
  }
  // Everyone the round did not place goes through the ordinary rule (mainstream,
  // INMSS, or the fallback).
  std::sort(placed.begin(), placed.end());
  std::vector<std::uint32_t> rest;
  for (const auto id : movers) {
    if (!std::binary_search(placed.begin(), placed.end(), id)) rest.push_back(id);
  }
  movers.swap(rest);
}

}  // namespace sendsim::send
