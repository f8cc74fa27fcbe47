// tests/output/results_writer_test.cpp: the files of a results folder, an
// empty run, reproducible bytes, and atomic replacement and failure.
#include "output/results_writer.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <algorithm>
#include <stdexcept>

#include "output/results_fold.hpp"
#include "results_fixture.hpp"
#include "run_fixture.hpp"

namespace sendsim::output {
namespace {

using namespace testing;

std::vector<std::string> write_hand_made(const fs::path& dir) {
  const send::Scenario sc = hand_made_scenario();
  const run::RunOutput out = hand_made_output(hand_made_results());
  ResultsContext context{&sc, "scenario:\n  name: hand-made\n", "9.9.9"};
  return write_results(dir, out, run::aggregate(out.results), context);
}

TEST(ResultsWriter, WritesEveryFile) {
  ScratchDir scratch("writes");
  const fs::path dir = scratch.path() / "out";
  const auto files = write_hand_made(dir);
  EXPECT_EQ(files, (std::vector<std::string>{"ehc_snapshot.csv", "occupancy.csv", "timeliness.csv",
                                             "dfe_scap_forecast.csv", "dfe_dsg_plan_grid.csv",
                                             "sufficiency.csv", "per_replication.csv", "report_series.csv",
                                             "tidy.csv", "workbook.xlsx", "scenario.effective.yaml",
                                             "seeds.txt", "timing.json", "summary.json"}));
  for (const auto& f : files) EXPECT_TRUE(fs::exists(dir / f)) << f;
  EXPECT_TRUE(fs::exists(dir / "manifest.txt"));
  EXPECT_EQ(scratch.entries(), std::vector<std::string>{"out"});  // no temporary folder left

  const auto plans = lines_of(read_file(dir / "ehc_snapshot.csv"));
  ASSERT_EQ(plans.size(), 4u);
  EXPECT_EQ(plans[0], "year,placement,age_band,need,n,mean,sd,ci_low,ci_high,p5,p50,p95");
  EXPECT_EQ(plans[1], "2022,mainstream,5_10,ASD,3,20,0,20,20,20,20,20");
  // 10, 11, 12: mean 11, sd 1, t(0.975, 2) = 4.302652729911275.
  EXPECT_TRUE(plans[2].starts_with("2022,special,5_10,ASD,3,11,1,")) << plans[2];
  // Absent in replication 1: 12.5, 0, 12.5.
  EXPECT_TRUE(plans[3].starts_with("2023,special,5_10,ASD,3,8.333333333333334,")) << plans[3];

  const auto occupancy = lines_of(read_file(dir / "occupancy.csv"));
  EXPECT_EQ(occupancy[1], "2022,\"Oak, \"\"the\"\" special\",on_roll,3,50,0,50,50,50,50,50");

  // Skipped in replication 2: 50 and 60 over n = 2.
  const auto timeliness = lines_of(read_file(dir / "timeliness.csv"));
  EXPECT_TRUE(timeliness[1].starts_with("2022,pct_within_20_weeks,2,55,")) << timeliness[1];

  const auto per = lines_of(read_file(dir / "per_replication.csv"));
  EXPECT_EQ(per[0], "table,replication,key,value");
  EXPECT_EQ(per[1], "ehc_snapshot,0,year=2022;placement=mainstream;age_band=5_10;need=ASD,20");
  // 3 + 2 + 3 plan rows, 3 occupancy rows, 2 timeliness rows.
  EXPECT_EQ(per.size(), 1u + 8u + 3u + 2u);

  EXPECT_EQ(read_file(dir / "scenario.effective.yaml"), "scenario:\n  name: hand-made\n");
  const std::string seeds = read_file(dir / "seeds.txt");
  EXPECT_NE(seeds.find("master_seed 18446744073709551615\n"), std::string::npos);
  EXPECT_NE(seeds.find("stream capital:New school 0x"), std::string::npos);
  EXPECT_NE(seeds.find("replication 2 0x"), std::string::npos);

  const std::string summary = read_file(dir / "summary.json");
  EXPECT_NE(summary.find("\"version\": \"9.9.9\""), std::string::npos);
  EXPECT_NE(summary.find("\"description\": \"a \\\"quoted\\\" description\\nover two lines\""),
            std::string::npos);
  EXPECT_NE(summary.find("\"seed\": 18446744073709551615"), std::string::npos);
  // Read back over the struct it was written from: every part, and the
  // same bytes when written again.
  const ResultsSummary back = read_results_summary(dir);
  EXPECT_EQ(back.version, "9.9.9");
  EXPECT_EQ(back.scenario.description, "a \"quoted\" description\nover two lines");
  EXPECT_EQ(back.run.seed, UINT64_MAX);
  EXPECT_EQ(back.run.replications, 3u);
  EXPECT_EQ(back.run.fingerprints,
            (std::vector<std::string>{"0x000000000000abc0", "0x000000000000abc1", "0x000000000000abc2"}));
  EXPECT_EQ(back.files, files);
  ASSERT_EQ(back.tables.size(), 3u);  // the aggregated tables
  EXPECT_EQ(back.tables[0].file, "ehc_snapshot.csv");
  EXPECT_EQ(back.tables[0].rows, 3u);
  ASSERT_FALSE(back.headline.empty());
  EXPECT_EQ(back.headline[0].name, "ehc_plans");
  ASSERT_FALSE(back.headline[0].values.empty());
  // The 2022 total is 30, 31, 32 in the three replications.
  EXPECT_EQ(back.headline[0].values[0].period, "2022");
  EXPECT_EQ(back.headline[0].values[0].summary.n, 3);
  EXPECT_EQ(back.headline[0].values[0].summary.mean, 31.0);
  EXPECT_EQ(back.headline[0].values[0].summary.sd, 1.0);
  EXPECT_EQ(results_summary_text(back), summary);
  // Whole numbers without ".0", as the CSV files write them.
  EXPECT_NE(summary.find("\"mean\": 31,\n"), std::string::npos) << summary;
  EXPECT_THROW((void)read_results_summary(scratch.path()), std::runtime_error);  // no summary.json there
}

TEST(ResultsWriter, ReportSeriesAreTheTotalsOfEachReplicationSummarised) {
  ScratchDir scratch("series");
  const fs::path dir = scratch.path() / "out";
  write_hand_made(dir);
  const auto lines = lines_of(read_file(dir / "report_series.csv"));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "series,period,n,mean,sd,ci_low,ci_high,p5,p50,p95,min,max");
  auto row = [&](const std::string& start) {
    const auto it =
        std::find_if(lines.begin(), lines.end(), [&](const std::string& l) { return l.starts_with(start); });
    return it == lines.end() ? std::string() : *it;
  };
  // Plans in 2022: 20 in mainstream with 10, 11 and 12 in special: 30, 31, 32.
  EXPECT_TRUE(row("ehc:total,2022,").starts_with("ehc:total,2022,3,31,1,")) << row("ehc:total,2022,");
  EXPECT_TRUE(row("ehc:total,2022,").ends_with(",30,32")) << row("ehc:total,2022,");
  // Special in 2023: 12.5, absent (0), 12.5.
  EXPECT_TRUE(row("ehc:special,2023,").starts_with("ehc:special,2023,3,8.333333333333334,"))
      << row("ehc:special,2023,");
}

TEST(ResultsWriter, PerReplicationIsLeftOutWhenNotAskedFor) {
  ScratchDir scratch("no-per");
  const fs::path dir = scratch.path() / "out";
  const send::Scenario sc = hand_made_scenario();
  const run::RunOutput out = hand_made_output(hand_made_results());
  ResultsContext context{&sc, "scenario:\n  name: hand-made\n", "9.9.9"};
  context.per_replication = false;
  const auto files = write_results(dir, out, run::aggregate(out.results), context);
  EXPECT_EQ(std::count(files.begin(), files.end(), "per_replication.csv"), 0);
  EXPECT_FALSE(fs::exists(dir / "per_replication.csv"));
  EXPECT_TRUE(fs::exists(dir / "report_series.csv"));
}

TEST(ResultsWriter, EmptyRunWritesHeadersOnly) {
  ScratchDir scratch("empty");
  const fs::path dir = scratch.path() / "out";
  const send::Scenario sc = hand_made_scenario();
  const run::RunOutput out = hand_made_output({});
  // Tables the model declares but with no rows in any replication.
  run::AggregatedTable plans;
  plans.info = {
      "ehc_snapshot", {"year", "placement", "age_band", "need"}, "children", send::Missing::kZero, "plans"};
  run::AggregatedTable waits;
  waits.info = {"wait_weeks", {"year", "provision", "measure"}, "weeks", send::Missing::kSkip, "waits"};
  write_results(dir, out, {plans, waits}, ResultsContext{&sc, "", "0"});
  EXPECT_EQ(read_file(dir / "ehc_snapshot.csv"),
            "year,placement,age_band,need,n,mean,sd,ci_low,ci_high,p5,p50,p95\n");
  EXPECT_EQ(read_file(dir / "wait_weeks.csv"),
            "year,provision,measure,n,mean,sd,ci_low,ci_high,p5,p50,p95\n");
  EXPECT_EQ(read_file(dir / "per_replication.csv"), "table,replication,key,value\n");
  EXPECT_TRUE(fs::exists(dir / "summary.json"));
  EXPECT_TRUE(read_results_summary(dir).headline.empty());
  EXPECT_NE(read_file(dir / "summary.json").find("\"headline\": []"), std::string::npos);
}

TEST(ResultsWriter, SameResultsSameBytesWhateverTheOrderTheyFinished) {
  ScratchDir scratch("bytes");
  write_hand_made(scratch.path() / "a");
  const send::Scenario sc = hand_made_scenario();
  auto results = hand_made_results();
  std::reverse(results.begin(), results.end());
  const run::RunOutput out = hand_made_output(results);
  write_results(scratch.path() / "b", out, run::aggregate(out.results),
                ResultsContext{&sc, "scenario:\n  name: hand-made\n", "9.9.9"});
  for (const char* f : {"ehc_snapshot.csv", "occupancy.csv", "timeliness.csv", "per_replication.csv",
                        "seeds.txt", "summary.json"}) {
    EXPECT_EQ(read_file(scratch.path() / "a" / f), read_file(scratch.path() / "b" / f)) << f;
  }
}

TEST(ResultsWriter, ReplacesAPreviousResultsFolder) {
  ScratchDir scratch("replace");
  const fs::path dir = scratch.path() / "out";
  write_hand_made(dir);
  // A file the previous run wrote but this one does not goes with the folder.
  fs::remove(dir / "seeds.txt");
  write_hand_made(dir);
  EXPECT_TRUE(fs::exists(dir / "summary.json"));
  EXPECT_TRUE(fs::exists(dir / "seeds.txt"));
  EXPECT_EQ(scratch.entries(), std::vector<std::string>{"out"});  // no .tmp or .old sibling
}

TEST(ResultsWriter, AcceptsAnEmptyFolderAndATrailingSlash) {
  ScratchDir scratch("emptydir");
  fs::create_directory(scratch.path() / "out");
  write_hand_made(scratch.path() / "out/");
  EXPECT_TRUE(fs::exists(scratch.path() / "out" / "summary.json"));
  EXPECT_EQ(scratch.entries(), std::vector<std::string>{"out"});
}

TEST(ResultsWriter, RefusesAFolderThatIsNotAResultsFolder) {
  ScratchDir scratch("refuse");
  const fs::path dir = scratch.path() / "thesis";
  fs::create_directory(dir);
  { std::ofstream(dir / "chapter1.tex") << "precious\n"; }
  try {
    write_hand_made(dir);
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "results folder " + dir.string() +
                  " exists and is not a sendsim results folder (it has no manifest.txt); "
                  "refusing to replace it: choose another --out or remove it");
  }
  EXPECT_EQ(read_file(dir / "chapter1.tex"), "precious\n");
  EXPECT_EQ(scratch.entries(), std::vector<std::string>{"thesis"});

  const fs::path file = scratch.path() / "file.txt";
  { std::ofstream(file) << "x"; }
  EXPECT_THROW(write_hand_made(file), OutputError);
  EXPECT_THROW(check_output_dir(file), OutputError);
  EXPECT_NO_THROW(check_output_dir(scratch.path() / "absent"));
}

TEST(ResultsWriter, RejectsTableNamesThatCannotBeFileNames) {
  ScratchDir scratch("names");
  const send::Scenario sc = hand_made_scenario();
  const run::RunOutput out = hand_made_output({});
  for (const char* name : {"../escape", "summary", "per_replication", "Upper", ""}) {
    run::AggregatedTable t;
    t.info.name = name;
    EXPECT_THROW(write_results(scratch.path() / "out", out, {t}, ResultsContext{&sc, "", "0"}),
                 std::logic_error)
        << name;
  }
  EXPECT_TRUE(scratch.entries().empty());
}

/// Limits the size of any file this process writes, so a write fails part
/// way through (as on a full disk), and restores the limit afterwards.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &saved_);
    old_handler_ = signal(SIGXFSZ, SIG_IGN);  // fail with EFBIG instead of dying
    rlimit limit = saved_;
    limit.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &saved_);
    signal(SIGXFSZ, old_handler_);
  }
  FileSizeLimit(const FileSizeLimit&) = delete;
  FileSizeLimit& operator=(const FileSizeLimit&) = delete;

 private:
  rlimit saved_{};
  sighandler_t old_handler_;
};

TEST(ResultsWriter, AFailedWriteLeavesNothingBehind) {
  ScratchDir scratch("fail");
  const fs::path dir = scratch.path() / "out";
  {
    // Table files are small; per_replication.csv is over 300 bytes.
    FileSizeLimit limit(300);
    EXPECT_THROW(write_hand_made(dir), std::runtime_error);
  }
  EXPECT_TRUE(scratch.entries().empty());  // neither out nor out.tmp-<pid>
  {
    // Nor the parent folders it had to make.
    FileSizeLimit limit(300);
    EXPECT_THROW(write_hand_made(scratch.path() / "results" / "deeper" / "out"), std::runtime_error);
  }
  EXPECT_TRUE(scratch.entries().empty());
}

TEST(ResultsWriter, AFailedWriteKeepsThePreviousResults) {
  ScratchDir scratch("keep");
  const fs::path dir = scratch.path() / "out";
  write_hand_made(dir);
  const std::string before = read_file(dir / "per_replication.csv");
  {
    FileSizeLimit limit(300);
    EXPECT_THROW(write_hand_made(dir), std::runtime_error);
  }
  EXPECT_EQ(scratch.entries(), std::vector<std::string>{"out"});
  EXPECT_EQ(read_file(dir / "per_replication.csv"), before);
}

// An interrupted run (the flag a signal handler sets) writes nothing, removes
// its temporary folder and keeps a previous results folder as it was.
TEST(ResultsWriter, AnInterruptedWriteLeavesNothingOrThePreviousResults) {
  ScratchDir scratch("interrupted");
  const send::Scenario sc = hand_made_scenario();
  const run::RunOutput out = hand_made_output(hand_made_results());
  const std::atomic<int> interrupt{2};
  ResultsContext context{&sc, "", "0"};
  context.interrupt = &interrupt;
  try {
    write_results(scratch.path() / "out", out, run::aggregate(out.results), context);
    ADD_FAILURE() << "no exception";
  } catch (const engine::Interrupted& e) {
    EXPECT_EQ(e.reason(), 2);
  }
  EXPECT_TRUE(scratch.entries().empty());
  write_hand_made(scratch.path() / "out");
  const std::string before = read_file(scratch.path() / "out" / "summary.json");
  EXPECT_THROW(write_results(scratch.path() / "out", out, run::aggregate(out.results), context),
               engine::Interrupted);
  EXPECT_EQ(scratch.entries(), std::vector<std::string>{"out"});
  EXPECT_EQ(read_file(scratch.path() / "out" / "summary.json"), before);
}

TEST(Headlines, TotalsPerPeriodOverReplications) {
  const auto h = headline_figures(hand_made_results());
  ASSERT_EQ(h.size(), 1u);  // only ehc_snapshot of the headline tables is present
  EXPECT_EQ(h[0].name, "ehc_plans");
  ASSERT_EQ(h[0].values.size(), 2u);
  EXPECT_EQ(h[0].values[0].first, "2022");
  EXPECT_DOUBLE_EQ(h[0].values[0].second.mean, 31.0);
  EXPECT_DOUBLE_EQ(h[0].values[1].second.mean, 25.0 / 3.0);
}

// `sendsim run` folds every replication on the worker thread that finishes
// it (output/results_fold.hpp) and lets its tables go there; the folder must
// be the one written from the replications kept whole, byte for byte, on
// any number of threads.
TEST(ResultsWriter, FoldingOnTheWorkersAndLettingTheTablesGoWritesTheSameFolder) {
  const send::Scenario scenario = costed_tiny_scenario();
  ScratchDir scratch("folded");
  run::RunOptions plain = run::RunOptions::from_spec(scenario.run);
  plain.replications = 3;
  const run::RunOutput kept = run::run_scenario(scenario, plain);
  ResultsContext context{&scenario, "scenario: {}\n", "test"};
  context.per_replication = false;
  write_results(scratch.path() / "kept", kept, run::aggregate(kept.results), context);
  for (const unsigned threads : {1U, 2U}) {
    run::RunOptions options = plain;
    options.threads = threads;
    options.aggregate = true;
    ResultsFold folded(scenario, options.replications);
    std::size_t next = 0;
    options.on_replication = [&](send::ReplicationResult& r) {
      EXPECT_EQ(r.replication, next++);  // in replication order
      folded.add(r);
      std::vector<send::Table>().swap(r.tables);
    };
    const run::RunOutput out = run::run_scenario(scenario, options);
    ASSERT_EQ(next, 3U);
    for (const auto& r : out.results) ASSERT_TRUE(r.tables.empty());
    ResultsContext with_fold = context;
    with_fold.folded = &folded;
    const fs::path dir = scratch.path() / ("folded-" + std::to_string(threads));
    write_results(dir, out, out.tables, with_fold);
    std::size_t compared = 0;
    for (const auto& entry : fs::directory_iterator(scratch.path() / "kept")) {
      const std::string name = entry.path().filename().string();
      if (name == "timing.json" || name == "manifest.txt") continue;
      ASSERT_TRUE(fs::exists(dir / name)) << name;
      EXPECT_EQ(read_file(entry.path()), read_file(dir / name)) << name << ", threads " << threads;
      ++compared;
    }
    EXPECT_GE(compared, 20U);
  }
}

}  // namespace
}  // namespace sendsim::output
