// output/report.hpp: charts and the HTML report of a results folder, written
// atomically.
//
// render_report(DIR) reads the folder back (report_data.hpp), draws the
// charts into DIR/charts.tmp-<pid>/ and writes DIR/report.html.tmp-<pid>,
// then renames them into place (DIR/charts/, DIR/report.html). On any error
// the temporary files are removed and an existing charts/ and report.html are
// left as they were: never a half-written report.
#pragma once

#include <filesystem>
#include <vector>

#include "output/charts.hpp"

namespace sendsim::output {

struct ReportFiles {
  std::filesystem::path html;             // DIR/report.html
  std::filesystem::path charts;           // DIR/charts
  std::vector<ChartInfo> rendered;        // the charts drawn
};

/// Draws the charts and writes the report of the results folder `dir`.
/// Throws ChartsError when gnuplot is missing or fails (nothing changed),
/// std::runtime_error when `dir` is not a complete results folder or a file
/// cannot be read or written.
ReportFiles render_report(const std::filesystem::path& dir);

}  // namespace sendsim::output
