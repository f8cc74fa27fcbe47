// tests/send/flow_test.cpp: the min-cost-flow placement round against brute
// force on small random cases.
#include "send/flow.hpp"

#include <gtest/gtest.h>

#include <functional>

#include "engine/rng.hpp"

namespace sendsim::send {
namespace {

/// Smallest total cost over every feasible assignment (exhaustive).
std::int64_t brute_force(const AssignmentProblem& p) {
  const std::size_t n = p.cost.size();
  std::vector<int> used(p.capacity.size(), 0);
  std::int64_t best = INT64_MAX;
  std::function<void(std::size_t, std::int64_t)> go = [&](std::size_t c, std::int64_t total) {
    if (c == n) {
      best = std::min(best, total);
      return;
    }
    go(c + 1, total + p.fallback_cost);
    for (std::size_t s = 0; s < p.capacity.size(); ++s) {
      if (p.cost[c][s] < 0 || used[s] >= p.capacity[s]) continue;
      ++used[s];
      go(c + 1, total + p.cost[c][s]);
      --used[s];
    }
  };
  go(0, 0);
  return best;
}

TEST(MinCostFlow, MatchesBruteForceAndNeverExceedsCapacity) {
  engine::Rng rng(2024);
  for (int trial = 0; trial < 300; ++trial) {
    AssignmentProblem p;
    const std::size_t children = 1 + rng.below(6);
    const std::size_t settings = 1 + rng.below(4);
    p.fallback_cost = 500;
    for (std::size_t s = 0; s < settings; ++s) p.capacity.push_back(static_cast<int>(rng.below(3)));
    p.cost.assign(children, std::vector<std::int64_t>(settings, -1));
    for (auto& row : p.cost) {
      for (auto& c : row) {
        if (rng.bernoulli(0.7)) c = static_cast<std::int64_t>(rng.below(120));
      }
    }
    const auto assignment = solve_min_cost_assignment(p);
    ASSERT_EQ(assignment.size(), children);
    std::vector<int> used(settings, 0);
    for (std::size_t c = 0; c < children; ++c) {
      if (assignment[c] < 0) continue;
      ASSERT_GE(p.cost[c][assignment[c]], 0) << "trial " << trial << ": an arc that does not exist";
      ++used[assignment[c]];
    }
    for (std::size_t s = 0; s < settings; ++s) ASSERT_LE(used[s], p.capacity[s]) << "trial " << trial;
    EXPECT_EQ(assignment_cost(p, assignment), brute_force(p)) << "trial " << trial;
  }
}

TEST(MinCostFlow, BeatsGreedyNearestOnAClassicCase) {
  // Child 0 is near both schools, child 1 only near school 0. Greedy nearest
  // in child order gives child 0 school 0 and sends child 1 to the fallback.
  AssignmentProblem p;
  p.cost = {{10, 20}, {15, -1}};
  p.capacity = {1, 1};
  const auto a = solve_min_cost_assignment(p);
  EXPECT_EQ(a, (std::vector<int>{1, 0}));
  EXPECT_EQ(assignment_cost(p, a), 35);
}

}  // namespace
}  // namespace sendsim::send
