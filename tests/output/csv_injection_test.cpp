// tests/output/csv_injection_test.cpp: no CSV sendsim writes holds a cell a
// spreadsheet would run (issue 11: a setting named =HYPERLINK(...) was
// written as is into occupancy.csv, capacity.csv, waiting_snapshot.csv and
// unmet_demand.csv). The rule (OWASP): a text field starting with = + - @,
// a tab or CR (or ', so that it reads back exactly) gets a leading ' and is
// quoted; numbers ("-5") are left alone. Our own reader strips the guard, so
// the report shows the names as written. Checked on every CSV writer: a
// whole results folder (every table, tidy.csv, the DfE tables,
// per_replication.csv) and a comparison folder (differences.csv).
#include <gtest/gtest.h>

#include <set>

#include "../send/tiny_model.hpp"
#include "output/compare_writer.hpp"
#include "output/csv.hpp"
#include "output/results_reader.hpp"
#include "output/results_writer.hpp"
#include "results_fixture.hpp"
#include "run/compare.hpp"
#include "run/runner.hpp"

namespace sendsim::output {
namespace {

using namespace testing;

std::string field_of(std::string_view text) {
  std::string out;
  append_csv_field(out, text);
  return out;
}

TEST(CsvInjection, FormulaLikeFieldsGetALeadingQuote) {
  EXPECT_EQ(field_of("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
  EXPECT_EQ(field_of("+44 20 7946 0000"), "\"'+44 20 7946 0000\"");
  EXPECT_EQ(field_of("-1+cmd|' /C calc'!A0"), "\"'-1+cmd|' /C calc'!A0\"");
  EXPECT_EQ(field_of("@SUM(A1:A9)"), "\"'@SUM(A1:A9)\"");
  EXPECT_EQ(field_of("\t=1"), "\"'\t=1\"");
  EXPECT_EQ(field_of("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(field_of("'quoted"), "\"''quoted\"");
  // Numbers and ordinary text as before.
  EXPECT_EQ(field_of("-5"), "-5");
  EXPECT_EQ(field_of("-0.25"), "-0.25");
  EXPECT_EQ(field_of("-inf"), "-inf");
  EXPECT_EQ(field_of("Oak enhanced"), "Oak enhanced");
  EXPECT_EQ(field_of("a=b"), "a=b");
  EXPECT_EQ(field_of(""), "");
}

TEST(CsvInjection, OurReaderGivesBackTheNamesAsWritten) {
  const std::vector<std::string> names = {
      "=HYPERLINK(\"x\")", "+1", "-x", "@x", "\tx", "'", "''", "'=x", "-5", "plain", "it's", ""};
  std::string text;
  for (const auto& n : names) {
    append_csv_field(text, n);
    text += '\n';
  }
  CsvReader reader(text);
  std::vector<std::string> fields;
  for (const auto& n : names) {
    ASSERT_TRUE(reader.next(fields));
    ASSERT_EQ(fields.size(), 1u);
    EXPECT_EQ(fields[0], n);
  }
}

/// Every field of every CSV file under `dir` (recursively), as written.
std::vector<std::pair<std::string, std::string>> raw_fields(const fs::path& dir) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".csv") continue;
    // Parse quoting only (not the guard), to see what a spreadsheet sees.
    const std::string text = read_file(e.path());
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i <= text.size(); ++i) {
      const char c = i < text.size() ? text[i] : '\n';
      if (quoted) {
        if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          field += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',' || c == '\n') {
        out.emplace_back(e.path().filename().string(), field);
        field.clear();
      } else {
        field += c;
      }
    }
  }
  return out;
}

bool is_number(const std::string& s) {
  const auto n = parse_number(s);
  return n.has_value() || s == "inf" || s == "-inf";
}

void expect_no_formula(const fs::path& dir, std::size_t min_guarded) {
  std::size_t guarded = 0;
  std::set<std::string> files;
  for (const auto& [file, f] : raw_fields(dir)) {
    files.insert(file);
    if (f.empty()) continue;
    const char c = f.front();
    if (c == '\'') ++guarded;
    if (c == '=' || c == '+' || c == '@' || c == '\t' || c == '\r' || (c == '-' && !is_number(f))) {
      ADD_FAILURE() << file << ": a cell a spreadsheet would run: " << f;
    }
  }
  EXPECT_GE(guarded, min_guarded);
  EXPECT_GE(files.size(), 5u);
}

send::Scenario hostile_names() {
  send::Scenario sc = send::testing::tiny_scenario();
  sc.run.end_date = {2023, 8, 31};
  auto rename_district = [&](const std::string& from, const std::string& to) {
    for (auto& d : sc.model.districts) {
      if (d.name == from) d.name = to;
    }
    for (auto& t : sc.model.travel) {
      if (t.from == from) t.from = to;
      if (t.to == from) t.to = to;
    }
    for (auto& s : sc.model.settings) {
      if (s.district == from) s.district = to;
    }
  };
  rename_district("North", "=HYPERLINK(\"http://evil.example\",\"North\")");
  rename_district("South", "+South");
  for (auto& d : sc.model.districts) d.quadrant = "@" + d.quadrant;
  for (auto& s : sc.model.settings) {
    if (s.name == "Beech special") s.name = "-Beech+special";
    if (s.name == "Oak enhanced") s.name = "=1+1";
  }
  send::CapitalProject p;
  p.name = "@expand";
  p.action = send::CapitalAction::kExpand;
  p.setting.name = "-Beech+special";
  p.planned = {2022, 9, 1};
  p.places = 10;
  sc.model.capital_programme.push_back(p);
  // Fill the special places, so that children wait and demand is unmet.
  for (auto& s : sc.model.settings) {
    if (s.name == "-Beech+special") s.places = {{{2021, 9, 1}, 2}};
  }
  return sc;
}

TEST(CsvInjection, EveryFileOfAResultsFolder) {
  ScratchDir scratch("csv-injection-run");
  const send::Scenario sc = hostile_names();
  run::RunOptions options = run::RunOptions::from_spec(sc.run);
  options.replications = 2;
  const run::RunOutput out = run::run_scenario(sc, options);
  (void)write_results(scratch.path() / "out", out, run::aggregate(out.results), ResultsContext{&sc, "", "0"});
  expect_no_formula(scratch.path() / "out", 20);
  // The four files of the issue hold the names, guarded, and read back whole.
  for (const char* file : {"occupancy.csv", "capacity.csv", "waiting_snapshot.csv", "unmet_demand.csv"}) {
    SCOPED_TRACE(file);
    const std::string text = read_file(scratch.path() / "out" / file);
    EXPECT_NE(text.find("\"'"), std::string::npos) << text.substr(0, 400);
    const CsvTable table = read_csv_table(scratch.path() / "out" / file);
    bool found = false;
    for (const auto& row : table.rows) {
      for (const auto& f : row) {
        found = found || f == "-Beech+special" || f == "=HYPERLINK(\"http://evil.example\",\"North\")" ||
                f == "+South" || f == "=1+1";
      }
    }
    EXPECT_TRUE(found);
  }
}

TEST(CsvInjection, DifferencesOfAComparison) {
  ScratchDir scratch("csv-injection-compare");
  send::Scenario base = hostile_names();
  base.name = "=base";
  send::Scenario option = base;
  option.name = "-option";
  for (auto& s : option.model.settings) {
    if (s.name == "-Beech+special") s.places = {{{2021, 9, 1}, 40}};
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
  (void)write_comparison(scratch.path() / "cmp", ran, context);
  expect_no_formula(scratch.path() / "cmp", 40);
  const CsvTable differences = read_csv_table(scratch.path() / "cmp" / "differences.csv");
  const auto base_column = differences.column("base");
  ASSERT_TRUE(base_column.has_value());
  ASSERT_FALSE(differences.rows.empty());
  EXPECT_EQ(differences.rows.front()[*base_column], "=base");
}

}  // namespace
}  // namespace sendsim::output
