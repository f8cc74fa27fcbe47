// output/compare_report.hpp: charts and the HTML report of a comparison
// folder (`sendsim compare`, output/compare_writer.hpp), read back from it
// (ComparisonData, load_comparison_data: compare_report_data.hpp).
//
// render_compare_report(DIR) reads DIR/summary.json ("kind": "comparison")
// and DIR/differences.csv, draws the charts into DIR/charts/ and writes
// DIR/report.html, atomically as a results folder's report (report.hpp:
// nothing changed on any error). Charts (file stems, each STEM.png and
// STEM.svg), for the metrics differences.csv has:
//   diff_<metric>    the paired difference (scenario - base) per period, one
//                    line per scenario other than the base, with a band and
//                    bars for its 95% interval and a zero line; metrics:
//                    ehc_plans, waiting, unmet_demand, inmss_placements,
//                    special_placements, travel_minutes_special,
//                    plans_issued, pct_within_20_weeks, spend, dsg_spend,
//                    dsg_cumulative_balance
//   mean_<metric>    each scenario's mean with its 95% interval; metrics:
//                    waiting, inmss_placements, dsg_cumulative_balance
// As in every chart (charts.hpp), no user text reaches gnuplot: scenarios are
// "Scenario A" (the base), "Scenario B", ... in the charts, and the report
// says which name each letter stands for.
//
// The report: the headline differences at each metric's last period (each
// scenario's mean and interval, the difference and its interval, whether the
// interval excludes 0), the charts, the scenarios compared (name,
// description, model, files, a relative link to each scenario's own
// report.html), the replication guidance, and how to read paired differences
// under common random numbers. Every string from a file is HTML-escaped.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "output/charts.hpp"
#include "output/compare_report_data.hpp"
#include "output/report.hpp"

namespace sendsim::output {

/// How charts name scenario `index`: "Scenario A" for the base, then B, C,
/// ... (after Z: "Scenario 27", ...).
[[nodiscard]] std::string scenario_key(std::size_t index);

/// The charts `data` supports, in report order (nothing is drawn).
[[nodiscard]] std::vector<ChartInfo> comparison_chart_list(const ComparisonData& data);

/// The report. The SVG of each chart is read from `charts_folder`/STEM.svg.
[[nodiscard]] std::string compare_report_html(const ComparisonData& data,
                                              const std::vector<ChartInfo>& charts,
                                              const std::filesystem::path& charts_folder);

/// Draws the charts and writes the report of the comparison folder `dir`
/// (its scenarios' own reports are render_report(dir / folder)). Throws
/// ChartsError when gnuplot is missing or fails, std::runtime_error when
/// `dir` is not a comparison folder or a file cannot be read or written;
/// either way DIR/charts/ and DIR/report.html are left as they were.
ReportFiles render_compare_report(const std::filesystem::path& dir);

}  // namespace sendsim::output
