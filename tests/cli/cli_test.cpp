// tests/cli/cli_test.cpp: the sendsim binary run as a process. Bad input of
// any kind exits 2 with a "sendsim: " message and writes nothing; a good run
// writes a results folder whose tables do not depend on the thread count.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace {

namespace fs = std::filesystem;
using sendsim::cli_test::kBinary;
using sendsim::cli_test::Outcome;
using sendsim::cli_test::read_file;

const fs::path kSource = SENDSIM_SOURCE_DIR;
const fs::path kTiny = kSource / "tests" / "scenarios" / "tiny-scenario.yaml";
const fs::path kTinyModel = kSource / "tests" / "scenarios" / "tiny-model.yaml";
const fs::path kBad = kSource / "tests" / "cli" / "bad-scenario.yaml";

class Cli : public sendsim::cli_test::SendsimProcessTest {};

TEST_F(Cli, BadScenarioExitsTwoAndWritesNothing) {
  const Outcome o = run({"run", kBad.string(), "--out", "out"});
  EXPECT_EQ(o.code, 2);
  EXPECT_TRUE(o.err.starts_with("sendsim: " + kBad.string() + ":")) << o.err;
  EXPECT_NE(o.err.find("replicatons"), std::string::npos) << o.err;
  EXPECT_TRUE(o.out.empty());
  EXPECT_TRUE(work_is_empty());
  // Nor in the default folder (results/<name>).
  EXPECT_EQ(run({"run", kBad.string()}).code, 2);
  EXPECT_TRUE(work_is_empty());
}

TEST_F(Cli, MissingScenarioFileExitsTwo) {
  const Outcome o = run({"run", "no-such-file.yaml"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err, "sendsim: cannot open \"no-such-file.yaml\": no such file\n");
  EXPECT_TRUE(work_is_empty());
}

TEST_F(Cli, BadCommandLinesExitTwoWithAMessage) {
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const std::vector<Case> cases = {
      {{}, "sendsim: no command given (see sendsim --help)\n"},
      {{"fly"}, "sendsim: unknown command \"fly\" (see sendsim --help)\n"},
      {{"run"}, "sendsim: run: no scenario file given (usage: sendsim run SCENARIO [options])\n"},
      {{"run", kTiny.string(), "--replications", "many"},
       "sendsim: --replications: expected a whole number from 1 to 100000, got \"many\"\n"},
      {{"run", kTiny.string(), "--replications=0"},
       "sendsim: --replications: expected a whole number from 1 to 100000, got \"0\"\n"},
      {{"run", kTiny.string(), "--threads", "-1"},
       "sendsim: --threads: expected a whole number from 0 to 1024, got \"-1\"\n"},
      {{"run", kTiny.string(), "--seed"}, "sendsim: --seed: missing value\n"},
      {{"run", kTiny.string(), "--fast"},
       "sendsim: run: unknown option \"--fast\" (see sendsim run --help)\n"},
      {{"run", kTiny.string(), kTiny.string()},
       "sendsim: run: one scenario at a time; got \"" + kTiny.string() + "\" and \"" + kTiny.string() +
           "\"\n"},
      {{"validate"}, "sendsim: validate: no files given (usage: sendsim validate FILE...)\n"},
      {{"parameters", "extra"}, "sendsim: parameters: takes no arguments\n"},
  };
  for (const auto& c : cases) {
    const Outcome o = run(c.args);
    std::string joined;
    for (const auto& a : c.args) joined += a + " ";
    EXPECT_EQ(o.code, 2) << joined;
    EXPECT_EQ(o.err, c.err) << joined;
    EXPECT_TRUE(o.out.empty()) << joined;
  }
  EXPECT_TRUE(work_is_empty());
}

TEST_F(Cli, RefusesToReplaceAFolderThatIsNotItsOwn) {
  fs::create_directory(work() / "thesis");
  { std::ofstream(work() / "thesis" / "chapter1.tex") << "precious\n"; }
  const Outcome o = run({"run", kTiny.string(), "--out", "thesis"});
  EXPECT_EQ(o.code, 2);
  EXPECT_TRUE(o.err.starts_with("sendsim: results folder thesis exists and is not a sendsim results folder"))
      << o.err;
  EXPECT_EQ(read_file(work() / "thesis" / "chapter1.tex"), "precious\n");
  std::vector<std::string> entries;
  for (const auto& e : fs::directory_iterator(work())) entries.push_back(e.path().filename().string());
  EXPECT_EQ(entries, std::vector<std::string>{"thesis"});
}

TEST_F(Cli, VersionHelpParametersAndDemo) {
  const Outcome version = run({"--version"});
  EXPECT_EQ(version.code, 0);
  EXPECT_TRUE(version.out.starts_with("sendsim ")) << version.out;
  const Outcome help = run({"--help"});
  EXPECT_EQ(help.code, 0);
  EXPECT_TRUE(help.out.starts_with("usage: sendsim COMMAND")) << help.out;
  const Outcome parameters = run({"parameters"});
  EXPECT_EQ(parameters.code, 0);
  EXPECT_TRUE(parameters.out.starts_with("#")) << parameters.out.substr(0, 80);
  const Outcome demo = run({"demo"});
  EXPECT_EQ(demo.code, 0);
  EXPECT_NE(demo.out.find("Erlang C gives"), std::string::npos) << demo.out;
  EXPECT_TRUE(work_is_empty());
}

TEST_F(Cli, ValidatePrintsOkPerFileAndChecksEveryFile) {
  const Outcome good = run({"validate", kTinyModel.string(), kTiny.string()});
  EXPECT_EQ(good.code, 0) << good.err;
  EXPECT_EQ(good.out, kTinyModel.string() + ": ok\n" + kTiny.string() + ": ok\n");
  // A bad file does not stop the others from being checked.
  const Outcome bad = run({"validate", kTiny.string(), kBad.string(), kTinyModel.string()});
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(bad.out, kTiny.string() + ": ok\n" + kTinyModel.string() + ": ok\n");
  EXPECT_TRUE(bad.err.starts_with("sendsim: " + kBad.string() + ":")) << bad.err;
  EXPECT_TRUE(bad.err.ends_with("\nsendsim: validate: 1 of 3 files failed\n")) << bad.err;
  EXPECT_TRUE(work_is_empty());
}

TEST_F(Cli, RunWritesPerReplicationOnlyWhenAsked) {
  ASSERT_EQ(run({"run", kTiny.string(), "--out", "a", "--replications", "2", "--quiet", "--no-report"}).code,
            0);
  EXPECT_FALSE(fs::exists(work() / "a" / "per_replication.csv"));
  EXPECT_TRUE(fs::exists(work() / "a" / "report_series.csv"));
  EXPECT_EQ(read_file(work() / "a" / "summary.json").find("per_replication"), std::string::npos);
  ASSERT_EQ(run({"run", kTiny.string(), "--out", "b", "--replications", "2", "--quiet", "--no-report",
                 "--per-replication"})
                .code,
            0);
  EXPECT_TRUE(fs::exists(work() / "b" / "per_replication.csv"));
  // Every other file has the same bytes.
  for (const char* f : {"ehc_snapshot.csv", "report_series.csv", "tidy.csv", "dfe_dsg_plan_grid.csv"}) {
    EXPECT_EQ(read_file(work() / "a" / f), read_file(work() / "b" / f)) << f;
  }
}

TEST_F(Cli, RunWritesAResultsFolderIndependentOfThreads) {
  const Outcome a = run(
      {"run", kTiny.string(), "--out", "a", "--threads", "1", "--replications", "3", "--per-replication"});
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_NE(a.out.find("tiny-baseline: 3 replications on 1 thread in "), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("results: a\n"), std::string::npos) << a.out;
  EXPECT_NE(a.out.find("EHC plans at the January census, mean (95% interval):\n  2022  "), std::string::npos)
      << a.out;
  const Outcome b = run({"run", kTiny.string(), "--out", "b", "--threads", "3", "--replications", "3",
                         "--quiet", "--per-replication"});
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_TRUE(b.out.empty());
  for (const char* f : {"ehc_snapshot.csv", "flows.csv", "spend.csv", "per_replication.csv", "seeds.txt",
                        "scenario.effective.yaml"}) {
    ASSERT_TRUE(fs::exists(work() / "a" / f)) << f;
    EXPECT_EQ(read_file(work() / "a" / f), read_file(work() / "b" / f)) << f;
  }
  const std::string summary = read_file(work() / "a" / "summary.json");
  EXPECT_NE(summary.find("\"replications\": 3,"), std::string::npos);
  EXPECT_NE(summary.find("\"seed\": 42,"), std::string::npos);
  // The effective scenario records the command-line overrides and reruns.
  EXPECT_NE(read_file(work() / "a" / "scenario.effective.yaml").find("replications: 3"), std::string::npos);
  const Outcome again =
      run({"run", "a/scenario.effective.yaml", "--out", "c", "--quiet", "--per-replication"});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(read_file(work() / "a" / "per_replication.csv"), read_file(work() / "c" / "per_replication.csv"));
  // Running again over a results folder replaces it.
  EXPECT_EQ(run({"run", kTiny.string(), "--out", "a", "--replications", "2", "--quiet"}).code, 0);
  EXPECT_NE(read_file(work() / "a" / "summary.json").find("\"replications\": 2,"), std::string::npos);
}

TEST_F(Cli, DefaultFolderIsResultsSlashScenarioName) {
  const Outcome o = run({"run", kTiny.string(), "--replications", "1", "--quiet"});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_TRUE(fs::exists(work() / "results" / "tiny-baseline" / "summary.json"));
}

}  // namespace
