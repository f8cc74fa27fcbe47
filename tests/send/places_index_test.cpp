// tests/send/places_index_test.cpp: Places::find (the candidate index by
// district, type and need, sorted by travel time) against Places::find_by_scan
// (every setting of the type, as placement searched before) on random
// models, rolls, closures, redesignations and changes of type; and the
// waiting lists by type, district and need against one vector per type.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>

#include "engine/rng.hpp"
#include "send/places.hpp"

namespace sendsim::send {
namespace {

Model random_model(engine::Rng& rng) {
  Model m;
  m.start_date = {2021, 9, 1};
  const int districts = 1 + static_cast<int>(rng.below(7));
  for (int d = 0; d < districts; ++d) {
    District district;
    district.name = "d" + std::to_string(d);
    district.in_area = rng.bernoulli(0.75);
    m.districts.push_back(district);
  }
  // Some links; some districts unreachable. Few distinct minutes, so that
  // ties in travel time are common.
  for (int d = 1; d < districts; ++d) {
    if (rng.bernoulli(0.8)) {
      const auto other = static_cast<int>(rng.below(static_cast<std::uint64_t>(d)));
      m.travel.push_back({m.districts[d].name, m.districts[other].name, 15.0 * (1 + rng.below(5))});
    }
  }
  m.policy.max_travel_minutes = 20.0 + 10.0 * static_cast<double>(rng.below(8));
  m.policy.allow_over_number = rng.bernoulli(0.5);
  m.policy.over_number_share = 0.2;
  const int settings = 1 + static_cast<int>(rng.below(25));
  for (int s = 0; s < settings; ++s) {
    Setting spec;
    spec.name = "s" + std::to_string(s);
    spec.type = static_cast<SettingType>(rng.below(kSettingTypeCount));
    spec.district = m.districts[rng.below(m.districts.size())].name;
    if (rng.bernoulli(0.6)) {
      const auto count = 1 + rng.below(4);
      for (std::uint64_t k = 0; k < count; ++k)
        spec.needs.push_back(static_cast<Need>(rng.below(kNeedCount)));
    }
    spec.min_age = static_cast<int>(rng.below(12));
    spec.max_age = spec.min_age + static_cast<int>(rng.below(14));
    spec.unlimited = rng.bernoulli(0.25);
    if (rng.bernoulli(0.3)) spec.allow_over_number = rng.bernoulli(0.5);
    spec.places = {{{2021, 9, 1}, static_cast<int>(rng.below(6))}};
    m.settings.push_back(spec);
  }
  return m;
}

/// Asks both 200 random questions; returns how many found a setting.
int expect_same_answers(const Places& places, const Model& m, engine::Rng& rng, int trial) {
  int found = 0;
  for (int q = 0; q < 200; ++q) {
    PlaceSeeker who;
    who.district = rng.below(m.districts.size());
    who.need = static_cast<Need>(rng.below(kNeedCount));
    who.academic_age = static_cast<int>(rng.below(27));
    const auto type = static_cast<SettingType>(rng.below(kSettingTypeCount));
    const bool out_of_area = rng.bernoulli(0.3);
    const bool forced = rng.bernoulli(0.3);
    const int s = places.find(who, type, out_of_area, forced);
    EXPECT_EQ(s, places.find_by_scan(who, type, out_of_area, forced))
        << "trial " << trial << " query " << q << ": district " << who.district << " type " << index(type)
        << " need " << index(who.need) << " age " << who.academic_age << " out_of_area " << out_of_area
        << " forced " << forced;
    if (s >= 0) ++found;
  }
  return found;
}

TEST(PlacesIndex, FindsWhatTheScanFinds) {
  engine::Rng rng(1403);
  int found = 0;
  int asked = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const Model m = random_model(rng);
    const engine::Calendar calendar(m.start_date);
    const TravelTimes travel(m.districts, m.travel);
    Places places(m, calendar, travel, m.settings);
    found += expect_same_answers(places, m, rng, trial);
    asked += 200;
    // Rolls fill up, places change (some close), designations and types change.
    for (int round = 0; round < 4; ++round) {
      for (int k = 0; k < 20; ++k) {
        const int s = static_cast<int>(rng.below(places.size()));
        places.enrol(s, 1);
      }
      for (int k = 0; k < 3; ++k) {
        const int s = static_cast<int>(rng.below(places.size()));
        places.set_places(s, static_cast<int>(rng.below(4)), 2);
      }
      if (rng.bernoulli(0.5)) {
        const int s = static_cast<int>(rng.below(places.size()));
        std::vector<Need> needs;
        if (rng.bernoulli(0.7)) needs.push_back(static_cast<Need>(rng.below(kNeedCount)));
        places.redesignate(s, needs, rng.bernoulli(0.5) ? static_cast<int>(rng.below(10)) : -1,
                           rng.bernoulli(0.5) ? 10 + static_cast<int>(rng.below(10)) : -1);
      }
      if (rng.bernoulli(0.5)) {
        const int s = static_cast<int>(rng.below(places.size()));
        places.change_type(s, static_cast<SettingType>(rng.below(kSettingTypeCount)));
      }
      found += expect_same_answers(places, m, rng, trial);
      asked += 200;
      if (HasFailure()) return;
    }
  }
  // The questions are not all answered "none".
  EXPECT_GT(found, asked / 10) << found << " of " << asked << " found a setting";
}

TEST(PlacesWaiting, ListsByDistrictAndNeedKeepOneJoiningOrder) {
  engine::Rng rng(1404);
  for (int trial = 0; trial < 100; ++trial) {
    const Model m = random_model(rng);
    const engine::Calendar calendar(m.start_date);
    const TravelTimes travel(m.districts, m.travel);
    Places places(m, calendar, travel, m.settings);
    // The plain version: one vector per type in joining order.
    std::array<std::vector<std::pair<std::uint32_t, PlaceSeeker>>, kSettingTypeCount> plain;
    std::vector<int> on(300, -1);  // type each child waits for, -1 none
    for (int step = 0; step < 600; ++step) {
      const auto id = static_cast<std::uint32_t>(rng.below(on.size()));
      if (on[id] < 0) {
        const auto type = static_cast<SettingType>(rng.below(kSettingTypeCount));
        const PlaceSeeker who{rng.below(m.districts.size()), static_cast<Need>(rng.below(kNeedCount)), 0};
        places.join_waiting(type, who, id);
        plain[index(type)].emplace_back(id, who);
        on[id] = static_cast<int>(index(type));
      } else {
        auto& list = plain[static_cast<std::size_t>(on[id])];
        const auto it = std::find_if(list.begin(), list.end(), [&](const auto& e) { return e.first == id; });
        places.leave_waiting(static_cast<SettingType>(on[id]), it->second, id);
        list.erase(it);
        on[id] = -1;
      }
    }
    for (int t = 0; t < kSettingTypeCount; ++t) {
      std::vector<std::uint32_t> expected;
      for (const auto& e : plain[t]) expected.push_back(e.first);
      ASSERT_EQ(places.waiting(static_cast<SettingType>(t)), expected) << "trial " << trial << " type " << t;
    }
    // A vacancy's lists, merged by joining number, hold exactly the waiters
    // of its type it could take by district and need, in joining order.
    for (std::size_t s = 0; s < places.size(); ++s) {
      const Setting& spec = places.spec(static_cast<int>(s));
      std::vector<std::uint32_t> expected;
      for (const auto& [id, who] : plain[index(spec.type)]) {
        const bool need = spec.needs.empty() ||
                          std::find(spec.needs.begin(), spec.needs.end(), who.need) != spec.needs.end();
        if (need && places.within_reach(who.district, static_cast<int>(s))) expected.push_back(id);
      }
      std::vector<const WaitingList*> lists;
      places.waiting_lists_for(static_cast<int>(s), lists);
      std::vector<std::pair<std::uint64_t, std::uint32_t>> merged;
      for (const WaitingList* list : lists) {
        for (std::size_t i = 0; i < list->slots(); ++i) {
          if (list->slot(i) != WaitingList::kHole) merged.emplace_back(list->order(i), list->slot(i));
        }
      }
      std::sort(merged.begin(), merged.end());
      std::vector<std::uint32_t> got;
      for (const auto& e : merged) got.push_back(e.second);
      ASSERT_EQ(got, expected) << "trial " << trial << " setting " << s;
    }
  }
}

}  // namespace
}  // namespace sendsim::send
