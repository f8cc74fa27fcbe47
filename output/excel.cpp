// output/excel.cpp: workbook.xlsx with libxlsxwriter (see excel.hpp): the
// sheets, About to DSG plan grid, and the workbook that holds them. Formats,
// pivots and cell writing are in excel_detail.hpp.
#include "output/excel.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string_view>

#include "engine/calendar.hpp"
#include "engine/period.hpp"
#include "output/excel_detail.hpp"
#include "output/excel_returns.hpp"
#include "output/sufficiency.hpp"
#include "send/tables.hpp"

namespace sendsim::output {

namespace {

namespace fs = std::filesystem;

using excel_detail::code_less;
using excel_detail::column_of;
using excel_detail::find_headline;
using excel_detail::find_table;
using excel_detail::Formats;
using excel_detail::headline_values;
using excel_detail::interval_rows;
using excel_detail::label_of;
using excel_detail::make_formats;
using excel_detail::mean_of;
using excel_detail::no_data;
using excel_detail::period_labels;
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
  item("First simulated day", engine::to_iso(sc.model.start_date));
  item("Last simulated day", engine::to_iso(sc.run.end_date));
  item("Replications", std::to_string(in.output->replications));
  item("Master seed", std::to_string(in.output->seed));
  item("Program", "sendsim " + in.version);
  row++;
  const std::array<const char*, 10> notes = {
      "Every figure is the mean over the replications (the same model run again with other random numbers); "
      "rows marked '95% interval' give the 95% confidence interval of that mean.",
      "Census figures are at the January census of the year; flows are counted in the calendar year; "
      "financial years run from April to March.",
      "The first and last years are partial: see 'Days covered' on the DSG balance sheet and on the Flows "
      "sheet.",
      "Spend is in pounds at the prices of each year (inflation applied); transport is outside the DSG.",
      "The children are synthetic and the default county is Essex-like, not Essex: calibrate a model to your "
      "own "
      "SEN2 return and budget before quoting figures.",
      "The full tables, with every statistic, are the CSV files beside this workbook (tidy.csv holds them "
      "all in "
      "one long table); the folder's README (output/README.md in the source) documents every column.",
      "SCAP forecast and DSG plan sheets: model figures laid out as those DfE returns are filled in (the "
      "mapping "
      "of placements to the returns' categories is in the README); they are not the returns themselves.",
      "Years marked '(part year)' are covered by the run only in part: they are kept in the tables, marked, "
      "and "
      "left out of the spend chart; the balance chart shows the balance at each 31 March inside the run. "
      "Both as "
      "in report.html.",
      "Summary sheets show pounds million (£m, one decimal); 'Spend detail' has the same figures in whole "
      "pounds.",
      "Each range of figures is an Excel table: use its filter buttons, or refer to it by name in formulas."};
  for (const char* n : notes) s.text(row++, 0, n, f.note);
  worksheet_set_column(s.ws(), 0, 0, 24, nullptr);
  worksheet_set_column(s.ws(), 1, 1, 80, nullptr);
  s.print_setup(-1, -1);
}

/// A chart's series of row `r` over the whole-period columns [first, last].
void add_series(lxw_chart* chart, const Sheet& s, lxw_row_t r, lxw_col_t first, lxw_col_t last, bool marker) {
  lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
  chart_series_set_categories(series, s.name().c_str(), 0, first, 0, last);
  chart_series_set_values(series, s.name().c_str(), r, first, r, last);
  chart_series_set_name_range(series, s.name().c_str(), r, 0);
  if (marker) chart_series_set_marker_type(series, LXW_CHART_MARKER_CIRCLE);
}

/// The first and last column (from `first_col`) of the periods not in
/// `partial`; false when every period is partial.
bool whole_columns(const std::vector<std::string>& periods, const std::vector<std::string>& partial,
                   int first_col, lxw_col_t& first, lxw_col_t& last) {
  int a = -1;
  int b = -1;
  for (std::size_t i = 0; i < periods.size(); ++i) {
    if (std::find(partial.begin(), partial.end(), periods[i]) != partial.end()) continue;
    if (a < 0) a = static_cast<int>(i);
    b = static_cast<int>(i);
  }
  if (a < 0) return false;
  first = static_cast<lxw_col_t>(first_col + a);
  last = static_cast<lxw_col_t>(first_col + b);
  return true;
}

void insert_chart(const Sheet& s, lxw_chart* chart, int row) {
  chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
  lxw_chart_options options{};
  options.x_scale = 2.0;
  options.y_scale = 1.6;
  worksheet_insert_chart_opt(s.ws(), static_cast<lxw_row_t>(row), 0, chart, &options);
}

void spend_sheet(const Sheet& s, const WorkbookInput& in, const Formats& f, lxw_workbook* wb, bool millions,
                 const std::vector<std::string>& partial) {
  const Pivot p = pivot(find_table(*in.tables, send::tables::kSpend), "financial_year", {"line"});
  if (p.rows.empty()) return no_data(s, send::tables::kSpend);
  const double scale = millions ? 1e-6 : 1.0;
  lxw_format* fmt = millions ? f.millions : f.pounds;
  std::vector<std::string> headers = {millions ? "Spend line (£m)" : "Spend line (pounds)"};
  for (const auto& l : period_labels(p.periods, partial)) headers.push_back(l);
  int row = 1;
  for (const auto& [key, values] : p.rows) {
    s.period_row(row++, {label_of("line", key[0])}, p.periods, values, fmt, mean_of, scale);
  }
  const int last_line_row = row - 1;
  s.table(0, last_line_row, 0, headers);
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
      if (it != r.second.end()) cached += it->second.mean * scale;
    }
    worksheet_write_formula_num(s.ws(), static_cast<lxw_row_t>(row), col, formula.c_str(),
                                millions ? f.total_millions : f.total_pounds, cached);
  }
  ++row;
  s.period_row(
      row++, {"Total: 95% interval, low"}, p.periods, total, fmt,
      [](const engine::Summary& x) { return x.ci_low; }, scale);
  s.period_row(
      row++, {"Total: 95% interval, high"}, p.periods, total, fmt,
      [](const engine::Summary& x) { return x.ci_high; }, scale);
  s.layout(0, 1, static_cast<int>(p.periods.size()));
  s.print_setup(0, 0);
  if (!millions) return;  // the detail sheet has no chart

  lxw_col_t first = 0;
  lxw_col_t last = 0;
  if (!whole_columns(p.periods, partial, 1, first, last)) return;
  lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_COLUMN_STACKED);
  for (int r = 1; r <= last_line_row; ++r)
    add_series(chart, s, static_cast<lxw_row_t>(r), first, last, false);
  chart_title_set_name(chart, "High-needs spend by line, whole financial years (£m, mean over replications)");
  chart_axis_set_name(chart->x_axis, "Financial year");
  chart_axis_set_num_format(chart->y_axis, "£#,##0\"m\"");
  insert_chart(s, chart, row + 1);
}

void dsg_sheet(const Sheet& s, const WorkbookInput& in, const Formats& f, lxw_workbook* wb,
               const std::vector<std::string>& partial) {
  const run::AggregatedTable* dsg = find_table(*in.tables, send::tables::kDsg);
  const Pivot p = pivot(dsg, "financial_year", {"measure"});
  if (p.rows.empty()) return no_data(s, send::tables::kDsg);
  auto values_of = [&](std::string_view measure) {
    for (const auto& r : p.rows) {
      if (r.first[0] == measure) return r.second;
    }
    return std::map<std::string, engine::Summary>{};
  };
  std::vector<std::string> headers = {"DSG high-needs block (£m)"};
  for (const auto& l : period_labels(p.periods, partial)) headers.push_back(l);
  struct Line {
    const char* measure;
    const char* label;
  };
  const std::array<Line, 4> lines = {
      {{"allocation", "Allocation"},
       {"dsg_spend", "DSG spend (all lines but transport)"},
       {"in_year_balance", "In-year balance"},
       {"cumulative_balance", "Cumulative balance at 31 March (negative: deficit)"}}};
  int row = 1;
  for (const auto& l : lines)
    s.period_row(row++, {l.label}, p.periods, values_of(l.measure), f.millions, mean_of, 1e-6);
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
  const auto cumulative = values_of("cumulative_balance");
  s.period_row(
      row++, {"Cumulative balance: 95% interval, low"}, p.periods, cumulative, f.millions,
      [](const engine::Summary& x) { return x.ci_low; }, 1e-6);
  s.period_row(
      row++, {"Cumulative balance: 95% interval, high"}, p.periods, cumulative, f.millions,
      [](const engine::Summary& x) { return x.ci_high; }, 1e-6);
  s.table(0, row - 1, 0, headers);
  s.layout(0, 1, static_cast<int>(p.periods.size()));
  s.print_setup(0, 0);

  // As in report.html: the balance at each 31 March inside the run (a first
  // part year ends on one; a last part year does not).
  std::vector<std::string> no_year_end;
  for (const auto& fy : p.periods) {
    const int first_year = engine::Period::leading_year(fy).value_or(0);
    if (engine::Date{first_year + 1, 3, 31} > in.scenario->run.end_date) no_year_end.push_back(fy);
  }
  lxw_col_t first = 0;
  lxw_col_t last = 0;
  if (!whole_columns(p.periods, no_year_end, 1, first, last)) return;
  lxw_chart* chart = workbook_add_chart(wb, LXW_CHART_LINE);
  for (lxw_row_t r : {lxw_row_t{3}, lxw_row_t{4}})
    add_series(chart, s, r, first, last, true);  // in-year, cumulative
  chart_title_set_name(chart, "DSG high-needs balance at each 31 March (£m, mean over replications)");
  chart_axis_set_name(chart->x_axis, "Financial year");
  chart_axis_set_label_position(chart->x_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);  // below a deficit
  chart_axis_set_num_format(chart->y_axis, "£#,##0\"m\"");
  insert_chart(s, chart, row + 1);
}

void cost_sheet(const Sheet& s, const WorkbookInput& in, const Formats& f) {
  const run::AggregatedTable* t = find_table(*in.tables, send::tables::kCostPerChildYear);
  if (t == nullptr) return no_data(s, send::tables::kCostPerChildYear);
  const int gc = column_of(*t, "group");
  const int nc = column_of(*t, "need");
  if (gc < 0 || nc < 0) return no_data(s, send::tables::kCostPerChildYear);
  std::vector<const run::AggregatedRow*> rows;
  for (const auto& r : t->rows) rows.push_back(&r);
  std::stable_sort(rows.begin(), rows.end(), [&](const auto* a, const auto* b) {
    const auto& ga = a->key[static_cast<std::size_t>(gc)];
    const auto& gb = b->key[static_cast<std::size_t>(gc)];
    if (ga != gb) return code_less("group", ga, gb);
    return code_less("need", a->key[static_cast<std::size_t>(nc)], b->key[static_cast<std::size_t>(nc)]);
  });
  const std::vector<std::string> headers = {"Group (setting type or state)",
                                            "Primary need",
                                            "Pounds per child-year (mean)",
                                            "95% interval, low",
                                            "95% interval, high",
                                            "Replications"};
  int row = 1;
  for (const auto* r : rows) {
    s.text(row, 0, label_of("group", r->key[static_cast<std::size_t>(gc)]));
    s.text(row, 1, label_of("need", r->key[static_cast<std::size_t>(nc)]));
    s.number(row, 2, r->summary.mean, f.pounds);
    s.number(row, 3, r->summary.ci_low, f.pounds);
    s.number(row, 4, r->summary.ci_high, f.pounds);
    s.number(row, 5, static_cast<double>(r->summary.n), f.count);
    ++row;
  }
  s.table(0, row - 1, 0, headers);
  s.layout(0, 2, 4, 40);
  worksheet_set_column(s.ws(), 1, 1, 40, nullptr);
  s.print_setup(0, 0);
}

void ehc_sheet(const Sheet& s, const WorkbookInput& in, const Formats& f) {
  const bool any = in.folded != nullptr
                       ? in.folded->placements.any()
                       : std::any_of(in.output->results.begin(), in.output->results.end(), [](const auto& r) {
                           return r.find(send::tables::kEhcSnapshot) != nullptr;
                         });
  if (!any) return no_data(s, send::tables::kEhcSnapshot);
  const run::AggregatedTable by_placement =
      in.folded != nullptr ? in.folded->placements.finish()
                           : run::aggregate_total(in.output->results, std::string(send::tables::kEhcSnapshot),
                                                  {"year", "placement"});
  const Pivot p = pivot(&by_placement, "year", {"placement"});
  std::vector<std::string> headers = {"Placement (EHC plans at the January census)"};
  for (const auto& y : p.periods) headers.push_back(y);
  int row = 1;
  for (const auto& [key, values] : p.rows) {
    s.period_row(row++, {label_of("placement", key[0])}, p.periods, values, f.count, mean_of);
  }
  s.table(0, row - 1, 0, headers);
  const auto total = headline_values(find_headline(*in.headlines, "ehc_plans"));
  s.period_row(row++, {"Total"}, p.periods, total, f.total_count, mean_of, 1.0, f.total_label);
  interval_rows(s, row, "Total", p.periods, total, f.count);
  s.layout(0, 1, static_cast<int>(p.periods.size()), 44);
  s.print_setup(0, 0);
}

void flows_sheet(const Sheet& s, const WorkbookInput& in, const Formats& f) {
  const Pivot p = pivot(find_table(*in.tables, send::tables::kFlows), "year", {"measure"}, "flow");
  if (p.rows.empty()) return no_data(s, send::tables::kFlows);
  const Pivot days =
      pivot(find_table(*in.tables, send::tables::kCoverage), "year", {"measure"}, "", "measure", "days");
  std::vector<std::string> partial;  // calendar years the run covers only in part
  if (!days.rows.empty()) {
    for (const auto& [y, summary] : days.rows[0].second) {
      if (summary.mean < 365) partial.push_back(y);
    }
  }
  std::vector<std::string> headers = {"Events in the calendar year"};
  for (const auto& l : period_labels(p.periods, partial)) headers.push_back(l);
  int row = 1;
  for (const auto& [key, values] : p.rows)
    s.period_row(row++, {pretty(key[0])}, p.periods, values, f.count, mean_of);
  s.table(0, row - 1, 0, headers);
  ++row;
  const run::AggregatedTable* timeliness = find_table(*in.tables, send::tables::kTimeliness);
  const Pivot pct = pivot(timeliness, "year", {"measure"}, "", "measure", "pct_within_20_weeks");
  const Pivot weeks = pivot(timeliness, "year", {"measure"}, "", "measure", "mean_weeks_request_to_issue");
  if (!pct.rows.empty()) {
    s.period_row(row++, {"Plans issued within 20 weeks (share)"}, p.periods, pct.rows[0].second, f.percent,
                 mean_of, 0.01);
  }
  if (!weeks.rows.empty()) {
    s.period_row(row++, {"Mean weeks from request to issue"}, p.periods, weeks.rows[0].second, f.weeks,
                 mean_of);
  }
  if (!days.rows.empty()) {
    s.period_row(row++, {"Days of the year inside the run"}, p.periods, days.rows[0].second, f.days, mean_of);
  }
  s.layout(0, 1, static_cast<int>(p.periods.size()));
  s.print_setup(0, 0);
}

void sufficiency_sheet(const Sheet& s, const std::vector<SufficiencyRow>& rows, const Formats& f) {
  if (rows.empty()) return no_data(s, send::tables::kSufficiencySnapshot);
  const std::vector<std::string> headers = {"District (home)",
                                            "Primary need",
                                            "Provision",
                                            "January census",
                                            "Places",
                                            "Placed locally",
                                            "Waiting",
                                            "Placed elsewhere for want of a place",
                                            "Needing a place",
                                            "Gap (mean)",
                                            "Gap: 95% interval, low",
                                            "Gap: 95% interval, high",
                                            "Gap: 5th percentile",
                                            "Gap: 95th percentile",
                                            "Share of replications short",
                                            "Gap opens",
                                            "Opens at census",
                                            "First short (census)"};
  int row = 1;
  for (const SufficiencyRow& r : rows) {
    s.text(row, 0, r.district == kSufficiencyTotal ? std::string("All districts") : r.district);
    s.text(row, 1, label_of("need", r.need));
    s.text(row, 2, label_of("provision", r.provision));
    s.number(row, 3, r.year, f.whole);
    int c = 4;
    for (const double v : {r.places, r.placed, r.waiting, r.placed_elsewhere, r.needing, r.gap.mean,
                           r.gap.ci_low, r.gap.ci_high, r.gap.p5, r.gap.p95}) {
      s.number(row, c++, v, f.count1);
    }
    s.number(row, c++, r.p_gap_positive, f.percent);
    const char* opens = r.opening.kind == GapOpening::Kind::kFromStart ? "From the first census"
                        : r.opening.kind == GapOpening::Kind::kOpens   ? "Opens"
                                                                       : "Never (not open at the end)";
    s.text(row, c++, opens);
    if (r.opening.year) s.number(row, c, *r.opening.year, f.whole);
    ++c;
    if (r.opening.first_seen) s.number(row, c, *r.opening.first_seen, f.whole);
    ++row;
  }
  s.table(0, row - 1, 0, headers);
  s.layout(0, 3, static_cast<int>(headers.size()) - 3, 30);
  worksheet_set_column(s.ws(), 1, 1, 34, nullptr);
  worksheet_set_column(s.ws(), 2, 2, 30, nullptr);
  worksheet_set_column(s.ws(), 15, 15, 24, nullptr);
  s.print_setup(0, 0);
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
  static const std::vector<std::string> sheets = [] {
    std::vector<std::string> v = {
        "About",           "Spend", "Spend detail",        "DSG balance", "Cost per child-year",
        "EHC plans",       "Flows", "Places against need", "Sufficiency", "SCAP forecast",
        "DSG plan summary"};
    for (const auto c : dsg_categories()) v.push_back("DSG " + std::string(c));
    v.emplace_back("DSG plan lookup");
    return v;
  }();
  return sheets;
}

void write_workbook(const fs::path& path, const WorkbookInput& input) {
  if (input.scenario == nullptr || input.output == nullptr || input.tables == nullptr ||
      input.scap == nullptr || input.grid == nullptr || input.headlines == nullptr ||
      input.sufficiency == nullptr) {
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
  const std::vector<std::string> partial =
      input.folded != nullptr
          ? std::vector<std::string>(input.folded->partial.begin(), input.folded->partial.end())
          : partial_financial_years(input.output->results);
  std::size_t i = 0;
  about_sheet(sheets[i++], input, f);
  spend_sheet(sheets[i++], input, f, wb, true, partial);
  spend_sheet(sheets[i++], input, f, wb, false, partial);
  dsg_sheet(sheets[i++], input, f, wb, partial);
  cost_sheet(sheets[i++], input, f);
  ehc_sheet(sheets[i++], input, f);
  flows_sheet(sheets[i++], input, f);
  excel_returns::places_sheet(sheets[i++], input, f);
  sufficiency_sheet(sheets[i++], *input.sufficiency, f);
  excel_returns::scap_sheet(sheets[i++], *input.scap, f);
  excel_returns::dsg_summary_sheet(sheets[i++], *input.grid, f);
  for (const auto c : dsg_categories()) excel_returns::dsg_category_sheet(sheets[i++], *input.grid, c, f);
  excel_returns::dsg_lookup_sheet(sheets[i++], *input.grid, f);
  book.close();
}

void write_dsg_plan_workbook(const fs::path& path, const DsgPlanGrid& grid, const std::string& base,
                             const std::string& mitigated, const std::string& version) {
  Workbook book(path);
  lxw_workbook* wb = book.get();
  lxw_doc_properties properties{};
  std::string title = "sendsim DSG management plan: " + base + " against " + mitigated;
  std::string author = "sendsim " + version;
  properties.title = title.data();
  properties.author = author.data();
  properties.created = 315532800;  // 1980-01-01T00:00:00Z: no real date, the same bytes every run
  workbook_set_properties(wb, &properties);
  const Formats f = make_formats(wb);
  std::vector<std::string> names = {"About", "DSG plan summary"};
  for (const auto c : dsg_categories()) names.push_back("DSG " + std::string(c));
  names.emplace_back("DSG plan lookup");
  std::vector<Sheet> sheets;
  sheets.reserve(names.size());
  for (const auto& n : names) sheets.emplace_back(wb, n, f);
  const Sheet& about = sheets[0];
  about.text(0, 0, "sendsim DSG management plan of a comparison", f.title);
  about.text(2, 0, "Unmitigated (base scenario)", f.header);
  about.text(2, 1, base);
  about.text(3, 0, "Mitigated (compared scenario)", f.header);
  about.text(3, 1, mitigated);
  about.text(4, 0, "Program", f.header);
  about.text(4, 1, "sendsim " + version);
  about.text(
      6, 0,
      "The financial summary has the base's figures as unmitigated and the compared scenario's as mitigated "
      "columns (£m); the category sheets are the base's EHC plans. Both scenarios ran with the same seed and "
      "random numbers; each scenario's own folder has its full workbook. Years marked '(part year)' are "
      "covered "
      "by the run only in part. The same figures are in dfe_dsg_plan_grid.csv of this folder.",
      f.note);
  worksheet_set_column(about.ws(), 0, 0, 30, nullptr);
  worksheet_set_column(about.ws(), 1, 1, 80, nullptr);
  about.print_setup(-1, -1);
  std::size_t i = 1;
  excel_returns::dsg_summary_sheet(sheets[i++], grid, f);
  for (const auto c : dsg_categories()) excel_returns::dsg_category_sheet(sheets[i++], grid, c, f);
  excel_returns::dsg_lookup_sheet(sheets[i++], grid, f);
  book.close();
}

}  // namespace sendsim::output
