// output/excel_detail.cpp: the building blocks of workbook.xlsx (see
// excel_detail.hpp): formats, the order of codes, period pivots and writing
// cells.
#include "output/excel_detail.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "output/dfe_tables.hpp"
#include "send/codes.hpp"
#include "send/finance.hpp"

namespace sendsim::output::excel_detail {

namespace {

constexpr std::size_t kMaxString = 32767;  // Excel's limit for one cell

constexpr const char* kPoundsFormat = "£#,##0;[Red]-£#,##0";
constexpr const char* kCountFormat = "#,##0";
constexpr const char* kMillionsFormat = "£#,##0.0\"m\";[Red]-£#,##0.0\"m\"";

const std::vector<std::string_view>& order_of(std::string_view column) {
  static const std::map<std::string_view, std::vector<std::string_view>> orders = [] {
    std::map<std::string_view, std::vector<std::string_view>> m;
    m["placement"].assign(send::kPlacementCodes.begin(), send::kPlacementCodes.end());
    m["provision_type"] = {"resourced_provision", "special", "out_of_county", "independent",
                           "awaiting_place"};
    m["category"] = {"early_years",
                     "mainstream",
                     "post_16",
                     "resourced_provision",
                     "special",
                     "special_out_of_county",
                     "independent_special",
                     "interim_awaiting_place",
                     "other"};
    m["ncy"] = {"early_years", "R", "1",  "2",  "3",  "4",  "5",   "6",  "7",
                "8",           "9", "10", "11", "12", "13", "14+", "all"};
    m["group"] = {"mainstream",        "enhanced",           "special",    "inmss",
                  "further_education", "awaiting_placement", "sen_support"};
    m["measure"] = {"children", "places", "annual_cost"};
    m["age_band"].assign(send::kAgeBandCodes.begin(), send::kAgeBandCodes.end());
    m["need"].assign(send::kNeedCodes.begin(), send::kNeedCodes.end());
    m["line"].assign(send::kLineCodes.begin(), send::kLineCodes.end());
    m["flow"].assign(send::kFlowCodes.begin(), send::kFlowCodes.end());
    return m;
  }();
  static const std::vector<std::string_view> none;
  const auto it = orders.find(column);
  return it == orders.end() ? none : it->second;
}

std::string cell_text(std::string_view text) {
  return std::string(text.substr(0, std::min(text.size(), kMaxString)));
}

double ci_low_of(const engine::Summary& s) { return s.ci_low; }
double ci_high_of(const engine::Summary& s) { return s.ci_high; }

}  // namespace

// ---- formats ----------------------------------------------------------

Formats make_formats(lxw_workbook* wb) {
  Formats f;
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_font_size(f.title, 14);
  f.header = workbook_add_format(wb);
  format_set_bold(f.header);
  format_set_bottom(f.header, LXW_BORDER_THIN);
  format_set_bg_color(f.header, 0xDDEBF7);
  format_set_text_wrap(f.header);
  format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);
  f.label = workbook_add_format(wb);
  f.note = workbook_add_format(wb);
  format_set_italic(f.note);
  f.note_wrap = workbook_add_format(wb);
  format_set_italic(f.note_wrap);
  format_set_text_wrap(f.note_wrap);
  format_set_align(f.note_wrap, LXW_ALIGN_VERTICAL_TOP);
  f.total_label = workbook_add_format(wb);
  format_set_bold(f.total_label);
  format_set_top(f.total_label, LXW_BORDER_THIN);
  auto number = [&](const char* num_format, bool total) {
    lxw_format* fmt = workbook_add_format(wb);
    format_set_num_format(fmt, num_format);
    if (total) {
      format_set_bold(fmt);
      format_set_top(fmt, LXW_BORDER_THIN);
    }
    return fmt;
  };
  f.pounds = number(kPoundsFormat, false);
  f.total_pounds = number(kPoundsFormat, true);
  f.count = number(kCountFormat, false);
  f.total_count = number(kCountFormat, true);
  f.count1 = number("#,##0.0", false);
  f.millions = number(kMillionsFormat, false);
  f.total_millions = number(kMillionsFormat, true);
  f.whole = number("0", false);
  f.percent = number("0.0%", false);
  f.days = number("0", false);
  f.weeks = number("0.0", false);
  return f;
}

// ---- ordering of codes in rows ----------------------------------------

bool code_less(std::string_view column, const std::string& a, const std::string& b) {
  const auto& order = order_of(column);
  const auto ia = std::find(order.begin(), order.end(), a);
  const auto ib = std::find(order.begin(), order.end(), b);
  if (ia != ib) return ia < ib;  // known codes first, in their order
  return a < b;
}

// ---- tables as period pivots ------------------------------------------

const run::AggregatedTable* find_table(const std::vector<run::AggregatedTable>& tables,
                                       std::string_view name) {
  for (const auto& t : tables) {
    if (t.info.name == name) return &t;
  }
  return nullptr;
}

int column_of(const run::AggregatedTable& t, std::string_view name) {
  const auto& c = t.info.columns;
  const auto it = std::find(c.begin(), c.end(), name);
  return it == c.end() ? -1 : static_cast<int>(it - c.begin());
}

Pivot pivot(const run::AggregatedTable* t, std::string_view period, std::vector<std::string> row_columns,
            std::string_view order_as, std::string_view filter_column, std::string_view filter_value) {
  Pivot p;
  p.row_columns = std::move(row_columns);
  if (t == nullptr) return p;
  const int pc = column_of(*t, period);
  const int fc = filter_column.empty() ? -1 : column_of(*t, filter_column);
  std::vector<int> rc;
  for (const auto& c : p.row_columns) rc.push_back(column_of(*t, c));
  if (pc < 0 || std::find(rc.begin(), rc.end(), -1) != rc.end()) return p;
  std::map<std::vector<std::string>, std::size_t> index;
  for (const auto& row : t->rows) {
    if (fc >= 0 && row.key[static_cast<std::size_t>(fc)] != filter_value) continue;
    std::vector<std::string> key;
    for (int c : rc) key.push_back(row.key[static_cast<std::size_t>(c)]);
    auto [it, fresh] = index.emplace(key, p.rows.size());
    if (fresh) p.rows.emplace_back(key, std::map<std::string, engine::Summary>{});
    const std::string& y = row.key[static_cast<std::size_t>(pc)];
    p.rows[it->second].second[y] = row.summary;
    if (std::find(p.periods.begin(), p.periods.end(), y) == p.periods.end()) p.periods.push_back(y);
  }
  std::sort(p.periods.begin(), p.periods.end());
  std::stable_sort(p.rows.begin(), p.rows.end(), [&](const auto& a, const auto& b) {
    for (std::size_t i = 0; i < a.first.size(); ++i) {
      const std::string_view col =
          (i == 0 && !order_as.empty()) ? order_as : std::string_view(p.row_columns[i]);
      if (a.first[i] != b.first[i]) return code_less(col, a.first[i], b.first[i]);
    }
    return false;
  });
  return p;
}

// ---- writing cells ----------------------------------------------------

/// A code as a row label: "plans_issued" -> "Plans issued",
/// "identified_sen_support" -> "Identified SEN support".
std::string pretty(std::string_view code) {
  static const std::map<std::string_view, std::string_view> kLabels = {
      {"inmss", "INMSS (independent and non-maintained special)"},
      {"top_up_maintained", "Top-ups: maintained schools, academies and colleges"},
      {"top_up_independent", "Top-ups and fees: independent and non-maintained special"},
      {"alternative_provision", "Alternative and interim provision"},
      {"transport", "Transport (outside the DSG)"}};
  if (const auto it = kLabels.find(code); it != kLabels.end()) return std::string(it->second);
  std::string out;
  std::size_t start = 0;
  while (start <= code.size()) {
    const std::size_t end = std::min(code.find('_', start), code.size());
    const std::string_view word = code.substr(start, end - start);
    if (!out.empty()) out += ' ';
    if (word == "sen" || word == "ehc" || word == "inmss" || word == "dsg" || word == "ncy") {
      for (char c : word) out += static_cast<char>(c - 'a' + 'A');
    } else {
      out += word;
    }
    start = end + 1;
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// ---- Sheet ------------------------------------------------------------

Sheet::Sheet(lxw_workbook* wb, const std::string& name, const Formats& f)
    : ws_(workbook_add_worksheet(wb, name.c_str())), name_(name), f_(f) {
  if (ws_ == nullptr) throw std::runtime_error("cannot add the worksheet " + name);
}

void Sheet::text(int row, int col, std::string_view s, lxw_format* fmt) const {
  worksheet_write_string(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), cell_text(s).c_str(),
                         fmt);
}

void Sheet::number(int row, int col, double v, lxw_format* fmt) const {
  if (!std::isfinite(v)) return;  // no value: an empty cell
  worksheet_write_number(ws_, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), v, fmt);
}

void Sheet::header(int row, const std::vector<std::string>& labels,
                   const std::vector<std::string>& periods) const {
  int col = 0;
  for (const auto& l : labels) text(row, col++, l, f_.header);
  for (const auto& p : periods) text(row, col++, p, f_.header);
  worksheet_set_row(ws_, static_cast<lxw_row_t>(row), 32, nullptr);  // room for two lines
}

void Sheet::layout(int header_row, int label_columns, int number_columns, double label_width) const {
  for (int c = 0; c < label_columns; ++c) {
    const double w = (c == 0) ? label_width : kCodeWidth;
    worksheet_set_column(ws_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), w, nullptr);
  }
  if (number_columns > 0) {
    worksheet_set_column(ws_, static_cast<lxw_col_t>(label_columns),
                         static_cast<lxw_col_t>(label_columns + number_columns - 1), kNumberWidth, nullptr);
  }
  worksheet_freeze_panes(ws_, static_cast<lxw_row_t>(header_row + 1), static_cast<lxw_col_t>(label_columns));
}

void Sheet::filter(int header_row, int last_row, int last_col) const {
  if (last_row > header_row) {
    worksheet_autofilter(ws_, static_cast<lxw_row_t>(header_row), 0, static_cast<lxw_row_t>(last_row),
                         static_cast<lxw_col_t>(last_col));
  }
}

void Sheet::table(int header_row, int last_row, int first_col,
                  const std::vector<std::string>& headers) const {
  if (last_row <= header_row || headers.empty()) return;
  std::vector<std::string> names = headers;  // kept alive until the table is added
  std::vector<lxw_table_column> columns(names.size());
  std::vector<lxw_table_column*> pointers;
  for (std::size_t i = 0; i < names.size(); ++i) {
    columns[i].header = names[i].data();
    columns[i].header_format = f_.header;
    pointers.push_back(&columns[i]);
  }
  pointers.push_back(nullptr);
  lxw_table_options options{};
  options.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
  options.style_type_number = 1;
  options.columns = pointers.data();
  const lxw_error error =
      worksheet_add_table(ws_, static_cast<lxw_row_t>(header_row), static_cast<lxw_col_t>(first_col),
                          static_cast<lxw_row_t>(last_row),
                          static_cast<lxw_col_t>(first_col + static_cast<int>(names.size()) - 1), &options);
  if (error != LXW_NO_ERROR) {
    throw std::runtime_error("cannot add a table to the worksheet " + name_ + ": " + lxw_strerror(error));
  }
  worksheet_set_row(ws_, static_cast<lxw_row_t>(header_row), 32, nullptr);  // room for two lines of header
}

void Sheet::note(int row, int last_col, std::string_view text, int lines) const {
  worksheet_merge_range(ws_, static_cast<lxw_row_t>(row), 0, static_cast<lxw_row_t>(row),
                        static_cast<lxw_col_t>(last_col), cell_text(text).c_str(), f_.note_wrap);
  worksheet_set_row(ws_, static_cast<lxw_row_t>(row), 15.0 * lines, nullptr);
}

void Sheet::print_setup(int repeat_first, int repeat_last) const {
  worksheet_set_landscape(ws_);
  worksheet_set_paper(ws_, 9);  // A4
  worksheet_fit_to_pages(ws_, 1, 0);
  if (repeat_first >= 0) {
    worksheet_repeat_rows(ws_, static_cast<lxw_row_t>(repeat_first), static_cast<lxw_row_t>(repeat_last));
  }
  worksheet_set_footer(ws_, "&L&A&RPage &P of &N");
}

std::vector<std::string> period_labels(const std::vector<std::string>& periods,
                                       const std::vector<std::string>& partial) {
  std::vector<std::string> out;
  for (const auto& p : periods) {
    const bool part = std::find(partial.begin(), partial.end(), p) != partial.end();
    out.push_back(part ? p + " (part year)" : p);
  }
  return out;
}

std::string label_of(std::string_view column, std::string_view code) {
  static const std::map<std::string_view, std::string_view> kPlacement = {
      {"early_years", "Early years settings (under 4)"},
      {"mainstream", "Mainstream schools"},
      {"further_education", "Further education (16 and over)"},
      {"enhanced", "Enhanced (resourced) provision and SEN units"},
      {"special", "Special schools in the area"},
      {"special_out_of_county", "Special schools out of county"},
      {"inmss", "Independent and non-maintained special schools"},
      {"awaiting_placement", "Awaiting a place (interim provision)"},
      {"no_placement", "No placement"},
      {"other", "Other arrangements"},
      {"sen_support", "SEN support"}};
  if (column == "need") return std::string(need_label(code));
  if (column == "placement" || column == "group" || column == "provision") {
    const auto it = kPlacement.find(code);
    if (it != kPlacement.end()) return std::string(it->second);
  }
  return pretty(code);
}

void Sheet::period_row(int row, const std::vector<std::string>& labels,
                       const std::vector<std::string>& periods,
                       const std::map<std::string, engine::Summary>& values, lxw_format* fmt,
                       const std::function<double(const engine::Summary&)>& stat, double scale,
                       lxw_format* label_fmt) const {
  int col = 0;
  for (const auto& l : labels) text(row, col++, l, label_fmt);
  for (const auto& p : periods) {
    const auto it = values.find(p);
    if (it != values.end()) number(row, col, stat(it->second) * scale, fmt);
    ++col;
  }
}

// ---- figures ----------------------------------------------------------

double mean_of(const engine::Summary& s) { return s.mean; }

const Headline* find_headline(const std::vector<Headline>& h, std::string_view name) {
  for (const auto& x : h) {
    if (x.name == name) return &x;
  }
  return nullptr;
}

std::map<std::string, engine::Summary> headline_values(const Headline* h) {
  std::map<std::string, engine::Summary> out;
  if (h != nullptr) {
    for (const auto& [period, s] : h->values) out[period] = s;
  }
  return out;
}

/// The interval rows of a total: "LABEL: 95% interval, low" and ", high".
int interval_rows(const Sheet& s, int row, const std::string& label, const std::vector<std::string>& periods,
                  const std::map<std::string, engine::Summary>& values, lxw_format* fmt) {
  s.period_row(row++, {label + ": 95% interval, low"}, periods, values, fmt, ci_low_of);
  s.period_row(row++, {label + ": 95% interval, high"}, periods, values, fmt, ci_high_of);
  return row;
}

void no_data(const Sheet& s, std::string_view what) {
  s.text(0, 0, "This run has no " + std::string(what) + " table.");
}

}  // namespace sendsim::output::excel_detail
