// output/excel_detail.hpp: the building blocks of workbook.xlsx (excel.hpp),
// internal to output/: the cell formats, the order of codes in rows, tables
// laid out as period pivots, and a worksheet that writes labels, numbers,
// header rows and period rows. The sheets themselves are in excel.cpp.
#pragma once

#include <xlsxwriter.h>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/stats.hpp"
#include "output/results_writer.hpp"
#include "run/aggregate.hpp"

namespace sendsim::output::excel_detail {

inline constexpr double kLabelWidth = 34;
inline constexpr double kCodeWidth = 16;
inline constexpr double kNumberWidth = 14;
/// Pounds in millions, for chart axes.
inline constexpr const char* kChartPounds = "£#,##0.0,,\"m\";[Red]-£#,##0.0,,\"m\"";

// ---- formats ----------------------------------------------------------

struct Formats {
  lxw_format* title = nullptr;
  lxw_format* header = nullptr;
  lxw_format* label = nullptr;
  lxw_format* note = nullptr;
  lxw_format* note_wrap = nullptr;  // a note wrapped inside a merged range
  lxw_format* total_label = nullptr;
  lxw_format* pounds = nullptr;
  lxw_format* total_pounds = nullptr;
  lxw_format* count = nullptr;
  lxw_format* total_count = nullptr;
  lxw_format* count1 = nullptr;    // small counts: one decimal
  lxw_format* millions = nullptr;  // pounds million, one decimal (the cell holds £m)
  lxw_format* total_millions = nullptr;
  lxw_format* whole = nullptr;  // whole numbers, no separator (codes, years ahead)
  lxw_format* percent = nullptr;
  lxw_format* days = nullptr;
  lxw_format* weeks = nullptr;
};

/// The formats of every sheet, added to `wb`.
[[nodiscard]] Formats make_formats(lxw_workbook* wb);

// ---- ordering of codes in rows ----------------------------------------

/// Whether code `a` comes before `b` in a row of `column`: known codes first,
/// in their order, then the rest alphabetically.
[[nodiscard]] bool code_less(std::string_view column, const std::string& a, const std::string& b);

// ---- tables as period pivots ------------------------------------------

/// The table named `name`; nullptr when there is none.
[[nodiscard]] const run::AggregatedTable* find_table(const std::vector<run::AggregatedTable>& tables,
                                                     std::string_view name);

/// The index of column `name` of `t`; -1 when it has none.
[[nodiscard]] int column_of(const run::AggregatedTable& t, std::string_view name);

/// A table's rows laid out with one column per period (year or financial
/// year) and one row per combination of `row_columns`, keeping only rows
/// whose `filter_column` (if any) equals `filter_value`.
struct Pivot {
  std::vector<std::string> periods;
  std::vector<std::string> row_columns;
  std::vector<std::pair<std::vector<std::string>, std::map<std::string, engine::Summary>>> rows;
};

/// `t` (nullptr: an empty pivot) by `period`; rows ordered by code_less,
/// the first row column ordered as `order_as` when that is given.
[[nodiscard]] Pivot pivot(const run::AggregatedTable* t, std::string_view period,
                          std::vector<std::string> row_columns, std::string_view order_as = "",
                          std::string_view filter_column = "", std::string_view filter_value = "");

// ---- writing cells ----------------------------------------------------

/// A code as a row label: "plans_issued" -> "Plans issued",
/// "identified_sen_support" -> "Identified SEN support".
[[nodiscard]] std::string pretty(std::string_view code);

/// One worksheet of the workbook, and how its cells are written.
class Sheet {
 public:
  Sheet(lxw_workbook* wb, const std::string& name, const Formats& f);
  [[nodiscard]] lxw_worksheet* ws() const { return ws_; }
  [[nodiscard]] const std::string& name() const { return name_; }

  void text(int row, int col, std::string_view s, lxw_format* fmt = nullptr) const;
  /// A number; a value that is not finite leaves the cell empty.
  void number(int row, int col, double v, lxw_format* fmt) const;
  /// The header row `row`: labels, then the periods.
  void header(int row, const std::vector<std::string>& labels, const std::vector<std::string>& periods) const;
  /// Widths, and the header row (and label columns) frozen.
  void layout(int header_row, int label_columns, int number_columns, double label_width = kLabelWidth) const;
  void filter(int header_row, int last_row, int last_col) const;
  /// A note merged over columns 0..last_col of `row` and wrapped there, the
  /// row `lines` lines high, so that it prints within the table's width.
  void note(int row, int last_col, std::string_view text, int lines) const;
  /// An Excel table (with filter buttons) over rows header_row..last_row and
  /// columns first_col..first_col + headers.size() - 1, the header row
  /// written from `headers` (unique within the table). Nothing when it has
  /// no data row.
  void table(int header_row, int last_row, int first_col, const std::vector<std::string>& headers) const;
  /// Print set-up: landscape A4, fit to one page wide, rows first..last
  /// repeated at the top of each page, sheet name and "Page N of M" in the
  /// footer.
  void print_setup(int repeat_first, int repeat_last) const;
  /// One row: labels, then the chosen statistic per period.
  void period_row(int row, const std::vector<std::string>& labels, const std::vector<std::string>& periods,
                  const std::map<std::string, engine::Summary>& values, lxw_format* fmt,
                  const std::function<double(const engine::Summary&)>& stat, double scale = 1.0,
                  lxw_format* label_fmt = nullptr) const;

 private:
  lxw_worksheet* ws_;
  std::string name_;
  const Formats& f_;
};

[[nodiscard]] double mean_of(const engine::Summary& s);

/// The headline figure named `name`; nullptr when there is none.
[[nodiscard]] const Headline* find_headline(const std::vector<Headline>& h, std::string_view name);

/// A headline's values by period; empty for nullptr.
[[nodiscard]] std::map<std::string, engine::Summary> headline_values(const Headline* h);

/// The interval rows of a total: "LABEL: 95% interval, low" and ", high",
/// from `row`; returns the row after them.
int interval_rows(const Sheet& s, int row, const std::string& label, const std::vector<std::string>& periods,
                  const std::map<std::string, engine::Summary>& values, lxw_format* fmt);

/// The sheet of a run that lacks the table `what`.
void no_data(const Sheet& s, std::string_view what);

/// Period labels for a header: "2021-22 (part year)" for a period listed in
/// `partial`, the period itself otherwise.
[[nodiscard]] std::vector<std::string> period_labels(const std::vector<std::string>& periods,
                                                     const std::vector<std::string>& partial);

/// The label of a code in a row (placements, provision types, groups, needs,
/// lines, measures): what a reader of a finance paper expects, not the code.
[[nodiscard]] std::string label_of(std::string_view column, std::string_view code);

}  // namespace sendsim::output::excel_detail
