// sim/send/codes.hpp: the fixed vocabularies of the SEND domain: the DfE's 13
// primary need codes, SEN2 age bands, school phases, setting (provision)
// types, placements at the census, fallbacks, placement rules, capital
// actions, reasons a plan ceases, the yearly flows a World counts, the
// random streams' names. Each has a stable code used in YAML and in output
// tables.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sendsim::send {

/// The DfE primary types of need, in the order of the DfE's tables.
enum class Need : std::uint8_t {
  kASD,
  kSEMH,
  kSLCN,
  kMLD,
  kSLD,
  kPMLD,
  kSpLD,
  kPD,
  kHI,
  kVI,
  kMSI,
  kOTH,
  kNSA
};
inline constexpr int kNeedCount = 13;
inline constexpr std::array<std::string_view, kNeedCount> kNeedCodes = {
    "ASD", "SEMH", "SLCN", "MLD", "SLD", "PMLD", "SpLD", "PD", "HI", "VI", "MSI", "OTH", "NSA"};

/// SEN2 age bands (age at 31 August before the census): under 5, 5-10,
/// 11-15, 16-19, 20-25.
enum class AgeBand : std::uint8_t { kUnder5, k5to10, k11to15, k16to19, k20to25 };
inline constexpr int kAgeBandCount = 5;
inline constexpr std::array<std::string_view, kAgeBandCount> kAgeBandCodes = {"under_5", "5_10", "11_15",
                                                                              "16_19", "20_25"};

/// Education phases by national curriculum year (NCY): early years (before
/// Reception), primary (Reception to Year 6), secondary (7-11), post-16 (12-13),
/// post-19 (14 and over, ages 19-25).
enum class Phase : std::uint8_t { kEarlyYears, kPrimary, kSecondary, kPost16, kPost19 };
inline constexpr int kPhaseCount = 5;
inline constexpr std::array<std::string_view, kPhaseCount> kPhaseCodes = {"early_years", "primary",
                                                                          "secondary", "post16", "post19"};

/// What kind of place a setting offers (and a plan names).
enum class SettingType : std::uint8_t { kMainstream, kEnhanced, kSpecial, kInmss };
inline constexpr int kSettingTypeCount = 4;
inline constexpr std::array<std::string_view, kSettingTypeCount> kSettingTypeCodes = {
    "mainstream", "enhanced", "special", "inmss"};

/// Where a plan holder is at a census, SEN2-like (the `placement` column of
/// ehc_snapshot and ehc_by_year_group): a mainstream place before Reception
/// age is early years, at 16 and over further education; a special school
/// taken as a fallback for want of a local place is special out of county.
enum class CensusPlacement : std::uint8_t {
  kEarlyYears,
  kMainstream,
  kFurtherEducation,
  kEnhanced,
  kSpecial,
  kSpecialOutOfCounty,
  kInmss,
  kAwaitingPlacement,
  kNoPlacement,
  kOther
};
inline constexpr int kPlacementCount = 10;
inline constexpr std::array<std::string_view, kPlacementCount> kPlacementCodes = {
    "early_years",           "mainstream", "further_education",  "enhanced",     "special",
    "special_out_of_county", "inmss",      "awaiting_placement", "no_placement", "other"};

/// What the policy does when no suitable place is free.
enum class Fallback : std::uint8_t { kWait, kInmss, kOutOfCounty };
inline constexpr std::array<std::string_view, 3> kFallbackCodes = {"wait", "inmss", "out_of_county"};

/// How placements are chosen: each child the nearest free place when their
/// turn comes, or a system-optimal September round (min-cost flow) for the
/// children placed at the rollover.
enum class PlacementRule : std::uint8_t { kNearest, kMinCostFlow };
inline constexpr std::array<std::string_view, 2> kPlacementRuleCodes = {"nearest", "min_cost_flow"};

/// What a capital project does to a setting.
enum class CapitalAction : std::uint8_t { kOpen, kExpand, kReduce, kClose, kRedesignate, kChangeType };
inline constexpr std::array<std::string_view, 6> kCapitalActionCodes = {
    "open", "expand", "reduce", "close", "redesignate", "change_type"};

/// Why an EHC plan ceased.
enum class CeaseReason : std::uint8_t { kNeedsMet, kMovedAway, kLeftEducation, kAged25 };
inline constexpr int kCeaseReasonCount = 4;
inline constexpr std::array<std::string_view, kCeaseReasonCount> kCeaseReasonCodes = {
    "needs_met", "moved_away", "left_education", "reached_25"};

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

/// The names of the random streams (engine/rng.hpp: a stream is keyed by
/// master seed, replication and the hash of its name), one per process so
/// that changing one process does not shift another's draws. Renaming one
/// changes every result drawn from it.
namespace streams {
inline constexpr const char* kInitial = "initial";
inline constexpr const char* kIdentification = "identification";
inline constexpr const char* kRequests = "requests";
inline constexpr const char* kAssessment = "assessment";
inline constexpr const char* kPlacement = "placement";
inline constexpr const char* kReview = "review";
inline constexpr const char* kTribunal = "tribunal";
inline constexpr const char* kMigration = "migration";
/// The per-process streams above, in the order seeds.txt lists them.
inline constexpr std::array<const char*, 8> kProcessStreams = {
    kInitial, kRequests, kIdentification, kAssessment, kPlacement, kReview, kTribunal, kMigration};
/// Drawn from when the World is built, per pair of replications (send/uncertainty.hpp).
inline constexpr const char* kUncertainty = "uncertainty";
/// Drawn from each academic year for the entries marked 'yearly: true', mixed with the
/// year (send/uncertainty.hpp).
inline constexpr const char* kUncertaintyYear = "uncertainty-year";
/// A capital project's delays: this prefix and the project's name.
inline constexpr std::string_view kCapitalPrefix = "capital:";
/// A capital project's cost draw in `sendsim appraise`: this prefix and the project's name.
inline constexpr std::string_view kCapitalCostPrefix = "capital_cost:";
}  // namespace streams

/// Finds `code` in a vocabulary; no value when it is not one of them.
template <class Enum, std::size_t N>
[[nodiscard]] constexpr std::optional<Enum> parse_code(const std::array<std::string_view, N>& codes,
                                                       std::string_view code) noexcept {
  for (std::size_t i = 0; i < N; ++i) {
    if (codes[i] == code) return static_cast<Enum>(i);
  }
  return std::nullopt;
}

template <class Enum>
[[nodiscard]] constexpr std::size_t index(Enum e) noexcept {
  return static_cast<std::size_t>(e);
}

/// SEN2 age band for an age in whole years (0-25).
[[nodiscard]] constexpr AgeBand age_band_of(int age) noexcept {
  if (age < 5) return AgeBand::kUnder5;
  if (age <= 10) return AgeBand::k5to10;
  if (age <= 15) return AgeBand::k11to15;
  if (age <= 19) return AgeBand::k16to19;
  return AgeBand::k20to25;
}

/// Phase for a national curriculum year (Reception is 0; negative before it).
[[nodiscard]] constexpr Phase phase_of_ncy(int ncy) noexcept {
  if (ncy < 0) return Phase::kEarlyYears;
  if (ncy <= 6) return Phase::kPrimary;
  if (ncy <= 11) return Phase::kSecondary;
  if (ncy <= 13) return Phase::kPost16;
  return Phase::kPost19;
}

}  // namespace sendsim::send
