// sim/send/capital.cpp: the capital programme (openings, expansions,
// reductions, closures, re-designations and changes of type, each with a
// delay drawn per replication and a ramp-up).
#include <algorithm>
#include <cmath>

#include "send/clocks.hpp"
#include "send/tables.hpp"
#include "send/world.hpp"

namespace sendsim::send {

void World::schedule_capital_programme(std::uint64_t master_seed, std::size_t replication) {
  const auto& projects = model_.capital_programme;
  capital_steps_.assign(projects.size(), {});
  project_setting_.assign(projects.size(), -1);
  std::size_t opened = model_.settings.size();
  for (std::size_t p = 0; p < projects.size(); ++p) {
    const CapitalProject& project = projects[p];
    if (project.action == CapitalAction::kOpen) {
      project_setting_[p] = static_cast<int>(opened++);
    } else {
      for (std::size_t s = 0; s < places_.size(); ++s) {
        if (places_.specs()[s].name == project.setting.name) project_setting_[p] = static_cast<int>(s);
      }
    }
    // Each project has its own stream, so adding a project moves no other's delay.
    const std::string stream = std::string(streams::kCapitalPrefix) + project.name;
    engine::Rng rng(master_seed, replication, engine::stream_id(stream.c_str()));
    const double delay =
        rng.triangular(project.delay_months.min, project.delay_months.mode, project.delay_months.max);
    Day start = calendar_.day(project.planned) + static_cast<Day>(std::lround(delay * kDaysPerMonth));
    if (project.open_in_september &&
        calendar_.date(start) != engine::Date{calendar_.date(start).year, 9, 1}) {
      start = calendar_.next_september(start);
    }
    std::vector<double> ramp = project.ramp_up;
    if (ramp.empty()) ramp.push_back(1.0);
    const engine::Date start_date = calendar_.date(start);
    for (std::size_t step = 0; step < ramp.size(); ++step) {
      const Day at =
          std::max<Day>(0, calendar_.day(engine::add_months(start_date, static_cast<int>(12 * step))));
      capital_steps_[p].push_back({at, ramp[step]});
      if (at <= end_day_) {
        sim_.schedule(
            at, static_cast<std::uint8_t>(Priority::kCapacity),
            Event{EventKind::kCapital, static_cast<std::uint8_t>(step), static_cast<std::uint32_t>(p), 0});
      }
    }
  }
}

void World::capital_step(std::uint32_t p, std::uint8_t step) {
  const CapitalProject& project = model_.capital_programme[p];
  const int s = project_setting_[p];
  if (s < 0) return;
  const double share = capital_steps_[p][step].share;
  const double before = step > 0 ? capital_steps_[p][step - 1].share : 0.0;
  const int added = static_cast<int>(std::lround(project.places * share)) -
                    static_cast<int>(std::lround(project.places * before));
  switch (project.action) {
    case CapitalAction::kOpen:
    case CapitalAction::kExpand:
      places_.add_capital_places(s, added);
      break;
    case CapitalAction::kReduce:
      places_.add_capital_places(s, -added);
      break;
    case CapitalAction::kClose:
      places_.close(s);
      break;
    case CapitalAction::kRedesignate:
      places_.redesignate(s, project.needs, project.min_age, project.max_age);
      break;
    case CapitalAction::kChangeType: {
      // The quadrant's specialist places, for induced demand, follow the type.
      const std::size_t district = places_.district(s);
      if (places_.is_local_specialist(s)) demand_.places_changed(district, -places_.state(s).places);
      places_.change_type(s, project.new_type);
      if (places_.is_local_specialist(s)) demand_.places_changed(district, places_.state(s).places);
      break;
    }
  }
  count_flow(Flow::kCapitalSteps);
  refresh_places(s);
}

Table World::capital_table() const {
  Table capital;
  capital.info = {std::string(tables::kCapital),
                  {"project", "measure"},
                  "days",
                  Missing::kSkip,
                  "per capital project: delay_days (from the planned date to the first step, after any "
                  "September alignment) and first_step_day (days from the start of the run)"};
  for (std::size_t p = 0; p < model_.capital_programme.size(); ++p) {
    if (capital_steps_[p].empty()) continue;
    const Day first = capital_steps_[p].front().day;
    capital.set({model_.capital_programme[p].name, "delay_days"},
                first - calendar_.day(model_.capital_programme[p].planned));
    capital.set({model_.capital_programme[p].name, "first_step_day"}, first);
  }
  return capital;
}

}  // namespace sendsim::send
