// tests/batch/batch_cli_test.cpp: `sendsim batch` as a process: the same
// bytes for 1 and 2 threads, --expand against a fresh run with the total,
// kill -9 mid-batch then --resume against an uninterrupted run, a changed
// input rerun by --resume, bad sweeps exit 2 with nothing written (batch and
// validate, word for word), a failed cell reported while the others run.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "bad_sweeps.hpp"
#include "batch/batch_file.hpp"
#include "cli_support.hpp"

namespace {

namespace fs = std::filesystem;
using sendsim::cli_test::read_file;

const std::string kSource = SENDSIM_SOURCE_DIR;
const std::string kGrid = kSource + "/tests/batch/sweeps/tiny-grid.yaml";

/// Every file under `dir` with its bytes, but timing.json (the batch's:
/// ranks, threads and wall time; a cell's holds zeros and is kept).
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    const std::string rel = fs::relative(e.path(), dir).generic_string();
    if (rel == "timing.json") continue;
    out.emplace(rel, read_file(e.path()));
  }
  return out;
}

void expect_same(const fs::path& a, const fs::path& b) {
  const auto sa = snapshot(a);
  const auto sb = snapshot(b);
  std::vector<std::string> na, nb;
  for (const auto& [k, v] : sa) na.push_back(k);
  for (const auto& [k, v] : sb) nb.push_back(k);
  ASSERT_EQ(na, nb);
  for (const auto& [name, bytes] : sa) EXPECT_TRUE(bytes == sb.at(name)) << name << " differs";
}

class BatchCli : public sendsim::cli_test::SendsimProcessTest {};

TEST_F(BatchCli, SameBytesForOneAndTwoThreads) {
  // The charts and report too.
  ASSERT_EQ(run({"batch", kGrid, "--out", "t1", "--threads", "1", "--quiet"}).code, 0);
  ASSERT_EQ(run({"batch", kGrid, "--out", "t2", "--threads", "2", "--quiet"}).code, 0);
  EXPECT_TRUE(fs::exists(work() / "t1" / "charts" / "heat_shortfall.svg"));
  EXPECT_NE(read_file(work() / "t1" / "report.html").find("<svg"), std::string::npos);
  expect_same(work() / "t1", work() / "t2");
  // Four cells, each a results folder with its tables.
  for (const char* cell : {"000", "001", "002", "003"}) {
    EXPECT_TRUE(
        fs::exists(work() / "t1" / "cells" / (std::string(cell) + "-tiny-scenario") / "ehc_snapshot.csv"));
  }
  const std::string sweep = read_file(work() / "t1" / "sweep.csv");
  EXPECT_NE(sweep.find("003-tiny-scenario,tiny-baseline,0.08,6,special_place_shortfall,2025,"),
            std::string::npos);
}

TEST_F(BatchCli, PerReplicationIsWrittenOnlyWhenAskedAndChangesNoOtherFile) {
  ASSERT_EQ(run({"batch", kGrid, "--out", "plain", "--replications", "2", "--quiet", "--no-report"}).code, 0);
  const auto o = run(
      {"batch", kGrid, "--out", "raw", "--replications", "2", "--per-replication", "--quiet", "--no-report"});
  ASSERT_EQ(o.code, 0) << o.err;
  const fs::path cell = fs::path("cells") / "001-tiny-scenario";
  EXPECT_FALSE(fs::exists(work() / "plain" / cell / "per_replication.csv"));
  const std::string rows = read_file(work() / "raw" / cell / "per_replication.csv");
  EXPECT_EQ(rows.rfind("table,replication,key,value\n", 0), 0U);
  EXPECT_NE(rows.find("\nehc_snapshot,1,"), std::string::npos);
  // Every other file the same bytes, but each cell's manifest and summary.json, which list it.
  EXPECT_EQ(read_file(work() / "plain" / cell / "summary.json").find("\"per_replication.csv\""),
            std::string::npos);
  EXPECT_NE(read_file(work() / "raw" / cell / "summary.json").find("\"per_replication.csv\""),
            std::string::npos);
  auto a = snapshot(work() / "plain");
  auto b = snapshot(work() / "raw");
  for (auto* m : {&a, &b}) {
    for (auto it = m->begin(); it != m->end();) {
      const bool skip = it->first.ends_with("/manifest.txt") || it->first.ends_with("/summary.json") ||
                        it->first.ends_with("/per_replication.csv");
      it = skip ? m->erase(it) : std::next(it);
    }
  }
  EXPECT_TRUE(a == b);
}

TEST_F(BatchCli, CellsDifferByWhatTheyChangeAndShareTheirSeed) {
  ASSERT_EQ(run({"batch", kGrid, "--out", "b", "--quiet", "--no-report"}).code, 0);
  const auto manifest = sendsim::batch::parse_batch_file(read_file(work() / "b" / "batch.json"));
  EXPECT_EQ(manifest.seed, 7U);
  ASSERT_EQ(manifest.cells.size(), 4U);
  for (const auto& c : manifest.cells) EXPECT_EQ(c.seed, 7U) << c.cell;
  const std::string low = read_file(work() / "b" / "cells" / "000-tiny-scenario" / "flows.csv");
  const std::string high = read_file(work() / "b" / "cells" / "002-tiny-scenario" / "flows.csv");
  EXPECT_NE(low, high);  // requests.trend 0.02 against 0.08
}

TEST_F(BatchCli, ExpandGivesTheBytesOfAFreshRunWithTheTotal) {
  ASSERT_EQ(run({"batch", kGrid, "--out", "e", "--replications", "2", "--quiet", "--no-report"}).code, 0);
  const auto before = read_file(work() / "e" / "cells" / "001-tiny-scenario" / "ehc_snapshot.csv");
  const auto o = run({"batch", kGrid, "--out", "e", "--expand", "3", "--quiet", "--no-report"});
  ASSERT_EQ(o.code, 0) << o.err;
  ASSERT_EQ(run({"batch", kGrid, "--out", "f", "--replications", "5", "--quiet", "--no-report"}).code, 0);
  expect_same(work() / "e", work() / "f");
  EXPECT_NE(before, read_file(work() / "e" / "cells" / "001-tiny-scenario" / "ehc_snapshot.csv"));
  EXPECT_EQ(sendsim::batch::parse_batch_file(read_file(work() / "e" / "batch.json")).replications, 5U);
}

TEST_F(BatchCli, KilledMidBatchThenResumeGivesTheUninterruptedBytes) {
  ASSERT_EQ(run({"batch", kGrid, "--out", "whole", "--replications", "12", "--threads", "1", "--quiet",
                 "--no-report"})
                .code,
            0);
  const fs::path dir = work() / "killed";
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (::chdir(work().c_str()) != 0) ::_exit(127);
    ::execl(sendsim::cli_test::kBinary.c_str(), "sendsim", "batch", kGrid.c_str(), "--out", "killed",
            "--replications", "12", "--threads", "1", "--quiet", "--no-report", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Kill it once the first cell is written (or it has finished).
  for (int i = 0; i < 2000 && !fs::exists(dir / "replications" / "000-tiny-scenario.bin"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  const auto o = run({"batch", kGrid, "--out", "killed", "--replications", "12", "--threads", "2", "--resume",
                      "--quiet", "--no-report"});
  ASSERT_EQ(o.code, 0) << o.err;
  // Leftover temporaries of the killed process are gone once a folder is rewritten.
  expect_same(work() / "whole", dir);
}

TEST_F(BatchCli, ResumeRerunsOnlyCellsWhoseInputsChanged) {
  ASSERT_EQ(run({"batch", kGrid, "--out", "r", "--quiet", "--no-report"}).code, 0);
  const auto o = run({"batch", kGrid, "--out", "r", "--resume", "--no-report"});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.err.find("4 cells, 0 to run (0 tasks)"), std::string::npos) << o.err;
  const auto changed =
      run({"batch", kGrid, "--out", "r", "--resume", "--set", "assessment.caseload=12", "--no-report"});
  EXPECT_NE(changed.err.find("4 cells, 4 to run (16 tasks)"), std::string::npos) << changed.err;
}

TEST_F(BatchCli, ARunBatchFolderIsNotOverwrittenWithoutResume) {
  ASSERT_EQ(run({"batch", kGrid, "--out", "x", "--quiet", "--no-report"}).code, 0);
  const auto o = run({"batch", kGrid, "--out", "x", "--quiet", "--no-report"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(
      o.err,
      "sendsim: x: holds a batch already (--resume finishes it, --expand N adds replications; or choose "
      "another --out)\n");
}

TEST_F(BatchCli, BadSweepsExitTwoAndWriteNothing) {
  // `sendsim validate SWEEP` and the batch's own pre-flight: the same words.
  for (const auto& c : sendsim::batch_test::bad_sweeps()) {
    const std::string file = kSource + "/tests/batch/sweeps/bad/" + c.file;
    const std::string expected = "sendsim: " + file + c.message + "\n";
    const auto v = run({"validate", file});
    EXPECT_EQ(v.code, 2) << c.file;
    EXPECT_EQ(v.err, expected);
    EXPECT_EQ(v.out, "");
    const auto b = run({"batch", file, "--out", "bad"});
    EXPECT_EQ(b.code, 2) << c.file;
    EXPECT_EQ(b.err, expected);
    EXPECT_EQ(b.out, "");
    EXPECT_TRUE(work_is_empty()) << c.file;
  }
}

TEST_F(BatchCli, ValidateChecksASweepAndEveryCell) {
  const auto ok = run({"validate", kGrid, kSource + "/tests/scenarios/tiny-scenario.yaml"});
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(ok.out,
            kGrid + ": ok (a sweep of 4 cells)\n" + kSource + "/tests/scenarios/tiny-scenario.yaml: ok\n");
  // A cell that batch would record as failed fails the sweep here.
  const std::string bad = kSource + "/tests/batch/sweeps/one-bad-cell.yaml";
  const auto v = run({"validate", bad});
  EXPECT_EQ(v.code, 2);
  EXPECT_EQ(v.err, "sendsim: " + bad + ":9:28: settings[4].min_age: min_age 11 is greater than max_age 10\n");
  EXPECT_TRUE(work_is_empty());
}

TEST_F(BatchCli, AFailedCellIsReportedWithItsErrorAndTheOthersGoOn) {
  // Cells 000 and 002 run; 001's value breaks a cross-field rule; 003 to 005
  // share a bad base file.
  const std::string sweep = kSource + "/tests/batch/sweeps/one-bad-cell.yaml";
  const std::string bad_base = kSource + "/tests/scenarios/bad/min-age-above-max.yaml";
  const std::string value_error = sweep + ":9:28: settings[4].min_age: min_age 11 is greater than max_age 10";
  const std::string base_error =
      bad_base + ":7:14: settings[4].min_age: min_age 11 is greater than max_age 10";
  const auto o = run({"batch", sweep, "--out", "b", "--threads", "2", "--no-report"});
  EXPECT_EQ(o.code, 1) << o.err;
  EXPECT_NE(o.err.find("batch: cell cells/001-tiny-scenario failed: " + value_error + "\n"),
            std::string::npos)
      << o.err;
  EXPECT_NE(o.err.find("batch: cell cells/003-min-age-above-max failed: " + base_error + "\n"),
            std::string::npos);
  EXPECT_NE(o.err.find("6 cells, 2 to run (4 tasks)"), std::string::npos) << o.err;
  EXPECT_NE(
      o.out.find("one-bad-cell: 2 of 6 cells done (4 failed), 2 replications each, 4 tasks run on 1 rank"),
      std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("\n  failed: cells/001-tiny-scenario: " + value_error + "\n"), std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("\n  failed: cells/005-min-age-above-max: " + base_error + "\n"), std::string::npos);
  // batch.json: each cell's state and error.
  const auto manifest = sendsim::batch::parse_batch_file(read_file(work() / "b" / "batch.json"));
  ASSERT_EQ(manifest.cells.size(), 6U);
  for (std::size_t i = 0; i < 6; ++i) {
    const auto& c = manifest.cells[i];
    const bool done = i == 0 || i == 2;
    EXPECT_EQ(c.state, done ? "done" : "failed") << c.cell;
    EXPECT_EQ(c.replications, done ? 2U : 0U) << c.cell;
    EXPECT_EQ(c.error, done ? "" : i == 1 ? value_error : base_error) << c.cell;
    EXPECT_EQ(c.inputs_sha256.empty(), !done) << c.cell;
  }
  EXPECT_EQ(manifest.cells[1].cell, "cells/001-tiny-scenario");
  EXPECT_EQ(manifest.cells[1].values,
            (std::vector<std::pair<std::string, std::string>>{{"settings[4].min_age", "11"}}));
  // The cells that ran are whole results folders; the failed ones have none.
  EXPECT_TRUE(fs::exists(work() / "b" / "cells" / "000-tiny-scenario" / "ehc_snapshot.csv"));
  EXPECT_TRUE(fs::exists(work() / "b" / "cells" / "002-tiny-scenario" / "ehc_snapshot.csv"));
  EXPECT_FALSE(fs::exists(work() / "b" / "cells" / "001-tiny-scenario"));
  EXPECT_FALSE(fs::exists(work() / "b" / "cells" / "003-min-age-above-max"));
  const std::string table = read_file(work() / "b" / "sweep.csv");
  EXPECT_NE(table.find("\n002-tiny-scenario,tiny-baseline,6,"), std::string::npos);
  EXPECT_EQ(table.find("\n001-tiny-scenario,"), std::string::npos);
  // --resume tries the failed cells again (they fail again) and keeps the rest.
  const auto r = run({"batch", sweep, "--out", "b", "--resume", "--no-report"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("6 cells, 0 to run (0 tasks)"), std::string::npos) << r.err;
}
}  // namespace

namespace {

/// The rows of a CSV file as fields (no quoted commas in these files).
std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::string field;
    std::istringstream l(line);
    while (std::getline(l, field, ',')) fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

TEST_F(BatchCli, ACellThatFailsWhileTheBatchRunsFailsAloneAndResumeRerunsOnlyIt) {
  // A failure after loading, while the batch runs: cell 001's folder holds a
  // file of the user's, so the cell's new results cannot replace it (a
  // valid scenario cannot fail inside the simulation: every check is made
  // when it loads). The other cells go on; the folder and the note are kept.
  ASSERT_EQ(run({"batch", kGrid, "--out", "b", "--replications", "2", "--quiet", "--no-report"}).code, 0);
  const fs::path cell = work() / "b" / "cells" / "001-tiny-scenario";
  std::ofstream(cell / "notes.txt") << "mine\n";
  const std::string before = read_file(cell / "ehc_snapshot.csv");
  const auto o = run({"batch", kGrid, "--out", "b", "--expand", "1", "--threads", "2", "--no-report"});
  EXPECT_EQ(o.code, 1) << o.err;
  const std::string error =
      "results folder b/cells/001-tiny-scenario holds files sendsim did not write: notes.txt; refusing to "
      "replace it, so that nothing of yours is lost: move them out of b/cells/001-tiny-scenario or choose "
      "another --out";
  EXPECT_NE(o.err.find("\nbatch: cell cells/001-tiny-scenario failed: " + error + "\n"), std::string::npos)
      << o.err;
  EXPECT_NE(o.out.find("tiny-grid: 3 of 4 cells done (1 failed), 3 replications each, 4 tasks run on 1 rank"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("\n  failed: cells/001-tiny-scenario: " + error + "\n"), std::string::npos) << o.out;
  const auto manifest = sendsim::batch::parse_batch_file(read_file(work() / "b" / "batch.json"));
  ASSERT_EQ(manifest.cells.size(), 4U);
  for (std::size_t i = 0; i < 4; ++i) {
    const auto& c = manifest.cells[i];
    EXPECT_EQ(c.state, i == 1 ? "failed" : "done") << c.cell;
    EXPECT_EQ(c.error, i == 1 ? error : "") << c.cell;
    // The failed cell still has its 2 replications of before, folder and file.
    EXPECT_EQ(c.replications, i == 1 ? 2U : 3U) << c.cell;
  }
  EXPECT_EQ(read_file(cell / "notes.txt"), "mine\n");
  EXPECT_EQ(read_file(cell / "ehc_snapshot.csv"), before);
  EXPECT_EQ(read_file(work() / "b" / "sweep.csv").find("\n001-tiny-scenario,"), std::string::npos);
  // Fixed, --resume runs that cell's one missing replication and nothing
  // else, and the folder is then the bytes of a fresh batch of 3.
  fs::remove(cell / "notes.txt");
  const auto r =
      run({"batch", kGrid, "--out", "b", "--resume", "--replications", "3", "--threads", "2", "--no-report"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("4 cells, 1 to run (1 tasks)"), std::string::npos) << r.err;
  ASSERT_EQ(run({"batch", kGrid, "--out", "f", "--replications", "3", "--quiet", "--no-report"}).code, 0);
  expect_same(work() / "b", work() / "f");
}

TEST_F(BatchCli, SensitivityUnderCommonRandomNumbers) {
  // requests.trend is 0.03 in the tiny model: LOW is the baseline itself, so
  // under common random numbers its effect is exactly zero in every
  // replication; HIGH changes the requests.
  const auto o = run({"sensitivity", kSource + "/tests/scenarios/tiny-scenario.yaml", "--vary",
                      "requests.trend=0.03:0.12", "--vary", "assessment.assessors=1:4", "--replications", "4",
                      "--out", "s", "--quiet", "--no-report"});
  ASSERT_EQ(o.code, 0) << o.err;
  const auto rows = csv_rows(read_file(work() / "s" / "tornado.csv"));
  ASSERT_EQ(rows.size(), 1U + 4U * 2U);  // header, 4 metrics x 2 parameters
  EXPECT_EQ(rows[0][2], "parameter");
  bool some_high_effect = false;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 15U);
    if (rows[i][2] == "requests.trend") {
      EXPECT_EQ(rows[i][7], "0") << rows[i][0];  // low_effect
      EXPECT_EQ(rows[i][8], "0");
      EXPECT_EQ(rows[i][9], "0");
      EXPECT_EQ(rows[i][6], rows[i][5]);  // low mean = baseline mean
      if (rows[i][11] != "0") some_high_effect = true;
    }
    if (rows[i][2] == "assessment.assessors") {
      EXPECT_EQ(rows[i][11], "0") << rows[i][0];  // 4 is the scenario's
    }
  }
  EXPECT_TRUE(some_high_effect);
  // Sorted by swing within each metric.
  for (std::size_t i = 1; i + 1 < rows.size(); ++i) {
    if (rows[i][0] == rows[i + 1][0]) {
      EXPECT_GE(std::stod(rows[i][14]), std::stod(rows[i + 1][14]));
    }
  }
}

TEST_F(BatchCli, SensitivityRefusesAMalformedVary) {
  const auto o = run({"sensitivity", kSource + "/tests/scenarios/tiny-scenario.yaml", "--vary",
                      "requests.trend=0.03", "--out", "s"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err, "sendsim: --vary:1:1: expected PATH=LOW:HIGH, got \"requests.trend=0.03\"\n");
  EXPECT_TRUE(work_is_empty());
}

}  // namespace

namespace {

/// sweep.csv's mean of (cell, metric, period); NaN when absent.
double mean_of(const std::vector<std::vector<std::string>>& rows, const std::string& cell,
               const std::string& metric, const std::string& period) {
  for (const auto& r : rows) {
    if (r.size() > 7 && r[0] == cell && r[2] == metric && r[3] == period) return std::stod(r[7]);
  }
  return std::nan("");
}

TEST_F(BatchCli, TotalIsTheSumWithinEachReplication) {
  const std::string sweep = kSource + "/tests/batch/sweeps/tiny-total.yaml";
  ASSERT_EQ(run({"batch", sweep, "--out", "t", "--quiet", "--no-report"}).code, 0);
  const auto rows = csv_rows(read_file(work() / "t" / "sweep.csv"));
  ASSERT_EQ(rows[0][2], "metric");  // no axis columns
  for (const char* year : {"2022", "2023", "2024"}) {
    const double a = mean_of(rows, "000-tiny-scenario", "ehc_plans", year);
    const double b = mean_of(rows, "001-tiny-option", "ehc_plans", year);
    const double total = mean_of(rows, "total", "ehc_plans", year);
    ASSERT_FALSE(std::isnan(total)) << year;
    EXPECT_NEAR(total, a + b, 1e-9 * total) << year;
  }
  // Independent LAs: one seed each, mixed from the master seed.
  const auto manifest = sendsim::batch::parse_batch_file(read_file(work() / "t" / "batch.json"));
  ASSERT_EQ(manifest.cells.size(), 2U);
  EXPECT_EQ(manifest.seed, 11U);
  EXPECT_NE(manifest.cells[0].seed, 11U);
  EXPECT_NE(manifest.cells[1].seed, 11U);
  EXPECT_NE(manifest.cells[0].seed, manifest.cells[1].seed);
  // england.csv: each LA, each region, England.
  const auto england = csv_rows(read_file(work() / "t" / "england.csv"));
  std::set<std::string> levels;
  for (std::size_t i = 1; i < england.size(); ++i) levels.insert(england[i][0] + ":" + england[i][1]);
  EXPECT_TRUE(levels.count("la:tiny-baseline") && levels.count("la:tiny-option") &&
              levels.count("region:North") && levels.count("region:South") &&
              levels.count("england:England"));
}

TEST_F(BatchCli, ATotalIsNotWrittenWhileACellFailed) {
  // The tiny total with a third LA whose file is bad: a sum without it
  // would be wrong, so neither the total rows nor england.csv are written.
  const std::string sweep = read_file(kSource + "/tests/batch/sweeps/tiny-total.yaml");
  const std::string bad =
      "  - {file: " + kSource + "/tests/scenarios/bad/min-age-above-max.yaml, region: South}\n";
  std::string text = sweep;
  for (const char* f : {"../../scenarios/tiny-scenario.yaml", "../../scenarios/tiny-option.yaml"}) {
    text.replace(text.find(f), std::string(f).size(), kSource + "/tests/batch/sweeps/" + f);
  }
  { std::ofstream(work() / "total.yaml") << text + bad; }
  const auto o = run({"batch", "total.yaml", "--out", "t", "--no-report"});
  EXPECT_EQ(o.code, 1) << o.err;
  EXPECT_NE(o.out.find("  failed: cells/002-min-age-above-max: "), std::string::npos) << o.out;
  const auto rows = csv_rows(read_file(work() / "t" / "sweep.csv"));
  EXPECT_FALSE(std::isnan(mean_of(rows, "000-tiny-scenario", "ehc_plans", "2023")));
  EXPECT_TRUE(std::isnan(mean_of(rows, "total", "ehc_plans", "2023")));
  EXPECT_FALSE(fs::exists(work() / "t" / "england.csv"));
}

}  // namespace
