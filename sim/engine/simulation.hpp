// sim/engine/simulation.hpp: the event loop of the sendsim engine.
//
// Defines EventQueue (the pending-event set) and Simulation (the clock plus the
// queue, advanced by step and run_until). Knows nothing of the model that uses
// it: events are a plain value type chosen by the model, and a model's handler
// is any callable `void(Simulation&, const Event&)` passed as a template
// argument, so dispatch is inlined (no std::function, no allocation per event).
//
// Event order is total and written down: events are ordered by
//   1. time (earlier first),
//   2. priority (a small integer, lower first; models name these, see the
//      model's own enum for its same-day order),
//   3. sequence (the order in which they were scheduled, earlier first).
// So two events at the same time and priority run in insertion order (FIFO).
//
// With whole-number times (days) the pending set is a BucketCalendar
// (bucket_calendar.hpp): buckets by day, lanes by priority, FIFO inside, at a
// cost per event that does not grow with the number pending. With other
// times it is EventQueue below. Both deliver in the order above.
//
// EventQueue is a 4-ary min-heap on a flat std::vector. `step` uses a
// fused replace-top: while a handler runs, the event just taken still sits at
// the root; the first event the handler schedules replaces it with one
// sift-down instead of a pop (sift-down) plus a push (sift-up). This halves the
// heap work of the common "hold" pattern (handle one event, schedule the next).
//
// Cancellation is lazy: `cancel` marks the event's sequence number and the
// event is dropped when it reaches the root. `size()` counts cancelled events
// that have not yet been dropped.
#pragma once

#include <atomic>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/bucket_calendar.hpp"

namespace sendsim::engine {

/// A pending-event set ordered by (time, priority, sequence).
template <class Time, class Event>
class EventQueue {
 public:
  struct Entry {
    Time time;
    std::uint64_t order;  // priority in the top 8 bits, sequence below
    Event event;

    [[nodiscard]] std::uint8_t priority() const noexcept {
      return static_cast<std::uint8_t>(order >> kSeqBits);
    }
    [[nodiscard]] EventId id() const noexcept { return order & kSeqMask; }
  };

  static constexpr int kSeqBits = 56;
  static constexpr std::uint64_t kSeqMask = (std::uint64_t{1} << kSeqBits) - 1;

  [[nodiscard]] bool empty() const noexcept { return heap_.empty(); }
  [[nodiscard]] std::size_t size() const noexcept { return heap_.size(); }
  void reserve(std::size_t n) { heap_.reserve(n); }

  /// The earliest pending entry. Precondition: !empty().
  [[nodiscard]] const Entry& top() const noexcept { return heap_.front(); }

  /// Calls `f(event)` with every pending event, in no set order; `f` may
  /// change an event's payload, never when or in what order it is delivered.
  template <class F>
  void for_each_pending(F&& f) {
    for (Entry& e : heap_) f(e.event);
  }

  /// Adds an event; returns its id for cancel().
  EventId push(Time time, std::uint8_t priority, const Event& event) {
    const std::uint64_t order = make_order(priority);
    heap_.push_back(Entry{time, order, event});
    sift_up(heap_.size() - 1);
    return order & kSeqMask;
  }

  /// Removes the earliest entry. Precondition: !empty().
  void pop() noexcept {
    assert(!heap_.empty());
    if (heap_.size() > 1) {
      heap_.front() = std::move(heap_.back());
      heap_.pop_back();
      sift_down(0);
    } else {
      heap_.pop_back();
    }
  }

  /// Replaces the earliest entry by a new event (pop and push in one
  /// sift-down). Precondition: !empty(). Returns the new event's id.
  EventId replace_top(Time time, std::uint8_t priority, const Event& event) {
    assert(!heap_.empty());
    const std::uint64_t order = make_order(priority);
    heap_.front() = Entry{time, order, event};
    sift_down(0);
    return order & kSeqMask;
  }

  /// Marks a pending event as cancelled; it will never be delivered. Ids of
  /// events already delivered or cancelled are ignored.
  void cancel(EventId id) { cancelled_.mark(id); }

  /// True when the entry was cancelled. Cheap when nothing was ever cancelled.
  [[nodiscard]] bool is_cancelled(EventId id) const noexcept { return cancelled_.contains(id); }

  /// Number of events ever scheduled.
  [[nodiscard]] std::uint64_t scheduled() const noexcept { return next_seq_; }

  void clear() noexcept {
    heap_.clear();
    cancelled_.clear();
    next_seq_ = 0;
  }

 private:
  static constexpr std::size_t kArity = 4;

  std::uint64_t make_order(std::uint8_t priority) noexcept {
    assert(next_seq_ <= kSeqMask);
    return (std::uint64_t{priority} << kSeqBits) | next_seq_++;
  }

  static bool before(const Entry& a, const Entry& b) noexcept {
    if (a.time < b.time) return true;
    if (b.time < a.time) return false;
    return a.order < b.order;
  }

  void sift_up(std::size_t i) noexcept {
    Entry moving = std::move(heap_[i]);
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!before(moving, heap_[parent])) break;
      heap_[i] = std::move(heap_[parent]);
      i = parent;
    }
    heap_[i] = std::move(moving);
  }

  void sift_down(std::size_t i) noexcept {
    const std::size_t n = heap_.size();
    Entry moving = std::move(heap_[i]);
    for (;;) {
      const std::size_t first = i * kArity + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t last = first + kArity < n ? first + kArity : n;
      for (std::size_t c = first + 1; c < last; ++c) {
        if (before(heap_[c], heap_[best])) best = c;
      }
      if (!before(heap_[best], moving)) break;
      heap_[i] = std::move(heap_[best]);
      i = best;
    }
    heap_[i] = std::move(moving);
  }

  std::vector<Entry> heap_;
  CancelledIds cancelled_;
  std::uint64_t next_seq_ = 0;
};

/// The clock and the pending-event set. Passed explicitly to handlers; there
/// is no global simulation.
template <class Time, class Event>
class Simulation {
 public:
  /// The bucket calendar for whole-number times, the heap otherwise.
  using Queue =
      std::conditional_t<std::is_integral_v<Time>, BucketCalendar<Time, Event>, EventQueue<Time, Event>>;

  explicit Simulation(Time start = Time{}) : now_(start) {}

  [[nodiscard]] Time now() const noexcept { return now_; }
  [[nodiscard]] std::size_t pending() const noexcept { return queue_.size(); }
  [[nodiscard]] std::uint64_t delivered() const noexcept { return delivered_; }
  [[nodiscard]] std::uint64_t scheduled() const noexcept { return queue_.scheduled(); }
  void reserve(std::size_t n) { queue_.reserve(n); }

  /// Schedules `event` at absolute time `at` (not before now()). Lower
  /// priority values run first among events at the same time.
  EventId schedule(Time at, std::uint8_t priority, const Event& event) {
    assert(!(at < now_));
    if (top_is_spent_) {
      top_is_spent_ = false;
      return queue_.replace_top(at, priority, event);
    }
    return queue_.push(at, priority, event);
  }

  /// Schedules `event` after `delay` (non-negative) from now().
  EventId schedule_in(Time delay, std::uint8_t priority, const Event& event) {
    return schedule(now_ + delay, priority, event);
  }

  /// Cancels a pending event; no effect if it was delivered already.
  void cancel(EventId id) { queue_.cancel(id); }

  /// Calls `f(event)` with every pending event (the one being delivered
  /// too, when called from a handler), in no set order; `f` may change an
  /// event's payload (say, renumber the entities it names), never when or
  /// in what order events are delivered.
  template <class F>
  void for_each_pending(F&& f) {
    queue_.for_each_pending(f);
  }

  /// Delivers the earliest pending event to `handler(sim, event)`. Returns
  /// false when nothing is pending.
  template <class Handler>
  bool step(Handler&& handler) {
    for (;;) {
      if (queue_.empty()) return false;
      const auto& top = queue_.top();
      if (queue_.is_cancelled(top.id())) {
        queue_.pop();
        continue;
      }
      now_ = top.time;
      const Event event = top.event;
      top_is_spent_ = true;
      handler(*this, event);
      if (top_is_spent_) {
        top_is_spent_ = false;
        queue_.pop();
      }
      ++delivered_;
      return true;
    }
  }

  /// How often run_until looks at its stop flag: every this many events (a
  /// relaxed load, so the cost is nil; at millions of events a second a stop
  /// is seen within a millisecond or so).
  static constexpr std::uint64_t kStopCheckEvents = 4096;

  /// Delivers every event with time <= `end` in order, then sets the clock to
  /// `end` (if later than now). Events at exactly `end` are delivered; events
  /// after it stay pending. Returns the number of events delivered. When
  /// `stop` is given and becomes non-zero (a signal), returns early, between
  /// two events, with the clock at the last event delivered: check the flag.
  template <class Handler>
  std::uint64_t run_until(Time end, Handler&& handler, const std::atomic<int>* stop = nullptr) {
    const std::uint64_t before_run = delivered_;
    std::uint64_t until_check = kStopCheckEvents;
    for (;;) {
      while (!queue_.empty() && queue_.is_cancelled(queue_.top().id())) queue_.pop();
      if (queue_.empty() || end < queue_.top().time) break;
      step(handler);
      if (stop != nullptr && --until_check == 0) {
        until_check = kStopCheckEvents;
        if (stop->load(std::memory_order_relaxed) != 0) return delivered_ - before_run;
      }
    }
    if (now_ < end) now_ = end;
    return delivered_ - before_run;
  }

  /// Delivers events until none is pending.
  template <class Handler>
  std::uint64_t run(Handler&& handler) {
    const std::uint64_t before_run = delivered_;
    while (step(handler)) {
    }
    return delivered_ - before_run;
  }

 private:
  Queue queue_;
  Time now_;
  std::uint64_t delivered_ = 0;
  bool top_is_spent_ = false;
};

}  // namespace sendsim::engine
