// sim/send/child.hpp: Child, one child known to the model (on SEN support,
// in the statutory pipeline or holding a plan), and the Status codes of the
// stocks a child moves between; Children, the World's store of them: every
// child ever created, by index, and the list of those not gone. Held by the
// World (send/world.hpp) and read by its parts (the recorder, the cost
// accounts).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/calendar.hpp"
#include "send/chunked_vector.hpp"
#include "send/codes.hpp"

namespace sendsim::send {

using engine::Day;

enum class Status : std::uint8_t { kSupport, kRequested, kAssessing, kPlan, kGone };
inline constexpr int kStatusCount = 4;  // kGone is not a stock
inline constexpr std::array<std::string_view, kStatusCount> kStatusCodes = {"sen_support", "requested",
                                                                            "in_assessment", "ehc_plan"};

struct Child {
  std::int16_t cohort = 0;  // academic year in which the child's birth cohort starts
  std::uint16_t district = 0;
  Need need = Need::kASD;
  Status status = Status::kSupport;
  SettingType plan_type = SettingType::kMainstream;  // what the plan names
  bool waiting = false;                              // in an interim place, waiting for waiting_for
  SettingType waiting_for = SettingType::kMainstream;
  bool fallback = false;            // placed in INMSS / out of county for want of a place
  bool direct = false;              // came by direct request (not from SEN support)
  std::int32_t setting = -1;        // current setting, -1 none
  bool appeal_pending = false;      // a refusal appeal is waiting for the tribunal
  bool in_assessment_work = false;  // holds one of the assessment team's slots
  std::uint32_t token = 0;          // changes with every status change
  std::uint32_t hazard_token = 0;   // changes whenever the next hazard is drawn again
  Day request_day = 0;
  Day wait_since = 0;
  Day cost_since = 0;  // costs are posted up to this day
};

/// A child's academic age in `academic_year` (the year an academic year
/// starts in): whole years on the 31 August before it (4 in Reception).
[[nodiscard]] constexpr int academic_age(const Child& c, int academic_year) noexcept {
  return academic_year - c.cohort - 1;
}

/// The children, by index (an event's entity), in chunks so that growing
/// never copies them (ChunkedVector); and the children not gone, in the
/// order they were added: what the rollover, the census and the closures
/// visit. A child who goes stays in the live list until the next compact()
/// (at the start of each visit, never during one). At a September rollover
/// where the gone fill more than half the store, the World moves the
/// children not gone to the front (relocate()), so that the store holds at
/// most about twice the children alive, not every child of the run.
class Children {
 public:
  /// Adds `c`; returns its index.
  std::uint32_t add(const Child& c) {
    all_.push_back(c);
    const auto id = static_cast<std::uint32_t>(all_.size() - 1);
    live_.push_back(id);
    return id;
  }
  Child& operator[](std::uint32_t id) noexcept { return all_[id]; }
  const Child& operator[](std::uint32_t id) const noexcept { return all_[id]; }
  [[nodiscard]] std::size_t size() const noexcept { return all_.size(); }
  [[nodiscard]] const ChunkedVector<Child>& all() const noexcept { return all_; }

  /// A child not gone has just gone (its status set to kGone).
  void count_gone() noexcept { ++gone_since_compact_; }
  /// Drops the gone children from the live list.
  void compact() {
    if (gone_since_compact_ == 0) return;
    compact_all();
  }
  /// The live list (children not gone, and those gone since the last compact()).
  [[nodiscard]] const std::vector<std::uint32_t>& live() const noexcept { return live_; }

  /// Moves the children not gone to indices 0, 1, ... in live-list order and
  /// drops the gone ones, so that the store holds the children alive now,
  /// not every child of the run, and a walk goes through memory in order.
  /// One index past them holds a gone child that stands for all who went.
  /// Returns the old index -> new index map, for everything that names a
  /// child by index (events, waiting lists, the assessment queue, the cost
  /// accounts) to follow.
  [[nodiscard]] std::vector<std::uint32_t> relocate() {
    compact_all();
    std::vector<std::uint32_t> to(all_.size(), static_cast<std::uint32_t>(live_.size()));
    ChunkedVector<Child> moved;
    for (std::size_t i = 0; i < live_.size(); ++i) {
      to[live_[i]] = static_cast<std::uint32_t>(i);
      moved.push_back(all_[live_[i]]);
      live_[i] = static_cast<std::uint32_t>(i);
    }
    Child gone;
    gone.status = Status::kGone;
    moved.push_back(gone);
    all_ = std::move(moved);
    return to;
  }

 private:
  void compact_all() {
    live_.erase(std::remove_if(live_.begin(), live_.end(),
                               [&](std::uint32_t id) { return all_[id].status == Status::kGone; }),
                live_.end());
    gone_since_compact_ = 0;
  }

  ChunkedVector<Child> all_;
  std::vector<std::uint32_t> live_;
  std::size_t gone_since_compact_ = 0;
};

}  // namespace sendsim::send
