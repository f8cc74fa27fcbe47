// sim/send/tables.hpp: the names of the tables one replication emits, once.
//
// Every consumer (run/, calibrate/, appraise/, batch/, output/) names a table
// through these constants instead of typing its name again, so that a typo is
// a compile error rather than an empty chart. A table's name is also the stem
// of its CSV file in a run folder (`csv_file`). What each table holds is in
// its TableInfo (send/recording.cpp, send/costs.cpp) and output/README.md.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace sendsim::send::tables {

inline constexpr std::string_view kEhcSnapshot = "ehc_snapshot";
inline constexpr std::string_view kSenSupportSnapshot = "sen_support_snapshot";
inline constexpr std::string_view kPipelineSnapshot = "pipeline_snapshot";
inline constexpr std::string_view kWaitingSnapshot = "waiting_snapshot";
inline constexpr std::string_view kUnmetDemand = "unmet_demand";
inline constexpr std::string_view kOccupancy = "occupancy";
inline constexpr std::string_view kFlows = "flows";
inline constexpr std::string_view kTimeliness = "timeliness";
inline constexpr std::string_view kWaitsEnded = "waits_ended";
inline constexpr std::string_view kWaitWeeks = "wait_weeks";
inline constexpr std::string_view kCapacity = "capacity";
inline constexpr std::string_view kConservation = "conservation";
inline constexpr std::string_view kCoverage = "coverage";
inline constexpr std::string_view kTravel = "travel";
inline constexpr std::string_view kEhcByYearGroup = "ehc_by_year_group";
inline constexpr std::string_view kSufficiencySnapshot = "sufficiency_snapshot";
inline constexpr std::string_view kCapital = "capital";
inline constexpr std::string_view kUncertainDraws = "uncertain_draws";
inline constexpr std::string_view kSpend = "spend";
inline constexpr std::string_view kDsg = "dsg";
inline constexpr std::string_view kCostPerChildYear = "cost_per_child_year";

/// Every table a replication can emit, in the order it emits them.
inline constexpr std::array<std::string_view, 21> kAll = {kEhcSnapshot,
                                                          kSenSupportSnapshot,
                                                          kPipelineSnapshot,
                                                          kWaitingSnapshot,
                                                          kUnmetDemand,
                                                          kOccupancy,
                                                          kFlows,
                                                          kTimeliness,
                                                          kWaitsEnded,
                                                          kWaitWeeks,
                                                          kCapacity,
                                                          kConservation,
                                                          kCoverage,
                                                          kTravel,
                                                          kEhcByYearGroup,
                                                          kSufficiencySnapshot,
                                                          kCapital,
                                                          kUncertainDraws,
                                                          kSpend,
                                                          kDsg,
                                                          kCostPerChildYear};

/// The file a run folder holds a table in: its name and ".csv".
[[nodiscard]] inline std::string csv_file(std::string_view table) { return std::string(table) + ".csv"; }

}  // namespace sendsim::send::tables
