// tests/data_readers/published_test.cpp: load_published on the extract
// folder (real rows of 882 Southend-on-Sea, 883 Thurrock, 886 Kent, 352
// Manchester, 839 BCP, the Northamptonshire and Cumbria codes and England):
// every release layout, the figures against the raw lines, missing codes,
// the overlap rule, the 2023 break, reorganisations and find().
#include <gtest/gtest.h>

#include <sstream>

#include "fixture.hpp"

namespace sendsim::data {
namespace {

using testing::published;

double value(const ByYear& s, int year) {
  const auto it = s.find(year);
  EXPECT_NE(it, s.end()) << "no figure for " << year;
  if (it == s.end()) return -1;
  EXPECT_TRUE(it->second.ok()) << year << " is missing: '" << it->second.missing << "'";
  return it->second.value_or(-1);
}

const Figure& figure(const ByYear& s, int year) {
  static const Figure kNone;
  const auto it = s.find(year);
  EXPECT_NE(it, s.end()) << "no figure for " << year;
  return it == s.end() ? kNone : it->second;
}

int placement(Placement p) { return static_cast<int>(p); }

/// The `line`th line of a file of the extract folder.
std::string line_of(const std::string& rel, std::size_t line) {
  std::istringstream in(read_file_bytes(testing::published_folder() / rel, rel));
  std::string text;
  for (std::size_t i = 0; i < line && std::getline(in, text); ++i) {
  }
  return text;
}

TEST(Published, ReadsEveryFileOfTheFolder) {
  const auto& d = published();
  EXPECT_EQ(d.las.size(), 13u);
  EXPECT_EQ(d.files.size(), 29u);
  EXPECT_EQ(d.files.front(), "sen2/release-2022/sen2_age_caseload.csv.gz");
  EXPECT_EQ(d.files.back(), "s251/high_needs_benchmarking_tool_2021-22.csv.gz");
  // .csv (the 2026 sample) and .csv.gz (the rest) alike.
  EXPECT_NE(std::find(d.files.begin(), d.files.end(), "sen2/release-2026-sample/caseload.csv"),
            d.files.end());
}

TEST(Published, EnglandTotals) {
  const AreaData& e = published().england;
  EXPECT_EQ(e.name, "England");
  EXPECT_EQ(value(e.plans, 2019), 353995);
  EXPECT_EQ(value(e.plans, 2025), 638745);
  EXPECT_EQ(value(e.requests, 2019), 82329);
  EXPECT_EQ(value(e.requests, 2024), 154489);
  EXPECT_EQ(value(e.plans, 2010), 228221);  // statements only, 2022 release Total_all
  EXPECT_EQ(value(e.statements, 2018), 34097);
  EXPECT_EQ(value(e.appeal_rate_pct, 2024), 3.2);
  EXPECT_EQ(value(e.ehc_pct, 2025), 5.3);
  EXPECT_EQ(value(e.high_needs_block, 2020), 7063230381);
  EXPECT_EQ(value(e.pupils_in_special_schools, 2021), 149321.36);
}

TEST(Published, SouthendAgainstTheRawFiles) {
  const AreaData& a = published().find("882");
  EXPECT_EQ(a.name, "Southend-on-Sea");
  EXPECT_EQ(a.new_code, "E06000033");
  const std::vector<std::pair<int, double>> plans = {{2015, 938},  {2018, 1300}, {2019, 1318}, {2022, 1443},
                                                     {2023, 1541}, {2024, 1737}, {2025, 1992}};
  for (const auto& [year, v] : plans) EXPECT_EQ(value(a.plans, year), v) << year;
  EXPECT_EQ(value(a.requests, 2016), 254);  // 2022 release InreqEHC
  EXPECT_EQ(value(a.requests, 2023), 517);
  EXPECT_EQ(value(a.requests_refused, 2023), 120);
  EXPECT_EQ(value(a.requests_assessed, 2023), 331);
  EXPECT_EQ(value(a.new_plans, 2024), 309);
  EXPECT_EQ(value(a.issued_within_20_weeks_pct, 2018), 95.3);
  EXPECT_EQ(value(a.issued_within_20_weeks_pct, 2023), 3.8);
  EXPECT_EQ(value(a.issued_over_52_weeks_pct, 2024), 21.4);
  EXPECT_EQ(value(a.assessments_no_plan, 2024), 61);
  EXPECT_EQ(value(a.mainstream_to_special, 2020), 40);
  // Ceased: 2022 release sums of the four Dis*EHC columns, then the 2025 reasons.
  EXPECT_EQ(value(a.ceased, 2021), 48);
  EXPECT_EQ(figure(a.ceased, 2021).source.column, "DisleaEHC+DismetEHC+DisothEHC+DisleftEHC");
  EXPECT_EQ(value(a.ceased, 2024), 138);
  EXPECT_EQ(value(a.ceased_needs_met, 2024), 17);
  EXPECT_EQ(value(a.ceased_moved, 2024), 54);           // transfer 49 + moved outside England 5
  EXPECT_EQ(value(a.ceased_left_education, 2024), 67);  // he 9, employ 13, no_engage 43, deceased 2, ...
  EXPECT_EQ(value(a.ceased_max_age, 2024), 0);
  EXPECT_EQ(value(a.appeal_rate_pct, 2024), 2.2);
  EXPECT_EQ(value(a.ehc_pct, 2016), 3.2);  // LAIT "2016": the January 2016 census
  EXPECT_EQ(value(a.sen_support_pct, 2025), 12.5);
  EXPECT_EQ(a.population.at(2019)[0].value_or(-1), 2065);
  EXPECT_EQ(a.population.at(2019)[25].value_or(-1), 2155);
  EXPECT_EQ(a.population.at(2020)[0].value_or(-1), 1976);
  EXPECT_EQ(value(a.high_needs_block, 2021), 25456437);
  EXPECT_EQ(value(a.pupils_in_special_schools, 2021), 603);
  EXPECT_EQ(value(a.places_special, 2021), 607);  // special academies 528 pre-16 + 79 post-16 (Sep-Mar)
  EXPECT_EQ(value(a.places_enhanced, 2021), 57);  // 57 at 6,000 + 0 at 10,000 (Sep-Mar)
  EXPECT_EQ(a.s251_budget_year, 2021);
  EXPECT_EQ(a.s251_budget.size(), 27u);
  EXPECT_EQ(a.s251_budget.at("Place funding").value_or(-1), 6920000);
  EXPECT_EQ(
      a.s251_budget.at("Top up funding (non-maintained and independent schools and colleges)").value_or(-1),
      2886937);
}

TEST(Published, SourcesNameTheFileLineAndColumn) {
  const AreaData& a = published().find("882");
  const Figure& f = figure(a.plans, 2022);
  EXPECT_EQ(f.source.file, "sen2/release-2025/caseload.csv.gz");
  EXPECT_EQ(f.source.column, "ehcplans");
  EXPECT_EQ(f.source.line, 30u);
  EXPECT_EQ(line_of(f.source.file, f.source.line).rfind("202122,Academic year,Local authority", 0), 0u);
  const Figure& old = figure(a.plans, 2018);
  EXPECT_EQ(old.source.file, "sen2/release-2022/sen2_age_caseload.csv.gz");
  EXPECT_NE(line_of(old.source.file, old.source.line).find(",882,E06000033,Southend-on-Sea,Total,84,"),
            std::string::npos);
  const Figure& pop = a.population.at(2019)[3];
  EXPECT_EQ(pop.source.column, "3");
  EXPECT_EQ(line_of(pop.source.file, pop.source.line).rfind("\"E06000033\"", 0), 0u);
}

TEST(Published, Release2022LongByEstablishmentType) {
  const AreaData& a = published().find("882");
  // January 2018 (2022 release only): the groups sum to the establishment
  // file's own Total, 1,268, which is not the age file's 1,300 (plans): the
  // two files of the release disagree for this LA and year.
  double sum = 0;
  for (int g = 0; g < kPlacementCount; ++g) sum += value(a.plans_by_placement[g], 2018);
  EXPECT_EQ(sum, 1268);
  EXPECT_EQ(value(a.plans, 2018), 1300);
  EXPECT_EQ(value(a.plans_by_placement[placement(Placement::kSpecialState)], 2018), 498);
  EXPECT_EQ(value(a.plans_by_placement[placement(Placement::kEnhanced)], 2018), 56);
  EXPECT_EQ(figure(a.plans_by_placement[placement(Placement::kOther)], 2018).source.column,
            "Total_all, Total less the other placement groups");
  EXPECT_EQ(value(a.new_plans_by_placement[placement(Placement::kMainstream)], 2018), 82);
  // Bands from the 2022 release's age files.
  EXPECT_EQ(value(a.plans_by_age_band[0], 2019), 61);
  EXPECT_EQ(value(a.new_plans_by_age_band[1], 2021), 80);
}

TEST(Published, Release2025Layout) {
  const AreaData& a = published().find("882");
  // January 2024: special_academy_free (the 2025 caseload).
  const Figure& state = figure(a.plans_by_placement[placement(Placement::kSpecialState)], 2024);
  EXPECT_EQ(state.value_or(-1), 626);
  EXPECT_EQ(state.source.column, "special_la_maintained+special_academy_free");
  EXPECT_EQ(value(a.plans_by_placement[placement(Placement::kMainstream)], 2024), 701);
  EXPECT_EQ(value(a.plans_by_placement[placement(Placement::kEnhanced)], 2024), 28);
  double sum = 0;
  for (int g = 0; g < kPlacementCount; ++g) sum += value(a.plans_by_placement[g], 2024);
  EXPECT_EQ(sum, 1737);
  // Ceased with not_rec; timeliness without average weeks.
  EXPECT_NE(figure(a.ceased_left_education, 2024).source.column.find("not_rec"), std::string::npos);
  EXPECT_FALSE(a.average_weeks_to_issue.count(2024));
  // Needs (2025: Down syndrome inside OTH, so no DS figure).
  EXPECT_EQ(value(a.plans_by_need[0], 2025), 625);  // ASD
  EXPECT_EQ(value(a.plans_by_need[11], 2025), 7);   // OTH
  EXPECT_EQ(value(a.plans_by_need[12], 2025), 0);   // need not recorded
  EXPECT_TRUE(a.plans_by_need[13].empty());         // DS
  double needs = 0;
  for (int n = 0; n < kPublishedNeedCount - 1; ++n) needs += value(a.plans_by_need[n], 2025);
  EXPECT_EQ(needs, 1992);
}

TEST(Published, Release2026Layout) {
  const AreaData& a = published().find("882");
  // January 2025 from the 2026 sample: special_academy and special_free_school.
  const Figure& state = figure(a.plans_by_placement[placement(Placement::kSpecialState)], 2025);
  EXPECT_EQ(state.value_or(-1), 635);  // 24 + 611 + 0
  EXPECT_EQ(state.source.column, "special_la_maintained+special_academy+special_free_school");
  EXPECT_EQ(state.source.file, "sen2/release-2026-sample/caseload.csv");
  EXPECT_EQ(value(a.plans_by_placement[placement(Placement::kMainstream)], 2025), 862);  // 882 - 20
  EXPECT_EQ(value(a.plans_by_placement[placement(Placement::kEnhanced)], 2025), 20);
  EXPECT_EQ(value(a.plans_by_placement[placement(Placement::kFurtherEducation)], 2025), 256);  // 258 - 2
  EXPECT_EQ(value(a.plans_by_placement[placement(Placement::kOther)], 2025), 165);
  EXPECT_EQ(value(a.new_plans, 2025), 581);
  EXPECT_EQ(value(a.requests, 2025), 662);
  EXPECT_EQ(value(a.issued_within_20_weeks_pct, 2025), 47);
  EXPECT_EQ(value(a.issued_over_52_weeks_pct, 2025), 12.7);
  EXPECT_EQ(value(a.average_weeks_to_issue, 2025), 28.4);
  // Hertfordshire and Norfolk appear only in the sample; Norfolk's 20-week rates are "x" there.
  EXPECT_EQ(published().find("919").name, "Hertfordshire");
  EXPECT_EQ(figure(published().find("926").issued_over_52_weeks_pct, 2025).value_or(-1), 4.7);
  EXPECT_EQ(figure(published().find("926").issued_within_20_weeks_pct, 2025).value_or(-1), 59);
}

TEST(Published, SingleAgesSumIntoBands) {
  const AreaData& a = published().find("882");
  EXPECT_EQ(value(a.plans_by_age_band[0], 2025), 120);  // under 3 (1) + 3 (25) + 4 (94)
  EXPECT_EQ(value(a.plans_by_age_band[4], 2025), 99);   // 20..25
  double bands = 0;
  for (int b = 0; b < kAgeBandCount; ++b) bands += value(a.plans_by_age_band[b], 2025);
  EXPECT_EQ(bands, 1992);
  EXPECT_EQ(value(a.requests_by_age_band[0], 2023), 145);  // aged 2 and under, 3, 4
  // No 20-and-over row in 2023: zero, and the source says so.
  const Figure& none = figure(a.requests_by_age_band[4], 2023);
  EXPECT_EQ(none.value_or(-1), 0);
  EXPECT_NE(none.source.column.find("no rows: 0"), std::string::npos);
  EXPECT_EQ(value(a.ceased_by_age_band[3], 2024) + value(a.ceased_by_age_band[4], 2024) +
                value(a.ceased_by_age_band[0], 2024) + value(a.ceased_by_age_band[1], 2024) +
                value(a.ceased_by_age_band[2], 2024),
            138);
  EXPECT_FALSE(a.plans_by_age_band[0].count(2023));  // no age breakdown of January 2023 is published
}

TEST(Published, MissingCodesStayMissing) {
  const auto& d = published();
  const Figure& x = figure(d.england.requests_assessed, 2019);
  EXPECT_FALSE(x.ok());
  EXPECT_EQ(x.missing, "x");
  EXPECT_EQ(figure(d.england.statements, 2019).missing, "z");
  EXPECT_EQ(figure(d.find("882").requests, 2014).missing, "z");
  const Figure& empty = d.find("928").s251_budget.at("Place funding");  // Northamptonshire: empty cells
  EXPECT_FALSE(empty.ok());
  EXPECT_EQ(empty.missing, "");
  EXPECT_EQ(figure(d.find("928").ehc_pct, 2022).missing, "-");           // LAIT
  EXPECT_EQ(figure(d.find("940").appeal_rate_pct, 2019).missing, "..");  // tribunal table
  EXPECT_EQ(figure(d.find("928").appeal_rate_pct, 2024).missing, "");
}

TEST(Published, QuotedNamesWithCommas) {
  const AreaData& bcp = published().find("839");
  EXPECT_EQ(bcp.name, "Bournemouth, Christchurch and Poole");
  // The tribunal row "Bournemouth, Christchurch and Poole5" found by name.
  EXPECT_EQ(value(bcp.appeal_rate_pct, 2024), 2.9);
  EXPECT_EQ(figure(bcp.appeal_rate_pct, 2018).missing, "..");
}

TEST(Published, TribunalRowsAreReadByName) {
  const auto& d = published();
  // The table gives Northamptonshire code 892 (Nottingham's); its name decides.
  EXPECT_EQ(value(d.find("928").appeal_rate_pct, 2014), 1.0);
  EXPECT_EQ(value(d.find("928").appeal_rate_pct, 2020), 2.6);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_NE(d.notes[0].find("'Northamptonshire7' has LA code 892 here; read as 928 Northamptonshire"),
            std::string::npos);
  EXPECT_EQ(value(d.find("942").appeal_rate_pct, 2023), 1.0);
  EXPECT_EQ(figure(d.find("942").appeal_rate_pct, 2023).source.column, "SEND Tribunal Appeal Rate2 2023");
}

TEST(Published, LaterReleasesWin) {
  const AreaData& a = published().find("882");
  // 2019-2022 are in the 2022 and 2025 releases: the 2025 release's figures are kept.
  EXPECT_EQ(figure(a.plans, 2019).source.file, "sen2/release-2025/caseload.csv.gz");
  EXPECT_EQ(figure(a.requests, 2021).source.file, "sen2/release-2025/requests.csv.gz");
  EXPECT_EQ(figure(a.issued_within_20_weeks_pct, 2019).source.file,
            "sen2/release-2025/timeliness_20_week.csv.gz");
  EXPECT_EQ(figure(a.requests, 2018).source.file, "sen2/release-2022/sen2_mi.csv.gz");
  // 2024 is in the 2025 release and the 2026 sample: the sample's.
  EXPECT_EQ(figure(a.requests, 2024).source.file, "sen2/release-2026-sample/requests.csv");
  EXPECT_EQ(figure(a.requests, 2024).source.line, 2u);
  EXPECT_EQ(figure(published().find("883").requests, 2024).source.file,
            "sen2/release-2026-sample/requests.csv");
}

TEST(Published, LaterReleasesWinEvenWhenTheyDiffer) {
  const testing::ScratchCopy copy;
  copy.rewrite("sen2/release-2026-sample/requests.csv", [](std::string t) {
    return testing::replace_once(t, "All requests for an EHC needs assessment,569,",
                                 "All requests for an EHC needs assessment,570,");
  });
  copy.rewrite("sen2/release-2025/caseload.csv.gz", [](std::string t) {
    return testing::replace_once(t, "882,Southend-on-Sea,All EHC plans,All EHC plans,1318,",
                                 "882,Southend-on-Sea,All EHC plans,All EHC plans,1319,");
  });
  const PublishedData d = load_published(copy.root());
  EXPECT_EQ(value(d.find("882").requests, 2024), 570);  // 2026 over 2025
  EXPECT_EQ(value(d.find("882").plans, 2019), 1319);    // 2025 over 2022 (1318)
  EXPECT_EQ(value(d.find("882").plans, 2018), 1300);    // 2022 release only
}

TEST(Published, ATotalRowThatIsNotTheSumOfItsAgesIsCorrected) {
  // The 2025 release's new plans for 2022 give every LA of Yorkshire and the
  // Humber the region's total (York: 6078, its ages 100). The same error, made
  // in Kent's row (its ages sum to 2314), is read as the sum and reported.
  for (const auto& [code, a] : published().las) {
    for (const auto& b : a.breaks) EXPECT_NE(b.series, "corrected_total") << code << ": " << b.what;
  }
  const testing::ScratchCopy copy;
  copy.rewrite("sen2/release-2025/newplans.csv.gz", [](std::string t) {
    return testing::replace_once(t, "886,Kent,New EHC plans,New EHC plans,2314,",
                                 "886,Kent,New EHC plans,New EHC plans,9185,");
  });
  const PublishedData d = load_published(copy.root());
  const AreaData& kent = d.find("886");
  EXPECT_EQ(value(kent.new_plans, 2022), 2314);
  EXPECT_EQ(value(kent.new_plans_by_placement[placement(Placement::kOther)], 2022),
            value(published().find("886").new_plans_by_placement[placement(Placement::kOther)], 2022));
  EXPECT_EQ(figure(kent.new_plans, 2022).source.column,
            "new_ehc_plans as the sum of its ages (the total row's 9185 is not: corrected)");
  std::vector<Finding> corrected;
  for (const auto& f : check_area(kent)) {
    if (f.kind == "corrected") corrected.push_back(f);
  }
  ASSERT_EQ(corrected.size(), 1u);
  EXPECT_EQ(corrected[0].year, 2022);
  EXPECT_EQ(corrected[0].message,
            "new_ehc_plans 2022: the total row's 9185 is not the sum of its ages (2314); the sum is used");
  EXPECT_EQ(corrected[0].source.file, "sen2/release-2025/newplans.csv");
  EXPECT_EQ(corrected[0].source.line, 174u);
  // Within 10% it is the publisher's figure, as read.
  copy.rewrite("sen2/release-2025/newplans.csv", [](std::string t) {
    return testing::replace_once(t, "886,Kent,New EHC plans,New EHC plans,9185,",
                                 "886,Kent,New EHC plans,New EHC plans,2500,");
  });
  EXPECT_EQ(value(load_published(copy.root()).find("886").new_plans, 2022), 2500);
}

TEST(Published, TheReleaseOf2026IsOptional) {
  const testing::ScratchCopy copy;
  std::filesystem::remove_all(copy / "sen2/release-2026-sample");
  const PublishedData d = load_published(copy.root());
  EXPECT_EQ(d.files.size(), 25u);
  EXPECT_EQ(value(d.find("882").requests, 2024), 569);
  EXPECT_EQ(figure(d.find("882").requests, 2024).source.file, "sen2/release-2025/requests.csv.gz");
  EXPECT_FALSE(d.find("882").requests.count(2025));
  EXPECT_EQ(d.las.size(), 11u);  // no Hertfordshire or Norfolk
}

TEST(Published, The2023CollectionBreakIsRecorded) {
  const auto& d = published();
  for (const char* code : {"882", "883", "886", "352", "909", "940", "941", "942", "943", "839"}) {
    const auto& breaks = d.find(code).breaks;
    const auto it =
        std::find_if(breaks.begin(), breaks.end(), [](const SeriesBreak& b) { return b.series == "sen2"; });
    ASSERT_NE(it, breaks.end()) << code;
    EXPECT_EQ(it->year, 2023);
    EXPECT_NE(it->what.find("person-level"), std::string::npos);
    EXPECT_EQ(it->source.file, "sen2/release-2025/caseload.csv.gz");
  }
  EXPECT_EQ(d.england.breaks.size(), 1u);
  EXPECT_EQ(d.england.breaks[0].series, "sen2");
  // Northamptonshire ended before 2023: its series never cross the break.
  for (const auto& b : d.find("928").breaks) EXPECT_NE(b.series, "sen2");
}

TEST(Published, Reorganisations) {
  const auto& d = published();
  const AreaData& northants = d.find("928");
  EXPECT_EQ(northants.last_year, 2021);  // last census January 2021
  EXPECT_EQ(northants.first_year, 0);
  EXPECT_TRUE(northants.predecessors.empty());
  EXPECT_EQ(value(northants.plans, 2021), 4847);
  EXPECT_FALSE(northants.plans.count(2022));
  for (const char* code : {"940", "941"}) {
    const AreaData& a = d.find(code);
    EXPECT_EQ(a.predecessors, std::vector<std::string>{"928"}) << code;
    EXPECT_EQ(a.first_year, 2021) << code;  // flows of calendar year 2021, first census January 2022
    EXPECT_EQ(a.plans.begin()->first, 2022) << code;
    EXPECT_EQ(a.requests.begin()->first, 2021) << code;
    const auto it = std::find_if(a.breaks.begin(), a.breaks.end(),
                                 [](const SeriesBreak& b) { return b.series == "la_boundary"; });
    ASSERT_NE(it, a.breaks.end());
    EXPECT_EQ(it->year, 2021);
    EXPECT_NE(it->what.find("from 928 Northamptonshire"), std::string::npos) << it->what;
    EXPECT_NE(it->what.find("January censuses 2022-2025"), std::string::npos) << it->what;
  }
  EXPECT_EQ(value(d.find("940").plans, 2022), 2842);
  const AreaData& cumbria = d.find("909");
  EXPECT_EQ(cumbria.last_year, 2023);  // January 2023 census
  EXPECT_EQ(value(cumbria.plans, 2023), 4489);
  for (const char* code : {"942", "943"}) {
    const AreaData& a = d.find(code);
    EXPECT_EQ(a.predecessors, std::vector<std::string>{"909"}) << code;
    EXPECT_EQ(a.first_year, 2023) << code;
    EXPECT_EQ(a.plans.begin()->first, 2024) << code;
  }
  const AreaData& bcp = d.find("839");
  EXPECT_EQ(bcp.predecessors, (std::vector<std::string>{"835", "836", "837"}));
  EXPECT_EQ(bcp.first_year, 2019);
  EXPECT_EQ(d.find("882").first_year, 0);
  EXPECT_EQ(d.find("882").last_year, 0);
  EXPECT_TRUE(d.find("882").predecessors.empty());
  // Population keyed by the 2020 upper-tier codes: Northamptonshire's (mid-2019 only:
  // the mid-2020 file has no row for it), none for its successors.
  EXPECT_EQ(northants.population.at(2019)[0].value_or(-1), 8613);
  EXPECT_FALSE(northants.population.count(2020));
  EXPECT_TRUE(d.find("940").population.empty());
}

TEST(Published, FindByOldAndNewCode) {
  const auto& d = published();
  EXPECT_EQ(&d.find("882"), &d.las.at("882"));
  EXPECT_EQ(&d.find("E06000033"), &d.las.at("882"));
  EXPECT_EQ(&d.find(" e10000016 "), &d.las.at("886"));
  EXPECT_EQ(d.find("E06000061").name, "North Northamptonshire");
  EXPECT_EQ(d.new_codes.at("E10000021"), "928");
}

TEST(Published, AnUnknownCodeNamesTheFolder) {
  const auto& d = published();
  const std::string expected = testing::published_folder().string() +
                               ": no local authority 999 in the published files (13 authorities, e.g. 882 "
                               "Southend-on-Sea)";
  EXPECT_EQ(testing::data_error([&] { (void)d.find("999"); }), expected);
  const std::string expected_new =
      testing::published_folder().string() +
      ": no local authority E06000099 in the published files (13 authorities, e.g. "
      "882 Southend-on-Sea)";
  EXPECT_EQ(testing::data_error([&] { (void)d.find("E06000099"); }), expected_new);
}

TEST(Published, ListSeriesNamesEverySeries) {
  const auto series = list_series(published().find("882"));
  EXPECT_EQ(series.front().name, "plans");
  const auto has = [&](const std::string& name) {
    return std::any_of(series.begin(), series.end(), [&](const NamedSeries& s) { return s.name == name; });
  };
  EXPECT_TRUE(has("plans_by_placement.special_state"));
  EXPECT_TRUE(has("plans_by_age_band.under_5"));
  EXPECT_TRUE(has("plans_by_need.DS"));
  EXPECT_TRUE(has("ceased_by_age_band.20-25"));
  EXPECT_TRUE(has("places_enhanced"));
  EXPECT_EQ(series.size(), 2u + 10 + 5 + 14 + 3 + 5 + 1 + 10 + 5 + 4 + 5 + 5 + 1 + 1 + 2 + 4);
}

}  // namespace
}  // namespace sendsim::data
