// tests/cli/reproducible_cli_test.cpp: the README's promise, whole folders:
// the same files and seed give the same bytes whatever the thread count and
// from run to run, the charts and report included; only timing.json (and its
// line in manifest.txt) differs. Issue 11: summary.json held the wall time,
// events per second and thread count, so it differed on every run.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace {

namespace fs = std::filesystem;
using sendsim::cli_test::Outcome;
using sendsim::cli_test::read_file;

const fs::path kSource = SENDSIM_SOURCE_DIR;
const fs::path kTiny = kSource / "tests" / "scenarios" / "tiny-scenario.yaml";
const fs::path kOption = kSource / "tests" / "scenarios" / "tiny-option.yaml";

/// Every file under `dir` by relative path, with its bytes; timing.json left
/// out, and its line left out of each manifest.txt.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    const std::string rel = fs::relative(e.path(), dir).generic_string();
    if (e.path().filename() == "timing.json") continue;
    std::string bytes = read_file(e.path());
    if (e.path().filename() == "manifest.txt") {
      std::istringstream in(bytes);
      std::string kept;
      for (std::string line; std::getline(in, line);) {
        if (!line.ends_with(" timing.json")) kept += line + "\n";
      }
      bytes = kept;
    }
    out.emplace(rel, std::move(bytes));
  }
  return out;
}

void expect_same(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b) {
  std::vector<std::string> names_a;
  std::vector<std::string> names_b;
  for (const auto& [k, v] : a) names_a.push_back(k);
  for (const auto& [k, v] : b) names_b.push_back(k);
  ASSERT_EQ(names_a, names_b);
  for (const auto& [name, bytes] : a) EXPECT_TRUE(bytes == b.at(name)) << name << " differs";
}

class Reproducible : public sendsim::cli_test::SendsimProcessTest {
 protected:
  /// Runs ARGS (which write to "out"), then moves out to `keep`.
  void run_into(const std::vector<std::string>& args, const std::string& keep) {
    const Outcome o = run(args);
    ASSERT_EQ(o.code, 0) << o.err;
    fs::rename(work() / "out", work() / keep);
  }
};

TEST_F(Reproducible, AResultsFolderHasTheSameBytesWhateverTheThreads) {
  run_into({"run", kTiny.string(), "--out", "out", "--replications", "4", "--threads", "1", "--quiet"},
           "one");
  run_into({"run", kTiny.string(), "--out", "out", "--replications", "4", "--threads", "3", "--quiet"},
           "three");
  run_into({"run", kTiny.string(), "--out", "out", "--replications", "4", "--threads", "3", "--quiet"},
           "again");
  const auto one = snapshot(work() / "one");
  EXPECT_TRUE(one.count("report.html"));
  EXPECT_TRUE(one.count("summary.json"));
  EXPECT_GT(one.size(), 30u);  // the tables, the charts (PNG and SVG), the report
  expect_same(one, snapshot(work() / "three"));
  expect_same(one, snapshot(work() / "again"));
  // What differs is in timing.json, never in summary.json.
  const std::string summary = read_file(work() / "one" / "summary.json");
  EXPECT_EQ(summary.find("wall_seconds"), std::string::npos);
  EXPECT_EQ(summary.find("threads"), std::string::npos);
  EXPECT_NE(read_file(work() / "three" / "timing.json").find("\"threads\": 3,"), std::string::npos);
}

TEST_F(Reproducible, AComparisonFolderHasTheSameBytesWhateverTheThreads) {
  run_into({"compare", kTiny.string(), kOption.string(), "--out", "out", "--replications", "3", "--threads",
            "1", "--quiet"},
           "one");
  run_into({"compare", kTiny.string(), kOption.string(), "--out", "out", "--replications", "3", "--threads",
            "2", "--quiet"},
           "two");
  const auto one = snapshot(work() / "one");
  EXPECT_TRUE(one.count("report.html"));
  EXPECT_TRUE(one.count("tiny-option/report.html"));
  expect_same(one, snapshot(work() / "two"));
}

}  // namespace
