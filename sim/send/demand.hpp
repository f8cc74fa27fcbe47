// sim/send/demand.hpp: the demand policies of one replication: policy changes
// (multipliers on identification, requests and the mainstream weight from a
// date), population growth by district, age band and year, and induced
// demand (request rates following the local specialist places of a district's
// quadrant, with the model's elasticity).
#pragma once

#include <cstddef>
#include <vector>

#include "engine/calendar.hpp"
#include "send/model.hpp"
#include "send/places.hpp"

namespace sendsim::send {

class DemandPolicy {
 public:
  DemandPolicy() = default;
  /// The policies of `model`; induced demand starts from the local
  /// specialist places `places` has at the start.
  DemandPolicy(const Model& model, const engine::Calendar& calendar, const Places& places);

  /// The policy change in force on `today`: the last one started, or one
  /// that changes nothing.
  [[nodiscard]] const PolicyChange& policy_on(Day today) const noexcept;
  /// Growth rate of `district`'s population at academic age `age` in
  /// `academic_year`: the district's own, unless a population-growth entry
  /// from that year on (for that district and age band, or all) overrides it.
  [[nodiscard]] double population_growth(std::size_t district, int age, int academic_year) const noexcept;
  /// Multiplier on request rates in `district`: the quadrant's local
  /// specialist places over those at the start, to the elasticity; 1 with
  /// elasticity 0 or when the quadrant had none.
  [[nodiscard]] double induced_factor(std::size_t district) const;
  /// The local specialist places in `district` changed by `delta`.
  void places_changed(std::size_t district, double delta) {
    quadrant_places_[quadrant_of_[district]] += delta;
  }

 private:
  const Model* model_ = nullptr;
  std::vector<Day> policy_days_;  // day each policy change starts
  PolicyChange no_policy_change_;
  std::vector<std::size_t> quadrant_of_;  // per district
  std::vector<double> quadrant_places_start_;
  std::vector<double> quadrant_places_;
};

}  // namespace sendsim::send
