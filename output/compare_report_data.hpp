// output/compare_report_data.hpp: a comparison folder (`sendsim compare`,
// output/compare_writer.hpp) read back for its report (compare_report.hpp):
// DIR/summary.json ("kind": "comparison": the scenarios, the run, the
// replication guidance) and DIR/differences.csv (each scenario's mean, the
// base's and their paired difference, each with its 95% interval, by metric,
// breakdown value and period).
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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
  [[nodiscard]] const std::vector<ComparisonPoint>& points(const std::string& metric,
                                                           const std::string& breakdown_value,
                                                           std::size_t s) const;
};

/// Whether `dir` holds a summary.json of "kind": "comparison".
[[nodiscard]] bool is_comparison_folder(const std::filesystem::path& dir);

/// Reads the comparison folder `dir`. Throws std::runtime_error when it is
/// not one (no summary.json, or not of kind "comparison") or a file cannot be
/// read.
[[nodiscard]] ComparisonData load_comparison_data(const std::filesystem::path& dir);

/// A scenario's folder as summary.json gives it ("name/"), without the
/// slash; nullopt when it is anything but a plain folder name (letters,
/// digits, '.', '-', '_'; never "." or "..").
[[nodiscard]] std::optional<std::string> comparison_folder_name(std::string folder);

/// The scenarios' results folders inside `dir` (base first), for the names
/// summary.json gives that are plain folder names (letters, digits, '.', '-',
/// '_'; never "." or ".."). Throws as load_comparison_data.
[[nodiscard]] std::vector<std::filesystem::path> comparison_scenario_folders(
    const std::filesystem::path& dir);

}  // namespace sendsim::output
