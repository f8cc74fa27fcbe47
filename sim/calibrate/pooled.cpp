// sim/calibrate/pooled.cpp: the panel regression of pooled.hpp.
#include "calibrate/pooled.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "calibrate/figures.hpp"

namespace sendsim::calibrate {

using namespace detail;

namespace {

std::optional<double> positive(const data::ByYear& s, int year) {
  const data::Figure* f = at(s, year);
  if (!f || !f->value || *f->value <= 0) return std::nullopt;
  return *f->value;
}

std::optional<double> log_growth(const data::ByYear& s, int year) {
  const auto now = positive(s, year), before = positive(s, year - 1);
  if (!now || !before) return std::nullopt;
  return std::log(*now / *before);
}

}  // namespace

std::optional<double> request_pressure(const data::AreaData& la, const data::AreaData& england, int year) {
  const auto r = positive(la.requests, year), p = positive(la.plans, year);
  const auto re = positive(england.requests, year), pe = positive(england.plans, year);
  if (!r || !p || !re || !pe) return std::nullopt;
  return std::log(*r / *p) - std::log(*re / *pe);
}

std::optional<PooledGrowth> pooled_growth(const data::PublishedData& published, int origin) {
  const auto england_growth = log_growth(published.england.plans, origin);
  if (!england_growth) return std::nullopt;
  std::vector<double> xs, ys;
  for (const auto& [code, la] : published.las) {
    const auto g = log_growth(la.plans, origin);
    const auto x = request_pressure(la, published.england, origin - 2);
    if (!g || !x) continue;
    xs.push_back(*x);
    ys.push_back(*g - *england_growth);
  }
  const int n = static_cast<int>(xs.size());
  if (n < kPooledMinLas) return std::nullopt;
  double mx = 0, my = 0;
  for (int i = 0; i < n; ++i) {
    mx += xs[i] / n;
    my += ys[i] / n;
  }
  double sxx = 0, sxy = 0;
  for (int i = 0; i < n; ++i) {
    sxx += (xs[i] - mx) * (xs[i] - mx);
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  PooledGrowth p;
  p.origin = origin;
  p.las = n;
  p.slope = sxx > 0 ? sxy / sxx : 0.0;
  p.intercept = my - p.slope * mx;
  p.note = "least squares over " + std::to_string(n) + " LAs of their growth of plans January " +
           std::to_string(origin - 1) + "-" + std::to_string(origin) +
           " beyond England's on their requests " + std::to_string(origin - 2) + " per plan January " +
           std::to_string(origin - 2) + " relative to England's (log): intercept " + fmt(p.intercept, 3) +
           ", slope " + fmt(p.slope, 3);
  return p;
}

std::array<double, 3> fit_scale_mixture(const std::vector<double>& residuals) {
  const double n = static_cast<double>(residuals.size());
  double var = 0;
  for (double e : residuals) var += e * e / n;
  double p = 0.1, v1 = 0.5 * var, v2 = 4.0 * var;
  if (!(var > 0)) return {0.0, 0.0, 0.0};
  constexpr double kMinP = 0.01, kMaxP = 0.5;
  for (int it = 0; it < 500; ++it) {
    double sr = 0, sr2 = 0, s1 = 0;
    for (double e : residuals) {
      const double d1 = (1 - p) * std::exp(-0.5 * e * e / v1) / std::sqrt(v1);
      const double d2 = p * std::exp(-0.5 * e * e / v2) / std::sqrt(v2);
      const double r = d1 + d2 > 0 ? d2 / (d1 + d2) : 1.0;
      sr += r;
      sr2 += r * e * e;
      s1 += (1 - r) * e * e;
    }
    p = std::clamp(sr / n, kMinP, kMaxP);
    v2 = std::max(sr2 / std::max(sr, 1e-9), 1e-12);
    v1 = std::max(s1 / std::max(n - sr, 1e-9), 1e-12);
  }
  if (v1 > v2) std::swap(v1, v2), p = 1 - p;  // the jump is the wider
  return {std::sqrt(v1), p, std::sqrt(v2)};
}

std::optional<GrowthTails> growth_tails(const data::PublishedData& published, int origin) {
  std::vector<double> residuals;
  for (const auto& [code, la] : published.las) {
    std::vector<double> excess;
    for (int t = origin - kTailYears + 1; t <= origin; ++t) {
      const auto g = log_growth(la.plans, t), ge = log_growth(published.england.plans, t);
      if (g && ge) excess.push_back(*g - *ge);
    }
    if (excess.size() < 3) continue;
    const double n = static_cast<double>(excess.size());
    double mean = 0;
    for (double x : excess) mean += x / n;
    // Less its own mean, scaled back to a year's spread (sqrt(n / (n - 1))).
    for (double x : excess) residuals.push_back((x - mean) * std::sqrt(n / (n - 1)));
  }
  if (static_cast<int>(residuals.size()) < kTailMinLaYears) return std::nullopt;
  const auto [core, p, jump] = fit_scale_mixture(residuals);
  GrowthTails t;
  t.origin = origin;
  t.la_years = static_cast<int>(residuals.size());
  t.core_sd = core;
  t.jump_probability = p;
  t.jump_sd = jump;
  t.note = "two normals fitted (EM) to " + std::to_string(t.la_years) +
           " LA-years of growth of plans beyond England's, January " + std::to_string(origin - kTailYears) +
           "-" + std::to_string(origin) + ", less each LA's mean: core sd " + fmt(core, 3) + ", jumps " +
           fmt(p, 3) + " of years with sd " + fmt(jump, 3);
  return t;
}

std::optional<double> predicted_excess(const PooledGrowth& p, const data::AreaData& la,
                                       const data::AreaData& england) {
  const auto x = request_pressure(la, england, p.origin - 1);
  if (!x) return std::nullopt;
  return std::clamp(p.intercept + p.slope * *x, -0.1, 0.1);
}

}  // namespace sendsim::calibrate
