// sim/send/places.hpp: the places of one replication: each setting as it
// stands (capital projects change designations and types) and its state
// (commissioned places, roll, occupancy over time), the settings of each
// type, each setting's district, the search for a setting that suits a
// child, and the waiting lists per provision type.
//
// The search is asked with a PlaceSeeker (home district, need, academic age)
// and the lists hold children by index, so that the way they are stored can
// change without touching the callers. The waiting lists are WaitingLists
// (send/waiting_list.hpp: joining order, constant-time leaving), one per
// type, home district and need, so that a vacancy is offered only to the
// lists of children it could take.
#pragma once

#include <cstdint>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/stats.hpp"
#include "send/model.hpp"
#include "send/network.hpp"
#include "send/waiting_list.hpp"

namespace sendsim::send {

using engine::Day;

struct SettingState {
  int places = 0;  // commissioned places now (ignored when unlimited)
  int on_roll = 0;
  int max_over_number = 0;                     // most children over the places at any time
  engine::TimeWeighted occupancy{0.0, 0.0};    // children on roll over time
  engine::TimeWeighted over_number{0.0, 0.0};  // children over the commissioned number over time
  std::int64_t capital_delta = 0;              // places added (or removed) by capital projects so far
  bool closed = false;                         // closed by a capital project
};

/// Who a place is sought for.
struct PlaceSeeker {
  std::size_t district = 0;  // home district
  Need need = Need::kASD;
  int academic_age = 0;
};

class Places {
 public:
  Places() = default;
  /// `specs`: the model's settings and then those capital projects open (with
  /// no places of their own). Places whose first step is on or before the
  /// start are in force; later steps are the caller's to schedule. The
  /// travel times between the model's districts are the Places' own.
  Places(const Model& model, const engine::Calendar& calendar, TravelTimes travel,
         std::vector<Setting> specs);

  [[nodiscard]] std::size_t size() const noexcept { return specs_.size(); }
  [[nodiscard]] const std::vector<Setting>& specs() const noexcept { return specs_; }
  [[nodiscard]] const std::vector<SettingState>& states() const noexcept { return states_; }
  [[nodiscard]] const Setting& spec(int s) const noexcept { return specs_[s]; }
  [[nodiscard]] const SettingState& state(int s) const noexcept { return states_[s]; }
  /// Index of setting `s`'s district in the model.
  [[nodiscard]] std::size_t district(int s) const noexcept { return district_[s]; }
  [[nodiscard]] bool in_area(int s) const noexcept { return model_->districts[district_[s]].in_area; }
  /// See send::is_local_specialist (model.hpp).
  [[nodiscard]] bool is_local_specialist(int s) const noexcept {
    return send::is_local_specialist(specs_[s], in_area(s));
  }
  /// The settings of `type`, in the order listed.
  [[nodiscard]] const std::vector<int>& of_type(SettingType type) const noexcept {
    return by_type_[index(type)];
  }
  /// Travel time from `home` to setting `s`.
  [[nodiscard]] double minutes(std::size_t home, int s) const noexcept {
    return travel_.minutes(home, district_[s]);
  }
  /// Within the policy's maximum travel time from `home` (false when unreachable).
  [[nodiscard]] bool within_reach(std::size_t home, int s) const noexcept {
    return minutes(home, s) <= model_->policy.max_travel_minutes;
  }

  /// Open, designated for the seeker's need (or for all needs) and covering
  /// their age. Ignores room and travel.
  [[nodiscard]] bool suits(const PlaceSeeker& who, int s) const;
  /// Most children setting `s` may have on roll: its places, plus the
  /// over-number margin where allowed; no limit when unlimited.
  [[nodiscard]] int capacity_limit(int s) const;
  /// The nearest setting of `type` that suits `who`: in the area within the
  /// maximum travel time (or, with `out_of_area`, outside it; INMSS anywhere),
  /// with room unless `forced`. Ties go to the setting listed first; -1 when
  /// none. Walks the candidate index (below) from the nearest.
  [[nodiscard]] int find(const PlaceSeeker& who, SettingType type, bool out_of_area, bool forced) const;
  /// The same answer by scanning every setting of `type` (the reference
  /// the index is tested against, tests/send/places_index_test.cpp).
  [[nodiscard]] int find_by_scan(const PlaceSeeker& who, SettingType type, bool out_of_area,
                                 bool forced) const;

  /// One more (or one fewer) child on roll at `s` from `now`.
  void enrol(int s, Day now);
  void unenrol(int s, Day now);
  /// The places setting `s` should have on `now`: its places list, plus the
  /// capital projects' changes, none when closed.
  [[nodiscard]] int places_due(int s, Day now) const;
  /// Sets the commissioned places of `s` from `now`.
  void set_places(int s, int places, Day now);

  // Capital projects' changes (the places take effect at set_places).
  void add_capital_places(int s, int delta) noexcept { states_[s].capital_delta += delta; }
  void close(int s) noexcept { states_[s].closed = true; }
  /// Designates `s` for `needs` (empty: all); an age below zero keeps the old one.
  void redesignate(int s, const std::vector<Need>& needs, int min_age, int max_age);
  /// Makes `s` a setting of `type` (it keeps its place in the listed order).
  void change_type(int s, SettingType type);

  /// While held (the September transfers, until the movers are placed),
  /// vacancies are not offered to the waiting lists (World::fill_vacancies).
  void hold_vacancies(bool held) noexcept { hold_vacancies_ = held; }
  [[nodiscard]] bool vacancies_held() const noexcept { return hold_vacancies_; }

  /// Adds child `id` (home district and need in `who`) at the back of the
  /// waiting for `type`.
  void join_waiting(SettingType type, const PlaceSeeker& who, std::uint32_t id);
  /// Takes child `id` off the waiting for `type`; no-op when not on it.
  void leave_waiting(SettingType type, const PlaceSeeker& who, std::uint32_t id);
  /// Renames every waiting child: `id` becomes `to[id]` (Children::relocate).
  void renumber_children(const std::vector<std::uint32_t>& to) {
    for (WaitingList& list : waiting_) list.renumber(to);
  }
  /// Children waiting for `type`, in the order they started to wait.
  [[nodiscard]] std::vector<std::uint32_t> waiting(SettingType type) const;
  /// The lists of the children waiting for setting `s`'s type whom it could
  /// take by home district (within the maximum travel time) and need (its
  /// designation), into `out`; each list in joining order, and the joining
  /// numbers (WaitingList::order) order them across lists.
  void waiting_lists_for(int s, std::vector<const WaitingList*>& out) const;

 private:
  void update_levels(int s, Day now);
  /// Builds the candidate index: for each home district, setting type, need
  /// and scope (in the area, or out of it), the settings of that type
  /// designated for the need (or for all needs) that the scope allows (in
  /// the area: within the maximum travel time; out of it: any; INMSS: every
  /// one, in scope 0), sorted by travel time and then by listed order (the
  /// scan's tie-break). What changes during a run (open, room, the age range
  /// after a redesignation) is checked as the list is walked; a
  /// redesignation or a change of type rebuilds the index. Ages are not part
  /// of the key: with them it would be 26 times larger (44 million entries
  /// for 60 copies of the default county) for a check the walk makes
  /// cheaply.
  void build_index();
  [[nodiscard]] std::size_t index_key(std::size_t district, SettingType type, Need need,
                                      bool out_of_area) const noexcept {
    return ((district * kSettingTypeCount + index(type)) * kNeedCount + index(need)) * 2 +
           (out_of_area ? 1 : 0);
  }

  const Model* model_ = nullptr;
  const engine::Calendar* calendar_ = nullptr;
  TravelTimes travel_;
  std::vector<Setting> specs_;
  std::vector<SettingState> states_;
  std::vector<std::vector<int>> by_type_;  // indices per SettingType, ascending
  std::vector<std::size_t> district_;      // per setting
  // Waiting lists per (type, home district, need), waiting_key(); joined_
  // numbers the joinings.
  [[nodiscard]] std::size_t waiting_key(SettingType type, std::size_t district, Need need) const noexcept {
    return (index(type) * model_->districts.size() + district) * kNeedCount + index(need);
  }
  std::vector<WaitingList> waiting_;
  std::uint64_t joined_ = 0;
  std::vector<std::vector<std::uint16_t>> reach_;  // per district: the home districts within reach of it
  std::vector<std::uint32_t> candidate_start_;     // per index_key, and one past the last
  std::vector<int> candidates_;                    // settings, list after list
  bool hold_vacancies_ = false;
};

}  // namespace sendsim::send
