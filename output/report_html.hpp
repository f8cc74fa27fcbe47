// output/report_html.hpp: the self-contained HTML report of a results folder.
//
// One file, DIR/report.html, that needs no network: no script at all, styles
// inline, the charts inlined as SVG, and a Content-Security-Policy of
// default-src 'none' so a browser fetches nothing even if asked to. Every
// string that comes from a file (scenario, model, setting and project names,
// descriptions, paths, the effective scenario) is HTML-escaped.
//
// Sections: key messages (sentences generated from the figures, each linked
// to the table it quotes), headline figures (first and last year, mean and
// 5-95% range),
// specialist places (charts, places against need by year, the settings),
// where and when gaps open (report_sufficiency.hpp: the largest gaps by
// district, need and provision, a heat map of the special-school gap),
// EHC plans, timeliness, waiting, INMSS, finance (spend by line, DSG
// balance), and the scenario with its key assumptions and their sources
// (and the effective scenario in full, folded).
//
// The page head, style sheet, tables and figures are shared with the
// comparison report (output/compare_report.hpp), so both look alike and keep
// the same no-network policy.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "output/charts.hpp"
#include "output/report_data.hpp"

namespace sendsim::output {

/// `text` with &, <, >, " and ' replaced by character references.
[[nodiscard]] std::string html_escape(std::string_view text);

/// An SVG file as gnuplot writes it, ready to inline in HTML: the XML prolog,
/// the doctype and the root's xmlns declarations (URLs) dropped, every id (and reference to one) prefixed
/// with `id_prefix` so several charts can share a page, the title set to `title` (escaped), and role="img"
/// with an aria-label.
[[nodiscard]] std::string inline_svg(std::string_view svg, std::string_view id_prefix,
                                     std::string_view title);

/// The start of a report page up to and including <main>: doctype, the
/// Content-Security-Policy, the style sheet, and `title` and `version` (both
/// escaped here).
[[nodiscard]] std::string html_document_start(std::string_view title, std::string_view version);

/// A numbered figure: the chart's SVG read from `charts_folder`/STEM.svg and
/// inlined (ids prefixed "c<n>"), its title and caption escaped. Empty when
/// the SVG cannot be read.
[[nodiscard]] std::string figure_html(const ChartInfo& chart, const std::filesystem::path& charts_folder,
                                      std::size_t n);

/// The numbered sections and figures of a report page: the contents list,
/// each section's opening tags, and the figures of a section numbered on
/// from the previous section's.
class ReportSections {
 public:
  struct Section {
    const char* id;
    const char* title;
  };
  ReportSections(std::vector<Section> sections, const std::vector<ChartInfo>& charts,
                 std::filesystem::path charts_folder)
      : sections_(std::move(sections)), charts_(charts), charts_folder_(std::move(charts_folder)) {}
  /// <nav> with a link to every section.
  [[nodiscard]] std::string contents() const;
  /// <section id=ID><h2>N. TITLE</h2> of section `i` (from 0).
  [[nodiscard]] std::string open(std::size_t i) const;
  /// The figures of the charts in `section`, in chart order, numbered on.
  std::string figures(std::string_view section);

 private:
  std::vector<Section> sections_;
  const std::vector<ChartInfo>& charts_;
  std::filesystem::path charts_folder_;
  std::size_t figure_no_ = 0;
};

/// An HTML table with a caption; cells are HTML already (escape user text
/// before adding it), the first cell of a row is its header.
class HtmlTable {
 public:
  explicit HtmlTable(std::string caption) : caption_(std::move(caption)) {}
  /// An id for the <table> (a key message links to it); HTML already.
  void id(std::string id) { id_ = std::move(id); }
  void head(const std::vector<std::string>& cells) { head_ = cells; }
  void row(const std::vector<std::string>& cells) { rows_.push_back(cells); }
  /// Rows with attributes on the <tr> (e.g. data-* values for tests), HTML already.
  void row(const std::vector<std::string>& cells, std::string tr_attributes) {
    rows_.push_back(cells);
    attributes_.resize(rows_.size());
    attributes_.back() = std::move(tr_attributes);
  }
  [[nodiscard]] bool empty() const { return rows_.empty(); }
  /// The table; `numeric` right-aligns the cells after the first.
  [[nodiscard]] std::string html(bool numeric = true) const;

 private:
  std::string caption_;
  std::string id_;
  std::vector<std::string> head_;
  std::vector<std::vector<std::string>> rows_;
  std::vector<std::string> attributes_;  // per row, may be shorter than rows_
};

/// One sentence of the key messages: its text (HTML), the id of the table it
/// quotes, and the row (data-year) and field (data-FIELD) there that hold the
/// figure it states, with that figure's exact value.
struct KeyMessage {
  std::string html;
  std::string table_id;
  std::string year;
  std::string row;  // when the table's rows are not one per year: the row's data-row
  std::string field;
  double value = 0;
};

/// The key messages of a report, generated from its figures: the largest
/// gap in specialist places by district, need and provision and the census it
/// opens at, by sufficiency.csv's rule (report_sufficiency.hpp), the 20-week trend,
/// the growth of INMSS placements, the DSG position. A message whose figures
/// the run lacks is left out.
[[nodiscard]] std::vector<KeyMessage> key_messages(const ReportData& data);

/// The report. The SVG of each chart is read from `charts_folder`/STEM.svg.
[[nodiscard]] std::string report_html(const ReportData& data, const std::vector<ChartInfo>& charts,
                                      const std::filesystem::path& charts_folder);

}  // namespace sendsim::output
