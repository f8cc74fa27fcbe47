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

std::optional<double> predicted_excess(const PooledGrowth& p, const data::AreaData& la,
                                       const data::AreaData& england) {
  const auto x = request_pressure(la, england, p.origin - 1);
  if (!x) return std::nullopt;
  return std::clamp(p.intercept + p.slope * *x, -0.1, 0.1);
}

}  // namespace sendsim::calibrate
