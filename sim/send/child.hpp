// sim/send/child.hpp: Child, one child known to the model (on SEN support,
// in the statutory pipeline or holding a plan), and the Status codes of the
// stocks a child moves between. Held by the World (send/world.hpp) and read
// by its parts (the recorder, the cost accounts).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "engine/calendar.hpp"
#include "send/codes.hpp"

namespace sendsim::send {

using engine::Day;

enum class Status : std::uint8_t { kSupport, kRequested, kAssessing, kPlan, kGone };
inline constexpr int kStatusCount = 4;  // kGone is not a stock
inline constexpr std::array<std::string_view, kStatusCount> kStatusCodes = {"sen_support", "requested",
                                                                            "in_assessment", "ehc_plan"};

struct Child {
  std::int16_t cohort = 0;  // academic year in which the child's birth cohort starts
  std::uint16_t district = 0;
  Need need = Need::kASD;
  Status status = Status::kSupport;
  SettingType plan_type = SettingType::kMainstream;  // what the plan names
  bool waiting = false;                              // in an interim place, waiting for waiting_for
  SettingType waiting_for = SettingType::kMainstream;
  bool fallback = false;            // placed in INMSS / out of county for want of a place
  bool direct = false;              // came by direct request (not from SEN support)
  std::int32_t setting = -1;        // current setting, -1 none
  bool appeal_pending = false;      // a refusal appeal is waiting for the tribunal
  bool in_assessment_work = false;  // holds one of the assessment team's slots
  std::uint32_t token = 0;          // changes with every status change
  std::uint32_t hazard_token = 0;   // changes whenever the next hazard is drawn again
  Day request_day = 0;
  Day wait_since = 0;
  Day cost_since = 0;  // costs are posted up to this day
};

/// A child's academic age in `academic_year` (the year an academic year
/// starts in): whole years on the 31 August before it (4 in Reception).
[[nodiscard]] constexpr int academic_age(const Child& c, int academic_year) noexcept {
  return academic_year - c.cohort - 1;
}

}  // namespace sendsim::send
