// output/excel.hpp: workbook.xlsx, the run's key tables for finance officers,
// written with libxlsxwriter.
//
// Sheets (means over replications unless a row says otherwise; labels, not
// codes; a financial or calendar year the run covers only in part is marked
// "(part year)" in its header and left out of every chart):
//   About                scenario, run settings, how to read the figures;
//   Spend                high-needs spend by line x financial year in £m, the
//                        total and its 95% interval; a stacked column chart;
//   Spend detail         the same in whole pounds;
//   DSG balance          allocation, DSG spend, in-year and cumulative balance
//                        in £m, spend as a share of the allocation, days
//                        covered; a line chart of the balances;
//   Cost per child-year  by group and need, with the 95% interval;
//   EHC plans            plans by placement x census year, total and interval;
//   Flows                events by measure x calendar year, and timeliness;
//   Places against need  places, children needing a place and the shortfall
//                        by provision type x need and x district;
//   Sufficiency          the rows of sufficiency.csv (sufficiency.hpp): by
//                        district, need, provision and census, places,
//                        children needing a place, the gap with its interval
//                        and percentiles, the share of replications short,
//                        and the census the gap opens at (computed here by
//                        sufficiency_rows from the same replications);
//   SCAP forecast        dfe_scap_forecast.csv as the return lays it out;
//   DSG plan summary     the DSG management plan's financial summary in £m;
//   DSG MmSoA .. OTHER   one sheet per DSG plan category: age-group block and
//                        primary-need block, whole numbers by census;
//   DSG plan lookup      dfe_dsg_plan_grid.csv with its key, for lookups.
// Data ranges are Excel tables (filter buttons); every sheet prints landscape
// on A4, one page wide, its header rows repeated, the sheet name and page
// numbers in the footer. The same input gives the same bytes (the document's
// creation time is fixed).
#pragma once

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "output/dfe_tables.hpp"
#include "output/results_writer.hpp"
#include "output/sufficiency.hpp"
#include "run/aggregate.hpp"
#include "run/runner.hpp"
#include "send/model.hpp"
#include "send/tables.hpp"

namespace sendsim::output {

/// Everything the workbook is made from; every pointer is required.
/// The places sheet's sums over replications (excel_returns.cpp), one
/// replication at a time, in replication order.
class PlacesFold {
 public:
  PlacesFold(const send::Scenario& scenario, std::size_t replications);
  ~PlacesFold();
  PlacesFold(PlacesFold&&) noexcept;
  void add(const send::ReplicationResult& result);
  struct State;
  [[nodiscard]] const State& state() const { return *state_; }

 private:
  std::unique_ptr<State> state_;
};

/// What the workbook reads from every replication, folded one at a time in
/// replication order (results_fold.hpp), so that the replications' tables
/// need not be kept for it: the same workbook, to the byte.
struct WorkbookFold {
  WorkbookFold(const send::Scenario& scenario, std::size_t replications)
      : places(scenario, replications),
        placements(send::tables::kEhcSnapshot, {"year", "placement"}, replications) {}
  void add(const send::ReplicationResult& result) {
    places.add(result);
    placements.add(result);
    add_partial_financial_years(result, partial);
  }
  PlacesFold places;
  run::TotalFold placements;      // ehc_snapshot by year and placement
  std::set<std::string> partial;  // financial years covered in part
};

struct WorkbookInput {
  const send::Scenario* scenario = nullptr;
  const run::RunOutput* output = nullptr;                     // the replications (for totals)
  const std::vector<run::AggregatedTable>* tables = nullptr;  // aggregate(output->results)
  const ScapForecast* scap = nullptr;                         // scap_forecast(output->results, ...)
  const DsgPlanGrid* grid = nullptr;                          // dsg_plan_grid(output->results)
  const std::vector<Headline>* headlines = nullptr;           // headline_figures(output->results)
  const std::vector<SufficiencyRow>* sufficiency = nullptr;   // sufficiency_rows(output->results)
  std::string version;                                        // program version
  const WorkbookFold* folded = nullptr;                       // when null, folded here from output->results
};

/// The sheet names, in order.
[[nodiscard]] const std::vector<std::string>& workbook_sheets();

/// Writes the workbook to `path` (replacing it). A table the run lacks gives
/// a sheet that says so. Throws std::runtime_error naming the path when
/// libxlsxwriter fails, std::logic_error when an input is missing.
void write_workbook(const std::filesystem::path& path, const WorkbookInput& input);

/// The DSG management plan of a comparison folder: `About`, `DSG plan
/// summary` (unmitigated and mitigated columns), the seven category sheets
/// and `DSG plan lookup`, from `grid` (dsg_plan_grid(base, &other)). Throws
/// as write_workbook.
void write_dsg_plan_workbook(const std::filesystem::path& path, const DsgPlanGrid& grid,
                             const std::string& base, const std::string& mitigated,
                             const std::string& version);

}  // namespace sendsim::output
