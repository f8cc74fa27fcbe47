// output/report_sufficiency.hpp: the report's section on where and when the
// gaps in specialist places open, from sufficiency.csv read back (the rows
// sufficiency_rows() computed for the run, so the report, the table and the
// workbook show the same figures and the same gap-opening rule).
//
// The section holds the largest gaps (district, need, provision, with the
// census each opens at by first_gap_year's rule) and a heat map of the
// special-school gap by district and census year: children of the district
// needing a special place less special places, all needs, the mean over
// replications (an HTML table whose cells are shaded, no script). The key
// message about when gaps open quotes its first row.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "output/report_data.hpp"
#include "output/report_html.hpp"
#include "output/sufficiency.hpp"

namespace sendsim::output {

/// The id of the largest-gaps table and of the heat map.
inline constexpr std::string_view kLargestGapsTableId = "tab-sufficiency-gaps";
inline constexpr std::string_view kGapHeatMapId = "tab-sufficiency-heatmap";

/// The rows of sufficiency.csv as write_sufficiency wrote them (numbers read
/// back exactly; columns found by name). Throws std::runtime_error naming the
/// file and line when a column is missing or a value is not a number.
[[nodiscard]] std::vector<SufficiencyRow> read_sufficiency(const std::filesystem::path& file);

/// One district, need and provision of the largest-gaps table.
struct LargestGap {
  const SufficiencyRow* peak = nullptr;  // the census with the largest mean gap (the first such)
  const SufficiencyRow* last = nullptr;  // the last census
};

/// The districts' (not the county total's) groups, largest peak mean gap
/// first (ties: the rows' order), at most `limit` of them: those whose mean
/// gap is above zero at some census, or, when none is (`*any_gap` set false),
/// the tightest ones. `rows` must outlive the result.
[[nodiscard]] std::vector<LargestGap> largest_gaps(const std::vector<SufficiencyRow>& rows, std::size_t limit,
                                                   bool* any_gap = nullptr);

/// The key message on where and when gaps open: the first row of the
/// largest-gaps table (when no district has a gap, the tightest),
/// quoting its peak mean gap (field "gap", row data-row "DISTRICT|NEED|PROVISION").
/// None when the run has no sufficiency rows.
[[nodiscard]] std::optional<KeyMessage> sufficiency_key_message(const ReportData& data);

/// The section's body (after its heading): the rule, the largest-gaps table
/// and the heat map. Says so when the run has no sufficiency rows.
[[nodiscard]] std::string sufficiency_section_html(const ReportData& data);

}  // namespace sendsim::output
