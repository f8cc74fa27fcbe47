// tests/cli/hardening_cli_test.cpp: the sendsim binary against a careless or
// hostile user (issue 11): --out never deletes what sendsim did not write,
// leftovers of killed runs are cleaned with a line saying so.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_support.hpp"

namespace {

namespace fs = std::filesystem;
using sendsim::cli_test::Outcome;
using sendsim::cli_test::read_file;

const fs::path kSource = SENDSIM_SOURCE_DIR;
const fs::path kTiny = kSource / "tests" / "scenarios" / "tiny-scenario.yaml";

class HardeningCli : public sendsim::cli_test::SendsimProcessTest {
 protected:
  void put(const fs::path& rel, const std::string& text) const {
    fs::create_directories((work() / rel).parent_path());
    std::ofstream(work() / rel, std::ios::binary) << text;
  }
  [[nodiscard]] std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(work())) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
};

long dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

// Issue 11, 1: a folder holding summary.json (even "{}") was replaced with
// everything in it.
TEST_F(HardeningCli, AFolderWithASummaryJsonIsNotReplaced) {
  put("mine/summary.json", "{}");
  put("mine/report.docx", "a user's document");
  const Outcome o = run({"run", kTiny.string(), "--out", "mine", "--replications", "1", "--no-report"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err,
            "sendsim: results folder mine exists and is not a sendsim results folder (it has no manifest.txt); "
            "refusing to replace it: choose another --out or remove it\n");
  EXPECT_EQ(read_file(work() / "mine" / "report.docx"), "a user's document");
  EXPECT_EQ(entries(), std::vector<std::string>{"mine"});
}

TEST_F(HardeningCli, NotesAddedToAResultsFolderAreKeptAndTheRunRefused) {
  ASSERT_EQ(run({"run", kTiny.string(), "--out", "out", "--replications", "1", "--no-report", "--quiet"}).code, 0);
  put("out/notes.txt", "my notes");
  const Outcome o = run({"run", kTiny.string(), "--out", "out", "--replications", "1", "--no-report", "--quiet"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err,
            "sendsim: results folder out holds files sendsim did not write: notes.txt; refusing to replace it, so "
            "that nothing of yours is lost: move them out of out or choose another --out\n");
  EXPECT_EQ(read_file(work() / "out" / "notes.txt"), "my notes");
  // Without them it is replaced.
  fs::remove(work() / "out" / "notes.txt");
  EXPECT_EQ(run({"run", kTiny.string(), "--out", "out", "--replications", "1", "--no-report", "--quiet"}).code, 0);
  EXPECT_EQ(entries(), std::vector<std::string>{"out"});
}

TEST_F(HardeningCli, TheLeftoverOfAKilledRunIsRemovedWithALine) {
  const long pid = dead_pid();
  const std::string leftover = "out.tmp-" + std::to_string(pid);
  put(leftover + "/.sendsim-temporary", "");
  put(leftover + "/per_replication.csv", std::string(4096, 'x'));
  const Outcome o = run({"run", kTiny.string(), "--out", "out", "--replications", "1", "--no-report", "--quiet"});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.err, "sendsim: removed " + (work() / leftover).string() + ", left by an earlier sendsim (process " +
                       std::to_string(pid) + ") that did not finish\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"out"});
}

TEST_F(HardeningCli, ReportRefusesToReplaceAUsersChart) {
  ASSERT_EQ(run({"run", kTiny.string(), "--out", "out", "--replications", "1", "--quiet"}).code, 0);
  put("out/charts/my-figure.png", "mine");
  const Outcome o = run({"report", "out", "--quiet"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err, "sendsim: results folder out holds charts/my-figure.png, which sendsim did not write; refusing "
                   "to replace the report: move it out of out first\n");
  EXPECT_EQ(read_file(work() / "out" / "charts" / "my-figure.png"), "mine");
}

// Issue 11, 2: places 2147483648 passed validate and run and wrapped to
// -2147483648 places.
TEST_F(HardeningCli, PlacesBeyondTheLimitAreRefusedAsWritten) {
  put("s.yaml", "scenario:\n  name: t\n  model: " + (kSource / "tests" / "scenarios" / "tiny-model.yaml").string() +
                    "\nsettings:\n  - name: Beech special\n    places: 2147483648\n");
  for (const char* command : {"validate", "run"}) {
    const Outcome o = run({command, "s.yaml"});
    EXPECT_EQ(o.code, 2) << command;
    EXPECT_EQ(o.err, "sendsim: s.yaml:6:13: settings[5].places: expected an integer between 0 and 1000000, got "
                     "2147483648\n")
        << command;
    EXPECT_EQ(o.out, "") << command;
  }
  EXPECT_EQ(entries(), std::vector<std::string>{"s.yaml"});
}

// Issue 11, errors: `sendsim run --help` exited 2 "unknown option".
TEST_F(HardeningCli, EveryCommandAnswersHelp) {
  for (const char* command : {"run", "compare", "validate", "report", "parameters", "demo"}) {
    for (const char* flag : {"--help", "-h"}) {
      const Outcome o = run({command, flag});
      EXPECT_EQ(o.code, 0) << command << " " << flag << ": " << o.err;
      EXPECT_TRUE(o.out.starts_with(std::string("usage: sendsim ") + command)) << o.out;
      EXPECT_EQ(o.err, "");
    }
  }
  // Also after other arguments, and nothing is run.
  const Outcome o = run({"run", kTiny.string(), "--replications", "2", "--help"});
  EXPECT_EQ(o.code, 0);
  EXPECT_TRUE(o.out.starts_with("usage: sendsim run SCENARIO [options]")) << o.out;
  EXPECT_TRUE(o.out.find("--no-report") != std::string::npos) << o.out;
  EXPECT_EQ(entries(), std::vector<std::string>{});
}

// Issue 11: `--out --quiet` made a folder named --quiet.
TEST_F(HardeningCli, AnOptionIsNeverTakenAsTheValueOfAnother) {
  const Outcome o = run({"run", kTiny.string(), "--out", "--quiet"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err, "sendsim: --out: missing value (--quiet is an option; write --out=--quiet if you mean it as the "
                   "value)\n");
  const Outcome seed = run({"run", kTiny.string(), "--seed", "--threads", "2"});
  EXPECT_EQ(seed.code, 2);
  EXPECT_EQ(seed.err, "sendsim: --seed: missing value (--threads is an option; write --seed=--threads if you mean it "
                      "as the value)\n");
  const Outcome compare = run({"compare", kTiny.string(), kTiny.string(), "--target-ci", "--quiet"});
  EXPECT_EQ(compare.code, 2);
  EXPECT_TRUE(compare.err.starts_with("sendsim: --target-ci: missing value (--quiet is an option;")) << compare.err;
  EXPECT_EQ(entries(), std::vector<std::string>{});
  // Written with '=', such a folder name is taken as meant.
  const Outcome named = run({"run", kTiny.string(), "--out=--odd", "--replications", "1", "--no-report", "--quiet"});
  EXPECT_EQ(named.code, 0) << named.err;
  EXPECT_EQ(entries(), std::vector<std::string>{"--odd"});
}

// Issue 11: --replications and --threads accepted wider ranges than the same
// keys in a file.
TEST_F(HardeningCli, FlagRangesAreTheFileRanges) {
  struct Case {
    const char* flag;
    const char* key;
    const char* past;
    const char* range;
  };
  for (const Case& c : {Case{"--replications", "replications", "100001", "1 to 100000"},
                        Case{"--threads", "threads", "1025", "0 to 1024"}}) {
    const Outcome flag = run({"run", kTiny.string(), c.flag, c.past});
    EXPECT_EQ(flag.code, 2);
    EXPECT_EQ(flag.err, std::string("sendsim: ") + c.flag + ": expected a whole number from " + c.range + ", got \"" +
                            c.past + "\"\n");
    put("s.yaml", "scenario:\n  name: t\n  model: " + (kSource / "tests" / "scenarios" / "tiny-model.yaml").string() +
                      "\n  " + c.key + ": " + c.past + "\n");
    const Outcome file = run({"validate", "s.yaml"});
    EXPECT_EQ(file.code, 2);
    std::string range = c.range;
    range.replace(range.find(" to "), 4, " and ");
    EXPECT_EQ(file.err, std::string("sendsim: s.yaml:4:") + std::to_string(5 + std::string(c.key).size()) +
                            ": scenario." + c.key + ": expected an integer between " + range + ", got " + c.past +
                            "\n");
  }
}

// Issue 11: validate stopped at the first bad file.
TEST_F(HardeningCli, ValidateReportsEveryBadFile) {
  put("a.yaml", "model: [\n");
  put("b.yaml", "scenario:\n  name: b\n  model: nowhere.yaml\n");
  const Outcome o = run({"validate", "a.yaml", kTiny.string(), "b.yaml"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.out, kTiny.string() + ": ok\n");
  EXPECT_EQ(o.err, "sendsim: a.yaml:2:1: yaml syntax error: end of sequence flow not found\n"
                   "sendsim: b.yaml:3:10: scenario.model: cannot open \"nowhere.yaml\": no such file\n"
                   "sendsim: validate: 2 of 3 files failed\n");
}

}  // namespace
