// output/charts.hpp: charts of a results folder, drawn by gnuplot as PNG and
// SVG.
//
// The data of each chart goes into a CSV file and all the plotting commands
// into one script, both in the target folder; gnuplot is started on the
// script's path with an argument vector (output/process.hpp), in that folder,
// so the script names only fixed file names and no user text (scenario,
// setting or district names never appear in a chart). The temporary files are
// removed once the charts are drawn.
//
// Charts (file stems; each as STEM.png and STEM.svg):
//   capacity_enhanced, capacity_special      places against children needing a place, 5-95% bands
//   capacity_need_enhanced, capacity_need_special
//                                            the same at the last census by primary need
//                                            (only when some setting has a designation)
//   ehc_by_placement                         EHC plans at each census, stacked by placement
//   timeliness                               plans issued within 20 weeks, %, with band
//   waiting                                  plan holders waiting for a place, by provision
//   wait_weeks                               mean length of waits that ended, by provision
//   inmss                                    INMSS placements: at each census and new each year
//   spend_by_line                            high-needs spend by line per financial year
//   dsg_balance                              DSG cumulative and in-year balance, with band
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "output/report_data.hpp"

namespace sendsim::output {

/// gnuplot is missing or failed.
class ChartsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A chart drawn: STEM.png and STEM.svg in the folder.
struct ChartInfo {
  std::string stem;
  std::string section;  // report section: "capacity", "plans", "timeliness", "waiting", "inmss", "finance"
  std::string title;
  std::string caption;
};

/// The charts `data` supports, in report order (nothing is drawn).
[[nodiscard]] std::vector<ChartInfo> chart_list(const ReportData& data);

/// Draws every chart of chart_list(data) into `folder` (which must exist).
/// Throws ChartsError when gnuplot is not on PATH, fails, or leaves a file
/// missing or empty.
std::vector<ChartInfo> render_charts(const ReportData& data, const std::filesystem::path& folder);

}  // namespace sendsim::output
