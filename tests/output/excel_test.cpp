// tests/output/excel_test.cpp: workbook.xlsx read back from its XML (a zip
// whose every entry inflates and matches its CRC): the expected sheets,
// number formats (£m in the summaries, pounds in the detail), Excel tables,
// print set-up (landscape, one page wide, repeated header rows, footer), part
// years marked and left out of the charts' ranges, labels not codes, the DfE
// sheets' figures, and the same run gives the same bytes.
#include "output/excel.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <regex>

#include "output/dfe_tables.hpp"
#include "output/sufficiency.hpp"
#include "run_fixture.hpp"
#include "zip_reader.hpp"

namespace sendsim::output {
namespace {

using namespace testing;

const std::map<std::string, std::string>& workbook() {
  static const std::map<std::string, std::string> entries =
      read_zip(read_file(tiny_run().dir / "workbook.xlsx"));
  return entries;
}

const std::string& entry(const std::string& name) {
  static const std::string none;
  const auto it = workbook().find(name);
  EXPECT_TRUE(it != workbook().end()) << name << " is not in the workbook";
  return it == workbook().end() ? none : it->second;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// The number in cell `ref` (e.g. "B2") of a sheet's XML; NaN when absent.
double cell_value(const std::string& sheet_xml, const std::string& ref) {
  const std::regex re("<c r=\"" + ref + "\"[^>]*>(?:<f>[^<]*</f>)?<v>([^<]*)</v>");
  std::smatch m;
  if (!std::regex_search(sheet_xml, m, re)) return std::nan("");
  return std::stod(m[1].str());
}

/// The mean of a table row of the run.
double mean_of(const std::string& table, const std::vector<std::string>& key) {
  for (const auto& t : tiny_run().tables) {
    if (t.info.name != table) continue;
    const run::AggregatedRow* row = t.find(key);
    return row == nullptr ? std::nan("") : row->summary.mean;
  }
  return std::nan("");
}

TEST(Workbook, IsAValidZipWithTheExpectedParts) {
  const auto& e = workbook();
  for (const char* part : {"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml",
                           "xl/charts/chart1.xml", "xl/charts/chart2.xml", "docProps/core.xml"}) {
    EXPECT_TRUE(e.count(part)) << part;
  }
  for (int i = 1; i <= 8; ++i) EXPECT_TRUE(e.count("xl/worksheets/sheet" + std::to_string(i) + ".xml")) << i;
}

/// The sheet XML of the sheet named `name` (sheets are written in order).
const std::string& sheet(const std::string& name) {
  const auto& names = workbook_sheets();
  const auto it = std::find(names.begin(), names.end(), name);
  EXPECT_TRUE(it != names.end()) << name;
  const auto i = static_cast<std::size_t>(it - names.begin()) + 1;
  return entry("xl/worksheets/sheet" + std::to_string(i) + ".xml");
}

/// Every match of the first group of `re` in `text`.
std::vector<std::string> all_of(const std::string& text, const std::string& re) {
  std::vector<std::string> out;
  const std::regex r(re);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), r); it != std::sregex_iterator(); ++it) {
    out.push_back((*it)[1].str());
  }
  return out;
}

/// The shared strings, in order (cells of type "s" index them).
const std::vector<std::string>& shared_strings() {
  static const std::vector<std::string> strings =
      all_of(entry("xl/sharedStrings.xml"), "<si><t[^>]*>([^<]*)</t></si>");
  return strings;
}

/// The text in cell `ref` of a sheet's XML; "" when absent or not a string.
std::string cell_text(const std::string& sheet_xml, const std::string& ref) {
  const std::regex re("<c r=\"" + ref + "\"[^>]*t=\"s\"[^>]*><v>([0-9]+)</v>");
  std::smatch m;
  if (!std::regex_search(sheet_xml, m, re)) return {};
  const auto i = static_cast<std::size_t>(std::stoul(m[1].str()));
  return i < shared_strings().size() ? shared_strings()[i] : std::string();
}

std::string unescape(std::string s) {
  for (const auto& [from, to] :
       std::vector<std::pair<std::string, std::string>>{{"&amp;", "&"}, {"&apos;", "'"}}) {
    for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
      s.replace(at, from.size(), to);
  }
  return s;
}

TEST(Workbook, HasASheetPerKeyTableInOrder) {
  const std::string& book = entry("xl/workbook.xml");
  std::size_t at = 0;
  for (const auto& name : workbook_sheets()) {
    const auto found = book.find("<sheet name=\"" + name + "\"", at);
    ASSERT_NE(found, std::string::npos) << name;
    at = found;
  }
  // One sheet per DSG management plan category, with the template's codes.
  for (const char* c : {"MmSoA", "RPSEN", "MdSSA", "NMISS", "HspAP", "P16FE", "OTHER"}) {
    EXPECT_TRUE(contains(book, std::string("<sheet name=\"DSG ") + c + "\"")) << c;
  }
  for (const char* s :
       {"Spend detail", "Places against need", "SCAP forecast", "DSG plan summary", "DSG plan lookup"}) {
    EXPECT_TRUE(contains(book, std::string("<sheet name=\"") + s + "\"")) << s;
  }
}

TEST(Workbook, NumberFormatsForPoundsMillionsPercentagesAndCounts) {
  const std::string& styles = entry("xl/styles.xml");
  EXPECT_TRUE(contains(styles, "formatCode=\"£#,##0;[Red]-£#,##0\"")) << styles.substr(0, 600);
  EXPECT_TRUE(contains(styles, "formatCode=\"£#,##0.0&quot;m&quot;;[Red]-£#,##0.0&quot;m&quot;\""))
      << styles.substr(0, 1200);
  EXPECT_TRUE(contains(styles, "formatCode=\"0.0%\""));
  EXPECT_TRUE(contains(styles, "formatCode=\"#,##0\""));
}

TEST(Workbook, EverySheetPrintsLandscapeOnePageWideWithRepeatedHeadersAndAFooter) {
  const std::string& book = entry("xl/workbook.xml");
  const auto& names = workbook_sheets();
  for (std::size_t i = 0; i < names.size(); ++i) {
    SCOPED_TRACE(names[i]);
    const std::string& xml = entry("xl/worksheets/sheet" + std::to_string(i + 1) + ".xml");
    EXPECT_TRUE(contains(xml, "<pageSetUpPr fitToPage=\"1\"/>")) << "not fitted to the page";
    EXPECT_TRUE(contains(xml, "<pageSetup paperSize=\"9\" fitToHeight=\"0\" orientation=\"landscape\"/>"));
    EXPECT_TRUE(contains(xml, "<oddFooter>&amp;L&amp;A&amp;RPage &amp;P of &amp;N</oddFooter>"));
    if (i == 0) continue;  // About: no header row to repeat
    const std::string quoted =
        names[i].find(' ') != std::string::npos || names[i].find('-') != std::string::npos
            ? "'" + names[i] + "'"
            : names[i];
    const std::regex titles("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"" + std::to_string(i) +
                            "\">([^<]*)</definedName>");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(book, m, titles)) << "no repeated rows";
    const std::string range = unescape(m[1].str());
    EXPECT_TRUE(range.starts_with(quoted + "!$")) << range;
    // The repeated row is the header row of a table on the sheet.
    const std::string row = range.substr(range.find("!$") + 2, range.find(':') - range.find("!$") - 2);
    bool header_of_a_table = false;
    for (const auto& rid : all_of(xml, "<tablePart r:id=\"(rId[0-9]+)\"/>")) {
      const std::string& rels = entry("xl/worksheets/_rels/sheet" + std::to_string(i + 1) + ".xml.rels");
      const std::regex target("Id=\"" + rid + "\"[^>]*Target=\"../tables/(table[0-9]+.xml)\"");
      std::smatch t;
      if (!std::regex_search(rels, t, target)) continue;
      const auto refs = all_of(entry("xl/tables/" + t[1].str()), "<table [^>]*ref=\"[A-Z]+([0-9]+):");
      if (!refs.empty() && refs[0] == row) header_of_a_table = true;
    }
    EXPECT_TRUE(header_of_a_table) << "row " << row << " is not a table's header";
  }
}

TEST(Workbook, DataRangesAreExcelTablesWithFilters) {
  int tables = 0;
  for (const auto& [name, xml] : workbook()) {
    if (!name.starts_with("xl/tables/table")) continue;
    ++tables;
    EXPECT_TRUE(contains(xml, "<autoFilter ref=")) << name;
    EXPECT_FALSE(contains(xml, "name=\"Column1\"")) << name << ": a header left at its default";
  }
  // Spend, Spend detail, DSG balance, Cost, EHC plans, Flows, 2 on Places, Sufficiency, SCAP, DSG summary,
  // lookup, and 2 per category sheet.
  EXPECT_EQ(tables, 12 + 2 * 7);
}

TEST(Workbook, HeaderRowsAreFrozenAndColumnsSized) {
  for (const char* name :
       {"Spend", "DSG balance", "Cost per child-year", "EHC plans", "Flows", "DSG plan lookup"}) {
    SCOPED_TRACE(name);
    const std::string& xml = sheet(name);
    EXPECT_TRUE(contains(xml, "ySplit=\"1\"")) << "no frozen header";
    EXPECT_TRUE(contains(xml, "state=\"frozen\""));
    EXPECT_TRUE(contains(xml, "<cols><col ")) << "no column widths";
  }
}

TEST(Workbook, PartYearsAreMarkedAndLeftOutOfTheCharts) {
  const TinyRun& run = tiny_run();
  const std::vector<std::string> partial = partial_financial_years(run.output.results);
  ASSERT_EQ(partial, (std::vector<std::string>{"2021-22", "2025-26"}));  // the run: Sep 2021 to Aug 2025
  const std::string& spend = sheet("Spend");
  // Columns B..F are 2021-22 .. 2025-26; the part years are marked in the header.
  EXPECT_EQ(cell_text(spend, "B1"), "2021-22 (part year)");
  EXPECT_EQ(cell_text(spend, "C1"), "2022-23");
  EXPECT_EQ(cell_text(spend, "E1"), "2024-25");
  EXPECT_EQ(cell_text(spend, "F1"), "2025-26 (part year)");
  // The spend chart covers the whole years only, C..E.
  const std::string& spend_chart = entry("xl/charts/chart1.xml");
  const auto ranges = all_of(spend_chart, "<c:f>(Spend![^<]*)</c:f>");
  ASSERT_FALSE(ranges.empty());
  for (const auto& r : ranges) {
    if (r.find(':') == std::string::npos) continue;  // a series name
    EXPECT_TRUE(r.ends_with("$C$1:$E$1") ||
                std::regex_match(r, std::regex("Spend!\\$C\\$[0-9]+:\\$E\\$[0-9]+")))
        << r;
  }
  // The balance chart: every 31 March inside the run (as report.html): 2021-22 to 2024-25, B..E.
  const std::string& dsg_chart = entry("xl/charts/chart2.xml");
  EXPECT_TRUE(contains(dsg_chart, "<c:f>'DSG balance'!$B$4:$E$4</c:f>")) << dsg_chart.substr(0, 3000);
  EXPECT_TRUE(contains(dsg_chart, "<c:f>'DSG balance'!$B$5:$E$5</c:f>"));
  EXPECT_FALSE(contains(dsg_chart, "$F$"));
  // The DSG plan summary marks the same years.
  const std::string& summary = sheet("DSG plan summary");
  EXPECT_TRUE(contains(entry("xl/sharedStrings.xml"), "2025-26 (part year)"));
  EXPECT_FALSE(summary.empty());
}

TEST(Workbook, SpendSheetHoldsMillionsAndATotalFormula) {
  const std::string& spend = sheet("Spend");
  const double expected = mean_of("spend", {"2022-23", "place_funding"});
  ASSERT_FALSE(std::isnan(expected));
  // Row 2 is place funding (the lines in the model's order), column C the first whole financial year, in £m.
  EXPECT_NEAR(cell_value(spend, "C2"), expected / 1e6, 1e-9 * std::max(1.0, std::abs(expected)));
  EXPECT_EQ(cell_text(spend, "A2"), "Place funding");
  EXPECT_TRUE(contains(spend, "<f>SUM(C2:C7)</f>")) << spend.substr(0, 2000);
  double total = 0;
  for (const char* line : {"place_funding", "top_up_maintained", "top_up_independent", "sen_support_services",
                           "alternative_provision", "transport"}) {
    total += mean_of("spend", {"2022-23", line});
  }
  EXPECT_NEAR(cell_value(spend, "C8"), total / 1e6, 1e-9 * total);
  // The detail sheet keeps whole pounds.
  EXPECT_NEAR(cell_value(sheet("Spend detail"), "C2"), expected, 1e-6 * std::max(1.0, std::abs(expected)));
  EXPECT_TRUE(contains(entry("xl/sharedStrings.xml"), "Total: 95% interval, low"));
}

TEST(Workbook, NativeChartsForSpendAndTheDsgBalance) {
  const std::string& spend_chart = entry("xl/charts/chart1.xml");
  EXPECT_TRUE(contains(spend_chart, "<c:barChart>"));
  EXPECT_TRUE(contains(spend_chart, "<c:grouping val=\"stacked\"/>"));
  EXPECT_TRUE(contains(spend_chart, "<c:f>Spend!$C$2:"));  // a series per line
  EXPECT_TRUE(contains(spend_chart, "<c:f>Spend!$C$7:"));
  const std::string& dsg_chart = entry("xl/charts/chart2.xml");
  EXPECT_TRUE(contains(dsg_chart, "<c:lineChart>"));
  EXPECT_TRUE(contains(dsg_chart, "<c:f>'DSG balance'!$A$4</c:f>"));  // in-year balance
  EXPECT_TRUE(contains(dsg_chart, "<c:f>'DSG balance'!$A$5</c:f>"));  // cumulative balance
  EXPECT_TRUE(contains(entry("xl/worksheets/_rels/sheet2.xml.rels"), "drawing"));
  EXPECT_TRUE(contains(entry("xl/worksheets/_rels/sheet4.xml.rels"), "drawing"));
}

TEST(Workbook, DsgSheetHoldsTheCumulativeBalanceAndAShare) {
  const std::string& dsg = sheet("DSG balance");
  const double cumulative = mean_of("dsg", {"2022-23", "cumulative_balance"});
  EXPECT_NEAR(cell_value(dsg, "C5"), cumulative / 1e6, 1e-9 * std::abs(cumulative));
  const double share = mean_of("dsg", {"2022-23", "dsg_spend"}) / mean_of("dsg", {"2022-23", "allocation"});
  EXPECT_NEAR(cell_value(dsg, "C6"), share, 1e-9);
}

TEST(Workbook, LabelsNotCodes) {
  const auto& strings = shared_strings();
  auto has = [&](const std::string& s) {
    return std::find(strings.begin(), strings.end(), s) != strings.end();
  };
  for (const char* code : {"special_out_of_county", "awaiting_placement", "inmss", "ASD", "NSA", "5_10"}) {
    EXPECT_FALSE(has(code)) << code << " is written as a code";
  }
  for (const char* label : {"Special schools in the area", "Autistic spectrum disorder", "Unknown",
                            "Age 5 to 10", "Mainstream schools or academies"}) {
    EXPECT_TRUE(has(label)) << label;
  }
}

TEST(Workbook, PlacesAgainstNeedHoldsThePlacesAndChildrenOfEachNeed) {
  const TinyRun& run = tiny_run();
  const std::string& xml = sheet("Places against need");
  // The first table's header is row 4; then enhanced x 13 needs x 3 measures, then special: ASD first.
  EXPECT_EQ(cell_text(xml, "A4"), "Provision type");
  EXPECT_EQ(cell_text(xml, "A44"), "Special schools in the area");
  EXPECT_EQ(cell_text(xml, "B44"), "Autistic spectrum disorder");
  EXPECT_EQ(cell_text(xml, "C45"), "Children needing a place");
  const std::string year = cell_text(xml, "D4");
  ASSERT_FALSE(year.empty());
  double needing = 0;
  for (const auto& r : run.output.results) {
    for (const auto& [key, v] : r.find("ehc_snapshot")->rows) {
      if (key[0] == year && key[1] == "special" && key[3] == "ASD") needing += v;
    }
    if (const send::Table* u = r.find("unmet_demand")) {
      for (const auto& [key, v] : u->rows) {
        if (key[0] == year && key[1] == "special" && key[2] == "ASD") needing += v;
      }
    }
  }
  needing /= static_cast<double>(run.output.results.size());
  EXPECT_NEAR(cell_value(xml, "D45"), needing, 1e-9);
  EXPECT_GT(needing, 0);
  // Shortfall = needing - places.
  EXPECT_NEAR(cell_value(xml, "D46"), needing - cell_value(xml, "D44"), 1e-9);
}

TEST(Workbook, SufficiencySheetHoldsTheRowsOfSufficiencyCsv) {
  const TinyRun& run = tiny_run();
  const std::string& xml = sheet("Sufficiency");
  const std::vector<SufficiencyRow> rows = sufficiency_rows(run.output.results);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(cell_text(xml, "A1"), "District (home)");
  EXPECT_EQ(cell_text(xml, "J1"), "Gap (mean)");
  EXPECT_EQ(cell_text(xml, "P1"), "Gap opens");
  // One sheet row per table row, in the same order, with the same figures.
  const std::size_t last = rows.size() + 1;
  EXPECT_FALSE(std::isnan(cell_value(xml, "D" + std::to_string(last))));
  EXPECT_TRUE(std::isnan(cell_value(xml, "D" + std::to_string(last + 1))));
  for (const std::size_t i : {std::size_t{0}, rows.size() / 2, rows.size() - 1}) {
    const SufficiencyRow& r = rows[i];
    const std::string n = std::to_string(i + 2);
    SCOPED_TRACE(r.district + " " + r.need + " " + r.provision + " " + std::to_string(r.year));
    EXPECT_EQ(cell_text(xml, "A" + n), r.district == kSufficiencyTotal ? "All districts" : r.district);
    EXPECT_EQ(cell_value(xml, "D" + n), r.year);
    EXPECT_NEAR(cell_value(xml, "E" + n), r.places, 1e-9);
    EXPECT_NEAR(cell_value(xml, "I" + n), r.needing, 1e-9);
    EXPECT_NEAR(cell_value(xml, "J" + n), r.gap.mean, 1e-9);
    EXPECT_NEAR(cell_value(xml, "O" + n), r.p_gap_positive, 1e-9);
    if (r.opening.year) {
      EXPECT_EQ(cell_value(xml, "Q" + n), *r.opening.year);
    } else {
      EXPECT_TRUE(std::isnan(cell_value(xml, "Q" + n)));
    }
  }
  EXPECT_EQ(cell_text(xml, "A" + std::to_string(last)), "All districts");  // the county's rows come last
}

TEST(Workbook, ScapSheetHoldsTheForecastRows) {
  const TinyRun& run = tiny_run();
  const ScapForecast scap = scap_forecast(run.output.results, run.scenario);
  ASSERT_FALSE(scap.rows.empty());
  const std::string& xml = sheet("SCAP forecast");
  // The table's header row, then one row per forecast row.
  const std::regex ref("<table [^>]*ref=\"A([0-9]+):O([0-9]+)\"");
  bool found = false;
  for (const auto& [name, table] : workbook()) {
    std::smatch m;
    if (!name.starts_with("xl/tables/") || !std::regex_search(table, m, ref)) continue;
    if (!contains(table, "name=\"Planning area\"")) continue;
    found = true;
    EXPECT_EQ(std::stoul(m[2].str()) - std::stoul(m[1].str()), scap.rows.size());
    const std::string first = std::to_string(std::stoul(m[1].str()) + 1);
    EXPECT_EQ(cell_text(xml, "B" + first), scap.rows[0].planning_area);
    EXPECT_NEAR(cell_value(xml, "N" + first), scap.rows[0].stats.mean, 1e-9);
    EXPECT_NEAR(cell_value(xml, "O" + first), static_cast<double>(scap.rows[0].stats.rounded), 0);
  }
  EXPECT_TRUE(found);
}

TEST(Workbook, DsgCategorySheetsHoldWholeNumbersOfTheGrid) {
  const TinyRun& run = tiny_run();
  const DsgPlanGrid grid = dsg_plan_grid(run.output.results);
  // The special schools sheet: the age-group block's Total row, first census, equals the grid.
  const std::string& xml = sheet("DSG MdSSA");
  const auto labels = all_of(xml, "<c r=\"A([0-9]+)\"[^>]*t=\"s\"");
  std::string total_row;
  for (const auto& r : labels) {
    if (cell_text(xml, "A" + r) == "Total") {
      total_row = r;
      break;
    }
  }
  ASSERT_FALSE(total_row.empty());
  const DsgGridRow* expected = nullptr;
  for (const auto& r : grid.rows) {
    if (r.sheet == "MdSSA" && r.breakdown == "Age group" && r.label == "Total") {
      expected = &r;
      break;
    }
  }
  ASSERT_NE(expected, nullptr);
  const double v = cell_value(xml, "B" + total_row);
  EXPECT_EQ(v, static_cast<double>(expected->value));
  EXPECT_EQ(v, std::round(v));
  EXPECT_GT(v, 0);
}

TEST(Workbook, AComparisonsDsgPlanWorkbookHasUnmitigatedAndMitigatedColumns) {
  const TinyRun& run = tiny_run();
  std::vector<send::ReplicationResult> mitigated = run.output.results;
  for (auto& r : mitigated) {
    for (auto& t : r.tables) {
      if (t.info.name != "dsg") continue;
      for (auto& [key, v] : t.rows) {
        if (key[1] == "cumulative_balance") v += 1e6;  // a million better at every year end
      }
    }
  }
  const DsgPlanGrid grid = dsg_plan_grid(run.output.results, &mitigated);
  ScratchDir scratch("dsg-plan-workbook");
  write_dsg_plan_workbook(scratch.path() / "plan.xlsx", grid, "base", "option", "test");
  const auto book = read_zip(read_file(scratch.path() / "plan.xlsx"));
  const std::string& strings = book.at("xl/sharedStrings.xml");
  EXPECT_TRUE(contains(strings, "Cumulative balance (negative: deficit) (unmitigated)"));
  EXPECT_TRUE(contains(strings, "Cumulative balance (negative: deficit) (mitigated)"));
  EXPECT_TRUE(contains(book.at("xl/workbook.xml"), "<sheet name=\"DSG plan summary\""));
  // Summary: row 5 (after the title, the note and a blank row, the header) is 2021-22; columns B..F are the
  // unmitigated lines, G..K the mitigated; the cumulative balance is the fourth line.
  const std::string& summary = book.at("xl/worksheets/sheet2.xml");
  EXPECT_NEAR(cell_value(summary, "J5") - cell_value(summary, "E5"), 1.0, 1e-9);  // £m
  EXPECT_NEAR(cell_value(summary, "E5"), mean_of("dsg", {"2021-22", "cumulative_balance"}) / 1e6, 1e-9);
}

TEST(Workbook, SameInputSameBytes) {
  const TinyRun& run = tiny_run();
  ScratchDir scratch("workbook-twice");
  const auto scap = scap_forecast(run.output.results, run.scenario);
  const auto grid = dsg_plan_grid(run.output.results);
  const auto headlines = headline_figures(run.output.results);
  const auto sufficiency = sufficiency_rows(run.output.results);
  const WorkbookInput input{&run.scenario, &run.output, &run.tables,  &scap,
                            &grid,         &headlines,  &sufficiency, "test"};
  write_workbook(scratch.path() / "a.xlsx", input);
  write_workbook(scratch.path() / "b.xlsx", input);
  const std::string a = read_file(scratch.path() / "a.xlsx");
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, read_file(scratch.path() / "b.xlsx"));
  EXPECT_EQ(a, read_file(run.dir / "workbook.xlsx"));
}

TEST(Workbook, AnUnwritablePathThrows) {
  const TinyRun& run = tiny_run();
  const auto scap = scap_forecast(run.output.results, run.scenario);
  const auto grid = dsg_plan_grid(run.output.results);
  const auto headlines = headline_figures(run.output.results);
  const auto sufficiency = sufficiency_rows(run.output.results);
  const WorkbookInput input{&run.scenario, &run.output, &run.tables,  &scap,
                            &grid,         &headlines,  &sufficiency, "test"};
  EXPECT_THROW(write_workbook("/nonexistent-folder/workbook.xlsx", input), std::runtime_error);
  EXPECT_THROW(write_workbook("x.xlsx", WorkbookInput{}), std::logic_error);
}

}  // namespace
}  // namespace sendsim::output
