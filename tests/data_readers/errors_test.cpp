// tests/data_readers/errors_test.cpp: load_published on a scratch copy of
// the extract folder with one thing changed: a missing folder or file, a
// truncated gzip, a header of no known release, a short row, a cell that is
// not a number; a byte-order mark and CRLF (read as before); every missing
// code end to end and an all-suppressed series; the 2026 ceased and
// primary-need layouts (Down syndrome).
#include <gtest/gtest.h>

#include <sstream>

#include "fixture.hpp"

namespace sendsim::data {
namespace {

using testing::data_error;
using testing::replace_once;
using testing::ScratchCopy;

/// `text` with every line passed through `f`.
std::string each_line(const std::string& text, const std::function<std::string(const std::string&)>& f) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) out += f(line) + "\n";
  return out;
}

/// A comma-separated line (no quotes in it) as fields, and back.
std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) out.push_back(field);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}
std::string joined(const std::vector<std::string>& fields) {
  std::string out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += fields[i];
  }
  return out;
}

TEST(PublishedErrors, AMissingFolder) {
  EXPECT_EQ(data_error([] { (void)load_published("/nonexistent/data"); }),
            "/nonexistent/data: no such folder");
  const ScratchCopy copy;
  std::filesystem::remove_all(copy / "sen2/release-2022");
  EXPECT_EQ(data_error([&] { (void)load_published(copy.root()); }),
            (copy / "sen2/release-2022/sen2_age_caseload.csv").string() +
                ": no such file (nor sen2_age_caseload.csv.gz)");
}

TEST(PublishedErrors, AMissingFileNamesItsPath) {
  for (const std::string rel :
       {"sen2/release-2025/requests", "sen2/release-2022/sen2_mi", "lait/lait_sen_measures_all_las",
        "population/population20_utla20", "s251/high_needs_benchmarking_tool_2021-22"}) {
    const ScratchCopy copy;
    std::filesystem::remove(copy / (rel + ".csv.gz"));
    const std::string leaf = rel.substr(rel.find_last_of('/') + 1);
    EXPECT_EQ(data_error([&] { (void)load_published(copy.root()); }),
              (copy / (rel + ".csv")).string() + ": no such file (nor " + leaf + ".csv.gz)");
  }
}

TEST(PublishedErrors, AMissingTribunalTableOrDsgSheet) {
  {
    const ScratchCopy copy;
    std::filesystem::remove(copy / "sen2/release-2025/SEND Tribunals and appeal rate 2014-2024.csv.gz");
    EXPECT_EQ(data_error([&] { (void)load_published(copy.root()); }),
              (copy / "sen2/release-2025/SEND Tribunals and appeal rate 2014-2024.csv").string() +
                  ": no such file (nor .csv.gz)");
  }
  {
    const ScratchCopy copy;
    std::filesystem::remove(copy / "dsg/dsg_2022-23_High_needs_deductions.csv.gz");
    EXPECT_EQ(
        data_error([&] { (void)load_published(copy.root()); }),
        (copy / "dsg/dsg_2022-23_High_needs_deductions.csv").string() +
            ": no such file (nor .csv.gz; dsg/dsg_2022-23_High_needs_block.csv.gz has no deductions for "
            "its year)");
  }
}

TEST(PublishedErrors, ATruncatedFile) {
  const ScratchCopy copy;
  const auto path = copy / "sen2/release-2025/requests.csv.gz";
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 100);
  EXPECT_EQ(data_error([&] { (void)load_published(copy.root()); }),
            "sen2/release-2025/requests.csv.gz: truncated gzip stream");
}

TEST(PublishedErrors, AHeaderOfNoKnownReleaseNamesTheMissingColumns) {
  const ScratchCopy copy;
  copy.rewrite("sen2/release-2025/caseload.csv.gz", [](std::string t) {
    t = replace_once(t, ",ehcplans,", ",plans,");
    return replace_once(t, ",special_academy_free,", ",special_acad,");
  });
  EXPECT_EQ(
      data_error([&] { (void)load_published(copy.root()); }),
      "sen2/release-2025/caseload.csv:1: the header matches no known release of this file (the closest, the "
      "2025 release, lacks ehcplans, special_academy_free)");
}

TEST(PublishedErrors, AHeaderWithoutAKeyColumn) {
  const ScratchCopy copy;
  copy.rewrite("sen2/release-2022/sen2_mi.csv.gz",
               [](std::string t) { return replace_once(t, ",old_la_code,", ",la_code,"); });
  EXPECT_EQ(
      data_error([&] { (void)load_published(copy.root()); }),
      "sen2/release-2022/sen2_mi.csv:1: the header matches no known release of this file (the closest, the "
      "2022 release, lacks old_la_code)");
}

TEST(PublishedErrors, AShortRow) {
  const ScratchCopy copy;
  copy.rewrite("sen2/release-2025/requests.csv.gz", [](const std::string& t) {
    std::size_t line = 0;
    return each_line(t, [&](const std::string& l) {
      if (++line != 3) return l;
      auto f = split(l);
      f.resize(12);
      return joined(f);
    });
  });
  EXPECT_EQ(data_error([&] { (void)load_published(copy.root()); }),
            "sen2/release-2025/requests.csv:3: expected 29 fields, got 12");
}

TEST(PublishedErrors, ACellThatIsNotANumber) {
  const ScratchCopy copy;
  copy.rewrite("sen2/release-2025/timeliness_20_week.csv.gz", [](std::string t) {
    return replace_once(
        t, "882,Southend-on-Sea,All EHC plans issued,All EHC plans issued,139,134,133,132,95.7,",
        "882,Southend-on-Sea,All EHC plans issued,All EHC plans issued,139,134,133,132,95.7ish,");
  });
  const std::string message = data_error([&] { (void)load_published(copy.root()); });
  EXPECT_EQ(message.substr(message.find(": ")), ": pc_plans_issued_within_20_weeks: not a number: '95.7ish'");
  EXPECT_EQ(message.rfind("sen2/release-2025/timeliness_20_week.csv:", 0), 0u);
}

TEST(PublishedErrors, AByteOrderMarkAndCrlfReadAsBefore) {
  const ScratchCopy copy;
  copy.rewrite("sen2/release-2025/requests.csv.gz", [](std::string t) {
    return "\xEF\xBB\xBF" + each_line(t, [](const std::string& l) { return l + "\r"; });
  });
  const PublishedData d = load_published(copy.root());
  const PublishedData& before = testing::published();
  for (const char* code : {"882", "883", "886", "352"}) {
    for (const auto& [year, f] : before.find(code).requests) {
      if (f.source.file != "sen2/release-2025/requests.csv.gz") continue;
      const Figure& now = d.find(code).requests.at(year);
      EXPECT_EQ(now.value, f.value) << code << " " << year;
      EXPECT_EQ(now.source.line, f.source.line);
      EXPECT_EQ(now.source.file, "sen2/release-2025/requests.csv");
    }
  }
  EXPECT_EQ(d.england.requests.at(2019).value_or(-1), 82329);
}

TEST(PublishedErrors, EveryMissingCodeEndToEndAndAnAllSuppressedSeries) {
  // Southend's LAIT EHC percentages replaced by x, z, c, low and empty cells.
  const ScratchCopy copy;
  const std::vector<std::string> codes = {"x", "z", "c", "low", ""};
  std::size_t n = 0;
  copy.rewrite("lait/lait_sen_measures_all_las.csv.gz", [&](const std::string& t) {
    return each_line(t, [&](const std::string& line) {
      auto f = split(line);
      if (f.size() == 7 && f[0] == "SEN_TotStat" && f[5] == "882") {
        f[4] = codes[n++ % codes.size()];
        return joined(f);
      }
      return line;
    });
  });
  ASSERT_EQ(n, 10u);
  const PublishedData d = load_published(copy.root());
  const ByYear& s = d.find("882").ehc_pct;
  ASSERT_EQ(s.size(), 10u);
  std::size_t i = 0;
  for (const auto& [year, f] : s) {
    EXPECT_FALSE(f.ok()) << year;
    EXPECT_EQ(f.missing, codes[i++ % codes.size()]) << year;
    EXPECT_EQ(f.source.file, "lait/lait_sen_measures_all_las.csv");
  }
  // The check reports each year, with its line, and nothing else about the series.
  const auto findings = check_area(d.find("882"));
  std::size_t suppressed = 0;
  for (const auto& f : findings) {
    if (f.series != "ehc_pct") continue;
    EXPECT_EQ(f.kind, "suppressed");
    EXPECT_GT(f.source.line, 1u);
    ++suppressed;
  }
  EXPECT_EQ(suppressed, 10u);
  EXPECT_EQ(d.find("883").ehc_pct.at(2025).value_or(-1),
            testing::published().find("883").ehc_pct.at(2025).value_or(-2));
}

TEST(PublishedErrors, The2026CeasedAndNeedLayouts) {
  // The 2026 release drops not_rec from ceased_plans and adds Down syndrome
  // (number_ds) to the need file, renamed sen_needs_caseload: built here
  // from the 2025 files' rows.
  const ScratchCopy copy;
  const std::string ceased = copy.text("sen2/release-2025/ceased_plans.csv.gz");
  const std::string needs = copy.text("sen2/release-2025/sen_needs_all_plans.csv.gz");
  std::size_t not_rec = 0;
  testing::write_file(copy / "sen2/release-2026-sample/ceased_plans.csv",
                      each_line(ceased, [&](const std::string& l) {
                        auto f = split(l);
                        if (f[0] == "time_period")
                          not_rec = std::find(f.begin(), f.end(), "not_rec") - f.begin();
                        f.erase(f.begin() + static_cast<std::ptrdiff_t>(not_rec));
                        if (f[0] == "2024") f[0] = "2025";
                        return joined(f);
                      }));
  testing::write_file(copy / "sen2/release-2026-sample/sen_needs_caseload.csv",
                      each_line(needs, [](const std::string& l) {
                        auto f = split(l);
                        if (f[0] == "time_period") return l + ",number_ds";
                        if (f[0] == "202425") f[0] = "202526";
                        return joined(f) + ",3";
                      }));
  const PublishedData d = load_published(copy.root());
  const AreaData& a = d.find("882");
  EXPECT_EQ(a.ceased.at(2025).value_or(-1), 138);
  EXPECT_EQ(a.ceased_left_education.at(2025).value_or(-1), 67);
  EXPECT_EQ(a.ceased_left_education.at(2025).source.column, "he+employ+no_engage+deceased+other");
  EXPECT_EQ(a.ceased_left_education.at(2024).source.column, "he+employ+no_engage+deceased+other+not_rec");
  EXPECT_EQ(a.plans_by_need[13].at(2026).value_or(-1), 3);  // DS
  EXPECT_EQ(a.plans_by_need[0].at(2026).value_or(-1), 625);
  EXPECT_TRUE(a.plans_by_need[13].count(2025) == 0);
  EXPECT_EQ(a.plans_by_need[0].at(2025).source.file, "sen2/release-2025/sen_needs_all_plans.csv.gz");
}

}  // namespace
}  // namespace sendsim::data
