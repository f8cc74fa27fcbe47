// output/report_data.hpp: what the charts and the HTML report show, read
// back from a results folder (so `sendsim report DIR` needs no re-run).
//
// Totals with a 5-95% band (places of a provision type, children needing a
// place, waiting, INMSS, spend, the DSG balance) are summed within each
// replication from per_replication.csv and only then summarised over
// replications, so a band is the band of the total, never a sum of bands.
// Tables of means (timeliness, wait weeks) come from their own CSV files.
// Setting types, districts and designations come from
// scenario.effective.yaml, loaded with the scenario loader.
#pragma once

#include <cstddef>
#include <filesystem>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "engine/stats.hpp"
#include "output/sufficiency.hpp"
#include "run/metrics.hpp"

namespace sendsim::output {

/// One period of a series: the statistics over replications.
struct ReportPoint {
  std::string period;
  engine::Summary stats;
};

struct ReportSeries {
  std::vector<ReportPoint> points;  // ascending period
  /// The statistics at `period`; nullptr when the series has none.
  [[nodiscard]] const engine::Summary* find(std::string_view period) const;
};

/// A specialist setting of the area at the last census (means over replications).
struct SettingRow {
  std::string name;
  std::string type;  // "enhanced" or "special"
  std::string district;
  std::string designation;  // need codes joined by ", ", or "all needs"
  double places = 0;
  double on_roll = 0;
  double over_number = 0;
};

/// A capital project of the scenario (as planned).
struct ProjectRow {
  std::string name;
  std::string action;
  std::string setting;
  std::string type;
  std::string planned;
  std::string places;
  std::string delay_months;  // "min / mode / max"
};

/// A key input of the run: its value, unit, meaning and declared source.
struct KeyParameter {
  std::string path;
  std::string value;
  std::string unit;
  std::string description;
  std::string source;
};

struct ReportMeta {
  std::string name;
  std::string description;
  std::string model;
  std::vector<std::string> files;
  std::string start_date;
  std::string end_date;
  std::string version;
  std::string seed;
  std::string replications;
};

struct ReportData {
  std::filesystem::path dir;
  ReportMeta meta;
  std::size_t replications = 0;
  std::vector<std::string> census_years;          // January censuses inside the run
  std::vector<std::string> full_years;            // calendar years wholly inside the run
  std::vector<std::string> full_financial_years;  // financial years wholly inside the run
  std::vector<std::string> balance_years;         // financial years ending inside the run
  /// Series by name: "ehc:<placement>", "ehc:total" (series_of: the metric table's), "places:<type>",
  /// "on_roll:<type>", "demand:<type>" (placed in that type or without a
  /// local place of it), "gap:<type>" (demand less places, the shortfall),
  /// "unmet:<type>", "need_places:<type>:<need>" (places
  /// in settings open to the need), "need_demand:<type>:<need>",
  /// "waiting:<provision>", "waiting:total", "flows:<measure>",
  /// "spend:<line>", "spend:total", "dsg:<measure>", "timeliness:<measure>",
  /// "wait_weeks:<provision>".
  std::map<std::string, ReportSeries> series;
  std::vector<SettingRow> settings;  // enhanced and special settings in the area
  std::vector<ProjectRow> projects;
  std::vector<KeyParameter> parameters;
  bool designations[2] = {false, false};  // enhanced, special: some setting is designated for certain needs
  std::string effective_yaml;
  /// sufficiency.csv read back (empty when the folder has none).
  std::vector<SufficiencyRow> sufficiency;
  std::vector<std::string> notes;  // what could not be read (shown in the report)

  /// The series `name` at each of `periods`. A period it lacks counts as 0
  /// over every replication when `zero_missing` (tables of counts), and is
  /// left out otherwise (tables of means).
  [[nodiscard]] ReportSeries over(std::string_view name, const std::vector<std::string>& periods,
                                  bool zero_missing = true) const;
  /// The mean of `name` at `period`, 0 when absent.
  [[nodiscard]] double mean_at(std::string_view name, std::string_view period) const;
  /// Whether the series `name` is there.
  [[nodiscard]] bool has(std::string_view name) const { return series.contains(std::string(name)); }
};

/// The report's series of metric `id` of the metric table (run/metrics.hpp):
/// a compile error for an id the table lacks or a metric without a series.
/// (By index, not through metric_row's pointer: under -fsanitize=undefined
/// GCC's null check on the pointer is not a constant expression.)
consteval std::string_view series_of(std::string_view id) {
  for (std::size_t i = 0; i < std::size(run::kMetrics); ++i) {
    if (run::kMetrics[i].id == id && !run::kMetrics[i].series.empty()) return run::kMetrics[i].series;
  }
  throw "series_of: no metric with a report series of that id";
}

/// Reads the results folder `dir`. Throws std::runtime_error when it is not a
/// complete results folder (no summary.json) or a file cannot be read.
[[nodiscard]] ReportData load_report_data(const std::filesystem::path& dir);

/// Provision types with capacity charts, in order.
inline constexpr std::string_view kSpecialistTypes[2] = {"enhanced", "special"};

}  // namespace sendsim::output
