// sim/send/demand.cpp: policy changes, population growth and induced demand
// (see demand.hpp).
#include "send/demand.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace sendsim::send {

DemandPolicy::DemandPolicy(const Model& model, const engine::Calendar& calendar, const Places& places)
    : model_(&model) {
  const std::size_t nd = model.districts.size();
  quadrant_of_.assign(nd, 0);
  std::vector<std::string> quadrants;
  for (std::size_t d = 0; d < nd; ++d) {
    const auto& q = model.districts[d].quadrant;
    auto it = std::find(quadrants.begin(), quadrants.end(), q);
    if (it == quadrants.end()) it = quadrants.insert(quadrants.end(), q);
    quadrant_of_[d] = static_cast<std::size_t>(it - quadrants.begin());
  }
  quadrant_places_.assign(quadrants.size(), 0.0);
  for (int s = 0; s < static_cast<int>(places.size()); ++s) {
    if (places.is_local_specialist(s))
      quadrant_places_[quadrant_of_[places.district(s)]] += places.state(s).places;
  }
  quadrant_places_start_ = quadrant_places_;
  for (const auto& change : model.demand.policy_changes) policy_days_.push_back(calendar.day(change.from));
}

const PolicyChange& DemandPolicy::policy_on(Day today) const noexcept {
  const PolicyChange* active = &no_policy_change_;
  for (std::size_t i = 0; i < policy_days_.size(); ++i) {
    if (policy_days_[i] <= today) active = &model_->demand.policy_changes[i];
  }
  return *active;
}

double DemandPolicy::population_growth(std::size_t district, int age, int academic_year) const noexcept {
  double rate = model_->districts[district].population_growth;
  const int band = static_cast<int>(index(age_band_of(age)));
  for (const auto& g : model_->demand.population_growth) {
    if (g.from_year > academic_year) continue;
    if (!g.district.empty() && g.district != model_->districts[district].name) continue;
    if (g.age_band >= 0 && g.age_band != band) continue;
    rate = g.rate;
  }
  return rate;
}

double DemandPolicy::induced_factor(std::size_t district) const {
  const double elasticity = model_->demand.induced_elasticity;
  if (elasticity == 0.0) return 1.0;
  const std::size_t q = quadrant_of_[district];
  const double start = quadrant_places_start_[q];
  if (start <= 0) return 1.0;
  return std::pow(std::max(quadrant_places_[q], 1.0) / start, elasticity);
}

}  // namespace sendsim::send
