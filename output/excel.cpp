// output/excel.cpp: workbook.xlsx with libxlsxwriter (see excel.hpp): the
// sheets, About to DSG plan grid, and the workbook that holds them. Formats,
// pivots and cell writing are in excel_detail.hpp.
#include "output/excel.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>
#include <string_view>

#include "output/excel_detail.hpp"

namespace sendsim::output {

namespace {

namespace fs = std::filesystem;

using excel_detail::code_less;
using excel_detail::column_of;
using excel_detail::date_text;
using excel_detail::find_headline;
using excel_detail::find_table;
using excel_detail::Formats;
using excel_detail::headline_values;
using excel_detail::interval_rows;
using excel_detail::kChartPounds;
using excel_detail::kCodeWidth;
using excel_detail::make_formats;
using excel_detail::mean_of;
using excel_detail::no_data;
using excel_detail::Pivot;
using excel_detail::pivot;
using excel_detail::pretty;
using excel_detail::Sheet;

// ---- the sheets -------------------------------------------------------

void about_sheet(const Sheet& s, const WorkbookInput& in, const Formats& f) {
  const send::Scenario& sc = *in.scenario;
  s.text(0, 0, "sendsim results: " + sc.name, f.title);
  int row = 2;
  auto item = [&](std::string_view label, const std::string& value) {
    s.text(row, 0, label, f.header);
    s.text(row++, 1, value);
  };
  item("Scenario", sc.name);
  item("Description", sc.description);
  item("Model (local area)", sc.model.name);
  item("First simulated day", date_text(sc.model.start_date));
  item("Last simulated day", date_text(sc.run.end_date));
  item("Replications", std::to_string(in.output->replications));
  item("Master seed", std::to_string(in.output->seed));
  item("Program", "sendsim " + in.version);
  row++;
  const std::array<const char*, 7> notes = {
      "Every figure is the mean over the replications (the same model run again with other random numbers); "
      "rows marked '95% interval' give the 95% confidence interval of that mean.",
      "Census figures are at the January census of the year; flows are counted in the calendar year; "
      "financial years run from April to March.",
      "The first and last years are partial: see 'Days covered' on the DSG balance sheet and on the Flows sheet.",
      "Spend is in pounds at the prices of each year (inflation applied); transport is outside the DSG.",
      "The children are synthetic and the default county is Essex-like, not Essex: calibrate a model to your own "
      "SEN2 return and budget before quoting figures.",
      "The full tables, with every statistic, are the CSV files beside this workbook (tidy.csv holds them all in "
      "one long table); the folder's README (output/README.md in the source) documents every column.",
      "SCAP forecast and DSG plan grid: model figures recast in the shape of those DfE returns (mapping in the "
      "README); they are not the returns themselves."};
  for (const char* n : notes) s.text(row++, 0, n, f.note);
  worksheet_set_column(s.ws(), 0, 0, 24, nullptr);
  worksheet_set_column(s.ws(), 1, 1, 80, nullptr);
}

void spend_sheet(const Sheet& s, const WorkbookInput& in, const Formats& f, lxw_workbook* wb) {
  const Pivot p = pivot(find_table(*in.tables, "spend"), "financial_year", {"line"});
  if (p.rows.empty()) return no_data(s, "spend");
  s.header(0, {"Spend line (pounds)"}, p.periods);
  int row = 1;
  for (const auto& [key, values] : p.rows) s.period_row(row++, {pretty(key[0])}, p.periods, values, f.pounds, mean_of);
  const int last_line_row = row - 1;
  // The total as a formula over the lines, with its value cached.
  const std::map<std::string, engine::Summary> total = headline_values(find_headline(*in.headlines, "spend"));
  s.text(row, 0, "Total", f.total_label);
  for (std::size_t c = 0; c < p.periods.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c + 1);
    std::array<char, 32> top{};
    std::array<char, 32> bottom{};
    lxw_rowcol_to_cell(top.data(), 1, col);
    lxw_rowcol_to_cell(bottom.data(), static_cast<lxw_row_t>(last_line_row), col);
    const std::string formula = std::string("=SUM(") + top.data() + ":" + bottom.data() + ")";
    double cached = 0;
    for (const auto& r : p.rows) {
      const auto it = r.second.find(p.periods[c]);
      if (it != r.second.end()) cached += it->second.mean;
    }
    worksheet_write_formula_num(s.ws(), static_cast<lxw_row_t>(row), col, formula.c_str(), f.total_pounds, cached);
  }
  row = interval_rows(s, row + 1, "Total", p.periods, total, f.pounds);
  s.layout(0, 1, static_cast<int>(p.periods.size()));

  lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_COLUMN_STACKED);
  const auto last_col = static_cast<lxw_col_t>(p.periods.size());
  for (int r = 1; r <= last_line_row; ++r) {
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, s.name().c_str(), 0, 1, 0, last_col);
    chart_series_set_values(series, s.name().c_str(), static_cast<lxw_row_t>(r), 1, static_cast<lxw_row_t>(r),
                            last_col);
    chart_series_set_name_range(series, s.name().c_str(), static_cast<lxw_row_t>(r), 0);
  }
  chart_title_set_name(chart, "High-needs spend by line (mean over replications)");
  chart_axis_set_name(chart->x_axis, "Financial year");
  chart_axis_set_num_format(chart->y_axis, kChartPounds);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options options{};
  options.x_scale = 2.0;
  options.y_scale = 1.6;
  worksheet_insert_chart_opt(s.ws(), static_cast<lxw_row_t>(row + 1), 0, chart, &options);
}

void dsg_sheet(const Sheet& s, const WorkbookInput& in, const Formats& f, lxw_workbook* wb) {
  const run::AggregatedTable* dsg = find_table(*in.tables, "dsg");
  const Pivot p = pivot(dsg, "financial_year", {"measure"});
  if (p.rows.empty()) return no_data(s, "dsg");
  auto values_of = [&](std::string_view measure) {
    for (const auto& r : p.rows) {
      if (r.first[0] == measure) return r.second;
    }
    return std::map<std::string, engine::Summary>{};
  };
  s.header(0, {"DSG high-needs block"}, p.periods);
  struct Line {
    const char* measure;
    const char* label;
    lxw_format* fmt;
  };
  const std::array<Line, 4> lines = {{{"allocation", "Allocation", f.pounds},
                                      {"dsg_spend", "DSG spend (all lines but transport)", f.pounds},
                                      {"in_year_balance", "In-year balance", f.pounds},
                                      {"cumulative_balance", "Cumulative balance (negative: deficit)", f.pounds}}};
  int row = 1;
  for (const auto& l : lines) s.period_row(row++, {l.label}, p.periods, values_of(l.measure), l.fmt, mean_of);
  // Spend as a share of the allocation: a ratio of the two means.
  const auto allocation = values_of("allocation");
  const auto spend = values_of("dsg_spend");
  s.text(row, 0, "DSG spend as a share of the allocation");
  for (std::size_t c = 0; c < p.periods.size(); ++c) {
    const auto a = allocation.find(p.periods[c]);
    const auto d = spend.find(p.periods[c]);
    if (a != allocation.end() && d != spend.end() && a->second.mean != 0.0) {
      s.number(row, static_cast<int>(c) + 1, d->second.mean / a->second.mean, f.percent);
    }
  }
  ++row;
  s.period_row(row++, {"Days covered by the run"}, p.periods, values_of("covered_days"), f.days, mean_of);
  row = interval_rows(s, row + 1, "Cumulative balance", p.periods, values_of("cumulative_balance"), f.pounds);
  s.layout(0, 1, static_cast<int>(p.periods.size()));

  lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_LINE);
  const auto last_col = static_cast<lxw_col_t>(p.periods.size());
  for (lxw_row_t r : {lxw_row_t{3}, lxw_row_t{4}}) {  // in-year and cumulative balance
    lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(series, s.name().c_str(), 0, 1, 0, last_col);
    chart_series_set_values(series, s.name().c_str(), r, 1, r, last_col);
    chart_series_set_name_range(series, s.name().c_str(), r, 0);
    chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
  }
  chart_title_set_name(chart, "DSG high-needs balance (mean over replications)");
  chart_axis_set_name(chart->x_axis, "Financial year");
  chart_axis_set_label_position(chart->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);  // below a deficit
  chart_axis_set_num_format(chart->y_axis, kChartPounds);
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options options{};
  options.x_scale = 2.0;
  options.y_scale = 1.6;
  worksheet_insert_chart_opt(s.ws(), static_cast<lxw_row_t>(row + 1), 0, chart, &options);
}

void cost_sheet(const Sheet& s, const WorkbookInput& in, const Formats& f) {
  const run::AggregatedTable* t = find_table(*in.tables, "cost_per_child_year");
  if (t == nullptr) return no_data(s, "cost_per_child_year");
  const int gc = column_of(*t, "group");
  const int nc = column_of(*t, "need");
  if (gc < 0 || nc < 0) return no_data(s, "cost_per_child_year");
  std::vector<const run::AggregatedRow*> rows;
  for (const auto& r : t->rows) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(), [&](const auto* a, const auto* b) {
    const auto& ga = a->key[static_cast<std::size_t>(gc)];
    const auto& gb = b->key[static_cast<std::size_t>(gc)];
    if (ga != gb) return code_less("group", ga, gb);
    return code_less("need", a->key[static_cast<std::size_t>(nc)], b->key[static_cast<std::size_t>(nc)]);
  });
  s.header(0, {"Group (setting type or state)", "Need", "Pounds per child-year (mean)", "95% interval, low",
               "95% interval, high", "Replications"},
           {});
  int row = 1;
  for (const auto* r : rows) {
    s.text(row, 0, pretty(r->key[static_cast<std::size_t>(gc)]));
    s.text(row, 1, r->key[static_cast<std::size_t>(nc)]);
    s.number(row, 2, r->summary.mean, f.pounds);
    s.number(row, 3, r->summary.ci_low, f.pounds);
    s.number(row, 4, r->summary.ci_high, f.pounds);
    s.number(row, 5, static_cast<double>(r->summary.n), f.count);
    ++row;
  }
  s.layout(0, 2, 4, 28);
  s.filter(0, row - 1, 5);
}

void ehc_sheet(const Sheet& s, const WorkbookInput& in, const Formats& f) {
  const bool any = std::any_of(in.output->results.begin(), in.output->results.end(),
                               [](const auto& r) { return r.find("ehc_snapshot") != nullptr; });
  if (!any) return no_data(s, "ehc_snapshot");
  const run::AggregatedTable by_placement =
      run::aggregate_total(in.output->results, "ehc_snapshot", {"year", "placement"});
  const Pivot p = pivot(&by_placement, "year", {"placement"});
  s.header(0, {"Placement (EHC plans at the January census)"}, p.periods);
  int row = 1;
  for (const auto& [key, values] : p.rows) s.period_row(row++, {pretty(key[0])}, p.periods, values, f.count, mean_of);
  const auto total = headline_values(find_headline(*in.headlines, "ehc_plans"));
  s.period_row(row++, {"Total"}, p.periods, total, f.total_count, mean_of, 1.0, f.total_label);
  interval_rows(s, row, "Total", p.periods, total, f.count);
  s.layout(0, 1, static_cast<int>(p.periods.size()));
}

void flows_sheet(const Sheet& s, const WorkbookInput& in, const Formats& f) {
  const Pivot p = pivot(find_table(*in.tables, "flows"), "year", {"measure"}, "flow");
  if (p.rows.empty()) return no_data(s, "flows");
  s.header(0, {"Events in the calendar year"}, p.periods);
  int row = 1;
  for (const auto& [key, values] : p.rows) s.period_row(row++, {pretty(key[0])}, p.periods, values, f.count, mean_of);
  ++row;
  const run::AggregatedTable* timeliness = find_table(*in.tables, "timeliness");
  const Pivot pct = pivot(timeliness, "year", {"measure"}, "", "measure", "pct_within_20_weeks");
  const Pivot weeks = pivot(timeliness, "year", {"measure"}, "", "measure", "mean_weeks_request_to_issue");
  if (!pct.rows.empty()) {
    s.period_row(row++, {"Plans issued within 20 weeks (share)"}, p.periods, pct.rows[0].second, f.percent, mean_of,
                 0.01);
  }
  if (!weeks.rows.empty()) {
    s.period_row(row++, {"Mean weeks from request to issue"}, p.periods, weeks.rows[0].second, f.weeks, mean_of);
  }
  const Pivot days = pivot(find_table(*in.tables, "coverage"), "year", {"measure"}, "", "measure", "days");
  if (!days.rows.empty()) {
    s.period_row(row++, {"Days of the year inside the run"}, p.periods, days.rows[0].second, f.days, mean_of);
  }
  s.layout(0, 1, static_cast<int>(p.periods.size()));
}

void scap_sheet(const Sheet& s, const WorkbookInput& in, const Formats& f) {
  const run::AggregatedTable* t = find_table(*in.dfe, "dfe_scap_forecast");
  const Pivot p = pivot(t, "year", {"measure", "provision_type", "ncy"});
  if (p.rows.empty()) return no_data(s, "dfe_scap_forecast");
  s.header(0, {"Measure", "Provision type", "NCY"}, p.periods);
  int row = 1;
  for (const auto& [key, values] : p.rows) {
    s.period_row(row++, key, p.periods, values, key[2] == "all" ? f.count : f.count1, mean_of);
  }
  s.layout(0, 3, static_cast<int>(p.periods.size()), kCodeWidth);
  s.filter(0, row - 1, 2 + static_cast<int>(p.periods.size()));
}

void dsg_grid_sheet(const Sheet& s, const WorkbookInput& in, const Formats& f) {
  const run::AggregatedTable* t = find_table(*in.dfe, "dfe_dsg_plan_grid");
  const Pivot p = pivot(t, "year", {"measure", "category", "age_band", "need"});
  if (p.rows.empty()) return no_data(s, "dfe_dsg_plan_grid");
  s.header(0, {"Measure", "Placement category", "Age group", "Primary need"}, p.periods);
  int row = 1;
  for (const auto& [key, values] : p.rows) {
    s.period_row(row++, key, p.periods, values, key[0] == "annual_cost" ? f.pounds : f.count1, mean_of);
  }
  s.layout(0, 4, static_cast<int>(p.periods.size()), kCodeWidth);
  worksheet_set_column(s.ws(), 1, 1, 24, nullptr);
  s.filter(0, row - 1, 3 + static_cast<int>(p.periods.size()));
}

/// Owns the workbook until it is closed (written) or dropped on an error.
class Workbook {
 public:
  explicit Workbook(const fs::path& path) : path_(path.string()) {
    lxw_workbook_options options{};
    wb_ = workbook_new_opt(path_.c_str(), &options);
    if (wb_ == nullptr) throw std::runtime_error("cannot create the workbook " + path_);
  }
  ~Workbook() {
    if (wb_ != nullptr) lxw_workbook_free(wb_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  [[nodiscard]] lxw_workbook* get() const { return wb_; }
  void close() {
    const lxw_error error = workbook_close(wb_);
    wb_ = nullptr;
    if (error != LXW_NO_ERROR) {
      throw std::runtime_error("cannot write the workbook " + path_ + ": " + lxw_strerror(error));
    }
  }

 private:
  std::string path_;
  lxw_workbook* wb_ = nullptr;
};

}  // namespace

const std::vector<std::string>& workbook_sheets() {
  static const std::vector<std::string> sheets = {"About",     "Spend", "DSG balance",   "Cost per child-year",
                                                  "EHC plans", "Flows", "SCAP forecast", "DSG plan grid"};
  return sheets;
}

void write_workbook(const fs::path& path, const WorkbookInput& input) {
  if (input.scenario == nullptr || input.output == nullptr || input.tables == nullptr || input.dfe == nullptr ||
      input.headlines == nullptr) {
    throw std::logic_error("write_workbook: an input is missing");
  }
  Workbook book(path);
  lxw_workbook* wb = book.get();
  // A fixed creation time, so the same run gives the same bytes.
  lxw_doc_properties properties{};
  std::string title = "sendsim results: " + input.scenario->name;
  std::string author = "sendsim " + input.version;
  properties.title = title.data();
  properties.author = author.data();
  properties.created = 315532800;  // 1980-01-01T00:00:00Z: no real date
  workbook_set_properties(wb, &properties);
  const Formats f = make_formats(wb);
  const auto& names = workbook_sheets();
  std::vector<Sheet> sheets;
  sheets.reserve(names.size());
  for (const auto& n : names) sheets.emplace_back(wb, n, f);
  about_sheet(sheets[0], input, f);
  spend_sheet(sheets[1], input, f, wb);
  dsg_sheet(sheets[2], input, f, wb);
  cost_sheet(sheets[3], input, f);
  ehc_sheet(sheets[4], input, f);
  flows_sheet(sheets[5], input, f);
  scap_sheet(sheets[6], input, f);
  dsg_grid_sheet(sheets[7], input, f);
  book.close();
}

}  // namespace sendsim::output
