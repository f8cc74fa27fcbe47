// sim/send/population.cpp: the population counts (see population.hpp).
#include "send/population.hpp"

#include <algorithm>

namespace sendsim::send {

PopulationCounts::PopulationCounts(const Model& model) : model_(&model) {
  const std::size_t nd = model.districts.size();
  population_.assign(nd, {});
  known_.assign(nd, {});
  district_weight_.assign(nd, 0.0);
  for (std::size_t d = 0; d < nd; ++d) {
    const District& district = model.districts[d];
    if (!district.in_area) continue;
    for (int age = 0; age < kPopulationAges; ++age) {
      population_[d][age] = district.population_0_25 * model.population.age_profile[age];
    }
    district_weight_[d] = district.population_0_25;
  }
}

double PopulationCounts::not_known(std::size_t d, int age) const noexcept {
  return std::max(0.0, population_[d][age] - known_[d][age]);
}

void PopulationCounts::add_known(std::size_t d, int age) noexcept {
  if (age >= 0 && age < kPopulationAges) ++known_[d][age];
}

void PopulationCounts::remove_known(std::size_t d, int age) noexcept {
  if (age >= 0 && age < kPopulationAges && known_[d][age] > 0) --known_[d][age];
}

}  // namespace sendsim::send
