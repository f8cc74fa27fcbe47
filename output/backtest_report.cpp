// output/backtest_report.cpp: the files, charts and report of a backtest
// folder (see backtest_report.hpp).
#include "output/backtest_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include "output/charts.hpp"
#include "output/csv.hpp"
#include "output/json.hpp"
#include "output/report.hpp"
#include "output/report_html.hpp"
#include "output/results_writer.hpp"

namespace sendsim::output {

namespace fs = std::filesystem;
using calibrate::ForecastRow;
using calibrate::kSeriesCodes;
using calibrate::Score;
using calibrate::Series;

namespace {

std::string code(Series s) { return std::string(kSeriesCodes[static_cast<int>(s)]); }

/// The unit a series' errors are scored in (calibrate::scored_error).
std::string error_unit(Series s) { return calibrate::is_percent(s) ? " pts" : "%"; }

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

void write_rows(const fs::path& path, const std::vector<ForecastRow>& rows) {
  CsvFile file(path);
  CsvWriter& csv = file.csv();
  csv.header(
      {"la",      "la_name", "series",  "origin",      "year",        "horizon",     "actual",
       "mean",    "p05",     "p10",     "p25",         "p50",         "p75",         "p90",
       "p95",     "error",   "ape",     "in_50",       "in_80",       "in_90",       "interval_score_80",
       "naive_a", "naive_b", "naive_c", "ape_naive_a", "ape_naive_b", "ape_naive_c", "anchor"});
  for (const auto& r : rows) {
    const double lo = r.q[1], hi = r.q[5];
    const double is = (hi - lo) + 10.0 * std::max(0.0, lo - r.actual) + 10.0 * std::max(0.0, r.actual - hi);
    csv.field(r.la).field(r.la_name).field(code(r.series)).field(r.origin).field(r.year).field(r.horizon);
    csv.field(r.actual).field(r.mean);
    for (double q : r.q) csv.field(q);
    csv.field(r.mean - r.actual).field(std::abs(scored_error(r.series, r.mean, r.actual)));
    csv.field(static_cast<int>(r.actual >= r.q[2] && r.actual <= r.q[4]));
    csv.field(static_cast<int>(r.actual >= r.q[1] && r.actual <= r.q[5]));
    csv.field(static_cast<int>(r.actual >= r.q[0] && r.actual <= r.q[6]));
    csv.field(is);
    csv.field(r.naive_a).field(r.naive_b_ok ? r.naive_b : NAN).field(r.naive_c);
    csv.field(std::abs(scored_error(r.series, r.naive_a, r.actual)));
    csv.field(r.naive_b_ok ? std::abs(scored_error(r.series, r.naive_b, r.actual)) : NAN);
    csv.field(std::abs(scored_error(r.series, r.naive_c, r.actual)));
    csv.field(r.anchor);
    csv.end_row();
  }
  file.close();
}

void write_scores(const fs::path& path, const std::vector<Score>& scores) {
  CsvFile file(path);
  CsvWriter& csv = file.csv();
  csv.header({"series", "horizon", "n", "mape", "median_ape", "p90_ape", "bias_pct", "coverage_50",
              "coverage_80", "coverage_90", "interval_score_80_pct", "mape_naive_a", "mape_naive_b",
              "mape_naive_c", "n_naive_b"});
  for (const auto& s : scores) {
    csv.field(code(s.series)).field(s.horizon).field(static_cast<std::uint64_t>(s.n)).field(s.mape);
    csv.field(s.median_ape).field(s.p90_ape).field(s.bias_pct).field(s.coverage50).field(s.coverage80);
    csv.field(s.coverage90).field(s.interval_score80_pct).field(s.mape_naive_a).field(s.mape_naive_b);
    csv.field(s.mape_naive_c).field(static_cast<std::uint64_t>(s.n_naive_b));
    csv.end_row();
  }
  file.close();
}

/// Coverage over every series but the percentage (within_20_weeks) and every horizon.
struct Overall {
  double n = 0, c50 = 0, c80 = 0, c90 = 0;
};
Overall overall_coverage(const std::vector<Score>& scores, bool plans_only) {
  Overall o;
  for (const auto& s : scores) {
    if (plans_only && s.series != Series::kPlans) continue;
    const double n = static_cast<double>(s.n);
    o.n += n;
    o.c50 += s.coverage50 * n;
    o.c80 += s.coverage80 * n;
    o.c90 += s.coverage90 * n;
  }
  if (o.n > 0) o.c50 /= o.n, o.c80 /= o.n, o.c90 /= o.n;
  return o;
}

std::string summary_json(const calibrate::BacktestResult& result, const std::vector<Score>& scores,
                         const BacktestMeta& meta) {
  const auto number = json_number;
  std::set<std::string> las;
  for (const auto& r : result.rows) las.insert(r.la);
  const auto coverage = [&](const Overall& o) {
    return Json{{"n", number(o.n)}, {"50", number(o.c50)}, {"80", number(o.c80)}, {"90", number(o.c90)}};
  };
  Json list = Json::array();
  for (const Score& s : scores) {
    list.push_back({{"series", code(s.series)},
                    {"horizon", s.horizon},
                    {"n", s.n},
                    {"mape", number(s.mape)},
                    {"median_ape", number(s.median_ape)},
                    {"p90_ape", number(s.p90_ape)},
                    {"bias_pct", number(s.bias_pct)},
                    {"coverage_50", number(s.coverage50)},
                    {"coverage_80", number(s.coverage80)},
                    {"coverage_90", number(s.coverage90)},
                    {"interval_score_80_pct", number(s.interval_score80_pct)},
                    {"mape_naive_a", number(s.mape_naive_a)},
                    {"mape_naive_b", number(s.mape_naive_b)},
                    {"mape_naive_c", number(s.mape_naive_c)},
                    {"beats_naive_a", s.mape < s.mape_naive_a}});
  }
  const Json j = {{"version", meta.version},
                  {"kind", "backtest"},
                  {"data_folder", meta.data_folder},
                  {"las", meta.las},
                  {"origins", {meta.first_origin, meta.last_origin}},
                  {"horizon", meta.horizon},
                  {"replications", meta.replications},
                  {"fit_replications", meta.fit_replications},
                  {"fit_rounds", meta.fit_rounds},
                  {"seed", meta.seed},
                  {"tasks", result.tasks},
                  {"las_scored", las.size()},
                  {"skipped", result.skipped.size()},
                  {"coverage_all_series", coverage(overall_coverage(scores, false))},
                  {"coverage_plans", coverage(overall_coverage(scores, true))},
                  {"scores", list}};
  return json_text(j);
}

// --- charts ------------------------------------------------------------------

constexpr const char* kKeyBelow = "set key outside below center horizontal\n";

ChartSpec error_chart(const std::vector<Score>& scores, Series series, const std::string& stem,
                      const char* what) {
  ChartSpec c;
  c.info = {
      stem, "accuracy", std::string("Forecast error by horizon: ") + what,
      std::string(calibrate::is_percent(series) ? "Mean absolute error in percentage points"
                                                : "Mean absolute percentage error") +
          " over LAs and origins of the forecast of " + what +
          " (mean over replications), against the three naive forecasts computed in the same run: (a) the "
          "LA's last value times the last year's national growth, (b) the LA's own last growth, (c) no "
          "change. Lower is better."};
  for (const auto& s : scores) {
    if (s.series != series) continue;
    chart::row(c.data, s.horizon, std::to_string(s.horizon),
               {s.mape, s.mape_naive_a, s.n_naive_b ? s.mape_naive_b : NAN, s.mape_naive_c});
  }
  c.setup = std::string("set xlabel 'Horizon (years after the origin)'\nset ylabel '") +
            (calibrate::is_percent(series) ? "Mean absolute error, percentage points" : "MAPE, percent") +
            "'\nset xtics 1\nset yrange [0:*]\n" + kKeyBelow;
  c.plot = "plot 'DATA' u 1:3 w linespoints lw 3 pt 7 lc " + chart::rgb(chart::kNavy) +
           " title 'sendsim', '' u 1:4 w linespoints lw 2 pt 5 lc " + chart::rgb(chart::kOrange) +
           " title 'naive (a) national growth', '' u 1:5 w linespoints lw 2 pt 9 lc " +
           chart::rgb(chart::kTeal) + " title 'naive (b) own growth', '' u 1:6 w linespoints lw 2 pt 11 lc " +
           chart::rgb(chart::kGrey) + " title 'naive (c) no change'";
  return c;
}

ChartSpec coverage_chart(const std::vector<Score>& scores) {
  ChartSpec c;
  c.info = {
      "coverage_plans", "intervals", "Interval coverage: total EHC plans",
      "Share of published totals of EHC plans that fell inside the forecast's 50%, 80% and 90% intervals, by "
      "horizon, over LAs and origins; the dashed lines are the nominal 50, 80 and 90%."};
  for (const auto& s : scores) {
    if (s.series != Series::kPlans) continue;
    chart::row(c.data, s.horizon, std::to_string(s.horizon), {s.coverage50, s.coverage80, s.coverage90});
  }
  c.setup =
      std::string("set xlabel 'Horizon (years after the origin)'\nset ylabel 'Actuals inside, percent'\n") +
      "set xtics 1\nset yrange [0:100]\n" + kKeyBelow;
  c.plot = "plot 'DATA' u 1:3 w linespoints lw 2.5 pt 7 lc " + chart::rgb(chart::kNavy) +
           " title '50%', '' u 1:4 w linespoints lw 2.5 pt 5 lc " + chart::rgb(chart::kOrange) +
           " title '80%', '' u 1:5 w linespoints lw 2.5 pt 9 lc " + chart::rgb(chart::kTeal) +
           " title '90%', 50 w lines dt 2 lc " + chart::rgb(chart::kNavy) + " notitle, 80 w lines dt 2 lc " +
           chart::rgb(chart::kOrange) + " notitle, 90 w lines dt 2 lc " + chart::rgb(chart::kTeal) +
           " notitle";
  return c;
}

/// Forecast fans of one LA: each origin's mean and 80% band, and the actuals.
ChartSpec fan_chart(const calibrate::BacktestResult& result, const std::string& la, Series series,
                    const data::AreaData* area) {
  ChartSpec c;
  c.info = {"fan_" + code(series), "fans", "Forecasts against what was published: " + code(series),
            "For the LA shown in the text: each origin's forecast (mean, line; 10th to 90th percentile over "
            "replications, band) against the published figures (black)."};
  std::set<int> origins, years;
  std::map<std::pair<int, int>, const ForecastRow*> at;
  for (const auto& r : result.rows) {
    if (r.la != la || r.series != series) continue;
    origins.insert(r.origin);
    years.insert(r.year);
    at[{r.origin, r.year}] = &r;
  }
  std::map<int, double> actual;
  if (area != nullptr) {
    const int lo = origins.empty() ? 0 : *origins.begin() - 3;
    for (int y = lo; y <= (years.empty() ? 0 : *years.rbegin()); ++y) {
      if (const auto v = calibrate::published(*area, series, y)) {
        actual[y] = *v;
        years.insert(y);
      }
    }
  }
  const std::vector<int> os(origins.begin(), origins.end());
  for (int y : years) {
    std::vector<double> values{actual.count(y) ? actual[y] : NAN};
    for (int o : os) {
      const auto it = at.find({o, y});
      if (it == at.end()) {
        values.insert(values.end(), {NAN, NAN, NAN});
      } else {
        values.insert(values.end(), {it->second->mean, it->second->q[1], it->second->q[5]});
      }
    }
    chart::row(c.data, y, std::to_string(y), values);
  }
  std::vector<std::string> ys;
  for (int y : years) ys.push_back(std::to_string(y));
  if (!ys.empty()) c.setup = chart::year_axis(ys);
  c.setup += std::string("set ylabel '") + (series == Series::kWithin20Weeks ? "Percent" : "Children") +
             "'\n" + kKeyBelow;
  constexpr std::string_view kColours[] = {chart::kNavy,   chart::kOrange, chart::kTeal,
                                           chart::kPurple, chart::kGold,   chart::kGrey};
  c.plot = "plot 'DATA' u 1:3 w linespoints lw 3 pt 7 lc rgb '#000000' title 'published'";
  for (std::size_t i = 0; i < os.size(); ++i) {
    const int mean = 4 + static_cast<int>(i) * 3;
    c.plot += ", " + chart::band_and_line(mean, mean + 1, mean + 2, kColours[i % 6],
                                          "origin " + std::to_string(os[i]));
  }
  return c;
}

std::string fixed(double v, int decimals = 1) {
  if (!std::isfinite(v)) return "&ndash;";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string report(const calibrate::BacktestResult& result, const std::vector<Score>& scores,
                   const BacktestMeta& meta, const std::string& fan_la, const std::string& fan_name,
                   const std::vector<ChartInfo>& charts, const fs::path& charts_folder) {
  ReportSections page({{"headline", "Headline: total EHC plans"},
                       {"accuracy", "Accuracy by series and horizon"},
                       {"intervals", "Intervals"},
                       {"fans", "Forecasts for one LA"},
                       {"method", "Method"}},
                      charts, charts_folder);
  std::string h =
      html_document_start("SEND forecasts against what was published: rolling-origin backtest", meta.version);
  h += "<h1>Rolling-origin backtest</h1>\n";
  std::set<std::string> las;
  for (const auto& r : result.rows) las.insert(r.la);
  h += "<p>" + std::to_string(las.size()) + " local authorities, origins " +
       std::to_string(meta.first_origin) + " to " + std::to_string(meta.last_origin) + ", horizon up to " +
       std::to_string(meta.horizon) + " years, " + std::to_string(meta.replications) +
       " replications per forecast. " + std::to_string(result.skipped.size()) +
       " LA and origin pairs skipped (skipped.csv).</p>\n";
  h += page.contents();

  h += page.open(0);
  HtmlTable head(
      "Total EHC plans: mean absolute percentage error (MAPE) by horizon, and coverage of the intervals");
  head.head({"Horizon", "n", "sendsim MAPE", "naive (a)", "naive (b)", "naive (c)", "beats (a)", "bias",
             "50% cover", "80% cover", "90% cover"});
  for (const auto& s : scores) {
    if (s.series != Series::kPlans) continue;
    head.row({std::to_string(s.horizon), std::to_string(s.n), fixed(s.mape) + "%",
              fixed(s.mape_naive_a) + "%", fixed(s.mape_naive_b) + "%", fixed(s.mape_naive_c) + "%",
              s.mape < s.mape_naive_a ? "yes" : "no", fixed(s.bias_pct) + "%", fixed(s.coverage50) + "%",
              fixed(s.coverage80) + "%", fixed(s.coverage90) + "%"});
  }
  h += head.html();
  h += page.figures("accuracy_plans");
  h += "</section>\n";

  h += page.open(1);
  HtmlTable all(
      "Every series: MAPE of sendsim and of the naive forecasts, by horizon (the 20-week share's errors in "
      "percentage points)");
  all.head({"Series", "Horizon", "n", "sendsim", "naive (a)", "naive (b)", "naive (c)", "median APE",
            "90th pct APE", "bias"});
  for (const auto& s : scores) {
    const std::string u = error_unit(s.series);
    all.row({"<code>" + code(s.series) + "</code>", std::to_string(s.horizon), std::to_string(s.n),
             fixed(s.mape) + u, fixed(s.mape_naive_a) + u, fixed(s.mape_naive_b) + u,
             fixed(s.mape_naive_c) + u, fixed(s.median_ape) + u, fixed(s.p90_ape) + u,
             fixed(s.bias_pct) + u});
  }
  h += all.html();
  h += page.figures("accuracy");
  h += "</section>\n";

  h += page.open(2);
  const Overall o = overall_coverage(scores, false);
  h += "<p>Over every series and horizon (" + fixed(o.n, 0) + " forecasts), " + fixed(o.c50) +
       "% of the published figures fell inside the 50% interval, " + fixed(o.c80) + "% inside the 80% and " +
       fixed(o.c90) +
       "% inside the 90%. The intervals are percentiles over replications, which draw the uncertain "
       "parameters (the request trend) as well as the simulation's own noise.</p>\n";
  h += page.figures("intervals");
  h += "</section>\n";

  h += page.open(3);
  h += "<p>" + html_escape(fan_la + " " + fan_name) + ".</p>\n";
  h += page.figures("fans");
  h += "</section>\n";

  h += page.open(4);
  h += "<p>For each LA and origin <var>Y</var> (the last January census the model may see; flows to calendar "
       "year "
       "<var>Y</var>&minus;1), <code>sendsim calibrate</code> builds the model from the published files "
       "alone, "
       "fits it by simulating September <var>Y</var>&minus;3 to January <var>Y</var>, and the fitted model, "
       "with "
       "its uncertain parameters drawn per replication, is run to <var>Y</var>+" +
       std::to_string(meta.horizon) +
       ". Every later published figure is then set against the forecast. Horizon 1 is January <var>Y</var>+1 "
       "for "
       "a stock and calendar year <var>Y</var> for a flow. The naive forecasts take the last published value "
       "and grow it by (a) the national growth of the same series in the last year, (b) the LA's own last "
       "growth, (c) nothing. backtest.csv holds every point; output/README.md documents the columns.</p>\n";
  h += "</section>\n";
  h +=
      "<footer>Written by sendsim " + html_escape(meta.version) +
      " from the backtest folder: every number here is in scores.csv, backtest.csv and summary.json. Charts: "
      "charts/*.png and charts/*.svg.</footer>\n</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace

void write_backtest(const fs::path& dir, const calibrate::BacktestResult& result,
                    const std::vector<Score>& scores, const BacktestMeta& meta) {
  write_folder_atomically(dir, [&](const fs::path& tmp) {
    write_rows(tmp / "backtest.csv", result.rows);
    write_scores(tmp / "scores.csv", scores);
    {
      CsvFile file(tmp / "skipped.csv");
      file.csv().header({"la", "origin", "reason"});
      for (const auto& s : result.skipped) file.csv().field(s.la).field(s.origin).field(s.reason).end_row();
      file.close();
    }
    write_text(tmp / "summary.json", summary_json(result, scores, meta));
  });
}

void render_backtest_report(const fs::path& dir, const calibrate::BacktestResult& result,
                            const std::vector<Score>& scores, const BacktestMeta& meta,
                            const std::string& fan_la, const data::PublishedData* published) {
  std::string la = fan_la;
  std::string name;
  bool found = false;
  for (const auto& r : result.rows) {
    if (r.la == la) found = true;
  }
  if (!found && !result.rows.empty()) la = result.rows.front().la;
  for (const auto& r : result.rows) {
    if (r.la == la) name = r.la_name;
  }
  const data::AreaData* area = nullptr;
  if (published != nullptr) {
    const auto it = published->las.find(la);
    if (it != published->las.end()) area = &it->second;
  }
  std::vector<ChartSpec> specs;
  specs.push_back(error_chart(scores, Series::kPlans, "accuracy_plans", "total EHC plans"));
  for (int s = 1; s < calibrate::kSeriesCount; ++s) {
    const auto series = static_cast<Series>(s);
    bool any = false;
    for (const auto& sc : scores) any = any || sc.series == series;
    if (any) specs.push_back(error_chart(scores, series, "accuracy_" + code(series), kSeriesCodes[s].data()));
  }
  specs.push_back(coverage_chart(scores));
  if (!la.empty()) {
    for (Series s : {Series::kPlans, Series::kStateSpecial, Series::kIndependentSpecial, Series::kNewPlans}) {
      specs.push_back(fan_chart(result, la, s, area));
    }
  }
  // The accuracy charts of the other series go in section 2, the plans' in 1.
  for (auto& s : specs) {
    if (s.info.section == "accuracy" && s.info.stem == "accuracy_plans") s.info.section = "accuracy_plans";
  }
  write_report_atomically(
      dir, [&](const fs::path& folder) { return draw_charts(specs, folder); },
      [&](const std::vector<ChartInfo>& charts, const fs::path& folder) {
        return report(result, scores, meta, la, name, charts, folder);
      });
}

}  // namespace sendsim::output
