// sim/send/flow.cpp: min-cost flow with Boost.Graph.
//
// Arc costs are held as doubles although they are whole numbers: Boost's
// successive shortest paths adds "infinite" distances of unreached vertices
// to potentials, which overflows a signed integer type (undefined behaviour,
// caught by UBSan) but is harmless in floating point. Costs stay far below
// 2^53, so every sum is exact.
#include "send/flow.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>

namespace sendsim::send {

namespace {

using Traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
using Graph = boost::adjacency_list<
    boost::vecS, boost::vecS, boost::directedS, boost::no_property,
    boost::property<boost::edge_capacity_t, std::int64_t,
                    boost::property<boost::edge_residual_capacity_t, std::int64_t,
                                    boost::property<boost::edge_reverse_t, Traits::edge_descriptor,
                                                    boost::property<boost::edge_weight_t, double>>>>>;
using Edge = Traits::edge_descriptor;

class FlowNetwork {
 public:
  explicit FlowNetwork(std::size_t vertices) : graph_(vertices) {}

  Edge add_arc(std::size_t from, std::size_t to, std::int64_t capacity, std::int64_t cost) {
    auto capacity_map = boost::get(boost::edge_capacity, graph_);
    auto weight_map = boost::get(boost::edge_weight, graph_);
    auto reverse_map = boost::get(boost::edge_reverse, graph_);
    const Edge forward = boost::add_edge(from, to, graph_).first;
    const Edge backward = boost::add_edge(to, from, graph_).first;
    capacity_map[forward] = capacity;
    capacity_map[backward] = 0;
    weight_map[forward] = static_cast<double>(cost);
    weight_map[backward] = -static_cast<double>(cost);
    reverse_map[forward] = backward;
    reverse_map[backward] = forward;
    return forward;
  }

  void solve(std::size_t source, std::size_t sink) {
    boost::successive_shortest_path_nonnegative_weights(graph_, source, sink);
  }

  [[nodiscard]] std::int64_t flow(const Edge& e) const {
    return boost::get(boost::edge_capacity, graph_, e) - boost::get(boost::edge_residual_capacity, graph_, e);
  }

 private:
  Graph graph_;
};

}  // namespace

std::vector<int> solve_min_cost_assignment(const AssignmentProblem& problem) {
  const std::size_t children = problem.cost.size();
  const std::size_t settings = problem.capacity.size();
  // Vertices: source, children, settings, fallback, sink.
  const std::size_t source = 0;
  const std::size_t first_child = 1;
  const std::size_t first_setting = first_child + children;
  const std::size_t fallback = first_setting + settings;
  const std::size_t sink = fallback + 1;
  FlowNetwork net(sink + 1);
  struct Arc {
    std::size_t child;
    int setting;
    Edge edge;
  };
  std::vector<Arc> arcs;
  for (std::size_t c = 0; c < children; ++c) {
    net.add_arc(source, first_child + c, 1, 0);
    for (std::size_t s = 0; s < settings; ++s) {
      const std::int64_t cost = problem.cost[c][s];
      if (cost < 0 || problem.capacity[s] <= 0) continue;
      arcs.push_back({c, static_cast<int>(s), net.add_arc(first_child + c, first_setting + s, 1, cost)});
    }
    net.add_arc(first_child + c, fallback, 1, problem.fallback_cost);
  }
  for (std::size_t s = 0; s < settings; ++s) {
    if (problem.capacity[s] > 0) net.add_arc(first_setting + s, sink, problem.capacity[s], 0);
  }
  net.add_arc(fallback, sink, static_cast<std::int64_t>(children), 0);
  net.solve(source, sink);
  std::vector<int> assignment(children, -1);
  for (const auto& arc : arcs) {
    if (net.flow(arc.edge) > 0) assignment[arc.child] = arc.setting;
  }
  return assignment;
}

std::int64_t assignment_cost(const AssignmentProblem& problem, const std::vector<int>& assignment) {
  std::int64_t total = 0;
  for (std::size_t c = 0; c < assignment.size(); ++c) {
    total += assignment[c] < 0 ? problem.fallback_cost : problem.cost[c][assignment[c]];
  }
  return total;
}

}  // namespace sendsim::send
