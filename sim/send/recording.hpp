// sim/send/recording.hpp: the Recorder, the part of a World that counts what
// happens in one replication (the yearly flows, the waits that end, each
// stock's entries and exits, the child-days, the fingerprint of the events)
// and writes the tables a replication emits: the January census snapshot and
// the end-of-run tables, reading the World through const access (see
// results.hpp for the year conventions, output/README.md for the tables).
// The flows' codes are in send/codes.hpp; this header is the World's alone.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/rng.hpp"
#include "engine/stats.hpp"
#include "send/child.hpp"
#include "send/clocks.hpp"
#include "send/codes.hpp"
#include "send/results.hpp"

namespace sendsim::send {

class World;

class Recorder {
 public:
  Recorder() = default;
  /// Counts for `settings` settings and `years` calendar years (at least
  /// one); the tables of make_tables(), empty.
  Recorder(std::size_t settings, int years);

  /// Mixes a delivered event (day, kind, entity) into the fingerprint.
  void event(Day now, std::uint32_t kind, std::uint32_t entity) noexcept {
    fingerprint_ = engine::mix64(fingerprint_ ^ (static_cast<std::uint64_t>(now) << 40) ^
                                 (static_cast<std::uint64_t>(kind) << 32) ^ entity);
  }
  /// Counts `n` of `flow` in calendar year `year` of the run (none outside it).
  void count_flow(int year, Flow flow, double n = 1.0) noexcept {
    if (year >= 0 && year < static_cast<int>(flows_.size())) flows_[year][index(flow)] += n;
  }
  /// A wait for a place of `type` that lasted `waited` days ended in `year`.
  void wait_ended(int year, SettingType type, Day waited) {
    if (year >= 0 && year < static_cast<int>(wait_weeks_.size())) {
      wait_weeks_[year][index(type)].add(waited / static_cast<double>(kDaysPerWeek));
    }
  }
  /// A child entered the model in `status`.
  void entered(Status status) noexcept { ++conservation_[index(status)][1]; }
  /// A child moved from one status to another (kGone: left the model).
  void status_changed(Status from, Status to) noexcept {
    if (from != Status::kGone) ++conservation_[index(from)][2];
    if (to != Status::kGone) ++conservation_[index(to)][1];
  }
  /// The stocks at the start are `children` as seeded; their entries so far
  /// are not counted as entries.
  template <class Children>
  void start_stocks(const Children& children) noexcept {
    for (int s = 0; s < kStatusCount; ++s) conservation_[s][0] = 0;
    for (std::size_t i = 0; i < children.size(); ++i) {
      if (children[i].status != Status::kGone) ++conservation_[index(children[i].status)][0];
    }
    for (auto& row : conservation_) row[1] = row[2] = 0;
  }
  /// The number of children in the model changes by `delta` now (0: brings
  /// the child-days up to now).
  void change_active(Day now, int delta) noexcept {
    child_days_ += static_cast<double>(active_children_) * (now - last_active_change_);
    last_active_change_ = now;
    active_children_ += delta;
  }

  /// The January census snapshot of `world` as it is now (its live list
  /// compacted).
  void census(const World& world);
  /// The end-of-run tables of `world` (flows, timeliness, waits, coverage,
  /// capacity, conservation; its live list compacted), after the census tables.
  void finish(const World& world);
  /// Appends a table the World's other parts emit (capital, finance, draws).
  void add_table(Table table) { tables_.push_back(std::move(table)); }
  /// The replication's result; the tables are moved out.
  [[nodiscard]] ReplicationResult result(std::size_t replication, std::uint64_t events);

 private:
  std::uint64_t fingerprint_ = 0xcbf29ce484222325ULL;
  std::vector<Table> tables_;
  Day last_census_ = -1;
  // per setting: occupancy and over-number integrals at the previous census
  std::vector<std::array<double, 2>> census_areas_;
  std::array<std::array<std::int64_t, 4>, kStatusCount> conservation_{};  // start, in, out, end
  std::vector<std::array<engine::Tally, kSettingTypeCount>> wait_weeks_;  // per calendar year
  std::vector<std::array<double, kFlowCount>> flows_;                     // per calendar year
  double child_days_ = 0.0;
  Day last_active_change_ = 0;
  std::int64_t active_children_ = 0;
};

/// The tables a replication emits, empty, in their fixed order.
[[nodiscard]] std::vector<Table> make_tables();

}  // namespace sendsim::send
