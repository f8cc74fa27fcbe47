// sim/batch/sensitivity.cpp: one-way variations, tornado table and charts.
#include "batch/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "batch/tables.hpp"
#include "output/charts.hpp"
#include "output/csv.hpp"
#include "output/report_html.hpp"
#include "run/aggregate.hpp"
#include "run/compare.hpp"

namespace sendsim::batch {

namespace fs = std::filesystem;
using scenario::InputError;
using scenario::Mark;

namespace {

Override value_at(const std::string& path, const std::string& text, int column) {
  Override o;
  o.path = path;
  o.mark = Mark{"--vary", 1, 1};
  o.value = scenario::parse_yaml(text, "--vary");
  if (!o.value.is_scalar()) {
    throw InputError(Mark{"--vary", 1, column}, path,
                     "expected a single value, got " + scenario::shown(text));
  }
  o.value.mark.column += column - 1;
  return o;
}

const run::AggregatedRow* row_at(const std::vector<run::AggregatedTable>& tables, const std::string& metric,
                                 const std::string& period) {
  for (const auto& t : tables) {
    if (t.info.name == metric) return t.find({period});
  }
  return nullptr;
}

std::vector<std::string> periods_for(const std::vector<run::AggregatedTable>& base, const std::string& metric,
                                     const std::vector<int>& years) {
  const run::AggregatedTable* table = nullptr;
  for (const auto& t : base) {
    if (t.info.name == metric) table = &t;
  }
  if (table == nullptr || table->rows.empty()) return {};
  if (years.empty()) return {table->rows.back().key.at(0)};
  std::vector<std::string> out;
  for (int y : years) {
    const std::string plain = std::to_string(y);
    std::string fy = std::to_string(y - 1) + "-" + plain.substr(plain.size() - 2);
    if (table->find({plain}) != nullptr) {
      out.push_back(plain);
    } else if (table->find({fy}) != nullptr) {
      out.push_back(fy);
    }
  }
  return out;
}

std::string plain_label(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
    out += keep ? c : '_';
  }
  return out.substr(0, 40);
}

std::string fmt(double v) { return std::isfinite(v) ? output::format_number(std::round(v * 10) / 10) : ""; }

struct Bar {
  std::string metric, period, parameter, low, high;
  double base = NAN, low_mean = NAN, high_mean = NAN;
  engine::Summary low_effect, high_effect;
  double swing = 0.0;
};

}  // namespace

Variation parse_vary_argument(const std::string& argument) {
  const Mark at{"--vary", 1, 1};
  const std::size_t eq = argument.find('=');
  const std::size_t colon = eq == std::string::npos ? std::string::npos : argument.find(':', eq + 1);
  if (eq == std::string::npos || colon == std::string::npos) {
    throw InputError(at, "", "expected PATH=LOW:HIGH, got \"" + scenario::shown(argument) + "\"");
  }
  Variation v;
  v.path = argument.substr(0, eq);
  (void)split_key_path(v.path, at);
  const std::string low = argument.substr(eq + 1, colon - eq - 1);
  const std::string high = argument.substr(colon + 1);
  if (low.empty() || high.empty()) {
    throw InputError(at, v.path,
                     "expected PATH=LOW:HIGH with both values, got \"" + scenario::shown(argument) + "\"");
  }
  v.low = value_at(v.path, low, static_cast<int>(eq) + 2);
  v.high = value_at(v.path, high, static_cast<int>(colon) + 2);
  if (low == high)
    throw InputError(at, v.path, "LOW and HIGH are the same value (" + scenario::shown(low) + ")");
  return v;
}

Sweep sensitivity_sweep(const std::string& scenario_file, const std::string& scenario_name,
                        const std::vector<Variation>& variations, int replications) {
  Sweep s;
  s.file = scenario_file;
  s.name = "sensitivity-" + scenario_name;
  s.description = "One-way sensitivity of " + scenario_name + " under common random numbers";
  s.replications = replications;
  s.seeds = SeedMode::kCommon;
  s.listed = true;
  SweepBase b;
  b.file = scenario_file;
  b.as_written = scenario_file;
  s.bases.push_back(b);
  for (const Variation& v : variations) {
    if (std::find(s.columns.begin(), s.columns.end(), v.path) != s.columns.end()) {
      throw InputError(v.low.mark, v.path, "varied twice (one --vary per path)");
    }
    s.columns.push_back(v.path);
  }
  CellSpec baseline;
  baseline.values.assign(s.columns.size(), "");
  s.cells.push_back(baseline);
  for (std::size_t i = 0; i < variations.size(); ++i) {
    for (const Override* o : {&variations[i].low, &variations[i].high}) {
      CellSpec c;
      c.values.assign(s.columns.size(), "");
      c.values[i] = node_text(o->value);
      c.overrides.push_back(*o);
      s.cells.push_back(std::move(c));
    }
  }
  return s;
}

fs::path write_sensitivity(const fs::path& dir, const Sweep& sweep, const BatchResult& batch,
                           const std::vector<Variation>& variations, const std::vector<int>& years,
                           bool draw) {
  // Metric tables per cell, per replication.
  std::vector<std::vector<send::ReplicationResult>> metric_tables;
  for (const CellRun& c : batch.cells) {
    if (c.state != "done")
      throw std::runtime_error("sensitivity: cell " + c.folder + " is not done: " + c.error);
    metric_tables.push_back(run::metric_results(read_cell_results(cell_file(dir, c)), batch_metrics()));
  }
  const std::vector<run::AggregatedTable> base = run::aggregate(metric_tables[0]);
  std::vector<std::vector<run::AggregatedTable>> levels, effects;
  for (std::size_t i = 0; i < metric_tables.size(); ++i) {
    levels.push_back(run::aggregate(metric_tables[i]));
    effects.push_back(i == 0 ? std::vector<run::AggregatedTable>{}
                             : run::aggregate_difference(metric_tables[0], metric_tables[i]));
  }
  std::vector<Bar> bars;
  for (const KeyMetric& m : key_metrics()) {
    for (const std::string& period : periods_for(base, m.name, years)) {
      std::vector<Bar> group;
      for (std::size_t v = 0; v < variations.size(); ++v) {
        const std::size_t lo = 1 + 2 * v;
        const std::size_t hi = lo + 1;
        Bar b;
        b.metric = m.name;
        b.period = period;
        b.parameter = variations[v].path;
        b.low = node_text(variations[v].low.value);
        b.high = node_text(variations[v].high.value);
        if (const auto* r = row_at(base, m.name, period)) b.base = r->summary.mean;
        if (const auto* r = row_at(levels[lo], m.name, period)) b.low_mean = r->summary.mean;
        if (const auto* r = row_at(levels[hi], m.name, period)) b.high_mean = r->summary.mean;
        if (const auto* r = row_at(effects[lo], m.name, period)) b.low_effect = r->summary;
        if (const auto* r = row_at(effects[hi], m.name, period)) b.high_effect = r->summary;
        b.swing = std::fabs(b.high_effect.mean - b.low_effect.mean);
        group.push_back(std::move(b));
      }
      std::stable_sort(group.begin(), group.end(),
                       [](const Bar& a, const Bar& b) { return a.swing > b.swing; });
      bars.insert(bars.end(), group.begin(), group.end());
    }
  }
  std::ostringstream csv_out;
  {
    output::CsvWriter csv(csv_out);
    csv.header({"metric", "period", "parameter", "low", "high", "baseline_mean", "low_mean", "low_effect",
                "low_effect_ci_low", "low_effect_ci_high", "high_mean", "high_effect", "high_effect_ci_low",
                "high_effect_ci_high", "swing"});
    for (const Bar& b : bars) {
      csv.field(b.metric)
          .field(b.period)
          .field(b.parameter)
          .field(b.low)
          .field(b.high)
          .field(b.base)
          .field(b.low_mean);
      csv.field(b.low_effect.mean).field(b.low_effect.ci_low).field(b.low_effect.ci_high).field(b.high_mean);
      csv.field(b.high_effect.mean).field(b.high_effect.ci_low).field(b.high_effect.ci_high).field(b.swing);
      csv.end_row();
    }
    csv.flush();
  }
  write_file_atomically(dir / "tornado.csv", csv_out.str());
  if (!draw) return {};

  // One tornado per metric at its first chosen period.
  std::vector<output::ChartSpec> charts;
  for (const KeyMetric& m : key_metrics()) {
    std::vector<const Bar*> group;
    for (const Bar& b : bars) {
      if (b.metric == m.name && (group.empty() || group.front()->period == b.period)) group.push_back(&b);
    }
    if (group.empty()) continue;
    output::ChartSpec c;
    const std::size_t n = group.size();
    for (std::size_t i = 0; i < n; ++i) {
      const Bar& b = *group[i];
      const double y = double(n - 1 - i);  // the widest at the top
      output::chart::row(
          c.data, y, plain_label(b.parameter),
          {b.low_effect.mean, b.high_effect.mean, std::min(b.low_effect.mean, b.high_effect.mean),
           std::max(b.low_effect.mean, b.high_effect.mean)});
    }
    c.info = {
        std::string("tornado_") + m.name, "sensitivity", std::string(m.title) + ": one-way effects",
        std::string("Effect on ") + m.title + " (" + m.unit + ") at " + group.front()->period +
            " of each parameter at its LOW (orange) and HIGH (navy) value, the paired difference from the "
            "baseline under common random numbers (mean over replications); the widest swing at the top."};
    c.setup = "set lmargin 30\nset yrange [-0.6:" + output::chart::num(double(n) - 0.4) + "]\nset xlabel '" +
              std::string(m.unit) +
              " (difference from the baseline)'\nset style fill solid 0.7\nset key outside below center "
              "horizontal\n"
              "set xzeroaxis\nset grid xtics\n";
    // Bars from 0 to the low effect (orange) and to the high effect (navy).
    c.plot =
        "plot 'DATA' u (($3<0?$3:0)+($3>0?$3:0))/2:1:(($3<0?$3:0)):(($3>0?$3:0)):($1-0.3):($1+0.3):ytic(2) "
        "w boxxyerror lc " +
        output::chart::rgb(output::chart::kOrange) +
        " title 'LOW', '' u ($4/2):1:"
        "(($4<0?$4:0)):(($4>0?$4:0)):($1-0.3):($1+0.3) w boxxyerror lc " +
        output::chart::rgb(output::chart::kNavy) + " title 'HIGH'";
    charts.push_back(std::move(c));
  }
  const fs::path charts_dir = dir / "charts";
  fs::create_directories(charts_dir);
  const std::vector<output::ChartInfo> drawn = output::draw_charts(charts, charts_dir);

  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
      output::html_escape(sweep.name) +
      "</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
      "table{border-collapse:collapse;font-size:0.85em}td,th{border:1px solid #ccc;padding:3px 6px;"
      "text-align:right}td:first-child,th:first-child,td:nth-child(2){text-align:left}"
      "svg{max-width:100%;height:auto}figure{margin:1.5em 0}</style></head><body>\n";
  html += "<h1>" + output::html_escape(sweep.description) + "</h1>\n<p>" +
          std::to_string(batch.replications) + " replications per cell, master seed " +
          std::to_string(batch.seed) +
          ", every cell on the same random streams; an effect is the paired difference from the baseline "
          "with its "
          "95% interval. tornado.csv has every figure; cells/ holds each cell's results folder.</p>\n";
  html +=
      "<table><tr><th>metric</th><th>parameter</th><th>period</th><th>low</th><th>high</th><th>baseline</th>"
      "<th>effect at low (95% interval)</th><th>effect at high (95% interval)</th><th>swing</th></tr>\n";
  for (const Bar& b : bars) {
    html += "<tr><td>" + output::html_escape(b.metric) + "</td><td>" + output::html_escape(b.parameter) +
            "</td><td>" + output::html_escape(b.period) + "</td><td>" + output::html_escape(b.low) +
            "</td><td>" + output::html_escape(b.high) + "</td><td>" + fmt(b.base) + "</td><td>" +
            fmt(b.low_effect.mean) + " (" + fmt(b.low_effect.ci_low) + " to " + fmt(b.low_effect.ci_high) +
            ")</td><td>" + fmt(b.high_effect.mean) + " (" + fmt(b.high_effect.ci_low) + " to " +
            fmt(b.high_effect.ci_high) + ")</td><td>" + fmt(b.swing) + "</td></tr>\n";
  }
  html += "</table>\n";
  for (const output::ChartInfo& info : drawn) {
    std::ifstream in(charts_dir / (info.stem + ".svg"), std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    std::string svg = ss.str();
    const std::size_t at = svg.find("<svg");
    if (at != std::string::npos) svg = svg.substr(at);
    html += "<figure>" + svg + "<figcaption><b>" + output::html_escape(info.title) + ".</b> " +
            output::html_escape(info.caption) + "</figcaption></figure>\n";
  }
  html += "</body></html>\n";
  write_file_atomically(dir / "report.html", html);
  return dir / "report.html";
}

}  // namespace sendsim::batch
