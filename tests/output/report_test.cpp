// tests/output/report_test.cpp: charts (gnuplot) and the HTML report of a
// results folder: files drawn, sections present, user strings escaped, totals
// equal to the tables, nothing fetched, a missing gnuplot reported with
// nothing changed, and re-rendering in place.
#include "output/report.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>
#include <set>

#include "output/charts.hpp"
#include "output/report_data.hpp"
#include "output/report_html.hpp"
#include "output/results_reader.hpp"
#include "output/results_writer.hpp"
#include "results_fixture.hpp"
#include "run/aggregate.hpp"
#include "run/runner.hpp"
#include "scenario/loader.hpp"

namespace sendsim::output {
namespace {

namespace fs = std::filesystem;
using testing::PathWithoutGnuplot;
using testing::read_file;
using testing::ScratchDir;

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(ReportHtml, EscapesTheFiveMarkupCharacters) {
  EXPECT_EQ(html_escape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  EXPECT_EQ(html_escape("plain text, caf\u00e9"), "plain text, caf\u00e9");
  EXPECT_EQ(html_escape(""), "");
  EXPECT_EQ(html_escape("&amp;"), "&amp;amp;");  // escaped again: text, not markup
}

TEST(ReportHtml, InlineSvgDropsThePrologAndPrefixesIds) {
  const std::string svg =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg viewBox=\"0 0 10 10\"\n "
      "xmlns=\"http://www.w3.org/2000/svg\""
      " xmlns:xlink='http://www.w3.org/1999/xlink' width=\"10\">\n<title>Gnuplot</title>"
      "<defs><path id='gpPt0' d='M0 0'/><clipPath id=\"clip1\"/><g grid='x' xml:id='k'/></defs>"
      "<use xlink:href='#gpPt0'/><g clip-path=\"url(#clip1)\"/></svg>";
  const std::string out = inline_svg(svg, "c3", "Places & <need>");
  EXPECT_EQ(out.rfind("<svg role=\"img\" aria-label=\"Places &amp; &lt;need&gt;\"", 0), 0u) << out;
  EXPECT_EQ(out.find("<?xml"), std::string::npos);
  EXPECT_EQ(out.find("DOCTYPE"), std::string::npos);
  EXPECT_NE(out.find("id='c3-gpPt0'"), std::string::npos);
  EXPECT_NE(out.find("id=\"c3-clip1\""), std::string::npos);
  EXPECT_NE(out.find("href='#c3-gpPt0'"), std::string::npos);
  EXPECT_NE(out.find("url(#c3-clip1)"), std::string::npos);
  EXPECT_NE(out.find("<title>Places &amp; &lt;need&gt;</title>"), std::string::npos);
  EXPECT_EQ(out.find("Gnuplot"), std::string::npos);
  // The root's namespace declarations go (no URL in the page); other attributes stay.
  EXPECT_EQ(out.find("xmlns"), std::string::npos) << out;
  EXPECT_EQ(out.find("http"), std::string::npos) << out;
  EXPECT_NE(out.find("viewBox=\"0 0 10 10\""), std::string::npos) << out;
  EXPECT_NE(out.find(" width=\"10\">"), std::string::npos) << out;
  // Only whole id attributes are prefixed.
  EXPECT_NE(out.find("grid='x'"), std::string::npos) << out;
  EXPECT_NE(out.find("xml:id='c3-k'"), std::string::npos) << out;
}

TEST(ResultsReader, CsvReaderHandlesQuotesCommasAndLineBreaks) {
  const std::string text = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,,3\r\n";
  CsvReader reader(text);
  std::vector<std::string> f;
  ASSERT_TRUE(reader.next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"a", "b", "c"}));
  ASSERT_TRUE(reader.next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"}));
  ASSERT_TRUE(reader.next(f));
  EXPECT_EQ(f, (std::vector<std::string>{"1", "", "3"}));
  EXPECT_FALSE(reader.next(f));
  CsvReader bad("\"open");
  EXPECT_THROW(bad.next(f), std::runtime_error);
}

TEST(ResultsReader, DecodeKeyUnescapesValues) {
  const auto key = decode_key("year=2023;setting=A%3BB %3D C %25;need=ASD");
  ASSERT_EQ(key.size(), 3u);
  EXPECT_EQ(key[1].first, "setting");
  EXPECT_EQ(key[1].second, "A;B = C %");
  EXPECT_EQ(key[2].second, "ASD");
}

TEST(ResultsReader, ParsesJsonKeepingNumberText) {
  const JsonValue v = parse_json(
      R"({"a": {"b": "x\u00e9\"\n", "n": 18446744073709551615, "f": [1, 2.5, true, null]}, "e": {}})");
  EXPECT_EQ(v.string_at("a.b"), "x\u00e9\"\n");
  EXPECT_EQ(v.string_at("a.n"), "18446744073709551615");
  ASSERT_NE(v.at("a.f"), nullptr);
  EXPECT_EQ(v.at("a.f")->items.size(), 4u);
  EXPECT_EQ(v.string_at("a.missing", "none"), "none");
  EXPECT_THROW((void)parse_json("{\"a\": }"), std::runtime_error);
  EXPECT_THROW((void)parse_json("[1] 2"), std::runtime_error);
}

/// One results folder of the escaping scenario (names full of markup) for
/// the whole suite, with its charts and report.
class Report : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new ScratchDir("report");
    dir_ = scratch_->path() / "results";
    const send::Scenario scenario =
        scenario::load_scenario(fs::path(SENDSIM_SOURCE_DIR) / "tests/scenarios/report-escape.yaml");
    run::RunOptions options = run::RunOptions::from_spec(scenario.run);
    options.threads = 2;
    const run::RunOutput out = run::run_scenario(scenario, options);
    ResultsContext context;
    context.scenario = &scenario;
    context.effective_yaml = scenario::effective_yaml(scenario);
    context.version = "test";
    write_results(dir_, out, run::aggregate(out.results), context);
    files_ = new ReportFiles(render_report(dir_));
    html_ = new std::string(read_file(files_->html));
  }
  static void TearDownTestSuite() {
    delete html_;
    delete files_;
    delete scratch_;
  }
  static inline ScratchDir* scratch_ = nullptr;
  static inline fs::path dir_;
  static inline ReportFiles* files_ = nullptr;
  static inline std::string* html_ = nullptr;
};

TEST_F(Report, DrawsEveryChartAsNonEmptyPngAndSvg) {
  std::set<std::string> stems;
  for (const auto& c : files_->rendered) stems.insert(c.stem);
  for (const char* expected :
       {"capacity_special", "capacity_enhanced", "capacity_need_special", "ehc_by_placement", "timeliness",
        "waiting", "inmss", "spend_by_line", "dsg_balance"}) {
    EXPECT_TRUE(stems.contains(expected)) << expected;
  }
  std::set<std::string> on_disk;
  for (const auto& e : fs::directory_iterator(files_->charts)) on_disk.insert(e.path().filename().string());
  EXPECT_EQ(on_disk.size(), 2 * stems.size());  // PNG and SVG, no data or script left behind
  for (const auto& stem : stems) {
    const std::string png = read_file(files_->charts / (stem + ".png"));
    ASSERT_GT(png.size(), 2000u) << stem;
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << stem;
    const std::string svg = read_file(files_->charts / (stem + ".svg"));
    EXPECT_NE(svg.find("<svg"), std::string::npos) << stem;
    EXPECT_NE(svg.find("<path"), std::string::npos) << stem;
  }
  for (const auto& e : fs::directory_iterator(dir_)) {
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
  }
}

TEST_F(Report, HasEverySectionAndInlinesEveryChart) {
  const std::string& h = *html_;
  for (const char* id :
       {"headlines", "capacity", "plans", "timeliness", "waiting", "inmss", "finance", "scenario"}) {
    EXPECT_NE(h.find("<section id=\"" + std::string(id) + "\">"), std::string::npos) << id;
  }
  for (const auto& c : files_->rendered) {
    EXPECT_NE(h.find("<figure id=\"fig-" + c.stem + "\">"), std::string::npos) << c.stem;
  }
  EXPECT_EQ(count_of(h, "<svg "), files_->rendered.size());
  for (const char* headline : {"EHC plans", "Waiting for a place", "In INMSS", "New EHC plans",
                               "Issued within 20 weeks", "High-needs spend", "DSG cumulative balance"}) {
    EXPECT_NE(h.find("<h3>" + std::string(headline)), std::string::npos) << headline;
  }
  for (const char* table : {"special places and need", "EHC plans at each January census by placement",
                            "new EHC plans and the 20-week limit", "plan holders waiting for a place",
                            "INMSS placements", "high-needs spend by line", "DSG high-needs block", "the run",
                            "capital programme", "key assumptions", "specialist settings"}) {
    EXPECT_NE(h.find("Table: " + std::string(table)), std::string::npos) << table;
  }
  EXPECT_NE(h.find("<details class=\"yaml\">"), std::string::npos);
  EXPECT_NE(h.find("<code>assessment.assessors</code>"), std::string::npos);
  EXPECT_NE(h.find("DfE"), std::string::npos);  // a declared source, e.g. place funding
}

TEST_F(Report, EscapesEveryUserString) {
  const std::string& h = *html_;
  EXPECT_EQ(h.find("<script"), std::string::npos);
  EXPECT_EQ(h.find("<b>bold"), std::string::npos);
  EXPECT_EQ(h.find("<img"), std::string::npos);
  EXPECT_EQ(h.find("<i>East"), std::string::npos);
  EXPECT_EQ(h.find("<u>Coast"), std::string::npos);
  EXPECT_NE(h.find("<h1 id=\"scenario-name\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot; "
                   "&#39;Ltd&#39;</h1>"),
            std::string::npos);
  EXPECT_NE(h.find("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x onerror=alert(2)&gt; description"),
            std::string::npos);
  EXPECT_NE(h.find("&lt;script&gt;alert(3)&lt;/script&gt; &amp; Co special"), std::string::npos);  // setting
  EXPECT_NE(h.find("&lt;i&gt;East&lt;/i&gt; &amp; Vale"), std::string::npos);                      // district
  EXPECT_NE(h.find("Phase &lt;2&gt; &amp; &quot;new&quot; base"), std::string::npos);              // project
}

TEST_F(Report, NeedsNoNetwork) {
  const std::string& h = *html_;
  EXPECT_NE(h.find("content=\"default-src 'none'; style-src 'unsafe-inline'\""), std::string::npos);
  for (const char* fetch : {"<link", "<script", "<iframe", "<object", "<embed", "<img", "@import"}) {
    EXPECT_EQ(h.find(fetch), std::string::npos) << fetch;
  }
  EXPECT_FALSE(std::regex_search(h, std::regex(R"(<[^>]*\s(src|srcset|data)=)")));
  // The only URLs are SVG namespace names (never fetched) and in-page anchors.
  const std::regex url(R"((https?:)?//[A-Za-z0-9.\-]+[^\s"'<>]*)");
  for (auto it = std::sregex_iterator(h.begin(), h.end(), url); it != std::sregex_iterator(); ++it) {
    const std::string u = it->str();
    EXPECT_TRUE(u.starts_with("http://www.w3.org/")) << u;
  }
  EXPECT_EQ(std::regex_search(h, std::regex(R"(url\((?!#))")), false);
}

TEST_F(Report, TotalsEqualTheTables) {
  const ReportData data = load_report_data(dir_);
  const CsvTable ehc = read_csv_table(dir_ / "ehc_snapshot.csv");
  std::map<std::string, double> by_year;
  for (const auto& row : ehc.rows) by_year[row[0]] += *parse_number(row[*ehc.column("mean")]);
  ASSERT_FALSE(by_year.empty());
  EXPECT_EQ(data.census_years.size(), by_year.size());
  for (const auto& [year, mean] : by_year) {
    const engine::Summary* s = data.series.at("ehc:total").find(year);
    ASSERT_NE(s, nullptr) << year;
    EXPECT_NEAR(s->mean, mean, 1e-6 * (1 + mean)) << year;
    EXPECT_LE(s->p5, s->mean + 1e-9);
    EXPECT_GE(s->p95, s->mean - 1e-9);
    EXPECT_EQ(s->n, 3);
  }
  // Places of the special settings in the area at the first census: 70 (Beech, as
  // tiny-scenario.yaml sets it) + 20 (the setting report-escape.yaml adds).
  EXPECT_DOUBLE_EQ(data.series.at("places:special").points.front().stats.mean, 90.0);
  // The shortfall is need less places, replication by replication.
  for (const auto& y : data.census_years) {
    EXPECT_NEAR(data.mean_at("gap:special", y),
                data.mean_at("demand:special", y) - data.mean_at("places:special", y), 1e-9);
  }
}

TEST_F(Report, RenderingAgainReplacesChartsAndReportInPlace) {
  const auto first = fs::last_write_time(files_->html);
  const ReportFiles again = render_report(dir_);
  EXPECT_EQ(again.rendered.size(), files_->rendered.size());
  EXPECT_GE(fs::last_write_time(again.html), first);
  std::size_t charts = 0;
  for (const auto& e : fs::directory_iterator(again.charts)) charts += e.is_regular_file() ? 1 : 0;
  EXPECT_EQ(charts, 2 * again.rendered.size());
  for (const auto& e : fs::directory_iterator(dir_)) {
    const std::string name = e.path().filename().string();
    EXPECT_EQ(name.find(".tmp-"), std::string::npos) << name;
    EXPECT_EQ(name.find(".old"), std::string::npos) << name;
  }
}

TEST_F(Report, WithoutGnuplotFailsClearlyAndChangesNothing) {
  const fs::path copy = scratch_->path() / "copy";
  fs::create_directories(copy);
  for (const auto& e : fs::directory_iterator(dir_)) {
    if (e.is_regular_file() && e.path().filename() != "report.html")
      fs::copy_file(e.path(), copy / e.path().filename());
  }
  {
    const PathWithoutGnuplot no_gnuplot(scratch_->path() / "empty-bin");
    try {
      (void)render_report(copy);
      ADD_FAILURE() << "render_report succeeded without gnuplot";
    } catch (const ChartsError& e) {
      EXPECT_NE(std::string(e.what()).find("gnuplot-nox"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("--no-report"), std::string::npos) << e.what();
    }
  }
  EXPECT_FALSE(fs::exists(copy / "report.html"));
  EXPECT_FALSE(fs::exists(copy / "charts"));
  for (const auto& e : fs::directory_iterator(copy)) {
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
  }
  EXPECT_TRUE(fs::exists(copy / "summary.json"));  // the tables are still there
}

TEST(ReportErrors, AFolderWithoutSummaryIsNotAResultsFolder) {
  ScratchDir scratch("report-empty");
  EXPECT_THROW((void)load_report_data(scratch.path()), std::runtime_error);
  EXPECT_THROW((void)render_report(scratch.path()), std::runtime_error);
  EXPECT_TRUE(scratch.entries().empty());
}

}  // namespace
}  // namespace sendsim::output
