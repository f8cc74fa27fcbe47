// sim/data/check.cpp: check_area, the pre-flight check of one area's
// published series: reorganisations and series breaks, missing (suppressed)
// figures with their file and line, years missing inside a series, a zero
// year between non-zero ones, and a count that more than doubles or falls
// below half of the year before (when the larger of the two is above 20).
// Findings come in year order; within a year breaks first, then the series
// in list_series order (population, then s251 lines, last). A reorganised
// LA's missing cells for years outside its life (first_year..last_year) are
// not reported: its reorganisation finding says why they are empty.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "data/published.hpp"

namespace sendsim::data {

namespace {

/// A jump is only reported when the larger of the two years is above this.
constexpr double kJumpFloor = 20.0;

std::string number(double v) {
  char buffer[64];
  if (std::abs(v - std::round(v)) < 1e-9 && std::abs(v) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.4g", v);
  }
  return buffer;
}

std::string meaning(const std::string& code) {
  if (code.empty()) return "an empty cell";
  if (code == "x" || code == "X") return "x: unavailable or suppressed";
  if (code == "z" || code == "Z") return "z: not applicable";
  if (code == "c" || code == "C") return "c: confidential";
  if (code == "low") return "low: fewer than 0.5";
  if (code == "~") return "~: suppressed";
  if (code == ".." || code == "-" || code == ":") return code + ": not available";
  return code;
}

/// Whether `year` is inside the life of a reorganised LA (a successor's
/// tables carry "not available" cells for the years before it existed).
bool in_life(const AreaData& a, int year) {
  return (a.first_year == 0 || year >= a.first_year) && (a.last_year == 0 || year <= a.last_year);
}

void check_series(const AreaData& area, const std::string& name, const ByYear& s, bool percent,
                  std::vector<Finding>& out) {
  if (s.empty()) return;
  for (const auto& [year, f] : s) {
    if (!f.ok() && in_life(area, year)) {
      out.push_back(Finding{
          "suppressed", name, year,
          name + " " + std::to_string(year) + ": not published (" + meaning(f.missing) + ")", f.source});
    }
  }
  const int first = s.begin()->first, last = s.rbegin()->first;
  for (int y = first + 1; y < last; ++y) {
    if (!s.count(y)) {
      out.push_back(Finding{"missing_year", name, y,
                            name + " " + std::to_string(y) + ": no figure (published " +
                                std::to_string(first) + "-" + std::to_string(last) + ")",
                            Source{}});
    }
  }
  // Zero years and jumps over the figures that are numbers.
  std::vector<std::pair<int, const Figure*>> known;
  for (const auto& [year, f] : s) {
    if (f.ok()) known.emplace_back(year, &f);
  }
  for (std::size_t i = 1; i + 1 < known.size(); ++i) {
    const double before = *known[i - 1].second->value, v = *known[i].second->value,
                 after = *known[i + 1].second->value;
    if (v == 0 && before != 0 && after != 0) {
      out.push_back(Finding{"zero_year", name, known[i].first,
                            name + " " + std::to_string(known[i].first) + ": 0 between " +
                                std::to_string(known[i - 1].first) + " (" + number(before) + ") and " +
                                std::to_string(known[i + 1].first) + " (" + number(after) + ")",
                            known[i].second->source});
    }
  }
  if (percent) return;
  for (std::size_t i = 1; i < known.size(); ++i) {
    if (known[i].first != known[i - 1].first + 1) continue;
    const double before = *known[i - 1].second->value, v = *known[i].second->value;
    if (before <= 0 || v <= 0 || std::max(before, v) <= kJumpFloor) continue;
    if (v > 2 * before || v < 0.5 * before) {
      out.push_back(Finding{"jump", name, known[i].first,
                            name + " " + std::to_string(known[i].first) + ": " + number(v) +
                                (v > before ? " is more than double " : " is less than half ") +
                                std::to_string(known[i - 1].first) + "'s " + number(before),
                            known[i].second->source});
    }
  }
}

}  // namespace

std::vector<Finding> check_area(const AreaData& area) {
  std::vector<Finding> out;
  for (const auto& b : area.breaks) {
    const char* kind = b.series == "la_boundary"       ? "reorganisation"
                       : b.series == "corrected_total" ? "corrected"
                                                       : "series_break";
    out.push_back(Finding{kind, b.series, b.year, b.what, b.source});
  }
  for (const auto& s : list_series(area)) check_series(area, s.name, *s.series, s.percent, out);
  for (const auto& [year, ages] : area.population) {
    for (int age = 0; age < static_cast<int>(ages.size()); ++age) {
      const Figure& f = ages[age];
      if (f.ok() || !in_life(area, year)) continue;
      const std::string name = "population.age_" + std::to_string(age);
      out.push_back(Finding{
          "suppressed", name, year,
          name + " " + std::to_string(year) + ": not published (" + meaning(f.missing) + ")", f.source});
    }
  }
  for (const auto& [line, f] : area.s251_budget) {
    if (f.ok() || !in_life(area, area.s251_budget_year)) continue;
    const std::string name = "s251_budget." + line;
    out.push_back(Finding{
        "suppressed", name, area.s251_budget_year,
        name + " " + std::to_string(area.s251_budget_year) + ": not published (" + meaning(f.missing) + ")",
        f.source});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Finding& a, const Finding& b) { return a.year < b.year; });
  return out;
}

}  // namespace sendsim::data
