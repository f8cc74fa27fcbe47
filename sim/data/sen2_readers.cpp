// sim/data/sen2_readers.cpp: the readers of the DfE's SEN2 2022 release
// ("Education, health and care plans", aggregate collection 2010-2022: long
// by age band and by establishment type, plus sen2_mi), and the helpers all
// SEN2 readers share (sen2_common.hpp; the person-level releases are read in
// sen2_person_readers.cpp), each file's column map recognised from its
// header.
//
// Totals come only from the rows whose breakdown_topic equals their
// breakdown (the DfE's total rows: "All EHC plans", "New EHC plans", "All
// requests for EHC needs assessments"...).
#include <algorithm>
#include <map>
#include <utility>

#include "data/sen2_common.hpp"

namespace sendsim::data::detail {

namespace {

const std::vector<std::string_view> kTidyColumns = {"time_period", "geographic_level", "old_la_code",
                                                    "new_la_code", "la_name"};

}  // namespace

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

bool is_total_row(const CsvRow& row, std::size_t topic, std::size_t breakdown) {
  return iequals(trim(row[topic]), trim(row[breakdown]));
}

namespace {
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

}  // namespace

std::vector<std::string> release_2022_files() {
  return {"sen2_age_caseload", "sen2_estab_caseload", "sen2_age_new_plans", "sen2_estab_new_plans",
          "sen2_mi"};
}

void read_sen2_2022(Loader& loader, const std::string& dir) {
  read_age_2022(loader, loader.require(dir + "/sen2_age_caseload"), true);
  read_estab_2022(loader, loader.require(dir + "/sen2_estab_caseload"), true);
  read_age_2022(loader, loader.require(dir + "/sen2_age_new_plans"), false);
  read_estab_2022(loader, loader.require(dir + "/sen2_estab_new_plans"), false);
  read_mi_2022(loader, loader.require(dir + "/sen2_mi"));
}

}  // namespace sendsim::data::detail
