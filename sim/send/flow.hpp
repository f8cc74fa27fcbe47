// sim/send/flow.hpp: the system-optimal placement round as a min-cost flow.
//
// Children (one unit each) flow from a source to settings with free places
// (capacity = free places) or to a fallback sink that takes any number at a
// high cost (INMSS or waiting). An arc child -> setting exists where the
// setting suits the child, with cost = travel minutes. Solved with
// Boost.Graph's successive shortest paths (non-negative weights), the result
// minimises first the number sent to the fallback (its cost exceeds any
// journey) and then total travel time. Never assigns more children to a
// setting than its capacity.
#pragma once

#include <cstdint>
#include <vector>

namespace sendsim::send {

struct AssignmentProblem {
  /// cost[child][setting]: travel cost, or -1 where the setting cannot take the child.
  std::vector<std::vector<std::int64_t>> cost;
  std::vector<int> capacity;             // free places per setting
  std::int64_t fallback_cost = 1000000;  // per child sent to the fallback
};

/// The setting index for each child, or -1 for the fallback.
[[nodiscard]] std::vector<int> solve_min_cost_assignment(const AssignmentProblem& problem);

/// Total cost of an assignment (for tests and reports).
[[nodiscard]] std::int64_t assignment_cost(const AssignmentProblem& problem,
                                           const std::vector<int>& assignment);

}  // namespace sendsim::send
