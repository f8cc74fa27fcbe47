// tests/cli/compare_cli_test.cpp: `sendsim compare` and the elasticity-zero
// baseline, run as a process. Bad input exits 2 with an exact message and
// writes nothing; a comparison folder holds each scenario's usual results
// folder (the same bytes `sendsim run` writes with that seed) and the paired
// differences, whatever the thread count.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace {

namespace fs = std::filesystem;
using sendsim::cli_test::kBinary;
using sendsim::cli_test::Outcome;
using sendsim::cli_test::read_file;

const fs::path kScenarios = fs::path(SENDSIM_SOURCE_DIR) / "tests" / "scenarios";
const std::string kTiny = (kScenarios / "tiny-scenario.yaml").string();
const std::string kOption = (kScenarios / "tiny-option.yaml").string();
const std::string kZero = (kScenarios / "tiny-elasticity-zero.yaml").string();
const std::string kShort = (kScenarios / "tiny-short.yaml").string();
const std::string kBad = (fs::path(SENDSIM_SOURCE_DIR) / "tests" / "cli" / "bad-scenario.yaml").string();

class CompareCli : public sendsim::cli_test::SendsimProcessTest {};

/// The entries of a folder, by name (folders with a trailing "/").
std::set<std::string> files_in(const fs::path& dir) {
  std::set<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    out.insert(e.path().filename().string() + (e.is_directory() ? "/" : ""));
  }
  return out;
}

/// `text` without its "# Loaded from" comment line (the file chain).
std::string without_loaded_from(const std::string& text) {
  std::istringstream in(text);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("# Loaded from")) out += line + "\n";
  }
  return out;
}

TEST_F(CompareCli, ElasticityZeroReproducesTheBaselineByteForByte) {
  // The same scenario with demand.induced_elasticity: 0 written out: every
  // CSV of the results folder, seeds.txt and the effective scenario (but its
  // "# Loaded from" line) have the same bytes. (summary.json and any report
  // name the files and folder, so they differ.)
  ASSERT_EQ(run({"run", kTiny, "--out", "base", "--replications", "3", "--quiet"}).code, 0);
  ASSERT_EQ(run({"run", kZero, "--out", "zero", "--replications", "3", "--quiet"}).code, 0);
  const std::set<std::string> files = files_in(work() / "base");
  EXPECT_EQ(files, files_in(work() / "zero"));
  int compared = 0;
  for (const std::string& f : files) {
    if (!f.ends_with(".csv") && f != "seeds.txt" && f != "scenario.effective.yaml") continue;
    EXPECT_EQ(without_loaded_from(read_file(work() / "base" / f)),
              without_loaded_from(read_file(work() / "zero" / f)))
        << f;
    ++compared;
  }
  EXPECT_GT(compared, 10);
  EXPECT_NE(read_file(work() / "zero" / "scenario.effective.yaml").find("induced_elasticity: 0"),
            std::string::npos);
}

TEST_F(CompareCli, WritesEachScenarioAndThePairedDifferences) {
  const Outcome a = run({"compare", kTiny, kOption, "--out", "c", "--replications", "3", "--threads", "1"});
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_TRUE(
      a.out.starts_with("compare: 2 scenarios, 3 replications each under common random numbers "
                        "(seed 42), 1 thread, "))
      << a.out;
  EXPECT_NE(a.out.find("results: c\n"), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("tiny-baseline (base), mean over replications:\n"), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("tiny-option minus tiny-baseline: paired difference, mean [95% interval]:\n"),
            std::string::npos)
      << a.out;
  EXPECT_NE(a.out.find("  children waiting "), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("  unmet demand in January 2026 by district: "), std::string::npos) << a.out;
  EXPECT_EQ(files_in(work() / "c"),
            (std::set<std::string>{"charts/", "dfe_dsg_plan.xlsx", "dfe_dsg_plan_grid.csv", "differences.csv",
                                   "manifest.txt", "report.html", "summary.json", "timing.json",
                                   "tiny-baseline/", "tiny-option/"}));
  const std::string differences = read_file(work() / "c" / "differences.csv");
  EXPECT_TRUE(
      differences.starts_with("metric,period,breakdown,breakdown_value,unit,base,scenario,base_mean,"))
      << differences.substr(0, 200);
  EXPECT_NE(differences.find("\ninmss_placements,2026,,,children,tiny-baseline,tiny-option,"),
            std::string::npos);
  EXPECT_NE(differences.find("\nunmet_demand_by_need,2026,need,ASD,children,tiny-baseline,tiny-option,"),
            std::string::npos);
  const std::string summary = read_file(work() / "c" / "summary.json");
  EXPECT_NE(summary.find("\"kind\": \"comparison\""), std::string::npos);
  EXPECT_NE(summary.find("\"common_random_numbers\": true"), std::string::npos);
  EXPECT_NE(summary.find("\"seed\": 42,"), std::string::npos);
  EXPECT_NE(summary.find("\"replication_guidance\": null"), std::string::npos);

  // The option's own seed (99) is not used: both run with the first's.
  EXPECT_NE(read_file(work() / "c" / "tiny-option" / "scenario.effective.yaml").find("seed: 42"),
            std::string::npos);
  // Each scenario folder is what `sendsim run --per-replication` writes with
  // that seed.
  ASSERT_EQ(run({"run", kOption, "--seed", "42", "--replications", "3", "--out", "r", "--quiet",
                 "--per-replication"})
                .code,
            0);
  // (Every file the comparison writes for it; `run` may add a report.)
  const std::set<std::string> written = files_in(work() / "c" / "tiny-option");
  for (const char* f : {"ehc_snapshot.csv", "unmet_demand.csv", "spend.csv", "per_replication.csv",
                        "seeds.txt", "scenario.effective.yaml", "summary.json"}) {
    EXPECT_TRUE(written.count(f)) << f;
  }
  for (const std::string& f : written) {
    // timing.json holds the timing; the report names its own folder;
    // manifest.txt holds their hashes.
    if (f == "timing.json" || f == "report.html" || f == "charts/" || f == "manifest.txt") continue;
    EXPECT_EQ(read_file(work() / "r" / f), read_file(work() / "c" / "tiny-option" / f)) << f;
  }

  // Threads change nothing; a second run replaces the folder.
  const Outcome b =
      run({"compare", kTiny, kOption, "--out", "c2", "--replications", "3", "--threads", "3", "--quiet"});
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_TRUE(b.out.empty());
  EXPECT_EQ(differences, read_file(work() / "c2" / "differences.csv"));
  EXPECT_EQ(read_file(work() / "c" / "tiny-baseline" / "per_replication.csv"),
            read_file(work() / "c2" / "tiny-baseline" / "per_replication.csv"));
  EXPECT_EQ(run({"compare", kTiny, kOption, "--out", "c", "--replications", "2", "--quiet"}).code, 0);
  EXPECT_NE(read_file(work() / "c" / "summary.json").find("\"replications\": 2,"), std::string::npos);
}

TEST_F(CompareCli, TargetIntervalGuidance) {
  const Outcome o = run({"compare", kTiny, kOption, "--out", "g", "--replications", "3", "--target-ci",
                         "waiting=100000", "--target-ci=spend=1e12", "--max-replications", "6"});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("replication guidance: 3 replications (batches: 3); every target met\n"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("  waiting at 2026: 95% half-width of the difference "), std::string::npos) << o.out;
  const std::string summary = read_file(work() / "g" / "summary.json");
  EXPECT_NE(summary.find("\"replication_guidance\": {"), std::string::npos);
  EXPECT_NE(summary.find("\"batches\": [\n      3\n    ]"), std::string::npos) << summary;
  // A target out of reach stops at the maximum and says so.
  const Outcome tight = run({"compare", kTiny, kOption, "--out", "t", "--replications", "3", "--target-ci",
                             "ehc_plans=0.001", "--max-replications", "5", "--threads", "2"});
  ASSERT_EQ(tight.code, 0) << tight.err;
  EXPECT_NE(
      tight.out.find("replication guidance: 5 replications (batches: 3, 5); stopped at --max-replications"),
      std::string::npos)
      << tight.out;
}

TEST_F(CompareCli, DefaultFolderNamesTheScenarios) {
  const Outcome o = run({"compare", kTiny, kOption, "--replications", "2", "--quiet"});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_TRUE(fs::exists(work() / "results" / "compare-tiny-baseline-vs-tiny-option" / "summary.json"));
}

TEST_F(CompareCli, BadInputExitsTwoAndWritesNothing) {
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const std::string usage = "(usage: sendsim compare A.yaml B.yaml [C.yaml ...] [options])";
  const std::vector<Case> cases = {
      {{"compare"}, "sendsim: compare: needs at least two scenario files " + usage + "\n"},
      {{"compare", kTiny}, "sendsim: compare: needs at least two scenario files " + usage + "\n"},
      {{"compare", kTiny, kShort},
       "sendsim: compare: " + kShort + " runs from 2021-09-01 to 2025-08-31 but " + kTiny +
           " from 2021-09-01 to 2026-08-31; scenarios compared must have the same start and end dates\n"},
      {{"compare", kTiny, kZero},
       "sendsim: compare: " + kTiny + " and " + kZero +
           " are both named \"tiny-baseline\"; scenarios compared must have different names\n"},
      {{"compare", kTiny, kOption, "--fast"},
       "sendsim: compare: unknown option \"--fast\" (see sendsim compare --help)\n"},
      {{"compare", kTiny, kOption, "--replications", "0"},
       "sendsim: --replications: expected a whole number from 1 to 100000, got \"0\"\n"},
      {{"compare", kTiny, kOption, "--target-ci", "waiting"},
       "sendsim: --target-ci: expected METRIC=HALFWIDTH, got \"waiting\"\n"},
      {{"compare", kTiny, kOption, "--target-ci", "queue=2"},
       "sendsim: --target-ci: unknown metric \"queue\" (one of: ehc_plans, waiting, unmet_demand, "
       "inmss_placements, special_placements, plans_issued, pct_within_20_weeks, spend, dsg_spend, "
       "dsg_cumulative_balance)\n"},
      {{"compare", kTiny, kOption, "--target-ci", "unmet_demand_by_need=2"},
       "sendsim: --target-ci: unknown metric \"unmet_demand_by_need\" (one of: ehc_plans, waiting, "
       "unmet_demand, "
       "inmss_placements, special_placements, plans_issued, pct_within_20_weeks, spend, dsg_spend, "
       "dsg_cumulative_balance)\n"},
      {{"compare", kTiny, kOption, "--target-ci", "waiting=0"},
       "sendsim: --target-ci: expected a half-width above 0 for waiting, got \"0\"\n"},
      {{"compare", kTiny, kOption, "--target-ci", "waiting=wide"},
       "sendsim: --target-ci: expected a half-width above 0 for waiting, got \"wide\"\n"},
      {{"compare", kTiny, kOption, "--target-ci"}, "sendsim: --target-ci: missing value\n"},
      {{"compare", kTiny, kOption, "--max-replications", "50"},
       "sendsim: --max-replications: only with --target-ci\n"},
      {{"compare", kTiny, kOption, "--target-ci", "waiting=1", "--replications", "20", "--max-replications",
        "10"},
       "sendsim: --max-replications: 10 is below the first batch of 20 replications\n"},
      {{"compare", kTiny, kOption, "--target-ci", "waiting=1", "--replications", "1"},
       "sendsim: --target-ci: needs a first batch of at least 2 replications (--replications)\n"},
      {{"compare", kTiny, "no-such-file.yaml"}, "sendsim: cannot open \"no-such-file.yaml\": no such file\n"},
  };
  for (const auto& c : cases) {
    const Outcome o = run(c.args);
    std::string joined;
    for (const auto& a : c.args) joined += a + " ";
    EXPECT_EQ(o.code, 2) << joined;
    EXPECT_EQ(o.err, c.err) << joined;
    EXPECT_TRUE(o.out.empty()) << joined;
  }
  // A bad scenario file: its own message, naming the file.
  const Outcome bad = run({"compare", kTiny, kBad, "--out", "x"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_TRUE(bad.err.starts_with("sendsim: " + kBad + ":")) << bad.err;
  EXPECT_TRUE(work_is_empty());

  // A folder that is not ours is refused before anything runs.
  fs::create_directory(work() / "thesis");
  { std::ofstream(work() / "thesis" / "chapter1.tex") << "precious\n"; }
  const Outcome refused = run({"compare", kTiny, kOption, "--out", "thesis", "--replications", "2"});
  EXPECT_EQ(refused.code, 2);
  EXPECT_TRUE(
      refused.err.starts_with("sendsim: results folder thesis exists and is not a sendsim results folder"))
      << refused.err;
  EXPECT_TRUE(refused.out.empty());
  EXPECT_EQ(read_file(work() / "thesis" / "chapter1.tex"), "precious\n");
  EXPECT_EQ(files_in(work()), std::set<std::string>{"thesis/"});
}

}  // namespace
