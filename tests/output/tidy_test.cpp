// tests/output/tidy_test.cpp: tidy.csv holds every figure of every table file
// (the same text, byte for byte) and the headline series, one row per metric,
// period, breakdown and statistic, with the right units.
#include "output/tidy.hpp"

#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "run_fixture.hpp"

namespace sendsim::output {
namespace {

using namespace testing;

/// RFC 4180 fields of one line (quoted fields may hold commas and "").
std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

TEST(Tidy, ColumnsAndUnits) {
  EXPECT_EQ(tidy_columns(), (std::vector<std::string>{"table", "metric", "period_type", "period", "breakdown",
                                                      "statistic", "value", "unit"}));
  EXPECT_EQ(tidy_unit("timeliness", "pct_within_20_weeks", "percent or weeks"), "percent");
  EXPECT_EQ(tidy_unit("timeliness", "mean_weeks_request_to_issue", "percent or weeks"), "weeks");
  EXPECT_EQ(tidy_unit("flows", "requests", "children"), "requests");
  EXPECT_EQ(tidy_unit("flows", "waits_started", "children"), "children");
  EXPECT_EQ(tidy_unit("dsg", "covered_days", "pounds"), "days");
  EXPECT_EQ(tidy_unit("dsg", "allocation", "pounds"), "pounds");
  EXPECT_EQ(tidy_unit("ehc_snapshot", "", "children"), "children");
  EXPECT_EQ(tidy_unit("headline", "plans_issued", "children"), "plans");
}

TEST(Tidy, BreakdownEncodesSeparators) {
  EXPECT_EQ(encode_breakdown({"setting", "need"}, {"Oak; 50%=full", "ASD"}),
            "setting=Oak%3B 50%25%3Dfull;need=ASD");
  EXPECT_EQ(encode_breakdown({}, {}), "");
}

TEST(Tidy, HandMadeResults) {
  ScratchDir scratch("tidy");
  const send::Scenario sc = hand_made_scenario();
  const run::RunOutput out = hand_made_output(hand_made_results());
  write_results(scratch.path() / "out", out, run::aggregate(out.results), ResultsContext{&sc, "", "0"});
  const auto lines = lines_of(read_file(scratch.path() / "out" / "tidy.csv"));
  ASSERT_GT(lines.size(), 1u);
  EXPECT_EQ(lines[0], "table,metric,period_type,period,breakdown,statistic,value,unit");
  auto has = [&](const std::string& line) {
    return std::find(lines.begin(), lines.end(), line) != lines.end();
  };
  EXPECT_TRUE(has(
      "ehc_snapshot,ehc_snapshot,year,2022,placement=mainstream;age_band=5_10;need=ASD,n,3,replications"));
  EXPECT_TRUE(has(
      "ehc_snapshot,ehc_snapshot,year,2022,placement=mainstream;age_band=5_10;need=ASD,mean,20,children"));
  EXPECT_TRUE(
      has("ehc_snapshot,ehc_snapshot,year,2022,placement=special;age_band=5_10;need=ASD,sd,1,children"));
  // A measure column becomes part of the metric; the unit is the measure's.
  EXPECT_TRUE(has("timeliness,timeliness.pct_within_20_weeks,year,2022,,mean,55,percent"));
  // A value needing CSV quoting stays one field.
  EXPECT_TRUE(
      has("occupancy,occupancy.on_roll,year,2022,\"setting=Oak, \"\"the\"\" special\",mean,50,children"));
  // Headline totals, with an empty breakdown.
  EXPECT_TRUE(has("headline,headline.ehc_plans,year,2022,,mean,31,children"));
  // Eight statistics per row: 3 plan rows, 1 occupancy, 1 timeliness; 2
  // headline years. The DfE returns (dfe_*.csv) are in their own layouts and
  // not in tidy.csv: their figures are derived from the tables it holds.
  EXPECT_EQ(lines.size(), 1u + 8u * (3u + 1u + 1u + 2u));
}

// Every statistic of every table file is in tidy.csv with the same text.
TEST(Tidy, HoldsEveryFigureOfEveryTableFileVerbatim) {
  const TinyRun& run = tiny_run();
  using Key = std::tuple<std::string, std::string, std::string, std::string,
                         std::string>;                      // table metric period breakdown stat
  std::map<Key, std::pair<std::string, std::string>> tidy;  // -> value, unit
  const auto lines = lines_of(read_file(run.dir / "tidy.csv"));
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto f = fields_of(lines[i]);
    ASSERT_EQ(f.size(), 8u) << lines[i];
    EXPECT_TRUE(f[2] == "year" || f[2] == "financial_year" || f[2] == "run") << lines[i];
    EXPECT_EQ(f[2] == "run", f[3].empty()) << lines[i];
    const bool fresh = tidy.emplace(Key{f[0], f[1], f[3], f[4], f[5]}, std::make_pair(f[6], f[7])).second;
    EXPECT_TRUE(fresh) << "duplicate row " << lines[i];
  }
  std::size_t compared = 0;
  std::set<std::string> tables_seen;
  for (const auto& entry : fs::directory_iterator(run.dir)) {
    const std::string file = entry.path().filename().string();
    if (entry.path().extension() != ".csv" || file == "tidy.csv" || file == "per_replication.csv" ||
        file == "report_series.csv")
      continue;
    if (file.starts_with("dfe_")) continue;  // the DfE returns: their own layouts, not table files
    if (file == "sufficiency.csv")
      continue;  // derived from sufficiency_snapshot: its own layout, not a table file
    const std::string table = file.substr(0, file.size() - 4);
    const auto file_lines = lines_of(read_file(entry.path()));
    const auto header = fields_of(file_lines.at(0));
    const std::size_t dims = header.size() - 8;
    for (std::size_t i = 1; i < file_lines.size(); ++i) {
      const auto f = fields_of(file_lines[i]);
      std::string period;
      std::string metric = table;
      std::vector<std::string> columns;
      std::vector<std::string> values;
      for (std::size_t c = 0; c < dims; ++c) {
        if (period.empty() && (header[c] == "year" || header[c] == "financial_year")) {
          period = f[c];
        } else if (metric == table &&
                   (header[c] == "measure" || header[c] == "line" || header[c] == "stage")) {
          metric = table + "." + f[c];
        } else {
          columns.push_back(header[c]);
          values.push_back(f[c]);
        }
      }
      const std::string breakdown = encode_breakdown(columns, values);
      for (std::size_t s = 0; s < 8; ++s) {
        const auto it = tidy.find(Key{table, metric, period, breakdown, header[dims + s]});
        ASSERT_TRUE(it != tidy.end())
            << file << " line " << i << " " << header[dims + s] << " not in tidy.csv";
        EXPECT_EQ(it->second.first, f[dims + s]) << file << " line " << i;
        ++compared;
      }
      tables_seen.insert(table);
    }
  }
  EXPECT_GT(tables_seen.size(), 15u);
  // Every tidy row but the headline series came from a table file.
  std::size_t headline_rows = 0;
  for (const auto& [key, value] : tidy) headline_rows += std::get<0>(key) == "headline" ? 1 : 0;
  EXPECT_EQ(compared + headline_rows, tidy.size());
  EXPECT_GT(headline_rows, 0u);
}

}  // namespace
}  // namespace sendsim::output
