// tests/engine/bucket_calendar_test.cpp: the bucket calendar
// (engine/bucket_calendar.hpp) against the 4-ary heap it replaces for
// whole-number times (EventQueue, engine/simulation.hpp).
//
// Expectations: on random schedules, the calendar and the heap deliver the
// same entries (time, priority, id, event) in the same order, with pushes
// interleaved with pops as a simulation makes them (never before the last
// time taken off), as a plain queue makes them (any time, earlier ones too),
// with times far beyond the calendar's window (its heap and the moves into
// buckets), with cancels, and through replace_top (the fused path a
// Simulation takes when a handler schedules).
#include "engine/bucket_calendar.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "engine/simulation.hpp"

namespace sendsim::engine {
namespace {

struct Ev {
  std::uint32_t tag = 0;
};

using Heap = EventQueue<std::int32_t, Ev>;
using Buckets = BucketCalendar<std::int32_t, Ev>;

static_assert(std::is_same_v<Simulation<std::int32_t, Ev>::Queue, Buckets>);
static_assert(std::is_same_v<Simulation<double, Ev>::Queue, EventQueue<double, Ev>>);

struct Taken {
  std::int32_t time;
  std::uint8_t priority;
  EventId id;
  std::uint32_t tag;
  friend bool operator==(const Taken&, const Taken&) = default;
};

/// Takes the front off the queue, skipping cancelled entries as a
/// Simulation does; false when nothing is left.
template <class Q>
bool take(Q& q, Taken& out) {
  while (!q.empty() && q.is_cancelled(q.top().id())) q.pop();
  if (q.empty()) return false;
  const auto& t = q.top();
  out = {t.time, t.priority(), t.id(), t.event.tag};
  q.pop();
  return true;
}

struct Shape {
  const char* name;
  int spread;       // pushes land within now + [0, spread)
  int far_percent;  // of pushes, this share lands 10,000 to 40,000 days ahead
  int priorities;   // priorities drawn from [0, priorities)
  bool monotone;    // pushes never before the last time taken (as a simulation)
  int cancel_percent;
};

void run_shape(const Shape& shape, std::uint32_t seed) {
  std::mt19937 rng(seed);
  auto draw = [&](int n) { return static_cast<int>(rng() % static_cast<std::uint32_t>(n)); };
  Heap heap;
  Buckets buckets;
  std::vector<EventId> ids;
  std::int32_t now = draw(100) - 50;  // negative days too
  std::uint32_t tag = 0;
  std::size_t delivered = 0;
  auto push = [&] {
    std::int32_t at = now + draw(shape.spread);
    if (draw(100) < shape.far_percent) at = now + 10000 + draw(30000);
    if (!shape.monotone && draw(10) == 0) at = now - draw(shape.spread);
    const auto priority = static_cast<std::uint8_t>(draw(shape.priorities));
    const EventId a = heap.push(at, priority, Ev{tag});
    const EventId b = buckets.push(at, priority, Ev{tag});
    ASSERT_EQ(a, b);
    ids.push_back(a);
    ++tag;
  };
  for (int i = 0; i < 500; ++i) push();
  for (int round = 0; round < 20000; ++round) {
    const int action = draw(10);
    if (action < 4) {
      push();
    } else if (action == 4 && !ids.empty() && draw(100) < shape.cancel_percent * 10) {
      const EventId id = ids[static_cast<std::size_t>(draw(static_cast<int>(ids.size())))];
      heap.cancel(id);
      buckets.cancel(id);
    } else if (action == 5 && !heap.empty() && !buckets.empty()) {
      // The fused path: the front replaced by a new event.
      while (!heap.empty() && heap.is_cancelled(heap.top().id())) heap.pop();
      while (!buckets.empty() && buckets.is_cancelled(buckets.top().id())) buckets.pop();
      ASSERT_EQ(heap.empty(), buckets.empty());
      if (heap.empty()) continue;
      ASSERT_EQ(heap.top().time, buckets.top().time);
      ASSERT_EQ(heap.top().order, buckets.top().order);
      if (shape.monotone) now = heap.top().time;
      const std::int32_t at = now + draw(shape.spread);
      const auto priority = static_cast<std::uint8_t>(draw(shape.priorities));
      ASSERT_EQ(heap.replace_top(at, priority, Ev{tag}), buckets.replace_top(at, priority, Ev{tag}));
      ++tag;
      ++delivered;
    } else {
      Taken h{}, b{};
      const bool got_h = take(heap, h);
      const bool got_b = take(buckets, b);
      ASSERT_EQ(got_h, got_b) << shape.name << " round " << round;
      if (!got_h) continue;
      ASSERT_EQ(h, b) << shape.name << " round " << round << ": heap " << h.time << "/" << int(h.priority)
                      << "/" << h.id << ", buckets " << b.time << "/" << int(b.priority) << "/" << b.id;
      if (shape.monotone) now = h.time;
      ++delivered;
    }
    ASSERT_EQ(heap.size(), buckets.size()) << shape.name << " round " << round;
  }
  // Drain the rest.
  for (;;) {
    Taken h{}, b{};
    const bool got_h = take(heap, h);
    const bool got_b = take(buckets, b);
    ASSERT_EQ(got_h, got_b) << shape.name;
    if (!got_h) break;
    ASSERT_EQ(h, b) << shape.name;
    ++delivered;
  }
  EXPECT_GT(delivered, 5000u) << shape.name;
  EXPECT_EQ(heap.scheduled(), buckets.scheduled());
}

TEST(BucketCalendar, SameDeliveryOrderAsTheHeapOnRandomSchedules) {
  const std::vector<Shape> shapes = {
      {"hold, days ahead", 60, 0, 7, true, 0},
      {"hold, many same-day ties", 2, 0, 3, true, 0},
      {"hold, every priority", 30, 0, 256, true, 0},
      {"hold, with cancels", 400, 0, 7, true, 3},
      {"far events through the heap", 3000, 10, 7, true, 2},
      {"plain queue, earlier times too", 200, 5, 7, false, 2},
  };
  for (const Shape& shape : shapes) {
    for (std::uint32_t seed = 1; seed <= 3; ++seed) {
      SCOPED_TRACE(shape.name);
      run_shape(shape, seed);
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

TEST(BucketCalendar, SimulationOnDaysDeliversAsTheHeapDoes) {
  // A hold model on days through Simulation (bucket calendar) against the
  // same model on the heap driven by hand: each event schedules 0, 1 or 2
  // more at random days ahead, some far beyond the window.
  Simulation<std::int32_t, Ev> sim;
  Heap reference;
  std::mt19937 rng_sim(7), rng_ref(7);
  std::uint32_t tag_sim = 0, tag_ref = 0;
  auto children = [](std::mt19937& rng, std::uint32_t& tag, auto&& schedule) {
    const int n = static_cast<int>(rng() % 3U);
    for (int i = 0; i < n; ++i) {
      const std::int32_t delay = rng() % 50U == 0 ? 9000 + static_cast<std::int32_t>(rng() % 5000U)
                                                  : static_cast<std::int32_t>(rng() % 40U);
      schedule(delay, static_cast<std::uint8_t>(rng() % 7U), Ev{tag++});
    }
  };
  for (int i = 0; i < 200; ++i) {
    sim.schedule(static_cast<std::int32_t>(i % 17), static_cast<std::uint8_t>(i % 5), Ev{tag_sim++});
    reference.push(static_cast<std::int32_t>(i % 17), static_cast<std::uint8_t>(i % 5), Ev{tag_ref++});
  }
  std::vector<std::pair<std::int32_t, std::uint32_t>> got, want;
  sim.run_until(40000, [&](Simulation<std::int32_t, Ev>& s, const Ev& e) {
    got.emplace_back(s.now(), e.tag);
    if (got.size() < 60000) {
      children(rng_sim, tag_sim, [&](std::int32_t d, std::uint8_t p, Ev ev) { s.schedule_in(d, p, ev); });
    }
  });
  while (!reference.empty() && reference.top().time <= 40000) {
    const auto top = reference.top();
    reference.pop();
    want.emplace_back(top.time, top.event.tag);
    if (want.size() < 60000) {
      children(rng_ref, tag_ref,
               [&](std::int32_t d, std::uint8_t p, Ev ev) { reference.push(top.time + d, p, ev); });
    }
  }
  EXPECT_GT(got.size(), 1000u);
  EXPECT_EQ(got, want);
  EXPECT_EQ(sim.pending(), reference.size());
}

TEST(BucketCalendar, RewritingPendingPayloadsKeepsTheDeliveryOrder) {
  // for_each_pending, in the middle of a run (from a handler, as the SEND
  // model renumbers its children once a year), on the calendar and on the
  // heap: every event still pending is delivered when and in the order it
  // would have been, with the rewritten payload.
  auto run = [](auto& sim, bool rewrite) {
    std::mt19937 rng(11);
    for (std::uint32_t i = 0; i < 3000; ++i) {
      const auto at = static_cast<std::int32_t>(rng() % 50U == 0 ? 9000 + rng() % 5000U : rng() % 400U);
      sim.schedule(at, static_cast<std::uint8_t>(rng() % 5U), Ev{i});
    }
    std::vector<std::pair<std::int32_t, std::uint32_t>> got;
    bool done = false;
    sim.run_until(20000, [&](auto& s, const Ev& e) {
      got.emplace_back(static_cast<std::int32_t>(s.now()), e.tag);
      if (rewrite && !done && s.now() >= 200) {
        done = true;
        s.for_each_pending([](Ev& ev) { ev.tag = ev.tag * 2 + 1; });
      }
    });
    return got;
  };
  Simulation<std::int32_t, Ev> days_plain, days_rewritten;
  Simulation<double, Ev> heap_rewritten;
  const auto plain = run(days_plain, false);
  const auto on_days = run(days_rewritten, true);
  const auto on_heap = run(heap_rewritten, true);
  ASSERT_EQ(plain.size(), 3000u);
  ASSERT_EQ(on_days.size(), plain.size());
  std::size_t rewritten = 0;
  bool after = false;
  for (std::size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(on_days[i].first, plain[i].first) << i;
    // The event being delivered when the rewrite ran is pending too: every
    // later delivery carries the new payload.
    if (after) {
      EXPECT_EQ(on_days[i].second, plain[i].second * 2 + 1) << i;
      ++rewritten;
    } else {
      EXPECT_EQ(on_days[i].second, plain[i].second) << i;
    }
    if (!after && plain[i].first >= 200) after = true;
  }
  EXPECT_GT(rewritten, 1000u);
  EXPECT_EQ(on_heap, on_days);
}

TEST(BucketCalendar, ClearForgetsEverything) {
  Buckets q;
  q.push(5, 1, Ev{1});
  q.push(50000, 1, Ev{2});
  q.cancel(0);
  q.clear();
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.scheduled(), 0u);
  q.push(-3, 2, Ev{3});
  q.push(-3, 1, Ev{4});
  EXPECT_FALSE(q.is_cancelled(0));  // the new id 0 is not the old one's mark
  EXPECT_EQ(q.top().event.tag, 4u);
  q.pop();
  EXPECT_EQ(q.top().event.tag, 3u);
  EXPECT_EQ(q.top().time, -3);
}

}  // namespace
}  // namespace sendsim::engine
