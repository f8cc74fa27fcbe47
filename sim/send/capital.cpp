// sim/send/capital.cpp: the capital programme (send/capital.hpp: openings,
// expansions, reductions, closures, re-designations and changes of type,
// each with a delay drawn per replication and a ramp-up), and the World's
// side of it: scheduling the steps and refreshing the places a step changed.
#include "send/capital.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "send/clocks.hpp"
#include "send/tables.hpp"
#include "send/world.hpp"

namespace sendsim::send {

CapitalProgramme::CapitalProgramme(const Model& model, const engine::Calendar& calendar, const Places& places,
                                   std::uint64_t master_seed, std::size_t replication)
    : model_(&model) {
  const auto& projects = model.capital_programme;
  steps_.assign(projects.size(), {});
  setting_.assign(projects.size(), -1);
  std::size_t opened = model.settings.size();
  for (std::size_t p = 0; p < projects.size(); ++p) {
    const CapitalProject& project = projects[p];
    if (project.action == CapitalAction::kOpen) {
      setting_[p] = static_cast<int>(opened++);
    } else {
      for (std::size_t s = 0; s < places.size(); ++s) {
        if (places.specs()[s].name == project.setting.name) setting_[p] = static_cast<int>(s);
      }
    }
    // Each project has its own stream, so adding a project moves no other's delay.
    const std::string stream = std::string(streams::kCapitalPrefix) + project.name;
    engine::Rng rng(master_seed, replication, engine::stream_id(stream.c_str()));
    const double delay =
        rng.triangular(project.delay_months.min, project.delay_months.mode, project.delay_months.max);
    Day start = calendar.day(project.planned) + static_cast<Day>(std::lround(delay * kDaysPerMonth));
    if (project.open_in_september && calendar.date(start) != engine::Date{calendar.date(start).year, 9, 1}) {
      start = calendar.next_september(start);
    }
    std::vector<double> ramp = project.ramp_up;
    if (ramp.empty()) ramp.push_back(1.0);
    const engine::Date start_date = calendar.date(start);
    for (std::size_t step = 0; step < ramp.size(); ++step) {
      const Day at =
          std::max<Day>(0, calendar.day(engine::add_months(start_date, static_cast<int>(12 * step))));
      steps_[p].push_back({at, ramp[step]});
    }
  }
}

int CapitalProgramme::apply(std::uint32_t p, std::uint8_t step, Places& places, DemandPolicy& demand) const {
  const CapitalProject& project = model_->capital_programme[p];
  const int s = setting_[p];
  if (s < 0) return -1;
  const double share = steps_[p][step].share;
  const double before = step > 0 ? steps_[p][step - 1].share : 0.0;
  const int added = static_cast<int>(std::lround(project.places * share)) -
                    static_cast<int>(std::lround(project.places * before));
  switch (project.action) {
    case CapitalAction::kOpen:
    case CapitalAction::kExpand:
      places.add_capital_places(s, added);
      break;
    case CapitalAction::kReduce:
      places.add_capital_places(s, -added);
      break;
    case CapitalAction::kClose:
      places.close(s);
      break;
    case CapitalAction::kRedesignate:
      places.redesignate(s, project.needs, project.min_age, project.max_age);
      break;
    case CapitalAction::kChangeType: {
      // The quadrant's specialist places, for induced demand, follow the type.
      const std::size_t district = places.district(s);
      if (places.is_local_specialist(s)) demand.places_changed(district, -places.state(s).places);
      places.change_type(s, project.new_type);
      if (places.is_local_specialist(s)) demand.places_changed(district, places.state(s).places);
      break;
    }
  }
  return s;
}

Table CapitalProgramme::table(const engine::Calendar& calendar) const {
  Table capital;
  capital.info = {std::string(tables::kCapital),
                  {"project", "measure"},
                  "days",
                  Missing::kSkip,
                  "per capital project: delay_days (from the planned date to the first step, after any "
                  "September alignment) and first_step_day (days from the start of the run)"};
  for (std::size_t p = 0; p < model_->capital_programme.size(); ++p) {
    if (steps_[p].empty()) continue;
    const Day first = steps_[p].front().day;
    capital.set({model_->capital_programme[p].name, "delay_days"},
                first - calendar.day(model_->capital_programme[p].planned));
    capital.set({model_->capital_programme[p].name, "first_step_day"}, first);
  }
  return capital;
}

void World::schedule_capital_programme(std::uint64_t master_seed, std::size_t replication) {
  capital_ = CapitalProgramme(model_, clock_.calendar(), places_, master_seed, replication);
  for (std::size_t p = 0; p < capital_.size(); ++p) {
    const auto& steps = capital_.steps(p);
    for (std::size_t step = 0; step < steps.size(); ++step) {
      if (steps[step].day <= clock_.end_day()) {
        sim_.schedule(
            steps[step].day, static_cast<std::uint8_t>(Priority::kCapacity),
            Event{EventKind::kCapital, static_cast<std::uint8_t>(step), static_cast<std::uint32_t>(p), 0});
      }
    }
  }
}

void World::capital_step(std::uint32_t p, std::uint8_t step) {
  const int s = capital_.apply(p, step, places_, demand_);
  if (s < 0) return;
  count_flow(Flow::kCapitalSteps);
  refresh_places(s);
}

}  // namespace sendsim::send
