// tests/output/data_dictionary_test.cpp: every column of every CSV a run
// writes, and every value of its measure/line/stage columns, is documented in
// output/README.md. Checked on hand-made results and on the tables of a real
// (short) replication of the tiny model, so a table or measure added to the
// model without documentation fails here.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "../send/tiny_model.hpp"
#include "output/results_writer.hpp"
#include "results_fixture.hpp"
#include "run/runner.hpp"

namespace sendsim::output {
namespace {

using namespace testing;

/// What output/README.md documents, per file: its columns and, per code
/// column (measure, line, stage), the values.
struct Dictionary {
  std::map<std::string, std::set<std::string>> columns;                          // file -> columns
  std::map<std::string, std::map<std::string, std::set<std::string>>> values;    // file -> column -> values
  std::set<std::string> statistic_columns;                                       // every table file
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
      continue;
    }
    if (row[0].starts_with("---") || section.empty()) continue;
    if (table_kind == "column") {
      (section == "*" ? d.statistic_columns : d.columns[section]).insert(row[0]);
    } else if (table_kind == "measure" || table_kind == "line" || table_kind == "stage") {
      d.values[section][table_kind].insert(row[0]);
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
void expect_documented(const fs::path& dir, const Dictionary& d) {
  const std::set<std::string> not_tables = {"per_replication.csv"};
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
      const bool ok = documented.count(column) || (!not_tables.count(file) && d.statistic_columns.count(column));
      EXPECT_TRUE(ok) << "column \"" << column << "\" of " << file << " is not documented in output/README.md";
    }
    // Code columns: every value that occurs is documented.
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string& column = header[c];
      if (column != "measure" && column != "line" && column != "stage") continue;
      const auto values_it = d.values.find(file);
      ASSERT_TRUE(values_it != d.values.end() && values_it->second.count(column))
          << file << ": no table of " << column << " values in output/README.md";
      const auto& known = values_it->second.at(column);
      for (std::size_t i = 1; i < lines.size(); ++i) {
        const auto fields = csv_fields(lines[i]);
        ASSERT_GT(fields.size(), c);
        EXPECT_TRUE(known.count(fields[c])) << column << " \"" << fields[c] << "\" of " << file
                                            << " is not documented in output/README.md";
      }
    }
  }
  EXPECT_GT(files, 1);
}

TEST(DataDictionary, ReadmeParses) {
  const Dictionary d = readme();
  EXPECT_EQ(d.statistic_columns,
            (std::set<std::string>{"n", "mean", "sd", "ci_low", "ci_high", "p5", "p50", "p95"}));
  EXPECT_TRUE(d.columns.count("per_replication.csv"));
  EXPECT_TRUE(d.values.at("flows.csv").at("measure").count("plans_issued"));
}

TEST(DataDictionary, EveryColumnOfHandMadeResultsIsDocumented) {
  ScratchDir scratch("dictionary");
  const send::Scenario sc = hand_made_scenario();
  const run::RunOutput out = hand_made_output(hand_made_results());
  write_results(scratch.path() / "out", out, run::aggregate(out.results), ResultsContext{&sc, "", "0"});
  expect_documented(scratch.path() / "out", readme());
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
  for (const auto& t : tables) EXPECT_TRUE(d.columns.count(t.info.name + ".csv")) << t.info.name;
}

}  // namespace
}  // namespace sendsim::output
