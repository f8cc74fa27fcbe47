// tests/golden/golden_test.cpp: the full output of a small scenario, checked
// in byte for byte (tests/golden/tiny/), whatever the thread count. A pure
// refactor must not change these files. When a change to the model or the
// writers is meant to change them, regenerate with
//   SENDSIM_UPDATE_GOLDEN=1 build/release/tests/golden_tests
// and say why in the commit. summary.json is left out (it holds wall times).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "output/results_writer.hpp"
#include "run/aggregate.hpp"
#include "run/runner.hpp"
#include "scenario/loader.hpp"

namespace sendsim {
namespace {

namespace fs = std::filesystem;

/// A file's bytes, with the source folder's path (which differs between
/// clones) written as "<source>".
std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  const std::string source = SENDSIM_SOURCE_DIR;
  for (std::size_t at = text.find(source); at != std::string::npos; at = text.find(source, at)) {
    text.replace(at, source.size(), "<source>");
  }
  return text;
}

fs::path write_run(unsigned threads, const fs::path& dir) {
  const fs::path file = fs::path(SENDSIM_SOURCE_DIR) / "tests/scenarios/golden.yaml";
  const send::Scenario scenario = scenario::load_scenario(file);
  run::RunOptions options = run::RunOptions::from_spec(scenario.run);
  options.threads = threads;
  const run::RunOutput out = run::run_scenario(scenario, options);
  output::ResultsContext context;
  context.scenario = &scenario;
  context.effective_yaml = scenario::effective_yaml(scenario);
  context.version = "golden";
  output::write_results(dir, out, run::aggregate(out.results), context);
  return dir;
}

/// The golden files: every regular file of the results folder but summary.json.
std::set<std::string> golden_files(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && name != "summary.json" && name.ends_with(".csv")) names.insert(name);
    if (e.is_regular_file() && (name == "seeds.txt" || name == "scenario.effective.yaml")) names.insert(name);
  }
  return names;
}

TEST(Golden, TinyScenarioOutputIsUnchanged) {
  const fs::path golden = fs::path(SENDSIM_SOURCE_DIR) / "tests/golden/tiny";
  const fs::path tmp = fs::temp_directory_path() / ("sendsim-golden-" + std::to_string(::getpid()));
  fs::remove_all(tmp);
  const fs::path produced = write_run(2, tmp / "two");
  if (std::getenv("SENDSIM_UPDATE_GOLDEN") != nullptr) {
    fs::remove_all(golden);
    fs::create_directories(golden);
    for (const auto& name : golden_files(produced))
      std::ofstream(golden / name, std::ios::binary) << slurp(produced / name);
    GTEST_SKIP() << "golden files rewritten in " << golden;
  }
  const auto expected = golden_files(golden);
  ASSERT_GE(expected.size(), 10u) << "golden folder missing or empty: " << golden;
  // The core tables are among them.
  for (const char* core : {"ehc_snapshot.csv", "flows.csv", "spend.csv", "dsg.csv", "conservation.csv"}) {
    EXPECT_TRUE(expected.contains(core)) << core;
  }
  const fs::path single = write_run(1, tmp / "one");
  for (const auto& name : expected) {
    ASSERT_TRUE(fs::exists(produced / name)) << name << " is no longer written";
    EXPECT_EQ(slurp(produced / name), slurp(golden / name)) << name << " differs from the golden copy";
    EXPECT_EQ(slurp(single / name), slurp(produced / name)) << name << " depends on the thread count";
  }
  fs::remove_all(tmp);
}

}  // namespace
}  // namespace sendsim
