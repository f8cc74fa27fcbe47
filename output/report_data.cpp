// output/report_data.cpp: reading a results folder back for the report.
#include "output/report_data.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "engine/period.hpp"
#include "output/report_assumptions.hpp"
#include "output/report_series.hpp"
#include "output/report_sufficiency.hpp"
#include "output/results_reader.hpp"
#include "output/results_writer.hpp"
#include "scenario/loader.hpp"
#include "send/codes.hpp"
#include "send/model.hpp"
#include "send/tables.hpp"

namespace sendsim::output {

namespace fs = std::filesystem;

const engine::Summary* ReportSeries::find(std::string_view period) const {
  for (const auto& p : points) {
    if (p.period == period) return &p.stats;
  }
  return nullptr;
}

ReportSeries ReportData::over(std::string_view name, const std::vector<std::string>& periods,
                              bool zero_missing) const {
  ReportSeries out;
  const auto it = series.find(std::string(name));
  for (const auto& period : periods) {
    const engine::Summary* s = it == series.end() ? nullptr : it->second.find(period);
    if (s != nullptr) {
      out.points.push_back({period, *s});
    } else if (zero_missing) {
      engine::Summary zero;
      zero.n = static_cast<std::int64_t>(replications);
      out.points.push_back({period, zero});
    }
  }
  return out;
}

double ReportData::mean_at(std::string_view name, std::string_view period) const {
  const auto it = series.find(std::string(name));
  if (it == series.end()) return 0.0;
  const engine::Summary* s = it->second.find(period);
  return s == nullptr ? 0.0 : s->mean;
}

namespace {

/// per_replication.csv (a folder written before report_series.csv) summed
/// into the report's series, by the labels report_series.hpp gives each row.
void read_per_replication(const fs::path& file, const std::map<std::string, SeriesSetting>& settings,
                          std::map<std::string, ReportSeries>& series, std::size_t replications) {
  SeriesTotals totals(replications);
  const std::string text = read_text_file(file);
  CsvReader reader(text);
  std::vector<std::string> f;
  if (!reader.next(f)) return;  // header
  std::string period;
  while (reader.next(f)) {
    if (f.size() != 4 || !is_report_table(f[0])) continue;
    const std::string& table = f[0];
    std::size_t rep = 0;
    const auto [end, ec] = std::from_chars(f[1].data(), f[1].data() + f[1].size(), rep);
    const auto value = parse_number(f[3]);
    if (ec != std::errc() || rep >= replications || !value) {
      throw std::runtime_error(file.string() + ": a row of " + table + " has a bad replication or value");
    }
    for (const auto& [label, sign] : report_row_labels(table, decode_key(f[2]), settings, period)) {
      totals.add(label, period, rep, sign < 0 ? -*value : *value);
    }
  }
  for (auto& [name, points] : totals.summarise()) {
    for (auto& p : points) series[name].points.push_back({std::move(p.period), p.stats});
  }
}

/// report_series.csv (report_series.hpp) read back into `series`.
void read_series_file(const fs::path& file, std::map<std::string, ReportSeries>& series) {
  const std::string text = read_text_file(file);
  CsvReader reader(text);
  std::vector<std::string> f;
  if (!reader.next(f)) return;  // header
  while (reader.next(f)) {
    if (f.size() != 12) throw std::runtime_error(file.string() + ": a row without 12 fields");
    auto num = [&](std::size_t i) {
      if (f[i].empty()) return std::nan("");  // a NaN is written as an empty field
      const auto v = parse_number(f[i]);
      if (!v) throw std::runtime_error(file.string() + ": a row of " + f[0] + " has a bad number");
      return *v;
    };
    engine::Summary s;
    s.n = static_cast<std::int64_t>(num(2));
    s.mean = num(3);
    s.sd = num(4);
    s.ci_low = num(5);
    s.ci_high = num(6);
    s.p5 = num(7);
    s.p50 = num(8);
    s.p95 = num(9);
    s.min = num(10);
    s.max = num(11);
    series[f[0]].points.push_back({f[1], s});
  }
}

engine::Summary summary_of(const CsvTable& t, const std::vector<std::string>& row) {
  engine::Summary s;
  auto num = [&](std::string_view column) {
    const auto i = t.column(column);
    return i ? parse_number(row[*i]).value_or(0.0) : 0.0;
  };
  s.n = static_cast<std::int64_t>(num("n"));
  s.mean = num("mean");
  s.sd = num("sd");
  s.ci_low = num("ci_low");
  s.ci_high = num("ci_high");
  s.p5 = num("p5");
  s.p50 = num("p50");
  s.p95 = num("p95");
  return s;
}

/// Rows of table file `table` in `dir` as series "<table>:<label column>" by `period`, kept
/// when `filter_column` equals `filter_value` (no filter when empty).
void read_mean_table(const fs::path& dir, std::string_view table, const std::string& label_column,
                     const std::string& filter_column, const std::string& filter_value,
                     std::map<std::string, ReportSeries>& series) {
  const fs::path file = dir / send::tables::csv_file(table);
  if (!fs::exists(file)) return;
  const CsvTable t = read_csv_table(file);
  const auto year = t.column("year");
  const auto label = t.column(label_column);
  const auto filter = filter_column.empty() ? std::nullopt : t.column(filter_column);
  if (!year || !label) return;
  for (const auto& row : t.rows) {
    if (filter && row[*filter] != filter_value) continue;
    series[std::string(table) + ":" + row[*label]].points.push_back({row[*year], summary_of(t, row)});
  }
}

/// Periods of a table file whose `measure` row has a mean of at least `days`.
std::vector<std::string> covered_periods(const fs::path& file, const std::string& period_column,
                                         const std::string& measure, double days) {
  std::vector<std::string> out;
  if (!fs::exists(file)) return out;
  const CsvTable t = read_csv_table(file);
  const auto period = t.column(period_column);
  const auto m = t.column("measure");
  const auto mean = t.column("mean");
  if (!period || !m || !mean) return out;
  for (const auto& row : t.rows) {
    if (row[*m] == measure && parse_number(row[*mean]).value_or(0.0) >= days) out.push_back(row[*period]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void read_settings(ReportData& data, const std::map<std::string, SeriesSetting>& settings) {
  const fs::path file = data.dir / send::tables::csv_file(send::tables::kOccupancy);
  if (!fs::exists(file) || data.census_years.empty()) return;
  const std::string& last = data.census_years.back();
  const CsvTable t = read_csv_table(file);
  const auto year = t.column("year");
  const auto setting = t.column("setting");
  const auto measure = t.column("measure");
  const auto mean = t.column("mean");
  if (!year || !setting || !measure || !mean) return;
  std::map<std::string, SettingRow> rows;
  for (const auto& row : t.rows) {
    if (row[*year] != last) continue;
    const auto it = settings.find(row[*setting]);
    if (it == settings.end() || !it->second.local_specialist) continue;
    SettingRow& r = rows[it->second.type + '\x1f' + row[*setting]];
    r.name = row[*setting];
    r.type = it->second.type;
    r.district = it->second.district;
    r.designation = it->second.designation;
    const double v = parse_number(row[*mean]).value_or(0.0);
    if (row[*measure] == "places") r.places = v;
    if (row[*measure] == "on_roll") r.on_roll = v;
    if (row[*measure] == "over_number") r.over_number = v;
  }
  for (auto& [key, r] : rows) data.settings.push_back(std::move(r));
}

void read_meta(ReportData& data) {
  const ResultsSummary summary = read_results_summary(data.dir);  // summary.json, over its writer's struct
  ReportMeta& m = data.meta;
  m.name = summary.scenario.name;
  m.description = summary.scenario.description;
  m.model = summary.scenario.model;
  m.files = summary.scenario.files;
  m.start_date = summary.scenario.start_date;
  m.end_date = summary.scenario.end_date;
  m.version = summary.version;
  m.seed = std::to_string(summary.run.seed);
  m.replications = std::to_string(summary.run.replications);
  if (summary.run.replications == 0 || summary.run.replications > 10'000'000) {
    throw std::runtime_error((data.dir / "summary.json").string() + ": run.replications is not a count");
  }
  data.replications = summary.run.replications;
}

}  // namespace

ReportData load_report_data(const fs::path& dir) {
  ReportData data;
  data.dir = dir;
  if (!fs::is_regular_file(dir / "summary.json")) {
    throw std::runtime_error(dir.string() + " is not a complete results folder (it has no summary.json)");
  }
  read_meta(data);

  std::map<std::string, SeriesSetting> settings;
  const fs::path effective = dir / "scenario.effective.yaml";
  if (fs::exists(effective)) {
    data.effective_yaml = read_text_file(effective);
    try {
      const send::Scenario scenario = scenario::load_scenario(effective);
      settings = series_settings(scenario);
      data.parameters = key_parameters(scenario);
      data.projects = project_rows(scenario);
      for (const auto& [name, info] : settings) {
        if (!info.local_specialist || info.designation == "all needs") continue;
        data.designations[info.type == "enhanced" ? 0 : 1] = true;
      }
    } catch (const std::exception& e) {
      data.notes.push_back(
          "scenario.effective.yaml could not be loaded, so capacity by setting type is left out: " +
          std::string(e.what()));
    }
  } else {
    data.notes.push_back("scenario.effective.yaml is missing, so capacity by setting type is left out");
  }

  // The report's series: report_series.csv, or per_replication.csv in a
  // folder written before it.
  if (const fs::path series = dir / std::string(kReportSeriesFile); fs::exists(series)) {
    read_series_file(series, data.series);
  } else {
    read_per_replication(dir / "per_replication.csv", settings, data.series, data.replications);
  }
  read_mean_table(dir, send::tables::kTimeliness, "measure", "", "", data.series);
  read_mean_table(dir, send::tables::kWaitWeeks, "provision", "measure", "mean", data.series);

  std::set<std::string> census;
  for (const std::string_view name : {series_of("ehc_plans"), series_of("waiting")}) {
    if (const auto it = data.series.find(std::string(name)); it != data.series.end()) {
      for (const auto& p : it->second.points) census.insert(p.period);
    }
  }
  data.census_years.assign(census.begin(), census.end());
  data.full_years =
      covered_periods(dir / send::tables::csv_file(send::tables::kCoverage), "year", "days", 365);
  data.full_financial_years = covered_periods(dir / send::tables::csv_file(send::tables::kDsg),
                                              "financial_year", "covered_days", 365);
  for (const auto& fy : covered_periods(dir / send::tables::csv_file(send::tables::kDsg), "financial_year",
                                        "covered_days", 1)) {
    // A financial year "2022-23" ends on 31 March 2023: keep it if the run reaches that day.
    const int first = engine::Period::leading_year(fy).value_or(0);
    if (std::to_string(first + 1) + "-03-31" <= data.meta.end_date) data.balance_years.push_back(fy);
  }
  read_settings(data, settings);
  if (const fs::path file = dir / std::string(kSufficiencyFile); fs::exists(file)) {
    data.sufficiency = read_sufficiency(file);
  } else {
    data.notes.push_back(
        "sufficiency.csv is missing (a folder written before it existed), so where and when gaps "
        "open is left out");
  }
  return data;
}

}  // namespace sendsim::output
