// output/compare_report.cpp: the charts and the HTML report of a comparison
// folder (see compare_report.hpp); the folder is read by
// compare_report_data.cpp.
#include "output/compare_report.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string_view>

#include "output/csv.hpp"
#include "output/report_html.hpp"
#include "run/metrics.hpp"

namespace sendsim::output {

namespace fs = std::filesystem;

namespace {

// --- what is shown ---------------------------------------------------------

enum class Unit { kCount, kMinutes, kPercent, kMoney };

Unit unit_of(std::string_view unit) {
  if (unit == "pounds") return Unit::kMoney;
  if (unit == "percent") return Unit::kPercent;
  if (unit == "minutes") return Unit::kMinutes;
  return Unit::kCount;
}

/// When a metric's periods fall: January censuses, calendar years (flows) or
/// financial years (money).
enum class Period { kCensus, kCalendarYear, kFinancialYear };

/// A metric (or one breakdown value of it) shown in the report. Every string
/// here is fixed: these and the metric table's (run/metrics.hpp), not the
/// files' text, go into the charts.
struct MetricView {
  const char* metric;
  const char* breakdown_value;
  const char* stem;
  const char* title_override;  // nullptr: the metric's title
  const char* what;            // for captions
  const char* axis;            // y axis, in the unit shown
  bool level_chart;            // also a chart of each scenario's mean

  [[nodiscard]] const run::Metric& row() const { return *run::metric_row(metric); }
  [[nodiscard]] std::string title() const {
    return title_override != nullptr ? std::string(title_override) : std::string(row().title);
  }
  [[nodiscard]] Period when() const {
    switch (row().when) {
      case run::MetricPeriod::kCensus:
        return Period::kCensus;
      case run::MetricPeriod::kCalendarYear:
        return Period::kCalendarYear;
      case run::MetricPeriod::kFinancialYear:
      case run::MetricPeriod::kFinancialYearEnd:
        break;
    }
    return Period::kFinancialYear;
  }
};

constexpr MetricView kViews[] = {
    {"ehc_plans", "", "ehc_plans", nullptr, "EHC plans at each January census", "EHC plans", false},
    {"waiting", "", "waiting", nullptr,
     "plan holders waiting in an interim place for the provision their plan names, at each January census",
     "Children", true},
    {"unmet_demand", "", "unmet_demand", nullptr,
     "plan holders without a local place of the kind their plan names (the shortfall of special and enhanced "
     "places), at each January census",
     "Children", false},
    {"inmss_placements", "", "inmss_placements", nullptr,
     "plan holders in independent and non-maintained special schools at each January census", "Children",
     true},
    {"special_placements", "", "special_placements", nullptr,
     "plan holders in a special school in the area at each January census", "Children", false},
    {"travel_minutes", "special", "travel_minutes_special", "Mean travel time to special schools",
     "mean travel time from home, in minutes, of plan holders placed in special schools at each January "
     "census",
     "Minutes", false},
    {"plans_issued", "", "plans_issued", nullptr, "new EHC plans issued in each calendar year", "Plans",
     false},
    {"pct_within_20_weeks", "", "pct_within_20_weeks", nullptr,
     "the percentage of new plans issued within 20 weeks of the request in each calendar year", "Percent",
     false},
    {"spend", "", "spend", nullptr,
     "high-needs spend in each financial year, all lines, transport included, in pounds million",
     "Pounds million", false},
    {"dsg_spend", "", "dsg_spend", nullptr,
     "spend the DSG high-needs block funds in each financial year (every line but transport), in pounds "
     "million",
     "Pounds million", false},
    {"dsg_cumulative_balance", "", "dsg_cumulative_balance", nullptr,
     "the DSG high-needs cumulative balance at the end of each financial year, in pounds million (negative: "
     "a deficit)",
     "Pounds million", true},
};

constexpr std::string_view kPalette[6] = {chart::kNavy,   chart::kOrange, chart::kTeal,
                                          chart::kPurple, chart::kGold,   chart::kGrey};

std::string_view colour_of(std::size_t scenario) { return kPalette[scenario % 6]; }

Unit view_unit(const ComparisonData& d, const MetricView& v) {
  const auto it = d.units.find(v.metric);
  return unit_of(it == d.units.end() ? std::string_view() : std::string_view(it->second));
}

/// The value as charted: pounds in millions.
double scaled(double v, Unit u) { return u == Unit::kMoney ? v / 1e6 : v; }

/// Whether `period` lies wholly inside every scenario's run: a calendar year
/// or a financial year ("2025-26") from its first to its last day; a January
/// census always does.
bool whole_period(const ComparisonData& d, Period when, const std::string& period) {
  if (when == Period::kCensus) return true;
  int year = 0;
  const auto [end, ec] =
      std::from_chars(period.data(), period.data() + std::min<std::size_t>(4, period.size()), year);
  if (ec != std::errc() || end != period.data() + 4) return true;
  char first[32];
  char last[32];
  if (when == Period::kCalendarYear) {
    std::snprintf(first, sizeof first, "%04d-01-01", year);
    std::snprintf(last, sizeof last, "%04d-12-31", year);
  } else {
    std::snprintf(first, sizeof first, "%04d-04-01", year);
    std::snprintf(last, sizeof last, "%04d-03-31", year + 1);
  }
  // ISO dates compare as strings.
  return std::all_of(d.scenarios.begin(), d.scenarios.end(), [&](const ComparisonScenario& sc) {
    return sc.start_date <= first && sc.end_date >= last;
  });
}

/// The period the headline shows: the last whole one, or the last if none is.
std::string headline_period(const ComparisonData& d, const MetricView& v,
                            const std::vector<std::string>& periods) {
  for (auto it = periods.rbegin(); it != periods.rend(); ++it) {
    if (whole_period(d, v.when(), *it)) return *it;
  }
  return periods.back();
}

/// The plain periods any scenario has for the view, ascending.
std::vector<std::string> periods_of(const ComparisonData& d, const MetricView& v) {
  std::vector<std::string> out;
  for (std::size_t s = 1; s < d.scenarios.size(); ++s) {
    for (const auto& p : d.points(v.metric, v.breakdown_value, s)) {
      if (chart::plain_period(p.period)) out.push_back(p.period);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

const ComparisonPoint* point_at(const std::vector<ComparisonPoint>& points, const std::string& period) {
  for (const auto& p : points) {
    if (p.period == period) return &p;
  }
  return nullptr;
}

// --- charts ------------------------------------------------------------------

bool all_years(const std::vector<std::string>& periods) {
  return std::all_of(periods.begin(), periods.end(),
                     [](const std::string& p) { return p.find('-') == std::string::npos; });
}

/// x, the axis settings and the first plot clause for `periods`: years on a
/// numeric axis, financial years as labelled positions.
struct Axis {
  bool years = true;
  std::string setup;
  std::string first;
  [[nodiscard]] double x(const std::vector<std::string>& periods, std::size_t i) const {
    return years ? chart::year_x(periods[i]) : double(i);
  }
};

Axis axis_for(const std::vector<std::string>& periods) {
  Axis a;
  a.years = all_years(periods);
  a.setup = a.years ? chart::year_axis(periods) : chart::label_axis(periods.size());
  a.first = a.years ? "plot 'DATA' u 1:(NaN) notitle" : "plot 'DATA' u 1:(NaN):xtic(2) notitle";
  return a;
}

constexpr const char* kKeyBelow = "set key outside below center horizontal\n";

std::optional<ChartSpec> difference_chart(const ComparisonData& d, const MetricView& v) {
  const auto periods = periods_of(d, v);
  if (periods.empty()) return std::nullopt;
  const Unit u = view_unit(d, v);
  const Axis axis = axis_for(periods);
  ChartSpec c;
  c.info = {
      std::string("diff_") + v.stem, "differences", v.title() + ": difference from the base (Scenario A)",
      std::string("Each scenario minus the base (Scenario A) for ") + v.what +
          ". Line: the mean over replications of the paired difference, replication by replication under "
          "common random numbers; band and bars: its 95% interval. The black line is no difference: where "
          "a band clears it, the replications resolve the difference." +
          (u == Unit::kPercent ? " Differences in percentage points." : "")};
  for (std::size_t i = 0; i < periods.size(); ++i) {
    std::vector<double> values;
    for (std::size_t s = 1; s < d.scenarios.size(); ++s) {
      const ComparisonPoint* p = point_at(d.points(v.metric, v.breakdown_value, s), periods[i]);
      const Interval iv = p != nullptr ? p->difference : Interval{NAN, NAN, NAN};
      values.insert(values.end(), {scaled(iv.mean, u), scaled(iv.ci_low, u), scaled(iv.ci_high, u)});
    }
    chart::row(c.data, axis.x(periods, i), periods[i], values);
  }
  c.setup = axis.setup + "set ylabel 'Difference from the base, " +
            std::string(u == Unit::kPercent ? "percentage points" : v.axis) + "'\n" + kKeyBelow;
  c.plot = axis.first + ", '' u 1:(0) w lines lw 1.5 lc rgb '#333333' title 'No difference'";
  for (std::size_t s = 1; s < d.scenarios.size(); ++s) {
    const int mean = 3 + int(s - 1) * 3;
    c.plot += ", " + chart::band_and_line(mean, mean + 1, mean + 2, colour_of(s), scenario_key(s)) +
              ", '' u 1:" + std::to_string(mean) + ":" + std::to_string(mean + 1) + ":" +
              std::to_string(mean + 2) + " w yerrorbars lw 1.2 pt 7 ps 0.4 lc " + chart::rgb(colour_of(s)) +
              " notitle";
  }
  return c;
}

std::optional<ChartSpec> level_chart(const ComparisonData& d, const MetricView& v) {
  const auto periods = periods_of(d, v);
  if (periods.empty()) return std::nullopt;
  const Unit u = view_unit(d, v);
  const Axis axis = axis_for(periods);
  ChartSpec c;
  c.info = {
      std::string("mean_") + v.stem, "levels", v.title() + ": each scenario",
      std::string("Each scenario's mean over replications of ") + v.what +
          ", with the 95% interval of that mean (band). The intervals of two scenarios may overlap while "
          "their paired difference is resolved: read the difference charts for that."};
  for (std::size_t i = 0; i < periods.size(); ++i) {
    std::vector<double> values;
    for (std::size_t s = 0; s < d.scenarios.size(); ++s) {
      // The base's figures are on every other scenario's rows: take the first.
      const ComparisonPoint* p = point_at(d.points(v.metric, v.breakdown_value, s == 0 ? 1 : s), periods[i]);
      const Interval iv = p == nullptr ? Interval{NAN, NAN, NAN} : s == 0 ? p->base : p->other;
      values.insert(values.end(), {scaled(iv.mean, u), scaled(iv.ci_low, u), scaled(iv.ci_high, u)});
    }
    chart::row(c.data, axis.x(periods, i), periods[i], values);
  }
  c.setup = axis.setup + "set ylabel '" + v.axis + "'\n" + kKeyBelow +
            (u == Unit::kMoney ? "set xzeroaxis lt -1 lw 1\n" : "set yrange [0:*]\n");
  c.plot = axis.first;
  for (std::size_t s = 0; s < d.scenarios.size(); ++s) {
    const int mean = 3 + int(s) * 3;
    c.plot += ", " + chart::band_and_line(mean, mean + 1, mean + 2, colour_of(s),
                                          scenario_key(s) + (s == 0 ? " (base)" : ""));
  }
  return c;
}

std::vector<ChartSpec> build(const ComparisonData& d) {
  std::vector<ChartSpec> out;
  if (d.scenarios.size() < 2) return out;
  for (const auto& v : kViews) {
    if (auto c = difference_chart(d, v)) out.push_back(std::move(*c));
  }
  for (const auto& v : kViews) {
    if (!v.level_chart) continue;
    if (auto c = level_chart(d, v)) out.push_back(std::move(*c));
  }
  return out;
}

// --- numbers in the report ---------------------------------------------------

/// |v| with `decimals` decimals and thousands separators.
std::string grouped(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v));
  std::string s(buf);
  const std::size_t dot = std::min(s.find('.'), s.size());
  std::string out;
  for (std::size_t i = 0; i < dot; ++i) {
    if (i > 0 && (dot - i) % 3 == 0) out.push_back(',');
    out.push_back(s[i]);
  }
  return out + s.substr(dot);
}

/// A value as the report shows it: pounds as £ million with two decimals,
/// percentages with one (a difference in points), counts and minutes with
/// one. `sign`: "+" before a positive value. Negative values take a minus
/// sign (U+2212); a value that rounds to 0 takes neither.
std::string shown(double v, Unit u, bool sign) {
  if (!std::isfinite(v)) return "\u2013";
  const int decimals = u == Unit::kMoney ? 2 : 1;
  const std::string digits = grouped(u == Unit::kMoney ? v / 1e6 : v, decimals);
  const bool zero = digits.find_first_not_of("0.,") == std::string::npos;
  std::string out = zero ? "" : v < 0 ? "\u2212" : sign ? "+" : "";
  if (u == Unit::kMoney) return out + "\u00a3" + digits + "m";
  if (u == Unit::kPercent) return out + digits + (sign ? " pts" : "%");
  return out + digits;
}

std::string interval_text(const Interval& iv, Unit u, bool sign) {
  if (!std::isfinite(iv.ci_low) || !std::isfinite(iv.ci_high)) return "\u2013";
  return shown(iv.ci_low, u, sign) + " to " + shown(iv.ci_high, u, sign);
}

/// data-* attribute values: the exact number (format_number), or "".
std::string exact(double v) { return std::isfinite(v) ? format_number(v) : ""; }

std::string attr(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + html_escape(value) + "\"";
}

/// A relative link to a file in the folder, its text the path.
std::string file_link(const std::string& relative) {
  const std::string e = html_escape(relative);
  return "<a href=\"" + e + "\"><code>" + e + "</code></a>";
}

}  // namespace

std::string scenario_key(std::size_t index) {
  if (index < 26) return "Scenario " + std::string(1, char('A' + index));
  return "Scenario " + std::to_string(index + 1);
}

std::vector<ChartInfo> comparison_chart_list(const ComparisonData& data) {
  std::vector<ChartInfo> out;
  for (const auto& c : build(data)) out.push_back(c.info);
  return out;
}

std::string compare_report_html(const ComparisonData& d, const std::vector<ChartInfo>& charts,
                                const fs::path& charts_folder) {
  const ComparisonScenario& base = d.scenarios.front();
  const std::string n_reps = html_escape(d.replications);
  const std::string others = std::to_string(d.scenarios.size() - 1);
  std::string h = html_document_start("SEND place sufficiency: comparison against " + base.name, d.version);

  h += "<header class=\"cover\"><p class=\"kicker\">SEND specialist place sufficiency \u00b7 scenario "
       "comparison</p>";
  h += "<h1 id=\"comparison-title\">" + others + (d.scenarios.size() == 2 ? " scenario" : " scenarios") +
       " against <span id=\"base-name\">" + html_escape(base.name) + "</span></h1>";
  h += "<dl class=\"meta\"><div><dt>Base (Scenario A)</dt><dd>" + html_escape(base.name) + "</dd></div>";
  h += "<div><dt>Period simulated</dt><dd>" + html_escape(base.start_date) + " to " +
       html_escape(base.end_date) + "</dd></div>";
  h += "<div><dt>Replications each</dt><dd>" + n_reps + "</dd></div><div><dt>Common seed</dt><dd>" +
       html_escape(d.seed) + "</dd></div><div><dt>sendsim</dt><dd>" + html_escape(d.version) +
       "</dd></div></dl>";
  h += "</header>\n";

  // Which letter is which scenario: the charts name only the letters.
  h += "<p class=\"note\" id=\"key\">In the charts and tables: ";
  for (std::size_t s = 0; s < d.scenarios.size(); ++s) {
    h += std::string(s == 0 ? "" : "; ") +
         "<span class=\"key\" style=\"border-color:" + std::string(colour_of(s)) + "\">" + scenario_key(s) +
         "</span> " + "<span class=\"scenario-name\">" + html_escape(d.scenarios[s].name) + "</span>" +
         (s == 0 ? " (the base)" : "");
  }
  h += ". Every scenario ran " + n_reps +
       " replications with the same seed and random streams (common random numbers), so each difference is "
       "measured replication by replication (section 5).</p>\n";
  for (const auto& note : d.notes) h += "<p class=\"warn\">" + html_escape(note) + "</p>\n";

  ReportSections page({{"headlines", "Headline differences"},
                       {"differences", "Differences from the base"},
                       {"levels", "Each scenario's figures"},
                       {"scenarios", "The scenarios compared"},
                       {"method", "Reading the differences: common random numbers"}},
                      charts, charts_folder);
  h += page.contents();

  // 1. Headlines: each metric at its last whole period, one small table each.
  h += page.open(0);
  h += "<p>Each scenario at the last whole period of each measure: its mean over replications with the 95% "
       "interval of "
       "that mean, and the paired difference from the base (Scenario A) with its 95% interval. <strong "
       "class=\"sig\">Flagged</strong> where the interval of the difference excludes 0.</p>\n";
  for (const auto& v : kViews) {
    const std::vector<std::string> periods = periods_of(d, v);
    if (periods.empty()) continue;
    const Unit u = view_unit(d, v);
    const std::string period = headline_period(d, v, periods);
    HtmlTable tab("Table: " + v.title() + ", " + html_escape(period));
    tab.head({"Scenario", "Mean", "95% interval", "Difference from A", "95% interval of the difference",
              "Interval excludes 0"});
    const std::string common = attr("data-metric", v.metric) +
                               attr("data-breakdown-value", v.breakdown_value) + attr("data-period", period);
    for (std::size_t s = 0; s < d.scenarios.size(); ++s) {
      const ComparisonPoint* p = point_at(d.points(v.metric, v.breakdown_value, s == 0 ? 1 : s), period);
      const Interval level = p == nullptr ? Interval{NAN, NAN, NAN} : s == 0 ? p->base : p->other;
      const std::string who = scenario_key(s) + ": " + html_escape(d.scenarios[s].name);
      std::string attributes = "class=\"hl\"" + common + attr("data-scenario", std::to_string(s)) +
                               attr("data-mean", exact(level.mean)) +
                               attr("data-ci-low", exact(level.ci_low)) +
                               attr("data-ci-high", exact(level.ci_high));
      if (s == 0) {
        tab.row(
            {who, shown(level.mean, u, false), interval_text(level, u, false), "base", "\u2013", "\u2013"},
            attributes);
        continue;
      }
      const Interval diff = p == nullptr ? Interval{NAN, NAN, NAN} : p->difference;
      attributes += attr("data-diff-mean", exact(diff.mean)) + attr("data-diff-ci-low", exact(diff.ci_low)) +
                    attr("data-diff-ci-high", exact(diff.ci_high));
      std::string flag = "no";
      if (diff.ci_low > 0) flag = "<strong class=\"sig\">yes: higher</strong>";
      if (diff.ci_high < 0) flag = "<strong class=\"sig\">yes: lower</strong>";
      if (!std::isfinite(diff.ci_low) || !std::isfinite(diff.ci_high)) flag = "\u2013";
      tab.row({who, shown(level.mean, u, false), interval_text(level, u, false),
               "<span class=\"diff\">" + shown(diff.mean, u, true) + "</span>", interval_text(diff, u, true),
               flag},
              attributes);
    }
    h += tab.html();
  }
  h += "<p class=\"small\">Census measures are at the last January census, flows at the last calendar year "
       "and "
       "finance at the last financial year wholly inside every scenario's run (the first and last years of a "
       "run "
       "are usually partial: see each scenario's <code>coverage.csv</code>; the charts show them all). "
       "Pounds in millions at the prices of each year; differences of percentages in "
       "percentage points. Every row of every measure, period and breakdown is in " +
       file_link("differences.csv") + ".</p>\n</section>\n";

  // 2. and 3. Charts.
  h += page.open(1) + page.figures("differences") + "</section>\n";
  h += page.open(2) + page.figures("levels") + "</section>\n";

  // 4. Scenarios.
  h += page.open(3);
  {
    HtmlTable tab("Table: the scenarios, base first");
    tab.head({"Key", "Scenario", "Description", "Local area model", "Loaded from (root model first)",
              "Results and report"});
    for (std::size_t s = 0; s < d.scenarios.size(); ++s) {
      const ComparisonScenario& sc = d.scenarios[s];
      std::string files;
      for (const auto& f : sc.files) files += "<code>" + html_escape(f) + "</code><br>";
      std::string results = "\u2013";
      if (const auto folder = comparison_folder_name(sc.folder)) {
        const bool drawn = fs::is_regular_file(d.dir / *folder / "report.html");
        results = file_link(*folder + "/report.html") + (drawn ? "" : " (not drawn yet: sendsim report)") +
                  "<br>tables: <code>" + html_escape(*folder) + "/</code>";
      }
      tab.row({scenario_key(s) + (s == 0 ? " (base)" : ""),
               "<span class=\"scenario-name\">" + html_escape(sc.name) + "</span>",
               html_escape(sc.description), html_escape(sc.model), files, results});
    }
    h += tab.html(false);
  }
  {
    HtmlTable tab("Table: the run");
    tab.head({"Item", "Value"});
    tab.row({"Replications of each scenario", n_reps});
    tab.row({"Master seed of every scenario", html_escape(d.seed)});
    tab.row({"Common random numbers", d.common_random_numbers ? "yes" : "no"});
    tab.row({"Program", "sendsim " + html_escape(d.version)});
    tab.row({"Comparison folder", "<code>" + html_escape(d.dir.string()) + "</code>"});
    tab.row({"Files", file_link("differences.csv") + ", " + file_link("summary.json")});
    h += tab.html(false);
  }
  if (d.guidance) {
    HtmlTable tab(
        std::string("Table: replication guidance (--target-ci): replications were added until the 95% "
                    "half-width of each difference at its last period was below its target; ") +
        (d.guidance_met ? "every target was met" : "a target was not met at --max-replications"));
    tab.head({"Measure", "Period", "Target half-width", "Widest half-width", "Against", "Met"});
    for (const auto& t : d.targets) {
      char target[32];
      char half[32];
      std::snprintf(target, sizeof target, "%.4g", t.target);
      std::snprintf(half, sizeof half, "%.4g", t.half_width);
      tab.row({"<code>" + html_escape(t.metric) + "</code>", html_escape(t.period), target, half,
               html_escape(t.widest_scenario), t.met ? "yes" : "no"});
    }
    h += tab.html(false);
  }
  h += "</section>\n";

  // 5. Method.
  h += page.open(4);
  h +=
      "<p>Every scenario ran with the same master seed (" + html_escape(d.seed) +
      ") and the same replication numbers, so replication <var>r</var> of each scenario draws from the same "
      "random "
      "streams: the same children are born, request assessments and move at the same moments unless the "
      "scenario itself changes what happens to them. These are <strong>common random numbers</strong>.</p>\n";
  h += "<p>A difference is therefore measured replication by replication (scenario minus base, the "
       "<strong>paired "
       "difference</strong>), and summarised over the " +
       n_reps +
       " replications: its mean, and a 95% interval of that mean, mean \u00b1 t(0.975, n\u22121) \u00b7 sd / "
       "\u221an, with sd the spread of the paired differences. The noise both runs share cancels out of the "
       "difference, so its interval is much narrower than the two scenarios' own intervals suggest: two "
       "scenarios' intervals may overlap while their difference is clearly resolved.</p>\n";
  h +=
      "<p>An interval that <strong>excludes 0</strong> (flagged in section 1) is a difference the "
      "replications resolve. One "
      "that includes 0 is not resolved: the scenarios may differ by less than the replications can tell, and "
      "more replications (<code>--replications</code>, or <code>--target-ci METRIC=HALFWIDTH</code>) narrow "
      "it. Resolved is not the same as large: read the size of the difference against what matters for "
      "planning. Each scenario's own figures, with the 5th to 95th percentile of single replications, are in "
      "its report (section 4).</p>\n";
  h += "</section>\n";
  h += "<footer>Written by sendsim " + html_escape(d.version) +
       " from the comparison folder: every number here is in differences.csv and summary.json "
       "(output/README.md "
       "documents them). Charts: charts/*.png and charts/*.svg.</footer>\n</main>\n</body>\n</html>\n";
  return h;
}

ReportFiles render_compare_report(const fs::path& dir) {
  const ComparisonData data = load_comparison_data(dir);
  return write_report_atomically(
      dir, [&](const fs::path& folder) { return draw_charts(build(data), folder); },
      [&](const std::vector<ChartInfo>& charts, const fs::path& folder) {
        return compare_report_html(data, charts, folder);
      });
}

}  // namespace sendsim::output
