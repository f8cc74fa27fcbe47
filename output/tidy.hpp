// output/tidy.hpp: tidy.csv, every aggregated figure of a run in one long
// table for R, Python or Power BI: one row per metric, period, breakdown and
// statistic (output/README.md is its data dictionary).
//
//   table        the table the figure comes from (its file is <table>.csv), or
//                "headline" for the headline totals of summary.json;
//   metric       <table>, or <table>.<value> for tables with a measure, line
//                or stage column (e.g. flows.plans_issued, spend.transport);
//   period_type  year, financial_year, or run (a figure over the whole run);
//   period       e.g. 2024 or 2024-25; empty for run;
//   breakdown    the other dimension values as column=value pairs joined by
//                ';' (per_replication.csv's encoding); empty for a total;
//   statistic    n, mean, sd, ci_low, ci_high, p5, p50, p95;
//   value        the number;
//   unit         the value's unit (replications for n).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "output/results_writer.hpp"
#include "run/aggregate.hpp"

namespace sendsim::output {

/// The tidy.csv columns, in order.
[[nodiscard]] const std::vector<std::string>& tidy_columns();

/// The unit of a metric's values: the table's unit, or where a table mixes
/// units the unit of that measure (e.g. timeliness pct_within_20_weeks is
/// "percent", flows requests is "requests"). `measure` is "" for tables
/// without a measure, line or stage column.
[[nodiscard]] std::string tidy_unit(std::string_view table, std::string_view measure,
                                    std::string_view table_unit);

/// Dimension values as "column=value;column=value" (tidy.csv breakdown,
/// per_replication.csv key) with '%', ';' and '='
/// inside a value written %25, %3B and %3D.
[[nodiscard]] std::string encode_breakdown(const std::vector<std::string>& columns,
                                           const std::vector<std::string>& values);

/// Writes tidy.csv: every row of every table in `tables` (in that order, rows
/// in their order, statistics in the order above), then the headline series.
/// Throws std::runtime_error when the file cannot be written.
void write_tidy(const std::filesystem::path& path, const std::vector<run::AggregatedTable>& tables,
                const std::vector<Headline>& headlines);

}  // namespace sendsim::output
