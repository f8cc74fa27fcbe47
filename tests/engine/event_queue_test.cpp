// tests/engine/event_queue_test.cpp: the event order, cancellation, the fused
// replace-top path and run_until boundaries of engine/simulation.hpp.
//
// Expectations: events come out in (time, priority, sequence) order, checked
// against hand-written cases and against a std::set / std::sort reference on
// random keys; a handler that schedules 0, 1 or 2 events (the three paths
// through the fused replace-top) gives the same delivery order as a plain
// pop-then-push reference.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <set>
#include <tuple>
#include <vector>

#include "engine/simulation.hpp"

namespace sendsim::engine {
namespace {

struct Ev {
  int id = 0;
};

using Sim = Simulation<double, Ev>;
using DaySim = Simulation<std::int32_t, Ev>;

// Delivers everything and returns the ids in delivery order.
template <class S>
std::vector<int> drain(S& sim) {
  std::vector<int> order;
  sim.run([&](S&, const Ev& e) { order.push_back(e.id); });
  return order;
}

TEST(EventQueue, EmptyQueueHasNothingToStep) {
  Sim sim;
  EXPECT_FALSE(sim.step([](Sim&, const Ev&) { FAIL() << "no event is pending"; }));
  EXPECT_EQ(sim.pending(), 0U);
  EXPECT_EQ(sim.delivered(), 0U);
  EXPECT_EQ(sim.scheduled(), 0U);
  EXPECT_EQ(sim.now(), 0.0);
}

TEST(EventQueue, EarlierTimeFirstWhateverThePriority) {
  Sim sim;
  sim.schedule(3.0, 0, Ev{3});
  sim.schedule(1.0, 255, Ev{1});
  sim.schedule(2.0, 7, Ev{2});
  EXPECT_EQ(drain(sim), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(sim.now(), 3.0);
  EXPECT_EQ(sim.delivered(), 3U);
  EXPECT_EQ(sim.scheduled(), 3U);
}

TEST(EventQueue, SameTimeTiesBrokenByPriorityThenInsertionOrder) {
  DaySim sim;
  // Scheduled in a scrambled order; ids name the expected delivery position.
  sim.schedule(5, 2, Ev{4});
  sim.schedule(5, 1, Ev{1});
  sim.schedule(5, 3, Ev{6});
  sim.schedule(5, 1, Ev{2});
  sim.schedule(5, 0, Ev{0});
  sim.schedule(5, 2, Ev{5});
  sim.schedule(5, 1, Ev{3});
  sim.schedule(4, 255, Ev{-1});
  sim.schedule(6, 0, Ev{7});
  EXPECT_EQ(drain(sim), (std::vector<int>{-1, 0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(EventQueue, ManyEqualKeysComeOutFifo) {
  DaySim sim;
  for (int i = 0; i < 1000; ++i) sim.schedule(0, 9, Ev{i});
  const std::vector<int> order = drain(sim);
  ASSERT_EQ(order.size(), 1000U);
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(order[static_cast<std::size_t>(i)], i);
}

TEST(EventQueue, EntryExposesPriorityAndId) {
  EventQueue<double, Ev> q;
  const EventId a = q.push(1.0, 200, Ev{1});
  const EventId b = q.push(0.5, 3, Ev{2});
  EXPECT_EQ(a, 0U);
  EXPECT_EQ(b, 1U);
  EXPECT_EQ(q.top().event.id, 2);
  EXPECT_EQ(q.top().priority(), 3);
  EXPECT_EQ(q.top().id(), b);
  q.pop();
  EXPECT_EQ(q.top().priority(), 200);
  EXPECT_EQ(q.top().id(), a);
  q.pop();
  EXPECT_TRUE(q.empty());
}

// Random keys with many ties (few distinct times and priorities), pushed in
// one go, then popped: the order must equal a stable sort by (time, priority).
TEST(EventQueue, HeapOrderMatchesSortReferenceOnRandomKeys) {
  for (std::uint32_t seed : {1U, 2U, 3U}) {
    std::mt19937 gen(seed);
    std::uniform_int_distribution<int> time(0, 200);
    std::uniform_int_distribution<int> prio(0, 5);
    struct Key {
      int time;
      int priority;
      int id;
    };
    std::vector<Key> keys;
    EventQueue<int, Ev> q;
    for (int i = 0; i < 20000; ++i) {
      const Key k{time(gen), prio(gen), i};
      keys.push_back(k);
      q.push(k.time, static_cast<std::uint8_t>(k.priority), Ev{k.id});
    }
    std::stable_sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
      return std::tie(a.time, a.priority) < std::tie(b.time, b.priority);
    });
    for (const Key& k : keys) {
      ASSERT_FALSE(q.empty());
      ASSERT_EQ(q.top().event.id, k.id) << "seed " << seed;
      ASSERT_EQ(q.top().time, k.time);
      q.pop();
    }
    EXPECT_TRUE(q.empty());
  }
}

// Interleaved push, pop and replace_top on random double keys, checked after
// every operation against an ordered std::set of (time, priority, sequence).
TEST(EventQueue, InterleavedOperationsMatchOrderedSetReference) {
  std::mt19937_64 gen(20240901);
  std::uniform_real_distribution<double> delay(0.0, 10.0);
  std::uniform_int_distribution<int> prio(0, 3);
  std::uniform_int_distribution<int> op(0, 9);
  using Ref = std::tuple<double, int, std::uint64_t, int>;  // time, priority, seq, id
  std::set<Ref> ref;
  EventQueue<double, Ev> q;
  double now = 0.0;
  std::uint64_t seq = 0;
  int next_id = 0;
  for (int i = 0; i < 50000; ++i) {
    const int o = op(gen);
    // Times are rounded to a coarse grid so that equal times happen often.
    const double t = now + std::round(delay(gen) * 4.0) / 4.0;
    const int p = prio(gen);
    if (o < 5 || ref.empty()) {
      const EventId id = q.push(t, static_cast<std::uint8_t>(p), Ev{next_id});
      ASSERT_EQ(id, seq);
      ref.emplace(t, p, seq++, next_id++);
    } else if (o < 8) {
      now = std::get<0>(*ref.begin());
      ref.erase(ref.begin());
      q.pop();
    } else {
      now = std::get<0>(*ref.begin());
      ref.erase(ref.begin());
      const EventId id = q.replace_top(t, static_cast<std::uint8_t>(p), Ev{next_id});
      ASSERT_EQ(id, seq);
      ref.emplace(t, p, seq++, next_id++);
    }
    ASSERT_EQ(q.size(), ref.size());
    if (!ref.empty()) {
      ASSERT_EQ(q.top().event.id, std::get<3>(*ref.begin())) << "after operation " << i;
    }
  }
  EXPECT_EQ(q.scheduled(), seq);
}

TEST(EventQueue, CancelledEventIsNeverDelivered) {
  Sim sim;
  sim.schedule(1.0, 0, Ev{1});
  const EventId two = sim.schedule(2.0, 0, Ev{2});
  sim.schedule(3.0, 0, Ev{3});
  sim.cancel(two);
  // Lazy cancellation: the cancelled event still counts as pending.
  EXPECT_EQ(sim.pending(), 3U);
  EXPECT_EQ(drain(sim), (std::vector<int>{1, 3}));
  EXPECT_EQ(sim.delivered(), 2U);
  EXPECT_EQ(sim.pending(), 0U);
}

TEST(EventQueue, CancelOfTheTopDeliversTheNextOne) {
  Sim sim;
  const EventId first = sim.schedule(1.0, 0, Ev{1});
  sim.schedule(1.0, 0, Ev{2});
  sim.schedule(4.0, 0, Ev{3});
  sim.cancel(first);
  std::vector<int> seen;
  ASSERT_TRUE(sim.step([&](Sim&, const Ev& e) { seen.push_back(e.id); }));
  EXPECT_EQ(seen, (std::vector<int>{2}));
  EXPECT_EQ(sim.now(), 1.0);
  EXPECT_EQ(sim.pending(), 1U);  // the cancelled top was dropped on the way
}

TEST(EventQueue, CancelTwiceAndCancelEverything) {
  Sim sim;
  const EventId a = sim.schedule(1.0, 0, Ev{1});
  const EventId b = sim.schedule(2.0, 0, Ev{2});
  sim.cancel(a);
  sim.cancel(a);
  sim.cancel(b);
  EXPECT_FALSE(sim.step([](Sim&, const Ev&) { FAIL() << "every event was cancelled"; }));
  EXPECT_EQ(sim.delivered(), 0U);
  EXPECT_EQ(sim.pending(), 0U);
  EXPECT_EQ(sim.now(), 0.0);  // nothing delivered, so the clock did not move
}

TEST(EventQueue, CancelAfterDeliveryIsANoOp) {
  Sim sim;
  const EventId a = sim.schedule(1.0, 0, Ev{1});
  sim.schedule(2.0, 0, Ev{2});
  std::vector<int> seen;
  auto record = [&](Sim&, const Ev& e) { seen.push_back(e.id); };
  ASSERT_TRUE(sim.step(record));
  sim.cancel(a);  // already delivered
  // Events scheduled after the late cancel are unaffected by it.
  sim.schedule(3.0, 0, Ev{3});
  sim.run(record);
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3}));
}

TEST(EventQueue, HandlerMayCancelItselfAndOthers) {
  Sim sim;
  const EventId self = sim.schedule(1.0, 0, Ev{1});
  const EventId later = sim.schedule(5.0, 0, Ev{5});
  sim.schedule(6.0, 0, Ev{6});
  std::vector<int> seen;
  sim.run([&](Sim& s, const Ev& e) {
    seen.push_back(e.id);
    if (e.id == 1) {
      s.cancel(self);  // its own id: already being delivered, no effect
      s.cancel(later);
      s.schedule(2.0, 0, Ev{2});  // takes the fused replace-top path
    }
  });
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 6}));
}

// The fused replace-top: while a handler runs its event sits at the root; the
// first schedule replaces it, any further ones are pushed, and if none is
// scheduled the root is popped after the handler returns.
TEST(EventQueue, HandlerSchedulingZeroOneOrTwoEvents) {
  DaySim sim;
  sim.schedule(0, 0, Ev{0});
  sim.schedule(10, 0, Ev{100});
  std::vector<std::pair<int, int>> seen;  // (time, id)
  sim.run([&](DaySim& s, const Ev& e) {
    seen.emplace_back(s.now(), e.id);
    switch (e.id) {
      case 0:  // one: replaces the root, must not be delivered early
        s.schedule(s.now() + 3, 0, Ev{1});
        break;
      case 1:  // two, the second earlier than the first
        s.schedule(s.now() + 5, 0, Ev{3});
        s.schedule(s.now() + 1, 0, Ev{2});
        break;
      default:  // none: the root is popped after the handler
        break;
    }
  });
  EXPECT_EQ(seen, (std::vector<std::pair<int, int>>{{0, 0}, {3, 1}, {4, 2}, {8, 3}, {10, 100}}));
  EXPECT_EQ(sim.delivered(), 5U);
  EXPECT_EQ(sim.scheduled(), 5U);
  EXPECT_EQ(sim.pending(), 0U);
}

TEST(EventQueue, PendingCountAfterEachKindOfHandler) {
  DaySim sim;
  sim.schedule(1, 0, Ev{0});
  sim.schedule(9, 0, Ev{9});
  auto schedule_n = [](int n) {
    return [n](DaySim& s, const Ev&) {
      for (int k = 0; k < n; ++k) s.schedule(s.now() + 1 + k, 0, Ev{k});
    };
  };
  ASSERT_TRUE(sim.step(schedule_n(1)));
  EXPECT_EQ(sim.pending(), 2U);
  ASSERT_TRUE(sim.step(schedule_n(2)));
  EXPECT_EQ(sim.pending(), 3U);
  ASSERT_TRUE(sim.step(schedule_n(0)));
  EXPECT_EQ(sim.pending(), 2U);
  ASSERT_TRUE(sim.step(schedule_n(0)));
  EXPECT_EQ(sim.pending(), 1U);
  EXPECT_EQ(sim.now(), 4);
}

TEST(EventQueue, EventScheduledNowRunsAfterPendingSameTimeEventsOfEqualPriority) {
  DaySim sim;
  sim.schedule(1, 1, Ev{1});
  sim.schedule(1, 1, Ev{2});
  sim.schedule(1, 2, Ev{4});
  std::vector<int> seen;
  sim.run([&](DaySim& s, const Ev& e) {
    seen.push_back(e.id);
    if (e.id == 1) {
      s.schedule(1, 1, Ev{3});  // same time and priority: after 2 (FIFO)
      s.schedule(1, 0, Ev{0});  // same time, more urgent: next
    }
  });
  EXPECT_EQ(seen, (std::vector<int>{1, 0, 2, 3, 4}));
}

// A random branching process: each handler schedules 0, 1 or 2 children at
// random delays and priorities and sometimes cancels a pending event. The
// engine's delivery order must equal a plain pop-then-push reference on an
// ordered set keyed by (time, priority, sequence).
TEST(EventQueue, FusedReplaceTopMatchesPopThenPushReference) {
  struct Action {
    int children;
    double delay[2];
    int priority[2];
    bool cancel;
    std::uint64_t cancel_pick;
  };
  // The action for an event depends only on its id, so both runs agree.
  auto action_for = [](int id) {
    std::mt19937_64 g(static_cast<std::uint64_t>(id) * 0x9e3779b97f4a7c15ULL + 17);
    Action a{};
    const auto r = g() % 100;
    a.children = r < 30 ? 0 : (r < 70 ? 1 : 2);
    for (int k = 0; k < 2; ++k) {
      a.delay[k] = static_cast<double>(g() % 8) * 0.5;  // zero delays included
      a.priority[k] = static_cast<int>(g() % 3);
    }
    a.cancel = g() % 10 == 0;
    a.cancel_pick = g();
    return a;
  };
  constexpr int kRoots = 64;
  constexpr int kLimit = 60000;  // ids handed out in total

  // Engine run.
  std::vector<int> engine_order;
  {
    Sim sim;
    int next_id = 0;
    std::vector<EventId> ids;  // by event id
    for (int i = 0; i < kRoots; ++i) {
      ids.push_back(
          sim.schedule(static_cast<double>(i % 7), static_cast<std::uint8_t>(i % 3), Ev{next_id++}));
    }
    sim.run([&](Sim& s, const Ev& e) {
      engine_order.push_back(e.id);
      const Action a = action_for(e.id);
      if (a.cancel) s.cancel(ids[a.cancel_pick % ids.size()]);
      for (int k = 0; k < a.children && next_id < kLimit; ++k) {
        ids.push_back(
            s.schedule(s.now() + a.delay[k], static_cast<std::uint8_t>(a.priority[k]), Ev{next_id++}));
      }
    });
  }

  // Reference run.
  std::vector<int> ref_order;
  {
    using Key = std::tuple<double, int, std::uint64_t, int>;
    std::set<Key> pending;
    std::vector<Key> keys;  // by event id
    std::uint64_t seq = 0;
    int next_id = 0;
    auto push = [&](double t, int p) {
      const Key k{t, p, seq++, next_id++};
      keys.push_back(k);
      pending.insert(k);
    };
    for (int i = 0; i < kRoots; ++i) push(static_cast<double>(i % 7), i % 3);
    while (!pending.empty()) {
      const Key k = *pending.begin();
      pending.erase(pending.begin());
      const int id = std::get<3>(k);
      ref_order.push_back(id);
      const Action a = action_for(id);
      if (a.cancel) pending.erase(keys[a.cancel_pick % keys.size()]);
      for (int c = 0; c < a.children && next_id < kLimit; ++c)
        push(std::get<0>(k) + a.delay[c], a.priority[c]);
    }
  }
  ASSERT_GT(ref_order.size(), 10000U);  // the process did branch
  EXPECT_EQ(engine_order, ref_order);
}

TEST(EventQueue, RunUntilDeliversEventsAtExactlyTheEnd) {
  Sim sim;
  sim.schedule(1.0, 0, Ev{1});
  sim.schedule(5.0, 0, Ev{5});
  sim.schedule(5.0, 1, Ev{6});
  sim.schedule(5.5, 0, Ev{7});
  std::vector<int> seen;
  auto record = [&](Sim&, const Ev& e) { seen.push_back(e.id); };
  EXPECT_EQ(sim.run_until(5.0, record), 3U);
  EXPECT_EQ(seen, (std::vector<int>{1, 5, 6}));
  EXPECT_EQ(sim.now(), 5.0);
  EXPECT_EQ(sim.pending(), 1U);
}

TEST(EventQueue, RunUntilLeavesLaterEventsAndSetsTheClockToTheEnd) {
  Sim sim;
  sim.schedule(1.0, 0, Ev{1});
  sim.schedule(10.0, 0, Ev{10});
  std::vector<int> seen;
  auto record = [&](Sim&, const Ev& e) { seen.push_back(e.id); };
  EXPECT_EQ(sim.run_until(7.5, record), 1U);
  EXPECT_EQ(sim.now(), 7.5);  // not 1.0, the last event's time
  EXPECT_EQ(sim.pending(), 1U);
  // An event scheduled now, at the end time, is delivered by the next call.
  sim.schedule(sim.now(), 0, Ev{7});
  EXPECT_EQ(sim.run_until(9.999, record), 1U);
  EXPECT_EQ(sim.now(), 9.999);
  EXPECT_EQ(sim.run_until(20.0, record), 1U);
  EXPECT_EQ(sim.now(), 20.0);
  EXPECT_EQ(seen, (std::vector<int>{1, 7, 10}));
}

TEST(EventQueue, RunUntilOnAnEmptyQueueOrAnEarlierEndOnlyMovesTheClockForward) {
  DaySim sim(100);
  auto ignore = [](DaySim&, const Ev&) {};
  EXPECT_EQ(sim.run_until(365, ignore), 0U);
  EXPECT_EQ(sim.now(), 365);
  EXPECT_EQ(sim.run_until(200, ignore), 0U);  // the clock never goes back
  EXPECT_EQ(sim.now(), 365);
}

TEST(EventQueue, RunUntilSkipsCancelledEventsAndEventsScheduledDuringTheRun) {
  DaySim sim;
  const EventId gone = sim.schedule(3, 0, Ev{3});
  sim.schedule(2, 0, Ev{2});
  sim.cancel(gone);
  std::vector<int> seen;
  // Each event schedules a follow-up one day later until day 6.
  const auto delivered = sim.run_until(5, [&](DaySim& s, const Ev& e) {
    seen.push_back(e.id);
    if (s.now() < 6) s.schedule(s.now() + 1, 0, Ev{e.id + 10});
  });
  EXPECT_EQ(delivered, 4U);  // days 2, 3, 4, 5
  EXPECT_EQ(seen, (std::vector<int>{2, 12, 22, 32}));
  EXPECT_EQ(sim.pending(), 1U);  // day 6, after the end
  EXPECT_EQ(sim.now(), 5);
}

TEST(EventQueue, ClearForgetsEverything) {
  EventQueue<double, Ev> q;
  q.push(1.0, 0, Ev{1});
  q.cancel(q.push(2.0, 0, Ev{2}));
  q.clear();
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.scheduled(), 0U);
  // Id 1 is handed out again and is not cancelled by the earlier mark.
  q.push(1.0, 0, Ev{3});
  const EventId id = q.push(2.0, 0, Ev{4});
  EXPECT_EQ(id, 1U);
  EXPECT_FALSE(q.is_cancelled(id));
}

}  // namespace
}  // namespace sendsim::engine
