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
//
// Other chart sets (the comparison report, output/compare_report.hpp) build
// ChartSpecs with the building blocks below and draw them with draw_charts(),
// so every chart shares one style, one way of starting gnuplot and the rule
// that no user text reaches a script.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
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

/// A chart to draw. `data` holds its CSV rows (no header, comma-separated,
/// NaN for a missing value); `setup` the gnuplot settings after the shared
/// preamble; `plot` the plot command, naming its data file as 'DATA' (replaced
/// by the chart's own file). None of them may hold user text: numbers, plain
/// periods (plain_period) and fixed strings only.
struct ChartSpec {
  ChartInfo info;
  std::string data;
  std::string setup;
  std::string plot;
};

/// Draws `charts` into `folder` (which must exist) as STEM.png and STEM.svg,
/// with one gnuplot run; the data files and the script are removed after.
/// Throws ChartsError when gnuplot is not on PATH, fails, or leaves a file
/// missing or empty.
std::vector<ChartInfo> draw_charts(const std::vector<ChartSpec>& charts, const std::filesystem::path& folder);

/// Building blocks for chart specs.
namespace chart {

inline constexpr std::string_view kNavy = "#1f4e79";
inline constexpr std::string_view kOrange = "#c55a11";
inline constexpr std::string_view kTeal = "#2a8c82";
inline constexpr std::string_view kGrey = "#7f7f7f";
inline constexpr std::string_view kPurple = "#7a5195";
inline constexpr std::string_view kGold = "#e0a526";

/// `v` for a data file or script: format_number, "NaN" when not finite.
[[nodiscard]] std::string num(double v);
/// A period safe to write into a data file: digits and '-' only, at most 12
/// characters ("2023", "2023-24").
[[nodiscard]] bool plain_period(std::string_view period);
/// One data row: x, label, values.
void row(std::string& out, double x, const std::string& label, const std::vector<double>& values);
/// A year ("2023") as an x value; NaN when not a number.
[[nodiscard]] double year_x(const std::string& year);
/// A gnuplot colour: rgb '#rrggbb'.
[[nodiscard]] std::string rgb(std::string_view colour);
/// Plot clauses (continuing a plot on the same file, '') of a shaded band
/// (columns lo:hi) and a line with points (column mean) titled `title`.
[[nodiscard]] std::string band_and_line(int mean, int lo, int hi, std::string_view colour,
                                        const std::string& title, const std::string& x = "1");
/// Settings for an x axis of whole years (x = the year).
[[nodiscard]] std::string year_axis(const std::vector<std::string>& years);
/// Settings for an x axis of `n` labelled positions 0..n-1 (labels by xtic(2)).
[[nodiscard]] std::string label_axis(std::size_t n);

}  // namespace chart

/// The charts `data` supports, in report order (nothing is drawn).
[[nodiscard]] std::vector<ChartInfo> chart_list(const ReportData& data);

/// Draws every chart of chart_list(data) into `folder` (which must exist).
/// Throws ChartsError when gnuplot is not on PATH, fails, or leaves a file
/// missing or empty.
std::vector<ChartInfo> render_charts(const ReportData& data, const std::filesystem::path& folder);

}  // namespace sendsim::output
