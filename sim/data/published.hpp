// sim/data/published.hpp: the DfE's, ONS's and ESFA's published files read as
// they are, into plain per-LA series with their missing-value codes and the
// file, line and column each figure came from. No modelling here: the
// calibration (sim/calibrate/) decides what to do with a gap.
//
// Year keys (one rule for every series):
//   stocks  the January census of that calendar year (SEN2 "201819" and
//           "2019" both mean January 2019; LAIT school census the same);
//   flows   the calendar year January-December (requests, new plans, ceased);
//   finance the financial year by its first calendar year (2021 = 2021-22);
//   population the mid-year estimate's year (mid-2019 = 2019).
//
// Releases: SEN2 2022 (aggregate collection, 2010-2022), 2025 (person-level
// from 2023, back-series 2019-2022) and 2026 (revises 2023 and 2024). Where
// releases overlap the later release's figure is kept (the earlier one is
// dropped, not averaged) and a SeriesBreak records January 2023, when the
// collection changed.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sendsim::data {

/// A published file that cannot be read as a known layout, or a request for
/// something it does not hold. what() is "FILE:LINE: MESSAGE" (LINE 1-based,
/// left out when the problem is the whole file, e.g. "FILE: no such file").
class DataError : public std::runtime_error {
 public:
  DataError(const std::string& file, std::size_t line, const std::string& message);
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  [[nodiscard]] std::size_t line() const noexcept { return line_; }

 private:
  std::string file_;
  std::size_t line_;
};

/// Where a figure came from: the file (as given, relative to the data
/// folder), its 1-based line and the column's name.
struct Source {
  std::string file;
  std::size_t line = 0;
  std::string column;
};

/// One published figure: a number, or missing with the publisher's code:
/// "x" unavailable or suppressed, "z" not applicable, "c" confidential,
/// "low" (fewer than 0.5), "" an empty cell. Never read as zero.
struct Figure {
  std::optional<double> value;
  std::string missing;  // the code when !value
  Source source;
  [[nodiscard]] bool ok() const noexcept { return value.has_value(); }
  [[nodiscard]] double value_or(double fallback) const noexcept { return value.value_or(fallback); }
};

/// A series by year (see the header comment for what the year means).
using ByYear = std::map<int, Figure>;

/// SEN2 placement groups, the finest split every release gives. kOther is
/// read as the total less the other nine, so that the ten sum to the total.
enum class Placement : std::uint8_t {
  kMainstream,    // mainstream schools (LA maintained, academy, free, independent), excluding the next
  kEnhanced,      // SEN units and resourced provision in mainstream schools
  kSpecialState,  // LA-maintained special, special academies and free schools (and hospital schools)
  kSpecialNonMaintained,  // non-maintained special schools
  kSpecialIndependent,    // independent special schools
  kFurtherEducation,      // general FE and tertiary colleges, sixth-form colleges, other FE, UKRLP providers
  kSpecialistPost16,      // specialist post-16 institutions
  kAlternativeProvision,  // AP and PRUs
  kEarlyYears,            // non-maintained early years
  kOther,                 // educated elsewhere, home education, NEET, awaiting provision, other, unknown
};
inline constexpr int kPlacementCount = 10;
inline constexpr std::array<std::string_view, kPlacementCount> kPlacementCodes = {
    "mainstream",          "enhanced",
    "special_state",       "special_non_maintained",
    "special_independent", "further_education",
    "specialist_post16",   "alternative_provision",
    "early_years",         "other"};

/// SEN2 age bands: under 5, 5-10, 11-15, 16-19, 20-25 (the same order as
/// send::kAgeBandCodes).
inline constexpr int kAgeBandCount = 5;

/// Primary needs as published: the 13 DfE codes in send::kNeedCodes order,
/// then Down syndrome (a primary need from the 2026 release on).
inline constexpr int kPublishedNeedCount = 14;
inline constexpr std::array<std::string_view, kPublishedNeedCount> kPublishedNeedCodes = {
    "ASD", "SEMH", "SLCN", "MLD", "SLD", "PMLD", "SpLD", "PD", "HI", "VI", "MSI", "OTH", "NSA", "DS"};

/// A change in how a series is collected or bounded, kept so that nothing
/// smooths over it.
struct SeriesBreak {
  int year = 0;
  std::string series;  // e.g. "sen2", "la_boundary"
  std::string what;    // one line, e.g. "SEN2 person-level collection from January 2023"
  Source source;
};

/// Everything published about one LA (or England, or a region).
struct AreaData {
  std::string old_code;  // three digits, e.g. "882"; "" for England
  std::string new_code;  // e.g. "E06000033"
  std::string name;
  /// Reorganisations: the LA(s) it was formed from and the first year the
  /// SEN2 files hold a figure for it, flows or census (e.g. 940 North
  /// Northamptonshire: {"928"}, 2021: flows from calendar year 2021, first
  /// census January 2022); for an LA that ended, the last such year
  /// (Northamptonshire 928: 2021, its last census January 2021). The years
  /// come from the files; the breaks' text gives the census years.
  std::vector<std::string> predecessors;
  int first_year = 0;  // 0: no reorganisation known
  int last_year = 0;   // 0: still exists

  // SEN2 stock, January census.
  ByYear
      plans;  // all EHC plans (0-25); before 2019 statements and EHC plans combined (2022 release Total_all)
  ByYear statements;  // of which statements of SEN (2022 release Total_st: to January 2018, "z" after)
  std::array<ByYear, kPlacementCount> plans_by_placement;
  std::array<ByYear, kAgeBandCount> plans_by_age_band;
  std::array<ByYear, kPublishedNeedCount> plans_by_need;

  // SEN2 flows, calendar year.
  ByYear requests;           // requests for an EHC needs assessment received
  ByYear requests_refused;   // decided not to assess
  ByYear requests_assessed;  // decided to assess (2019 on where published)
  std::array<ByYear, kAgeBandCount> requests_by_age_band;
  ByYear new_plans;  // EHC plans issued for the first time
  std::array<ByYear, kPlacementCount> new_plans_by_placement;
  std::array<ByYear, kAgeBandCount> new_plans_by_age_band;
  ByYear assessments_no_plan;         // assessments completed, decided not to issue a plan
  ByYear issued_within_20_weeks_pct;  // including exceptions, percent
  ByYear issued_over_52_weeks_pct;    // percent; 2023 on
  ByYear average_weeks_to_issue;  // average weeks from request to plan, including exceptions; 2026 release on
  ByYear ceased;                  // all ceased plans
  ByYear ceased_needs_met;
  ByYear ceased_moved;           // transferred to another LA or moved outside England
  ByYear ceased_left_education;  // higher education, employment, no longer engaging, other, not recorded,
                                 // deceased
  ByYear ceased_max_age;         // reached the maximum age
  std::array<ByYear, kAgeBandCount> ceased_by_age_band;
  ByYear mainstream_to_special;  // 2022 release MtosiEHC
  ByYear appeal_rate_pct;        // SEND Tribunal appeals per 100 appealable decisions

  // LAIT (school census, January): percent of pupils.
  ByYear sen_support_pct;
  ByYear ehc_pct;

  // ONS mid-year population, ages 0..25 (index = age).
  std::map<int, std::array<Figure, 26>> population;

  // ESFA DSG allocations, financial year.
  ByYear high_needs_block;           // high needs block before deductions, pounds
  ByYear pupils_in_special_schools;  // high needs block [C]
  ByYear places_special;   // ESFA-funded places in special academies and free schools (pre- and post-16)
  ByYear places_enhanced;  // SEN units and resourced provision in mainstream academies (both rates)
                           // (places: the September-March period's numbers, see sim/data/README.md)

  // High Needs Benchmarking Tool 2021-22 (s251 budget lines, pounds), by line name as published.
  std::map<std::string, Figure> s251_budget;
  int s251_budget_year = 0;  // the financial year of s251_budget (2021 = 2021-22); 0 when none

  std::vector<SeriesBreak> breaks;
};

/// The published files of one data folder, every area in them.
struct PublishedData {
  std::filesystem::path folder;
  std::map<std::string, AreaData> las;  // local authorities by old_la_code
  AreaData england;
  /// The files read, relative to `folder`, in reading order.
  std::vector<std::string> files;
  /// Every new (E0...) code seen in the files, to its old code (an LA's new
  /// code can change, e.g. Gateshead E08000020 -> E08000037 in 2014).
  std::map<std::string, std::string> new_codes;
  /// What the loading decided that a reader of the figures should know, one
  /// line each (e.g. a tribunal row whose LA code disagrees with its name).
  std::vector<std::string> notes;

  /// The LA with this old (three-digit) or new (E0...) code. Throws
  /// DataError naming the folder: "no local authority CODE in the published
  /// files (N authorities, e.g. 882 Southend-on-Sea)".
  [[nodiscard]] const AreaData& find(std::string_view code) const;
};

/// Reads every published file the calibration uses from `folder`, laid out
/// as the publishers' downloads unpacked into
///   sen2/release-2022/, sen2/release-2025/, sen2/release-2026*/ (optional),
///   lait/, population/, dsg/, s251/
/// (file names as the publishers give them; .csv or .csv.gz). Throws
/// DataError for a missing folder or file, a header that matches no known
/// release (naming the file and the columns it lacks), a short row, or a
/// number that is not one.
[[nodiscard]] PublishedData load_published(const std::filesystem::path& folder);

/// Every ByYear series of an area by its name as check_area and Finding use
/// it ("plans", "plans_by_placement.special_state", "plans_by_age_band.5-10",
/// "plans_by_need.ASD", "requests", ...), in the order AreaData declares them.
struct NamedSeries {
  std::string name;
  const ByYear* series = nullptr;
  bool percent = false;  // a percentage (no "jump" test) rather than a count or pounds
};
[[nodiscard]] std::vector<NamedSeries> list_series(const AreaData& area);

/// One finding of the pre-flight check of an LA's published series.
struct Finding {
  std::string kind;    // "suppressed", "series_break", "zero_year", "jump", "missing_year", "reorganisation",
                       // "corrected" (a total row that is not the sum of its ages)
  std::string series;  // e.g. "plans", "requests", "plans_by_placement.special_state"
  int year = 0;
  std::string message;  // one line, for people
  Source source;        // file and line of the figure (or of the break)
};

/// The pre-flight of `sendsim data check --la CODE`: suppressed cells,
/// series breaks, reorganisations, a zero year between non-zero ones, a year
/// more than double or less than half the one before, in year order.
[[nodiscard]] std::vector<Finding> check_area(const AreaData& area);

}  // namespace sendsim::data
