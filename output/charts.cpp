// output/charts.cpp: chart data and gnuplot commands; gnuplot run as a child.
#include "output/charts.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <optional>
#include <string_view>

#include "output/csv.hpp"
#include "output/process.hpp"
#include "output/results_reader.hpp"

namespace sendsim::output {

namespace fs = std::filesystem;

namespace chart {

std::string num(double v) { return std::isfinite(v) ? format_number(v) : "NaN"; }

bool plain_period(std::string_view p) {
  if (p.empty() || p.size() > 12) return false;
  for (const char c : p) {
    if ((c < '0' || c > '9') && c != '-') return false;
  }
  return true;
}

void row(std::string& out, double x, const std::string& label, const std::vector<double>& values) {
  out += num(x) + "," + label;
  for (const double v : values) out += "," + num(v);
  out += '\n';
}

double year_x(const std::string& year) { return parse_number(year).value_or(NAN); }

std::string rgb(std::string_view colour) { return "rgb '" + std::string(colour) + "'"; }

std::string band_and_line(int mean, int lo, int hi, std::string_view colour, const std::string& title,
                          const std::string& x) {
  return "'' u " + x + ":" + std::to_string(lo) + ":" + std::to_string(hi) + " w filledcurves fc " +
         rgb(colour) + " fs transparent solid 0.18 noborder notitle, '' u " + x + ":" + std::to_string(mean) +
         " w linespoints lw 2.5 pt 7 ps 0.55 lc " + rgb(colour) + " title '" + title + "'";
}

std::string year_axis(const std::vector<std::string>& years) {
  const std::size_t n = years.size();
  return "set xtics " + std::string(n > 16 ? "2" : "1") + " format '%.0f'\nset xrange [" +
         num(year_x(years.front()) - 0.4) + ":" + num(year_x(years.back()) + 0.4) + "]\n";
}

std::string label_axis(std::size_t n) {
  return std::string(n > 10 ? "set xtics rotate by 35 right\n" : "") +
         "set xrange [-0.6:" + num(double(n) - 0.4) + "]\n";
}

}  // namespace chart

namespace {

using namespace chart;

constexpr std::string_view kStack[7] = {"#c6d6e8", "#8fb3d9", "#2a8c82", "#1f4e79",
                                        "#7a5195", "#c55a11", "#b0b0b0"};

using Chart = ChartSpec;

/// Period labels go into the data files only when they are plain (see
/// chart::plain_period). Anything else is left out of the charts.
std::vector<std::string> plain(const std::vector<std::string>& periods) {
  std::vector<std::string> out;
  for (const auto& p : periods) {
    if (plain_period(p)) out.push_back(p);
  }
  return out;
}

std::optional<Chart> capacity(const ReportData& d, std::string_view type) {
  const std::string t(type);
  const auto years = plain(d.census_years);
  if (years.empty() || !d.series.contains("places:" + t)) return std::nullopt;
  Chart c;
  c.info = {"capacity_" + t, "capacity",
            t == "special" ? "Special school places and the children who need one"
                           : "Enhanced provision places and the children who need one",
            "At each January census: commissioned places in the area's " + t +
                " settings, children placed there, and children needing such a place (placed, or waiting, or "
                "sent to INMSS or out of county for want of one). Lines are means over replications; shaded "
                "bands are the 5th to 95th percentile of single replications."};
  const auto places = d.over("places:" + t, years);
  const auto demand = d.over("demand:" + t, years);
  const auto on_roll = d.over("on_roll:" + t, years);
  for (std::size_t i = 0; i < years.size(); ++i) {
    const auto& p = places.points[i].stats;
    const auto& n = demand.points[i].stats;
    row(c.data, year_x(years[i]), years[i],
        {p.mean, p.p5, p.p95, n.mean, n.p5, n.p95, on_roll.points[i].stats.mean});
  }
  c.setup = year_axis(years) + "set ylabel 'Places or children'\nset yrange [0:*]\n";
  c.plot = "plot 'DATA' u 1:(NaN) notitle, " + band_and_line(3, 4, 5, kNavy, "Commissioned places") + ", " +
           band_and_line(6, 7, 8, kOrange, "Children needing a place") +
           ", '' u 1:9 w lines lw 1.8 dt 2 lc " + rgb(kTeal) + " title 'Children on roll'";
  return c;
}

std::optional<Chart> capacity_by_need(const ReportData& d, std::string_view type, bool designated) {
  const std::string t(type);
  const auto years = plain(d.census_years);
  if (!designated || years.empty()) return std::nullopt;
  const std::string& last = years.back();
  Chart c;
  std::size_t i = 0;
  for (const char* need :
       {"ASD", "SEMH", "SLCN", "MLD", "SLD", "PMLD", "SpLD", "PD", "HI", "VI", "MSI", "OTH", "NSA"}) {
    const auto places = d.over("need_places:" + t + ":" + need, {last}).points.front().stats;
    const auto demand = d.over("need_demand:" + t + ":" + need, {last}).points.front().stats;
    if (places.mean <= 0 && demand.mean <= 0) continue;
    row(c.data, double(i++), need, {places.mean, places.p5, places.p95, demand.mean, demand.p5, demand.p95});
  }
  if (i == 0) return std::nullopt;
  c.info = {
      "capacity_need_" + t, "capacity",
      std::string(t == "special" ? "Special" : "Enhanced") + " places open to each need, January " + last,
      "By primary need at the last census: places in " + t +
          " settings designated for the need (or for all needs) against children with that primary need "
          "who need such a place. A setting open to several needs counts under each, so the places do not "
          "add up to the total. Whiskers: 5th to 95th percentile over replications."};
  c.setup = label_axis(i) +
            "set ylabel 'Places or children'\nset yrange [0:*]\nset boxwidth 0.38\nset key top right\n";
  c.plot = "plot 'DATA' u 1:(NaN):xtic(2) notitle, '' u ($1-0.2):3 w boxes fs solid 0.85 noborder lc " +
           rgb(kNavy) +
           " title 'Places open to the need', '' u ($1+0.2):6 w boxes fs solid 0.85 noborder lc " +
           rgb(kOrange) +
           " title 'Children needing a place', '' u ($1-0.2):4:(0):($5-$4) w vectors nohead lw 1.2 lc rgb "
           "'#333333' notitle, "
           "'' u ($1+0.2):7:(0):($8-$7) w vectors nohead lw 1.2 lc rgb '#333333' notitle";
  return c;
}

std::optional<Chart> ehc_by_placement(const ReportData& d) {
  const auto years = plain(d.census_years);
  if (years.empty()) return std::nullopt;
  struct Group {
    const char* title;
    std::vector<const char*> placements;
  };
  const Group groups[7] = {
      {"Mainstream and early years", {"early_years", "mainstream"}},
      {"Further education", {"further_education"}},
      {"Enhanced provision", {"enhanced"}},
      {"Special school in the area", {"special"}},
      {"Special school out of county", {"special_out_of_county"}},
      {"INMSS", {"inmss"}},
      {"Awaiting placement, none or other", {"awaiting_placement", "no_placement", "other"}}};
  Chart c;
  c.info = {
      "ehc_by_placement", "plans", "EHC plans by placement",
      "EHC plans at each January census, stacked by where the plan holder is (means over replications)."};
  for (const auto& y : years) {
    std::vector<double> cum;
    double sum = 0;
    for (const auto& g : groups) {
      for (const char* p : g.placements) sum += d.mean_at(std::string("ehc:") + p, y);
      cum.push_back(sum);
    }
    row(c.data, year_x(y), y, cum);
  }
  c.setup = year_axis(years) +
            "set ylabel 'EHC plans'\nset yrange [0:*]\nset key outside below center horizontal maxrows 2\n";
  c.plot = "plot 'DATA' u 1:(NaN) notitle";
  for (int g = 6; g >= 0; --g) {
    const std::string lower = g == 0 ? "(0)" : std::to_string(g + 2);
    c.plot += ", '' u 1:" + lower + ":" + std::to_string(g + 3) + " w filledcurves fc " + rgb(kStack[g]) +
              " fs solid 0.9 noborder title '" + groups[g].title + "'";
  }
  return c;
}

std::optional<Chart> timeliness(const ReportData& d) {
  const auto years = plain(d.full_years);
  const auto s = d.over("timeliness:pct_within_20_weeks", years, false);
  if (s.points.empty()) return std::nullopt;
  Chart c;
  c.info = {
      "timeliness", "timeliness", "EHC plans issued within 20 weeks",
      "Plans issued in each full calendar year within 20 weeks of the request, as a percentage of plans "
      "issued. Line: mean over replications; band: 5th to 95th percentile."};
  for (const auto& p : s.points)
    row(c.data, year_x(p.period), p.period, {p.stats.mean, p.stats.p5, p.stats.p95});
  c.setup = year_axis(years) + "set ylabel 'Issued within 20 weeks (%)'\nset yrange [0:100]\n";
  c.plot = "plot 'DATA' u 1:(NaN) notitle, " + band_and_line(3, 4, 5, kNavy, "Within 20 weeks");
  return c;
}

std::vector<std::string> provisions_with(const ReportData& d, const std::string& prefix) {
  std::vector<std::string> out;
  for (const char* p : {"mainstream", "enhanced", "special", "inmss"}) {
    const auto it = d.series.find(prefix + p);
    if (it == d.series.end()) continue;
    for (const auto& pt : it->second.points) {
      if (pt.stats.mean > 0) {
        out.emplace_back(p);
        break;
      }
    }
  }
  return out;
}

constexpr std::string_view colour_of(std::string_view provision) {
  return provision == "special"    ? kOrange
         : provision == "enhanced" ? kTeal
         : provision == "inmss"    ? kGrey
                                   : kNavy;
}

std::optional<Chart> waiting(const ReportData& d) {
  const auto years = plain(d.census_years);
  if (years.empty()) return std::nullopt;
  const auto provisions = provisions_with(d, "waiting:");
  Chart c;
  c.info = {"waiting", "waiting", "Children waiting for a place",
            "Plan holders waiting in an interim place for the provision their plan names, at each January "
            "census: in total (band: 5th to 95th percentile) and by the provision they wait for (means)."};
  const auto total = d.over(series_of("waiting"), years);
  std::vector<ReportSeries> by;
  for (const auto& p : provisions) by.push_back(d.over("waiting:" + p, years));
  for (std::size_t i = 0; i < years.size(); ++i) {
    std::vector<double> v = {total.points[i].stats.mean, total.points[i].stats.p5, total.points[i].stats.p95};
    for (const auto& s : by) v.push_back(s.points[i].stats.mean);
    row(c.data, year_x(years[i]), years[i], v);
  }
  c.setup = year_axis(years) + "set ylabel 'Children waiting'\nset yrange [0:*]\n";
  c.plot = "plot 'DATA' u 1:(NaN) notitle, " + band_and_line(3, 4, 5, kNavy, "All waiting");
  for (std::size_t i = 0; i < provisions.size(); ++i) {
    c.plot += ", '' u 1:" + std::to_string(6 + i) + " w lines lw 1.8 dt 2 lc " +
              rgb(colour_of(provisions[i])) + " title 'Waiting for " + provisions[i] + "'";
  }
  return c;
}

std::optional<Chart> wait_weeks(const ReportData& d) {
  const auto years = plain(d.full_years);
  std::vector<std::string> provisions;
  for (const char* p : {"enhanced", "special", "mainstream", "inmss"}) {
    if (!d.over(std::string("wait_weeks:") + p, years, false).points.empty()) provisions.emplace_back(p);
  }
  if (years.empty() || provisions.empty()) return std::nullopt;
  Chart c;
  c.info = {
      "wait_weeks", "waiting", "How long waits for a place last",
      "Mean length in weeks of the waits that ended in each full calendar year, by the provision waited "
      "for. Band: 5th to 95th percentile over replications; a gap is a year with no waits ending."};
  std::vector<ReportSeries> by;
  for (const auto& p : provisions) by.push_back(d.over("wait_weeks:" + p, years));
  for (const auto& y : years) {
    std::vector<double> v;
    for (std::size_t i = 0; i < provisions.size(); ++i) {
      const engine::Summary* s = d.series.at("wait_weeks:" + provisions[i]).find(y);
      v.insert(v.end(), {s ? s->mean : NAN, s ? s->p5 : NAN, s ? s->p95 : NAN});
    }
    row(c.data, year_x(y), y, v);
  }
  c.setup = year_axis(years) + "set ylabel 'Weeks'\nset yrange [0:*]\n";
  c.plot = "plot 'DATA' u 1:(NaN) notitle";
  for (std::size_t i = 0; i < provisions.size(); ++i) {
    const int base = 3 + int(i) * 3;
    c.plot += ", " + band_and_line(base, base + 1, base + 2, colour_of(provisions[i]),
                                   "Waiting for " + provisions[i]);
  }
  return c;
}

std::optional<Chart> inmss(const ReportData& d) {
  const auto census = plain(d.census_years);
  const auto full = plain(d.full_years);
  if (census.empty()) return std::nullopt;
  std::vector<std::string> years = census;
  for (const auto& y : full) {
    if (std::find(years.begin(), years.end(), y) == years.end()) years.push_back(y);
  }
  std::sort(years.begin(), years.end());
  Chart c;
  c.info = {
      "inmss", "inmss", "Independent and non-maintained special school (INMSS) placements",
      "Line: plan holders in INMSS at each January census (band: 5th to 95th percentile). Bars: new INMSS "
      "placements in each full calendar year, and of those, children sent for want of a local place "
      "(means)."};
  const auto stock = d.over(series_of("inmss_placements"), census);
  for (const auto& y : years) {
    const engine::Summary* s = stock.find(y);
    const bool whole = std::find(full.begin(), full.end(), y) != full.end();
    row(c.data, year_x(y), y,
        {s ? s->mean : NAN, s ? s->p5 : NAN, s ? s->p95 : NAN,
         whole ? d.mean_at("flows:placements_inmss", y) : NAN,
         whole ? d.mean_at("flows:fallback_inmss", y) : NAN});
  }
  c.setup = year_axis(years) + "set ylabel 'Children'\nset yrange [0:*]\nset boxwidth 0.6\n";
  c.plot = "plot 'DATA' u ($1+0.5):6 w boxes fs solid 0.55 noborder lc " + rgb("#9dc3e6") +
           " title 'New INMSS placements in the year', '' u ($1+0.5):7 w boxes fs solid 0.8 noborder lc " +
           rgb(kGrey) + " title 'of which for want of a local place', " +
           band_and_line(3, 4, 5, kNavy, "In INMSS at the January census");
  return c;
}

std::optional<Chart> spend(const ReportData& d) {
  const auto years = plain(d.full_financial_years);
  if (years.empty() || !d.has(series_of("spend"))) return std::nullopt;
  struct Line {
    const char* code;
    const char* title;
    std::string_view colour;
  };
  const Line lines[6] = {{"place_funding", "Place funding", "#1f4e79"},
                         {"top_up_maintained", "Top-ups, maintained and academies", "#2e75b6"},
                         {"top_up_independent", "INMSS fees", "#c55a11"},
                         {"sen_support_services", "SEN support services", "#2a8c82"},
                         {"alternative_provision", "Alternative and interim provision", "#e0a526"},
                         {"transport", "SEND transport (outside the DSG)", "#a5a5a5"}};
  Chart c;
  c.info = {
      "spend_by_line", "finance", "High-needs spend by line",
      "Spend accrued in each full financial year (April to March) by line, in pounds million at the prices "
      "of each year; stacked means, whiskers on the total: 5th to 95th percentile over replications."};
  const auto total = d.over(series_of("spend"), years);
  for (std::size_t i = 0; i < years.size(); ++i) {
    std::vector<double> v;
    double sum = 0;
    for (const auto& l : lines) {
      sum += d.mean_at(std::string("spend:") + l.code, years[i]) / 1e6;
      v.push_back(sum);
    }
    v.push_back(total.points[i].stats.p5 / 1e6);
    v.push_back(total.points[i].stats.p95 / 1e6);
    row(c.data, double(i), years[i], v);
  }
  c.setup = label_axis(years.size()) +
            "set ylabel 'Pounds million'\nset yrange [0:*]\nset boxwidth 0.7\n"
            "set key outside below center horizontal maxrows 2\n";
  c.plot = "plot 'DATA' u 1:(NaN):xtic(2) notitle";
  for (int i = 5; i >= 0; --i) {
    c.plot += ", '' u 1:" + std::to_string(i + 3) + " w boxes fs solid 0.9 noborder lc " +
              rgb(lines[i].colour) + " title '" + lines[i].title + "'";
  }
  c.plot += ", '' u 1:9:(0):($10-$9) w vectors nohead lw 1.2 lc rgb '#333333' notitle";
  return c;
}

std::optional<Chart> dsg_balance(const ReportData& d) {
  const auto years = plain(d.balance_years);
  if (years.empty() || !d.has(series_of("dsg_cumulative_balance"))) return std::nullopt;
  Chart c;
  c.info = {
      "dsg_balance", "finance", "DSG high-needs block: balance",
      "Bars: in-year balance (allocation less DSG-funded spend) of each financial year; line: cumulative "
      "balance at its end, negative for a deficit, with a 5th to 95th percentile band. Pounds million; the "
      "first financial year may be partial."};
  const auto cum = d.over(series_of("dsg_cumulative_balance"), years);
  const auto in_year = d.over("dsg:in_year_balance", years);
  for (std::size_t i = 0; i < years.size(); ++i) {
    const auto& s = cum.points[i].stats;
    row(c.data, double(i), years[i],
        {s.mean / 1e6, s.p5 / 1e6, s.p95 / 1e6, in_year.points[i].stats.mean / 1e6});
  }
  c.setup = label_axis(years.size()) +
            "set ylabel 'Pounds million'\nset xzeroaxis lt -1 lw 1\nset boxwidth 0.6\n"
            "set key bottom left\n";
  c.plot = "plot 'DATA' u 1:(NaN):xtic(2) notitle, '' u 1:6 w boxes fs solid 0.6 noborder lc " +
           rgb("#9dc3e6") + " title 'In-year balance', " +
           band_and_line(3, 4, 5, kNavy, "Cumulative balance");
  return c;
}

std::vector<Chart> build(const ReportData& d) {
  std::vector<Chart> out;
  auto add = [&](std::optional<Chart> c) {
    if (c) out.push_back(std::move(*c));
  };
  add(capacity(d, "special"));
  add(capacity(d, "enhanced"));
  add(capacity_by_need(d, "special", d.designations[1]));
  add(capacity_by_need(d, "enhanced", d.designations[0]));
  add(ehc_by_placement(d));
  add(timeliness(d));
  add(waiting(d));
  add(wait_weeks(d));
  add(inmss(d));
  add(spend(d));
  add(dsg_balance(d));
  return out;
}

constexpr std::string_view kPreamble =
    "set encoding utf8\n"
    "set datafile separator comma\n"
    "set datafile missing 'NaN'\n"
    "set border 3 lw 1 lc rgb '#808080'\n"
    "set tics nomirror out scale 0.5 textcolor rgb '#333333'\n"
    "set grid ytics lc rgb '#d9d9d9' lw 1 dt solid\n"
    "set key top left Left reverse noopaque samplen 2.5 spacing 1.15 textcolor rgb '#333333'\n"
    "set format y '%g'\n"
    "set lmargin 10\n"
    "set offsets 0, 0, graph 0.06, 0\n";

std::string script(const std::vector<Chart>& charts) {
  std::string s = "# sendsim charts; run in the charts folder: gnuplot charts.gp\n";
  for (const auto& c : charts) {
    std::string plot = c.plot;
    const std::string data = "'" + c.info.stem + ".csv'";
    plot.replace(plot.find("'DATA'"), 6, data);
    s += "reset\n" + std::string(kPreamble) + c.setup;
    s += "set terminal pngcairo size 1100,560 noenhanced font 'DejaVu Sans,11' background rgb 'white'\n";
    s += "set output '" + c.info.stem + ".png'\n";
    s += "set title \"" + c.info.title + "\" font ',13' textcolor rgb '#1f1f1f'\n";
    s += plot + "\n";
    s += "unset title\n";
    s += "set terminal svg size 1000,500 dynamic noenhanced font 'DejaVu Sans,13' background rgb 'white'\n";
    s += "set output '" + c.info.stem + ".svg'\n";
    s += "replot\nset output\n";
  }
  return s;
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace

std::vector<ChartInfo> chart_list(const ReportData& data) {
  std::vector<ChartInfo> out;
  for (const auto& c : build(data)) out.push_back(c.info);
  return out;
}

std::vector<ChartInfo> render_charts(const ReportData& data, const fs::path& folder) {
  return draw_charts(build(data), folder);
}

std::vector<ChartInfo> draw_charts(const std::vector<ChartSpec>& charts, const fs::path& folder) {
  const auto gnuplot = find_executable("gnuplot");
  if (!gnuplot) {
    throw ChartsError(
        "charts: gnuplot is not installed (not found on PATH); install the Debian package gnuplot-nox "
        "(./setup.sh install does), or skip charts and report with --no-report");
  }
  std::vector<ChartInfo> out;
  for (const auto& c : charts) {
    write_file(folder / (c.info.stem + ".csv"), c.data);
    out.push_back(c.info);
  }
  const fs::path script_path = fs::absolute(folder / "charts.gp");
  const fs::path log = folder / "gnuplot.log";
  write_file(script_path, script(charts));
  const int status = run_program(*gnuplot, {script_path.string()}, fs::absolute(folder), fs::absolute(log));
  std::string log_text = fs::exists(log) ? read_text_file(log) : "";
  if (status != 0) {
    if (log_text.size() > 2000) log_text = "..." + log_text.substr(log_text.size() - 2000);
    throw ChartsError("charts: gnuplot failed (exit status " + std::to_string(status) + "):\n" + log_text);
  }
  for (const auto& c : charts) {
    for (const char* ext : {".png", ".svg"}) {
      const fs::path f = folder / (c.info.stem + ext);
      if (!fs::is_regular_file(f) || fs::file_size(f) == 0) {
        throw ChartsError("charts: gnuplot did not draw " + f.filename().string() + "\n" + log_text);
      }
    }
    fs::remove(folder / (c.info.stem + ".csv"));
  }
  fs::remove(script_path);
  fs::remove(log);
  return out;
}

}  // namespace sendsim::output
