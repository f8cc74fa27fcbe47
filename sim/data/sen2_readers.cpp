// sim/data/sen2_readers.cpp: the readers of the DfE's SEN2 releases
// ("Education, health and care plans"): the 2022 release (aggregate
// collection; long by age band and by establishment type, plus sen2_mi) and
// the person-level releases (2025 on: caseload, newplans, requests,
// assessments, timeliness_20_week, ceased_plans, the primary-need file),
// each with a column map per release recognised from its header.
//
// Totals come only from the rows whose breakdown_topic equals their
// breakdown (the DfE's total rows: "All EHC plans", "New EHC plans", "All
// requests for EHC needs assessments"...). Age series sum the single ages of
// the "Child or young persons age" (stock, requests), "Age when plan
// started" (new plans) and "Age plan ceased" (ceased) breakdowns into the
// SEN2 bands; an age with no row in a year an LA has rows for counts 0 (the
// person-level tables leave out empty ages).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>

#include "data/loader.hpp"

namespace sendsim::data::detail {

namespace {

constexpr std::array<std::string_view, kAgeBandCount> kBandLabels = {"under 5", "5-10", "11-15", "16-19",
                                                                     "20-25"};

struct TidyKeys {
  std::size_t time_period = 0, level = 0, old_code = 0, new_code = 0, name = 0;
};

const std::vector<std::string_view> kTidyColumns = {"time_period", "geographic_level", "old_la_code",
                                                    "new_la_code", "la_name"};

TidyKeys tidy_keys(const Header& h, const CsvFile& f) {
  return TidyKeys{h.at("time_period", f), h.at("geographic_level", f), h.at("old_la_code", f),
                  h.at("new_la_code", f), h.at("la_name", f)};
}

/// England for National rows, the LA for Local authority rows, nullptr for
/// regions (and any other level).
AreaData* area_of(Loader& loader, const CsvRow& row, const TidyKeys& k, int year, const CsvFile& f) {
  const std::string_view level = trim(row[k.level]);
  if (iequals(level, "National")) return &loader.england();
  if (!iequals(level, "Local authority")) return nullptr;
  AreaData* a = loader.la(row[k.old_code], row[k.new_code], row[k.name], year);
  if (!a)
    f.fail(row.line,
           "old_la_code: not a local authority number: '" + std::string(trim(row[k.old_code])) + "'");
  return a;
}

/// A release's columns for one file.
struct Layout {
  std::string_view release;
  std::vector<std::string_view> columns;
};

/// The first layout whose columns the header has all of; otherwise a
/// DataError naming the file and the columns the closest layout lacks.
Layout detect(const Header& h, const CsvFile& f, const std::vector<Layout>& layouts) {
  const Layout* closest = nullptr;
  std::vector<std::string> closest_missing;
  for (const auto& layout : layouts) {
    auto missing = h.missing(layout.columns);
    if (missing.empty()) return layout;
    if (!closest || missing.size() < closest_missing.size()) {
      closest = &layout;
      closest_missing = std::move(missing);
    }
  }
  std::string list;
  for (const auto& m : closest_missing) {
    if (!list.empty()) list += ", ";
    list += m;
  }
  f.fail(h.line(), "the header matches no known release of this file (the closest, the " +
                       std::string(closest->release) + " release, lacks " + list + ")");
}

std::vector<std::string_view> with_keys(std::vector<std::string_view> columns, bool breakdown) {
  std::vector<std::string_view> out = kTidyColumns;
  if (breakdown) {
    out.push_back("breakdown_topic");
    out.push_back("breakdown");
  }
  out.insert(out.end(), columns.begin(), columns.end());
  return out;
}

/// Reads the header; returns it.
Header read_header(CsvFile& f) {
  CsvRow row;
  if (!f.next(row)) f.fail(0, "empty file");
  return Header(row);
}

/// The next data row (blank lines skipped, width checked).
bool next_row(CsvFile& f, CsvRow& row, const Header& h) {
  while (f.next(row)) {
    if (row.size() != h.size()) {
      if (row.blank()) continue;
      check_width(row, h, f);
    }
    return true;
  }
  return false;
}

Figure cell(const CsvRow& row, std::size_t col, const Header& h, const CsvFile& f) {
  return parse_figure(row[col], f, row.line, h.name(col));
}

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

bool is_total_row(const CsvRow& row, std::size_t topic, std::size_t breakdown) {
  return iequals(trim(row[topic]), trim(row[breakdown]));
}

// ---------------------------------------------------------------- 2022 release

/// The placement group of a 2022-release establishment_type; -1 for the
/// types kOther takes (computed as the remainder); nullopt for "Total".
std::optional<int> estab_group(std::string_view type, const CsvFile& f, std::size_t line) {
  const std::string_view t = trim(type);
  auto is = [&](std::string_view s) { return iequals(t, s); };
  auto starts = [&](std::string_view s) { return istarts_with(t, s); };
  auto contains = [&](std::string_view s) {
    std::string lower;
    for (const char c : t) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return lower.find(s) != std::string::npos;
  };
  if (is("Total")) return std::nullopt;
  if (starts("Mainstream - ") && (contains("resourced provision") || contains("sen unit"))) {
    return static_cast<int>(Placement::kEnhanced);
  }
  if (is("Mainstream - LA maintained") || is("Mainstream - Academy") || is("Mainstream - Free school") ||
      is("Mainstream - Independent")) {
    return static_cast<int>(Placement::kMainstream);
  }
  if (is("Special - LA maintained") || is("Special - Academy/free") || is("Special - Academy") ||
      is("Special - Free school") || is("Hospital School")) {
    return static_cast<int>(Placement::kSpecialState);
  }
  if (is("Special - Non-maintained")) return static_cast<int>(Placement::kSpecialNonMaintained);
  if (is("Special - Independent")) return static_cast<int>(Placement::kSpecialIndependent);
  if (is("General FE and tertiary colleges/HE") || is("Sixth form college") || is("Other FE")) {
    return static_cast<int>(Placement::kFurtherEducation);
  }
  if (is("Specialist post-16 institutions") || is("Independent specialist providers")) {
    return static_cast<int>(Placement::kSpecialistPost16);
  }
  if (starts("AP/PRU")) return static_cast<int>(Placement::kAlternativeProvision);
  if (is("Non-maintained early years")) return static_cast<int>(Placement::kEarlyYears);
  if (is("Elective home education") || is("Other arrangements by local authority") ||
      is("Other arrangements by parents") || is("Permanently excluded") || starts("Awaiting provision") ||
      is("NEET") || is("Other") || is("Apprenticeship") || is("Supported Internship") || is("Traineeship") ||
      is("Work-based learning")) {
    return -1;
  }
  f.fail(line, "establishment_type: unknown type '" + std::string(t) + "'");
}

/// sen2_age_caseload / sen2_age_new_plans: "Total" and the five bands.
void read_age_2022(Loader& loader, const std::string& rel, bool stock) {
  CsvFile f = loader.open(rel);
  const Header h = read_header(f);
  const std::string_view count = stock ? "Total_all" : "Total_new_all";
  const std::string_view statements = stock ? "Total_st" : "Total_new_st";
  (void)detect(h, f, {Layout{"2022", with_keys({"characteristic_age", count, statements}, false)}});
  const TidyKeys k = tidy_keys(h, f);
  const std::size_t age = h.at("characteristic_age", f);
  const std::size_t c_count = h.at(count, f);
  const std::size_t c_st = h.at(statements, f);
  CsvRow row;
  while (next_row(f, row, h)) {
    const int year = sen2_year(row[k.time_period], f, row.line);
    AreaData* a = area_of(loader, row, k, year, f);
    if (!a) continue;
    loader.seen_sen2(*a, year, stock, Source{f.name(), row.line, {}});
    const std::string_view label = trim(row[age]);
    if (iequals(label, "Total")) {
      (stock ? a->plans : a->new_plans)[year] = cell(row, c_count, h, f);
      if (stock) a->statements[year] = cell(row, c_st, h, f);
      continue;
    }
    const auto band = age_band(label, f, row.line);
    if (!band) continue;
    (stock ? a->plans_by_age_band : a->new_plans_by_age_band)[*band][year] = cell(row, c_count, h, f);
  }
}

/// sen2_estab_caseload / sen2_estab_new_plans: establishment types into
/// placement groups; kOther is the total less the other nine groups.
void read_estab_2022(Loader& loader, const std::string& rel, bool stock) {
  CsvFile f = loader.open(rel);
  const Header h = read_header(f);
  const std::string_view count = stock ? "Total_all" : "Total_new_all";
  (void)detect(h, f,
               {Layout{"2022", with_keys({"establishment_type", "establishment_group", count}, false)}});
  const TidyKeys k = tidy_keys(h, f);
  const std::size_t type = h.at("establishment_type", f);
  const std::size_t group = h.at("establishment_group", f);
  const std::size_t c_count = h.at(count, f);
  struct Entry {
    std::array<Sum, kPlacementCount> groups;
    std::optional<Figure> total;
  };
  std::map<std::pair<AreaData*, int>, Entry> entries;
  CsvRow row;
  while (next_row(f, row, h)) {
    const int year = sen2_year(row[k.time_period], f, row.line);
    AreaData* a = area_of(loader, row, k, year, f);
    if (!a) continue;
    loader.seen_sen2(*a, year, stock, Source{f.name(), row.line, {}});
    const auto g = estab_group(row[type], f, row.line);
    if (!g) {
      if (iequals(trim(row[group]), "Total")) entries[{a, year}].total = cell(row, c_count, h, f);
      continue;
    }
    if (*g < 0) continue;
    entries[{a, year}].groups[*g].add(cell(row, c_count, h, f));
  }
  const std::string column(count);
  for (const auto& [key, e] : entries) {
    auto& series = stock ? key.first->plans_by_placement : key.first->new_plans_by_placement;
    Sum other;
    if (e.total) other.add(*e.total);
    for (int g = 0; g < kPlacementCount; ++g) {
      if (g == static_cast<int>(Placement::kOther) || e.groups[g].empty()) continue;
      series[g][key.second] = e.groups[g].figure(column + ", " + std::string(kPlacementCodes[g]) + " types");
      other.subtract(series[g][key.second]);
    }
    if (e.total) {
      series[static_cast<int>(Placement::kOther)][key.second] =
          other.figure(column + ", Total less the other placement groups");
    }
  }
}

/// sen2_mi: requests, refusals, no-plan decisions, the 20-week rate,
/// ceased plans by reason, mainstream to special transfers.
void read_mi_2022(Loader& loader, const std::string& rel) {
  CsvFile f = loader.open(rel);
  const Header h = read_header(f);
  (void)detect(h, f,
               {Layout{"2022", with_keys({"InreqEHC", "AssRefusedEHC", "AssnoneEHC", "IncExc20weekRate",
                                          "DisleaEHC", "DismetEHC", "DisothEHC", "DisleftEHC", "MtosiEHC"},
                                         false)}});
  const TidyKeys k = tidy_keys(h, f);
  const std::size_t requests = h.at("InreqEHC", f), refused = h.at("AssRefusedEHC", f),
                    no_plan = h.at("AssnoneEHC", f), rate = h.at("IncExc20weekRate", f),
                    moved = h.at("DisleaEHC", f), met = h.at("DismetEHC", f), other = h.at("DisothEHC", f),
                    left = h.at("DisleftEHC", f), transfer = h.at("MtosiEHC", f);
  CsvRow row;
  while (next_row(f, row, h)) {
    const int year = sen2_year(row[k.time_period], f, row.line);
    AreaData* a = area_of(loader, row, k, year, f);
    if (!a) continue;
    loader.seen_sen2(*a, year, false, Source{f.name(), row.line, {}});
    a->requests[year] = cell(row, requests, h, f);
    a->requests_refused[year] = cell(row, refused, h, f);
    a->assessments_no_plan[year] = cell(row, no_plan, h, f);
    a->issued_within_20_weeks_pct[year] = cell(row, rate, h, f);
    a->mainstream_to_special[year] = cell(row, transfer, h, f);
    const Figure f_moved = cell(row, moved, h, f), f_met = cell(row, met, h, f),
                 f_other = cell(row, other, h, f), f_left = cell(row, left, h, f);
    a->ceased_moved[year] = f_moved;
    a->ceased_needs_met[year] = f_met;
    Sum left_education, all;
    left_education.add(f_left);
    left_education.add(f_other);
    for (const Figure* x : {&f_moved, &f_met, &f_other, &f_left}) all.add(*x);
    a->ceased_left_education[year] = left_education.figure("DisleftEHC+DisothEHC");
    a->ceased[year] = all.figure("DisleaEHC+DismetEHC+DisothEHC+DisleftEHC");
  }
}

// ---------------------------------------------------------------- person-level releases

const std::vector<std::string_view> kEnhancedColumns = {
    "mainstream_la_maintained_resourced_provision", "mainstream_la_maintained_senunit",
    "mainstream_academy_resourced_provision",       "mainstream_academy_senunit",
    "mainstream_free_school_resourced_provision",   "mainstream_free_school_senunit"};

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

std::vector<std::string> release_2022_files() {
  return {"sen2_age_caseload", "sen2_estab_caseload", "sen2_age_new_plans", "sen2_estab_new_plans",
          "sen2_mi"};
}

std::vector<std::string> person_release_files() {
  return {"caseload",           "newplans",     "requests",           "assessments",
          "timeliness_20_week", "ceased_plans", "sen_needs_all_plans"};
}

void read_sen2_2022(Loader& loader, const std::string& dir) {
  read_age_2022(loader, loader.require(dir + "/sen2_age_caseload"), true);
  read_estab_2022(loader, loader.require(dir + "/sen2_estab_caseload"), true);
  read_age_2022(loader, loader.require(dir + "/sen2_age_new_plans"), false);
  read_estab_2022(loader, loader.require(dir + "/sen2_estab_new_plans"), false);
  read_mi_2022(loader, loader.require(dir + "/sen2_mi"));
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
