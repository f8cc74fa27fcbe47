// tests/output/compare_report_test.cpp: charts (gnuplot) and the HTML report
// of a comparison folder: every chart drawn and inlined, the headline
// differences equal to differences.csv, scenario names escaped (and never in
// a chart), no URL, re-rendering in place with `sendsim report DIR` (which
// also draws each scenario's report), and a missing gnuplot reported with
// nothing changed.
#include "output/compare_report.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <tuple>

#include "output/compare_writer.hpp"
#include "output/report_html.hpp"
#include "output/results_reader.hpp"
#include "results_fixture.hpp"
#include "run/compare.hpp"
#include "scenario/loader.hpp"

namespace sendsim::output {
namespace {

namespace fs = std::filesystem;
using testing::PathWithoutGnuplot;
using testing::read_file;
using testing::ScratchDir;

const fs::path kScenarios = fs::path(SENDSIM_SOURCE_DIR) / "tests" / "scenarios";
/// The third scenario's name: markup and an ampersand.
const std::string kMarkupName = "<b>x</b> & co";

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Runs the sendsim binary with `args` and an optional PATH; exit code and stdout.
std::pair<int, std::string> run_sendsim(const std::vector<std::string>& args, const fs::path& out_file,
                                        const std::string& path_env = "") {
  // Appended piece by piece (GCC 12 warns falsely, -Wrestrict, on chains of operator+).
  std::string command;
  if (!path_env.empty()) {
    command += "PATH=";
    command += quote(path_env);
    command += ' ';
  }
  command += quote(SENDSIM_BINARY);
  for (const auto& a : args) {
    command += ' ';
    command += quote(a);
  }
  command += " >";
  command += quote(out_file.string());
  command += " 2>";
  command += quote(out_file.string() + ".err");
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1,
          read_file(out_file) + read_file(out_file.string() + ".err")};
}

/// Every file under `dir` (relative path -> bytes).
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string rel = fs::relative(e.path(), dir).string();
    out[rel + (e.is_directory() ? "/" : "")] = e.is_regular_file() ? read_file(e.path()) : "";
  }
  return out;
}

/// The attributes of each headline row (<tr class="hl" ...>).
std::vector<std::map<std::string, std::string>> headline_rows(const std::string& html) {
  std::vector<std::map<std::string, std::string>> rows;
  const std::regex tr(R"(<tr class="hl"([^>]*)>(.*?)</tr>)");
  const std::regex attribute(R"re(\s([a-z-]+)="([^"]*)")re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), tr); it != std::sregex_iterator(); ++it) {
    std::map<std::string, std::string> row;
    const std::string attributes = (*it)[1];
    for (auto a = std::sregex_iterator(attributes.begin(), attributes.end(), attribute);
         a != std::sregex_iterator(); ++a) {
      row[(*a)[1]] = (*a)[2];
    }
    row["cells"] = (*it)[2];
    rows.push_back(row);
  }
  return rows;
}

/// A shown number ("+1,234.5", "\u2212\u00a30.35m", "+3.1 pts") as a double
/// in the metric's unit (pounds, not millions).
double parse_shown(std::string text) {
  bool negative = false;
  if (text.starts_with("\u2212")) {
    negative = true;
    text = text.substr(3);
  }
  const bool millions = text.find("\u00a3") != std::string::npos;
  std::string digits;
  for (const char c : text) {
    if ((c >= '0' && c <= '9') || c == '.') digits += c;
  }
  const double v = std::stod(digits) * (millions ? 1e6 : 1.0);
  return negative ? -v : v;
}

/// A comparison of three scenarios (the tiny baseline, a capital option, and
/// the escaping scenario renamed to markup) with its comparison report.
class CompareReport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new ScratchDir("compare-report");
    dir_ = scratch_->path() / "cmp";
    std::vector<send::Scenario> scenarios = {scenario::load_scenario(kScenarios / "tiny-scenario.yaml"),
                                             scenario::load_scenario(kScenarios / "tiny-option.yaml"),
                                             scenario::load_scenario(kScenarios / "report-escape.yaml")};
    scenarios[2].name = kMarkupName;
    run::CompareOptions options;
    options.replications = 3;
    options.seed = scenarios.front().run.seed;
    options.threads = 2;
    const run::ComparisonRun ran = run::run_comparison(scenarios, options);
    ComparisonContext context;
    for (auto& s : scenarios) {
      s.run.seed = options.seed;
      s.run.replications = 3;
      context.scenarios.push_back(&s);
      context.effective_yaml.push_back(scenario::effective_yaml(s));
    }
    context.folders = {"base", "option", "markup"};
    context.version = "test";
    (void)write_comparison(dir_, ran, context);
    names_ = new std::vector<std::string>{scenarios[0].name, scenarios[1].name, scenarios[2].name};
    files_ = new ReportFiles(render_compare_report(dir_));
    html_ = new std::string(read_file(files_->html));
  }
  static void TearDownTestSuite() {
    delete html_;
    delete files_;
    delete names_;
    delete scratch_;
  }
  static inline ScratchDir* scratch_ = nullptr;
  static inline fs::path dir_;
  static inline std::vector<std::string>* names_ = nullptr;
  static inline ReportFiles* files_ = nullptr;
  static inline std::string* html_ = nullptr;
};

TEST_F(CompareReport, DrawsEveryChartAsNonEmptyPngAndSvg) {
  std::set<std::string> stems;
  for (const auto& c : files_->rendered) stems.insert(c.stem);
  for (const char* expected :
       {"diff_ehc_plans", "diff_waiting", "diff_unmet_demand", "diff_inmss_placements",
        "diff_special_placements", "diff_travel_minutes_special", "diff_plans_issued",
        "diff_pct_within_20_weeks", "diff_spend", "diff_dsg_spend", "diff_dsg_cumulative_balance",
        "mean_waiting", "mean_inmss_placements", "mean_dsg_cumulative_balance"}) {
    EXPECT_TRUE(stems.contains(expected)) << expected;
  }
  EXPECT_EQ(stems.size(), files_->rendered.size());  // no stem twice
  // The list the report was drawn from is the one the data supports.
  EXPECT_EQ(comparison_chart_list(load_comparison_data(dir_)).size(), stems.size());
  std::set<std::string> on_disk;
  for (const auto& e : fs::directory_iterator(files_->charts)) on_disk.insert(e.path().filename().string());
  EXPECT_EQ(on_disk.size(), 2 * stems.size());  // PNG and SVG only: no data file or script left
  for (const auto& stem : stems) {
    const std::string png = read_file(files_->charts / (stem + ".png"));
    ASSERT_GT(png.size(), 2000u) << stem;
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8)) << stem;
    const std::string svg = read_file(files_->charts / (stem + ".svg"));
    EXPECT_NE(svg.find("<svg"), std::string::npos) << stem;
    EXPECT_NE(svg.find("<path"), std::string::npos) << stem;
    // Legends name the scenarios by letter only.
    EXPECT_NE(svg.find("Scenario B"), std::string::npos) << stem;
    EXPECT_NE(svg.find("Scenario C"), std::string::npos) << stem;
    for (const std::string& name : *names_) {
      EXPECT_EQ(svg.find(name), std::string::npos) << stem << ": " << name;
      EXPECT_EQ(svg.find(html_escape(name)), std::string::npos) << stem << ": " << name;
    }
    EXPECT_EQ(svg.find("x&lt;/b&gt;"), std::string::npos) << stem;
  }
  for (const auto& e : fs::directory_iterator(dir_)) {
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
  }
}

TEST_F(CompareReport, InlinesOneSvgPerChart) {
  const std::string& h = *html_;
  EXPECT_EQ(count_of(h, "<svg "), files_->rendered.size());
  for (const auto& c : files_->rendered) {
    EXPECT_NE(h.find("<figure id=\"fig-" + c.stem + "\">"), std::string::npos) << c.stem;
  }
  for (const char* id : {"headlines", "differences", "levels", "scenarios", "method"}) {
    EXPECT_NE(h.find("<section id=\"" + std::string(id) + "\">"), std::string::npos) << id;
  }
  EXPECT_NE(h.find("common random numbers"), std::string::npos);
  EXPECT_NE(h.find("paired difference"), std::string::npos);
}

TEST_F(CompareReport, HeadlineDifferencesEqualDifferencesCsv) {
  const CsvTable csv = read_csv_table(dir_ / "differences.csv");
  const auto col = [&](const char* name) { return *csv.column(name); };
  // (metric, breakdown value, period, scenario name) -> row
  std::map<std::tuple<std::string, std::string, std::string, std::string>, const std::vector<std::string>*>
      rows;
  for (const auto& r : csv.rows) {
    rows[{r[col("metric")], r[col("breakdown_value")], r[col("period")], r[col("scenario")]}] = &r;
  }
  const auto headlines = headline_rows(*html_);
  std::set<std::string> metrics;
  std::size_t compared = 0;
  std::size_t flagged = 0;
  for (const auto& hl : headlines) {
    const std::size_t s = std::stoul(hl.at("data-scenario"));
    ASSERT_LT(s, names_->size());
    const std::string metric = hl.at("data-metric");
    metrics.insert(metric);
    if (s == 0) continue;
    const auto key =
        std::make_tuple(metric, hl.at("data-breakdown-value"), hl.at("data-period"), (*names_)[s]);
    ASSERT_TRUE(rows.contains(key)) << metric << " " << hl.at("data-period") << " " << s;
    const auto& r = *rows.at(key);
    SCOPED_TRACE(metric + " " + hl.at("data-period") + " scenario " + std::to_string(s));
    // The exact numbers.
    for (const auto& [attribute, column] :
         std::vector<std::pair<std::string, std::string>>{{"data-diff-mean", "diff_mean"},
                                                          {"data-diff-ci-low", "diff_ci_low"},
                                                          {"data-diff-ci-high", "diff_ci_high"},
                                                          {"data-mean", "other_mean"},
                                                          {"data-ci-low", "other_ci_low"},
                                                          {"data-ci-high", "other_ci_high"}}) {
      const auto expected = parse_number(r[col(column.c_str())]);
      const auto shown = parse_number(hl.at(attribute));
      ASSERT_TRUE(expected.has_value()) << column;
      ASSERT_TRUE(shown.has_value()) << attribute;
      EXPECT_EQ(*shown, *expected) << attribute;
    }
    // The number a reader sees: the difference as rounded for display.
    const std::regex diff_cell(R"(<span class="diff">([^<]*)</span>)");
    std::smatch m;
    const std::string& cells = hl.at("cells");
    ASSERT_TRUE(std::regex_search(cells, m, diff_cell)) << cells;
    const double diff = *parse_number(r[col("diff_mean")]);
    const double tolerance = r[col("unit")] == "pounds" ? 0.005e6 + 1 : 0.05 + 1e-9;
    EXPECT_NEAR(parse_shown(m[1]), diff, tolerance) << m[1];
    // Flagged exactly when the interval excludes 0.
    const double lo = *parse_number(r[col("diff_ci_low")]);
    const double hi = *parse_number(r[col("diff_ci_high")]);
    const bool excludes = lo > 0 || hi < 0;
    EXPECT_EQ(cells.find("class=\"sig\"") != std::string::npos, excludes) << cells;
    flagged += excludes ? 1 : 0;
    ++compared;
  }
  for (const char* m : {"ehc_plans", "waiting", "unmet_demand", "inmss_placements", "travel_minutes", "spend",
                        "dsg_cumulative_balance"}) {
    EXPECT_TRUE(metrics.contains(m)) << m;
  }
  EXPECT_EQ(headlines.size(), 3 * metrics.size());  // every scenario of every measure
  EXPECT_GE(compared, 2 * 10u);
  EXPECT_GT(flagged, 0u);  // a new special school resolves some difference in the tiny area
}

// The runs go from 2021-09-01 to 2026-08-31: the last census is January 2026,
// the last whole calendar year 2025 and the last whole financial year 2025-26
// (2026 and 2026-27 are in differences.csv and the charts, but partial).
TEST_F(CompareReport, HeadlinesShowTheLastWholePeriod) {
  std::map<std::string, std::set<std::string>> periods;
  for (const auto& hl : headline_rows(*html_)) periods[hl.at("data-metric")].insert(hl.at("data-period"));
  const std::map<std::string, std::string> expected = {
      {"ehc_plans", "2026"},           {"waiting", "2026"},
      {"inmss_placements", "2026"},    {"plans_issued", "2025"},
      {"pct_within_20_weeks", "2025"}, {"spend", "2025-26"},
      {"dsg_spend", "2025-26"},        {"dsg_cumulative_balance", "2025-26"}};
  for (const auto& [metric, period] : expected) {
    EXPECT_EQ(periods[metric], std::set<std::string>{period}) << metric;
  }
  const std::string csv = read_file(dir_ / "differences.csv");
  EXPECT_NE(csv.find("spend,2026-27,"), std::string::npos);  // the partial year is there, not in the headline
}

TEST_F(CompareReport, EscapesScenarioNamesAndDescriptions) {
  const std::string& h = *html_;
  EXPECT_EQ(h.find("<b>x</b>"), std::string::npos);
  EXPECT_EQ(h.find("<b>bold"), std::string::npos);
  EXPECT_EQ(h.find("<img"), std::string::npos);
  EXPECT_EQ(h.find("<script"), std::string::npos);
  EXPECT_NE(h.find("<span class=\"scenario-name\">&lt;b&gt;x&lt;/b&gt; &amp; co</span>"), std::string::npos);
  EXPECT_NE(h.find("&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img src=x onerror=alert(2)&gt; description"),
            std::string::npos);  // report-escape.yaml's description
  // Each scenario's own report, linked relative to the comparison folder.
  for (const char* folder : {"base", "option", "markup"}) {
    EXPECT_NE(h.find("<a href=\"" + std::string(folder) + "/report.html\">"), std::string::npos) << folder;
  }
  EXPECT_NE(h.find("<a href=\"differences.csv\">"), std::string::npos);
}

TEST_F(CompareReport, NamesNoUrlAndFetchesNothing) {
  const std::string& h = *html_;
  EXPECT_EQ(h.find("http://"), std::string::npos);
  EXPECT_EQ(h.find("https://"), std::string::npos);
  EXPECT_EQ(h.find("//www."), std::string::npos);
  EXPECT_NE(h.find("content=\"default-src 'none'; style-src 'unsafe-inline'\""), std::string::npos);
  for (const char* fetch : {"<link", "<script", "<iframe", "<object", "<embed", "<img", "@import"}) {
    EXPECT_EQ(h.find(fetch), std::string::npos) << fetch;
  }
  EXPECT_FALSE(std::regex_search(h, std::regex(R"(<[^>]*\s(src|srcset|data)=)")));
  EXPECT_FALSE(std::regex_search(h, std::regex(R"(url\((?!#))")));
}

TEST_F(CompareReport, SendsimReportReRendersInPlaceWithEveryScenario) {
  const fs::path copy = scratch_->path() / "again";
  fs::copy(dir_, copy, fs::copy_options::recursive);
  const auto before = fs::last_write_time(copy / "report.html");
  const auto [code, out] = run_sendsim({"report", copy.string()}, scratch_->path() / "report.out");
  ASSERT_EQ(code, 0) << out;
  // The scenarios' reports, then the comparison's as the last line.
  for (const char* folder : {"base", "option", "markup"}) {
    EXPECT_TRUE(fs::is_regular_file(copy / folder / "report.html")) << folder;
    EXPECT_TRUE(fs::is_directory(copy / folder / "charts")) << folder;
    EXPECT_NE(out.find("scenario report: " + (copy / folder / "report.html").string() + "\n"),
              std::string::npos)
        << out;
  }
  EXPECT_TRUE(out.ends_with("report: " + (copy / "report.html").string() + "\n")) << out;
  EXPECT_GE(fs::last_write_time(copy / "report.html"), before);
  const std::string html = read_file(copy / "report.html");
  EXPECT_EQ(count_of(html, "<svg "), files_->rendered.size());
  EXPECT_EQ(html.find("(not drawn yet"), std::string::npos);  // every scenario report exists now
  std::size_t charts = 0;
  for (const auto& e : fs::directory_iterator(copy / "charts")) charts += e.is_regular_file() ? 1 : 0;
  EXPECT_EQ(charts, 2 * files_->rendered.size());
  for (const auto& e : fs::recursive_directory_iterator(copy)) {
    const std::string name = e.path().filename().string();
    EXPECT_EQ(name.find(".tmp-"), std::string::npos) << e.path();
    EXPECT_EQ(name.find(".old"), std::string::npos) << e.path();
  }
  // The same numbers again: headline rows are those of the first rendering.
  const auto first = headline_rows(*html_);
  const auto second = headline_rows(html);
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].at("data-mean"), second[i].at("data-mean")) << i;
  }
}

TEST_F(CompareReport, WithoutGnuplotFailsClearlyAndChangesNothing) {
  const fs::path copy = scratch_->path() / "no-gnuplot";
  fs::copy(dir_, copy, fs::copy_options::recursive);
  const auto before = snapshot(copy);
  const fs::path empty_bin = scratch_->path() / "empty-bin";
  fs::create_directories(empty_bin);

  // The library call.
  {
    const PathWithoutGnuplot no_gnuplot(empty_bin);
    try {
      (void)render_compare_report(copy);
      ADD_FAILURE() << "render_compare_report succeeded without gnuplot";
    } catch (const ChartsError& e) {
      EXPECT_NE(std::string(e.what()).find("gnuplot is not installed"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(snapshot(copy), before);

  // The command: exit 1, the reason and how to draw the reports later.
  const auto [code, out] =
      run_sendsim({"report", copy.string()}, scratch_->path() / "nognuplot.out", empty_bin.string());
  EXPECT_EQ(code, 1) << out;
  EXPECT_NE(out.find("sendsim: error: charts: gnuplot is not installed"), std::string::npos) << out;
  EXPECT_NE(out.find("the comparison folder " + copy.string() +
                     " is complete without them; draw them later with: "
                     "sendsim report " +
                     copy.string()),
            std::string::npos)
      << out;
  EXPECT_EQ(snapshot(copy), before);
}

TEST(CompareReportErrors, AResultsFolderIsNotAComparison) {
  ScratchDir scratch("compare-report-errors");
  EXPECT_FALSE(is_comparison_folder(scratch.path()));
  EXPECT_THROW((void)load_comparison_data(scratch.path()), std::runtime_error);
  EXPECT_THROW((void)render_compare_report(scratch.path()), std::runtime_error);
  { std::ofstream(scratch.path() / "summary.json") << "{\"program\": \"sendsim\", \"scenario\": {}}\n"; }
  EXPECT_FALSE(is_comparison_folder(scratch.path()));
  try {
    (void)render_compare_report(scratch.path());
    ADD_FAILURE() << "a results folder rendered as a comparison";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("is not a comparison folder"), std::string::npos) << e.what();
  }
  EXPECT_EQ(scratch.entries(), std::vector<std::string>{"summary.json"});
}

TEST(CompareReportNames, ScenarioKeysAreLetters) {
  EXPECT_EQ(scenario_key(0), "Scenario A");
  EXPECT_EQ(scenario_key(2), "Scenario C");
  EXPECT_EQ(scenario_key(25), "Scenario Z");
  EXPECT_EQ(scenario_key(26), "Scenario 27");
}

}  // namespace
}  // namespace sendsim::output
