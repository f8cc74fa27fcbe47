// tests/appraise/appraise_cli_test.cpp: `sendsim appraise` as a process. Bad
// options files (an unknown district or need in an option, a negative cost, a
// group naming no option or an unknown one) exit 2 with the message word for
// word, FILE:LINE:COLUMN first, and write nothing, and `sendsim validate`
// refuses them with the same message; a good one writes the appraisal folder
// whole, and validates.
#include <gtest/gtest.h>

#include "cli_support.hpp"

namespace sendsim::cli_test {
namespace {

const fs::path kData = fs::path(SENDSIM_SOURCE_DIR) / "tests/appraise/data";

class AppraiseCli : public SendsimProcessTest {
 protected:
  void expect_refused(const std::string& fixture, const std::string& message) {
    const fs::path file = kData / "bad" / fixture;
    const Outcome o = run({"appraise", file.string(), "--out", "out", "--quiet"});
    EXPECT_EQ(o.code, 2) << o.err;
    EXPECT_EQ(o.err, "sendsim: " + file.string() + ":" + message + "\n");
    EXPECT_TRUE(work_is_empty()) << "nothing may be written on bad input";
    const Outcome v = run({"validate", file.string()});
    EXPECT_EQ(v.code, 2) << v.err;
    EXPECT_EQ(v.out, "");
    EXPECT_EQ(v.err, "sendsim: " + file.string() + ":" + message + "\n");
  }
};

TEST_F(AppraiseCli, ValidateChecksAGoodOptionsFile) {
  const std::string file = (kData / "tiny-options.yaml").string();
  const Outcome o = run({"validate", file});
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_EQ(o.err, "");
  EXPECT_TRUE(o.out.starts_with(file + ": ok (an options file of ")) << o.out;
  EXPECT_TRUE(work_is_empty());
}

TEST_F(AppraiseCli, UnknownDistrictInAnOption) {
  expect_refused(
      "unknown-district.yaml",
      "20:65: capital_programme[0].setting.district: unknown district \"Middle\"; known districts: "
      "Elsewhere, North, South");
}

TEST_F(AppraiseCli, UnknownNeedInAnOption) {
  expect_refused("unknown-need.yaml",
                 "20:85: capital_programme[0].setting.needs[1]: unknown need \"AUT\"; expected one of: "
                 "ASD, SEMH, SLCN, MLD, SLD, PMLD, SpLD, PD, HI, VI, MSI, OTH, NSA");
}

TEST_F(AppraiseCli, NegativeCapitalCost) {
  expect_refused("negative-cost.yaml",
                 "43:31: capital_programme[0].capital_cost.min: expected a number between 0 and 10000000000, "
                 "got -150000");
}

TEST_F(AppraiseCli, NegativeScreeningReplications) {
  expect_refused("negative-screening.yaml",
                 "8:27: appraisal.screening_replications: expected an integer between 0 and 100000, got -5");
}

TEST_F(AppraiseCli, GroupNamingNoOption) {
  expect_refused("empty-group.yaml",
                 "47:14: groups[0].options: a group names no option; expected a list of option names");
}

TEST_F(AppraiseCli, GroupNamingAnUnknownOption) {
  expect_refused(
      "group-unknown-option.yaml",
      "47:26: groups[0].options[1]: unknown option \"elm-deer\"; expected one of: elm-cheap, elm-dear, "
      "oak-expansion");
}

TEST_F(AppraiseCli, WritesTheAppraisalFolderWhole) {
  const Outcome o = run({"appraise", (kData / "tiny-options.yaml").string(), "--out", "out", "--replications",
                         "2", "--threads", "2", "--quiet"});
  ASSERT_EQ(o.code, 0) << o.err;
  for (const char* f : {"appraisal.csv", "ranking.csv", "report.html", "summary.json", "manifest.txt",
                        "charts/frontier.png", "charts/frontier.svg"}) {
    EXPECT_TRUE(fs::is_regular_file(work() / "out" / f)) << f;
  }
  const std::string csv = read_file(work() / "out" / "appraisal.csv");
  EXPECT_EQ(csv.substr(0, csv.find(',')), "portfolio");
  EXPECT_NE(csv.find("\nbaseline,"), std::string::npos);
  EXPECT_NE(read_file(work() / "out" / "report.html").find("<svg"), std::string::npos);
  // The same command again gives the same bytes (the folder is replaced whole).
  const std::string first = read_file(work() / "out" / "appraisal.csv");
  const Outcome again = run({"appraise", (kData / "tiny-options.yaml").string(), "--out", "out",
                             "--replications", "2", "--threads", "1", "--quiet"});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(read_file(work() / "out" / "appraisal.csv"), first);
}

}  // namespace
}  // namespace sendsim::cli_test
