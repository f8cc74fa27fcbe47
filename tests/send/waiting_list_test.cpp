// tests/send/waiting_list_test.cpp: WaitingList (send/waiting_list.hpp)
// against the plain vector it replaces (push_back, std::find and erase), on
// random sequences of joins, leaves and serving walks.
#include "send/waiting_list.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "engine/rng.hpp"

namespace sendsim::send {
namespace {

/// The list as it was: a vector in joining order.
struct PlainList {
  std::vector<std::uint32_t> ids;
  void push_back(std::uint32_t id) { ids.push_back(id); }
  bool erase(std::uint32_t id) {
    const auto it = std::find(ids.begin(), ids.end(), id);
    if (it == ids.end()) return false;
    ids.erase(it);
    return true;
  }
};

TEST(WaitingList, SameChildrenInTheSameOrderAsAPlainVector) {
  engine::Rng rng(1414);
  for (int trial = 0; trial < 200; ++trial) {
    WaitingList list;
    PlainList plain;
    const std::uint32_t ids = 5 + static_cast<std::uint32_t>(rng.below(400));
    std::vector<bool> on(ids, false);
    const int steps = 50 + static_cast<int>(rng.below(3000));
    for (int step = 0; step < steps; ++step) {
      const auto what = rng.below(10);
      const auto id = static_cast<std::uint32_t>(rng.below(ids));
      if (what < 5) {
        if (on[id]) continue;
        list.push_back(id);
        plain.push_back(id);
        on[id] = true;
      } else if (what < 8) {
        // A leave, often of a child not on the list.
        ASSERT_EQ(list.erase(id), plain.erase(id)) << "trial " << trial << " step " << step;
        on[id] = false;
      } else {
        // Serving, as fill_vacancies does: walk in order, take off up to
        // `room` children the predicate accepts, while walking.
        const auto modulus = 1 + rng.below(4);
        const auto residue = rng.below(modulus);
        const auto wanted = rng.below(6);
        auto room = wanted;
        std::vector<std::uint32_t> served;
        for (std::size_t i = 0; i < list.slots() && room > 0; ++i) {
          const auto child = list.slot(i);
          if (child == WaitingList::kHole || child % modulus != residue) continue;
          ASSERT_TRUE(list.erase(child));
          served.push_back(child);
          --room;
        }
        std::vector<std::uint32_t> plain_served;
        room = wanted;
        for (std::size_t i = 0; i < plain.ids.size() && room > 0;) {
          const auto child = plain.ids[i];
          if (child % modulus != residue) {
            ++i;
            continue;
          }
          plain.erase(child);
          plain_served.push_back(child);
          --room;
        }
        ASSERT_EQ(served, plain_served) << "trial " << trial << " step " << step;
        for (const auto child : served) on[child] = false;
      }
      ASSERT_EQ(list.size(), plain.ids.size()) << "trial " << trial << " step " << step;
      ASSERT_EQ(list.contains(id), std::find(plain.ids.begin(), plain.ids.end(), id) != plain.ids.end());
    }
    EXPECT_EQ(list.children(), plain.ids) << "trial " << trial;
  }
}

TEST(WaitingList, EmptiedListStartsAgainAndKeepsJoiningOrder) {
  WaitingList list;
  for (std::uint32_t id = 0; id < 200; ++id) list.push_back(id);
  for (std::uint32_t id = 0; id < 200; id += 2) ASSERT_TRUE(list.erase(id));
  EXPECT_EQ(list.size(), 100U);
  list.push_back(7000);  // 100 holes outnumber nothing yet: no squeeze
  for (std::uint32_t id = 1; id < 150; id += 2) ASSERT_TRUE(list.erase(id));
  list.push_back(7001);  // 175 holes, 26 children: squeezed before joining
  EXPECT_EQ(list.slots(), list.size());
  std::vector<std::uint32_t> expected;
  for (std::uint32_t id = 151; id < 200; id += 2) expected.push_back(id);
  expected.push_back(7000);
  expected.push_back(7001);
  EXPECT_EQ(list.children(), expected);
  EXPECT_FALSE(list.erase(0));
  for (const auto id : expected) ASSERT_TRUE(list.erase(id));
  EXPECT_TRUE(list.empty());
  EXPECT_EQ(list.slots(), 0U);
}

TEST(WaitingList, RenumberingKeepsTheOrderAndFindsTheChildrenByTheirNewIndex) {
  // Children::relocate gives every child a new index once a year: the list
  // keeps its order (holes and all) and finds each child by its new index.
  engine::Rng rng(2718);
  for (int trial = 0; trial < 100; ++trial) {
    WaitingList list;
    PlainList plain;
    std::uint32_t next = 0;
    for (int op = 0; op < 300; ++op) {
      if (plain.ids.empty() || rng.uniform() < 0.6) {
        list.push_back(next, next);
        plain.push_back(next++);
      } else {
        const auto id = plain.ids[static_cast<std::size_t>(rng.uniform() * plain.ids.size())];
        list.erase(id);
        plain.erase(id);
      }
    }
    std::vector<std::uint32_t> to(next);
    for (std::uint32_t id = 0; id < next; ++id) to[id] = (id * 7919U + 13U) % 100003U;  // a renaming
    list.renumber(to);
    std::vector<std::uint32_t> expected;
    for (const auto id : plain.ids) expected.push_back(to[id]);
    ASSERT_EQ(list.children(), expected) << "trial " << trial;
    for (const auto id : expected) ASSERT_TRUE(list.contains(id));
    if (!expected.empty()) {
      EXPECT_TRUE(list.erase(expected.front()));
      EXPECT_FALSE(list.contains(expected.front()));
      EXPECT_EQ(list.size(), expected.size() - 1);
    }
  }
}

}  // namespace
}  // namespace sendsim::send
