// output/report.hpp: charts and the HTML report of a results folder, written
// atomically.
//
// render_report(DIR) reads the folder back (report_data.hpp), draws the
// charts into DIR/charts.tmp-<pid>/ and writes DIR/report.html.tmp-<pid>,
// then renames them into place (DIR/charts/, DIR/report.html). On any error
// the temporary files are removed and an existing charts/ and report.html are
// left as they were: never a half-written report. write_report_atomically()
// is that mechanism on its own, shared with the comparison report
// (output/compare_report.hpp).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "output/charts.hpp"

namespace sendsim::output {

struct ReportFiles {
  std::filesystem::path html;       // DIR/report.html
  std::filesystem::path charts;     // DIR/charts
  std::vector<ChartInfo> rendered;  // the charts drawn
};

/// Draws charts into DIR/charts.tmp-<pid>/ (`draw` gets that folder, which
/// exists and is empty, and returns the charts drawn), writes
/// `html(charts, that folder)` to DIR/report.html.tmp-<pid>, then renames both
/// into place: charts/ first, then report.html. Any exception from `draw` or
/// `html`, or a failed write or rename, removes the temporary files and leaves
/// an existing DIR/charts/ and DIR/report.html as they were, and is rethrown.
using DrawCharts = std::function<std::vector<ChartInfo>(const std::filesystem::path& charts_folder)>;
using WriteHtml = std::function<std::string(const std::vector<ChartInfo>& charts,
                                            const std::filesystem::path& charts_folder)>;
ReportFiles write_report_atomically(const std::filesystem::path& dir, const DrawCharts& draw,
                                    const WriteHtml& html);

/// Draws the charts and writes the report of the results folder `dir`.
/// Throws ChartsError when gnuplot is missing or fails (nothing changed),
/// std::runtime_error when `dir` is not a complete results folder or a file
/// cannot be read or written.
ReportFiles render_report(const std::filesystem::path& dir);

}  // namespace sendsim::output
