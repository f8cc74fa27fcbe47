// tests/output/dfe_tables_test.cpp: the SCAP forecast and the DSG management
// plan grid in the returns' layouts: the documented mappings (NMSS counted
// as state-funded special), hand-made rows, the shapes of a small real run
// (columns, codes, row counts), totals that agree with the tables they come
// from, the rounding rule, part years and the comparison's mitigated columns.
#include "output/dfe_tables.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "output/csv.hpp"
#include "run_fixture.hpp"

namespace sendsim::output {
namespace {

using namespace testing;

double share_of(std::string_view placement, std::string_view type) {
  double s = 0;
  for (const auto& x : scap_shares(placement)) {
    if (x.type == type) s += x.share;
  }
  return s;
}

TEST(DfeTables, ScapMappingCountsNonMaintainedSpecialAsStateFundedSpecial) {
  EXPECT_EQ(share_of("enhanced", "UR"), 1.0);
  EXPECT_EQ(share_of("special", "SS"), 1.0);
  EXPECT_EQ(share_of("special_out_of_county", "SS"), 1.0);
  // INMSS: the non-maintained share is SS, the rest IN, nothing lost.
  EXPECT_NEAR(share_of("inmss", "SS"), 4381.0 / 34028.0, 1e-12);
  EXPECT_NEAR(share_of("inmss", "IN") + share_of("inmss", "SS"), 1.0, 1e-12);
  EXPECT_GT(share_of("inmss", "SS"), 0.1);
  for (const char* p : {"early_years", "mainstream", "further_education", "no_placement", "other", "unknown",
                        "awaiting_placement"}) {
    EXPECT_TRUE(scap_shares(p).empty()) << p;
  }
  for (const char* p : {"enhanced", "special", "inmss"}) EXPECT_EQ(share_of(p, "AP"), 0.0) << p;
}

TEST(DfeTables, DsgCategoriesAndLabelsAreTheTemplates) {
  EXPECT_EQ(dsg_categories(),
            (std::vector<std::string_view>{"MmSoA", "RPSEN", "MdSSA", "NMISS", "HspAP", "P16FE", "OTHER"}));
  EXPECT_EQ(dsg_category("mainstream"), "MmSoA");
  EXPECT_EQ(dsg_category("early_years"), "MmSoA");
  EXPECT_EQ(dsg_category("enhanced"), "RPSEN");
  EXPECT_EQ(dsg_category("special"), "MdSSA");
  EXPECT_EQ(dsg_category("special_out_of_county"), "MdSSA");
  EXPECT_EQ(dsg_category("inmss"), "NMISS");
  EXPECT_EQ(dsg_category("awaiting_placement"), "HspAP");
  EXPECT_EQ(dsg_category("further_education"), "P16FE");
  EXPECT_EQ(dsg_category("no_placement"), "OTHER");
  EXPECT_EQ(dsg_category("unknown"), "OTHER");
  EXPECT_EQ(need_label("NSA"), "Unknown");
  EXPECT_EQ(age_band_label("under_5"), "Under 5");
  EXPECT_EQ(age_band_label("20_25"), "Age 20 to 25");
  EXPECT_EQ(dsg_category_label("HspAP"), "Hospital schools or alternative provision");
}

TEST(DfeTables, LaCodeFromTheModel) {
  send::Model m;
  m.name = "kent-2025";
  m.description = "886 Kent, calibrated";
  EXPECT_EQ(la_code_of(m), "886");
  m.description = "Essex-like county";
  m.name = "essex";
  EXPECT_EQ(la_code_of(m), "881");
  m.name = "southend-on-sea-2025";
  EXPECT_EQ(la_code_of(m), "882");
  m.name = "tiny";
  EXPECT_EQ(la_code_of(m), "");
}

TEST(DfeTables, StatsArePercentilesOfTheReplicationsAndTheRoundedMean) {
  const DfeStats s = dfe_stats({4, 1, 3, 2, 0});
  EXPECT_EQ(s.p50, 2);
  EXPECT_EQ(s.p25, 1);
  EXPECT_EQ(s.p75, 3);
  EXPECT_NEAR(s.p5, 0.2, 1e-12);
  EXPECT_NEAR(s.p95, 3.8, 1e-12);
  EXPECT_EQ(s.mean, 2);
  EXPECT_EQ(dfe_stats({2.5}).rounded, 3);  // halves away from zero
  EXPECT_EQ(dfe_stats({2.49}).rounded, 2);
  EXPECT_EQ(dfe_stats({-2.5}).rounded, -3);
}

send::Scenario kent_like() {
  send::Scenario sc;
  sc.model.name = "kent";
  sc.model.description = "886 Kent";
  return sc;
}

/// One replication: plans by NCY in 2024 (the base) and 2025.
send::ReplicationResult by_ncy_replication(double inmss) {
  send::ReplicationResult r;
  send::Table t;
  t.info = {"ehc_by_year_group", {"year", "placement", "ncy"}, "children", send::Missing::kZero, ""};
  t.set({"2024", "special", "3"}, 1);
  t.set({"2025", "inmss", "3"}, inmss);
  t.set({"2025", "special_out_of_county", "3"}, 2);
  t.set({"2025", "enhanced", "8"}, 5);
  t.set({"2025", "awaiting_placement", "7"}, 4);
  t.set({"2025", "mainstream", "3"}, 50);  // not specialist
  t.set({"2025", "special", "12"}, 9);     // past Year 11
  t.set({"2025", "special", "early_years"}, 9);
  send::Table w;
  w.info = {
      "waiting_snapshot", {"year", "provision", "need", "district"}, "children", send::Missing::kZero, ""};
  w.set({"2025", "enhanced", "ASD", "North"}, 1);
  w.set({"2025", "special", "ASD", "North"}, 3);
  r.tables = {t, w};
  return r;
}

const ScapRow* find_row(const ScapForecast& f, std::string_view area, std::string_view year,
                        std::string_view ncy) {
  for (const auto& r : f.rows) {
    if (r.planning_area == area && r.year == year && r.ncy == ncy) return &r;
  }
  return nullptr;
}

TEST(DfeTables, ScapForecastFromHandMadeRows) {
  std::vector<send::ReplicationResult> results = {by_ncy_replication(100), by_ncy_replication(200)};
  results[1].replication = 1;
  const ScapForecast f = scap_forecast(results, kent_like());
  EXPECT_EQ(f.la_code, "886");
  EXPECT_TRUE(f.la_code_known);
  EXPECT_EQ(f.base_year, "2024");
  // Only 2025 is after the base: 4 types x 7 primary NCY + 4 x 5 secondary NCY.
  EXPECT_EQ(f.rows.size(), 4u * 7 + 4u * 5);
  const double s = kNmssShareOfInmss;
  // Year 3: INMSS 100 and 200 split IN / SS, the out-of-county special school in SS.
  const ScapRow* in = find_row(f, "8863002", "2025", "3");
  const ScapRow* ss = find_row(f, "8863003", "2025", "3");
  ASSERT_TRUE(in && ss);
  EXPECT_EQ(in->provision_type, "IN");
  EXPECT_EQ(in->phase, "primary");
  EXPECT_EQ(in->years_ahead, 1);
  EXPECT_NEAR(in->stats.mean, 150 * (1 - s), 1e-9);
  EXPECT_NEAR(in->stats.p5, 100 * (1 - s) + 0.05 * 100 * (1 - s), 1e-9);
  EXPECT_NEAR(ss->stats.mean, 150 * s + 2, 1e-9);
  EXPECT_EQ(ss->stats.rounded, std::llround(150 * s + 2));
  // Secondary: enhanced in Year 8 is UR; the 4 waiting in Year 7 wait 1 : 3 for enhanced : special.
  EXPECT_NEAR(find_row(f, "8863011", "2025", "8")->stats.mean, 5, 1e-12);
  EXPECT_NEAR(find_row(f, "8863011", "2025", "7")->stats.mean, 1, 1e-12);
  EXPECT_NEAR(find_row(f, "8863013", "2025", "7")->stats.mean, 3, 1e-12);
  // AP is zero; NCY outside Reception to 11 is not a row.
  for (const auto& r : f.rows) {
    if (r.provision_type == "AP") {
      EXPECT_EQ(r.stats.mean, 0) << r.planning_area;
    }
    EXPECT_TRUE(r.ncy != "12" && r.ncy != "early_years");
  }
}

TEST(DfeTables, ScapBaseIsTheModelsOriginWhenItsNameGivesOne) {
  const std::vector<send::ReplicationResult> results = {by_ncy_replication(100)};
  send::Scenario sc = kent_like();
  sc.model.name = "kent-2024";  // calibrated on the censuses to January 2024
  EXPECT_EQ(scap_forecast(results, sc).base_year, "2024");
  EXPECT_EQ(scap_forecast(results, sc).rows.size(), 4u * 7 + 4u * 5);
  sc.model.name = "kent-2025";  // the run's last census: nothing after it to forecast
  EXPECT_EQ(scap_forecast(results, sc).base_year, "2025");
  EXPECT_TRUE(scap_forecast(results, sc).rows.empty());
  sc.model.name = "kent-2019";  // not a census of the run: the first census
  EXPECT_EQ(scap_forecast(results, sc).base_year, "2024");
}

TEST(DfeTables, ScapShapeOfASmallRun) {
  const TinyRun& run = tiny_run();
  const ScapForecast f = scap_forecast(run.output.results, run.scenario);
  EXPECT_EQ(f.la_code, "000");  // the tiny model names no LA
  EXPECT_FALSE(f.la_code_known);
  // Censuses of the run: January 2022 to 2025; the base is the first.
  std::set<std::string> census;
  for (const auto& r : run.output.results) {
    for (const auto& [key, v] : r.find("ehc_snapshot")->rows) census.insert(key[0]);
  }
  ASSERT_GE(census.size(), 2u);
  EXPECT_EQ(f.base_year, *census.begin());
  const std::size_t after = census.size() - 1;
  const std::size_t expected =
      4 * std::min<std::size_t>(after, 5) * 7 + 4 * std::min<std::size_t>(after, 7) * 5;
  EXPECT_EQ(f.rows.size(), expected);
  std::set<std::string> areas;
  for (const auto& r : f.rows) {
    areas.insert(r.planning_area);
    EXPECT_EQ(r.stats.rounded, std::llround(r.stats.mean));
    EXPECT_LE(r.stats.p5, r.stats.p25);
    EXPECT_LE(r.stats.p25, r.stats.p50);
    EXPECT_LE(r.stats.p50, r.stats.p75);
    EXPECT_LE(r.stats.p75, r.stats.p95);
    EXPECT_EQ(std::stoi(r.year) - std::stoi(f.base_year), r.years_ahead);
    EXPECT_LE(r.years_ahead, r.phase == "primary" ? 5 : 7);
  }
  EXPECT_EQ(areas, (std::set<std::string>{"0003001", "0003002", "0003003", "0003004", "0003011", "0003012",
                                          "0003013", "0003014"}));
  // The file: the documented columns, one line per row.
  write_scap_forecast(run.scratch.path() / "scap.csv", f);
  const auto lines = lines_of(read_file(run.scratch.path() / "scap.csv"));
  ASSERT_EQ(lines.size(), f.rows.size() + 1);
  EXPECT_EQ(
      lines[0],
      "la_code,planning_area,phase,provision_type,year,years_ahead,ncy,p5,p25,p50,p75,p95,mean,rounded");
  EXPECT_TRUE(lines[1].starts_with("000,0003001,primary,UR,")) << lines[1];
}

// In every census after the base: the forecast's UR + IN + SS over NCY R to 11
// is the plans in specialist placements (and waiting) at those NCYs.
TEST(DfeTables, ScapTotalsAgreeWithEhcByYearGroup) {
  const TinyRun& run = tiny_run();
  const ScapForecast f = scap_forecast(run.output.results, run.scenario);
  std::map<std::string, double> forecast;
  for (const auto& r : f.rows) forecast[r.year] += r.stats.mean;
  std::map<std::string, double> source;
  const std::set<std::string> ncys = {"R", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"};
  for (const auto& rep : run.output.results) {
    for (const auto& [key, v] : rep.find("ehc_by_year_group")->rows) {
      const bool specialist = !scap_shares(key[1]).empty() || key[1] == "awaiting_placement";
      if (specialist && ncys.contains(key[2]) && forecast.contains(key[0])) {
        source[key[0]] += v / static_cast<double>(run.output.results.size());
      }
    }
  }
  ASSERT_FALSE(forecast.empty());
  for (const auto& [year, v] : forecast) EXPECT_NEAR(v, source[year], 1e-9 * std::max(1.0, v)) << year;
}

TEST(DfeTables, DsgGridShapeAndTotals) {
  const TinyRun& run = tiny_run();
  const DsgPlanGrid g = dsg_plan_grid(run.output.results);
  EXPECT_FALSE(g.comparison);
  std::set<std::string> years;
  for (const auto& r : run.output.results) {
    for (const auto& [key, v] : r.find("ehc_snapshot")->rows) years.insert(key[0]);
  }
  std::map<std::string, std::size_t> rows_per;  // sheet|breakdown -> rows
  std::set<std::string> keys;
  std::map<std::string, double> age_total;
  std::map<std::string, double> need_total;
  std::size_t summary = 0;
  for (const auto& r : g.rows) {
    EXPECT_TRUE(keys.insert(r.key).second) << "duplicate key " << r.key;
    EXPECT_EQ(r.key, r.sheet + "|" + r.breakdown + "|" + r.label + "|" + r.year);
    EXPECT_EQ(r.value, std::llround(r.mean));
    if (r.sheet == "Summary") {
      ++summary;
      EXPECT_EQ(r.unit, "pounds");
      continue;
    }
    EXPECT_EQ(r.unit, "children");
    EXPECT_EQ(r.category, dsg_category_label(r.sheet));
    ++rows_per[r.sheet + "|" + r.breakdown];
    if (r.label == "Total") (r.breakdown == "Age group" ? age_total : need_total)[r.year] += r.mean;
    EXPECT_NE(r.label, "NSA");  // labels, not codes
  }
  EXPECT_EQ(rows_per.size(), 14u);  // 7 categories x 2 blocks
  for (const auto c : dsg_categories()) {
    EXPECT_EQ(rows_per[std::string(c) + "|Age group"], 6 * years.size()) << c;      // 5 bands + Total
    EXPECT_EQ(rows_per[std::string(c) + "|Primary need"], 14 * years.size()) << c;  // 13 needs + Total
  }
  // Every category's Totals add up to the EHC plans of the census.
  std::map<std::string, double> plans;
  for (const auto& r : run.output.results) {
    for (const auto& [key, v] : r.find("ehc_snapshot")->rows) plans[key[0]] += v / 3.0;
  }
  for (const auto& [y, v] : plans) {
    EXPECT_NEAR(age_total[y], v, 1e-9 * v) << y;
    EXPECT_NEAR(need_total[y], v, 1e-9 * v) << y;
  }
  EXPECT_GT(summary, 0u);
}

TEST(DfeTables, FinancialSummaryMarksThePartYearsAndHoldsTheDsgFigures) {
  const TinyRun& run = tiny_run();
  const DsgPlanGrid g = dsg_plan_grid(run.output.results);
  const auto partial = partial_financial_years(run.output.results);
  EXPECT_EQ(partial, (std::vector<std::string>{"2021-22", "2025-26"}));
  for (const auto& r : g.rows) {
    if (r.sheet != "Summary") continue;
    EXPECT_EQ(r.partial, std::find(partial.begin(), partial.end(), r.year) != partial.end()) << r.key;
    if (r.label == "Cumulative balance (negative: deficit)") {
      double sum = 0;
      for (const auto& rep : run.output.results)
        sum += rep.find("dsg")->rows.at({r.year, "cumulative_balance"});
      EXPECT_NEAR(r.mean, sum / 3.0, 1e-6) << r.year;
    }
  }
  write_dsg_plan_grid(run.scratch.path() / "grid.csv", g);
  const auto lines = lines_of(read_file(run.scratch.path() / "grid.csv"));
  ASSERT_EQ(lines.size(), g.rows.size() + 1);
  EXPECT_EQ(lines[0], "key,sheet,category,breakdown,label,year,unit,partial_year,value,mean");
}

TEST(DfeTables, AComparisonHasMitigatedColumns) {
  const TinyRun& run = tiny_run();
  // The "mitigated" run: the same replications with the DSG spend halved.
  std::vector<send::ReplicationResult> mitigated = run.output.results;
  for (auto& r : mitigated) {
    for (auto& t : r.tables) {
      if (t.info.name != "dsg") continue;
      for (auto& [key, v] : t.rows) {
        if (key[1] == "dsg_spend") v /= 2;
      }
    }
  }
  const DsgPlanGrid g = dsg_plan_grid(run.output.results, &mitigated);
  EXPECT_TRUE(g.comparison);
  bool checked = false;
  for (const auto& r : g.rows) {
    if (r.label != "High needs spend funded by the DSG") continue;
    EXPECT_TRUE(r.has_mitigated);
    EXPECT_NEAR(r.mitigated_mean, r.mean / 2, 1e-6 * std::max(1.0, r.mean));
    checked = true;
  }
  EXPECT_TRUE(checked);
  write_dsg_plan_grid(run.scratch.path() / "cmp.csv", g);
  const auto lines = lines_of(read_file(run.scratch.path() / "cmp.csv"));
  EXPECT_EQ(lines[0],
            "key,sheet,category,breakdown,label,year,unit,partial_year,value,mean,mitigated_value,"
            "mitigated_mean");
}

TEST(DfeTables, MissingSourceTablesGiveNoRows) {
  const std::vector<send::ReplicationResult> none = {send::ReplicationResult{}};
  EXPECT_TRUE(scap_forecast(none, kent_like()).rows.empty());
  for (const auto& r : dsg_plan_grid(none).rows) EXPECT_EQ(r.sheet, "Summary");
  EXPECT_TRUE(dsg_plan_grid(none).rows.empty());
}

}  // namespace
}  // namespace sendsim::output
