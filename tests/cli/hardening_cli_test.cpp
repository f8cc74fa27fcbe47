// tests/cli/hardening_cli_test.cpp: the sendsim binary against a careless or
// hostile user (issue 11): --out never deletes what sendsim did not write,
// leftovers of killed runs are cleaned with a line saying so; and (issue 13)
// every command answers --help and gives the same message for the same
// mistake.
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
  EXPECT_EQ(
      o.err,
      "sendsim: results folder mine exists and is not a sendsim results folder (it has no manifest.txt); "
      "refusing to replace it: choose another --out or remove it\n");
  EXPECT_EQ(read_file(work() / "mine" / "report.docx"), "a user's document");
  EXPECT_EQ(entries(), std::vector<std::string>{"mine"});
}

TEST_F(HardeningCli, NotesAddedToAResultsFolderAreKeptAndTheRunRefused) {
  ASSERT_EQ(
      run({"run", kTiny.string(), "--out", "out", "--replications", "1", "--no-report", "--quiet"}).code, 0);
  put("out/notes.txt", "my notes");
  const Outcome o =
      run({"run", kTiny.string(), "--out", "out", "--replications", "1", "--no-report", "--quiet"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(
      o.err,
      "sendsim: results folder out holds files sendsim did not write: notes.txt; refusing to replace it, so "
      "that nothing of yours is lost: move them out of out or choose another --out\n");
  EXPECT_EQ(read_file(work() / "out" / "notes.txt"), "my notes");
  // Without them it is replaced.
  fs::remove(work() / "out" / "notes.txt");
  EXPECT_EQ(
      run({"run", kTiny.string(), "--out", "out", "--replications", "1", "--no-report", "--quiet"}).code, 0);
  EXPECT_EQ(entries(), std::vector<std::string>{"out"});
}

TEST_F(HardeningCli, TheLeftoverOfAKilledRunIsRemovedWithALine) {
  const long pid = dead_pid();
  const std::string leftover = "out.tmp-" + std::to_string(pid);
  put(leftover + "/.sendsim-temporary", "");
  put(leftover + "/per_replication.csv", std::string(4096, 'x'));
  const Outcome o =
      run({"run", kTiny.string(), "--out", "out", "--replications", "1", "--no-report", "--quiet"});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.err, "sendsim: removed " + (work() / leftover).string() +
                       ", left by an earlier sendsim (process " + std::to_string(pid) +
                       ") that did not finish\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"out"});
}

TEST_F(HardeningCli, ReportRefusesToReplaceAUsersChart) {
  ASSERT_EQ(run({"run", kTiny.string(), "--out", "out", "--replications", "1", "--quiet"}).code, 0);
  put("out/charts/my-figure.png", "mine");
  const Outcome o = run({"report", "out", "--quiet"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err,
            "sendsim: results folder out holds charts/my-figure.png, which sendsim did not write; refusing "
            "to replace the report: move it out of out first\n");
  EXPECT_EQ(read_file(work() / "out" / "charts" / "my-figure.png"), "mine");
}

// Issue 11, 2: places 2147483648 passed validate and run and wrapped to
// -2147483648 places.
TEST_F(HardeningCli, PlacesBeyondTheLimitAreRefusedAsWritten) {
  put("s.yaml",
      "scenario:\n  name: t\n  model: " + (kSource / "tests" / "scenarios" / "tiny-model.yaml").string() +
          "\nsettings:\n  - name: Beech special\n    places: 2147483648\n");
  for (const char* command : {"validate", "run"}) {
    const Outcome o = run({command, "s.yaml"});
    EXPECT_EQ(o.code, 2) << command;
    EXPECT_EQ(o.err,
              "sendsim: s.yaml:6:13: settings[5].places: expected an integer between 0 and 1000000, got "
              "2147483648\n")
        << command;
    EXPECT_EQ(o.out, "") << command;
  }
  EXPECT_EQ(entries(), std::vector<std::string>{"s.yaml"});
}

// Issue 11, errors: `sendsim run --help` exited 2 "unknown option". Issue
// 13: every command has a --help, made from the options it declares.
TEST_F(HardeningCli, EveryCommandAnswersHelp) {
  const std::vector<std::vector<std::string>> commands = {
      {"run"},       {"compare"},  {"batch"},    {"sensitivity"}, {"appraise"}, {"report"},
      {"calibrate"}, {"backtest"}, {"validate"}, {"parameters"},  {"demo"},     {"data", "check"}};
  for (const auto& command : commands) {
    std::string name;
    for (const auto& w : command) name += (name.empty() ? "" : " ") + w;
    for (const char* flag : {"--help", "-h"}) {
      auto args = command;
      args.emplace_back(flag);
      const Outcome o = run(args);
      EXPECT_EQ(o.code, 0) << name << " " << flag << ": " << o.err;
      EXPECT_TRUE(o.out.starts_with("usage: sendsim " + name)) << o.out;
      EXPECT_TRUE(o.out.ends_with("\n  -h, --help               print this help\n")) << o.out;
      EXPECT_EQ(o.err, "");
    }
  }
  // Also after other arguments, and nothing is run.
  const Outcome o = run({"run", kTiny.string(), "--replications", "2", "--help"});
  EXPECT_EQ(o.code, 0);
  EXPECT_TRUE(o.out.starts_with("usage: sendsim run SCENARIO [options]\n")) << o.out;
  EXPECT_TRUE(o.out.find("\n  --no-report              skip the charts") != std::string::npos) << o.out;
  EXPECT_EQ(entries(), std::vector<std::string>{});
  // sendsim --help lists every command.
  const Outcome all = run({"--help"});
  for (const auto& command : commands) {
    std::string name;
    for (const auto& w : command) name += (name.empty() ? "" : " ") + w;
    EXPECT_NE(all.out.find("\n  " + name), std::string::npos) << name;
  }
}

// Issue 13: the same mistake gives the same message whatever the command.
TEST_F(HardeningCli, TheSameMistakeGivesTheSameMessageInEveryCommand) {
  const std::string sweep = (kSource / "tests" / "batch" / "sweeps" / "tiny-grid.yaml").string();
  struct Case {
    std::string name;
    std::vector<std::string> args;
    bool has_seed;
  };
  const std::vector<Case> cases = {
      {"run", {"run", kTiny.string()}, true},
      {"compare", {"compare", kTiny.string(), kTiny.string()}, true},
      {"batch", {"batch", sweep}, true},
      {"sensitivity", {"sensitivity", kTiny.string(), "--vary", "requests.trend=0.02:0.04"}, true},
      {"appraise", {"appraise", "options.yaml"}, true},
      {"report", {"report", "."}, false},
      {"calibrate", {"calibrate", "--la", "882"}, true},
      {"backtest", {"backtest", "--la", "882"}, true},
      {"data check", {"data", "check", "--la", "882"}, false},
  };
  auto expect = [&](std::vector<std::string> args, const std::string& err) {
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    const Outcome o = run(args);
    EXPECT_EQ(o.code, 2) << joined;
    EXPECT_EQ(o.err, err) << joined;
    EXPECT_EQ(o.out, "") << joined;
  };
  for (const Case& c : cases) {
    auto unknown = c.args;
    unknown.emplace_back("--fast=1");
    expect(unknown,
           "sendsim: " + c.name + ": unknown option \"--fast\" (see sendsim " + c.name + " --help)\n");
    auto stray = c.args;
    stray.insert(stray.begin() + (c.name == "data check" ? 2 : 1), "-x");
    expect(stray, "sendsim: " + c.name + ": unknown option \"-x\" (see sendsim " + c.name + " --help)\n");
    if (c.name != "data check") {
      auto flag_value = c.args;
      flag_value.emplace_back("--quiet=yes");
      expect(flag_value, "sendsim: --quiet takes no value\n");
    }
    if (c.has_seed) {
      auto missing = c.args;
      missing.emplace_back("--seed");
      expect(missing, "sendsim: --seed: missing value\n");
      auto option = c.args;
      option.insert(option.end(), {"--seed", "--quiet"});
      expect(option,
             "sendsim: --seed: missing value (--quiet is an option; write --seed=--quiet if you mean it as "
             "the value)\n");
      auto bad = c.args;
      bad.insert(bad.end(), {"--seed", "-1"});
      expect(bad, "sendsim: --seed: expected a whole number from 0 to 18446744073709551615, got \"-1\"\n");
    }
  }
  expect({"report", "a", "b"}, "sendsim: report: one results folder at a time; got \"a\" and \"b\"\n");
  expect({"calibrate", "882"},
         "sendsim: calibrate: unexpected argument \"882\" (see sendsim calibrate --help)\n");
  expect({"demo", "--fast"}, "sendsim: demo: unknown option \"--fast\" (see sendsim demo --help)\n");
  EXPECT_EQ(entries(), std::vector<std::string>{});
}

// Issue 11: `--out --quiet` made a folder named --quiet.
TEST_F(HardeningCli, AnOptionIsNeverTakenAsTheValueOfAnother) {
  const Outcome o = run({"run", kTiny.string(), "--out", "--quiet"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err,
            "sendsim: --out: missing value (--quiet is an option; write --out=--quiet if you mean it as the "
            "value)\n");
  const Outcome seed = run({"run", kTiny.string(), "--seed", "--threads", "2"});
  EXPECT_EQ(seed.code, 2);
  EXPECT_EQ(seed.err,
            "sendsim: --seed: missing value (--threads is an option; write --seed=--threads if you mean it "
            "as the value)\n");
  const Outcome compare = run({"compare", kTiny.string(), kTiny.string(), "--target-ci", "--quiet"});
  EXPECT_EQ(compare.code, 2);
  EXPECT_TRUE(compare.err.starts_with("sendsim: --target-ci: missing value (--quiet is an option;"))
      << compare.err;
  EXPECT_EQ(entries(), std::vector<std::string>{});
  // Written with '=', such a folder name is taken as meant.
  const Outcome named =
      run({"run", kTiny.string(), "--out=--odd", "--replications", "1", "--no-report", "--quiet"});
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
    EXPECT_EQ(flag.err, std::string("sendsim: ") + c.flag + ": expected a whole number from " + c.range +
                            ", got \"" + c.past + "\"\n");
    put("s.yaml",
        "scenario:\n  name: t\n  model: " + (kSource / "tests" / "scenarios" / "tiny-model.yaml").string() +
            "\n  " + c.key + ": " + c.past + "\n");
    const Outcome file = run({"validate", "s.yaml"});
    EXPECT_EQ(file.code, 2);
    std::string range = c.range;
    range.replace(range.find(" to "), 4, " and ");
    EXPECT_EQ(file.err, std::string("sendsim: s.yaml:4:") + std::to_string(5 + std::string(c.key).size()) +
                            ": scenario." + c.key + ": expected an integer between " + range + ", got " +
                            c.past + "\n");
  }
}

// Issue 11: validate stopped at the first bad file.
TEST_F(HardeningCli, ValidateReportsEveryBadFile) {
  put("a.yaml", "model: [\n");
  put("b.yaml", "scenario:\n  name: b\n  model: nowhere.yaml\n");
  const Outcome o = run({"validate", "a.yaml", kTiny.string(), "b.yaml"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.out, kTiny.string() + ": ok\n");
  EXPECT_EQ(o.err,
            "sendsim: a.yaml:2:1: yaml syntax error: end of sequence flow not found\n"
            "sendsim: b.yaml:3:10: scenario.model: cannot open \"nowhere.yaml\": no such file\n"
            "sendsim: validate: 2 of 3 files failed\n");
}

}  // namespace
