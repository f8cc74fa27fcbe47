// sim/calibrate/geography.cpp: an LA's districts, travel times and special
// and enhanced settings from its GIAS establishments (geography(); the rules
// are in geography.hpp).
#include "calibrate/geography.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <string_view>
#include <utility>

#include "data/csv.hpp"
#include "data/published.hpp"

namespace sendsim::calibrate {

namespace {

using data::Establishment;

constexpr std::array<std::string_view, 13> kNeedOrder = {"ASD", "SEMH", "SLCN", "MLD", "SLD", "PMLD", "SpLD",
                                                         "PD",  "HI",   "VI",   "MSI", "OTH", "NSA"};

constexpr std::array<std::string_view, 5> kStateSpecial = {
    "Community special school", "Foundation special school", "Academy special converter",
    "Academy special sponsor led", "Free schools special"};
constexpr std::array<std::string_view, 2> kPooledSpecial = {"Non-maintained special school",
                                                            "Other independent special school"};
constexpr std::array<std::string_view, 14> kMainstream = {"Community school",
                                                          "Voluntary aided school",
                                                          "Voluntary controlled school",
                                                          "Foundation school",
                                                          "Academy converter",
                                                          "Academy sponsor led",
                                                          "Free schools",
                                                          "Studio schools",
                                                          "University technical college",
                                                          "City technology college",
                                                          "Academy 16-19 converter",
                                                          "Academy 16 to 19 sponsor led",
                                                          "Free schools 16 to 19",
                                                          "Academy 16-19 sponsor led"};

bool same(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& list) {
  return std::any_of(list.begin(), list.end(), [&](std::string_view x) { return same(s, x); });
}

bool is_open(const std::string& status) {
  return same(status, "Open") || same(status, "Open, but proposed to close");
}

/// `s` on one line: control characters (C0, DEL and C1 encoded as UTF-8) as
/// spaces, runs of spaces as one, trimmed. The reader gives valid UTF-8.
std::string one_line(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    bool blank = c < 0x20 || c == 0x7F || c == ' ';
    if (c == 0xC2 && i + 1 < s.size()) {
      const auto d = static_cast<unsigned char>(s[i + 1]);
      if (d >= 0x80 && d <= 0xA0) {  // C1 controls and the no-break space
        blank = true;
        ++i;
      }
    }
    if (blank) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

std::string fixed1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string whole(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

std::string fraction(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", v);
  return buf;
}

/// Designations: need codes in kNeedOrder without repeats, and the names no
/// code was found for.
std::pair<std::vector<std::string>, std::vector<std::string>> designations(const Establishment& e) {
  std::array<bool, kNeedOrder.size()> has{};
  std::vector<std::string> unknown;
  for (const auto& name : e.sen) {
    const std::string code = data::need_code_of_gias(name);
    const auto it = std::find(kNeedOrder.begin(), kNeedOrder.end(), code);
    if (code.empty() || it == kNeedOrder.end()) {
      if (!same(name, "Not Applicable")) unknown.push_back(one_line(name));
      continue;
    }
    has[static_cast<std::size_t>(it - kNeedOrder.begin())] = true;
  }
  std::vector<std::string> needs;
  for (std::size_t k = 0; k < kNeedOrder.size(); ++k) {
    if (has[k]) needs.emplace_back(kNeedOrder[k]);
  }
  return {needs, unknown};
}

struct Candidate {
  const Establishment* e = nullptr;
  GeoSetting setting;
  std::optional<double> weight;  // places, or the size they are shared by
  std::string weight_note;
  std::string note_head, note_tail;  // the note before and after the places' part
};

/// Shares of the weights; a missing weight is the mean of the others', and
/// with none (or all zero) every candidate the same share.
void share_out(std::vector<Candidate>& list) {
  double sum = 0;
  std::size_t known = 0;
  for (const auto& c : list) {
    if (c.weight && *c.weight > 0) {
      sum += *c.weight;
      ++known;
    }
  }
  if (known == 0) {
    for (auto& c : list) {
      c.setting.share = 1.0 / static_cast<double>(list.size());
      c.weight_note += "; no size given for any, equal shares";
    }
    return;
  }
  const double mean = sum / static_cast<double>(known);
  double total = 0;
  for (auto& c : list) {
    if (!c.weight || *c.weight <= 0) {
      c.weight = mean;
      c.weight_note += " (the mean of the others', " + whole(mean) + ")";
    }
    total += *c.weight;
  }
  for (auto& c : list) c.setting.share = *c.weight / total;
}

std::string ages_note(const Establishment& e, const GeoSetting& s) {
  auto age = [](const std::optional<int>& a) { return a ? std::to_string(*a) : std::string("empty"); };
  return "ages " + std::to_string(s.min_age) + "-" + std::to_string(s.max_age) + " (StatutoryLowAge " +
         age(e.low_age) + ", StatutoryHighAge " + age(e.high_age) + ")";
}

void set_ages(const Establishment& e, GeoSetting& s) {
  s.min_age = std::clamp(e.low_age.value_or(2), 0, 18);
  s.max_age = e.high_age ? std::clamp(*e.high_age - 1, 0, 18) : 18;
  if (s.max_age < s.min_age) s.max_age = s.min_age;
}

}  // namespace

Geography geography(const data::Establishments& establishments, const std::string& old_code) {
  const std::string code(data::trim(old_code));
  const std::string& file = establishments.file;
  Geography geo;

  // The LA's open establishments that can be placed.
  std::vector<const Establishment*> placed;
  std::size_t open = 0;
  for (const Establishment& e : establishments.rows) {
    if (data::trim(e.la_code) != code || !is_open(e.status)) continue;
    ++open;
    if (one_line(e.district).empty() || !e.easting || !e.northing) {
      ++geo.skipped;
      geo.skipped_lines.push_back(e.line);
      continue;
    }
    placed.push_back(&e);
  }
  if (open == 0) throw data::DataError(file, 0, "no open establishment of LA " + code);
  if (placed.empty()) {
    throw data::DataError(
        file, 0,
        "none of the " + std::to_string(open) + " open establishments of LA " + code +
            " has a district and coordinates (DistrictAdministrative (name), Easting, Northing)");
  }

  // Districts: centroids and mainstream pupils.
  struct Sums {
    double easting = 0, northing = 0, pupils = 0;
    std::size_t count = 0, mainstream = 0;
  };
  std::map<std::string, Sums> sums;
  double all_pupils = 0;
  for (const Establishment* e : placed) {
    Sums& s = sums[one_line(e->district)];
    s.easting += *e->easting;
    s.northing += *e->northing;
    ++s.count;
    if (one_of(e->type, kMainstream)) {
      ++s.mainstream;
      s.pupils += e->pupils.value_or(0);
      all_pupils += e->pupils.value_or(0);
    }
  }
  for (const auto& [name, s] : sums) {
    GeoDistrict d;
    d.name = name;
    d.easting = s.easting / static_cast<double>(s.count);
    d.northing = s.northing / static_cast<double>(s.count);
    const std::string centroid =
        "centroid of " + std::to_string(s.count) + " establishments (Easting, Northing)";
    if (all_pupils > 0) {
      d.population_share = s.pupils / all_pupils;
      d.note = file + ": " + whole(s.pupils) + " of " + whole(all_pupils) + " pupils on roll in the LA's " +
               "mainstream schools (NumberOfPupils, " + std::to_string(s.mainstream) +
               " schools here): share " + fraction(d.population_share) + "; " + centroid;
    } else {
      d.population_share = 1.0 / static_cast<double>(sums.size());
      d.note = file + ": no mainstream pupils on roll in the LA (NumberOfPupils): equal shares; " + centroid;
    }
    geo.districts.push_back(std::move(d));
  }

  // Travel between every pair of districts.
  for (std::size_t i = 0; i < geo.districts.size(); ++i) {
    for (std::size_t j = i + 1; j < geo.districts.size(); ++j) {
      const GeoDistrict& a = geo.districts[i];
      const GeoDistrict& b = geo.districts[j];
      const double km = std::hypot(a.easting - b.easting, a.northing - b.northing) / 1000.0;
      const double minutes = std::round(km * kRoadFactor / kSpeedKmPerHour * 60.0 * 10.0) / 10.0;
      geo.travel.push_back(GeoLink{a.name, b.name, std::max(minutes, kMinimumMinutes)});
    }
  }
  geo.rule =
      "Travel: straight-line distance between district centroids (the mean Easting/Northing of their open "
      "establishments in " +
      file + ") x " + fixed1(kRoadFactor) + " road factor at " + whole(kSpeedKmPerHour) +
      " km/h, rounded to 0.1 minute, at least " + whole(kMinimumMinutes) +
      " minutes (illustrative); out of area 45 minutes from every district.";

  // Special and enhanced settings.
  std::vector<Candidate> special, enhanced;
  for (const Establishment* e : placed) {
    const bool is_special = one_of(e->type, kStateSpecial);
    if (one_of(e->type, kPooledSpecial)) {
      ++geo.pooled;
      continue;
    }
    const double rp = e->resourced_capacity.value_or(0);
    const double unit = e->unit_capacity.value_or(0);
    const bool is_enhanced = !is_special && one_of(e->type, kMainstream) && rp + unit > 0;
    if (!is_special && !is_enhanced) continue;
    Candidate c;
    c.e = e;
    GeoSetting& s = c.setting;
    s.name = one_line(e->name);
    if (s.name.empty()) s.name = "URN " + one_line(e->urn);
    s.urn = one_line(e->urn);
    s.type = is_special ? "special" : "enhanced";
    s.district = one_line(e->district);
    set_ages(*e, s);
    const auto [needs, unknown] = designations(*e);
    s.needs = needs;
    std::string needs_note =
        needs.empty() ? "every need (no SEN1..SEN13 designation)" : "needs from SEN1..SEN13";
    if (!unknown.empty()) {
      needs_note += "; not mapped:";
      for (const auto& u : unknown) needs_note += " '" + u + "'";
    }
    if (is_special) {
      if (e->capacity && *e->capacity > 0) {
        c.weight = *e->capacity;
        c.weight_note = "SchoolCapacity " + whole(*e->capacity);
      } else if (e->pupils && *e->pupils > 0) {
        c.weight = *e->pupils;
        c.weight_note = "NumberOfPupils " + whole(*e->pupils) + " (no SchoolCapacity)";
      } else {
        c.weight_note = "no SchoolCapacity or NumberOfPupils";
      }
    } else {
      c.weight = rp + unit;
      c.weight_note = "ResourcedProvisionCapacity " +
                      (e->resourced_capacity ? whole(rp) : std::string("empty")) + " + SenUnitCapacity " +
                      (e->unit_capacity ? whole(unit) : std::string("empty"));
    }
    c.note_head =
        file + ":" + std::to_string(e->line) + " URN " + s.urn + ", " + one_line(e->type) + ": places by ";
    c.note_tail = ", " + ages_note(*e, s) + ", " + needs_note;
    (is_special ? special : enhanced).push_back(std::move(c));
  }
  share_out(special);
  share_out(enhanced);

  // Unique names: every setting sharing a name gets its URN (then its line).
  std::vector<Candidate*> all;
  for (auto& c : special) all.push_back(&c);
  for (auto& c : enhanced) all.push_back(&c);
  auto suffix_duplicates = [&](auto&& suffix) {
    std::map<std::string, std::size_t> count;
    for (const Candidate* c : all) ++count[c->setting.name];
    for (Candidate* c : all) {
      if (count[c->setting.name] > 1) c->setting.name += suffix(*c);
    }
  };
  suffix_duplicates([](const Candidate& c) { return " (URN " + c.setting.urn + ")"; });
  suffix_duplicates([](const Candidate& c) { return " (line " + std::to_string(c.e->line) + ")"; });

  auto by_name = [](const Candidate& a, const Candidate& b) {
    if (a.setting.name != b.setting.name) return a.setting.name < b.setting.name;
    return a.e->line < b.e->line;
  };
  std::sort(special.begin(), special.end(), by_name);
  std::sort(enhanced.begin(), enhanced.end(), by_name);
  for (auto* list : {&special, &enhanced}) {
    for (Candidate& c : *list) {
      c.setting.note = c.note_head + c.weight_note + ", share " + fraction(c.setting.share) + c.note_tail;
      geo.settings.push_back(std::move(c.setting));
    }
  }
  return geo;
}

}  // namespace sendsim::calibrate
