// sim/send/population.hpp: the 0-25 population of one replication as counts
// by district and academic age (fractional: counts grow by rates), and how
// many of each are known to SEN services (on SEN support, in the statutory
// pipeline or with a plan), so that arrivals come from the rest.
#pragma once

#include <array>
#include <cstddef>
#include <vector>

#include "send/model.hpp"

namespace sendsim::send {

/// Academic ages the population counts: 0 to 25.
inline constexpr int kPopulationAges = 26;

class PopulationCounts {
 public:
  PopulationCounts() = default;
  /// In-area districts' 0-25 population spread over ages by the model's age
  /// profile; out-of-area districts have none.
  explicit PopulationCounts(const Model& model);

  [[nodiscard]] std::size_t districts() const noexcept { return population_.size(); }
  /// Children of academic age `age` (0-25) living in district `d`.
  [[nodiscard]] double children(std::size_t d, int age) const noexcept { return population_[d][age]; }
  /// Those of them not known to SEN services (never below zero).
  [[nodiscard]] double not_known(std::size_t d, int age) const noexcept;
  /// Each district's share of the 0-25 population at the start, for arrivals.
  [[nodiscard]] const std::vector<double>& district_weights() const noexcept { return district_weight_; }

  /// A child of `age` in `d` becomes known (ages outside 0-25 are not counted).
  void add_known(std::size_t d, int age) noexcept;
  /// A known child of `age` in `d` leaves the SEN stocks.
  void remove_known(std::size_t d, int age) noexcept;
  /// The September rollover: every in-area count moves on one year of age,
  /// growing by `growth(d, age)` (births by the growth at age 0), and the
  /// known counts of those districts start again from zero (the caller
  /// counts the known children again at their new ages).
  template <class Growth>
  void age_one_year(Growth growth);

 private:
  const Model* model_ = nullptr;
  std::vector<std::array<double, kPopulationAges>> population_;  // [district][age]
  std::vector<std::array<int, kPopulationAges>> known_;          // [district][age]
  std::vector<double> district_weight_;
};

template <class Growth>
void PopulationCounts::age_one_year(Growth growth) {
  for (std::size_t d = 0; d < population_.size(); ++d) {
    if (!model_->districts[d].in_area) continue;
    auto& pop = population_[d];
    const double births = pop[0];
    for (int age = kPopulationAges - 1; age > 0; --age) pop[age] = pop[age - 1] * (1.0 + growth(d, age));
    pop[0] = births * (1.0 + growth(d, 0));
    known_[d].fill(0);
  }
}

}  // namespace sendsim::send
