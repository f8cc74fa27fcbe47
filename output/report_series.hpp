// output/report_series.hpp: the series the HTML report draws, from the tables
// of a run, and report_series.csv, the results folder's file that holds them.
//
// A series is a label ("ehc:special", "gap:enhanced", "spend:total", ...;
// output/report_data.hpp lists them) with, per period, the Summary over
// replications of the label's total in each replication. The totals are sums
// of rows of seven tables (is_report_table), each row adding to the labels
// report_row_labels gives it. The folder keeps the summaries
// (report_series.csv: a few thousand rows), so that the report, drawn by
// `sendsim run` or later by `sendsim report`, never reads per_replication.csv
// (about 1 MB a replication); a folder of an earlier version without the file
// is still read from per_replication.csv, by the same labels and sums.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/stats.hpp"
#include "send/model.hpp"
#include "send/results.hpp"

namespace sendsim::output {

inline constexpr std::string_view kReportSeriesFile = "report_series.csv";

/// What the labels of an occupancy row need to know of its setting.
struct SeriesSetting {
  std::string type;                     // setting type code
  bool local_specialist = false;        // enhanced or special, in the area, with commissioned places
  std::vector<std::string> open_needs;  // need codes it takes (every need when not designated)
  std::string district;
  std::string designation;  // need codes joined by ", ", or "all needs"
};

/// The settings of a scenario (its own and those its capital programme
/// opens), by name: what the report's series, its settings table and the
/// workbook's places sheet know of each.
[[nodiscard]] std::map<std::string, SeriesSetting> series_settings(const send::Scenario& scenario);

/// Whether the report totals over `table`.
[[nodiscard]] bool is_report_table(std::string_view table);

/// A row's key as (column, value) pairs.
using KeyPairs = std::vector<std::pair<std::string, std::string>>;

/// The labels one row of `table` adds to, each with its sign (-1: the row
/// is subtracted, as places are from a gap), and its period in `period`.
[[nodiscard]] std::vector<std::pair<std::string, double>> report_row_labels(
    std::string_view table, const KeyPairs& key, const std::map<std::string, SeriesSetting>& settings,
    std::string& period);

struct SeriesPoint {
  std::string period;
  engine::Summary stats;
};
using SeriesMap = std::map<std::string, std::vector<SeriesPoint>>;  // points ascending by period

/// Per-replication totals by (label, period), summarised over replications.
class SeriesTotals {
 public:
  explicit SeriesTotals(std::size_t replications) : replications_(replications) {}
  void add(const std::string& label, const std::string& period, std::size_t replication, double value) {
    cell(label, period)[replication] += value;
  }
  /// The values of (label, period), one per replication (stays valid).
  std::vector<double>& cell(const std::string& label, const std::string& period);
  [[nodiscard]] SeriesMap summarise() const;

 private:
  std::size_t replications_;
  std::unordered_map<std::string, std::vector<double>> values_;
};

/// The series of a run: rows added in per_replication.csv's order (tables in
/// the order of first appearance, replications ascending, keys ascending), so
/// that the sums are those of reading that file, to the bit.
[[nodiscard]] SeriesMap report_series(const std::vector<send::ReplicationResult>& results,
                                      const send::Scenario& scenario);

/// report_series() one replication at a time, in replication order (the
/// same series, to the bit).
class SeriesFold {
 public:
  SeriesFold(const send::Scenario& scenario, std::size_t replications);
  SeriesFold(const SeriesFold&) = delete;  // its cells point into its own totals
  SeriesFold& operator=(const SeriesFold&) = delete;
  void add(const send::ReplicationResult& result);
  [[nodiscard]] SeriesMap finish() const { return totals_.summarise(); }

 private:
  using Cells = std::vector<std::pair<std::vector<double>*, bool>>;  // cell, subtracted
  std::map<std::string, SeriesSetting> settings_;
  SeriesTotals totals_;
  std::size_t added_ = 0;
  std::vector<std::string> tables_;  // the report's tables, in order of first appearance
  std::vector<std::map<std::vector<std::string>, Cells>> caches_;  // per table: a row's cells
};

/// Writes report_series.csv: series, period, n, mean, sd, ci_low, ci_high,
/// p5, p50, p95, min, max (NaN as an empty field). Throws std::runtime_error
/// naming the path on failure.
void write_report_series(const std::filesystem::path& path, const SeriesMap& series);

}  // namespace sendsim::output
