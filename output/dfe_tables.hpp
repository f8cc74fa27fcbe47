// output/dfe_tables.hpp: the model's tables recast in the shapes of two DfE
// returns, derived in each replication and then summarised over replications
// like any other table (so their intervals are those of the derived figures).
//
//   dfe_scap_forecast   the SCAP specialist-place forecast: plan holders by
//                       provision type x national curriculum year x census
//                       year (from ehc_by_year_group), and the places
//                       commissioned by provision type (from occupancy);
//   dfe_dsg_plan_grid   the DSG management plan's children and young people
//                       grid: plan holders by placement category x age group x
//                       primary need x census year (from ehc_snapshot), and an
//                       indicative annual cost (count x cost_per_child_year).
//
// output/README.md documents both: the mapping from the model's codes to the
// DfE's categories and the source columns of every figure.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "run/aggregate.hpp"
#include "send/model.hpp"
#include "send/results.hpp"

namespace sendsim::output {

inline constexpr std::string_view kScapTable = "dfe_scap_forecast";
inline constexpr std::string_view kDsgGridTable = "dfe_dsg_plan_grid";

/// The SCAP provision type of an ehc_by_year_group placement code:
/// "resourced_provision", "special", "out_of_county", "independent",
/// "awaiting_place"; "" for placements outside specialist provision
/// (mainstream, early years, further education, no placement, other).
[[nodiscard]] std::string_view scap_provision_type(std::string_view placement);

/// The DSG management plan category of an ehc_snapshot placement code.
[[nodiscard]] std::string_view dsg_plan_category(std::string_view placement);

/// The cost_per_child_year group whose unit cost prices a placement code; ""
/// when none does (no placement, other).
[[nodiscard]] std::string_view cost_group(std::string_view placement);

/// The two DfE-shaped tables of one replication, from its own tables and the
/// scenario's settings (for the provision type of each setting's places).
/// A source table the replication lacks gives no rows.
[[nodiscard]] std::vector<send::Table> dfe_tables(const send::ReplicationResult& result,
                                                  const send::Scenario& scenario);

/// dfe_tables() of every replication, summarised over replications (as
/// run::aggregate does; both tables count missing rows as zero).
[[nodiscard]] std::vector<run::AggregatedTable> aggregate_dfe_tables(
    const std::vector<send::ReplicationResult>& results, const send::Scenario& scenario);

}  // namespace sendsim::output
