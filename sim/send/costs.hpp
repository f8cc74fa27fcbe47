// sim/send/costs.hpp: CostAccounts, the part of a World that posts what
// each child and each setting's places cost to the high-needs ledger
// (send/finance.hpp) as they go, keeps each child's and each setting's
// pennies and the cost and child-days of each group (setting type or
// state) and need, and makes the finance tables at the end of the run
// (spend, dsg, cost_per_child_year; send/costs.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "engine/calendar.hpp"
#include "send/child.hpp"
#include "send/chunked_vector.hpp"
#include "send/codes.hpp"
#include "send/finance.hpp"
#include "send/model.hpp"
#include "send/places.hpp"
#include "send/results.hpp"

namespace sendsim::send {

class CostAccounts {
 public:
  CostAccounts() = default;
  /// Accounts for a run of `model` from day 0 to `end_day`, with `settings`
  /// settings; `model` must outlive them.
  CostAccounts(const Model& model, const engine::Calendar& calendar, Day end_day, std::size_t settings);

  /// A new child, index child_pennies().size(), with nothing posted yet.
  void add_child() { child_pennies_.push_back(0); }
  /// Posts child `id` (`c`) from c.cost_since to `to` at what the child's
  /// status and place cost, and moves c.cost_since to `to`; `academic_year`
  /// is the current one (for the child's age), `places` the World's.
  void post_child(std::uint32_t id, Child& c, Day to, int academic_year, const Places& places);
  /// Posts setting `s`'s place funding up to `to`.
  void post_setting(int s, Day to, const Places& places);
  /// The finance tables (spend, dsg, cost_per_child_year), in that order,
  /// from what has been posted.
  [[nodiscard]] std::array<Table, 3> tables() const;

  /// Pennies posted for each child and for each setting's place funding.
  [[nodiscard]] const ChunkedVector<std::int64_t>& child_pennies() const noexcept { return child_pennies_; }
  /// Follows Children::relocate: child `id`'s postings move to `to[id]`
  /// (those of the children gone, summed, to the one index past the rest).
  void renumber(const std::vector<std::uint32_t>& to, std::size_t children) {
    ChunkedVector<std::int64_t> moved;
    for (std::size_t i = 0; i < children; ++i) moved.push_back(0);
    for (std::size_t id = 0; id < to.size(); ++id) moved[to[id]] += child_pennies_[id];
    child_pennies_ = std::move(moved);
  }
  [[nodiscard]] const std::vector<std::int64_t>& setting_pennies() const noexcept { return setting_pennies_; }

 private:
  const Model* model_ = nullptr;
  Ledger ledger_;
  ChunkedVector<std::int64_t> child_pennies_;
  std::vector<std::int64_t> setting_pennies_;
  std::vector<Day> setting_cost_since_;
  // cost and child-days by (setting type or state) x need, for cost per child-year
  static constexpr int kCostGroups = kSettingTypeCount + 3;  // + further_education, awaiting, sen_support
  std::array<std::array<std::int64_t, kNeedCount>, kCostGroups> group_pennies_{};
  std::array<std::array<double, kNeedCount>, kCostGroups> group_days_{};
};

}  // namespace sendsim::send
