// output/dfe_tables.hpp: the model's figures in the layouts of two DfE
// returns, as a local authority fills them in, derived in each replication
// and then summarised over replications (so a percentile is that of the
// derived figure, never a sum of percentiles).
//
//   dfe_scap_forecast.csv  the SCAP specialist-place forecast (layout of the
//                          SCAP 2026 collection): one row per pseudo planning
//                          area (LA code + 3001-3004 primary UR/IN/SS/AP,
//                          + 3011-3014 secondary), census year and national
//                          curriculum year, Reception to Year 11, primary 5
//                          and secondary 7 years ahead; p5, p25, p50, p75,
//                          p95, mean and the rounded mean as columns;
//   dfe_dsg_plan_grid.csv  the DSG management plan's children and young
//                          people summary: the template's 7 placement
//                          categories, each with an age-group block and a
//                          primary-need block, whole numbers at each January
//                          census, template labels, a lookup key (sheet,
//                          breakdown, label, year); and the financial summary
//                          (allocation, spend, in-year and cumulative balance).
//
// The mapping from the model's placements to the returns' categories is one
// table here (kPlacementMap in dfe_tables.cpp), documented in output/README.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "run/runner.hpp"
#include "send/model.hpp"
#include "send/results.hpp"

namespace sendsim::output {

inline constexpr std::string_view kScapFile = "dfe_scap_forecast.csv";
inline constexpr std::string_view kDsgGridFile = "dfe_dsg_plan_grid.csv";

/// Share of the model's INMSS placements (independent and non-maintained
/// special schools together) that are non-maintained special schools, which
/// SCAP counts as state-funded special (SS): England, January 2025, 4,381
/// plans in non-maintained special schools against 29,647 in independent
/// special schools (DfE, "Education, health and care plans", reporting year
/// 2025, caseload by establishment type: special_non_maintained and
/// special_independent), 4,381 / 34,028.
inline constexpr double kNmssShareOfInmss = 4381.0 / (4381.0 + 29647.0);

/// Years ahead of the base census that SCAP asks for, by phase.
inline constexpr int kScapPrimaryYears = 5;
inline constexpr int kScapSecondaryYears = 7;

/// The statistics of one figure over replications. Percentiles are type 7
/// (linear interpolation between order statistics); `rounded` is the mean
/// rounded to the nearest whole number, halves away from zero.
struct DfeStats {
  double p5 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0, mean = 0;
  std::int64_t rounded = 0;
};

/// `values` (one per replication) summarised; all zero for none.
[[nodiscard]] DfeStats dfe_stats(std::vector<double> values);

/// One share of a model placement in a SCAP provision type.
struct ScapShare {
  std::string_view type;  // "UR", "IN", "SS", "AP"
  double share;
};

/// How a model placement (ehc_by_year_group's `placement`) counts in SCAP:
/// enhanced -> UR; special and special_out_of_county -> SS; inmss -> IN and
/// SS (kNmssShareOfInmss); every other placement in no type (empty).
/// awaiting_placement is split by what the children wait for (see
/// scap_forecast) and is not answered here.
[[nodiscard]] std::vector<ScapShare> scap_shares(std::string_view placement);

/// The DSG management plan category code of a placement: "MmSoA", "RPSEN",
/// "MdSSA", "NMISS", "HspAP", "P16FE" or "OTHER" (unknown placements).
[[nodiscard]] std::string_view dsg_category(std::string_view placement);

/// The template's label of a category code ("Mainstream schools or
/// academies", ...); of an age band code ("Under 5", "Age 5 to 10", ...); of
/// a need code ("Autistic spectrum disorder", ..., "Unknown" for NSA).
[[nodiscard]] std::string_view dsg_category_label(std::string_view code);
[[nodiscard]] std::string_view age_band_label(std::string_view code);
[[nodiscard]] std::string_view need_label(std::string_view code);

/// The SCAP provision type codes in order, with their names.
[[nodiscard]] const std::vector<std::pair<std::string_view, std::string_view>>& scap_types();
/// The DSG management plan category codes in order.
[[nodiscard]] const std::vector<std::string_view>& dsg_categories();

/// The LA's three-digit (old) code, from the model: the three digits that open
/// its description (calibrated models write "886 Kent, ..."), else its name
/// as a known LA ("essex" 881, "southend-on-sea" 882, "thurrock" 883, "kent"
/// 886, "manchester" 352, a "-YYYY" suffix ignored); empty when unknown.
[[nodiscard]] std::string la_code_of(const send::Model& model);

struct ScapRow {
  std::string planning_area;   // la code + 3001..3004 / 3011..3014
  std::string phase;           // "primary" or "secondary"
  std::string provision_type;  // "UR", "IN", "SS", "AP"
  std::string year;            // January census year forecast
  int years_ahead = 0;         // year - base year
  std::string ncy;             // "R", "1" .. "11"
  DfeStats stats;
};

struct ScapForecast {
  std::string la_code;  // "000" when the model names no known LA
  bool la_code_known = false;
  std::string base_year;      // the model's origin census, else the run's first; empty when none
  std::vector<ScapRow> rows;  // by planning area, year, ncy
};

/// The forecast from every replication's ehc_by_year_group and
/// waiting_snapshot. The base census is the model's origin when its name
/// ends in one ("kent-2025", as `sendsim calibrate` names a model fitted on
/// the censuses to January 2025) and the run holds that census, else the
/// run's first census; the forecast years follow it. Children waiting in an interim place are counted under
/// the type they wait for (the replication's waiting_snapshot shares of that
/// census: enhanced -> UR, special -> SS; SS when it has none). AP rows are
/// zero: the model places no child in alternative provision.
[[nodiscard]] ScapForecast scap_forecast(const std::vector<send::ReplicationResult>& results,
                                         const send::Scenario& scenario);

/// scap_forecast() one replication at a time, in replication order (the
/// same forecast, to the bit): for a run that folds replications as they
/// finish (results_fold.hpp). `scenario` must outlive the fold.
class ScapFold {
 public:
  ScapFold(const send::Scenario& scenario, std::size_t replications);
  ~ScapFold();
  ScapFold(ScapFold&&) noexcept;
  void add(const send::ReplicationResult& result);
  [[nodiscard]] ScapForecast finish() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

struct DsgGridRow {
  std::string key;             // "SHEET|BREAKDOWN|LABEL|YEAR"
  std::string sheet;           // category code, or "Summary"
  std::string category;        // template label of the category ("Financial summary" for Summary)
  std::string breakdown;       // "Age group", "Primary need", "Financial summary"
  std::string label;           // template label of the row
  std::string year;            // census year, or financial year for the summary
  std::string unit;            // "children" or "pounds"
  bool partial = false;        // a financial year the run covers only in part
  double mean = 0;             // mean over replications
  std::int64_t value = 0;      // mean rounded (whole children, whole pounds)
  double mitigated_mean = 0;   // comparison only
  std::int64_t mitigated = 0;  // comparison only
  bool has_mitigated = false;
};

struct DsgPlanGrid {
  std::vector<DsgGridRow> rows;
  bool comparison = false;
};

/// The grid of a run: each category's age-group and primary-need blocks
/// (with a Total row each) at every census, then the financial summary by
/// financial year (from dsg and spend). `mitigated`, when given, is a second
/// run of the same years (a comparison's scenario), whose values fill the
/// mitigated columns of the financial summary.
[[nodiscard]] DsgPlanGrid dsg_plan_grid(const std::vector<send::ReplicationResult>& results,
                                        const std::vector<send::ReplicationResult>* mitigated = nullptr);

/// Financial years the run covers only in part (dsg covered_days below the
/// days of the year in some replication), ascending.
[[nodiscard]] std::vector<std::string> partial_financial_years(
    const std::vector<send::ReplicationResult>& results);
/// Adds to `years` those `result` covers only in part (partial_financial_years, one replication).
void add_partial_financial_years(const send::ReplicationResult& result, std::set<std::string>& years);

/// dsg_plan_grid() and partial_financial_years() one replication at a time,
/// in replication order (the same grid, to the bit).
class DsgGridFold {
 public:
  explicit DsgGridFold(std::size_t replications);
  ~DsgGridFold();
  DsgGridFold(DsgGridFold&&) noexcept;
  void add(const send::ReplicationResult& result);
  /// The grid; `mitigated`, when given, fills the mitigated columns (as dsg_plan_grid's).
  [[nodiscard]] DsgPlanGrid finish(const DsgGridFold* mitigated = nullptr) const;
  [[nodiscard]] std::vector<std::string> partial_financial_years() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Writes the two files. Throw std::runtime_error naming the path on failure.
void write_scap_forecast(const std::filesystem::path& path, const ScapForecast& forecast);
void write_dsg_plan_grid(const std::filesystem::path& path, const DsgPlanGrid& grid);

/// In a comparison folder `dir`: the base (runs[0], unmitigated) against each
/// other scenario (mitigated), as dfe_dsg_plan_grid.csv and the workbook
/// dfe_dsg_plan.xlsx when there are two scenarios, dfe_dsg_plan_grid_<folder>.csv
/// and dfe_dsg_plan_<folder>.xlsx per other scenario when there are more.
/// Returns the files written. The children blocks are the base's.
std::vector<std::string> write_comparison_dsg_grids(const std::filesystem::path& dir,
                                                    const std::vector<run::RunOutput>& runs,
                                                    const std::vector<std::string>& folders,
                                                    const std::string& version);

}  // namespace sendsim::output
