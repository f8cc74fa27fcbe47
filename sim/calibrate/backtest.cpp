// sim/calibrate/backtest.cpp: the rolling-origin backtest and its scores
// (see backtest.hpp).
#include "calibrate/backtest.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>

#include "engine/replication.hpp"
#include "engine/stats.hpp"

namespace sendsim::calibrate {

namespace fs = std::filesystem;

namespace {

constexpr std::array<double, 7> kQuantiles = {5, 10, 25, 50, 75, 90, 95};

/// The last known year of `s` at origin `y`, and the year of horizon h.
int last_year(Series s, int origin) { return is_stock(s) ? origin : origin - 1; }

struct Task {
  const data::AreaData* la;
  int origin;
  const PooledGrowth* pooled;  // the regression across LAs at the origin, or null
  const GrowthTails* tails;    // the tails of growth across LAs at the origin, or null
};

struct TaskResult {
  std::vector<ForecastRow> rows;
  std::string skipped;  // reason, when the task could not run
};

/// Growth of `s` from the year before `year` to `year` in `area`.
std::optional<double> growth(const data::AreaData& area, Series s, int year) {
  const auto now = published(area, s, year);
  const auto before = published(area, s, year - 1);
  if (!now || !before || *before <= 0) return std::nullopt;
  return *now / *before - 1.0;
}

TaskResult run_task(const Task& task, const data::PublishedData& published_data,
                    const BacktestOptions& options) {
  TaskResult out;
  const data::AreaData& la = *task.la;
  const int y = task.origin;
  // Is anything after the origin published to score against?
  bool any_actual = false;
  for (int h = 1; h <= options.horizon && !any_actual; ++h) {
    any_actual = published(la, Series::kPlans, y + h).has_value();
  }
  if (!any_actual) {
    out.skipped = "no published plans after the origin";
    return out;
  }
  Calibrated c;
  FitOptions fo = options.fit;
  fo.threads = 1;
  fo.stop = options.stop;
  fo.scratch = options.fit.scratch / (la.old_code + "-" + std::to_string(y));
  try {
    c.estimate = estimate(la, published_data.england, y, task.pooled, task.tails);
    c.fit = fit(c.estimate, fo);
  } catch (const data::DataError& e) {
    out.skipped = e.what();
    return out;
  }
  // Forecast: the fitted model with its uncertainty, to August Y+horizon.
  fs::create_directories(fo.scratch);
  const fs::path file = fo.scratch / (c.estimate.model_name + ".yaml");
  {
    std::ofstream f(file, std::ios::binary | std::ios::trunc);
    f << model_yaml(c.estimate, "", true);
  }
  const auto rs =
      simulate(file, y + options.horizon, options.replications, options.fit.seed, 1, options.stop);
  std::error_code ec;
  fs::remove_all(fo.scratch, ec);

  for (int si = 0; si < kSeriesCount; ++si) {
    const auto s = static_cast<Series>(si);
    const int last = last_year(s, y);
    const auto base = published(la, s, last);
    if (!base) continue;
    // Intercept correction: the series is moved so that its value in the
    // last published year equals the published value (the forecast is
    // conditional on what was known at the origin; the fit leaves a residual,
    // and the model's types do not split 16+ mainstream into school sixth
    // forms and FE as SEN2 does).
    // Counts are scaled, the percentage shifted. Nothing after the origin.
    const bool additive = s == Series::kWithin20Weeks;
    std::vector<std::optional<double>> lasts;
    double sim_last = 0;
    std::size_t n_last = 0;
    for (const auto& r : rs) {
      lasts.push_back(simulated(r, s, last));
      if (lasts.back()) sim_last += *lasts.back(), ++n_last;
    }
    if (n_last == 0) continue;
    sim_last /= static_cast<double>(n_last);
    // A stock is known at the origin: each replication is corrected by its
    // own value there, so the spread is what the flows add after it. A flow's
    // next year is not known from its last: the replications are corrected
    // by their mean, so the spread of its level stays in the forecast.
    auto corrected = [&](std::size_t i, double x) {
      const double at_last = is_stock(s) ? lasts[i].value_or(sim_last) : sim_last;
      if (additive) return std::clamp(x + *base - at_last, 0.0, 100.0);
      return at_last > 0 ? x * *base / at_last : x;
    };
    const auto g_nat = growth(published_data.england, s, last);
    const auto g_own = growth(la, s, last);
    for (int h = 1; h <= options.horizon; ++h) {
      const int year = last + h;
      const auto actual = published(la, s, year);
      if (!actual) continue;
      std::vector<double> v;
      for (std::size_t i = 0; i < rs.size(); ++i) {
        if (const auto x = simulated(rs[i], s, year)) v.push_back(corrected(i, *x));
      }
      if (v.empty()) continue;
      std::sort(v.begin(), v.end());
      ForecastRow row;
      row.la = la.old_code;
      row.la_name = la.name;
      row.series = s;
      row.origin = y;
      row.year = year;
      row.horizon = h;
      row.actual = *actual;
      row.anchor = additive ? *base - sim_last : (sim_last > 0 ? *base / sim_last : 1.0);
      for (double x : v) row.mean += x / static_cast<double>(v.size());
      for (std::size_t q = 0; q < kQuantiles.size(); ++q)
        row.q[q] = engine::percentile_sorted(v, kQuantiles[q]);
      row.naive_c = *base;
      row.naive_a = *base * std::pow(1.0 + g_nat.value_or(0.0), h);
      row.naive_b_ok = g_own.has_value();
      row.naive_b = *base * std::pow(1.0 + g_own.value_or(0.0), h);
      out.rows.push_back(row);
    }
  }
  return out;
}

/// |scored_error|, 0 where it is undefined (a count whose actual is 0).
double ape(Series series, double forecast, double actual) {
  const double e = scored_error(series, forecast, actual);
  return std::isnan(e) ? 0.0 : std::abs(e);
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return engine::percentile_sorted(v, p);
}

}  // namespace

double scored_error(Series series, double forecast, double actual) {
  if (is_percent(series)) return forecast - actual;
  return actual != 0 ? 100.0 * (forecast - actual) / actual : NAN;
}

BacktestResult run_backtest(const data::PublishedData& published_data, const BacktestOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<Task> tasks;
  std::vector<const data::AreaData*> las;
  if (options.las.empty()) {
    for (const auto& [code, la] : published_data.las) las.push_back(&la);
  } else {
    for (const auto& code : options.las) las.push_back(&published_data.find(code));
  }
  BacktestResult result;
  // The regression across all LAs (not only those backtested) at each origin.
  std::map<int, std::optional<PooledGrowth>> pooled;
  std::map<int, std::optional<GrowthTails>> tails;
  for (int y = options.first_origin; y <= options.last_origin; ++y) {
    pooled[y] = pooled_growth(published_data, y);
    tails[y] = growth_tails(published_data, y);
  }
  for (const data::AreaData* la : las) {
    for (int y = options.first_origin; y <= options.last_origin; ++y) {
      // The fit window needs January Y-3 to Y.
      bool window = true;
      for (int k = 0; k <= 3; ++k) window = window && published(*la, Series::kPlans, y - k).has_value();
      if (!window) {
        result.skipped.push_back(
            {la->old_code, y,
             "plans not published for January " + std::to_string(y - 3) + " to " + std::to_string(y)});
        continue;
      }
      tasks.push_back({la, y, pooled[y] ? &*pooled[y] : nullptr, tails[y] ? &*tails[y] : nullptr});
    }
  }
  result.tasks = tasks.size();
  const unsigned threads = options.threads == 0 ? engine::default_thread_count() : options.threads;
  const auto results = engine::run_replications(
      tasks.size(), threads, [&](std::size_t i) { return run_task(tasks[i], published_data, options); },
      options.progress, options.stop);
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (!results[i].skipped.empty()) {
      result.skipped.push_back({tasks[i].la->old_code, tasks[i].origin, results[i].skipped});
    }
    result.rows.insert(result.rows.end(), results[i].rows.begin(), results[i].rows.end());
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

std::vector<Score> score(const std::vector<ForecastRow>& rows) {
  std::map<std::pair<int, int>, std::vector<const ForecastRow*>> groups;
  for (const auto& r : rows) groups[{static_cast<int>(r.series), r.horizon}].push_back(&r);
  std::vector<Score> out;
  for (const auto& [key, rs] : groups) {
    Score s;
    s.series = static_cast<Series>(key.first);
    s.horizon = key.second;
    s.n = rs.size();
    std::vector<double> apes;
    double bias = 0, in50 = 0, in80 = 0, in90 = 0, is80 = 0, na = 0, nb = 0, nc = 0;
    for (const ForecastRow* r : rs) {
      apes.push_back(ape(r->series, r->mean, r->actual));
      const double signed_error = scored_error(r->series, r->mean, r->actual);
      bias += std::isnan(signed_error) ? 0.0 : signed_error;
      in50 += r->actual >= r->q[2] && r->actual <= r->q[4];
      in80 += r->actual >= r->q[1] && r->actual <= r->q[5];
      in90 += r->actual >= r->q[0] && r->actual <= r->q[6];
      // Interval score of the 80% interval (Gneiting and Raftery 2007), alpha 0.2.
      const double lo = r->q[1], hi = r->q[5], alpha = 0.2;
      const double isc = (hi - lo) + (2 / alpha) * std::max(0.0, lo - r->actual) +
                         (2 / alpha) * std::max(0.0, r->actual - hi);
      is80 += is_percent(r->series) ? isc : r->actual != 0 ? 100.0 * isc / std::abs(r->actual) : 0.0;
      na += ape(r->series, r->naive_a, r->actual);
      nc += ape(r->series, r->naive_c, r->actual);
      if (r->naive_b_ok) {
        nb += ape(r->series, r->naive_b, r->actual);
        ++s.n_naive_b;
      }
    }
    const double n = static_cast<double>(s.n);
    for (double a : apes) s.mape += a / n;
    s.median_ape = percentile(apes, 50);
    s.p90_ape = percentile(apes, 90);
    s.bias_pct = bias / n;
    s.coverage50 = 100.0 * in50 / n;
    s.coverage80 = 100.0 * in80 / n;
    s.coverage90 = 100.0 * in90 / n;
    s.interval_score80_pct = is80 / n;
    s.mape_naive_a = na / n;
    s.mape_naive_c = nc / n;
    s.mape_naive_b = s.n_naive_b ? nb / static_cast<double>(s.n_naive_b) : 0.0;
    out.push_back(s);
  }
  return out;
}

}  // namespace sendsim::calibrate
