// sim/send/network.hpp: the district graph and travel times between
// districts.
//
// Districts are vertices, travel links are undirected weighted edges (minutes).
// TravelTimes holds the all-pairs shortest travel time, computed once per
// model with Boost.Graph's Dijkstra from every district. Districts that no
// path joins are infinitely far apart (kUnreachable).
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "send/model.hpp"

namespace sendsim::send {

class TravelTimes {
 public:
  static constexpr double kUnreachable = std::numeric_limits<double>::infinity();

  TravelTimes() = default;
  /// Builds the matrix from the model's districts and links. Links must name
  /// known districts (the loader checks); unknown names are ignored here.
  TravelTimes(const std::vector<District>& districts, const std::vector<TravelLink>& links);

  /// Shortest travel time in minutes from district `from` to `to`.
  [[nodiscard]] double minutes(std::size_t from, std::size_t to) const noexcept {
    return minutes_[from * n_ + to];
  }
  [[nodiscard]] std::size_t size() const noexcept { return n_; }

 private:
  std::size_t n_ = 0;
  std::vector<double> minutes_;
};

}  // namespace sendsim::send
