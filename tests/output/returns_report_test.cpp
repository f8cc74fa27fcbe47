// tests/output/returns_report_test.cpp: one costed run of the tiny model,
// written as a results folder with its report, checked across its outputs:
// the report's key messages against the tables they quote (and the CSV files
// behind them), part years the same in workbook, report and CSV, the last
// charted DSG balance equal to the report's, print CSS, sources that are in
// the repository or named in full; and the workbook opened by a real reader
// (LibreOffice headless, converted to PDF, read back with pdftotext): every
// sheet prints, with the sheet name and "Page N of M" in the footer and the
// header row repeated on every page of a long sheet.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <map>
#include <regex>
#include <set>

#include "output/dfe_tables.hpp"
#include "output/excel.hpp"
#include "output/report.hpp"
#include "output/report_assumptions.hpp"
#include "output/report_data.hpp"
#include "output/results_reader.hpp"
#include "run_fixture.hpp"
#include "scenario/loader.hpp"
#include "zip_reader.hpp"

namespace sendsim::output {
namespace {

using namespace testing;

/// A costed tiny run to August 2026 with its report (effective scenario
/// written, so the report knows the settings).
struct ReportedRun {
  send::Scenario scenario = costed_tiny_scenario();
  ScratchDir scratch{"returns-report"};
  fs::path dir;
  std::string html;

  ReportedRun() {
    scenario.run.end_date = {2026, 8, 31};
    run::RunOptions options = run::RunOptions::from_spec(scenario.run);
    options.replications = 4;
    const run::RunOutput out = run::run_scenario(scenario, options);
    dir = scratch.path() / "out";
    ResultsContext context;
    context.scenario = &scenario;
    context.effective_yaml = scenario::effective_yaml(scenario);
    context.version = "test";
    write_results(dir, out, run::aggregate(out.results), context);
    html = read_file(render_report(dir).html);
  }
};

const ReportedRun& reported() {
  static const std::unique_ptr<ReportedRun> run = std::make_unique<ReportedRun>();
  return *run;
}

std::string attribute(const std::string& tag, const std::string& name) {
  const std::regex re(" " + name + "=\"([^\"]*)\"");
  std::smatch m;
  return std::regex_search(tag, m, re) ? m[1].str() : std::string();
}

/// The <tr ...> tags of the table with id `id` in the report.
std::vector<std::string> table_rows(const std::string& html, const std::string& id) {
  std::vector<std::string> rows;
  const auto start = html.find("<table id=\"" + id + "\"");
  if (start == std::string::npos) return rows;
  const auto end = html.find("</table>", start);
  const std::string table = html.substr(start, end - start);
  const std::regex tr("<tr [^>]*>");
  for (auto it = std::sregex_iterator(table.begin(), table.end(), tr); it != std::sregex_iterator(); ++it) {
    rows.push_back(it->str());
  }
  return rows;
}

struct Message {
  std::string table, year, row, field, text;
  double value = 0;
};

std::vector<Message> messages(const std::string& html) {
  std::vector<Message> out;
  const std::string open = "<span class=\"msg\"";
  for (auto at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
    const auto tag_end = html.find('>', at);
    const auto close = html.find("</span>", tag_end);
    const std::string tag = html.substr(at + open.size(), tag_end - at - open.size());
    out.push_back({attribute(tag, "data-table"), attribute(tag, "data-year"), attribute(tag, "data-row"),
                   attribute(tag, "data-field"), html.substr(tag_end + 1, close - tag_end - 1),
                   std::stod(attribute(tag, "data-value"))});
  }
  return out;
}

/// The mean of the rows of a table file whose columns equal `match`, summed.
double csv_mean(const fs::path& file, const std::map<std::string, std::string>& match) {
  const CsvTable t = read_csv_table(file);
  double sum = 0;
  for (const auto& row : t.rows) {
    bool ok = true;
    for (const auto& [column, value] : match) ok = ok && row[*t.column(column)] == value;
    if (ok) sum += parse_number(row[*t.column("mean")]).value_or(0);
  }
  return sum;
}

TEST(ReturnsReport, KeyMessagesQuoteTheTablesTheyLinkTo) {
  const ReportedRun& run = reported();
  const auto msgs = messages(run.html);
  ASSERT_EQ(msgs.size(), 4u) << run.html.substr(0, 4000);
  for (const auto& m : msgs) {
    SCOPED_TRACE(m.text);
    EXPECT_NE(m.text.find("href=\"#" + m.table + "\""), std::string::npos) << "no link to its table";
    bool found = false;
    for (const auto& tr : table_rows(run.html, m.table)) {
      if (attribute(tr, "data-year") != m.year) continue;
      if (!m.row.empty() && attribute(tr, "data-row") != m.row) continue;
      found = true;
      EXPECT_EQ(std::stod(attribute(tr, "data-" + m.field)), m.value);
    }
    EXPECT_TRUE(found) << "table " << m.table << " has no row for " << m.year;
  }
  // And against the CSV files behind the tables.
  const fs::path& dir = run.dir;
  for (const auto& m : msgs) {
    SCOPED_TRACE(m.text);
    if (m.field == "pct") {
      EXPECT_NEAR(m.value,
                  csv_mean(dir / "timeliness.csv", {{"year", m.year}, {"measure", "pct_within_20_weeks"}}),
                  1e-9);
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f%%", m.value);
      EXPECT_NE(m.text.find(buf), std::string::npos);
      EXPECT_EQ(m.year, load_report_data(dir).full_years.back());  // the last whole year
    } else if (m.field == "inmss") {
      EXPECT_NEAR(m.value, csv_mean(dir / "ehc_snapshot.csv", {{"year", m.year}, {"placement", "inmss"}}),
                  1e-9);
    } else if (m.field == "cumulative") {
      EXPECT_NEAR(m.value,
                  csv_mean(dir / "dsg.csv", {{"financial_year", m.year}, {"measure", "cumulative_balance"}}),
                  1e-6);
      EXPECT_NE(m.text.find(m.value < 0 ? "a deficit" : "a surplus"), std::string::npos);
    } else {
      // The largest mean gap of any district, need, provision and census in
      // sufficiency.csv, and the census it opens at by that table's rule.
      ASSERT_EQ(m.field, "gap");
      const CsvTable t = read_csv_table(dir / "sufficiency.csv");
      ASSERT_FALSE(t.rows.empty());
      const auto col = [&](const char* name) { return *t.column(name); };
      bool quoted = false;
      for (const auto& row : t.rows) {
        if (row[col("district")] == "total") continue;
        const double gap = *parse_number(row[col("gap_mean")]);
        EXPECT_LE(gap, m.value) << row[col("district")] << " " << row[col("need")] << " " << row[col("year")];
        if (row[col("district")] + "|" + row[col("need")] + "|" + row[col("provision")] != m.row ||
            row[col("year")] != m.year) {
          continue;
        }
        quoted = true;
        EXPECT_EQ(gap, m.value);
        const std::string opens = row[col("gap_opens")];
        if (opens == "opens") {
          EXPECT_NE(m.text.find("opens at the January " + row[col("gap_opens_year")] + " census"),
                    std::string::npos);
        } else if (opens == "from_start") {
          EXPECT_NE(
              m.text.find("open from the first census of the run, January " + row[col("gap_opens_year")]),
              std::string::npos);
        } else if (m.value > 0) {
          EXPECT_NE(
              m.text.find(row[col("gap_first_year")].empty() ? "never opens" : "has not opened by the rule"),
              std::string::npos);
        }
      }
      EXPECT_TRUE(quoted) << "no row " << m.row << " " << m.year << " in sufficiency.csv";
    }
  }
}

/// The cells (<td ...>) of the table with id `id`, each with its row's tag.
std::vector<std::pair<std::string, std::string>> table_cells(const std::string& html, const std::string& id) {
  std::vector<std::pair<std::string, std::string>> cells;
  const auto start = html.find("<table id=\"" + id + "\"");
  if (start == std::string::npos) return cells;
  const std::string table = html.substr(start, html.find("</table>", start) - start);
  const std::regex tr("<tr [^>]*>|<td [^>]*>");
  std::string row;
  for (auto it = std::sregex_iterator(table.begin(), table.end(), tr); it != std::sregex_iterator(); ++it) {
    if (it->str().starts_with("<tr")) {
      row = it->str();
    } else {
      cells.emplace_back(row, it->str());
    }
  }
  return cells;
}

TEST(ReturnsReport, TheSufficiencySectionShowsTheTablesGapsAndOpenings) {
  const ReportedRun& run = reported();
  ASSERT_NE(run.html.find("<section id=\"sufficiency\">"), std::string::npos);
  const CsvTable t = read_csv_table(run.dir / "sufficiency.csv");
  ASSERT_FALSE(t.rows.empty());
  const auto col = [&](const char* name) { return *t.column(name); };
  // The heat map: one cell per district (and the county) and census, the
  // special-school gap mean summed over needs, as in the CSV.
  std::map<std::pair<std::string, std::string>, double> special;  // (district, year) -> gap
  std::set<std::string> districts, years;
  for (const auto& row : t.rows) {
    if (row[col("provision")] != "special") continue;
    special[{row[col("district")], row[col("year")]}] += *parse_number(row[col("gap_mean")]);
    districts.insert(row[col("district")]);
    years.insert(row[col("year")]);
  }
  ASSERT_FALSE(special.empty());
  const auto cells = table_cells(run.html, "tab-sufficiency-heatmap");
  EXPECT_EQ(cells.size(), districts.size() * years.size());
  double scale = 0;
  for (const auto& [key, v] : special) {
    if (key.first != "total") scale = std::max(scale, std::abs(v));
  }
  for (const auto& [tr, td] : cells) {
    const std::string district = attribute(tr, "data-district");
    const std::string year = attribute(td, "data-year");
    SCOPED_TRACE(district + " " + year);
    const auto it = special.find({district, year});
    ASSERT_NE(it, special.end());
    EXPECT_NEAR(std::stod(attribute(td, "data-gap")), it->second, 1e-9);
    // Shaded by sign: orange (red channel high) for a gap, blue for places spare, white at zero.
    const std::string style = attribute(td, "style");
    if (district == "total") {
      EXPECT_TRUE(style.empty());
    } else if (std::abs(it->second) > 1e-9 && std::abs(it->second) > scale / 100) {
      const std::regex re("background:#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})");
      std::smatch m;
      ASSERT_TRUE(std::regex_search(style, m, re)) << style;
      const int r = std::stoi(m[1].str(), nullptr, 16);
      const int b = std::stoi(m[3].str(), nullptr, 16);
      if (it->second > 0) {
        EXPECT_GT(r, b) << style;
      } else {
        EXPECT_LT(r, b) << style;
      }
    }
  }
  EXPECT_NE(run.html.find("mean over 4 replications"), std::string::npos)
      << "the heat map must say it shows means";
  // The largest gaps: largest first, each with the opening of its row in the CSV.
  std::map<std::string, std::pair<std::string, std::string>>
      opening;  // "district|need|provision" -> (code, year)
  for (const auto& row : t.rows) {
    opening[row[col("district")] + "|" + row[col("need")] + "|" + row[col("provision")]] = {
        row[col("gap_opens")], row[col("gap_opens_year")]};
  }
  const bool any_gap = run.html.find("Table: the largest gaps by district") != std::string::npos;
  const auto rows = table_rows(run.html, "tab-sufficiency-gaps");
  EXPECT_FALSE(rows.empty());
  double previous = std::numeric_limits<double>::infinity();
  for (const auto& tr : rows) {
    const double gap = std::stod(attribute(tr, "data-gap"));
    EXPECT_EQ(gap > 0, any_gap) << "a table of gaps lists gaps only; a table of the tightest, none";
    EXPECT_LE(gap, previous);
    previous = gap;
    const auto it = opening.find(attribute(tr, "data-row"));
    ASSERT_NE(it, opening.end()) << attribute(tr, "data-row");
    EXPECT_EQ(attribute(tr, "data-opens"), it->second.first);
    EXPECT_EQ(attribute(tr, "data-opens-year"), it->second.second);
    EXPECT_EQ(attribute(tr, "data-row").find("total|"), std::string::npos) << "the county is not a district";
  }
}

std::set<std::string> financial_years_in(const std::string& text) {
  std::set<std::string> out;
  const std::regex fy("(20[0-9]{2}-[0-9]{2}) \\(part year\\)");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), fy); it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1].str());
  }
  return out;
}

TEST(ReturnsReport, PartYearsAreTheSameInWorkbookReportAndCsv) {
  const ReportedRun& run = reported();
  // The CSV: the financial summary rows marked partial.
  std::set<std::string> csv;
  std::set<std::string> all;
  const CsvTable grid = read_csv_table(run.dir / "dfe_dsg_plan_grid.csv");
  for (const auto& row : grid.rows) {
    if (row[*grid.column("sheet")] != "Summary") continue;
    all.insert(row[*grid.column("year")]);
    if (row[*grid.column("partial_year")] == "1") csv.insert(row[*grid.column("year")]);
  }
  EXPECT_EQ(csv, (std::set<std::string>{"2021-22", "2026-27"}));
  // The workbook: the years its headers mark.
  const auto book = read_zip(read_file(run.dir / "workbook.xlsx"));
  EXPECT_EQ(financial_years_in(book.at("xl/sharedStrings.xml")), csv);
  // The report: its spend table holds exactly the whole years; its DSG table
  // marks the part years it shows (those ending inside the run).
  std::set<std::string> spend_years;
  for (const auto& tr : table_rows(run.html, "tab-spend")) spend_years.insert(attribute(tr, "data-year"));
  std::set<std::string> whole;
  for (const auto& y : all) {
    if (!csv.contains(y)) whole.insert(y);
  }
  EXPECT_EQ(spend_years, whole);
  std::set<std::string> marked;
  for (const auto& tr : table_rows(run.html, "tab-dsg")) {
    if (attribute(tr, "data-partial") == "1") marked.insert(attribute(tr, "data-year"));
  }
  EXPECT_EQ(marked, (std::set<std::string>{"2021-22"}));  // 2026-27 ends after the run: not in the table
  // The headline card of the DSG balance (first and last 31 March) marks it too.
  EXPECT_NE(run.html.find("<span class=\"per\">2021-22 (part year)</span>"), std::string::npos);
  EXPECT_EQ(run.html.find("<span class=\"per\">2022-23 (part year)</span>"), std::string::npos);
  for (const auto& y : marked) EXPECT_TRUE(csv.contains(y)) << y;
  // The report's headline cards use the same whole years for spend.
  const ReportData data = load_report_data(run.dir);
  EXPECT_EQ(std::set<std::string>(data.full_financial_years.begin(), data.full_financial_years.end()), whole);
}

TEST(ReturnsReport, TheLastChartedBalanceIsTheReportsDsgPosition) {
  const ReportedRun& run = reported();
  double reported_balance = std::nan("");
  std::string year;
  for (const auto& m : messages(run.html)) {
    if (m.field == "cumulative") {
      reported_balance = m.value;
      year = m.year;
    }
  }
  ASSERT_FALSE(std::isnan(reported_balance));
  const auto book = read_zip(read_file(run.dir / "workbook.xlsx"));
  // The balance chart's cumulative series: its last cell.
  const std::string& chart = book.at("xl/charts/chart2.xml");
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(chart, m, std::regex("<c:f>'DSG balance'!\\$[A-Z]+\\$5:\\$([A-Z]+)\\$5</c:f>")));
  const std::string last_cell = m[1].str() + "5";
  const std::string& sheet = book.at("xl/worksheets/sheet4.xml");  // DSG balance
  std::smatch v;
  ASSERT_TRUE(std::regex_search(sheet, v, std::regex("<c r=\"" + last_cell + "\"[^>]*><v>([^<]*)</v>")));
  EXPECT_NEAR(std::stod(v[1].str()), reported_balance / 1e6, 1e-9);
  // Its column is the report's year.
  const std::string header_cell = m[1].str() + "1";
  std::smatch h;
  ASSERT_TRUE(std::regex_search(sheet, h,
                                std::regex("<c r=\"" + header_cell + "\"[^>]*t=\"s\"[^>]*><v>([0-9]+)</v>")));
  const std::string& strings = book.at("xl/sharedStrings.xml");
  std::vector<std::string> shared;
  const std::regex si("<si><t[^>]*>([^<]*)</t></si>");
  for (auto it = std::sregex_iterator(strings.begin(), strings.end(), si); it != std::sregex_iterator();
       ++it) {
    shared.push_back((*it)[1].str());
  }
  EXPECT_EQ(shared.at(std::stoul(h[1].str())), year);
}

TEST(ReturnsReport, PrintCssKeepsCardsAndFiguresWhole) {
  const std::string& html = reported().html;
  const auto print = html.find("@media print{");
  ASSERT_NE(print, std::string::npos);
  const std::string rules = html.substr(print, html.find("</style>") - print);
  EXPECT_TRUE(std::regex_search(
      rules, std::regex("\\.card,figure,[^{]*\\{break-inside:avoid;page-break-inside:avoid")))
      << rules;
  EXPECT_NE(rules.find("thead{display:table-header-group}"), std::string::npos);
  EXPECT_NE(html.find("<section class=\"keymsg\""), std::string::npos);
  for (const char* cls : {".keymsg", "tr"}) {
    EXPECT_TRUE(std::regex_search(rules, std::regex(std::string("[,{]") + (cls[0] == '.' ? "\\" : "") + cls +
                                                    "[,{][^}]*break-inside:avoid")))
        << cls;
  }
}

TEST(ReturnsReport, SourcesAreFilesOfTheRepositoryOrPublishedDocuments) {
  std::string html = reported().html;
  // The folded effective scenario is the run's input verbatim: left out.
  const auto pre = html.find("<pre>");
  if (pre != std::string::npos) html.erase(pre, html.find("</pre>", pre) - pre);
  // So is the table that names the documents those files cite by a short name.
  const auto short_names = html.find("<table id=\"tab-cited\"");
  if (short_names != std::string::npos)
    html.erase(short_names, html.find("</table>", short_names) - short_names);
  for (const char* outside : {"DOMAIN.md", "DESIGN.md", "seeds/", "/work/"}) {
    EXPECT_EQ(html.find(outside), std::string::npos) << outside << " is cited";
  }
  // Every file path cited exists in the repository (or is a file of the results folder).
  const std::regex path("([A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_.-]+)*\\.(?:md|yaml|cpp|hpp))");
  std::set<std::string> cited;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), path); it != std::sregex_iterator(); ++it) {
    cited.insert((*it)[1].str());
  }
  EXPECT_TRUE(cited.contains("models/PARAMETERS.md"));
  for (const auto& c : cited) {
    const bool results_file = c == "scenario.effective.yaml";
    EXPECT_TRUE(results_file || fs::exists(fs::path(SENDSIM_SOURCE_DIR) / c))
        << c << " is not in the repository";
  }
  // The published documents the seed citations stand for are named in full.
  EXPECT_NE(html.find("Essex Local Area SEND Strategy 2022-2027: My Life, My Rights, Essex County Council"),
            std::string::npos);
}

TEST(ReturnsReport, ShortCitationsOfTheModelFilesAreNamedInFull) {
  const auto cited =
      cited_documents("description: calibrated to seeds/000 and DfE SEN2 rates; see seeds/001");
  ASSERT_EQ(cited.size(), 2u);
  EXPECT_EQ(cited[0].first, "seeds/000");
  EXPECT_EQ(cited[0].second,
            "Essex Local Area SEND Strategy 2022-2027: My Life, My Rights, Essex County Council, 2022");
  EXPECT_EQ(cited[1].first, "seeds/001");
  EXPECT_TRUE(cited_documents("nothing cited here").empty());
  // Every declared source that named a file outside the repository now names none.
  for (const char* declared :
       {"neutral; Essex requests grew 66% from 2015/16 to 2020/21 (seeds/000)",
        "SEND Regulations 2014: decision within 6 weeks of the request (shared DOMAIN.md)",
        "15 academic years from 2021/22, within the 5-20 year horizons planners use (DESIGN.md)"}) {
    const std::string s = published_source(declared);
    EXPECT_EQ(s.find("seeds/"), std::string::npos) << s;
    EXPECT_EQ(s.find(".md"), std::string::npos) << s;
  }
  EXPECT_EQ(
      published_source("SEND Regulations 2014: decision within 6 weeks of the request (shared DOMAIN.md)"),
      "SEND Regulations 2014: decision within 6 weeks of the request");
}

// ---- the workbook in a real reader ------------------------------------

int run_command(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(ReturnsReport, LibreOfficePrintsEverySheetWithFootersAndRepeatedHeaders) {
  if (run_command("command -v soffice >/dev/null 2>&1") != 0 ||
      run_command("command -v pdftotext >/dev/null 2>&1")) {
    GTEST_SKIP() << "LibreOffice (libreoffice-calc-nogui) or pdftotext (poppler-utils) is not installed: "
                    "./setup.sh install installs them";
  }
  const ReportedRun& run = reported();
  const fs::path out = run.scratch.path() / "pdf";
  fs::create_directories(out);
  // A profile of its own, so a LibreOffice already running does not take the job.
  const std::string profile = "file://" + (run.scratch.path() / "lo-profile").string();
  const std::string convert = "soffice -env:UserInstallation=" + profile +
                              " --headless --norestore --convert-to pdf --outdir '" + out.string() + "' '" +
                              (run.dir / "workbook.xlsx").string() + "' >/dev/null 2>&1";
  ASSERT_EQ(run_command(convert), 0);
  ASSERT_TRUE(fs::exists(out / "workbook.pdf"));
  ASSERT_EQ(run_command("pdftotext -layout '" + (out / "workbook.pdf").string() + "' '" +
                        (out / "workbook.txt").string() + "'"),
            0);
  const std::string text = read_file(out / "workbook.txt");
  std::vector<std::string> pages;
  std::size_t from = 0;
  for (std::size_t ff = text.find('\f'); ff != std::string::npos; ff = text.find('\f', from)) {
    pages.push_back(text.substr(from, ff - from));
    from = ff + 1;
  }
  ASSERT_GE(pages.size(), workbook_sheets().size());
  // Every page's footer line: the sheet's name, then "Page N of M" with the document's page count.
  const std::regex footer("(?:^|\n) *([^\n]*?) +Page ([0-9]+) of ([0-9]+) *(?:\n|$)");
  std::map<std::string, std::vector<std::size_t>> pages_of;  // sheet -> pages
  for (std::size_t i = 0; i < pages.size(); ++i) {
    std::smatch m;
    ASSERT_TRUE(std::regex_search(pages[i], m, footer)) << "page " << i + 1 << " has no page number";
    EXPECT_EQ(std::stoul(m[2].str()), i + 1);
    EXPECT_EQ(std::stoul(m[3].str()), pages.size());
    const std::string sheet = m[1].str();
    EXPECT_TRUE(std::find(workbook_sheets().begin(), workbook_sheets().end(), sheet) !=
                workbook_sheets().end())
        << "page " << i + 1 << " footer names \"" << sheet << "\"";
    pages_of[sheet].push_back(i);
  }
  for (const auto& name : workbook_sheets())
    EXPECT_TRUE(pages_of.contains(name)) << name << " is not printed";
  // The lookup sheet runs over several pages, each with the header row repeated.
  ASSERT_GE(pages_of["DSG plan lookup"].size(), 2u);
  for (const std::size_t p : pages_of["DSG plan lookup"]) {
    EXPECT_TRUE(std::regex_search(pages[p], std::regex("Key +Sheet +Category +Breakdown")))
        << "page " << p + 1;
  }
  // The sufficiency sheet prints with its header row on every page, and its last column on each.
  ASSERT_FALSE(pages_of["Sufficiency"].empty());
  for (const std::size_t p : pages_of["Sufficiency"]) {
    EXPECT_TRUE(std::regex_search(pages[p], std::regex("District"))) << "page " << p + 1;
    EXPECT_TRUE(std::regex_search(pages[p], std::regex("First short"))) << "page " << p + 1;
  }
  // Landscape and one page wide: no sheet's columns spill onto a page of their own (each
  // page of the lookup sheet has its first and last column).
  for (const std::size_t p : pages_of["DSG plan lookup"]) {
    EXPECT_NE(pages[p].find("|"), std::string::npos) << "the key column is missing on page " << p + 1;
    EXPECT_TRUE(std::regex_search(pages[p], std::regex("children|pounds"))) << "page " << p + 1;
  }
}

}  // namespace
}  // namespace sendsim::output
