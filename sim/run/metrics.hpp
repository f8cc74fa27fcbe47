// sim/run/metrics.hpp: the metric table: every figure summed from the tables
// of a replication that more than one writer reports, with where it is
// shown, in one constexpr array (kMetrics).
//
// A row names the metric, its labels and unit, the table it is summed from
// and how (kind, period, breakdown, filter), and the places that show it
// (`shown`, bits of `shown_in`):
//   kCompare   `sendsim compare`: differences.csv, summary.json's metrics, the
//              terminal table and the comparison report (run/compare.hpp);
//              the batch's sweep.csv too;
//   kBatch     sweep.csv and the sensitivity only (batch/tables.hpp);
//   kKey       the batch report's and the sensitivity table's key figures;
//   kHeadline  the headline figures of a results folder: summary.json, the
//              `headline` rows of tidy.csv, the workbook's totals
//              (output/results_writer.hpp headline_figures);
//   kCard      a headline card of report.html, drawn from the report's
//              series `series` (output/report_series.hpp).
// Each consumer takes the rows with its bit, in the array's order. A row
// with a `series` and no filter or breakdown is also a total the report's
// series sum (every row of its table adds to it).
//
// Adding a metric means one row here; its columns in output/README.md.
#pragma once

#include <cstdint>
#include <string_view>

#include "send/tables.hpp"

namespace sendsim::run {

/// How a metric is read from its table in each replication.
enum class MetricKind : std::uint8_t {
  kTotal,   // the sum of the matching rows over every other dimension (counts, pounds)
  kValue,   // the value of the one matching row (means, percentages)
  kSeries,  // summed by the report's series alone (report_series.hpp), from several tables
};

/// When a metric's periods fall.
enum class MetricPeriod : std::uint8_t {
  kCensus,            // January censuses (column "year")
  kCalendarYear,      // flows over a calendar year (column "year")
  kFinancialYear,     // flows over a financial year ("2025-26")
  kFinancialYearEnd,  // a stock at the end of a financial year (31 March)
};

/// Where a metric is shown: the bits of Metric::shown.
namespace shown_in {
inline constexpr unsigned kCompare = 1U << 0U;
inline constexpr unsigned kBatch = 1U << 1U;
inline constexpr unsigned kKey = 1U << 2U;
inline constexpr unsigned kHeadline = 1U << 3U;
inline constexpr unsigned kCard = 1U << 4U;
}  // namespace shown_in

/// One row of the metric table.
struct Metric {
  std::string_view id;     // its name in every file: "inmss_placements"
  std::string_view label;  // short label for printed tables
  std::string_view title;  // heading in reports and batch tables
  std::string_view unit;   // "children", "minutes", "percent", "pounds", ...
  std::string_view table;  // the source table ("" for kSeries)
  std::string_view period = "year";
  MetricPeriod when = MetricPeriod::kCensus;
  std::string_view breakdown = {};      // a dimension kept apart, or "" for a total
  std::string_view filter_column = {};  // "" or a column whose value must be filter_value
  std::string_view filter_value = {};
  MetricKind kind = MetricKind::kTotal;
  std::string_view description = {};           // one line for the data dictionary
  unsigned shown = 0;                          // shown_in bits
  std::string_view headline_description = {};  // summary.json's description, where not `description`
  std::string_view series = {};                // the report's series of it ("ehc:total"), or ""
  std::string_view card_title = {};            // kCard: the card's title and note
  std::string_view card_note = {};
  bool card_change = true;  // kCard: show the change from the first to the last period

  [[nodiscard]] constexpr bool in(unsigned where) const { return (shown & where) != 0; }
  [[nodiscard]] constexpr std::string_view summary_description() const {
    return headline_description.empty() ? description : headline_description;
  }
};

// clang-format off
inline constexpr Metric kMetrics[] = {
    {.id = "special_place_shortfall", .label = "special-place shortfall", .title = "Special-place shortfall",
     .unit = "children", .table = send::tables::kUnmetDemand, .filter_column = "provision", .filter_value = "special",
     .description = "plan holders without a local special-school place (waiting, or sent to INMSS or out of "
                    "county for want of one), at the January census",
     .shown = shown_in::kBatch | shown_in::kKey},
    {.id = "ehc_plans", .label = "EHC plans", .title = "EHC plans", .unit = "children",
     .table = send::tables::kEhcSnapshot, .description = "EHC plans at the January census",
     .shown = shown_in::kCompare | shown_in::kHeadline | shown_in::kCard, .series = "ehc:total",
     .card_title = "EHC plans", .card_note = "at the January census"},
    {.id = "special_place_gap", .label = "special place shortfall", .title = "Special place shortfall",
     .unit = "children", .table = "", .kind = MetricKind::kSeries,
     .description = "children needing a special place (placed in one or without a local one) less the special "
                    "places in the area, at the January census",
     .shown = shown_in::kCard, .series = "gap:special", .card_title = "Special place shortfall",
     .card_note = "children needing a special place less places in the area", .card_change = false},
    {.id = "sen_support", .label = "SEN support", .title = "SEN support", .unit = "children",
     .table = send::tables::kSenSupportSnapshot,
     .description = "children on SEN support at the January census", .shown = shown_in::kHeadline},
    {.id = "waiting", .label = "children waiting", .title = "Children waiting for a place", .unit = "children",
     .table = send::tables::kWaitingSnapshot,
     .description = "plan holders waiting in an interim place for the provision their plan names at the "
                    "January census",
     .shown = shown_in::kCompare | shown_in::kKey | shown_in::kHeadline | shown_in::kCard,
     .headline_description = "plan holders waiting in an interim place at the January census",
     .series = "waiting:total", .card_title = "Waiting for a place",
     .card_note = "plan holders in an interim place, January"},
    {.id = "waiting_by_district", .label = "children waiting", .title = "Children waiting for a place",
     .unit = "children", .table = send::tables::kWaitingSnapshot, .breakdown = "district",
     .description = "plan holders waiting at the January census, by home district", .shown = shown_in::kCompare},
    {.id = "unmet_demand", .label = "unmet demand", .title = "Unmet demand for specialist places",
     .unit = "children", .table = send::tables::kUnmetDemand,
     .description = "plan holders without a local place of the kind their plan names at the January census",
     .shown = shown_in::kCompare | shown_in::kHeadline},
    {.id = "unmet_demand_by_need", .label = "unmet demand", .title = "Unmet demand for specialist places",
     .unit = "children", .table = send::tables::kUnmetDemand, .breakdown = "need",
     .description = "unmet demand at the January census, by primary need", .shown = shown_in::kCompare},
    {.id = "unmet_demand_by_district", .label = "unmet demand", .title = "Unmet demand for specialist places",
     .unit = "children", .table = send::tables::kUnmetDemand, .breakdown = "district",
     .description = "unmet demand at the January census, by home district", .shown = shown_in::kCompare},
    {.id = "unmet_demand_by_provision", .label = "unmet demand", .title = "Unmet demand for specialist places",
     .unit = "children", .table = send::tables::kUnmetDemand, .breakdown = "provision",
     .description = "unmet demand at the January census, by the provision the plan names",
     .shown = shown_in::kCompare},
    {.id = "inmss_placements", .label = "INMSS placements", .title = "INMSS placements", .unit = "children",
     .table = send::tables::kEhcSnapshot, .filter_column = "placement", .filter_value = "inmss",
     .description = "plan holders in independent and non-maintained special schools at the January census",
     .shown = shown_in::kCompare | shown_in::kKey | shown_in::kCard, .series = "ehc:inmss",
     .card_title = "In INMSS", .card_note = "plan holders in independent or non-maintained special schools"},
    {.id = "special_placements", .label = "special school places", .title = "Children in local special schools",
     .unit = "children", .table = send::tables::kEhcSnapshot, .filter_column = "placement",
     .filter_value = "special", .description = "plan holders in a local special school at the January census",
     .shown = shown_in::kCompare},
    {.id = "travel_minutes", .label = "travel minutes", .title = "Mean travel time", .unit = "minutes",
     .table = send::tables::kTravel, .breakdown = "provision", .filter_column = "measure",
     .filter_value = "mean_minutes", .kind = MetricKind::kValue,
     .description = "mean travel time from home of plan holders placed at the January census, by type of "
                    "setting attended",
     .shown = shown_in::kCompare},
    {.id = "plans_issued", .label = "plans issued", .title = "New EHC plans issued", .unit = "plans",
     .table = send::tables::kFlows, .when = MetricPeriod::kCalendarYear, .filter_column = "measure",
     .filter_value = "plans_issued", .description = "new EHC plans issued in the calendar year",
     .shown = shown_in::kCompare | shown_in::kHeadline | shown_in::kCard, .series = "flows:plans_issued",
     .card_title = "New EHC plans", .card_note = "issued in the calendar year"},
    {.id = "pct_within_20_weeks", .label = "% within 20 weeks", .title = "EHC plans issued within 20 weeks",
     .unit = "percent", .table = send::tables::kTimeliness, .when = MetricPeriod::kCalendarYear,
     .filter_column = "measure", .filter_value = "pct_within_20_weeks", .kind = MetricKind::kValue,
     .description = "plans issued within 20 weeks of the request in the calendar year, percent",
     .shown = shown_in::kCompare | shown_in::kCard, .series = "timeliness:pct_within_20_weeks",
     .card_title = "Issued within 20 weeks", .card_note = "share of new plans, calendar year"},
    {.id = "spend", .label = "high-needs spend", .title = "High-needs spend", .unit = "pounds",
     .table = send::tables::kSpend, .period = "financial_year", .when = MetricPeriod::kFinancialYear,
     .description = "high-needs spend in the financial year, all lines (transport included)",
     .shown = shown_in::kCompare | shown_in::kHeadline | shown_in::kCard,
     .headline_description = "high-needs spend in the financial year, all lines", .series = "spend:total",
     .card_title = "High-needs spend", .card_note = "all lines, financial year"},
    {.id = "spend_by_line", .label = "high-needs spend", .title = "High-needs spend", .unit = "pounds",
     .table = send::tables::kSpend, .period = "financial_year", .when = MetricPeriod::kFinancialYear,
     .breakdown = "line", .description = "high-needs spend in the financial year, by line",
     .shown = shown_in::kCompare},
    {.id = "dsg_spend", .label = "DSG spend", .title = "DSG-funded high-needs spend", .unit = "pounds",
     .table = send::tables::kDsg, .period = "financial_year", .when = MetricPeriod::kFinancialYear,
     .filter_column = "measure", .filter_value = "dsg_spend",
     .description = "spend the DSG high-needs block funds in the financial year (every line but transport)",
     .shown = shown_in::kCompare},
    {.id = "dsg_cumulative_balance", .label = "DSG cumulative balance", .title = "DSG cumulative balance",
     .unit = "pounds", .table = send::tables::kDsg, .period = "financial_year",
     .when = MetricPeriod::kFinancialYearEnd, .filter_column = "measure", .filter_value = "cumulative_balance",
     .description = "DSG high-needs cumulative balance at the end of the financial year (negative: deficit)",
     .shown = shown_in::kCompare | shown_in::kKey | shown_in::kHeadline | shown_in::kCard,
     .series = "dsg:cumulative_balance", .card_title = "DSG cumulative balance",
     .card_note = "at 31 March; negative is a deficit"},
};
// clang-format on

/// The row of metric `id`; nullptr when there is none.
[[nodiscard]] constexpr const Metric* metric_row(std::string_view id) {
  for (const Metric& m : kMetrics) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

}  // namespace sendsim::run
