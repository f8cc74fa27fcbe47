// tests/output/excel_test.cpp: workbook.xlsx is a valid zip (every entry
// inflates and matches its CRC) holding the expected sheets, number formats,
// frozen headers, charts and values, and the same run gives the same bytes.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "output/dfe_tables.hpp"
#include "output/excel.hpp"
#include "run_fixture.hpp"
#include "zip_reader.hpp"

namespace sendsim::output {
namespace {

using namespace testing;

const std::map<std::string, std::string>& workbook() {
  static const std::map<std::string, std::string> entries = read_zip(read_file(tiny_run().dir / "workbook.xlsx"));
  return entries;
}

const std::string& entry(const std::string& name) {
  static const std::string none;
  const auto it = workbook().find(name);
  EXPECT_TRUE(it != workbook().end()) << name << " is not in the workbook";
  return it == workbook().end() ? none : it->second;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

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

TEST(Workbook, HasASheetPerKeyTableInOrder) {
  const std::string& book = entry("xl/workbook.xml");
  std::size_t at = 0;
  for (const auto& name : workbook_sheets()) {
    const auto found = book.find("<sheet name=\"" + name + "\"", at);
    ASSERT_NE(found, std::string::npos) << name;
    at = found;
  }
  EXPECT_EQ(workbook_sheets().size(), 8u);
  EXPECT_EQ(workbook_sheets()[1], "Spend");
  EXPECT_EQ(workbook_sheets()[2], "DSG balance");
}

TEST(Workbook, NumberFormatsForPoundsPercentagesAndCounts) {
  const std::string& styles = entry("xl/styles.xml");
  EXPECT_TRUE(contains(styles, "formatCode=\"£#,##0;[Red]-£#,##0\"")) << styles.substr(0, 600);
  EXPECT_TRUE(contains(styles, "formatCode=\"0.0%\""));
  EXPECT_TRUE(contains(styles, "formatCode=\"#,##0\""));
}

TEST(Workbook, HeaderRowsAreFrozenAndColumnsSized) {
  for (int i = 2; i <= 8; ++i) {
    const std::string& sheet = entry("xl/worksheets/sheet" + std::to_string(i) + ".xml");
    SCOPED_TRACE(workbook_sheets()[static_cast<std::size_t>(i - 1)]);
    EXPECT_TRUE(contains(sheet, "ySplit=\"1\"")) << "no frozen header";
    EXPECT_TRUE(contains(sheet, "state=\"frozen\""));
    EXPECT_TRUE(contains(sheet, "<cols><col ")) << "no column widths";
  }
  // The long sheets have filters.
  EXPECT_TRUE(contains(entry("xl/worksheets/sheet8.xml"), "<autoFilter ref=\"A1:"));
}

TEST(Workbook, SpendSheetHoldsTheMeansAndATotalFormula) {
  const std::string& spend = entry("xl/worksheets/sheet2.xml");
  // Row 2 is place funding (the lines in the model's order), column B the first financial year.
  const double expected = mean_of("spend", {"2021-22", "place_funding"});
  ASSERT_FALSE(std::isnan(expected));
  EXPECT_NEAR(cell_value(spend, "B2"), expected, 1e-6 * std::max(1.0, std::abs(expected)));
  // Six lines, then the total as a formula over them.
  EXPECT_TRUE(contains(spend, "<f>SUM(B2:B7)</f>")) << spend.substr(0, 2000);
  double total = 0;
  for (const char* line : {"place_funding", "top_up_maintained", "top_up_independent", "sen_support_services",
                           "alternative_provision", "transport"}) {
    total += mean_of("spend", {"2021-22", line});
  }
  EXPECT_NEAR(cell_value(spend, "B8"), total, 1e-6 * total);
  EXPECT_TRUE(contains(entry("xl/sharedStrings.xml"), "Total: 95% interval, low"));
}

TEST(Workbook, NativeChartsForSpendAndTheDsgBalance) {
  const std::string& spend_chart = entry("xl/charts/chart1.xml");
  EXPECT_TRUE(contains(spend_chart, "<c:barChart>"));
  EXPECT_TRUE(contains(spend_chart, "<c:grouping val=\"stacked\"/>"));
  EXPECT_TRUE(contains(spend_chart, "<c:f>Spend!$B$2:"));  // a series per line
  EXPECT_TRUE(contains(spend_chart, "<c:f>Spend!$B$7:"));
  const std::string& dsg_chart = entry("xl/charts/chart2.xml");
  EXPECT_TRUE(contains(dsg_chart, "<c:lineChart>"));
  EXPECT_TRUE(contains(dsg_chart, "<c:f>'DSG balance'!$A$4</c:f>"));  // in-year balance
  EXPECT_TRUE(contains(dsg_chart, "<c:f>'DSG balance'!$A$5</c:f>"));  // cumulative balance
  EXPECT_TRUE(contains(entry("xl/worksheets/_rels/sheet2.xml.rels"), "drawing"));
  EXPECT_TRUE(contains(entry("xl/worksheets/_rels/sheet3.xml.rels"), "drawing"));
}

TEST(Workbook, DsgSheetHoldsTheCumulativeBalanceAndAShare) {
  const std::string& dsg = entry("xl/worksheets/sheet3.xml");
  const double cumulative = mean_of("dsg", {"2021-22", "cumulative_balance"});
  EXPECT_NEAR(cell_value(dsg, "B5"), cumulative, 1e-6 * std::abs(cumulative));
  const double share = mean_of("dsg", {"2021-22", "dsg_spend"}) / mean_of("dsg", {"2021-22", "allocation"});
  EXPECT_NEAR(cell_value(dsg, "B6"), share, 1e-9);
}

TEST(Workbook, DfeSheetsHoldTheDfeTables) {
  const std::string& strings = entry("xl/sharedStrings.xml");
  EXPECT_TRUE(contains(strings, "resourced_provision"));
  EXPECT_TRUE(contains(strings, "independent_special"));
  EXPECT_TRUE(contains(strings, "Placement category"));
}

TEST(Workbook, SameInputSameBytes) {
  const TinyRun& run = tiny_run();
  ScratchDir scratch("workbook-twice");
  const auto dfe = aggregate_dfe_tables(run.output.results, run.scenario);
  const auto headlines = headline_figures(run.output.results);
  const WorkbookInput input{&run.scenario, &run.output, &run.tables, &dfe, &headlines, "test"};
  write_workbook(scratch.path() / "a.xlsx", input);
  write_workbook(scratch.path() / "b.xlsx", input);
  const std::string a = read_file(scratch.path() / "a.xlsx");
  EXPECT_FALSE(a.empty());
  EXPECT_EQ(a, read_file(scratch.path() / "b.xlsx"));
  EXPECT_EQ(a, read_file(run.dir / "workbook.xlsx"));
}

TEST(Workbook, AnUnwritablePathThrows) {
  const TinyRun& run = tiny_run();
  const auto dfe = aggregate_dfe_tables(run.output.results, run.scenario);
  const auto headlines = headline_figures(run.output.results);
  const WorkbookInput input{&run.scenario, &run.output, &run.tables, &dfe, &headlines, "test"};
  EXPECT_THROW(write_workbook("/nonexistent-folder/workbook.xlsx", input), std::runtime_error);
  EXPECT_THROW(write_workbook("x.xlsx", WorkbookInput{}), std::logic_error);
}

}  // namespace
}  // namespace sendsim::output
