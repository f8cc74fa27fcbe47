// tests/cli/calibrate_cli_test.cpp: `sendsim data check`, `calibrate` and
// `backtest` as a user runs them, on the real extracts in
// tests/data/published/: outputs written, and bad data files (missing,
// truncated, a wrong header, an unknown LA, an all-suppressed series) refused
// with exit 2, the file named, and nothing written.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"

namespace sendsim::cli_test {
namespace {

const fs::path kData = fs::path(SENDSIM_TEST_DATA) / "published";

class CalibrateCli : public SendsimProcessTest {
 protected:
  /// A scratch copy of the extracts, to break one file.
  fs::path data_copy() const {
    const fs::path d = base() / "data";
    fs::copy(kData, d, fs::copy_options::recursive);
    return d;
  }
};

TEST_F(CalibrateCli, WritesAValidModelAndItsFitTable) {
  const Outcome o = run({"calibrate", "--la", "882", "--origin", "2024", "--data", kData.string(), "--out",
                         "models/southend.yaml", "--rounds", "3", "--replications", "3"});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("882 Southend-on-Sea, origin January 2024: fitted in 3 rounds"), std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("model: models/southend.yaml\nfit table: models/southend.fit.csv\n"),
            std::string::npos);
  const std::string model = read_file(work() / "models/southend.yaml");
  EXPECT_EQ(model.rfind("# southend-on-sea-2024: 882 Southend-on-Sea, calibrated by `sendsim calibrate", 0),
            0u);
  const std::string fit = read_file(work() / "models/southend.fit.csv");
  EXPECT_EQ(fit.rfind("series,year,published,simulated_mean,low_95,high_95,error_pct\nplans,2023,1541,", 0),
            0u)
      << fit;
  // The types' yearly swings start at the origin's academic year; mainstream has none.
  EXPECT_NE(model.find("  - parameter: placement.preference.special\n    factor: {normal: {mean: "),
            std::string::npos);
  EXPECT_NE(
      model.find("    yearly: true\n    from_year: 2023   # the academic year of the January 2024 census\n"),
      std::string::npos);
  EXPECT_EQ(model.find("placement.preference.mainstream"), std::string::npos);
  const Outcome v = run({"validate", "models/southend.yaml"});
  EXPECT_EQ(v.code, 0) << v.err;
  // Run again onto the same file: calibrate wrote it, so it is replaced.
  EXPECT_EQ(run({"calibrate", "--la", "882", "--origin", "2024", "--data", kData.string(), "--out",
                 "models/southend.yaml", "--rounds", "1", "--quiet"})
                .code,
            0);
}

TEST_F(CalibrateCli, WithEstablishmentsTheModelHasTheirDistrictsAndSchools) {
  const fs::path gias = fs::path(SENDSIM_TEST_DATA) / "gias/edubasealldata_886_synthetic.csv";
  const Outcome o =
      run({"calibrate", "--la", "886", "--origin", "2024", "--data", kData.string(), "--establishments",
           gias.string(), "--out", "kent.yaml", "--rounds", "2", "--replications", "2", "--quiet"});
  ASSERT_EQ(o.code, 0) << o.err;
  const std::string model = read_file(work() / "kent.yaml");
  EXPECT_NE(model.find("  - {name: \"Canterbury\", quadrant: \"Kent\", population_0_25: "),
            std::string::npos);
  EXPECT_NE(model.find("  - {from: \"Canterbury\", to: \"Dover\", minutes: 47}\n"), std::string::npos);
  EXPECT_NE(model.find("  - name: \"Canterbury Oak School\"   # "), std::string::npos);
  EXPECT_NE(model.find("    needs: [ASD, SLD, PMLD]\n"), std::string::npos);
  EXPECT_EQ(run({"validate", "kent.yaml"}).code, 0);
  // An LA the file does not hold is refused, naming the file.
  const Outcome bad = run({"calibrate", "--la", "352", "--origin", "2024", "--data", kData.string(),
                           "--establishments", gias.string(), "--out", "s.yaml"});
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(bad.err, "sendsim: " + gias.string() + ": no open establishment of LA 352\n");
  EXPECT_FALSE(fs::exists(work() / "s.yaml"));
}

TEST_F(CalibrateCli, EveryCommandAnswersHelp) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"calibrate", "--help"}, {"backtest", "--help"}, {"data", "check", "--help"}}) {
    const Outcome o = run(args);
    EXPECT_EQ(o.code, 0) << args[0];
    EXPECT_EQ(o.out.rfind("usage: sendsim " + args[0], 0), 0u) << o.out;
  }
  EXPECT_TRUE(work_is_empty());
}

TEST_F(CalibrateCli, RefusesToReplaceAFileItDidNotWrite) {
  fs::create_directories(work() / "models");
  std::ofstream(work() / "models/mine.yaml") << "# my own model\n";
  const Outcome o = run({"calibrate", "--la", "882", "--data", kData.string(), "--out", "models/mine.yaml"});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err,
            "sendsim: models/mine.yaml: exists and was not written by sendsim calibrate; choose another "
            "--out or remove it\n");
  EXPECT_EQ(read_file(work() / "models/mine.yaml"), "# my own model\n");
}

TEST_F(CalibrateCli, AnUnknownLaIsRefusedNamingTheFolder) {
  const Outcome o = run({"calibrate", "--la", "999", "--data", kData.string()});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(
      o.err,
      "sendsim: " + kData.string() +
          ": no local authority 999 in the published files (13 authorities, e.g. 882 Southend-on-Sea)\n");
  EXPECT_TRUE(work_is_empty());
}

TEST_F(CalibrateCli, AMissingFileIsRefusedNamingIt) {
  const fs::path d = data_copy();
  fs::remove(d / "sen2/release-2025/requests.csv.gz");
  const Outcome o = run({"calibrate", "--la", "882", "--data", d.string()});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err, "sendsim: " + (d / "sen2/release-2025/requests.csv").string() +
                       ": no such file (nor requests.csv.gz)\n");
  EXPECT_TRUE(work_is_empty());
}

TEST_F(CalibrateCli, ATruncatedFileIsRefusedNamingIt) {
  const fs::path d = data_copy();
  const fs::path f = d / "sen2/release-2025/caseload.csv.gz";
  fs::resize_file(f, fs::file_size(f) / 2);
  const Outcome o = run({"calibrate", "--la", "882", "--data", d.string()});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err.rfind("sendsim: sen2/release-2025/caseload.csv.gz:", 0), 0u) << o.err;
  EXPECT_NE(o.err.find("truncated gzip stream"), std::string::npos) << o.err;
  EXPECT_TRUE(work_is_empty());
}

TEST_F(CalibrateCli, AWrongHeaderIsRefusedNamingTheFileAndColumns) {
  const fs::path d = data_copy();
  const fs::path f = d / "sen2/release-2026-sample/requests.csv";
  std::string text = read_file(f);
  text.replace(0, text.find('\n'), "time_period,area,requests");
  std::ofstream(f, std::ios::binary | std::ios::trunc) << text;
  const Outcome o = run({"calibrate", "--la", "882", "--data", d.string()});
  EXPECT_EQ(o.code, 2);
  EXPECT_EQ(o.err.rfind("sendsim: sen2/release-2026-sample/requests.csv:1: ", 0), 0u) << o.err;
  EXPECT_NE(o.err.find("requests_received_in_year"), std::string::npos) << o.err;
  EXPECT_TRUE(work_is_empty());
}

TEST_F(CalibrateCli, AnAllSuppressedSeriesIsRefusedNamingItsFile) {
  // Every EHC plan count of Thurrock (883) suppressed, in every release.
  const fs::path d = data_copy();
  const Outcome check = run({"data", "check", "--la", "883", "--data", d.string()});
  ASSERT_EQ(check.code, 0) << check.err;
  // Blank the 883 rows of the stock files by turning their counts into "x".
  for (const char* file : {"sen2/release-2025/caseload.csv.gz", "sen2/release-2022/sen2_age_caseload.csv.gz",
                           "sen2/release-2022/sen2_estab_caseload.csv.gz"}) {
    const std::string cmd =
        "cd " + quote(d.string()) + " && zcat " + quote(file) +
        " | awk -F, 'BEGIN{OFS=\",\"} $0 ~ /,883,|,E06000034,/ {for (i = 12; i <= NF; i++) "
        "if ($i ~ /^[0-9.]+$/) $i = \"x\"} {print}' | gzip -n > t.gz && mv t.gz " +
        quote(file);
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  const Outcome o = run({"calibrate", "--la", "883", "--data", d.string(), "--origin", "2024"});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find(
                ": local authority 883 Thurrock: no EHC plans published for January 2021, needed for a model "
                "with origin 2024\n"),
            std::string::npos)
      << o.err;
  EXPECT_TRUE(work_is_empty());
}

TEST_F(CalibrateCli, DataCheckListsFindingsWithFileAndLine) {
  const Outcome o = run({"data", "check", "--la", "E06000033", "--data", kData.string()});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.out.rfind("882 Southend-on-Sea (E06000033): ", 0), 0u) << o.out;
  EXPECT_NE(o.out.find("\nsen2/release-2025/caseload.csv.gz:"), std::string::npos);
  EXPECT_NE(o.out.find(": series_break: "), std::string::npos) << o.out;
  EXPECT_TRUE(work_is_empty());
}

TEST_F(CalibrateCli, BacktestOfTwoLasWritesScoresAndAReport) {
  const Outcome o = run({"backtest", "--la", "882,883", "--origins", "2023-2024", "--horizon", "2", "--data",
                         kData.string(), "--out", "bt", "--replications", "6", "--fit-replications", "2",
                         "--fit-rounds", "2", "--quiet"});
  ASSERT_EQ(o.code, 0) << o.err;
  const std::string csv = read_file(work() / "bt/backtest.csv");
  EXPECT_EQ(csv.rfind("la,la_name,series,origin,year,horizon,actual,mean,", 0), 0u);
  // Southend's January 2025 plans (1,992, sen2 release-2025 caseload) against the 2024 origin.
  EXPECT_NE(csv.find("\n882,Southend-on-Sea,plans,2024,2025,1,1992,"), std::string::npos)
      << csv.substr(0, 600);
  const std::string summary = read_file(work() / "bt/summary.json");
  const auto json = nlohmann::json::parse(summary);
  EXPECT_EQ(json.at("kind"), "backtest");
  bool plans_at_one_year = false;
  for (const auto& s : json.at("scores")) {
    plans_at_one_year =
        plans_at_one_year || (s.at("series") == "plans" && s.at("horizon") == 1 && s.at("n") == 4);
  }
  EXPECT_TRUE(plans_at_one_year) << summary;
  EXPECT_TRUE(fs::exists(work() / "bt/report.html"));
  EXPECT_TRUE(fs::exists(work() / "bt/charts/accuracy_plans.svg"));
  EXPECT_TRUE(fs::exists(work() / "bt/charts/fan_plans.png"));
  // The same run again gives the same bytes (no timings in the folder's files).
  ASSERT_EQ(run({"backtest",
                 "--la",
                 "882,883",
                 "--origins",
                 "2023-2024",
                 "--horizon",
                 "2",
                 "--data",
                 kData.string(),
                 "--out",
                 "bt2",
                 "--replications",
                 "6",
                 "--fit-replications",
                 "2",
                 "--fit-rounds",
                 "2",
                 "--quiet",
                 "--threads",
                 "1"})
                .code,
            0);
  EXPECT_EQ(read_file(work() / "bt2/backtest.csv"), csv);
  EXPECT_EQ(read_file(work() / "bt2/summary.json"), summary);
}

}  // namespace
}  // namespace sendsim::cli_test
