// tests/appraise/sufficiency_test.cpp: sufficiency.csv. The rule for the
// year a gap opens at its edges (never opens, open from the start, opens
// later, opens and closes again, an empty run); the gap and its probability
// from hand-made replications; and on a real replication of the tiny model,
// the places it apportions add up to the commissioned places of the
// enhanced and special settings in the area.
#include "output/sufficiency.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "run/runner.hpp"
#include "scenario/loader.hpp"

namespace sendsim::output {
namespace {

using Series = std::vector<std::pair<int, double>>;

TEST(GapOpens, NeverWhenBelowTheThresholdThroughout) {
  const Series s = {{2022, 0.0}, {2023, 0.2}, {2024, 0.49}};
  const GapOpening g = first_gap_year(s);
  EXPECT_EQ(g.kind, GapOpening::Kind::kNever);
  EXPECT_FALSE(g.year.has_value());
  EXPECT_FALSE(g.first_seen.has_value());
  EXPECT_EQ(gap_opening_code(g.kind), "never");
}

TEST(GapOpens, FromTheStartWhenOpenAtEveryCensus) {
  const Series s = {{2022, 0.5}, {2023, 1.0}, {2024, 0.75}};
  const GapOpening g = first_gap_year(s);
  EXPECT_EQ(g.kind, GapOpening::Kind::kFromStart);
  EXPECT_EQ(g.year, 2022);
  EXPECT_EQ(g.first_seen, 2022);
  EXPECT_EQ(gap_opening_code(g.kind), "from_start");
}

TEST(GapOpens, AtTheFirstCensusFromWhichItStaysOpen) {
  // Open in 2023, closed in 2024 (a school opened), open again from 2025.
  const Series s = {{2022, 0.1}, {2023, 0.6}, {2024, 0.3}, {2025, 0.5}, {2026, 0.9}};
  const GapOpening g = first_gap_year(s);
  EXPECT_EQ(g.kind, GapOpening::Kind::kOpens);
  EXPECT_EQ(g.year, 2025);
  EXPECT_EQ(g.first_seen, 2023);
}

TEST(GapOpens, NeverWhenItClosesBeforeTheEnd) {
  const Series s = {{2022, 0.9}, {2023, 0.9}, {2024, 0.4}};
  const GapOpening g = first_gap_year(s);
  EXPECT_EQ(g.kind, GapOpening::Kind::kNever);
  EXPECT_FALSE(g.year.has_value());
  EXPECT_EQ(g.first_seen, 2022);
}

TEST(GapOpens, OpenOnlyAtTheLastCensus) {
  const Series s = {{2022, 0.0}, {2023, 0.5}};
  const GapOpening g = first_gap_year(s);
  EXPECT_EQ(g.kind, GapOpening::Kind::kOpens);
  EXPECT_EQ(g.year, 2023);
}

TEST(GapOpens, AnEmptyRunNeverOpens) {
  const GapOpening g = first_gap_year(Series{});
  EXPECT_EQ(g.kind, GapOpening::Kind::kNever);
  EXPECT_FALSE(g.year.has_value());
}

send::ReplicationResult replication(std::size_t r,
                                    const std::vector<std::pair<std::vector<std::string>, double>>& rows) {
  send::ReplicationResult out;
  out.replication = r;
  send::Table t;
  t.info = {"sufficiency_snapshot",
            {"year", "district", "need", "provision", "measure"},
            "places or children",
            send::Missing::kZero,
            ""};
  for (const auto& [key, value] : rows) t.add(key, value);
  out.tables.push_back(std::move(t));
  return out;
}

TEST(Sufficiency, GapAndProbabilityFromTheReplications) {
  // North SEMH special: 10 places; 8, 12, 10 and 14 children need one (the
  // third exactly fills it, which is no gap). South has 3 spare places in
  // every replication, so the county nets them off.
  std::vector<send::ReplicationResult> reps;
  const double placed[] = {8, 9, 9, 10};
  const double waiting[] = {0, 2, 1, 3};
  const double elsewhere[] = {0, 1, 0, 1};
  for (std::size_t r = 0; r < 4; ++r) {
    reps.push_back(replication(r, {{{"2023", "North", "SEMH", "special", "places"}, 10},
                                   {{"2023", "North", "SEMH", "special", "placed"}, placed[r]},
                                   {{"2023", "North", "SEMH", "special", "waiting"}, waiting[r]},
                                   {{"2023", "North", "SEMH", "special", "placed_elsewhere"}, elsewhere[r]},
                                   {{"2023", "South", "SEMH", "special", "places"}, 5},
                                   {{"2023", "South", "SEMH", "special", "placed"}, 2},
                                   {{"2024", "North", "SEMH", "special", "places"}, 10}}));
  }
  const std::vector<SufficiencyRow> rows = sufficiency_rows(reps);
  ASSERT_EQ(rows.size(), 6u);  // North, South, total; 2023 and 2024 each
  const SufficiencyRow& north = rows[0];
  EXPECT_EQ(north.district, "North");
  EXPECT_EQ(north.year, 2023);
  EXPECT_DOUBLE_EQ(north.places, 10);
  EXPECT_DOUBLE_EQ(north.needing, 11);  // (8 + 12 + 10 + 14) / 4
  EXPECT_DOUBLE_EQ(north.gap.mean, 1);
  EXPECT_DOUBLE_EQ(north.p_gap_positive, 0.5);  // 12 and 14 of 10; 10 of 10 is no gap
  EXPECT_EQ(north.gap.n, 4);
  // 2024: places and no child, a gap of -10 in every replication.
  EXPECT_EQ(rows[1].year, 2024);
  EXPECT_DOUBLE_EQ(rows[1].gap.mean, -10);
  EXPECT_DOUBLE_EQ(rows[1].p_gap_positive, 0);
  EXPECT_EQ(north.opening.kind, GapOpening::Kind::kNever);  // closed at the last census
  EXPECT_EQ(north.opening.first_seen, 2023);
  EXPECT_EQ(rows[2].district, "South");
  const SufficiencyRow& total = rows[4];
  EXPECT_EQ(total.district, kSufficiencyTotal);
  EXPECT_DOUBLE_EQ(total.places, 15);
  EXPECT_DOUBLE_EQ(total.gap.mean, 11 + 2 - 15);
  EXPECT_DOUBLE_EQ(total.p_gap_positive, 0.25);  // only 14 + 2 > 15
}

TEST(Sufficiency, NoTableNoRows) {
  std::vector<send::ReplicationResult> reps(2);
  EXPECT_TRUE(sufficiency_rows(reps).empty());
}

TEST(Sufficiency, ApportionedPlacesAddUpToTheCommissionedPlaces) {
  const send::Scenario sc =
      scenario::load_scenario(std::filesystem::path(SENDSIM_SOURCE_DIR) / "tests/scenarios/tiny-short.yaml");
  run::RunOptions options = run::RunOptions::from_spec(sc.run);
  options.replications = 1;
  const run::RunOutput out = run::run_scenario(sc, options);
  ASSERT_EQ(out.results.size(), 1u);
  const send::ReplicationResult& r = out.results[0];
  const send::Table* suff = r.find("sufficiency_snapshot");
  const send::Table* occ = r.find("occupancy");
  ASSERT_NE(suff, nullptr);
  ASSERT_NE(occ, nullptr);
  std::map<std::string, double> apportioned, commissioned;
  for (const auto& [key, v] : suff->rows) {
    if (key[4] == "places") apportioned[key[0]] += v;
  }
  std::map<std::string, std::pair<send::SettingType, bool>> kind;  // setting -> type, in area
  std::map<std::string, bool> in_area;
  for (const auto& d : sc.model.districts) in_area[d.name] = d.in_area;
  for (const auto& s : sc.model.settings) kind[s.name] = {s.type, in_area[s.district]};
  for (const auto& p : sc.model.capital_programme) {
    if (p.action == send::CapitalAction::kOpen)
      kind[p.setting.name] = {p.setting.type, in_area[p.setting.district]};
  }
  for (const auto& [key, v] : occ->rows) {
    if (key[2] != "places") continue;
    const auto [type, local] = kind.at(key[1]);
    if (local && (type == send::SettingType::kEnhanced || type == send::SettingType::kSpecial))
      commissioned[key[0]] += v;
  }
  ASSERT_FALSE(commissioned.empty());
  for (const auto& [year, places] : commissioned) EXPECT_NEAR(apportioned[year], places, 1e-9) << year;
  // Every child counted is a plan holder: placed + waiting + elsewhere <= plans.
  std::map<std::string, double> needing, plans;
  for (const auto& [key, v] : suff->rows) {
    if (key[4] != "places") needing[key[0]] += v;
  }
  for (const auto& [key, v] : r.find("ehc_snapshot")->rows) plans[key[0]] += v;
  for (const auto& [year, n] : needing) EXPECT_LE(n, plans[year]) << year;
}

TEST(Sufficiency, CsvHasTheDocumentedColumns) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("sufficiency-" + std::to_string(::getpid()) + ".csv");
  std::vector<send::ReplicationResult> reps;
  reps.push_back(replication(0, {{{"2023", "North", "ASD", "enhanced", "places"}, 2}}));
  write_sufficiency(file, sufficiency_rows(reps));
  std::ifstream in(file);
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
  std::filesystem::remove(file);
  EXPECT_EQ(
      header,
      "district,need,provision,year,places,placed,waiting,placed_elsewhere,needing,n,gap_mean,gap_ci_low,"
      "gap_ci_high,gap_p5,gap_p95,p_gap_positive,gap_opens,gap_opens_year,gap_first_year");
  EXPECT_EQ(row, "North,ASD,enhanced,2023,2,0,0,0,0,1,-2,-2,-2,-2,-2,0,never,,");
}

}  // namespace
}  // namespace sendsim::output
