// tests/output/data_dictionary_test.cpp: every column of every CSV a run
// writes, and every value of its measure/line/stage columns, is documented in
// output/README.md. Checked on hand-made results and on the tables of a real
// (short) replication of the tiny model, so a table or measure added to the
// model without documentation fails here. tidy.csv and the DfE-shaped tables
// are checked the same way: every column, every code they write (statistic,
// period_type, provision_type, category), every metric of tidy.csv and its
// unit against the measure tables of output/README.md.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "../send/tiny_model.hpp"
#include "output/compare_writer.hpp"
#include "output/results_writer.hpp"
#include "results_fixture.hpp"
#include "run/runner.hpp"

namespace sendsim::output {
namespace {

using namespace testing;

/// The columns whose values a README table lists (a table whose first header
/// cell is the column's name); "headline" lists summary.json's headline series.
const std::set<std::string> kCodeColumns = {"measure",     "line",           "stage",    "statistic",
                                            "period_type", "provision_type", "category", "headline"};

/// What output/README.md documents, per file: its columns and, per code
/// column, the values (and their units, where the table has a unit column).
struct Dictionary {
  std::map<std::string, std::set<std::string>> columns;                        // file -> columns
  std::map<std::string, std::map<std::string, std::set<std::string>>> values;  // file -> column -> values
  std::map<std::string, std::map<std::string, std::string>> units;             // file -> value -> unit
  std::set<std::string> statistic_columns;                                     // every table file
};

std::string trim(std::string s) {
  const auto first = s.find_first_not_of(" \t`");
  const auto last = s.find_last_not_of(" \t`");
  return first == std::string::npos ? "" : s.substr(first, last - first + 1);
}

std::vector<std::string> cells(const std::string& line) {
  std::vector<std::string> out;
  std::string cell;
  for (std::size_t i = 1; i < line.size(); ++i) {  // skip the leading '|'
    if (line[i] == '|') {
      out.push_back(trim(cell));
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  return out;
}

/// Sections are headings naming a file in backticks (`flows.csv`) or the
/// "Statistic columns" heading; a table whose first header cell is "column"
/// lists columns, one headed "measure", "line" or "stage" lists that column's
/// values.
Dictionary parse_readme(const std::string& text) {
  Dictionary d;
  std::string section;
  std::string table_kind;  // first header cell of the current table; "" outside tables
  bool has_unit = false;   // the current table's second header cell is "unit"
  bool in_table = false;
  for (const std::string& line : lines_of(text)) {
    if (line.starts_with("#")) {
      section.clear();
      const auto open = line.find('`');
      const auto close = open == std::string::npos ? open : line.find('`', open + 1);
      if (close != std::string::npos) section = line.substr(open + 1, close - open - 1);
      if (line.find("Statistic columns") != std::string::npos) section = "*";
      in_table = false;
      continue;
    }
    if (!line.starts_with("|")) {
      in_table = false;
      continue;
    }
    const auto row = cells(line);
    if (row.empty()) continue;
    if (!in_table) {
      in_table = true;
      table_kind = row[0];
      has_unit = row.size() > 1 && row[1] == "unit";
      continue;
    }
    if (row[0].starts_with("---") || section.empty()) continue;
    if (table_kind == "column") {
      (section == "*" ? d.statistic_columns : d.columns[section]).insert(row[0]);
    } else if (kCodeColumns.count(table_kind) || table_kind == "metric") {
      d.values[section][table_kind].insert(row[0]);
      if (has_unit && row.size() > 1) d.units[section][row[0]] = row[1];
    }
  }
  return d;
}

Dictionary readme() {
  const std::string text = read_file(fs::path(SENDSIM_SOURCE_DIR) / "output" / "README.md");
  EXPECT_FALSE(text.empty()) << "output/README.md not found";
  return parse_readme(text);
}

/// Splits a CSV line (no quoted commas in headers and code columns here;
/// quoted fields are kept whole).
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.push_back(field);
      field.clear();
    } else {
      field += c;
    }
  }
  out.push_back(field);
  return out;
}

/// Checks every CSV in `dir` against the dictionary.
void expect_documented(const fs::path& dir, const Dictionary& d, int min_files = 2) {
  const std::set<std::string> not_tables = {"per_replication.csv", "tidy.csv"};
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string file = entry.path().filename().string();
    if (entry.path().extension() != ".csv") continue;
    ++files;
    SCOPED_TRACE(file);
    ASSERT_TRUE(d.columns.count(file)) << file << " has no section with a column table in output/README.md";
    const auto& documented = d.columns.at(file);
    const auto lines = lines_of(read_file(entry.path()));
    ASSERT_FALSE(lines.empty());
    const auto header = csv_fields(lines[0]);
    for (const auto& column : header) {
      const bool ok =
          documented.count(column) || (!not_tables.count(file) && d.statistic_columns.count(column));
      EXPECT_TRUE(ok) << "column \"" << column << "\" of " << file
                      << " is not documented in output/README.md";
    }
    // Code columns: every value that occurs is documented.
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string& column = header[c];
      if (!kCodeColumns.count(column)) continue;
      const auto values_it = d.values.find(file);
      ASSERT_TRUE(values_it != d.values.end() && values_it->second.count(column))
          << file << ": no table of " << column << " values in output/README.md";
      const auto& known = values_it->second.at(column);
      for (std::size_t i = 1; i < lines.size(); ++i) {
        const auto fields = csv_fields(lines[i]);
        ASSERT_GT(fields.size(), c);
        EXPECT_TRUE(known.count(fields[c]))
            << column << " \"" << fields[c] << "\" of " << file << " is not documented in output/README.md";
      }
    }
  }
  EXPECT_GE(files, min_files);
}

/// tidy.csv: every metric names a documented table file (and a documented
/// measure, line or stage of it, or a documented headline series), and its
/// unit is the one the README gives that measure, where it gives one.
void expect_tidy_documented(const fs::path& dir, const Dictionary& d) {
  const auto lines = lines_of(read_file(dir / "tidy.csv"));
  ASSERT_GT(lines.size(), 1u);
  ASSERT_EQ(lines[0], "table,metric,period_type,period,breakdown,statistic,value,unit");
  std::set<std::string> checked;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto f = csv_fields(lines[i]);
    ASSERT_EQ(f.size(), 8u) << lines[i];
    const std::string& table = f[0];
    const std::string& metric = f[1];
    const std::string& statistic = f[5];
    const std::string& unit = f[7];
    if (statistic == "n") {
      EXPECT_EQ(unit, "replications") << lines[i];
      continue;
    }
    if (!checked.insert(metric).second) continue;
    const std::string file = table == "headline" ? "summary.json" : table + ".csv";
    ASSERT_TRUE(d.columns.count(file) || d.values.count(file))
        << "tidy.csv table \"" << table << "\" is not documented";
    ASSERT_TRUE(metric == table || metric.starts_with(table + ".")) << metric;
    if (metric == table) continue;
    const std::string value = metric.substr(table.size() + 1);
    bool documented = false;
    for (const auto& [column, values] :
         d.values.count(file) ? d.values.at(file) : decltype(d.values)::mapped_type{}) {
      documented = documented || values.count(value) > 0;
    }
    EXPECT_TRUE(documented) << "tidy.csv metric \"" << metric << "\" is not documented in output/README.md";
    if (d.units.count(file) && d.units.at(file).count(value)) {
      EXPECT_EQ(unit, d.units.at(file).at(value)) << "unit of tidy.csv metric " << metric;
    }
  }
  EXPECT_GE(checked.size(), 3u);
}

TEST(DataDictionary, ReadmeParses) {
  const Dictionary d = readme();
  EXPECT_EQ(d.statistic_columns,
            (std::set<std::string>{"n", "mean", "sd", "ci_low", "ci_high", "p5", "p50", "p95"}));
  EXPECT_TRUE(d.columns.count("per_replication.csv"));
  EXPECT_TRUE(d.values.at("flows.csv").at("measure").count("plans_issued"));
  EXPECT_EQ(d.units.at("flows.csv").at("plans_issued"), "plans");
  EXPECT_TRUE(d.columns.count("tidy.csv"));
  EXPECT_TRUE(d.values.at("tidy.csv").at("statistic").count("ci_high"));
  EXPECT_TRUE(d.values.at("dfe_scap_forecast.csv").at("provision_type").count("SS"));
  EXPECT_TRUE(d.values.at("dfe_dsg_plan_grid.csv").at("category").count("Mainstream schools or academies"));
  EXPECT_TRUE(d.values.at("summary.json").at("headline").count("ehc_plans"));
}

TEST(DataDictionary, EveryColumnOfHandMadeResultsIsDocumented) {
  ScratchDir scratch("dictionary");
  const send::Scenario sc = hand_made_scenario();
  const run::RunOutput out = hand_made_output(hand_made_results());
  write_results(scratch.path() / "out", out, run::aggregate(out.results), ResultsContext{&sc, "", "0"});
  const Dictionary d = readme();
  expect_documented(scratch.path() / "out", d);
  expect_tidy_documented(scratch.path() / "out", d);
}

TEST(DataDictionary, EveryColumnOfARealRunIsDocumented) {
  ScratchDir scratch("dictionary-real");
  send::Scenario sc = send::testing::tiny_scenario();
  sc.run.end_date = {2024, 8, 31};
  // A capital project, so the capital table has rows too.
  send::CapitalProject project;
  project.name = "Elm special";
  project.action = send::CapitalAction::kOpen;
  project.setting.name = "Elm special";
  project.setting.type = send::SettingType::kSpecial;
  project.setting.district = "North";
  project.setting.min_age = 4;
  project.setting.max_age = 18;
  project.planned = {2022, 9, 1};
  project.places = 40;
  sc.model.capital_programme.push_back(project);
  run::RunOptions options = run::RunOptions::from_spec(sc.run);
  options.replications = 2;
  const run::RunOutput out = run::run_scenario(sc, options);
  const auto tables = run::aggregate(out.results);
  write_results(scratch.path() / "out", out, tables, ResultsContext{&sc, "", "0"});
  const Dictionary d = readme();
  expect_documented(scratch.path() / "out", d);
  expect_tidy_documented(scratch.path() / "out", d);
  for (const auto& t : tables) EXPECT_TRUE(d.columns.count(t.info.name + ".csv")) << t.info.name;
  // The DfE-shaped tables are written, with rows.
  for (const char* dfe : {"dfe_scap_forecast.csv", "dfe_dsg_plan_grid.csv"}) {
    EXPECT_GT(lines_of(read_file(scratch.path() / "out" / dfe)).size(), 1u) << dfe;
  }
}

TEST(DataDictionary, EveryColumnOfAComparisonIsDocumented) {
  // differences.csv (its columns and every metric it can name) and the
  // scenario folders inside the comparison folder.
  ScratchDir scratch("dictionary-compare");
  send::Scenario base = send::testing::tiny_scenario();
  base.run.end_date = {2023, 8, 31};
  send::Scenario option = base;
  option.name = "tiny option";
  for (auto& s : option.model.settings) {
    if (s.name == "Beech special") s.places.back().places += 20;
  }
  run::CompareOptions options;
  options.replications = 2;
  options.seed = base.run.seed;
  const run::ComparisonRun ran = run::run_comparison({base, option}, options);
  ComparisonContext context;
  context.scenarios = {&base, &option};
  context.folders = {"base", "option"};
  context.effective_yaml = {"", ""};
  context.version = "0";
  const std::vector<std::string> files = write_comparison(scratch.path() / "cmp", ran, context);
  EXPECT_EQ(files, (std::vector<std::string>{"base/", "option/", "differences.csv", "dfe_dsg_plan_grid.csv",
                                             "dfe_dsg_plan.xlsx", "timing.json", "summary.json"}));
  const Dictionary d = readme();
  expect_documented(scratch.path() / "cmp", d, 1);
  expect_documented(scratch.path() / "cmp" / "option", d);
  ASSERT_TRUE(d.values.count("differences.csv") && d.values.at("differences.csv").count("metric"));
  const auto& metrics = d.values.at("differences.csv").at("metric");
  for (const auto& m : run::comparison_metrics()) EXPECT_TRUE(metrics.count(m.name)) << m.name;
  const auto lines = lines_of(read_file(scratch.path() / "cmp" / "differences.csv"));
  ASSERT_GT(lines.size(), 10u);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const auto fields = csv_fields(lines[i]);
    EXPECT_TRUE(metrics.count(fields.at(0))) << lines[i];
  }
}

}  // namespace
}  // namespace sendsim::output
