// sim/calibrate/figures.cpp: reading published figures for the estimate
// (see figures.hpp).
#include "calibrate/figures.hpp"

#include <cmath>
#include <cstdio>
#include <numeric>
#include <vector>

namespace sendsim::calibrate::detail {

std::string where(const Figure& f) {
  return f.source.file + ":" + std::to_string(f.source.line) + " " + f.source.column;
}

/// "FILE:LINE COLUMN (January 2023)" for a stock, "(2022)" for a flow.
std::string noted(const Figure& f, int year, bool january) {
  return where(f) + " (" + (january ? "January " : "") + std::to_string(year) + ")";
}

const Figure* at(const ByYear& s, int year) {
  const auto it = s.find(year);
  return it != s.end() && it->second.ok() ? &it->second : nullptr;
}

/// The latest year <= max_year with a figure, or none.
std::optional<int> latest(const ByYear& s, int max_year) {
  for (auto it = s.rbegin(); it != s.rend(); ++it) {
    if (it->first <= max_year && it->second.ok()) return it->first;
  }
  return std::nullopt;
}

/// The value of `s` at `year`, noted, else `fallback` with its note.
Noted flow_or(const ByYear& s, int year, double fallback, const std::string& fallback_note) {
  if (const Figure* f = at(s, year)) return {*f->value, noted(*f, year, false)};
  return {fallback, fallback_note};
}

/// Least-squares slope of log(value) on year over [first, last], with the
/// standard deviation of the year-on-year log growth; nullopt with fewer
/// than two positive years.
std::optional<LogTrend> log_trend(const ByYear& s, int first, int last) {
  std::vector<std::pair<int, double>> pts;
  for (int y = first; y <= last; ++y) {
    if (const Figure* f = at(s, y); f && *f->value > 0) pts.emplace_back(y, std::log(*f->value));
  }
  if (pts.size() < 2) return std::nullopt;
  double mx = 0, my = 0;
  for (const auto& [x, y] : pts) mx += x, my += y;
  mx /= static_cast<double>(pts.size());
  my /= static_cast<double>(pts.size());
  double sxy = 0, sxx = 0;
  for (const auto& [x, y] : pts) sxy += (x - mx) * (y - my), sxx += (x - mx) * (x - mx);
  LogTrend t;
  t.slope = sxy / sxx;
  t.years = static_cast<int>(pts.size());
  t.first = pts.front().first;
  t.last = pts.back().first;
  std::vector<double> g;
  for (std::size_t i = 1; i < pts.size(); ++i) {
    if (pts[i].first == pts[i - 1].first + 1) g.push_back(pts[i].second - pts[i - 1].second);
  }
  t.growths = static_cast<int>(g.size());
  if (g.size() >= 2) t.growth_sd = sample_sd(g);
  return t;
}

double sample_sd(const std::vector<double>& v) {
  const double m = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  double ss = 0;
  for (double x : v) ss += (x - m) * (x - m);
  return std::sqrt(ss / static_cast<double>(v.size() - 1));
}

std::string fmt(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return buf;
}

/// Shares of the model's types in the January `year` stock; nullopt when any
/// group the total needs is missing.
std::optional<std::array<double, kTypes>> type_shares(const data::AreaData& a, int year, std::string& note) {
  std::array<double, kTypes> n{};
  double total = 0;
  for (int g = 0; g < data::kPlacementCount; ++g) {
    const Figure* f = at(a.plans_by_placement[g], year);
    if (!f) {
      // Mainstream and state special must be there; a suppressed small group
      // (a few children) counts as none.
      if (g == static_cast<int>(Placement::kMainstream) || g == static_cast<int>(Placement::kSpecialState))
        return std::nullopt;
      continue;
    }
    n[kTypeOf[g]] += *f->value;
    total += *f->value;
    if (g == 0) note = where(*f) + " and the other placement columns (January " + std::to_string(year) + ")";
  }
  if (total <= 0) return std::nullopt;
  for (double& x : n) x /= total;
  return n;
}

}  // namespace sendsim::calibrate::detail
