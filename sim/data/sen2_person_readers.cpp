// sim/data/sen2_person_readers.cpp: the readers of the person-level SEN2
// releases (2025 on: caseload, newplans, requests, assessments,
// timeliness_20_week, ceased_plans, the primary-need file), each with a
// column map per release recognised from its header (sen2_common.hpp has
// what they share with the 2022 release's readers, sen2_readers.cpp).
//
// Age series sum the single ages of the "Child or young persons age"
// (stock, requests), "Age when plan started" (new plans) and "Age plan
// ceased" (ceased) breakdowns into the SEN2 bands; an age with no row in a
// year an LA has rows for counts 0 (the person-level tables leave out empty
// ages). A total row that is not the sum of its ages is corrected
// (BandSums::reconcile).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

#include "data/sen2_common.hpp"

namespace sendsim::data::detail {

namespace {

const std::vector<std::string_view> kEnhancedColumns = {
    "mainstream_la_maintained_resourced_provision", "mainstream_la_maintained_senunit",
    "mainstream_academy_resourced_provision",       "mainstream_academy_senunit",
    "mainstream_free_school_resourced_provision",   "mainstream_free_school_senunit"};

constexpr std::array<std::string_view, kAgeBandCount> kBandLabels = {"under 5", "5-10", "11-15", "16-19",
                                                                     "20-25"};

/// Single ages summed into bands per (area, year).
class BandSums {
 public:
  void add(AreaData* a, int year, int band, const Figure& f, std::size_t line) {
    Entry& e = entries_[{a, year}];
    if (e.first_line == 0) e.first_line = line;
    e.sums[band].add(f);
  }
  void write(std::array<ByYear, kAgeBandCount> AreaData::*member, const std::string& column,
             const std::string& file) const {
    for (const auto& [key, e] : entries_) {
      auto& series = (key.first->*member);
      for (int b = 0; b < kAgeBandCount; ++b) {
        const std::string col = column + ", ages " + std::string(kBandLabels[b]);
        if (e.sums[b].empty()) {
          Figure zero;
          zero.value = 0.0;
          zero.source = Source{file, e.first_line, col + " (no rows: 0)"};
          series[b][key.second] = zero;
        } else {
          series[b][key.second] = e.sums[b].figure(col);
        }
      }
    }
  }

  /// A total row that is not the sum of its ages, every age published as a
  /// number, by more than kTotalSlack (and 10% of the total) is the file's
  /// error (the 2025 release's new plans for 2022 give each LA of Yorkshire
  /// and the Humber the region's total): the sum is used, the placement
  /// "other" (the total less the named columns) moves with it, and the
  /// correction is recorded for `data check`.
  void reconcile(ByYear AreaData::*total, std::array<ByYear, kPlacementCount> AreaData::*placements,
                 const std::string& column) const {
    for (const auto& [key, e] : entries_) {
      AreaData& a = *key.first;
      const auto t = (a.*total).find(key.second);
      if (t == (a.*total).end() || !t->second.ok()) continue;
      double sum = 0;
      bool whole = true;
      for (const Sum& s : e.sums) {
        const Figure f = s.figure(column);
        whole = whole && (s.empty() || f.ok());
        sum += s.empty() ? 0.0 : f.value_or(0.0);
      }
      const double published = *t->second.value;
      if (!whole || std::abs(published - sum) <= std::max(kTotalSlack, 0.1 * published)) continue;
      Figure& fig = t->second;
      fig.value = sum;
      fig.source.column = column + " as the sum of its ages (the total row's " + number_text(published) +
                          " is not: corrected)";
      if (placements != nullptr) {
        Figure& other = (a.*placements)[static_cast<int>(Placement::kOther)][key.second];
        if (other.ok()) other.value = std::max(0.0, *other.value - (published - sum));
      }
      a.breaks.push_back(SeriesBreak{key.second, "corrected_total",
                                     column + " " + std::to_string(key.second) + ": the total row's " +
                                         number_text(published) + " is not the sum of its ages (" +
                                         number_text(sum) + "); the sum is used",
                                     fig.source});
    }
  }

 private:
  static constexpr double kTotalSlack = 10.0;
  static std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", v);
    return buf;
  }
  struct Entry {
    std::array<Sum, kAgeBandCount> sums;
    std::size_t first_line = 0;
  };
  std::map<std::pair<AreaData*, int>, Entry> entries_;
};

/// The layouts of caseload.csv and newplans.csv: 2025 has
/// special_academy_free, 2026 special_academy and special_free_school.
std::vector<Layout> placement_layouts(std::string_view total) {
  std::vector<std::string_view> common = {total,
                                          "mainstream_total",
                                          "special_la_maintained",
                                          "special_independent",
                                          "special_non_maintained",
                                          "fe_total",
                                          "specialist_post_16_institutions",
                                          "ap_pru_total",
                                          "nm_early_years"};
  common.insert(common.end(), kEnhancedColumns.begin(), kEnhancedColumns.end());
  auto with = [&](std::vector<std::string_view> extra) {
    std::vector<std::string_view> c = common;
    c.insert(c.end(), extra.begin(), extra.end());
    return with_keys(c, true);
  };
  return {Layout{"2026", with({"special_academy", "special_free_school"})},
          Layout{"2025", with({"special_academy_free"})}};
}

/// The ten placement groups of one caseload or newplans row (see
/// published.hpp Placement): mainstream_total less the six resourced
/// provision and SEN unit columns (which make kEnhanced); kOther is the
/// total less the other nine groups.
void person_placements(const CsvRow& row, const Header& h, const CsvFile& f, const Layout& layout,
                       std::string_view total, std::array<ByYear, kPlacementCount>& series, int year) {
  auto c = [&](std::string_view name) { return cell(row, h.at(name, f), h, f); };
  auto put = [&](Placement p, const Figure& fig) { series[static_cast<int>(p)][year] = fig; };
  Sum enhanced;
  for (const auto name : kEnhancedColumns) enhanced.add(c(name));
  const Figure f_enhanced = enhanced.figure("mainstream_*_resourced_provision+mainstream_*_senunit");
  Sum mainstream;
  mainstream.add(c("mainstream_total"));
  mainstream.subtract(f_enhanced);
  put(Placement::kMainstream, mainstream.figure("mainstream_total less resourced provision and SEN units"));
  put(Placement::kEnhanced, f_enhanced);
  Sum state;
  state.add(c("special_la_maintained"));
  if (layout.release == "2026") {
    state.add(c("special_academy"));
    state.add(c("special_free_school"));
    put(Placement::kSpecialState, state.figure("special_la_maintained+special_academy+special_free_school"));
  } else {
    state.add(c("special_academy_free"));
    put(Placement::kSpecialState, state.figure("special_la_maintained+special_academy_free"));
  }
  put(Placement::kSpecialNonMaintained, c("special_non_maintained"));
  put(Placement::kSpecialIndependent, c("special_independent"));
  Sum fe;
  fe.add(c("fe_total"));
  fe.subtract(c("specialist_post_16_institutions"));
  put(Placement::kFurtherEducation, fe.figure("fe_total less specialist_post_16_institutions"));
  put(Placement::kSpecialistPost16, c("specialist_post_16_institutions"));
  put(Placement::kAlternativeProvision, c("ap_pru_total"));
  put(Placement::kEarlyYears, c("nm_early_years"));
  Sum other;
  other.add(c(total));
  for (int g = 0; g < kPlacementCount - 1; ++g) other.subtract(series[g][year]);
  put(Placement::kOther, other.figure(std::string(total) + " less the other placement groups"));
}

/// caseload.csv (stock) and newplans.csv (flow): totals, placements, ages.
void read_person_placements(Loader& loader, const std::string& rel, bool stock) {
  CsvFile f = loader.open(rel);
  const Header h = read_header(f);
  const std::string_view total = stock ? "ehcplans" : "new_ehc_plans";
  const Layout layout = detect(h, f, placement_layouts(total));
  const TidyKeys k = tidy_keys(h, f);
  const std::size_t topic = h.at("breakdown_topic", f), breakdown = h.at("breakdown", f),
                    c_total = h.at(total, f);
  const std::string_view age_topic = stock ? "Child or young persons age" : "Age when plan started";
  BandSums bands;
  CsvRow row;
  while (next_row(f, row, h)) {
    const int year = sen2_year(row[k.time_period], f, row.line);
    AreaData* a = area_of(loader, row, k, year, f);
    if (!a) continue;
    loader.seen_sen2(*a, year, stock, Source{f.name(), row.line, {}});
    if (is_total_row(row, topic, breakdown)) {
      (stock ? a->plans : a->new_plans)[year] = cell(row, c_total, h, f);
      person_placements(row, h, f, layout, total, stock ? a->plans_by_placement : a->new_plans_by_placement,
                        year);
    } else if (iequals(trim(row[topic]), age_topic)) {
      if (const auto band = age_band(row[breakdown], f, row.line)) {
        bands.add(a, year, *band, cell(row, c_total, h, f), row.line);
      }
    }
  }
  bands.write(stock ? &AreaData::plans_by_age_band : &AreaData::new_plans_by_age_band, std::string(total),
              f.name());
  bands.reconcile(stock ? &AreaData::plans : &AreaData::new_plans,
                  stock ? &AreaData::plans_by_placement : &AreaData::new_plans_by_placement,
                  std::string(total));
}

void read_person_requests(Loader& loader, const std::string& rel) {
  CsvFile f = loader.open(rel);
  const Header h = read_header(f);
  (void)detect(h, f,
               {Layout{"2025", with_keys({"requests_received_in_year", "requests_decided_to_assess",
                                          "requests_decided_not_to_assess"},
                                         true)}});
  const TidyKeys k = tidy_keys(h, f);
  const std::size_t topic = h.at("breakdown_topic", f), breakdown = h.at("breakdown", f),
                    received = h.at("requests_received_in_year", f),
                    assess = h.at("requests_decided_to_assess", f),
                    refuse = h.at("requests_decided_not_to_assess", f);
  BandSums bands;
  CsvRow row;
  while (next_row(f, row, h)) {
    const int year = sen2_year(row[k.time_period], f, row.line);
    AreaData* a = area_of(loader, row, k, year, f);
    if (!a) continue;
    loader.seen_sen2(*a, year, false, Source{f.name(), row.line, {}});
    if (is_total_row(row, topic, breakdown)) {
      a->requests[year] = cell(row, received, h, f);
      a->requests_assessed[year] = cell(row, assess, h, f);
      a->requests_refused[year] = cell(row, refuse, h, f);
    } else if (iequals(trim(row[topic]), "Child or young persons age")) {
      if (const auto band = age_band(row[breakdown], f, row.line)) {
        bands.add(a, year, *band, cell(row, received, h, f), row.line);
      }
    }
  }
  bands.write(&AreaData::requests_by_age_band, "requests_received_in_year", f.name());
  bands.reconcile(&AreaData::requests, nullptr, "requests_received_in_year");
}

void read_person_assessments(Loader& loader, const std::string& rel) {
  CsvFile f = loader.open(rel);
  const Header h = read_header(f);
  (void)detect(h, f, {Layout{"2025", with_keys({"assess_not_issued"}, true)}});
  const TidyKeys k = tidy_keys(h, f);
  const std::size_t topic = h.at("breakdown_topic", f), breakdown = h.at("breakdown", f),
                    not_issued = h.at("assess_not_issued", f);
  CsvRow row;
  while (next_row(f, row, h)) {
    const int year = sen2_year(row[k.time_period], f, row.line);
    AreaData* a = area_of(loader, row, k, year, f);
    if (!a) continue;
    loader.seen_sen2(*a, year, false, Source{f.name(), row.line, {}});
    if (is_total_row(row, topic, breakdown)) a->assessments_no_plan[year] = cell(row, not_issued, h, f);
  }
}

void read_person_timeliness(Loader& loader, const std::string& rel) {
  CsvFile f = loader.open(rel);
  const Header h = read_header(f);
  const Layout layout = detect(
      h, f,
      {Layout{"2026", with_keys({"pc_plans_issued_within_20_weeks", "pc_plans_issued_gt_1_year",
                                 "avg_weeks_issue_plan"},
                                true)},
       Layout{"2025", with_keys({"pc_plans_issued_within_20_weeks", "pc_plans_issued_gt_1_year"}, true)}});
  const TidyKeys k = tidy_keys(h, f);
  const std::size_t topic = h.at("breakdown_topic", f), breakdown = h.at("breakdown", f),
                    within = h.at("pc_plans_issued_within_20_weeks", f),
                    over = h.at("pc_plans_issued_gt_1_year", f);
  const std::optional<std::size_t> weeks =
      layout.release == "2026" ? h.find("avg_weeks_issue_plan") : std::optional<std::size_t>();
  CsvRow row;
  while (next_row(f, row, h)) {
    const int year = sen2_year(row[k.time_period], f, row.line);
    AreaData* a = area_of(loader, row, k, year, f);
    if (!a) continue;
    loader.seen_sen2(*a, year, false, Source{f.name(), row.line, {}});
    if (!is_total_row(row, topic, breakdown)) continue;
    a->issued_within_20_weeks_pct[year] = cell(row, within, h, f);
    a->issued_over_52_weeks_pct[year] = cell(row, over, h, f);
    if (weeks) a->average_weeks_to_issue[year] = cell(row, *weeks, h, f);
  }
}

void read_person_ceased(Loader& loader, const std::string& rel) {
  CsvFile f = loader.open(rel);
  const Header h = read_header(f);
  const std::vector<std::string_view> reasons_2026 = {
      "total_ceased", "max_age", "needs_met", "transfer", "moved_outside_eng",
      "he",           "employ",  "no_engage", "deceased", "other"};
  std::vector<std::string_view> reasons_2025 = reasons_2026;
  reasons_2025.push_back("not_rec");
  const Layout layout = detect(
      h, f, {Layout{"2025", with_keys(reasons_2025, true)}, Layout{"2026", with_keys(reasons_2026, true)}});
  const TidyKeys k = tidy_keys(h, f);
  const std::size_t topic = h.at("breakdown_topic", f), breakdown = h.at("breakdown", f);
  const std::size_t total = h.at("total_ceased", f);
  std::vector<std::string_view> left = {"he", "employ", "no_engage", "deceased", "other"};
  if (layout.release == "2025") left.push_back("not_rec");
  std::string left_column;
  for (const auto name : left) {
    if (!left_column.empty()) left_column += "+";
    left_column += name;
  }
  BandSums bands;
  CsvRow row;
  while (next_row(f, row, h)) {
    const int year = sen2_year(row[k.time_period], f, row.line);
    AreaData* a = area_of(loader, row, k, year, f);
    if (!a) continue;
    loader.seen_sen2(*a, year, false, Source{f.name(), row.line, {}});
    if (is_total_row(row, topic, breakdown)) {
      auto c = [&](std::string_view name) { return cell(row, h.at(name, f), h, f); };
      a->ceased[year] = c("total_ceased");
      a->ceased_needs_met[year] = c("needs_met");
      a->ceased_max_age[year] = c("max_age");
      Sum moved, gone;
      moved.add(c("transfer"));
      moved.add(c("moved_outside_eng"));
      a->ceased_moved[year] = moved.figure("transfer+moved_outside_eng");
      for (const auto name : left) gone.add(c(name));
      a->ceased_left_education[year] = gone.figure(left_column);
    } else if (iequals(trim(row[topic]), "Age plan ceased")) {
      if (const auto band = age_band(row[breakdown], f, row.line)) {
        bands.add(a, year, *band, cell(row, total, h, f), row.line);
      }
    }
  }
  bands.write(&AreaData::ceased_by_age_band, "total_ceased", f.name());
}

/// sen_needs_all_plans.csv (2025) or sen_needs_caseload.csv (2026, with
/// Down syndrome): plans by primary need in kPublishedNeedCodes order
/// ("need unknown" as NSA).
void read_person_needs(Loader& loader, const std::string& rel) {
  static constexpr std::array<std::string_view, kPublishedNeedCount> kColumns = {
      "number_asd",  "number_semh", "number_slcn",         "number_mld", "number_sld",
      "number_pmld", "number_spld", "number_pd",           "number_hi",  "number_vi",
      "number_msi",  "number_oth",  "number_need_unknown", "number_ds"};
  CsvFile f = loader.open(rel);
  const Header h = read_header(f);
  std::vector<std::string_view> all(kColumns.begin(), kColumns.end());
  std::vector<std::string_view> without_ds(kColumns.begin(), kColumns.end() - 1);
  const Layout layout =
      detect(h, f, {Layout{"2026", with_keys(all, true)}, Layout{"2025", with_keys(without_ds, true)}});
  const int needs = layout.release == "2026" ? kPublishedNeedCount : kPublishedNeedCount - 1;
  const TidyKeys k = tidy_keys(h, f);
  const std::size_t topic = h.at("breakdown_topic", f), breakdown = h.at("breakdown", f);
  std::array<std::size_t, kPublishedNeedCount> cols{};
  for (int n = 0; n < needs; ++n) cols[n] = h.at(kColumns[n], f);
  CsvRow row;
  while (next_row(f, row, h)) {
    const int year = sen2_year(row[k.time_period], f, row.line);
    AreaData* a = area_of(loader, row, k, year, f);
    if (!a) continue;
    loader.seen_sen2(*a, year, true, Source{f.name(), row.line, {}});
    if (!is_total_row(row, topic, breakdown)) continue;
    for (int n = 0; n < needs; ++n) a->plans_by_need[n][year] = cell(row, cols[n], h, f);
  }
}

}  // namespace

std::vector<std::string> person_release_files() {
  return {"caseload",           "newplans",     "requests",           "assessments",
          "timeliness_20_week", "ceased_plans", "sen_needs_all_plans"};
}

void read_sen2_person(Loader& loader, const std::string& dir, bool required) {
  auto find = [&](const std::string& base) -> std::optional<std::string> {
    if (required) return loader.require(dir + "/" + base);
    return loader.locate(dir + "/" + base);
  };
  if (const auto rel = find("caseload")) read_person_placements(loader, *rel, true);
  if (const auto rel = find("newplans")) read_person_placements(loader, *rel, false);
  if (const auto rel = find("requests")) read_person_requests(loader, *rel);
  if (const auto rel = find("assessments")) read_person_assessments(loader, *rel);
  if (const auto rel = find("timeliness_20_week")) read_person_timeliness(loader, *rel);
  if (const auto rel = find("ceased_plans")) read_person_ceased(loader, *rel);
  // The primary-need file is sen_needs_all_plans (2025) or sen_needs_caseload (2026).
  std::optional<std::string> needs = loader.locate(dir + "/sen_needs_caseload");
  if (!needs) needs = find("sen_needs_all_plans");
  if (needs) read_person_needs(loader, *needs);
}

}  // namespace sendsim::data::detail
