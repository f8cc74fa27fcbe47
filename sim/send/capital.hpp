// sim/send/capital.hpp: CapitalProgramme, the part of a World that holds the
// capital programme of one replication: each project's delay (drawn from its
// own stream), its steps (the ramp-up, a year apart) and the setting it acts
// on, what a step does to the places (openings, expansions, reductions,
// closures, re-designations, changes of type) and the capital table
// (send/capital.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/calendar.hpp"
#include "send/demand.hpp"
#include "send/model.hpp"
#include "send/places.hpp"
#include "send/results.hpp"

namespace sendsim::send {

class CapitalProgramme {
 public:
  struct Step {
    Day day;
    double share;  // share of the project's places available from this step
  };

  CapitalProgramme() = default;
  /// The programme of `model` in replication `replication`: each project's
  /// delay drawn from the stream streams::kCapitalPrefix + its name, moved
  /// to the next 1 September when it must open in September, and its steps
  /// laid out; the setting each acts on among `places` (an opening: the
  /// next setting after the model's own, in the programme's order).
  /// `model` must outlive the programme.
  CapitalProgramme(const Model& model, const engine::Calendar& calendar, const Places& places,
                   std::uint64_t master_seed, std::size_t replication);

  [[nodiscard]] std::size_t size() const noexcept { return steps_.size(); }
  /// Project `p`'s steps, in order (days from the start of the run; some
  /// may fall after its end).
  [[nodiscard]] const std::vector<Step>& steps(std::size_t p) const noexcept { return steps_[p]; }
  /// Applies step `step` of project `p` to `places` (and, for a change of
  /// type, the specialist places `demand` counts); returns the setting it
  /// acted on, whose places the World then refreshes, or -1 when the
  /// project names no setting of the model (nothing done).
  int apply(std::uint32_t p, std::uint8_t step, Places& places, DemandPolicy& demand) const;
  /// The capital table: per project, delay_days and first_step_day.
  [[nodiscard]] Table table(const engine::Calendar& calendar) const;

 private:
  const Model* model_ = nullptr;
  std::vector<std::vector<Step>> steps_;  // per project
  std::vector<int> setting_;              // setting each project acts on
};

}  // namespace sendsim::send
