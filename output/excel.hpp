// output/excel.hpp: workbook.xlsx, the run's key tables for finance officers,
// written with libxlsxwriter.
//
// Sheets (means over replications unless a row says otherwise):
//   About                scenario, run settings, how to read the figures;
//   Spend                high-needs spend by line x financial year, the total
//                        and its 95% interval; a stacked column chart by line;
//   DSG balance          allocation, DSG spend, in-year and cumulative balance,
//                        spend as a share of the allocation, days covered; a
//                        line chart of the in-year and cumulative balance;
//   Cost per child-year  by group and need, with the 95% interval;
//   EHC plans            plans by placement x census year, total and interval;
//   Flows                events by measure x calendar year, and timeliness;
//   SCAP forecast        dfe_scap_forecast: provision type x NCY x year;
//   DSG plan grid        dfe_dsg_plan_grid: category x age x need x year.
// Pounds as £#,##0 (negative in red), percentages as 0.0%, counts as #,##0;
// header rows frozen, columns sized, filters on the long sheets. The same
// input gives the same bytes (the document's creation time is fixed).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "output/results_writer.hpp"
#include "run/aggregate.hpp"
#include "run/runner.hpp"
#include "send/model.hpp"

namespace sendsim::output {

/// Everything the workbook is made from; every pointer is required.
struct WorkbookInput {
  const send::Scenario* scenario = nullptr;
  const run::RunOutput* output = nullptr;                   // the replications (for totals)
  const std::vector<run::AggregatedTable>* tables = nullptr;  // aggregate(output->results)
  const std::vector<run::AggregatedTable>* dfe = nullptr;     // aggregate_dfe_tables(...)
  const std::vector<Headline>* headlines = nullptr;           // headline_figures(output->results)
  std::string version;                                       // program version
};

/// The sheet names, in order.
[[nodiscard]] const std::vector<std::string>& workbook_sheets();

/// Writes the workbook to `path` (replacing it). A table the run lacks gives
/// a sheet that says so. Throws std::runtime_error naming the path when
/// libxlsxwriter fails, std::logic_error when an input is missing.
void write_workbook(const std::filesystem::path& path, const WorkbookInput& input);

}  // namespace sendsim::output
