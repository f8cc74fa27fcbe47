// output/tidy.cpp: tidy.csv (see tidy.hpp and output/README.md).
#include "output/tidy.hpp"

#include <array>

#include "output/csv.hpp"
#include "run/metrics.hpp"
#include "send/tables.hpp"

namespace sendsim::output {

namespace {

struct MeasureUnit {
  std::string_view table;
  std::string_view measure;
  std::string_view unit;
};

// Measures whose unit is not the table's own (the tables' `measure` sections
// of output/README.md; a test checks that the two agree).
constexpr std::array<MeasureUnit, 37> kMeasureUnits = {{
    {send::tables::kFlows, "requests", "requests"},
    {send::tables::kFlows, "requests_direct", "requests"},
    {send::tables::kFlows, "refusals", "requests"},
    {send::tables::kFlows, "assessments_agreed", "requests"},
    {send::tables::kFlows, "assessments_queued", "assessments"},
    {send::tables::kFlows, "assessments_completed", "assessments"},
    {send::tables::kFlows, "assessments_no_plan", "assessments"},
    {send::tables::kFlows, "plans_issued", "plans"},
    {send::tables::kFlows, "plans_issued_within_20_weeks", "plans"},
    {send::tables::kFlows, "plans_moved_in", "plans"},
    {send::tables::kFlows, "ceased_needs_met", "plans"},
    {send::tables::kFlows, "ceased_moved_away", "plans"},
    {send::tables::kFlows, "ceased_left_education", "plans"},
    {send::tables::kFlows, "ceased_reached_25", "plans"},
    {send::tables::kFlows, "appeals_refusal", "appeals"},
    {send::tables::kFlows, "appeals_placement", "appeals"},
    {send::tables::kFlows, "appeals_upheld", "appeals"},
    {send::tables::kFlows, "placements_mainstream", "placements"},
    {send::tables::kFlows, "placements_enhanced", "placements"},
    {send::tables::kFlows, "placements_special", "placements"},
    {send::tables::kFlows, "placements_inmss", "placements"},
    {send::tables::kFlows, "fallback_inmss", "placements"},
    {send::tables::kFlows, "fallback_out_of_county", "placements"},
    {send::tables::kFlows, "forced_placements", "placements"},
    {send::tables::kFlows, "over_number_placements", "placements"},
    {send::tables::kFlows, "capital_steps", "steps"},
    {send::tables::kTimeliness, "pct_within_20_weeks", "percent"},
    {send::tables::kTimeliness, "mean_weeks_request_to_issue", "weeks"},
    {send::tables::kOccupancy, "places", "places"},
    {send::tables::kSufficiencySnapshot, "places", "places"},
    {send::tables::kCapacity, "max_over_number", "children"},
    {send::tables::kCapacity, "over_number_child_days", "child-days"},
    {send::tables::kCapacity, "mean_on_roll", "children"},
    {send::tables::kDsg, "covered_days", "days"},
    {"dfe_scap_forecast", "children", "children"},
    {"dfe_scap_forecast", "places", "places"},
    {"dfe_dsg_plan_grid", "annual_cost", "pounds"},
}};

constexpr std::array<std::string_view, 8> kStatistics = {"n",       "mean", "sd",  "ci_low",
                                                         "ci_high", "p5",   "p50", "p95"};

bool is_measure_column(std::string_view c) { return c == "measure" || c == "line" || c == "stage"; }
bool is_period_column(std::string_view c) { return c == "year" || c == "financial_year"; }

void write_statistics(CsvWriter& csv, std::string_view table, const std::string& metric,
                      std::string_view period_type, std::string_view period, const std::string& breakdown,
                      const engine::Summary& s, const std::string& unit) {
  const std::array<double, 8> values = {
      static_cast<double>(s.n), s.mean, s.sd, s.ci_low, s.ci_high, s.p5, s.p50, s.p95};
  for (std::size_t i = 0; i < kStatistics.size(); ++i) {
    csv.field(table).field(metric).field(period_type).field(period).field(breakdown).field(kStatistics[i]);
    csv.field(values[i]).field(i == 0 ? std::string_view("replications") : std::string_view(unit));
    csv.end_row();
  }
}

}  // namespace

const std::vector<std::string>& tidy_columns() {
  static const std::vector<std::string> columns = {"table",     "metric",    "period_type", "period",
                                                   "breakdown", "statistic", "value",       "unit"};
  return columns;
}

std::string tidy_unit(std::string_view table, std::string_view measure, std::string_view table_unit) {
  for (const auto& m : kMeasureUnits) {
    if (m.table == table && m.measure == measure) return std::string(m.unit);
  }
  if (table == "headline") {  // a headline series: its metric's unit (run/metrics.hpp)
    if (const run::Metric* m = run::metric_row(measure)) return std::string(m->unit);
  }
  if (table == send::tables::kFlows) return "children";  // the flows not listed above count children
  if (table == "dfe_dsg_plan_grid") return "children";
  return std::string(table_unit);
}

std::string encode_breakdown(const std::vector<std::string>& columns,
                             const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size() && i < columns.size(); ++i) {
    if (!out.empty()) out += ';';
    out += columns[i];
    out += '=';
    for (char c : values[i]) {
      if (c == '%') {
        out += "%25";
      } else if (c == ';') {
        out += "%3B";
      } else if (c == '=') {
        out += "%3D";
      } else {
        out += c;
      }
    }
  }
  return out;
}

void write_tidy(const std::filesystem::path& path, const std::vector<run::AggregatedTable>& tables,
                const std::vector<Headline>& headlines) {
  CsvFile file(path);
  CsvWriter& csv = file.csv();
  csv.header(tidy_columns());
  for (const auto& table : tables) {
    const auto& columns = table.info.columns;
    int period = -1;
    int measure = -1;
    std::vector<std::size_t> others;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (period < 0 && is_period_column(columns[c])) {
        period = static_cast<int>(c);
      } else if (measure < 0 && is_measure_column(columns[c])) {
        measure = static_cast<int>(c);
      } else {
        others.push_back(c);
      }
    }
    std::vector<std::string> other_columns;
    for (std::size_t c : others) other_columns.push_back(columns[c]);
    const std::string_view period_type =
        period < 0 ? std::string_view("run") : std::string_view(columns[static_cast<std::size_t>(period)]);
    // Units and metric names repeat: cache them per measure value.
    std::string last_measure = "\x01";
    std::string metric;
    std::string unit;
    std::vector<std::string> other_values(others.size());
    for (const auto& row : table.rows) {
      const std::string& m = measure < 0 ? std::string() : row.key[static_cast<std::size_t>(measure)];
      if (m != last_measure) {
        last_measure = m;
        metric = measure < 0 ? table.info.name : table.info.name + "." + m;
        unit = tidy_unit(table.info.name, m, table.info.value_unit);
      }
      for (std::size_t i = 0; i < others.size(); ++i) other_values[i] = row.key[others[i]];
      const std::string_view p =
          period < 0 ? std::string_view() : std::string_view(row.key[static_cast<std::size_t>(period)]);
      write_statistics(csv, table.info.name, metric, period_type, p,
                       encode_breakdown(other_columns, other_values), row.summary, unit);
    }
  }
  for (const auto& h : headlines) {
    const std::string metric = "headline." + h.name;
    for (const auto& [period, summary] : h.values) {
      write_statistics(csv, "headline", metric, h.period, period, std::string(), summary,
                       tidy_unit("headline", h.name, h.unit));
    }
  }
  file.close();
}

}  // namespace sendsim::output
