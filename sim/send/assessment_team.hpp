// sim/send/assessment_team.hpp: the assessment team of one replication: how
// many assessments it can carry at once (assessors x caseload, growing each
// September when the scenario says so), how many it carries now, and the
// queue of agreed assessments waiting for a free slot, first come first
// served.
//
// The team knows children only by their index: the World decides what
// starting an assessment means (drawing the work time, scheduling its end),
// the team only which child is next and whether a slot is free.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "send/model.hpp"

namespace sendsim::send {

class AssessmentTeam {
 public:
  AssessmentTeam() = default;
  /// The team at the start of the run: assessors x caseload slots.
  explicit AssessmentTeam(const Assessment& assessment);

  /// True when the team can start another assessment now.
  [[nodiscard]] bool has_free_slot() const noexcept { return in_work_ < slots_; }
  /// Puts child `id` at the back of the queue.
  void enqueue(std::uint32_t id) { queue_.push_back(id); }
  /// Takes a slot for work that starts now (the caller checked there is one,
  /// or is draining the queue).
  void start() noexcept { ++in_work_; }
  /// Frees the slot of work that finished or was abandoned.
  void release() noexcept { --in_work_; }
  /// The next queued child when a slot is free, taken off the queue; none
  /// when every slot is taken or nobody waits. A caller drains the queue by
  /// calling this until it returns none, starting each child it still wants.
  [[nodiscard]] std::optional<std::uint32_t> next_to_start();
  /// Takes child `id` off the queue (a request withdrawn); no-op when it is
  /// not queued.
  void withdraw(std::uint32_t id);
  /// The team in the `years`-th September after the start: assessors grown
  /// by assessors_growth a year, rounded to whole people, times caseload.
  /// Returns false (and changes nothing) when the team does not grow.
  bool resize_for_year(int years);

  /// Renames every queued child: `id` becomes `to[id]` (Children::relocate).
  void renumber(const std::vector<std::uint32_t>& to) {
    for (std::uint32_t& id : queue_) id = to[id];
  }

  [[nodiscard]] int slots() const noexcept { return slots_; }
  [[nodiscard]] int in_work() const noexcept { return in_work_; }
  [[nodiscard]] std::size_t queued() const noexcept { return queue_.size(); }

 private:
  const Assessment* assessment_ = nullptr;
  int slots_ = 0;
  int in_work_ = 0;
  std::deque<std::uint32_t> queue_;
};

}  // namespace sendsim::send
