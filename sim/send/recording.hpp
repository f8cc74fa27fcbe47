// sim/send/recording.hpp: the flows a World counts per calendar year and
// the table layouts it emits (see results.hpp for the year conventions).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "send/results.hpp"

namespace sendsim::send {

/// Yearly flows, counted in the calendar year in which they happen.
enum class Flow : std::uint8_t {
  kIdentified,         // children newly identified for SEN support
  kSupportExits,       // SEN support ended, needs met
  kSupportMovedAway,   // SEN support children moving out of the area
  kRequests,           // requests for an EHC needs assessment (all)
  kRequestsDirect,     // of which direct (not from SEN support)
  kRefusals,           // requests refused at the 6-week decision
  kAssessmentsAgreed,  // decided to assess
  kAssessmentsQueued,  // agreed assessments that had to wait for a free slot
  kAssessmentsDone,    // assessments completed
  kNoPlan,             // assessments ending without a plan
  kPlansIssued,        // new EHC plans issued
  kIssuedWithin20,     // of which within 20 weeks of the request
  kMovedIn,            // plans moving into the area
  kCeasedNeedsMet,
  kCeasedMovedAway,
  kCeasedLeftEducation,
  kCeasedReached25,
  kAppealsRefusal,    // appeals registered against refusals
  kAppealsPlacement,  // appeals registered against unmet placements
  kAppealsUpheld,     // appeals decided for the family
  kPlacementsMainstream,
  kPlacementsEnhanced,
  kPlacementsSpecial,
  kPlacementsInmss,
  kFallbackInmss,         // sent to INMSS for want of a local place
  kFallbackOutOfCounty,   // sent out of county for want of a local place
  kWaitsStarted,          // children starting to wait for a place
  kWaitTimeouts,          // waited the policy's maximum, sent to INMSS
  kForcedPlacements,      // placed by tribunal order over the commissioned number
  kOverNumberPlacements,  // placed within the permitted over-number margin
  kStepUps,
  kStepDowns,
  kPhaseTransfers,   // children re-placed at a phase transfer or outgrowing a setting
  kClosureMoves,     // children re-placed because their setting closed
  kUnplaced,         // no setting at all could take the child (a gap in the model)
  kCapitalSteps,     // capital project steps that took effect (openings, ramp-up steps, ...)
  kWeeksToIssueSum,  // sum over issued plans of weeks from request (for the mean)
};
inline constexpr int kFlowCount = 37;
inline constexpr std::array<std::string_view, kFlowCount> kFlowCodes = {"identified_sen_support",
                                                                        "sen_support_needs_met",
                                                                        "sen_support_moved_away",
                                                                        "requests",
                                                                        "requests_direct",
                                                                        "refusals",
                                                                        "assessments_agreed",
                                                                        "assessments_queued",
                                                                        "assessments_completed",
                                                                        "assessments_no_plan",
                                                                        "plans_issued",
                                                                        "plans_issued_within_20_weeks",
                                                                        "plans_moved_in",
                                                                        "ceased_needs_met",
                                                                        "ceased_moved_away",
                                                                        "ceased_left_education",
                                                                        "ceased_reached_25",
                                                                        "appeals_refusal",
                                                                        "appeals_placement",
                                                                        "appeals_upheld",
                                                                        "placements_mainstream",
                                                                        "placements_enhanced",
                                                                        "placements_special",
                                                                        "placements_inmss",
                                                                        "fallback_inmss",
                                                                        "fallback_out_of_county",
                                                                        "waits_started",
                                                                        "wait_timeouts",
                                                                        "forced_placements",
                                                                        "over_number_placements",
                                                                        "step_ups",
                                                                        "step_downs",
                                                                        "phase_transfers",
                                                                        "closure_moves",
                                                                        "unplaced",
                                                                        "capital_steps",
                                                                        "weeks_to_issue_sum"};

}  // namespace sendsim::send

namespace sendsim::send {
/// The tables a replication emits, empty, in their fixed order.
[[nodiscard]] std::vector<Table> make_tables();
}  // namespace sendsim::send
