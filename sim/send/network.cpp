// sim/send/network.cpp: all-pairs travel times by Dijkstra (Boost.Graph).
#include "send/network.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <map>

namespace sendsim::send {

TravelTimes::TravelTimes(const std::vector<District>& districts, const std::vector<TravelLink>& links)
    : n_(districts.size()), minutes_(districts.size() * districts.size(), kUnreachable) {
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                      boost::property<boost::edge_weight_t, double>>;
  Graph graph(n_);
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < n_; ++i) index[districts[i].name] = i;
  for (const auto& link : links) {
    const auto a = index.find(link.from);
    const auto b = index.find(link.to);
    if (a == index.end() || b == index.end()) continue;
    boost::add_edge(a->second, b->second, link.minutes, graph);
  }
  std::vector<double> distance(n_);
  for (std::size_t source = 0; source < n_; ++source) {
    boost::dijkstra_shortest_paths(
        graph, boost::vertex(source, graph),
        boost::distance_map(
            boost::make_iterator_property_map(distance.begin(), boost::get(boost::vertex_index, graph)))
            .distance_inf(kUnreachable));
    for (std::size_t target = 0; target < n_; ++target) minutes_[source * n_ + target] = distance[target];
  }
}

}  // namespace sendsim::send
