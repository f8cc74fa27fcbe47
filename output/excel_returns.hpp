// output/excel_returns.hpp: the sheets of workbook.xlsx (excel.hpp) that lay
// out the DfE returns and places against need, internal to output/.
#pragma once

#include <string_view>

#include "output/dfe_tables.hpp"
#include "output/excel.hpp"
#include "output/excel_detail.hpp"

namespace sendsim::output::excel_returns {

/// Places, children needing a place and the shortfall at each census, for
/// enhanced and special provision in the area: by primary need (places in
/// settings open to the need) and by district (places and children on roll in
/// the district's settings, children without a local place by home district).
void places_sheet(const excel_detail::Sheet& s, const WorkbookInput& in, const excel_detail::Formats& f);

/// dfe_scap_forecast.csv as the return lays it out: one row per pseudo
/// planning area, year and NCY, the statistics as columns.
void scap_sheet(const excel_detail::Sheet& s, const ScapForecast& scap, const excel_detail::Formats& f);

/// The DSG management plan's financial summary in £m by financial year
/// (mitigated columns in a comparison).
void dsg_summary_sheet(const excel_detail::Sheet& s, const DsgPlanGrid& grid, const excel_detail::Formats& f);

/// One DSG plan category: its age-group block and its primary-need block,
/// rows by label, columns by census year, whole numbers.
void dsg_category_sheet(const excel_detail::Sheet& s, const DsgPlanGrid& grid, std::string_view category,
                        const excel_detail::Formats& f);

/// Every row of dfe_dsg_plan_grid.csv with its lookup key.
void dsg_lookup_sheet(const excel_detail::Sheet& s, const DsgPlanGrid& grid, const excel_detail::Formats& f);

}  // namespace sendsim::output::excel_returns
