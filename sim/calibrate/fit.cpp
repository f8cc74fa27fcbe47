// sim/calibrate/fit.cpp: fixed-point fit of the free parameters by simulating
// the years before the origin (see fit.hpp).
#include "calibrate/fit.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "engine/stats.hpp"
#include "run/runner.hpp"
#include "scenario/loader.hpp"
#include "send/tables.hpp"

namespace sendsim::calibrate {

namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

/// Share of plans issued within 20 weeks when the work time is the writer's
/// triangle at `shift` (6-week decision, 2 weeks to issue, no queue).
double analytic_within_20(double shift) {
  const double a = std::max(1.0, 4.0 + shift);
  const double c = std::max(a, 8.0 + shift);
  const double b = std::min(104.0, std::max(c + 1.0, 14.0 + 1.6 * shift));
  const double x = 12.0;
  if (x <= a) return 0.0;
  if (x >= b) return 1.0;
  if (x <= c) return (x - a) * (x - a) / ((b - a) * (c - a));
  return 1.0 - (b - x) * (b - x) / ((b - a) * (b - c));
}

/// The shift giving `share` (0-1) analytically, by bisection.
double shift_for(double share) {
  double lo = -3.0, hi = 60.0;
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    (analytic_within_20(mid) > share ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

struct AlignStep {
  double shift = 0;
  double growth = 0;
};

struct Means {
  double plans_prev = 0, plans_origin = 0, requests = 0, new_plans = 0, within20 = 0, support = 0, ceased = 0;
  std::array<double, kTypes> types{};
};

double flow_mean(const std::vector<send::ReplicationResult>& rs, const char* measure, int year) {
  double s = 0;
  for (const auto& r : rs) {
    if (const send::Table* t = r.find(send::tables::kFlows)) {
      const auto it = t->rows.find({std::to_string(year), measure});
      if (it != t->rows.end()) s += it->second;
    }
  }
  return s / static_cast<double>(rs.size());
}

Means means(const std::vector<send::ReplicationResult>& rs, int origin) {
  Means m;
  const double n = static_cast<double>(rs.size());
  for (const auto& r : rs) {
    m.plans_prev += simulated(r, Series::kPlans, origin - 1).value_or(0) / n;
    m.plans_origin += simulated(r, Series::kPlans, origin).value_or(0) / n;
    m.requests += simulated(r, Series::kRequests, origin - 1).value_or(0) / n;
    m.new_plans += simulated(r, Series::kNewPlans, origin - 1).value_or(0) / n;
    m.within20 += simulated(r, Series::kWithin20Weeks, origin - 1).value_or(0) / n;
    m.support += simulated_sen_support(r, origin - 1) / n;
    const auto t = simulated_types(r, origin);
    for (int i = 0; i < kTypes; ++i) m.types[i] += t[i] / n;
  }
  m.ceased =
      flow_mean(rs, "ceased_needs_met", origin - 1) + flow_mean(rs, "ceased_left_education", origin - 1);
  return m;
}

double ratio(double target, double got, double lo = 0.5, double hi = 2.0) {
  if (!(got > 0) || !(target > 0)) return 1.0;
  return std::clamp(target / got, lo, hi);
}

std::array<double, kTypes> shares(const std::array<double, kTypes>& counts) {
  double total = 0;
  for (double c : counts) total += c;
  std::array<double, kTypes> out{};
  for (int t = 0; t < kTypes; ++t) out[t] = total > 0 ? counts[t] / total : 0.0;
  return out;
}

/// The placement types: one set of factors, fitted so that the simulated
/// shares at January Y match the published ones, serves the initial plans and
/// the new ones. The new plans' factors also carry a tilt from England's drift
/// in shares (`flow_tilt`), and the initial plans' its inverse, so the stock
/// at the start is drawn by the fitted factors alone and the flows lean the
/// way England's placements have been moving.
void fit_types(const Estimate& e, const Means& m, FreeParameters& f) {
  const auto now = shares(m.types);
  for (int t = 0; t < kTypes; ++t) {
    if (e.type_share_origin[t].value >= 0 && now[t] > 0)
      f.type_weight[t] *= ratio(e.type_share_origin[t].value, now[t]);
  }
}

}  // namespace

double flow_tilt(double drift) {
  return drift > 0 ? std::clamp(1.0 + kTiltGain * (drift - 1.0), 0.5, 2.0) : 1.0;
}

std::vector<send::ReplicationResult> simulate(const fs::path& model_file, int end_year,
                                              std::size_t replications, std::uint64_t seed, unsigned threads,
                                              const std::atomic<int>* stop) {
  send::Scenario scenario = scenario::load_scenario(model_file);
  scenario.run.end_date = {end_year, 8, 31};
  run::RunOptions options;
  options.replications = replications;
  options.seed = seed;
  options.threads = threads;
  options.stop = stop;
  return run::run_scenario(scenario, options).results;
}

FitResult fit(Estimate& e, const FitOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  fs::create_directories(options.scratch);
  const fs::path file = options.scratch / (e.model_name + ".fit.yaml");
  const int y = e.origin;
  FitResult result;

  // First guesses that need no simulation: the work time from the analytic
  // share within 20 weeks.
  e.free.work_shift_weeks = shift_for(std::clamp(e.within_20_weeks_pct.value / 100.0, 0.01, 0.99));

  auto run_fit_window = [&](std::size_t reps, bool uncertainty) {
    write_file(file, model_yaml(e, "", uncertainty));
    send::Scenario scenario = scenario::load_scenario(file);
    scenario.run.end_date = {y, 3, 31};
    run::RunOptions ro;
    ro.replications = reps;
    ro.seed = options.seed;
    ro.threads = options.threads;
    ro.stop = options.stop;
    return run::run_scenario(scenario, ro).results;
  };

  // The new plans' tilt by type from England's drift in shares, January Y-2
  // to Y (the LA's own two-year drift was tried and is too noisy: README).
  for (int t = 0; t < kTypes; ++t) {
    if (const double tilt = flow_tilt(e.type_drift_england[t].value); tilt != 1.0) {
      e.free.type_weight[t] *= tilt;
      e.free.stock_type_weight[t] /= tilt;
    }
  }

  double prev_shift = e.free.work_shift_weeks, prev_share = -1;
  // The second half of the rounds runs twice the replications, and the
  // parameters it tried are averaged (the simulated targets are noisy: the
  // average of the iterates sits nearer the fixed point than the last one).
  const int settle = options.rounds / 2;
  FreeParameters sum{};
  sum.stock_scale = sum.request_scale = sum.conversion_scale = sum.cease_scale = sum.identification_scale = 0;
  sum.type_weight = {0, 0, 0, 0};
  int averaged = 0;
  for (int round = 0; round < options.rounds; ++round) {
    if (round >= settle) {
      const FreeParameters& f = e.free;
      sum.stock_scale += f.stock_scale;
      sum.request_scale += f.request_scale;
      sum.conversion_scale += f.conversion_scale;
      sum.cease_scale += f.cease_scale;
      sum.net_moves += f.net_moves;
      sum.work_shift_weeks += f.work_shift_weeks;
      sum.identification_scale += f.identification_scale;
      for (int t = 0; t < kTypes; ++t) sum.type_weight[t] += f.type_weight[t];
      ++averaged;
    }
    const auto rs = run_fit_window(round >= settle ? 2 * options.replications : options.replications, false);
    const Means m = means(rs, y);
    result.rounds = round + 1;
    const double errs[] = {(m.plans_origin / m.plans_prev - 1) - e.growth_target.value,
                           m.plans_origin / e.plans_origin.value - 1, m.requests / e.requests_last.value - 1,
                           m.new_plans / e.new_plans_last.value - 1};
    bool ok = std::abs(m.within20 - e.within_20_weeks_pct.value) < 3.0;
    for (double err : errs) ok = ok && std::abs(err) < 0.03;
    result.converged = ok;
    FreeParameters& f = e.free;
    // The level at the origin, and the growth into it as the estimate pools it.
    f.stock_scale *= ratio(e.plans_origin.value, m.plans_origin);
    f.request_scale *= ratio(e.requests_last.value, m.requests);
    f.conversion_scale *= ratio(e.new_plans_last.value, m.new_plans);
    f.conversion_scale = std::min(f.conversion_scale, 1.0 / std::max(0.01, 1.0 - e.refusal_share.value));
    // Ceasing: the stock at the origin, given January Y-1 and the flows. The
    // exits that would give the pooled growth into the origin come first
    // from ceasing, within kCeaseScaleRange of the published rate (ceasing is
    // age-shaped: far from the published rate it would distort the ages of
    // the stock), the rest from net moves (at every age, as the plans).
    {
      const double growth = m.plans_prev > 0 ? m.plans_origin / m.plans_prev - 1.0 : 0.0;
      const double wanted_exits = (growth - e.growth_target.value) * m.plans_prev;  // more exits a year
      double from_ceasing = 0;
      if (m.ceased > 0) {
        const double scale = std::clamp(f.cease_scale * (m.ceased + wanted_exits) / m.ceased,
                                        kCeaseScaleRange[0], kCeaseScaleRange[1]);
        from_ceasing = m.ceased * (scale / f.cease_scale - 1.0);
        f.cease_scale = scale;
      }
      f.net_moves -= wanted_exits - from_ceasing;
    }
    f.identification_scale *= ratio(e.sen_support.value, m.support);
    // Work time: a secant step on the simulated share (the queue moves it
    // off the analytic value), else the analytic slope.
    const double share = m.within20;
    // (the share falls as the shift grows, so a share too high moves it up).
    double step = 0;
    if (prev_share >= 0 && std::abs(share - prev_share) > 0.5 && f.work_shift_weeks != prev_shift) {
      step = (e.within_20_weeks_pct.value - share) * (f.work_shift_weeks - prev_shift) / (share - prev_share);
    } else {
      const double s0 = analytic_within_20(f.work_shift_weeks),
                   s1 = analytic_within_20(f.work_shift_weeks + 0.5);
      const double slope = std::max(std::abs(s1 - s0) / 0.5 * 100.0, 1.0);  // percentage points per week
      step = (share - e.within_20_weeks_pct.value) / slope;
    }
    prev_shift = f.work_shift_weeks;
    prev_share = share;
    f.work_shift_weeks = std::clamp(f.work_shift_weeks + std::clamp(step, -8.0, 8.0), -3.0, 60.0);
    fit_types(e, m, f);
  }

  if (averaged > 0) {
    const double n = averaged;
    FreeParameters& f = e.free;
    f.stock_scale = sum.stock_scale / n;
    f.request_scale = sum.request_scale / n;
    f.conversion_scale = sum.conversion_scale / n;
    f.cease_scale = sum.cease_scale / n;
    f.net_moves = sum.net_moves / n;
    f.work_shift_weeks = sum.work_shift_weeks / n;
    f.identification_scale = sum.identification_scale / n;
    for (int t = 0; t < kTypes; ++t) f.type_weight[t] = sum.type_weight[t] / n;
  }

  // Alignment: the request trend is shifted until the model's mean growth of
  // plans from January Y to January Y+kAlignYears is the estimate's
  // (England's last growth and the LA's fading excess, pooled.hpp), a few
  // secant steps on the simulated log growth. The request rates are moved
  // with it so that requests in Y-1 stay where the fit put them (the trend
  // compounds from the model's start, 1 September Y-3).
  std::vector<AlignStep> align;
  if (e.forecast_growth.value > -1.0 && options.align_rounds > 0) {
    const double years_to_fit = 1.83;  // 1 September Y-3 to the middle of calendar Y-1
    // The model as it forecasts: with its uncertainty (antithetic pairs, so
    // the mean is not the luck of a few draws), each replication's growth
    // from its own January Y, as the backtest anchors it.
    auto simulated_growth = [&]() {
      write_file(file, model_yaml(e, "", true));
      send::Scenario scenario = scenario::load_scenario(file);
      scenario.run.end_date = {y + kAlignYears, 3, 31};
      run::RunOptions ro;
      ro.replications = 4 * options.replications;
      ro.seed = options.seed;
      ro.threads = options.threads;
      ro.stop = options.stop;
      const auto rs = run::run_scenario(scenario, ro).results;
      double sum = 0;
      std::size_t n = 0;
      for (const auto& r : rs) {
        const double at_origin = simulated(r, Series::kPlans, y).value_or(0);
        const double at_end = simulated(r, Series::kPlans, y + kAlignYears).value_or(0);
        if (at_origin > 0 && at_end > 0) sum += at_end / at_origin, ++n;
      }
      return n > 0 ? std::log(sum / static_cast<double>(n)) : 0.0;
    };
    auto set_shift = [&](double shift) {
      const double before = model_trend(e);
      e.free.trend_shift = shift;
      const double after = model_trend(e);
      e.free.request_scale *= std::pow((1.0 + before) / (1.0 + after), years_to_fit);
    };
    double g = simulated_growth();
    align.push_back({e.free.trend_shift, g});
    // Plans follow requests with a lag: about half the years' worth at first.
    double slope = 0.5 * kAlignYears;
    for (int k = 0; k < options.align_rounds && std::abs(g - e.forecast_growth.value) > 0.005; ++k) {
      if (align.size() >= 2) {
        const auto& a = align[align.size() - 2];
        const auto& b = align.back();
        if (std::abs(b.shift - a.shift) > 1e-6) {
          slope = std::clamp((b.growth - a.growth) / (b.shift - a.shift), 0.5, 2.0 * kAlignYears);
        }
      }
      const double step = std::clamp((e.forecast_growth.value - g) / slope, -0.1, 0.1);
      set_shift(std::clamp(e.free.trend_shift + step, -0.2, 0.2));
      g = simulated_growth();
      align.push_back({e.free.trend_shift, g});
    }
    result.aligned_growth = g;
  }

  // The fit table: the final model, with its uncertainty, over more replications.
  const auto rs = run_fit_window(options.final_replications, true);
  auto row = [&](const std::string& name, int year, double published_value, auto get) {
    std::vector<double> v;
    for (const auto& r : rs) v.push_back(get(r));
    std::sort(v.begin(), v.end());
    double mean = 0;
    for (double x : v) mean += x / static_cast<double>(v.size());
    result.rows.push_back({name, year, published_value, mean, engine::percentile_sorted(v, 2.5),
                           engine::percentile_sorted(v, 97.5)});
  };
  for (int year : {y - 1, y}) {
    row("plans", year, year == y ? e.plans_origin.value : e.plans_prev.value,
        [&](const send::ReplicationResult& r) { return simulated(r, Series::kPlans, year).value_or(0); });
  }
  row("growth_pct_target", y, 100.0 * e.growth_target.value, [&](const send::ReplicationResult& r) {
    const double a = simulated(r, Series::kPlans, y - 1).value_or(0);
    return a > 0 ? 100.0 * (simulated(r, Series::kPlans, y).value_or(0) / a - 1.0) : 0.0;
  });
  if (!align.empty()) {
    result.rows.push_back(
        {"growth_pct_" + std::to_string(kAlignYears) + "y_target", y + kAlignYears,
         100.0 * std::expm1(e.forecast_growth.value), 100.0 * std::expm1(result.aligned_growth),
         100.0 * std::expm1(result.aligned_growth), 100.0 * std::expm1(result.aligned_growth)});
  }
  constexpr std::array<const char*, kTypes> kNames = {"share_mainstream_and_fe", "share_enhanced",
                                                      "share_special", "share_inmss"};
  for (int year : {y - 2, y}) {
    for (int t = 0; t < kTypes; ++t) {
      const double published = (year == y ? e.type_share_origin : e.type_share_first)[t].value;
      if (published < 0) continue;
      row(kNames[t], year, 100.0 * published, [&, year](const send::ReplicationResult& r) {
        return 100.0 * shares(simulated_types(r, year))[t];
      });
    }
  }
  row("requests", y - 1, e.requests_last.value,
      [&](const send::ReplicationResult& r) { return simulated(r, Series::kRequests, y - 1).value_or(0); });
  row("new_plans", y - 1, e.new_plans_last.value,
      [&](const send::ReplicationResult& r) { return simulated(r, Series::kNewPlans, y - 1).value_or(0); });
  row("within_20_weeks_pct", y - 1, e.within_20_weeks_pct.value, [&](const send::ReplicationResult& r) {
    return simulated(r, Series::kWithin20Weeks, y - 1).value_or(0);
  });
  row("sen_support", y - 1, e.sen_support.value,
      [&](const send::ReplicationResult& r) { return simulated_sen_support(r, y - 1); });
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::error_code ec;
  fs::remove(file, ec);
  return result;
}

std::string fit_table_text(const FitResult& r) {
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "%-24s %5s %12s %12s %12s %12s %8s\n", "series", "year", "published",
                "simulated", "low_95", "high_95", "error_%");
  out += buf;
  for (const auto& row : r.rows) {
    const double err = row.published != 0 ? 100.0 * (row.mean - row.published) / row.published : 0.0;
    std::snprintf(buf, sizeof buf, "%-24s %5d %12.1f %12.1f %12.1f %12.1f %8.1f\n", row.series.c_str(),
                  row.year, row.published, row.mean, row.lo, row.hi, err);
    out += buf;
  }
  return out;
}

}  // namespace sendsim::calibrate

namespace sendsim::calibrate {

Calibrated calibrate_la(const data::PublishedData& published, std::string_view code, int origin,
                        const FitOptions& options, const data::Establishments* establishments) {
  Calibrated c;
  const data::AreaData& la = published.find(code);
  const auto pooled = pooled_growth(published, origin);
  const auto tails = growth_tails(published, origin);
  c.estimate =
      estimate(la, published.england, origin, pooled ? &*pooled : nullptr, tails ? &*tails : nullptr);
  if (establishments != nullptr) {
    c.estimate.geography = geography(*establishments, la.old_code);
    c.estimate.establishments_file = establishments->file;
  }
  c.fit = fit(c.estimate, options);
  c.yaml = model_yaml(c.estimate, fit_table_text(c.fit), true);
  return c;
}

int latest_census(const data::AreaData& area) {
  for (auto it = area.plans.rbegin(); it != area.plans.rend(); ++it) {
    if (it->second.ok()) return it->first;
  }
  return 0;
}

}  // namespace sendsim::calibrate
