// sim/send/demand.hpp: the demand policies of one replication: policy changes
// (multipliers on identification, requests and the mainstream weight from a
// date), population growth by district, age band and year, and induced
// demand (request rates following the local specialist places of a district's
// quadrant, with the model's elasticity), and the growth of requests from
// SEN support by the model's trends, computed once a day.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "engine/calendar.hpp"
#include "send/clocks.hpp"
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
  /// (1 + requests.trend + need_trend[need]) ^ (today / kDaysPerYear): the
  /// growth of requests from SEN support on `today`, computed once a day per
  /// need (the same std::pow call, so the same double to the bit). `today`
  /// never goes back.
  [[nodiscard]] double request_growth(Need need, Day today) {
    if (growth_day_ != today) {
      growth_day_ = today;
      growth_.fill(std::numeric_limits<double>::quiet_NaN());
    }
    double& growth = growth_[index(need)];
    if (std::isnan(growth)) {
      growth = std::pow(1.0 + model_->requests.trend + model_->requests.need_trend[index(need)],
                        today / kDaysPerYear);
    }
    return growth;
  }
  /// The model's request trends may have changed (a yearly redraw): the
  /// growth is computed again.
  void forget_request_growth() noexcept { growth_day_ = -1; }

 private:
  const Model* model_ = nullptr;
  std::vector<Day> policy_days_;  // day each policy change starts
  PolicyChange no_policy_change_;
  std::vector<std::size_t> quadrant_of_;  // per district
  std::vector<double> quadrant_places_start_;
  std::vector<double> quadrant_places_;
  // cache for request_growth(): the day it holds, and per need the value or NaN
  Day growth_day_ = -1;
  std::array<double, kNeedCount> growth_{};
};

}  // namespace sendsim::send
