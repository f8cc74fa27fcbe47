// sim/data/gias.cpp: the reader of the GIAS all-establishments CSV
// (read_establishments), its Windows-1252 to UTF-8 conversion, and the need
// codes of its SEN provision names (need_code_of_gias).
#include "data/gias.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <string_view>
#include <utility>

#include "data/csv.hpp"

namespace sendsim::data {

namespace {

constexpr std::size_t kSenColumns = 13;

std::string sen_column(std::size_t k) { return "SEN" + std::to_string(k) + " (name)"; }

/// True when `s` is well-formed UTF-8 (no overlong forms, no surrogates).
bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      cp = c & 0x1Fu;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      cp = c & 0x0Fu;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      cp = c & 0x07u;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0u) != 0x80u) return false;
      cp = (cp << 6) | (d & 0x3Fu);
    }
    if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

/// Windows-1252 text as UTF-8. The five bytes the code page leaves
/// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) become U+FFFD.
std::string windows1252_to_utf8(std::string_view s) {
  static constexpr std::array<std::uint16_t, 32> kHigh = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out += ch;
    } else if (c < 0xA0) {
      append_utf8(out, kHigh[c - 0x80]);
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

/// `value` for a message: at most 40 bytes (not cutting a UTF-8 sequence),
/// then "...".
std::string shown(std::string_view value) {
  if (value.size() <= 40) return std::string(value);
  std::size_t n = 40;
  while (n > 0 && (static_cast<unsigned char>(value[n]) & 0xC0u) == 0x80u) --n;
  return std::string(value.substr(0, n)) + "...";
}

std::optional<double> number_cell(std::string_view cell, const CsvFile& file, std::size_t line,
                                  const std::string& column) {
  const std::string_view t = trim(cell);
  if (t.empty()) return std::nullopt;
  const auto v = parse_number(t);
  if (!v || !std::isfinite(*v)) file.fail(line, column + ": expected a number, got \"" + shown(t) + "\"");
  return v;
}

std::optional<int> whole_cell(std::string_view cell, const CsvFile& file, std::size_t line,
                              const std::string& column) {
  const std::string_view t = trim(cell);
  if (t.empty()) return std::nullopt;
  const auto v = parse_number(t);
  if (!v || !std::isfinite(*v) || std::floor(*v) != *v || std::fabs(*v) > 1e6) {
    file.fail(line, column + ": expected a whole number, got \"" + shown(t) + "\"");
  }
  return static_cast<int>(*v);
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

const std::vector<std::string>& gias_columns() {
  static const std::vector<std::string> kColumns = [] {
    std::vector<std::string> c = {"URN",
                                  "LA (code)",
                                  "EstablishmentName",
                                  "TypeOfEstablishment (name)",
                                  "EstablishmentStatus (name)",
                                  "PhaseOfEducation (name)",
                                  "StatutoryLowAge",
                                  "StatutoryHighAge",
                                  "SchoolCapacity",
                                  "NumberOfPupils"};
    for (std::size_t k = 1; k <= kSenColumns; ++k) c.push_back(sen_column(k));
    for (const char* name : {"ResourcedProvisionCapacity", "SenUnitCapacity", "DistrictAdministrative (name)",
                             "Easting", "Northing"}) {
      c.emplace_back(name);
    }
    return c;
  }();
  return kColumns;
}

Establishments read_establishments(const std::filesystem::path& file) {
  Establishments out;
  out.file = file.string();
  std::string text = read_file_bytes(file, out.file);
  if (!valid_utf8(text)) {
    text = windows1252_to_utf8(text);
    out.encoding = "Windows-1252";
  }
  CsvFile csv = CsvFile::from_text(std::move(text), out.file);
  CsvRow row;
  if (!csv.next(row)) csv.fail(1, "not a GIAS establishments file: no header row");
  const Header header(row);
  const std::vector<std::string>& columns = gias_columns();
  const std::vector<std::string_view> wanted(columns.begin(), columns.end());
  if (const auto missing = header.missing(wanted); !missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += std::string(list.empty() ? "" : ", ") + "\"" + m + "\"";
    csv.fail(header.line(), "not a GIAS establishments file: no column " + list);
  }
  std::vector<std::size_t> at;
  at.reserve(columns.size());
  for (const auto& c : columns) at.push_back(*header.find(c));
  enum Column : std::size_t {
    kUrn,
    kLa,
    kName,
    kType,
    kStatus,
    kPhase,
    kLow,
    kHigh,
    kCapacity,
    kPupils,
    kSen1,
    kResourced = kSen1 + kSenColumns,
    kUnit,
    kDistrict,
    kEasting,
    kNorthing
  };
  while (csv.next(row)) {
    if (row.blank()) continue;
    check_width(row, header, csv);
    auto cell = [&](std::size_t c) { return std::string(trim(row[at[c]])); };
    auto number = [&](std::size_t c) { return number_cell(row[at[c]], csv, row.line, columns[c]); };
    auto whole = [&](std::size_t c) { return whole_cell(row[at[c]], csv, row.line, columns[c]); };
    Establishment e;
    e.line = row.line;
    e.urn = cell(kUrn);
    e.la_code = cell(kLa);
    e.name = cell(kName);
    e.type = cell(kType);
    e.status = cell(kStatus);
    e.phase = cell(kPhase);
    e.low_age = whole(kLow);
    e.high_age = whole(kHigh);
    e.capacity = number(kCapacity);
    e.pupils = number(kPupils);
    for (std::size_t k = 0; k < kSenColumns; ++k) {
      std::string s = cell(kSen1 + k);
      if (!s.empty()) e.sen.push_back(std::move(s));
    }
    e.resourced_capacity = number(kResourced);
    e.unit_capacity = number(kUnit);
    e.district = cell(kDistrict);
    e.easting = number(kEasting);
    e.northing = number(kNorthing);
    out.rows.push_back(std::move(e));
  }
  return out;
}

std::string need_code_of_gias(const std::string& sen_name) {
  std::string_view t = trim(sen_name);
  if (const auto dash = t.find(" - "); dash != std::string_view::npos) t = trim(t.substr(0, dash));
  const std::string key = upper(t);
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kCodes = {{
      {"ASD", "ASD"},
      {"SEMH", "SEMH"},
      {"BESD", "SEMH"},
      {"SLCN", "SLCN"},
      {"MLD", "MLD"},
      {"SLD", "SLD"},
      {"PMLD", "PMLD"},
      {"SPLD", "SpLD"},
      {"PD", "PD"},
      {"HI", "HI"},
      {"VI", "VI"},
      {"MSI", "MSI"},
      {"OTH", "OTH"},
      {"NSA", "NSA"},
  }};
  for (const auto& [published, code] : kCodes) {
    if (key == published) return std::string(code);
  }
  return {};
}

}  // namespace sendsim::data
