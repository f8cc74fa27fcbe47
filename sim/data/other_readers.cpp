// sim/data/other_readers.cpp: the readers of the published files that are
// not SEN2 tables: the Ministry of Justice's SEND Tribunal appeal-rate table
// (title rows, then LA name and code with three columns a year; keyed by
// name, since its codes are not always right), the DfE's LAIT SEN measures
// (long format), the ONS mid-year population by single year of age, the
// ESFA's DSG high needs block and its deductions (several header rows), and
// the High Needs Benchmarking Tool's section 251 budget lines.
#include <algorithm>
#include <charconv>
#include <map>

#include "data/loader.hpp"

namespace sendsim::data::detail {

namespace {

using Cells = std::vector<std::string>;

Cells owned(const CsvRow& row) {
  Cells out;
  out.reserve(row.size());
  for (const auto f : row.fields) out.emplace_back(f);
  return out;
}

std::string_view at(const CsvRow& row, std::size_t i) { return i < row.size() ? row[i] : std::string_view(); }
std::string_view at(const Cells& row, std::size_t i) {
  return i < row.size() ? std::string_view(row[i]) : "";
}

/// Spaces and line breaks in a heading as single spaces.
std::string squeeze(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char c : trim(s)) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

bool is_digits(std::string_view s, std::size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

/// The financial or mid-year in a file name: "dsg_2021-22_..." -> 2021,
/// "population19_..." -> 2019.
std::optional<int> year_in(std::string_view name, std::string_view prefix, std::size_t digits) {
  if (name.size() < prefix.size() + digits || name.substr(0, prefix.size()) != prefix) return std::nullopt;
  const std::string_view y = name.substr(prefix.size(), digits);
  if (!is_digits(y, digits)) return std::nullopt;
  return digits == 2 ? 2000 + to_int(y) : to_int(y);
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------- tribunal

void read_tribunal(Loader& loader, const std::string& relative) {
  CsvFile f = loader.open(relative);
  CsvRow row;
  // Title rows, then "Local Authority,LA code,2014,,,2015,..." and a row of
  // column names (appeals, appealable decisions, appeal rate) under each year.
  Cells years;
  std::size_t years_line = 0;
  while (f.next(row)) {
    if (iequals(trim(at(row, 0)), "Local Authority") && iequals(trim(at(row, 1)), "LA code")) {
      years = owned(row);
      years_line = row.line;
      break;
    }
  }
  if (years.empty()) f.fail(0, "no header row starting 'Local Authority,LA code'");
  if (!f.next(row)) f.fail(years_line, "no column names under the years");
  const Cells names = owned(row);
  std::map<int, std::size_t> rate_column;  // calendar year -> column of its appeal rate
  std::vector<std::string> lacking;
  for (std::size_t j = 2; j < years.size(); ++j) {
    const std::string_view y = trim(years[j]);
    if (!is_digits(y, 4)) continue;
    std::size_t end = j + 1;
    while (end < years.size() && trim(years[end]).empty()) ++end;
    for (std::size_t c = j; c < end; ++c) {
      if (istarts_with(trim(at(names, c)), "SEND Tribunal Appeal Rate")) {
        rate_column.emplace(to_int(y), c);
        break;
      }
    }
    if (!rate_column.count(to_int(y))) lacking.push_back("SEND Tribunal Appeal Rate " + std::string(y));
  }
  if (rate_column.empty() || !lacking.empty()) {
    f.fail(row.line,
           "the header matches no known layout of the appeal-rate table (lacks " +
               (lacking.empty() ? std::string("any year's SEND Tribunal Appeal Rate") : join(lacking)) + ")");
  }
  const NumberStyle style{true, true};
  while (f.next(row)) {
    const std::string_view name = trim(at(row, 0));
    const std::string_view code = trim(at(row, 1));
    if (name.empty()) continue;
    if (istarts_with(name, "Sources") || istarts_with(name, "Notes")) break;
    if (istarts_with(name, "England total excluding")) continue;
    AreaData* a = nullptr;
    if (istarts_with(name, "England Total")) {
      a = &loader.england();
    } else {
      if (code.empty() &&
          std::none_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
        continue;  // a region heading ("NORTH EAST")
      }
      a = loader.by_name(name, code);
      if (!a) {
        loader.note(f.name() + ":" + std::to_string(row.line) + ": no SEN2 local authority named '" +
                    std::string(name) + "'; row not read");
        continue;
      }
      if (!code.empty() && code != a->old_code) {
        loader.note(f.name() + ":" + std::to_string(row.line) + ": '" + std::string(name) + "' has LA code " +
                    std::string(code) + " here; read as " + a->old_code + " " + a->name + " (by name)");
      }
    }
    for (const auto& [year, c] : rate_column) {
      if (c >= row.size()) continue;
      a->appeal_rate_pct[year] =
          parse_figure(row[c], f, row.line, squeeze(names[c]) + " " + std::to_string(year), style);
    }
  }
}

// ---------------------------------------------------------------- LAIT

void read_lait(Loader& loader) {
  CsvFile f = loader.open(loader.require("lait/lait_sen_measures_all_las"));
  CsvRow row;
  if (!f.next(row)) f.fail(0, "empty file");
  const Header h(row);
  const std::vector<std::string_view> needed = {"Short Desc", "Years", "LA and Regions", "Values",
                                                "LA Number"};
  if (const auto missing = h.missing(needed); !missing.empty()) {
    f.fail(h.line(), "the header matches no known LAIT layout (lacks " + join(missing) + ")");
  }
  const std::size_t desc = h.at("Short Desc", f), years = h.at("Years", f), area = h.at("LA and Regions", f),
                    values = h.at("Values", f), number = h.at("LA Number", f);
  while (f.next(row)) {
    if (row.size() != h.size()) {
      if (row.blank()) continue;
      check_width(row, h, f);
    }
    const std::string_view d = trim(row[desc]);
    ByYear AreaData::*series = nullptr;
    if (d == "SEN_TotSENSuP") {
      series = &AreaData::sen_support_pct;
    } else if (d == "SEN_TotStat") {
      series = &AreaData::ehc_pct;
    } else {
      continue;
    }
    // "2021" is the January 2021 school census; an academic or financial
    // year "2016-17" (with or without a suffix such as "(OT)") is read as
    // the January within it, 2017.
    const std::string_view y = trim(row[years]);
    int year = 0;
    if (is_digits(y.substr(0, std::min<std::size_t>(4, y.size())), 4)) {
      year = to_int(y.substr(0, 4));
      if (y.size() > 4 && y[4] == '-') ++year;
    } else {
      f.fail(row.line, "Years: not a year: '" + std::string(y) + "'");
    }
    AreaData* a = nullptr;
    const std::string_view code = trim(row[number]);
    if (iequals(trim(row[area]), "England") || code == "970") {
      a = &loader.england();
    } else {
      a = loader.la(code, "", row[area], 0);
      if (!a) continue;  // regions (980 and up)
    }
    (a->*series)[year] = parse_figure(row[values], f, row.line, std::string(d));
  }
}

// ---------------------------------------------------------------- population

void read_population(Loader& loader) {
  std::map<int, std::string> files;  // mid-year -> file
  for (const auto& name : loader.list("population")) {
    const auto year = year_in(name, "population", 2);
    if (!year || name.find("_utla") == std::string::npos) continue;
    if (!(name.ends_with(".csv") || name.ends_with(".csv.gz"))) continue;
    auto [it, inserted] = files.try_emplace(*year, "population/" + name);
    if (!inserted && name.ends_with(".csv")) it->second = "population/" + name;
  }
  for (const auto& [year, rel] : files) {
    CsvFile f = loader.open(rel);
    CsvRow row;
    if (!f.next(row)) f.fail(0, "empty file");
    const Header h(row);
    std::optional<std::size_t> code;
    for (std::size_t j = 0; j < h.size(); ++j) {
      if (h.name(j).ends_with("_code")) {
        code = j;
        break;
      }
    }
    std::vector<std::string> missing;
    if (!code) missing.push_back("utla20_code");
    std::array<std::size_t, 26> ages{};
    for (int age = 0; age <= 25; ++age) {
      const auto c = h.find(std::to_string(age));
      if (!c) missing.push_back(std::to_string(age));
      ages[age] = c.value_or(0);
    }
    if (!missing.empty())
      f.fail(h.line(), "the header matches no known population layout (lacks " + join(missing) + ")");
    std::array<Sum, 26> england;
    std::size_t unmatched = 0;
    while (f.next(row)) {
      if (row.size() != h.size()) {
        if (row.blank()) continue;
        check_width(row, h, f);
      }
      const std::string_view c = trim(row[*code]);
      if (c.empty() || c.front() != 'E') continue;  // Wales and Scotland
      std::array<Figure, 26> by_age;
      for (int age = 0; age <= 25; ++age) {
        by_age[age] = parse_figure(row[ages[age]], f, row.line, h.name(ages[age]));
        england[age].add(by_age[age]);
      }
      if (AreaData* a = loader.by_new_code(c)) {
        a->population[year] = by_age;
      } else {
        ++unmatched;
      }
    }
    std::array<Figure, 26> total;
    for (int age = 0; age <= 25; ++age) {
      total[age] = england[age].figure("sum of the English rows, age " + std::to_string(age));
      total[age].source.line = 0;
    }
    loader.england().population[year] = total;
    if (unmatched > 0) {
      loader.note(f.name() + ": " + std::to_string(unmatched) +
                  " English rows with a code no SEN2 file gives (read into England's sum only)");
    }
  }
  for (const int year : {2019, 2020}) {
    if (!files.count(year))
      (void)loader.require("population/population" + std::to_string(year % 100) + "_utla20");
  }
}

// ---------------------------------------------------------------- DSG

namespace {

/// dsg_YYYY-YY_High_needs_block: the total before deductions and the pupils
/// in special schools [C], per LA and England.
void read_high_needs_block(Loader& loader, const std::string& rel, int year) {
  CsvFile f = loader.open(rel);
  CsvRow row;
  if (!f.next(row)) f.fail(0, "empty file");
  const Cells heads = owned(row);
  const std::size_t head_line = row.line;
  std::optional<std::size_t> total, pupils;
  for (std::size_t j = 0; j < heads.size(); ++j) {
    const std::string h = squeeze(heads[j]);
    if (istarts_with(h, "Total high needs block before deductions")) total = j;  // the last such column
    if (!pupils && istarts_with(h, "Number of pupils in special schools")) pupils = j;
  }
  std::vector<std::string> missing;
  if (!total) missing.push_back("Total high needs block before deductions");
  if (!pupils) missing.push_back("Number of pupils in special schools and academies");
  if (!missing.empty())
    f.fail(head_line,
           "the header matches no known layout of the high needs block (lacks " + join(missing) + ")");
  const std::string total_name = squeeze(heads[*total]), pupils_name = squeeze(heads[*pupils]);
  while (f.next(row)) {
    const std::string_view key = trim(at(row, 0));
    AreaData* a = nullptr;
    if (iequals(key, "ENGLAND")) {
      a = &loader.england();
    } else if (is_digits(key, 3)) {
      a = loader.la(key, "", at(row, 1), 0);
    }
    if (!a) continue;
    a->high_needs_block[year] = parse_figure(at(row, *total), f, row.line, total_name);
    a->pupils_in_special_schools[year] = parse_figure(at(row, *pupils), f, row.line, pupils_name);
  }
}

/// dsg_YYYY-YY_High_needs_deductions: three header rows (institution type,
/// place type, period). Places are the later period's (September to March,
/// the academic year that starts in the financial year).
void read_high_needs_deductions(Loader& loader, const std::string& rel, int year) {
  CsvFile f = loader.open(rel);
  std::array<Cells, 3> heads;
  CsvRow row;
  std::size_t last_head = 0;
  for (auto& h : heads) {
    if (!f.next(row)) f.fail(row.line, "fewer than three header rows");
    h = owned(row);
    last_head = row.line;
  }
  const std::size_t width = std::max({heads[0].size(), heads[1].size(), heads[2].size()});
  // Each (institution, place type) pair: its period columns in order.
  struct Group {
    std::string institution, places;
    std::vector<std::size_t> periods;
  };
  std::vector<Group> groups;
  std::string institution, places;
  for (std::size_t j = 2; j < width; ++j) {
    if (!trim(at(heads[0], j)).empty()) institution = squeeze(at(heads[0], j));
    if (!trim(at(heads[1], j)).empty()) places = squeeze(at(heads[1], j));
    const std::string period = squeeze(at(heads[2], j));
    if (period.empty() || period.find("deduction") != std::string::npos) continue;
    if (groups.empty() || groups.back().institution != institution || groups.back().places != places) {
      groups.push_back(Group{institution, places, {}});
    }
    groups.back().periods.push_back(j);
  }
  struct Want {
    std::string_view institution, places;
    bool special;
  };
  const std::vector<Want> wants = {{"Special academies", "Pre-16 SEN places", true},
                                   {"Special academies", "Post-16 SEN places", true},
                                   {"Special free schools", "Pre-16 SEN places", true},
                                   {"Special free schools", "Post-16 SEN places", true},
                                   {"Mainstream academies", "Pre-16 SEN places funded at £6,000", false},
                                   {"Mainstream academies", "Pre-16 SEN places funded at £10,000", false}};
  std::vector<std::pair<std::size_t, bool>> columns;  // column, special (else enhanced)
  std::vector<std::string> missing;
  std::string period_name;
  for (const auto& w : wants) {
    const auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) {
      return istarts_with(g.institution, w.institution) && iequals(g.places, w.places);
    });
    if (it == groups.end()) {
      missing.push_back(std::string(w.institution) + " / " + std::string(w.places));
      continue;
    }
    columns.emplace_back(it->periods.back(), w.special);
    period_name = squeeze(at(heads[2], it->periods.back()));
  }
  if (!missing.empty()) {
    f.fail(last_head,
           "the header matches no known layout of the high needs deductions (lacks " + join(missing) + ")");
  }
  const std::string special_name =
      "places: special academies and special free schools, pre-16 and post-16 SEN, " + period_name;
  const std::string enhanced_name =
      "places: mainstream academies SEN units and resourced provision at 6,000 and "
      "10,000, " +
      period_name;
  while (f.next(row)) {
    const std::string_view key = trim(at(row, 0));
    AreaData* a = nullptr;
    if (iequals(key, "ENGLAND")) {
      a = &loader.england();
    } else if (is_digits(key, 3)) {
      a = loader.la(key, "", at(row, 1), 0);
    }
    if (!a) continue;
    Sum special, enhanced;
    for (const auto& [c, is_special] : columns) {
      (is_special ? special : enhanced).add(parse_figure(at(row, c), f, row.line, squeeze(at(heads[2], c))));
    }
    a->places_special[year] = special.figure(special_name);
    a->places_enhanced[year] = enhanced.figure(enhanced_name);
  }
}

}  // namespace

void read_dsg(Loader& loader) {
  std::map<int, std::string> blocks, deductions;
  for (const auto& name : loader.list("dsg")) {
    if (!(name.ends_with(".csv") || name.ends_with(".csv.gz"))) continue;
    const auto year = year_in(name, "dsg_", 4);
    if (!year || name.size() < 12 || name[8] != '-') continue;
    const std::string rel = "dsg/" + name;
    const std::string_view sheet = std::string_view(name).substr(12);
    if (istarts_with(sheet, "High_needs_block")) blocks.emplace(*year, rel);
    if (istarts_with(sheet, "High_needs_deductions")) deductions.emplace(*year, rel);
  }
  if (blocks.empty()) {
    throw DataError((loader.folder() / "dsg/dsg_YYYY-YY_High_needs_block.csv").string(), 0,
                    "no such file (no financial year's high needs block in dsg/)");
  }
  for (const auto& [year, rel] : blocks) {
    if (!deductions.count(year)) {
      const std::string fy = std::to_string(year) + "-" + std::to_string((year + 1) % 100);
      throw DataError((loader.folder() / ("dsg/dsg_" + fy + "_High_needs_deductions.csv")).string(), 0,
                      "no such file (nor .csv.gz; " + rel + " has no deductions for its year)");
    }
    read_high_needs_block(loader, rel, year);
    read_high_needs_deductions(loader, deductions.at(year), year);
  }
}

// ---------------------------------------------------------------- s251

void read_s251(Loader& loader) {
  const std::string rel = loader.require("s251/high_needs_benchmarking_tool_2021-22");
  CsvFile f = loader.open(rel);
  // Header rows: "Section 251 budget" over the budget lines, the line names
  // in the row below it, and "Region,LA code,LA name" further down.
  std::vector<Cells> heads;
  CsvRow row;
  std::optional<std::size_t> code_col, name_col;
  while (f.next(row)) {
    heads.push_back(owned(row));
    for (std::size_t j = 0; j < row.size(); ++j) {
      if (iequals(trim(row[j]), "LA code")) code_col = j;
      if (iequals(trim(row[j]), "LA name")) name_col = j;
    }
    if (code_col) break;
  }
  std::optional<std::pair<std::size_t, std::size_t>> budget;  // header row, first column
  for (std::size_t i = 0; i + 1 < heads.size() && !budget; ++i) {
    for (std::size_t j = 0; j < heads[i].size(); ++j) {
      if (iequals(trim(heads[i][j]), "Section 251 budget")) {
        budget = std::make_pair(i, j);
        break;
      }
    }
  }
  std::vector<std::string> missing;
  if (!code_col) missing.push_back("LA code");
  if (!name_col) missing.push_back("LA name");
  if (!budget) missing.push_back("Section 251 budget");
  if (!missing.empty()) {
    f.fail(0, "the header matches no known layout of the benchmarking tool (lacks " + join(missing) + ")");
  }
  const Cells& lines = heads[budget->first + 1];
  std::vector<std::pair<std::size_t, std::string>> columns;
  for (std::size_t j = budget->second; j < lines.size() && !trim(lines[j]).empty(); ++j) {
    columns.emplace_back(j, squeeze(lines[j]));
  }
  if (columns.empty()) f.fail(budget->first + 2, "no budget line names under 'Section 251 budget'");
  const int year = year_in(std::string_view(rel).substr(rel.find("tool_") + 5), "", 4).value_or(0);
  while (f.next(row)) {
    const std::string_view code = trim(at(row, *code_col));
    if (!is_digits(code, 3)) continue;
    AreaData* a = loader.la(code, "", at(row, *name_col), 0);
    if (!a) continue;
    for (const auto& [c, line_name] : columns) {
      a->s251_budget[line_name] = parse_figure(at(row, c), f, row.line, line_name);
    }
    a->s251_budget_year = year;
  }
}

}  // namespace sendsim::data::detail
