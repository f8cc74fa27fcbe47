// sim/send/placement.cpp: choosing the provision a plan names and the setting
// that takes the child, waiting lists, the fallbacks and the system-optimal
// September round (min-cost flow, send/flow.hpp).
//
// Rule (nearest free place): among settings of the type the plan names that
// are open, designated for the child's need (or for all needs), cover the
// child's academic age, lie in the area within the policy's maximum travel
// time and have room, take the one with the shortest travel time from the
// child's district (ties: the setting listed first). INMSS places are never
// limited by travel time. Room means fewer on roll than the commissioned
// places, or than places plus the permitted over-number margin where the
// setting (or policy) allows placement over number. When there is no such
// setting the policy's fallback applies: wait in the nearest mainstream
// setting (an interim place), go to INMSS, or go to an out-of-county special
// setting.
#include <algorithm>
#include <cassert>
#include <cmath>

#include "send/flow.hpp"
#include "send/world.hpp"

namespace sendsim::send {

SettingType World::draw_plan_type(const Child& c, std::uint16_t academic_age, engine::Rng& rng,
                                  const ByType* weight) {
  ByType weights = model_.placement.mix[index(c.need)];
  const double factor = model_.placement.specialist_factor[index(phase_of_ncy(academic_age - 4))];
  for (int t = 1; t < kSettingTypeCount; ++t) weights[t] *= factor;
  for (int t = 0; t < kSettingTypeCount; ++t) weights[t] *= model_.placement.preference[t];
  if (weight != nullptr) {
    for (int t = 0; t < kSettingTypeCount; ++t) weights[t] *= (*weight)[t];
  }
  weights[0] *= policy_now().mainstream_weight;
  double total = 0;
  for (double w : weights) total += w;
  if (total <= 0) return SettingType::kMainstream;
  return static_cast<SettingType>(rng.discrete(weights));
}

void World::join_setting(std::uint32_t id, int s) {
  assert(children_[id].setting < 0);
  post_child(id, sim_.now());
  children_[id].setting = s;
  places_.enrol(s, sim_.now());
}

void World::leave_setting(std::uint32_t id) {
  Child& c = children_[id];
  const int s = c.setting;
  if (s < 0) return;
  post_child(id, sim_.now());
  c.setting = -1;
  places_.unenrol(s, sim_.now());
  if (!places_.spec(s).unlimited) fill_vacancies(s);
}

bool World::try_place_in_type(std::uint32_t id, SettingType type, bool forced) {
  Child& c = children_[id];
  const int s = find_setting(c, type, /*out_of_area=*/false, forced);
  if (s < 0) return false;
  const bool over = !places_.spec(s).unlimited && places_.state(s).on_roll >= places_.state(s).places;
  join_setting(id, s);
  static constexpr Flow kPlacementFlows[kSettingTypeCount] = {
      Flow::kPlacementsMainstream, Flow::kPlacementsEnhanced, Flow::kPlacementsSpecial,
      Flow::kPlacementsInmss};
  count_flow(kPlacementFlows[index(type)]);
  if (over) count_flow(forced ? Flow::kForcedPlacements : Flow::kOverNumberPlacements);
  return true;
}

void World::place(std::uint32_t id) {
  Child& c = children_[id];
  c.fallback = false;
  const SettingType type = c.plan_type;
  if (try_place_in_type(id, type, false)) return;
  if (type == SettingType::kMainstream || type == SettingType::kInmss) {
    count_flow(Flow::kUnplaced);  // the model has no setting at all for this child
    return;
  }
  switch (model_.policy.fallback) {
    case Fallback::kWait:
      start_waiting(id);
      return;
    case Fallback::kOutOfCounty: {
      const int s = find_setting(c, SettingType::kSpecial, /*out_of_area=*/true, /*forced=*/true);
      if (s >= 0) {
        c.fallback = true;
        count_flow(Flow::kFallbackOutOfCounty);
        join_setting(id, s);
        return;
      }
      [[fallthrough]];
    }
    case Fallback::kInmss:
      c.fallback = true;
      count_flow(Flow::kFallbackInmss);
      if (!try_place_in_type(id, SettingType::kInmss, true)) count_flow(Flow::kUnplaced);
      return;
  }
}

void World::start_waiting(std::uint32_t id) {
  assert(!children_[id].waiting && children_[id].setting < 0);
  Child& c = children_[id];
  post_child(id, sim_.now());
  c.waiting = true;
  c.wait_since = sim_.now();
  c.waiting_for = c.plan_type;
  places_.join_waiting(c.waiting_for, seeker(c), id);
  count_flow(Flow::kWaitsStarted);
  // Interim place: the nearest mainstream setting for the child's age.
  const int interim = find_setting(c, SettingType::kMainstream, false, true);
  if (interim >= 0) join_setting(id, interim);
  if (rng_.tribunal.bernoulli(model_.tribunal.appeal_share_placement)) {
    count_flow(Flow::kAppealsPlacement);
    schedule_tribunal(id, kAppealPlacement);
  }
  if (model_.policy.max_wait_months > 0) {
    const Day at = clock_.calendar().day(
        engine::add_months(clock_.calendar().date(sim_.now()), model_.policy.max_wait_months));
    schedule_child(at, EventKind::kWaitTimeout, id);
  }
}

void World::stop_waiting(std::uint32_t id) {
  Child& c = children_[id];
  if (!c.waiting) return;
  post_child(id, sim_.now());
  places_.leave_waiting(c.waiting_for, seeker(c), id);
  record_wait_end(c);
  c.waiting = false;
}

void World::fill_vacancies(int s) {
  if (places_.vacancies_held()) return;
  const Setting& spec = places_.spec(s);
  if (spec.unlimited || !places_.in_area(s)) return;
  const SettingState& st = places_.state(s);
  if (st.on_roll >= places_.capacity_limit(s)) return;
  // The children the setting could take, in the order they started to wait:
  // the lists of its type for the home districts within reach and the needs
  // it is designated for, walked together by joining number. Each list's
  // head is its first child the setting suits (age); a child taken off
  // leaves a hole, and the slots do not move while no one joins (no one
  // joins during this walk).
  std::vector<const WaitingList*> lists;
  places_.waiting_lists_for(s, lists);
  std::vector<std::size_t> head(lists.size(), 0);
  auto takes = [&](std::uint32_t id) {
    if (id == WaitingList::kHole) return false;
    const Child& c = children_[id];
    return suits(c, s) && places_.within_reach(c.district, s);
  };
  auto advance = [&](std::size_t k) {
    while (head[k] < lists[k]->slots() && !takes(lists[k]->slot(head[k]))) ++head[k];
  };
  for (std::size_t k = 0; k < lists.size(); ++k) advance(k);
  while (st.on_roll < places_.capacity_limit(s)) {
    std::size_t first = lists.size();
    for (std::size_t k = 0; k < lists.size(); ++k) {
      // A head taken off by a nested fill since it was found moves on.
      if (head[k] < lists[k]->slots() && lists[k]->slot(head[k]) == WaitingList::kHole) advance(k);
      if (head[k] >= lists[k]->slots()) continue;
      if (first == lists.size() || lists[k]->order(head[k]) < lists[first]->order(head[first])) first = k;
    }
    if (first == lists.size()) return;
    const std::uint32_t id = lists[first]->slot(head[first]);
    stop_waiting(id);  // takes the child off the list
    leave_setting(id);
    const bool over = st.on_roll >= st.places;
    join_setting(id, s);
    count_flow(spec.type == SettingType::kSpecial ? Flow::kPlacementsSpecial : Flow::kPlacementsEnhanced);
    if (over) count_flow(Flow::kOverNumberPlacements);
    ++head[first];
    advance(first);
  }
}

void World::wait_timeout(std::uint32_t id) {
  // The limit is in calendar months from the day the wait began (a wait from
  // 1 September ends on 1 September, after that day's rollover has run).
  Child& c = children_[id];
  if (!c.waiting) return;
  const Day limit = clock_.calendar().day(
      engine::add_months(clock_.calendar().date(c.wait_since), model_.policy.max_wait_months));
  if (sim_.now() < limit) return;
  stop_waiting(id);
  count_flow(Flow::kWaitTimeouts);
  if (c.waiting_for == SettingType::kEnhanced) {
    // No enhanced place in time: the plan is amended to mainstream with
    // top-up, and the child stays in the interim (now the named) school.
    c.plan_type = SettingType::kMainstream;
    return;
  }
  leave_setting(id);
  count_flow(Flow::kFallbackInmss);
  c.fallback = true;
  if (!try_place_in_type(id, SettingType::kInmss, true)) count_flow(Flow::kUnplaced);
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
    count_flow(places_.spec(s).type == SettingType::kSpecial ? Flow::kPlacementsSpecial
                                                             : Flow::kPlacementsEnhanced);
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
