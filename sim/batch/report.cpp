// sim/batch/report.cpp: the batch's charts and report.html.
#include "batch/report.hpp"

#include <unistd.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "batch/tables.hpp"
#include "output/charts.hpp"
#include "output/csv.hpp"
#include "output/report_html.hpp"

namespace sendsim::batch {

namespace fs = std::filesystem;

namespace {

const run::AggregatedTable* table_of(const std::vector<run::AggregatedTable>& tables, std::string_view name) {
  for (const auto& t : tables) {
    if (t.info.name == name) return &t;
  }
  return nullptr;
}

/// The last period's row of a metric without breakdown.
const run::AggregatedRow* last_row(const std::vector<run::AggregatedTable>& tables, std::string_view name) {
  const run::AggregatedTable* t = table_of(tables, name);
  if (t == nullptr || t->rows.empty()) return nullptr;
  return &t->rows.back();
}

std::string plain_label(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
    out += keep ? c : '_';
  }
  return out.substr(0, 24);
}

double number_or_nan(const std::string& text) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  return (!text.empty() && end == text.c_str() + text.size()) ? v : NAN;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string fmt(double v) { return std::isfinite(v) ? output::format_number(std::round(v * 10) / 10) : ""; }

/// The cell at axis `k` value `v`, every other axis at its first value, first base.
std::optional<std::size_t> grid_cell(const Sweep& sweep, std::size_t k, std::size_t v) {
  std::size_t index = 0;
  for (std::size_t a = 0; a < sweep.axes.size(); ++a)
    index = index * sweep.axes[a].values.size() + (a == k ? v : 0);
  if (index >= sweep.cells.size()) return std::nullopt;
  return index;
}

}  // namespace

fs::path write_batch_report(const fs::path& dir, const Sweep& sweep, const BatchResult& batch,
                            const BatchSummaries& all) {
  const auto& summaries = all.cells;
  std::vector<output::ChartSpec> charts;
  const bool grid = !sweep.axes.empty() && !sweep.listed;
  if (grid) {
    for (std::size_t k = 0; k < sweep.axes.size(); ++k) {
      const Axis& axis = sweep.axes[k];
      for (const KeyMetric& m : key_metrics()) {
        output::ChartSpec c;
        bool any = false;
        bool numeric = true;
        for (const auto& v : axis.values) numeric = numeric && std::isfinite(number_or_nan(node_text(v)));
        for (std::size_t v = 0; v < axis.values.size(); ++v) {
          const auto cell = grid_cell(sweep, k, v);
          const run::AggregatedRow* row = cell ? last_row(summaries[*cell], m.name) : nullptr;
          const std::string text = node_text(axis.values[v]);
          const double x = numeric ? number_or_nan(text) : double(v);
          if (row != nullptr) any = true;
          output::chart::row(c.data, x, plain_label(text),
                             {row ? row->summary.mean : NAN, row ? row->summary.ci_low : NAN,
                              row ? row->summary.ci_high : NAN});
        }
        if (!any) continue;
        c.info = {
            "axis" + std::to_string(k + 1) + "_" + m.name, "sweep",
            std::string(m.title) + " at the last period against axis " + std::to_string(k + 1),
            std::string(m.title) + " (" + m.unit + ") at the last period against the values of " + axis.path +
                " (the other axes at their first value). Line: mean over replications; band: 95% interval."};
        c.setup = (numeric ? std::string() : output::chart::label_axis(axis.values.size())) + "set ylabel '" +
                  m.unit + "'\nset xlabel 'axis " + std::to_string(k + 1) +
                  "'\nset key outside below center horizontal\n";
        c.plot =
            std::string(numeric ? "plot 'DATA' u 1:(NaN) notitle" : "plot 'DATA' u 1:(NaN):xtic(2) notitle") +
            ", " + output::chart::band_and_line(3, 4, 5, output::chart::kNavy, "mean, 95% band");
        charts.push_back(std::move(c));
      }
    }
    // Heat map: year by the first axis' values.
    output::ChartSpec h;
    bool any = false;
    for (std::size_t v = 0; v < sweep.axes[0].values.size(); ++v) {
      const auto cell = grid_cell(sweep, 0, v);
      const run::AggregatedTable* t = cell ? table_of(summaries[*cell], "special_place_shortfall") : nullptr;
      if (t == nullptr) continue;
      for (const auto& row : t->rows) {
        const double year = output::chart::year_x(row.key.at(0));
        if (!std::isfinite(year)) continue;
        any = true;
        h.data += output::chart::num(year) + "," + std::to_string(v) + "," +
                  output::chart::num(row.summary.mean) + "\n";
      }
      h.data += "\n";
    }
    if (any) {
      h.info = {"heat_shortfall", "sweep", "Special-place shortfall by year and the first axis",
                "Mean special-place shortfall (children) at each January census (x) for each value of " +
                    sweep.axes[0].path + " (y, in the order written)."};
      const std::size_t nv = sweep.axes[0].values.size();
      std::string ytics = "set ytics 1\n";
      bool numeric = true;
      for (const auto& v : sweep.axes[0].values)
        numeric = numeric && std::isfinite(number_or_nan(node_text(v)));
      if (numeric) {  // numbers only reach the script
        ytics = "set ytics (";
        for (std::size_t v = 0; v < nv; ++v) {
          ytics += (v ? ", '" : "'") + output::chart::num(number_or_nan(node_text(sweep.axes[0].values[v]))) +
                   "' " + std::to_string(v);
        }
        ytics += ")\n";
      }
      h.setup =
          "set view map\nset ylabel 'axis 1 value'\nset xlabel 'year'\nset cblabel 'children'\n"
          "set palette defined (0 '#f7fbff', 1 '#6baed6', 2 '#08306b')\nset xtics 1 format '%.0f'\n"
          "set yrange [-0.5:" +
          output::chart::num(double(nv) - 0.5) + "]\n" + ytics;
      h.plot = "plot 'DATA' u 1:2:3 w image notitle";
      charts.push_back(std::move(h));
    }
  } else {
    const std::size_t n = summaries.size();
    for (const KeyMetric& m : key_metrics()) {
      output::ChartSpec c;
      bool any = false;
      for (std::size_t i = 0; i < n; ++i) {
        const run::AggregatedRow* row = last_row(summaries[i], m.name);
        if (row != nullptr) any = true;
        const std::string label =
            i < batch.cells.size()
                ? plain_label(fs::path(batch.cells[i].folder).filename().string().substr(0, 3))
                : "total";
        output::chart::row(c.data, double(i), label,
                           {row ? row->summary.mean : NAN, row ? row->summary.ci_low : NAN,
                            row ? row->summary.ci_high : NAN});
      }
      if (!any) continue;
      c.info = {std::string("cells_") + m.name, "sweep", std::string(m.title) + " at the last period by cell",
                std::string(m.title) + " (" + m.unit +
                    ") at the last period, per cell (numbered as in the table)" +
                    (sweep.total ? " and the total over cells" : "") + ": mean and 95% interval."};
      c.setup = output::chart::label_axis(n) + "set ylabel '" + m.unit +
                "'\nset style fill solid 0.6\nset boxwidth 0.6\n";
      c.plot = "plot 'DATA' u 1:3:xtic(2) w boxes lc " + output::chart::rgb(output::chart::kNavy) +
               " notitle, '' u 1:3:4:5 w yerrorbars lc rgb '#333333' pt 0 notitle";
      charts.push_back(std::move(c));
    }
  }
  const fs::path charts_dir = dir / "charts";
  fs::create_directories(charts_dir);
  std::vector<output::ChartInfo> drawn;
  if (!charts.empty()) drawn = output::draw_charts(charts, charts_dir);

  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
      output::html_escape(sweep.name) +
      "</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
      "table{border-collapse:collapse;font-size:0.85em}td,th{border:1px solid #ccc;padding:3px "
      "6px;text-align:right}"
      "td:first-child,th:first-child{text-align:left}figure{margin:1.5em "
      "0}svg{max-width:100%;height:auto}</style>"
      "</head><body>\n";
  html += "<h1>Sweep " + output::html_escape(sweep.name) + "</h1>\n<p>" +
          output::html_escape(sweep.description) + "</p>\n";
  html += "<p>" + std::to_string(batch.cells.size()) + " cells, " + std::to_string(batch.replications) +
          " replications each, master seed " + std::to_string(batch.seed) + " (" +
          (sweep.seeds == SeedMode::kCommon ? "common random numbers across cells" : "a seed per scenario") +
          "). Every figure: mean over replications and 95% interval; sweep.csv has them all.</p>\n";
  html += "<h2>Cells at the last period</h2>\n<table><tr><th>cell</th><th>scenario</th>";
  for (const auto& c : sweep.columns) html += "<th>" + output::html_escape(c) + "</th>";
  html += "<th>state</th>";
  for (const KeyMetric& m : key_metrics()) html += "<th>" + std::string(m.title) + "</th>";
  html += "</tr>\n";
  for (std::size_t i = 0; i < summaries.size(); ++i) {
    const bool is_total = i == batch.cells.size();
    html += "<tr><td>" + (is_total ? std::string("total") : output::html_escape(batch.cells[i].folder)) +
            "</td><td>" +
            (is_total ? std::string("all cells summed") : output::html_escape(batch.cells[i].scenario_name)) +
            "</td>";
    for (std::size_t k = 0; k < sweep.columns.size(); ++k) {
      html += "<td>" + (is_total ? std::string() : output::html_escape(batch.cells[i].values[k])) + "</td>";
    }
    html += "<td>" + (is_total ? std::string("done") : output::html_escape(batch.cells[i].state)) + "</td>";
    for (const KeyMetric& m : key_metrics()) {
      const run::AggregatedRow* row = last_row(summaries[i], m.name);
      html += "<td>" +
              (row ? fmt(row->summary.mean) + " (" + fmt(row->summary.ci_low) + " to " +
                         fmt(row->summary.ci_high) + ")"
                   : std::string()) +
              "</td>";
    }
    html += "</tr>\n";
  }
  html += "</table>\n";
  for (const CellRun& c : batch.cells) {
    if (c.state == "failed")
      html += "<p>Failed: " + output::html_escape(c.folder) + ": " + output::html_escape(c.error) + "</p>\n";
  }
  html += "<h2>Charts</h2>\n";
  for (const output::ChartInfo& info : drawn) {
    std::string svg = read_file(charts_dir / (info.stem + ".svg"));
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
