// tests/data_readers/gias_test.cpp: the GIAS all-establishments reader
// (read_establishments) on the synthetic file in the GIAS layout
// (tests/data/gias/) and on scratch files: columns in another order, a
// byte-order mark, quoted names with commas, Windows-1252 names, gzip, the
// missing-column and bad-number messages word for word, and the need codes
// of the SEN provision names (need_code_of_gias).
#include "data/gias.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "fixture.hpp"

namespace sendsim::data {
namespace {

namespace fs = std::filesystem;
using testing::write_file;

fs::path synthetic_file() {
  return fs::path(SENDSIM_TEST_DATA) / "gias" / "edubasealldata_886_synthetic.csv";
}

/// A scratch folder removed at the end of the test.
class Scratch {
 public:
  Scratch() {
    dir_ = fs::temp_directory_path() / ("sendsim-gias-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  [[nodiscard]] fs::path file(const std::string& name, const std::string& bytes) const {
    write_file(dir_ / name, bytes);
    return dir_ / name;
  }

 private:
  fs::path dir_;
};

/// The columns read, reversed (another order than a download), with an
/// extra column in front.
std::string reversed_header() {
  std::string out = "\"Postcode\"";
  const auto& c = gias_columns();
  for (auto it = c.rbegin(); it != c.rend(); ++it) out += ",\"" + *it + "\"";
  return out + "\r\n";
}

/// One row for reversed_header(): the values by column name, others empty.
std::string reversed_row(const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out = "\"SS1 1AA\"";
  const auto& c = gias_columns();
  for (auto it = c.rbegin(); it != c.rend(); ++it) {
    std::string v;
    for (const auto& [k, x] : values) {
      if (k == *it) v = x;
    }
    out += ",\"" + v + "\"";
  }
  return out + "\r\n";
}

TEST(GiasReader, ReadsTheSyntheticDownload) {
  const Establishments e = read_establishments(synthetic_file());
  EXPECT_EQ(e.file, synthetic_file().string());
  EXPECT_EQ(e.encoding, "UTF-8");
  ASSERT_EQ(e.rows.size(), 13u);
  const Establishment& oak = e.rows[1];
  EXPECT_EQ(oak.line, 3u);
  EXPECT_EQ(oak.urn, "900002");
  EXPECT_EQ(oak.la_code, "886");
  EXPECT_EQ(oak.name, "Canterbury Oak School");
  EXPECT_EQ(oak.type, "Community special school");
  EXPECT_EQ(oak.status, "Open");
  EXPECT_EQ(oak.phase, "Not applicable");
  EXPECT_EQ(oak.low_age, 2);
  EXPECT_EQ(oak.high_age, 19);
  EXPECT_EQ(oak.capacity, 150.0);
  EXPECT_EQ(oak.pupils, 140.0);
  EXPECT_EQ(oak.sen,
            (std::vector<std::string>{"ASD - Autistic Spectrum Disorder", "SLD - Severe Learning Difficulty",
                                      "PMLD - Profound and Multiple Learning Difficulty"}));
  EXPECT_FALSE(oak.resourced_capacity.has_value());
  EXPECT_FALSE(oak.unit_capacity.has_value());
  EXPECT_EQ(oak.district, "Canterbury");
  EXPECT_EQ(oak.easting, 618000.0);
  EXPECT_EQ(oak.northing, 158000.0);
  // A quoted name holding a comma, resourced provision.
  EXPECT_EQ(e.rows[2].name, "Westgate Academy, Canterbury");
  EXPECT_EQ(e.rows[2].resourced_capacity, 20.0);
  // Empty cells: no capacity, no district, no coordinates.
  EXPECT_FALSE(e.rows[7].capacity.has_value());
  EXPECT_EQ(e.rows[11].district, "");
  EXPECT_FALSE(e.rows[11].easting.has_value());
  EXPECT_EQ(e.rows[11].line, 13u);
}

TEST(GiasReader, ColumnsInAnyOrderWithAByteOrderMarkAndQuotedCommas) {
  const Scratch s;
  const auto path = s.file("edubasealldata20250101.csv",
                           "\xEF\xBB\xBF" + reversed_header() +
                               reversed_row({{"URN", "100001"},
                                             {"LA (code)", "882"},
                                             {"EstablishmentName", "St Bernard's High School, Westcliff"},
                                             {"TypeOfEstablishment (name)", "Academy converter"},
                                             {"EstablishmentStatus (name)", "Open"},
                                             {"StatutoryLowAge", "11"},
                                             {"StatutoryHighAge", "18"},
                                             {"NumberOfPupils", " 1071 "},
                                             {"SEN2 (name)", "HI - Hearing Impairment"},
                                             {"SenUnitCapacity", "12"},
                                             {"DistrictAdministrative (name)", "Southend-on-Sea"},
                                             {"Easting", "587000"},
                                             {"Northing", "186000"}}) +
                               "\r\n");
  const Establishments e = read_establishments(path);
  ASSERT_EQ(e.rows.size(), 1u);  // the blank line is left out
  const Establishment& r = e.rows[0];
  EXPECT_EQ(r.line, 2u);
  EXPECT_EQ(r.urn, "100001");
  EXPECT_EQ(r.la_code, "882");
  EXPECT_EQ(r.name, "St Bernard's High School, Westcliff");
  EXPECT_EQ(r.low_age, 11);
  EXPECT_EQ(r.high_age, 18);
  EXPECT_EQ(r.pupils, 1071.0);
  EXPECT_FALSE(r.capacity.has_value());
  EXPECT_EQ(r.sen, std::vector<std::string>{"HI - Hearing Impairment"});
  EXPECT_EQ(r.unit_capacity, 12.0);
  EXPECT_EQ(r.district, "Southend-on-Sea");
  EXPECT_EQ(r.easting, 587000.0);
}

TEST(GiasReader, Windows1252NamesAreReadAsUtf8) {
  const Scratch s;
  // 0x92 is the right single quotation mark in Windows-1252, 0xE9 e-acute.
  const auto path = s.file(
      "cp1252.csv", reversed_header() + reversed_row({{"URN", "100002"},
                                                      {"EstablishmentName", "St Mary\x92s Caf\xE9"},
                                                      {"DistrictAdministrative (name)", "Ch\xE9lmsford"}}));
  const Establishments e = read_establishments(path);
  EXPECT_EQ(e.encoding, "Windows-1252");
  ASSERT_EQ(e.rows.size(), 1u);
  EXPECT_EQ(e.rows[0].name, "St Mary\xE2\x80\x99s Caf\xC3\xA9");
  EXPECT_EQ(e.rows[0].district, "Ch\xC3\xA9lmsford");
}

TEST(GiasReader, ReadsGzip) {
  // The same file gzipped (as a download can be stored).
  fs::path gz = synthetic_file();
  gz += ".gz";
  const Establishments e = read_establishments(gz);
  const Establishments plain = read_establishments(synthetic_file());
  ASSERT_EQ(e.rows.size(), plain.rows.size());
  EXPECT_EQ(e.rows[2].name, "Westgate Academy, Canterbury");
  EXPECT_EQ(e.rows.back().urn, plain.rows.back().urn);
}

std::string error_of(const fs::path& path) {
  try {
    (void)read_establishments(path);
  } catch (const DataError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(GiasReader, MissingColumnsAreNamedInOrder) {
  const Scratch s;
  const auto path =
      s.file("schools.csv",
             "\"URN\",\"EstablishmentName\",\"LA (code)\",\"Northing\",\"TypeOfEstablishment (name)\","
             "\"EstablishmentStatus (name)\",\"PhaseOfEducation (name)\",\"StatutoryLowAge\","
             "\"StatutoryHighAge\",\"SchoolCapacity\",\"SEN1 (name)\",\"SEN2 (name)\",\"SEN3 (name)\","
             "\"SEN4 (name)\",\"SEN5 (name)\",\"SEN6 (name)\",\"SEN7 (name)\",\"SEN8 (name)\","
             "\"SEN9 (name)\",\"SEN10 (name)\",\"SEN11 (name)\",\"SEN12 (name)\",\"SEN13 (name)\","
             "\"ResourcedProvisionCapacity\",\"SenUnitCapacity\",\"DistrictAdministrative (name)\"\n");
  EXPECT_EQ(error_of(path),
            path.string() + ":1: not a GIAS establishments file: no column \"NumberOfPupils\", \"Easting\"");
  // A file of another kind entirely.
  const auto other = s.file("sen2.csv", "time_period,old_la_code\n202425,882\n");
  EXPECT_EQ(error_of(other).rfind(
                other.string() + ":1: not a GIAS establishments file: no column \"URN\", \"LA (code)\", ", 0),
            0u)
      << error_of(other);
  EXPECT_EQ(error_of(s.file("empty.csv", "")),
            (s.file("empty.csv", "")).string() + ":1: not a GIAS establishments file: no header row");
  EXPECT_EQ(error_of("/nonexistent/edubasealldata.csv"), "/nonexistent/edubasealldata.csv: no such file");
}

TEST(GiasReader, BadNumbersAreRefusedWithTheirLineAndColumn) {
  const Scratch s;
  const auto path = s.file("bad.csv", reversed_header() + reversed_row({{"URN", "1"}}) +
                                          reversed_row({{"URN", "2"}, {"NumberOfPupils", "about 40"}}));
  EXPECT_EQ(error_of(path), path.string() + ":3: NumberOfPupils: expected a number, got \"about 40\"");
  const auto long_value = s.file(
      "long.csv", reversed_header() +
                      reversed_row({{"Easting", "not known: the site has moved to a new address in 2024"}}));
  EXPECT_EQ(error_of(long_value),
            long_value.string() +
                ":2: Easting: expected a number, got \"not known: the site has moved to a new a...\"");
  const auto age = s.file("age.csv", reversed_header() + reversed_row({{"StatutoryLowAge", "3.5"}}));
  EXPECT_EQ(error_of(age), age.string() + ":2: StatutoryLowAge: expected a whole number, got \"3.5\"");
  const auto short_row = s.file("short.csv", reversed_header() + "\"1\",\"2\"\n");
  EXPECT_EQ(error_of(short_row), short_row.string() + ":2: expected 29 fields, got 2");
}

TEST(GiasNeeds, EveryProvisionNameHasItsCode) {
  const std::vector<std::pair<std::string, std::string>> names = {
      {"ASD - Autistic Spectrum Disorder", "ASD"},
      {"SEMH - Social, Emotional and Mental Health", "SEMH"},
      {"SLCN - Speech, language and Communication", "SLCN"},
      {"MLD - Moderate Learning Difficulty", "MLD"},
      {"SLD - Severe Learning Difficulty", "SLD"},
      {"PMLD - Profound and Multiple Learning Difficulty", "PMLD"},
      {"SpLD - Specific Learning Difficulty", "SpLD"},
      {"PD - Physical Disability", "PD"},
      {"HI - Hearing Impairment", "HI"},
      {"VI - Visual Impairment", "VI"},
      {"MSI - Multi-Sensory Impairment", "MSI"},
      {"OTH - Other Difficulty/Disability", "OTH"},
      {"NSA - SEN support but no specialist assessment of type of need", "NSA"},
      {"BESD - Behaviour, Emotional and Social Difficulty", "SEMH"},
      {"SPLD", "SpLD"},
      {"  asd - autistic spectrum disorder ", "ASD"},
      {"Not Applicable", ""},
      {"", ""},
      {"Autism", ""},
  };
  for (const auto& [name, code] : names) EXPECT_EQ(need_code_of_gias(name), code) << name;
}

}  // namespace
}  // namespace sendsim::data
