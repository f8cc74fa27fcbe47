// sim/send/waiting_list.hpp: WaitingList, children waiting in the order they
// started to wait, each with the number of their joining (so that lists can
// be walked together in one order), with constant-time joining and leaving.
//
// The list is a vector of slots in joining order; a child who leaves leaves
// a hole (found through a map from child to slot), and the holes are squeezed
// out when they outnumber the children, at a join only, so that a walk over
// the slots by index (fill_vacancies takes children off as it walks) never
// sees the slots move. The order of the children who remain is the order in
// which they joined, as it was with std::find and erase on a plain vector
// (tests/send/waiting_list_test.cpp checks both against each other).
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace sendsim::send {

class WaitingList {
 public:
  static constexpr std::uint32_t kHole = 0xffffffffU;

  /// Adds child `id` at the back (`id` must not be on the list); `order`
  /// is the number of its joining, larger than any before on this list.
  void push_back(std::uint32_t id, std::uint64_t order = 0) {
    if (holes_ > 64 && holes_ > size()) compact();
    slot_of_.emplace(id, static_cast<std::uint32_t>(slots_.size()));
    slots_.push_back(id);
    orders_.push_back(order);
  }
  /// Takes child `id` off; false when it was not on the list.
  bool erase(std::uint32_t id) {
    const auto it = slot_of_.find(id);
    if (it == slot_of_.end()) return false;
    slots_[it->second] = kHole;
    slot_of_.erase(it);
    ++holes_;
    if (holes_ == slots_.size()) clear();  // nothing left: start again at slot 0
    return true;
  }
  [[nodiscard]] bool contains(std::uint32_t id) const { return slot_of_.count(id) != 0; }
  /// Children on the list.
  [[nodiscard]] std::size_t size() const noexcept { return slots_.size() - holes_; }
  [[nodiscard]] bool empty() const noexcept { return size() == 0; }

  /// Slots, in joining order: a child's index or kHole. Stable while no one
  /// joins; a leave only makes a hole.
  [[nodiscard]] std::size_t slots() const noexcept { return slots_.size(); }
  [[nodiscard]] std::uint32_t slot(std::size_t i) const noexcept { return slots_[i]; }
  /// The joining number of the child in slot `i`.
  [[nodiscard]] std::uint64_t order(std::size_t i) const noexcept { return orders_[i]; }

  /// Renames every child on the list: `id` becomes `to[id]` (Children::relocate).
  void renumber(const std::vector<std::uint32_t>& to) {
    slot_of_.clear();
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i] == kHole) continue;
      slots_[i] = to[slots_[i]];
      slot_of_.emplace(slots_[i], static_cast<std::uint32_t>(i));
    }
  }

  /// The children, in joining order.
  [[nodiscard]] std::vector<std::uint32_t> children() const {
    std::vector<std::uint32_t> out;
    out.reserve(size());
    for (const std::uint32_t id : slots_) {
      if (id != kHole) out.push_back(id);
    }
    return out;
  }

 private:
  void clear() {
    slots_.clear();
    orders_.clear();
    holes_ = 0;
  }
  void compact() {
    std::size_t to = 0;
    for (std::size_t from = 0; from < slots_.size(); ++from) {
      const std::uint32_t id = slots_[from];
      if (id == kHole) continue;
      slot_of_[id] = static_cast<std::uint32_t>(to);
      orders_[to] = orders_[from];
      slots_[to++] = id;
    }
    slots_.resize(to);
    orders_.resize(to);
    holes_ = 0;
  }

  std::vector<std::uint32_t> slots_;
  std::vector<std::uint64_t> orders_;
  std::unordered_map<std::uint32_t, std::uint32_t> slot_of_;
  std::size_t holes_ = 0;
};

}  // namespace sendsim::send
