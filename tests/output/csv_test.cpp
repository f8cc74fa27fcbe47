// tests/output/csv_test.cpp: RFC 4180 quoting, the number format, header and
// row rules, and buffering.
#include "output/csv.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <random>
#include <sstream>
#include <stdexcept>

namespace sendsim::output {
namespace {

std::string quoted(std::string_view field) {
  std::string out;
  append_csv_field(out, field);
  return out;
}

TEST(Csv, QuotesOnlyFieldsThatNeedIt) {
  EXPECT_EQ(quoted("plain text"), "plain text");
  EXPECT_EQ(quoted(""), "");
  EXPECT_EQ(quoted("a,b"), "\"a,b\"");
  EXPECT_EQ(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(quoted("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(quoted("cr\r"), "\"cr\r\"");
  EXPECT_EQ(quoted("\""), "\"\"\"\"");
  EXPECT_EQ(quoted(" leading space"), " leading space");  // spaces are data
}

TEST(Csv, NumbersAreShortestFixedDecimals) {
  EXPECT_EQ(format_number(42.0), "42");
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(-2.5), "-2.5");
  EXPECT_EQ(format_number(1e6), "1000000");
  EXPECT_EQ(format_number(1234567.25), "1234567.25");
  EXPECT_EQ(format_number(1e-7), "0.0000001");
  EXPECT_EQ(format_number(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(format_number(std::numeric_limits<double>::quiet_NaN()), "");
  EXPECT_EQ(format_number(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(format_number(-std::numeric_limits<double>::infinity()), "-inf");
  EXPECT_EQ(format_number(1e300).size(), 301u);
  EXPECT_FALSE(format_number(std::numeric_limits<double>::denorm_min()).empty());
}

TEST(Csv, NumbersReadBackExactly) {
  std::mt19937_64 gen(1);
  std::uniform_real_distribution<double> mantissa(-1.0, 1.0);
  std::uniform_int_distribution<int> exponent(-30, 30);
  for (int i = 0; i < 10000; ++i) {
    const double v = std::ldexp(mantissa(gen), exponent(gen));
    const std::string text = format_number(v);
    double back = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), back);
    ASSERT_EQ(ec, std::errc()) << text;
    ASSERT_EQ(end, text.data() + text.size()) << text;
    ASSERT_EQ(back, v == 0.0 ? 0.0 : v) << text;
  }
}

// A locale with a decimal comma: an installed one, or de_DE compiled with
// localedef (Debian's `locales`, installed by setup.sh) into a folder that
// LOCPATH points at. Not finding one is a failure: the check must run.
TEST(Csv, NumbersIgnoreTheLocale) {
  const char* names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"};
  const char* set = nullptr;
  for (const char* name : names) {
    if ((set = std::setlocale(LC_ALL, name)) != nullptr) break;
  }
  if (set == nullptr) {
    const std::string dir = ::testing::TempDir() + "sendsim-locale";
    const std::string command =
        "mkdir -p '" + dir + "' && localedef -i de_DE -f UTF-8 '" + dir + "/de_DE.UTF-8' >/dev/null 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0)
        << "localedef could not build de_DE.UTF-8 (Debian package locales)";
    ::setenv("LOCPATH", dir.c_str(), 1);
    set = std::setlocale(LC_ALL, "de_DE.UTF-8");
    ASSERT_NE(set, nullptr) << "de_DE.UTF-8 built in " << dir << " but setlocale refused it";
  }
  ASSERT_STREQ(std::localeconv()->decimal_point, ",") << "the locale " << set << " has no decimal comma";
  const std::string text = format_number(1234.5);
  std::setlocale(LC_ALL, "C");
  EXPECT_EQ(text, "1234.5");
}

TEST(Csv, WritesHeaderOnceThenRowsWithNewlines) {
  std::ostringstream out;
  {
    CsvWriter csv(out);
    csv.header({"name", "value", "count"});
    csv.field("a, b").field(0.5).field(std::int64_t{3}).end_row();
    csv.field("plain").field(2.0).field(std::uint64_t{18446744073709551615ULL}).end_row();
    csv.flush();
    EXPECT_EQ(csv.rows(), 2u);
  }
  EXPECT_EQ(out.str(), "name,value,count\n\"a, b\",0.5,3\nplain,2,18446744073709551615\n");
  EXPECT_EQ(out.str().find('\r'), std::string::npos);
}

TEST(Csv, RejectsASecondHeaderAndRowsOfTheWrongWidth) {
  std::ostringstream out;
  CsvWriter csv(out);
  csv.header({"a", "b"});
  EXPECT_THROW(csv.header({"a", "b"}), std::logic_error);
  csv.field("1");
  EXPECT_THROW(csv.end_row(), std::logic_error);
  CsvWriter late(out);
  late.field("x").end_row();
  EXPECT_THROW(late.header({"a"}), std::logic_error);
  CsvWriter empty(out);
  EXPECT_THROW(empty.end_row(), std::logic_error);
}

TEST(Csv, BuffersRowsInsteadOfFlushingEachOne) {
  std::ostringstream out;
  CsvWriter csv(out, 1 << 16);
  csv.header({"a"});
  for (int i = 0; i < 100; ++i) csv.field(i).end_row();
  EXPECT_TRUE(out.str().empty());  // still in the buffer
  csv.flush();
  const std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 101);
  // A small buffer is handed over once it fills.
  std::ostringstream small_out;
  CsvWriter small(small_out, 16);
  small.header({"column_name_long"});
  small.field("x").end_row();
  EXPECT_FALSE(small_out.str().empty());
}

TEST(Csv, DestructorHandsOverWhatIsBuffered) {
  std::ostringstream out;
  {
    CsvWriter csv(out);
    csv.header({"a"});
  }
  EXPECT_EQ(out.str(), "a\n");
}

}  // namespace
}  // namespace sendsim::output
