// sim/send/places.cpp: the settings' state, the search for a setting (the
// candidate index and the scan it replaces) and the waiting lists (see
// places.hpp).
#include "send/places.hpp"

#include <algorithm>
#include <climits>
#include <cmath>

namespace sendsim::send {

Places::Places(const Model& model, const engine::Calendar& calendar, TravelTimes travel,
               std::vector<Setting> specs)
    : model_(&model), calendar_(&calendar), travel_(std::move(travel)), specs_(std::move(specs)) {
  states_.assign(specs_.size(), {});
  by_type_.assign(kSettingTypeCount, {});
  district_.assign(specs_.size(), 0);
  for (std::size_t s = 0; s < specs_.size(); ++s) {
    const Setting& spec = specs_[s];
    for (std::size_t d = 0; d < model.districts.size(); ++d) {
      if (model.districts[d].name == spec.district) district_[s] = d;
    }
    by_type_[index(spec.type)].push_back(static_cast<int>(s));
    for (const auto& step : spec.places) {
      if (calendar.day(step.from) <= 0) states_[s].places = step.places;
    }
  }
  build_index();
  waiting_.assign(kSettingTypeCount * model.districts.size() * kNeedCount, WaitingList{});
  reach_.assign(model.districts.size(), {});
  for (std::size_t to = 0; to < model.districts.size(); ++to) {
    for (std::size_t home = 0; home < model.districts.size(); ++home) {
      if (travel_.minutes(home, to) <= model.policy.max_travel_minutes) {
        reach_[to].push_back(static_cast<std::uint16_t>(home));
      }
    }
  }
}

void Places::build_index() {
  const std::size_t districts = model_->districts.size();
  candidate_start_.assign(districts * kSettingTypeCount * kNeedCount * 2 + 1, 0);
  candidates_.clear();
  std::vector<std::pair<double, int>> ranked;
  std::vector<std::vector<int>> lists(static_cast<std::size_t>(kNeedCount) * 2);
  for (std::size_t d = 0; d < districts; ++d) {
    for (int t = 0; t < kSettingTypeCount; ++t) {
      const auto type = static_cast<SettingType>(t);
      const bool pool_type = type == SettingType::kInmss;
      for (auto& list : lists) list.clear();
      for (const int out_of_area : {0, 1}) {
        if (pool_type && out_of_area == 1) break;  // INMSS: one list, used for both scopes
        ranked.clear();
        for (const int s : by_type_[t]) {
          const bool local = in_area(s);
          if (!pool_type && local == (out_of_area == 1)) continue;
          const double travel = minutes(d, s);
          if (local && !pool_type && !(travel <= model_->policy.max_travel_minutes)) continue;
          ranked.emplace_back(std::isfinite(travel) ? travel : 1e12, s);
        }
        // By travel, then listed order (by_type_ is ascending): the scan keeps
        // the first of equal ranks.
        std::sort(ranked.begin(), ranked.end());
        for (const auto& [rank, s] : ranked) {
          const auto& needs = specs_[s].needs;
          for (int n = 0; n < kNeedCount; ++n) {
            if (needs.empty() || std::find(needs.begin(), needs.end(), static_cast<Need>(n)) != needs.end()) {
              lists[static_cast<std::size_t>(n) * 2 + out_of_area].push_back(s);
            }
          }
        }
      }
      for (int n = 0; n < kNeedCount; ++n) {
        for (const int out_of_area : {0, 1}) {
          const auto& list = lists[static_cast<std::size_t>(n) * 2 + (pool_type ? 0 : out_of_area)];
          candidate_start_[index_key(d, type, static_cast<Need>(n), out_of_area == 1)] =
              static_cast<std::uint32_t>(candidates_.size());
          candidates_.insert(candidates_.end(), list.begin(), list.end());
        }
      }
    }
  }
  candidate_start_.back() = static_cast<std::uint32_t>(candidates_.size());
}

bool Places::suits(const PlaceSeeker& who, int s) const {
  const Setting& spec = specs_[s];
  if (!spec.unlimited && states_[s].places <= 0) return false;
  if (who.academic_age < spec.min_age || who.academic_age > spec.max_age) return false;
  if (spec.needs.empty()) return true;
  return std::find(spec.needs.begin(), spec.needs.end(), who.need) != spec.needs.end();
}

int Places::capacity_limit(int s) const {
  const Setting& spec = specs_[s];
  if (spec.unlimited) return INT_MAX;
  const int places = states_[s].places;
  const bool over = spec.allow_over_number.value_or(model_->policy.allow_over_number);
  if (!over) return places;
  return places + static_cast<int>(std::floor(places * model_->policy.over_number_share));
}

int Places::find(const PlaceSeeker& who, SettingType type, bool out_of_area, bool forced) const {
  const std::size_t key = index_key(who.district, type, who.need, out_of_area);
  const int* const end = candidates_.data() + candidate_start_[key + 1];
  for (const int* it = candidates_.data() + candidate_start_[key]; it != end; ++it) {
    const int s = *it;
    const Setting& spec = specs_[s];
    if (who.academic_age < spec.min_age || who.academic_age > spec.max_age) continue;
    if (!spec.unlimited && states_[s].places <= 0) continue;
    if (!forced && states_[s].on_roll >= capacity_limit(s)) continue;
    return s;
  }
  return -1;
}

int Places::find_by_scan(const PlaceSeeker& who, SettingType type, bool out_of_area, bool forced) const {
  int best = -1;
  double best_minutes = 0;
  const bool pool_type = type == SettingType::kInmss;
  for (const int s : by_type_[index(type)]) {
    const bool local = in_area(s);
    // Out-of-area settings are used only as INMSS or the out-of-county fallback.
    if (!pool_type && local == out_of_area) continue;
    if (!suits(who, s)) continue;
    const double travel = minutes(who.district, s);
    if (local && !pool_type && !(travel <= model_->policy.max_travel_minutes)) continue;
    if (!forced && states_[s].on_roll >= capacity_limit(s)) continue;
    const double rank = std::isfinite(travel) ? travel : 1e12;
    if (best < 0 || rank < best_minutes) {
      best = s;
      best_minutes = rank;
    }
  }
  return best;
}

void Places::update_levels(int s, Day now) {
  SettingState& st = states_[s];
  st.occupancy.set(now, st.on_roll);
  const int over = specs_[s].unlimited ? 0 : std::max(0, st.on_roll - st.places);
  st.over_number.set(now, over);
  st.max_over_number = std::max(st.max_over_number, over);
}

void Places::enrol(int s, Day now) {
  ++states_[s].on_roll;
  update_levels(s, now);
}

void Places::unenrol(int s, Day now) {
  --states_[s].on_roll;
  update_levels(s, now);
}

int Places::places_due(int s, Day now) const {
  int places = 0;
  for (const auto& step : specs_[s].places) {
    if (calendar_->day(step.from) <= now) places = step.places;
  }
  const SettingState& st = states_[s];
  return st.closed ? 0 : static_cast<int>(std::clamp<std::int64_t>(places + st.capital_delta, 0, kMaxPlaces));
}

void Places::set_places(int s, int places, Day now) {
  states_[s].places = places;
  update_levels(s, now);
}

void Places::redesignate(int s, const std::vector<Need>& needs, int min_age, int max_age) {
  Setting& spec = specs_[s];
  spec.needs = needs;
  if (min_age >= 0) spec.min_age = min_age;
  if (max_age >= 0) spec.max_age = max_age;
  build_index();
}

void Places::change_type(int s, SettingType type) {
  auto& old_list = by_type_[index(specs_[s].type)];
  old_list.erase(std::remove(old_list.begin(), old_list.end(), s), old_list.end());
  specs_[s].type = type;
  auto& new_list = by_type_[index(type)];
  new_list.insert(std::upper_bound(new_list.begin(), new_list.end(), s), s);
  build_index();
}

void Places::join_waiting(SettingType type, const PlaceSeeker& who, std::uint32_t id) {
  waiting_[waiting_key(type, who.district, who.need)].push_back(id, joined_++);
}

void Places::leave_waiting(SettingType type, const PlaceSeeker& who, std::uint32_t id) {
  waiting_[waiting_key(type, who.district, who.need)].erase(id);
}

std::vector<std::uint32_t> Places::waiting(SettingType type) const {
  std::vector<std::pair<std::uint64_t, std::uint32_t>> all;
  const std::size_t first = waiting_key(type, 0, static_cast<Need>(0));
  const std::size_t last = first + model_->districts.size() * kNeedCount;
  for (std::size_t k = first; k < last; ++k) {
    const WaitingList& list = waiting_[k];
    for (std::size_t i = 0; i < list.slots(); ++i) {
      if (list.slot(i) != WaitingList::kHole) all.emplace_back(list.order(i), list.slot(i));
    }
  }
  std::sort(all.begin(), all.end());
  std::vector<std::uint32_t> out;
  out.reserve(all.size());
  for (const auto& [order, id] : all) out.push_back(id);
  return out;
}

void Places::waiting_lists_for(int s, std::vector<const WaitingList*>& out) const {
  out.clear();
  const Setting& spec = specs_[s];
  for (const std::uint16_t d : reach_[district_[s]]) {
    if (spec.needs.empty()) {
      for (int n = 0; n < kNeedCount; ++n) {
        const WaitingList& list = waiting_[waiting_key(spec.type, d, static_cast<Need>(n))];
        if (!list.empty()) out.push_back(&list);
      }
    } else {
      for (std::size_t k = 0; k < spec.needs.size(); ++k) {
        // A need listed twice is one list.
        if (std::find(spec.needs.begin(), spec.needs.begin() + static_cast<std::ptrdiff_t>(k),
                      spec.needs[k]) != spec.needs.begin() + static_cast<std::ptrdiff_t>(k))
          continue;
        const WaitingList& list = waiting_[waiting_key(spec.type, d, spec.needs[k])];
        if (!list.empty()) out.push_back(&list);
      }
    }
  }
}

}  // namespace sendsim::send
