// sim/data/published.cpp: load_published (the required files, the readers in
// release order, reorganisations and series breaks), PublishedData::find,
// DataError, list_series, and the Loader the readers share.
#include "data/published.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <system_error>

#include "data/loader.hpp"

namespace sendsim::data {

namespace {

std::string error_text(const std::string& file, std::size_t line, const std::string& message) {
  std::string out = file;
  if (line > 0) out.append(":").append(std::to_string(line));
  if (!out.empty()) out.append(": ");
  out.append(message);
  return out;
}

bool is_la_number(std::string_view code) {
  return code.size() == 3 &&
         std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

DataError::DataError(const std::string& file, std::size_t line, const std::string& message)
    : std::runtime_error(error_text(file, line, message)), file_(file), line_(line) {}

const AreaData& PublishedData::find(std::string_view code) const {
  std::string key(trim(code));
  for (char& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (const auto it = las.find(key); it != las.end()) return it->second;
  if (const auto it = new_codes.find(key); it != new_codes.end()) {
    if (const auto la = las.find(it->second); la != las.end()) return la->second;
  }
  std::string example;
  if (const auto it = las.find("882"); it != las.end()) {
    example = "882 " + it->second.name;
  } else if (!las.empty()) {
    example = las.begin()->first + " " + las.begin()->second.name;
  }
  std::string message = "no local authority " + std::string(trim(code)) + " in the published files (" +
                        std::to_string(las.size()) + " authorities";
  if (!example.empty()) message += ", e.g. " + example;
  message += ")";
  throw DataError(folder.string(), 0, message);
}

std::vector<NamedSeries> list_series(const AreaData& a) {
  static constexpr std::array<std::string_view, kAgeBandCount> kBands = {"under_5", "5-10", "11-15", "16-19",
                                                                         "20-25"};
  std::vector<NamedSeries> out;
  auto one = [&](std::string name, const ByYear& s, bool percent = false) {
    out.push_back(NamedSeries{std::move(name), &s, percent});
  };
  auto placements = [&](const std::string& name, const std::array<ByYear, kPlacementCount>& s) {
    for (int g = 0; g < kPlacementCount; ++g) one(name + "." + std::string(kPlacementCodes[g]), s[g]);
  };
  auto bands = [&](const std::string& name, const std::array<ByYear, kAgeBandCount>& s) {
    for (int b = 0; b < kAgeBandCount; ++b) one(name + "." + std::string(kBands[b]), s[b]);
  };
  one("plans", a.plans);
  one("statements", a.statements);
  placements("plans_by_placement", a.plans_by_placement);
  bands("plans_by_age_band", a.plans_by_age_band);
  for (int n = 0; n < kPublishedNeedCount; ++n) {
    one("plans_by_need." + std::string(kPublishedNeedCodes[n]), a.plans_by_need[n]);
  }
  one("requests", a.requests);
  one("requests_refused", a.requests_refused);
  one("requests_assessed", a.requests_assessed);
  bands("requests_by_age_band", a.requests_by_age_band);
  one("new_plans", a.new_plans);
  placements("new_plans_by_placement", a.new_plans_by_placement);
  bands("new_plans_by_age_band", a.new_plans_by_age_band);
  one("assessments_no_plan", a.assessments_no_plan);
  one("issued_within_20_weeks_pct", a.issued_within_20_weeks_pct, true);
  one("issued_over_52_weeks_pct", a.issued_over_52_weeks_pct, true);
  one("average_weeks_to_issue", a.average_weeks_to_issue, true);
  one("ceased", a.ceased);
  one("ceased_needs_met", a.ceased_needs_met);
  one("ceased_moved", a.ceased_moved);
  one("ceased_left_education", a.ceased_left_education);
  one("ceased_max_age", a.ceased_max_age);
  bands("ceased_by_age_band", a.ceased_by_age_band);
  one("mainstream_to_special", a.mainstream_to_special);
  one("appeal_rate_pct", a.appeal_rate_pct, true);
  one("sen_support_pct", a.sen_support_pct, true);
  one("ehc_pct", a.ehc_pct, true);
  one("high_needs_block", a.high_needs_block);
  one("pupils_in_special_schools", a.pupils_in_special_schools);
  one("places_special", a.places_special);
  one("places_enhanced", a.places_enhanced);
  return out;
}

namespace detail {

// ---------------------------------------------------------------- helpers

bool iequals(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool istarts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

void Sum::take(const Figure& f, double sign) {
  if (parts_++ == 0) source_ = f.source;
  if (!f.ok()) {
    if (!missing_) {
      missing_ = true;
      code_ = f.missing;
      source_ = f.source;
    }
    return;
  }
  value_ += sign * *f.value;
}

Figure Sum::figure(const std::string& column) const {
  Figure f;
  f.source = source_;
  f.source.column = column;
  if (missing_) {
    f.missing = code_;
  } else {
    f.value = value_;
  }
  return f;
}

std::string normalise_name(std::string_view name) {
  std::string s(trim(name));
  // Footnote markers: "Cumbria8", "England Total4,9".
  while (!s.empty() && (std::isdigit(static_cast<unsigned char>(s.back())) || s.back() == ',')) s.pop_back();
  std::string lower;
  for (const char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto drop_suffix = [&](std::string_view suffix) {
    if (lower.size() >= suffix.size() &&
        lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0) {
      lower.resize(lower.size() - suffix.size());
    }
  };
  drop_suffix(", city of");
  drop_suffix(", county of");
  if (lower.rfind("county ", 0) == 0) lower.erase(0, 7);
  std::string out;
  bool space = false;
  for (const char c : lower) {
    if (c == '&') {
      if (!out.empty() && !space) out += ' ';
      out += "and";
      space = false;
      continue;
    }
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (space && !out.empty()) out += ' ';
      out += c;
      space = false;
    } else if (c == ' ' || c == '-' || c == '\t') {
      space = true;
    }  // other punctuation (",", ".", "'") is dropped
  }
  return out;
}

std::optional<int> age_band(std::string_view label, const CsvFile& file, std::size_t line) {
  std::string s;
  for (const char c : trim(label)) s += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s.find("unknown") != std::string::npos || s == "not recorded") return std::nullopt;
  auto fail = [&]() -> std::optional<int> {
    file.fail(line, "unknown age label '" + std::string(trim(label)) + "'");
  };
  auto band_of = [](int age) -> std::optional<int> {
    if (age < 0) return std::nullopt;
    if (age <= 4) return 0;
    if (age <= 10) return 1;
    if (age <= 15) return 2;
    if (age <= 19) return 3;
    if (age <= 25) return 4;
    return std::nullopt;
  };
  auto number_at = [&](std::size_t pos, std::size_t& end) -> std::optional<int> {
    int v = 0;
    const auto [p, ec] = std::from_chars(s.data() + pos, s.data() + s.size(), v);
    if (ec != std::errc()) return std::nullopt;
    end = static_cast<std::size_t>(p - s.data());
    return v;
  };
  std::size_t pos = 0;
  bool under = false;
  if (s.rfind("under ", 0) == 0) {
    under = true;
    pos = 6;
  } else if (s.rfind("aged ", 0) == 0) {
    pos = 5;
  } else if (s.rfind("age ", 0) == 0) {
    pos = 4;
  }
  std::size_t end = 0;
  const auto age = number_at(pos, end);
  if (!age) return fail();
  const std::string_view rest = trim(std::string_view(s).substr(end));
  if (under) {  // "under 3", "under 5": all below, which is band 0 up to 5
    if (*age < 1 || *age > 5 || !rest.empty()) return fail();
    return 0;
  }
  if (rest.empty()) {
    const auto b = band_of(*age);
    if (!b) return fail();
    return b;
  }
  if (rest == "and under") {
    if (*age > 4) return fail();
    return 0;
  }
  if (rest == "and over") {
    if (*age < 20 || *age > 25) return fail();
    return 4;
  }
  if (rest.rfind("to ", 0) == 0) {  // "age 5 to 10": a band, both ends in it
    std::size_t end2 = 0;
    const std::size_t at = end + (s.substr(end).find("to ") + 3);
    const auto upper = number_at(at, end2);
    if (!upper || end2 != s.size()) return fail();
    const auto a = band_of(*age);
    const auto b = band_of(*upper);
    if (!a || a != b) return fail();
    return a;
  }
  return fail();
}

int sen2_year(std::string_view time_period, const CsvFile& file, std::size_t line) {
  const std::string_view t = trim(time_period);
  int v = 0;
  const auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec == std::errc() && p == t.data() + t.size()) {
    if (t.size() == 4) return v;
    // "201819": the academic year 2018/19, whose January census is 2019.
    if (t.size() == 6 && (v / 100 + 1) % 100 == v % 100) return v / 100 + 1;
  }
  file.fail(line, "time_period: not a year: '" + std::string(t) + "'");
}

// ---------------------------------------------------------------- Loader

Loader::Loader(std::filesystem::path folder) {
  data_.folder = std::move(folder);
  data_.england.name = "England";
  data_.england.new_code = "E92000001";
}

std::optional<std::string> Loader::locate(const std::string& base) const {
  std::error_code ec;
  for (const char* ext : {".csv", ".csv.gz"}) {
    const std::string rel = base + ext;
    if (std::filesystem::is_regular_file(data_.folder / rel, ec)) return rel;
  }
  return std::nullopt;
}

std::string Loader::require(const std::string& base) const {
  if (auto found = locate(base)) return *found;
  const auto slash = base.find_last_of('/');
  const std::string leaf = slash == std::string::npos ? base : base.substr(slash + 1);
  throw DataError((data_.folder / (base + ".csv")).string(), 0, "no such file (nor " + leaf + ".csv.gz)");
}

CsvFile Loader::open(const std::string& relative) {
  CsvFile file = CsvFile::open(data_.folder / relative, relative);
  data_.files.push_back(relative);
  return file;
}

std::vector<std::string> Loader::list(const std::string& sub) const {
  std::error_code ec;
  const auto dir = data_.folder / sub;
  if (!std::filesystem::is_directory(dir, ec)) throw DataError(dir.string(), 0, "no such folder");
  std::vector<std::string> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

AreaData* Loader::la(std::string_view old_code, std::string_view new_code, std::string_view name, int year) {
  const std::string_view code = trim(old_code);
  if (!is_la_number(code) || code >= "970") return nullptr;
  const std::string key(code);
  auto [it, inserted] = data_.las.try_emplace(key);
  AreaData& a = it->second;
  if (inserted) a.old_code = key;
  const std::string_view nc = trim(new_code);
  const std::string_view nm = trim(name);
  if (!nc.empty()) data_.new_codes.emplace(std::string(nc), key);
  if (!nm.empty()) {
    auto& years = names_[normalise_name(nm)];
    int& latest = years[key];
    latest = std::max(latest, year);
  }
  int& identity = identity_year_[key];
  if (inserted || year >= identity) {
    if (!nc.empty()) a.new_code = std::string(nc);
    if (!nm.empty()) a.name = std::string(nm);
    if (!nc.empty() || !nm.empty()) identity = std::max(identity, year);
  }
  if (a.name.empty() && !nm.empty()) a.name = std::string(nm);
  if (a.new_code.empty() && !nc.empty()) a.new_code = std::string(nc);
  return &a;
}

AreaData* Loader::by_new_code(std::string_view new_code) {
  const auto it = data_.new_codes.find(std::string(trim(new_code)));
  if (it == data_.new_codes.end()) return nullptr;
  const auto la = data_.las.find(it->second);
  return la == data_.las.end() ? nullptr : &la->second;
}

AreaData* Loader::by_name(std::string_view name, std::string_view code_hint) {
  const auto it = names_.find(normalise_name(name));
  if (it == names_.end()) return nullptr;
  const auto& codes = it->second;
  std::string chosen;
  if (const auto hint = codes.find(std::string(trim(code_hint))); hint != codes.end()) {
    chosen = hint->first;
  } else {
    int best = -1;
    for (const auto& [code, year] : codes) {
      if (year > best) {
        best = year;
        chosen = code;
      }
    }
  }
  const auto la = data_.las.find(chosen);
  return la == data_.las.end() ? nullptr : &la->second;
}

void Loader::seen_sen2(const AreaData& la, int year, bool stock, const Source& source) {
  if (la.old_code.empty()) return;
  Sen2Span& s = spans_[la.old_code];
  if (s.first == 0 || year < s.first) {
    s.first = year;
    s.first_source = source;
  }
  if (year > s.last) {
    s.last = year;
    s.last_source = source;
  }
  if (stock) {
    if (s.first_stock == 0 || year < s.first_stock) s.first_stock = year;
    s.last_stock = std::max(s.last_stock, year);
  }
}

}  // namespace detail

// ---------------------------------------------------------------- load_published

namespace {

using detail::Loader;

/// The LA reorganisations the SEN2 years span (England's upper-tier LAs,
/// 2019 on). Years come from the files.
struct Reorganisation {
  std::string_view successor;
  std::vector<std::string_view> predecessors;
  std::string_view when;
};

const std::vector<Reorganisation>& reorganisations() {
  static const std::vector<Reorganisation> kAll = {
      {"838", {"835"}, "April 2019"},                // Dorset (new), from Dorset county less Christchurch
      {"839", {"835", "836", "837"}, "April 2019"},  // Bournemouth, Christchurch and Poole
      {"940", {"928"}, "April 2021"},                // North Northamptonshire
      {"941", {"928"}, "April 2021"},                // West Northamptonshire
      {"942", {"909"}, "April 2023"},                // Cumberland
      {"943", {"909"}, "April 2023"},                // Westmorland and Furness
  };
  return kAll;
}

std::string label(const AreaData& a) { return a.old_code + " " + a.name; }

std::string census_text(int first_stock, int last_stock) {
  if (first_stock == 0) return "no January census";
  if (first_stock == last_stock) return "January census " + std::to_string(first_stock);
  return "January censuses " + std::to_string(first_stock) + "-" + std::to_string(last_stock);
}

void apply_reorganisations(Loader& loader) {
  auto& las = loader.data().las;
  const auto& spans = loader.sen2_spans();
  // Successors of each predecessor, for its break's text.
  std::map<std::string, std::vector<std::string>> successors;
  for (const auto& r : reorganisations()) {
    if (!las.count(std::string(r.successor))) continue;
    for (const auto p : r.predecessors) successors[std::string(p)].push_back(std::string(r.successor));
  }
  for (const auto& r : reorganisations()) {
    const auto it = las.find(std::string(r.successor));
    if (it == las.end()) continue;
    AreaData& a = it->second;
    std::string from;
    for (const auto p : r.predecessors) {
      a.predecessors.emplace_back(p);
      if (!from.empty()) from += ", ";
      const auto pre = las.find(std::string(p));
      from += pre == las.end() ? std::string(p) : label(pre->second);
    }
    const auto span = spans.find(a.old_code);
    if (span == spans.end()) continue;
    a.first_year = span->second.first;
    a.breaks.push_back(SeriesBreak{a.first_year, "la_boundary",
                                   label(a) + " formed in " + std::string(r.when) + " from " + from +
                                       ": SEN2 figures from " + std::to_string(span->second.first) + " (" +
                                       census_text(span->second.first_stock, span->second.last_stock) + ")",
                                   span->second.first_source});
  }
  for (const auto& [code, succ] : successors) {
    const auto it = las.find(code);
    const auto span = spans.find(code);
    if (it == las.end() || span == spans.end()) continue;
    AreaData& a = it->second;
    a.last_year = span->second.last;
    std::string to;
    for (const auto& s : succ) {
      if (!to.empty()) to += ", ";
      to += label(las.at(s));
    }
    a.breaks.push_back(SeriesBreak{a.last_year, "la_boundary",
                                   label(a) + " reorganised (succeeded by " + to + "): SEN2 figures to " +
                                       std::to_string(span->second.last) + " (" +
                                       census_text(span->second.first_stock, span->second.last_stock) + ")",
                                   span->second.last_source});
  }
}

void add_collection_breaks(Loader& loader, const std::string& caseload_2025) {
  const SeriesBreak brk{
      2023, "sen2",
      "SEN2 person-level collection from January 2023 (aggregate LA returns before): January "
      "stocks from 2023 and calendar-year flows from 2022 (returned in 2023) are person-level",
      Source{caseload_2025, 0, "time_period"}};
  for (auto& [code, a] : loader.data().las) {
    const auto span = loader.sen2_spans().find(code);
    if (span != loader.sen2_spans().end() && span->second.last >= 2023) a.breaks.push_back(brk);
  }
  loader.england().breaks.push_back(brk);
}

/// The person-level release folders after 2022 in year order: for each year,
/// "release-YYYY" itself when present, else the first "release-YYYY*".
std::vector<std::string> person_release_dirs(const Loader& loader) {
  std::map<int, std::string> by_year;
  std::error_code ec;
  for (const auto& name : loader.list("sen2")) {
    if (name.size() < 12 || name.compare(0, 8, "release-") != 0) continue;
    if (!std::filesystem::is_directory(loader.folder() / "sen2" / name, ec)) continue;
    int year = 0;
    const auto [p, e] = std::from_chars(name.data() + 8, name.data() + 12, year);
    if (e != std::errc() || p != name.data() + 12 || year <= 2022) continue;
    auto [it, inserted] = by_year.try_emplace(year, name);
    if (!inserted && name.size() == 12) it->second = name;  // the full release over a sample
  }
  std::vector<std::string> out;
  for (const auto& [year, name] : by_year) out.push_back("sen2/" + name);
  return out;
}

}  // namespace

PublishedData load_published(const std::filesystem::path& folder) {
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) throw DataError(folder.string(), 0, "no such folder");
  Loader loader(folder);

  // The required set, checked before anything is read so that a missing
  // download is reported at once.
  for (const auto& base : detail::release_2022_files()) (void)loader.require("sen2/release-2022/" + base);
  if (!std::filesystem::is_directory(folder / "sen2/release-2025", ec)) {
    throw DataError((folder / "sen2/release-2025").string(), 0, "no such folder");
  }
  for (const auto& base : detail::person_release_files()) (void)loader.require("sen2/release-2025/" + base);
  (void)loader.require("lait/lait_sen_measures_all_las");
  (void)loader.require("population/population19_utla20");
  (void)loader.require("population/population20_utla20");
  (void)loader.require("s251/high_needs_benchmarking_tool_2021-22");
  (void)loader.list("dsg");

  detail::read_sen2_2022(loader, "sen2/release-2022");
  const auto dirs = person_release_dirs(loader);
  for (const auto& dir : dirs) detail::read_sen2_person(loader, dir, dir == "sen2/release-2025");
  // Tribunal appeal rates: the latest release's table (keyed by LA name).
  std::string tribunal;
  for (const auto& dir : dirs) {
    for (const auto& name : loader.list(dir)) {
      if (detail::istarts_with(name, "SEND Tribunals and appeal rate") &&
          (name.ends_with(".csv") || name.ends_with(".csv.gz"))) {
        tribunal = dir + "/" + name;
      }
    }
    if (dir == "sen2/release-2025" && tribunal.empty()) {
      throw DataError((folder / dir / "SEND Tribunals and appeal rate 2014-2024.csv").string(), 0,
                      "no such file (nor .csv.gz)");
    }
  }
  detail::read_tribunal(loader, tribunal);
  detail::read_lait(loader);
  detail::read_population(loader);
  detail::read_dsg(loader);
  detail::read_s251(loader);

  apply_reorganisations(loader);
  add_collection_breaks(loader, *loader.locate("sen2/release-2025/caseload"));
  return std::move(loader.data());
}

}  // namespace sendsim::data
