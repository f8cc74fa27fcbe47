// sim/engine/bucket_calendar.hpp: the pending-event set for whole-number
// times (days), a calendar of buckets.
//
// BucketCalendar has EventQueue's interface (simulation.hpp) and delivers in
// the same total order, (time, priority, sequence), at a cost per event that
// does not grow with the number pending. Simulation uses it whenever its time
// type is an integer.
//
// Layout: a ring of kDays buckets, one per day of the window
// [base, base + kDays), where base is the time of the last event taken off
// (times only move forward in a simulation). A bucket holds one lane per
// priority present that day, in ascending priority; a lane is a FIFO vector
// of (order, event). Sequence numbers only grow, so appending keeps a lane in
// sequence order, and (day, lane, position) is exactly (time, priority,
// sequence). A bitmap of non-empty days finds the next day in a few word
// scans. Events beyond the window (or, used as a plain queue, before its
// base) wait in a small binary heap ordered the same way; when the window
// moves on, those it now covers move into their buckets, so each event is
// taken off the heap at most once. The earliest event is always the smaller
// of the calendar's first and the heap's top, compared on the full key, so
// the order is exact wherever an event is kept.
//
// Buckets keep their vectors' capacity when emptied, so a run that has
// warmed up allocates nothing per event. Entries in a lane are 8 bytes of
// order plus the event (24 bytes for the SEND model's 12-byte events);
// the time is the bucket's.
//
// Cancellation is lazy, as in EventQueue: `cancel` marks the sequence number
// and the event is dropped when it reaches the front.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <type_traits>
#include <vector>

namespace sendsim::engine {

/// Identifies one scheduled event, for cancel(). Unique within a queue.
using EventId = std::uint64_t;

/// The ids of cancelled events, one bit each, for both event queues
/// (BucketCalendar here, EventQueue in simulation.hpp). contains() is
/// cheap when nothing was ever cancelled.
class CancelledIds {
 public:
  void mark(EventId id) {
    const std::size_t word = static_cast<std::size_t>(id >> 6);
    if (word >= bits_.size()) bits_.resize(word + 1, 0);
    bits_[word] |= std::uint64_t{1} << (id & 63);
    ++marks_;
  }

  [[nodiscard]] bool contains(EventId id) const noexcept {
    if (marks_ == 0) return false;
    const std::size_t word = static_cast<std::size_t>(id >> 6);
    return word < bits_.size() && ((bits_[word] >> (id & 63)) & 1U);
  }

  void clear() noexcept {
    bits_.clear();
    marks_ = 0;
  }

 private:
  std::vector<std::uint64_t> bits_;
  std::uint64_t marks_ = 0;
};

template <class Time, class Event>
class BucketCalendar {
  static_assert(std::is_integral_v<Time>, "a bucket calendar needs whole-number times");

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
  /// Days in the window (a power of two): 8192 days, over 22 years, hold
  /// every event of a county run; later ones wait in the heap.
  static constexpr std::size_t kDays = 8192;

  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  void reserve(std::size_t) {}  // buckets grow as days fill; nothing to set aside

  /// The earliest pending entry. Precondition: !empty().
  [[nodiscard]] const Entry& top() const {
    assert(!empty());
    if (!front_) find_front();
    return *front_;
  }

  /// Calls `f(event)` with every pending event, in no set order; `f` may
  /// change an event's payload, never when or in what order it is delivered.
  template <class F>
  void for_each_pending(F&& f) {
    for (Bucket& b : ring_) {
      if (b.pending == 0) continue;
      for (Lane& lane : b.lanes) {
        for (std::size_t i = lane.head; i < lane.items.size(); ++i) f(lane.items[i].event);
      }
    }
    for (Entry& e : far_) f(e.event);
    front_.reset();  // a copy of the first entry: taken again from the rewritten ones
  }

  /// Adds an event; returns its id for cancel().
  EventId push(Time time, std::uint8_t priority, const Event& event) {
    const std::uint64_t order = make_order(priority);
    if (!based_) {
      ring_.resize(kDays);
      base_ = time;
      based_ = true;
    }
    if (in_window(time)) {
      insert(time, order, event, /*in_sequence=*/true);
    } else {
      far_.push_back(Entry{time, order, event});
      std::push_heap(far_.begin(), far_.end(), later);
    }
    ++size_;
    front_.reset();
    return order & kSeqMask;
  }

  /// Removes the earliest entry. Precondition: !empty().
  void pop() {
    assert(!empty());
    if (!front_) find_front();
    const Time time = front_->time;
    if (front_in_ring_) {
      Bucket& b = ring_[slot_of(time)];
      ++b.lanes[front_lane_].head;
      --in_ring_;
      if (--b.pending == 0) {
        // The day is done: its lanes' memory goes too (a slot comes round
        // again only after kDays days, so keeping the capacity would hold
        // every event ever scheduled: 1.3 GB for one replication of the
        // county at 60 times its size). insert() makes lanes again.
        std::vector<Lane>().swap(b.lanes);
        occupied_[slot_of(time) / 64] &= ~(std::uint64_t{1} << (slot_of(time) % 64));
      }
    } else {
      std::pop_heap(far_.begin(), far_.end(), later);
      far_.pop_back();
    }
    --size_;
    front_.reset();
    if (base_ < time) {
      base_ = time;
      // Far events the window now reaches go to their buckets (heap order:
      // by time, then order, so each lane stays in sequence order).
      while (!far_.empty() && in_window(far_.front().time)) {
        std::pop_heap(far_.begin(), far_.end(), later);
        const Entry e = far_.back();
        far_.pop_back();
        insert(e.time, e.order, e.event, /*in_sequence=*/false);
      }
    }
  }

  /// Replaces the earliest entry by a new event (pop, then push).
  /// Precondition: !empty(). Returns the new event's id.
  EventId replace_top(Time time, std::uint8_t priority, const Event& event) {
    pop();
    return push(time, priority, event);
  }

  /// Marks a pending event as cancelled; it will never be delivered. Ids of
  /// events already delivered or cancelled are ignored.
  void cancel(EventId id) { cancelled_.mark(id); }

  /// True when the entry was cancelled. Cheap when nothing was ever cancelled.
  [[nodiscard]] bool is_cancelled(EventId id) const noexcept { return cancelled_.contains(id); }

  /// Number of events ever scheduled.
  [[nodiscard]] std::uint64_t scheduled() const noexcept { return next_seq_; }

  void clear() noexcept {
    ring_.clear();
    occupied_.fill(0);
    far_.clear();
    cancelled_.clear();
    next_seq_ = 0;
    size_ = 0;
    in_ring_ = 0;
    based_ = false;
    base_ = Time{};
    front_.reset();
  }

 private:
  struct Item {
    std::uint64_t order;
    Event event;
  };
  struct Lane {
    std::uint8_t priority = 0;
    std::uint32_t head = 0;  // items before it were delivered
    std::vector<Item> items;
  };
  struct Bucket {
    std::uint32_t pending = 0;  // items not yet delivered, over all lanes
    std::vector<Lane> lanes;    // ascending priority
  };
  static constexpr std::size_t kMask = kDays - 1;
  static constexpr std::size_t kWords = kDays / 64;

  std::uint64_t make_order(std::uint8_t priority) noexcept {
    assert(next_seq_ <= kSeqMask);
    return (std::uint64_t{priority} << kSeqBits) | next_seq_++;
  }

  /// Heap comparison: std::push_heap keeps the largest on top, so "larger"
  /// is later.
  static bool later(const Entry& a, const Entry& b) noexcept {
    if (a.time != b.time) return b.time < a.time;
    return b.order < a.order;
  }

  [[nodiscard]] bool in_window(Time time) const noexcept {
    return !(time < base_) && static_cast<std::uint64_t>(time) - static_cast<std::uint64_t>(base_) < kDays;
  }
  [[nodiscard]] static std::size_t slot_of(Time time) noexcept {
    return static_cast<std::size_t>(static_cast<std::uint64_t>(time) & kMask);
  }

  void insert(Time time, std::uint64_t order, const Event& event, bool in_sequence) {
    const std::size_t slot = slot_of(time);
    Bucket& b = ring_[slot];
    const auto priority = static_cast<std::uint8_t>(order >> kSeqBits);
    auto lane = b.lanes.begin();
    while (lane != b.lanes.end() && lane->priority < priority) ++lane;
    if (lane == b.lanes.end() || lane->priority != priority) {
      lane = b.lanes.insert(lane, Lane{priority, 0, {}});
    }
    if (in_sequence || lane->items.empty() || lane->items.back().order < order) {
      lane->items.push_back(Item{order, event});
    } else {
      // From the heap into a lane that already holds later events.
      const auto at = std::upper_bound(lane->items.begin() + lane->head, lane->items.end(), order,
                                       [](std::uint64_t o, const Item& item) { return o < item.order; });
      lane->items.insert(at, Item{order, event});
    }
    ++b.pending;
    ++in_ring_;
    occupied_[slot / 64] |= std::uint64_t{1} << (slot % 64);
  }

  /// The first non-empty day at or after base_ in the ring (precondition:
  /// in_ring_ > 0).
  [[nodiscard]] std::size_t first_occupied_slot() const noexcept {
    const std::size_t start = slot_of(base_);
    std::size_t word = start / 64;
    std::uint64_t bits = occupied_[word] & (~std::uint64_t{0} << (start % 64));
    for (std::size_t scanned = 0; bits == 0 && scanned <= kWords; ++scanned) {
      word = (word + 1) % kWords;
      bits = occupied_[word];
      if (word == start / 64) bits &= ~(~std::uint64_t{0} << (start % 64));  // wrapped: the days before start
    }
    assert(bits != 0);
    return word * 64 + static_cast<std::size_t>(std::countr_zero(bits));
  }

  void find_front() const {
    std::optional<Entry> best;
    if (in_ring_ > 0) {
      const std::size_t slot = first_occupied_slot();
      const Bucket& b = ring_[slot];
      std::size_t l = 0;
      while (b.lanes[l].head == b.lanes[l].items.size()) ++l;
      const Item& item = b.lanes[l].items[b.lanes[l].head];
      const Time time = static_cast<Time>(base_ + static_cast<Time>((slot - slot_of(base_)) & kMask));
      best.emplace(Entry{time, item.order, item.event});
      front_lane_ = l;
      front_in_ring_ = true;
    }
    if (!far_.empty() && (!best || later(*best, far_.front()))) {
      best.emplace(far_.front());
      front_in_ring_ = false;
    }
    front_ = best;
  }

  std::vector<Bucket> ring_;                      // kDays buckets once anything was pushed
  std::array<std::uint64_t, kWords> occupied_{};  // bit per slot: the bucket has pending items
  std::vector<Entry> far_;                        // outside the window: a heap by later()
  Time base_{};
  bool based_ = false;
  std::size_t size_ = 0;
  std::size_t in_ring_ = 0;
  mutable std::optional<Entry> front_;  // the earliest entry, when known
  mutable std::size_t front_lane_ = 0;
  mutable bool front_in_ring_ = false;
  CancelledIds cancelled_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace sendsim::engine
