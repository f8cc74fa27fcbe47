// tests/data_readers/csv_test.cpp: the CSV reader (quoting, line numbers,
// CRLF, byte-order mark, gzip and truncated gzip), the header map and the
// parsing of published cells (numbers and every missing-value code).
#include "data/csv.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "fixture.hpp"

namespace sendsim::data {
namespace {

std::vector<std::vector<std::string>> records(CsvFile& f, std::vector<std::size_t>* lines = nullptr) {
  std::vector<std::vector<std::string>> out;
  CsvRow row;
  while (f.next(row)) {
    out.emplace_back(row.fields.begin(), row.fields.end());
    if (lines) lines->push_back(row.line);
  }
  return out;
}

TEST(CsvReader, QuotedFieldsKeepCommasAndDoubledQuotes) {
  CsvFile f = CsvFile::from_text(
      "la_name,old_la_code\n\"Bournemouth, Christchurch and Poole\",839\n\"The \"\"Big\"\" one\",1\n",
      "t.csv");
  const auto r = records(f);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1][0], "Bournemouth, Christchurch and Poole");
  EXPECT_EQ(r[1][1], "839");
  EXPECT_EQ(r[2][0], "The \"Big\" one");
}

TEST(CsvReader, RecordsKeepTheLineTheyStartOn) {
  // A quoted field with line breaks (the tribunal table's footnotes).
  CsvFile f = CsvFile::from_text("a,b\n\"one\ntwo\nthree\",x\nlast,y\n", "t.csv");
  std::vector<std::size_t> lines;
  const auto r = records(f, &lines);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[1][0], "one\ntwo\nthree");
  EXPECT_EQ(lines, (std::vector<std::size_t>{1, 2, 5}));
}

TEST(CsvReader, CrlfLineEndsAndAByteOrderMark) {
  CsvFile f = CsvFile::from_text("\xEF\xBB\xBFtime_period,value\r\n2019,\"12\"\r\n2020,\r\n", "t.csv");
  const auto r = records(f);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0][0], "time_period");  // no BOM left on the first name
  EXPECT_EQ(r[1][1], "12");
  EXPECT_EQ(r[2][1], "");
  EXPECT_EQ(r[2].size(), 2u);
}

TEST(CsvReader, BlankLinesAreBlankRecords) {
  CsvFile f = CsvFile::from_text("a,b\n\n,,\n1,2", "t.csv");
  CsvRow row;
  ASSERT_TRUE(f.next(row));
  EXPECT_FALSE(row.blank());
  ASSERT_TRUE(f.next(row));
  EXPECT_TRUE(row.blank());
  ASSERT_TRUE(f.next(row));
  EXPECT_TRUE(row.blank());
  ASSERT_TRUE(f.next(row));
  EXPECT_EQ(row.line, 4u);
  EXPECT_EQ(row[1], "2");
  EXPECT_FALSE(f.next(row));
}

TEST(CsvReader, AQuotedFieldThatNeverEndsIsAnError) {
  CsvFile f = CsvFile::from_text("a,b\n1,2\n3,\"open\n", "bad.csv");
  CsvRow row;
  ASSERT_TRUE(f.next(row));
  ASSERT_TRUE(f.next(row));
  EXPECT_EQ(testing::data_error([&] { f.next(row); }), "bad.csv:3: quoted field never ends");
}

TEST(CsvReader, ReadsGzipAndPlainFilesAlike) {
  const auto root = testing::published_folder();
  const std::string gz = read_file_bytes(root / "sen2/release-2025/requests.csv.gz", "requests.csv.gz");
  const std::string plain = read_file_bytes(root / "sen2/release-2026-sample/requests.csv", "requests.csv");
  // The same header: the 2026 requests keep the 2025 columns.
  EXPECT_EQ(gz.substr(0, gz.find('\n')), plain.substr(0, plain.find('\n')));
  EXPECT_GT(gz.size(), 10000u);
}

TEST(CsvReader, ATruncatedGzipStreamIsAnError) {
  const testing::ScratchCopy copy;
  const auto path = copy / "sen2/release-2025/requests.csv.gz";
  const auto size = std::filesystem::file_size(path);
  std::filesystem::resize_file(path, size / 2);
  EXPECT_EQ(testing::data_error([&] { (void)CsvFile::open(path, "sen2/release-2025/requests.csv.gz"); }),
            "sen2/release-2025/requests.csv.gz: truncated gzip stream");
}

TEST(CsvReader, AMissingFileIsAnError) {
  EXPECT_EQ(testing::data_error([] { (void)CsvFile::open("/nonexistent/x.csv", "x.csv"); }),
            "x.csv: no such file");
}

TEST(Header, MapsNamesAndListsTheMissingOnes) {
  CsvFile f = CsvFile::from_text(" time_period ,ehcplans,ehcplans\n", "h.csv");
  CsvRow row;
  ASSERT_TRUE(f.next(row));
  const Header h(row);
  EXPECT_EQ(h.find("time_period"), 0u);
  EXPECT_EQ(h.find("ehcplans"), 1u);  // the first of two equal names
  EXPECT_EQ(h.missing({"ehcplans", "special_academy", "time_period", "special_free_school"}),
            (std::vector<std::string>{"special_academy", "special_free_school"}));
  EXPECT_EQ(testing::data_error([&] { (void)h.at("nope", f); }), "h.csv:1: no column nope");
}

TEST(Figures, EveryMissingCodeStaysMissing) {
  const CsvFile f = CsvFile::from_text("", "f.csv");
  for (const std::string code : {"x", "z", "c", "low", "", "-", "..", "~", ":", "no data", "X"}) {
    const Figure fig = parse_figure(" " + code + " ", f, 7, "ehcplans");
    EXPECT_FALSE(fig.ok()) << code;
    EXPECT_EQ(fig.missing, code) << code;
    EXPECT_EQ(fig.value_or(-1), -1) << code;
    EXPECT_EQ(fig.source.file, "f.csv");
    EXPECT_EQ(fig.source.line, 7u);
    EXPECT_EQ(fig.source.column, "ehcplans");
  }
}

TEST(Figures, NumbersAsPublished) {
  const CsvFile f = CsvFile::from_text("", "f.csv");
  EXPECT_EQ(parse_figure("0", f, 1, "v").value, 0.0);
  EXPECT_EQ(parse_figure("57.900000000000", f, 1, "v").value, 57.9);
  EXPECT_EQ(parse_figure("-62797980", f, 1, "v").value, -62797980.0);
  EXPECT_EQ(parse_number("1,071", NumberStyle{true, false}), 1071.0);
  EXPECT_EQ(parse_number("0.40%", NumberStyle{false, true}), 0.40);
  EXPECT_EQ(parse_number(" 14.30% ", NumberStyle{true, true}), 14.30);
  EXPECT_FALSE(parse_number("1,071"));  // thousands only where the file writes them
  EXPECT_FALSE(parse_number("12abc"));
}

TEST(Figures, AnythingElseIsAnError) {
  const CsvFile f = CsvFile::from_text("", "sen2/release-2025/requests.csv");
  EXPECT_EQ(testing::data_error([&] { (void)parse_figure("twelve", f, 17, "requests_received_in_year"); }),
            "sen2/release-2025/requests.csv:17: requests_received_in_year: not a number: 'twelve'");
}

TEST(Figures, ShortRowsAreAnError) {
  CsvFile f = CsvFile::from_text("a,b,c\n1,2\n", "sen2/release-2025/requests.csv.gz");
  CsvRow row;
  ASSERT_TRUE(f.next(row));
  const Header h(row);
  ASSERT_TRUE(f.next(row));
  EXPECT_EQ(testing::data_error([&] { check_width(row, h, f); }),
            "sen2/release-2025/requests.csv.gz:2: expected 3 fields, got 2");
}

}  // namespace
}  // namespace sendsim::data
