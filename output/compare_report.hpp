// output/compare_report.hpp: charts and the HTML report of a comparison
// folder (`sendsim compare`, output/compare_writer.hpp), read back from it.
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
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "output/charts.hpp"
#include "output/report.hpp"

namespace sendsim::output {

/// A mean and its 95% interval; NaN where differences.csv has no value.
struct Interval {
  double mean = 0;
  double ci_low = 0;
  double ci_high = 0;
};

/// One period of one scenario against the base.
struct ComparisonPoint {
  std::string period;
  Interval base;
  Interval other;
  Interval difference;
  double n = 0;  // replications of the paired difference (NaN when none)
};

struct ComparisonScenario {
  std::string name;
  std::string folder;  // as summary.json has it, e.g. "tiny-option/"
  std::string model;
  std::string description;
  std::vector<std::string> files;
  std::string start_date;
  std::string end_date;
};

/// A replication target of --target-ci, as summary.json records it.
struct ComparisonTarget {
  std::string metric;
  std::string period;
  double target = 0;
  double half_width = 0;
  std::string widest_scenario;
  bool met = false;
};

struct ComparisonData {
  std::filesystem::path dir;
  std::string version;
  std::vector<ComparisonScenario> scenarios;  // base first
  std::string replications;
  std::string seed;
  std::string threads;
  bool common_random_numbers = false;
  bool guidance = false;  // --target-ci was used
  bool guidance_met = false;
  std::vector<ComparisonTarget> targets;
  std::map<std::string, std::string> units;  // metric -> unit
  /// Rows of differences.csv by (metric, breakdown value; "" for the total)
  /// and scenario index (1 and up; index 0 is empty), ascending period.
  std::map<std::pair<std::string, std::string>, std::vector<std::vector<ComparisonPoint>>> series;
  std::vector<std::string> notes;  // rows that could not be placed (shown in the report)

  /// The rows of (metric, breakdown value) for scenario `s`; empty when none.
  [[nodiscard]] const std::vector<ComparisonPoint>& points(const std::string& metric, const std::string& breakdown_value,
                                                           std::size_t s) const;
};

/// Whether `dir` holds a summary.json of "kind": "comparison".
[[nodiscard]] bool is_comparison_folder(const std::filesystem::path& dir);

/// Reads the comparison folder `dir`. Throws std::runtime_error when it is
/// not one (no summary.json, or not of kind "comparison") or a file cannot be
/// read.
[[nodiscard]] ComparisonData load_comparison_data(const std::filesystem::path& dir);

/// The scenarios' results folders inside `dir` (base first), for the names
/// summary.json gives that are plain folder names (letters, digits, '.', '-',
/// '_'; never "." or ".."). Throws as load_comparison_data.
[[nodiscard]] std::vector<std::filesystem::path> comparison_scenario_folders(const std::filesystem::path& dir);

/// How charts name scenario `index`: "Scenario A" for the base, then B, C,
/// ... (after Z: "Scenario 27", ...).
[[nodiscard]] std::string scenario_key(std::size_t index);

/// The charts `data` supports, in report order (nothing is drawn).
[[nodiscard]] std::vector<ChartInfo> comparison_chart_list(const ComparisonData& data);

/// The report. The SVG of each chart is read from `charts_folder`/STEM.svg.
[[nodiscard]] std::string compare_report_html(const ComparisonData& data, const std::vector<ChartInfo>& charts,
                                              const std::filesystem::path& charts_folder);

/// Draws the charts and writes the report of the comparison folder `dir`
/// (its scenarios' own reports are render_report(dir / folder)). Throws
/// ChartsError when gnuplot is missing or fails, std::runtime_error when
/// `dir` is not a comparison folder or a file cannot be read or written;
/// either way DIR/charts/ and DIR/report.html are left as they were.
ReportFiles render_compare_report(const std::filesystem::path& dir);

}  // namespace sendsim::output
