// tests/calibrate/geography_test.cpp: an LA's districts, travel times and
// special and enhanced settings from GIAS establishments (geography()), on
// the synthetic Kent (886) file in tests/data/gias/ (figures worked by hand
// in the comments) and on establishments built here.
#include "calibrate/geography.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include "data/gias.hpp"
#include "data/published.hpp"

namespace sendsim::calibrate {
namespace {

const data::Establishments& kent_file() {
  static const data::Establishments kFile = data::read_establishments(
      std::filesystem::path(SENDSIM_TEST_DATA) / "gias" / "edubasealldata_886_synthetic.csv");
  return kFile;
}

const Geography& kent() {
  static const Geography kGeo = geography(kent_file(), "886");
  return kGeo;
}

const GeoSetting* setting(const Geography& g, const std::string& name) {
  for (const auto& s : g.settings) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

double minutes(const Geography& g, const std::string& from, const std::string& to) {
  for (const auto& l : g.travel) {
    if (l.from == from && l.to == to) return l.minutes;
  }
  return -1;
}

std::string error_of(const data::Establishments& e, const std::string& code) {
  try {
    (void)geography(e, code);
  } catch (const data::DataError& x) {
    return x.what();
  }
  return "(no error)";
}

TEST(Geography, DistrictsAndCentroids) {
  const Geography& g = kent();
  // The closed school and Southend's (882) school are not Kent's open establishments.
  ASSERT_EQ(g.districts.size(), 4u);
  EXPECT_EQ(g.districts[0].name, "Canterbury");
  EXPECT_EQ(g.districts[1].name, "Dover");
  EXPECT_EQ(g.districts[2].name, "Folkestone and Hythe");  // a special school and no mainstream pupils
  EXPECT_EQ(g.districts[3].name, "Maidstone");
  // Canterbury: (614000 + 618000 + 616000 + 616000) / 4, (158000 + 158000 + 161000 + 159000) / 4;
  // the independent school counts for the centroid, the closed one (600000, 100000) does not.
  EXPECT_DOUBLE_EQ(g.districts[0].easting, 616000);
  EXPECT_DOUBLE_EQ(g.districts[0].northing, 159000);
  EXPECT_DOUBLE_EQ(g.districts[1].easting, 632000);  // (631000 + 632000 + 633000) / 3
  EXPECT_DOUBLE_EQ(g.districts[1].northing, 141000);
  EXPECT_DOUBLE_EQ(g.districts[2].easting, 620000);
  EXPECT_DOUBLE_EQ(g.districts[3].northing, 155000);
}

TEST(Geography, PopulationSharesAreMainstreamPupils) {
  const Geography& g = kent();
  // Mainstream pupils: Canterbury 400 + 1000 (not the independent school's
  // 500 nor the closed school's 5000), Dover 200 + 200 (one proposed to
  // close), Folkestone and Hythe none, Maidstone 1000: of 2800.
  EXPECT_DOUBLE_EQ(g.districts[0].population_share, 1400.0 / 2800.0);
  EXPECT_DOUBLE_EQ(g.districts[1].population_share, 400.0 / 2800.0);
  EXPECT_DOUBLE_EQ(g.districts[2].population_share, 0.0);
  EXPECT_DOUBLE_EQ(g.districts[3].population_share, 1000.0 / 2800.0);
  double sum = 0;
  for (const auto& d : g.districts) sum += d.population_share;
  EXPECT_NEAR(sum, 1.0, 1e-12);
  EXPECT_NE(g.districts[0].note.find("1400 of 2800 pupils"), std::string::npos) << g.districts[0].note;
}

TEST(Geography, TravelMinutesFromTheCentroids) {
  const Geography& g = kent();
  ASSERT_EQ(g.travel.size(), 6u);  // every pair once, from < to
  for (const auto& l : g.travel) EXPECT_LT(l.from, l.to);
  // Canterbury (616000, 159000) to Dover (632000, 141000): sqrt(16^2 + 18^2)
  // = 24.083 km, x 1.3 = 31.308 km at 40 km/h = 46.96 minutes -> 47.0.
  EXPECT_DOUBLE_EQ(minutes(g, "Canterbury", "Dover"), 47.0);
  // Canterbury to Folkestone and Hythe (620000, 137000): sqrt(4^2 + 22^2) = 22.361 km -> 43.60.
  EXPECT_DOUBLE_EQ(minutes(g, "Canterbury", "Folkestone and Hythe"), 43.6);
  // Canterbury to Maidstone (576000, 155000): sqrt(40^2 + 4^2) = 40.200 km -> 78.39.
  EXPECT_DOUBLE_EQ(minutes(g, "Canterbury", "Maidstone"), 78.4);
  // Dover to Folkestone and Hythe: sqrt(12^2 + 4^2) = 12.649 km -> 24.67.
  EXPECT_DOUBLE_EQ(minutes(g, "Dover", "Folkestone and Hythe"), 24.7);
  EXPECT_DOUBLE_EQ(minutes(g, "Dover", "Maidstone"), 112.6);                // sqrt(56^2 + 14^2) = 57.723 km
  EXPECT_DOUBLE_EQ(minutes(g, "Folkestone and Hythe", "Maidstone"), 92.7);  // sqrt(44^2 + 18^2) = 47.539 km
  EXPECT_NE(g.rule.find("1.3 road factor at 40 km/h"), std::string::npos) << g.rule;
}

TEST(Geography, NearbyDistrictsAreAtLeastFiveMinutesApart) {
  data::Establishments e;
  e.file = "schools.csv";
  auto school = [](std::string district, double easting) {
    data::Establishment s;
    s.line = 2;
    s.la_code = "882";
    s.status = "Open";
    s.type = "Community school";
    s.pupils = 100;
    s.district = std::move(district);
    s.easting = easting;
    s.northing = 186000;
    return s;
  };
  e.rows = {school("East", 589000), school("West", 588000)};  // 1 km: 1.95 minutes
  const Geography g = geography(e, "882");
  ASSERT_EQ(g.travel.size(), 1u);
  EXPECT_EQ(g.travel[0].from, "East");
  EXPECT_DOUBLE_EQ(g.travel[0].minutes, 5.0);
  EXPECT_DOUBLE_EQ(g.districts[0].population_share, 0.5);
}

TEST(Geography, SpecialAndEnhancedSettings) {
  const Geography& g = kent();
  // Special first, then enhanced, each by name; the two "The Beacon School"s get their URNs.
  std::vector<std::string> names;
  for (const auto& s : g.settings) names.push_back(s.name + " / " + s.type);
  EXPECT_EQ(names,
            (std::vector<std::string>{"Canterbury Oak School / special", "Shepway Free School / special",
                                      "The Beacon School (URN 900008) / special",
                                      "The Beacon School (URN 900009) / enhanced",
                                      "Westgate Academy, Canterbury / enhanced"}));
  // Special places by SchoolCapacity 150 and 50, else NumberOfPupils 100: of 300.
  const GeoSetting* oak = setting(g, "Canterbury Oak School");
  const GeoSetting* beacon = setting(g, "The Beacon School (URN 900008)");
  const GeoSetting* shepway = setting(g, "Shepway Free School");
  ASSERT_TRUE(oak && beacon && shepway);
  EXPECT_DOUBLE_EQ(oak->share, 0.5);
  EXPECT_DOUBLE_EQ(beacon->share, 100.0 / 300.0);
  EXPECT_DOUBLE_EQ(shepway->share, 50.0 / 300.0);
  EXPECT_NEAR(oak->share + beacon->share + shepway->share, 1.0, 1e-12);
  EXPECT_EQ(oak->urn, "900002");
  EXPECT_EQ(oak->district, "Canterbury");
  EXPECT_EQ(shepway->district, "Folkestone and Hythe");
  // Enhanced places: ResourcedProvisionCapacity 20; 15 + SenUnitCapacity 15.
  const GeoSetting* westgate = setting(g, "Westgate Academy, Canterbury");
  const GeoSetting* unit = setting(g, "The Beacon School (URN 900009)");
  ASSERT_TRUE(westgate && unit);
  EXPECT_DOUBLE_EQ(westgate->share, 0.4);
  EXPECT_DOUBLE_EQ(unit->share, 0.6);
  EXPECT_EQ(unit->district, "Maidstone");
  EXPECT_NE(
      oak->note.find("edubasealldata_886_synthetic.csv:3 URN 900002, Community special school: places by "
                     "SchoolCapacity 150, share 0.5000"),
      std::string::npos)
      << oak->note;
  // The non-maintained special school goes to the independent pool; the closed
  // school's resourced provision and Southend's special school are not Kent's.
  EXPECT_EQ(g.pooled, 1u);
  for (const auto& s : g.settings) {
    EXPECT_EQ(s.name.find("Non-Maintained"), std::string::npos);
    EXPECT_EQ(s.name.find("Old Mill"), std::string::npos);
    EXPECT_EQ(s.name.find("Seaview"), std::string::npos);
  }
}

TEST(Geography, DesignationsAndAges) {
  const Geography& g = kent();
  const GeoSetting* oak = setting(g, "Canterbury Oak School");
  const GeoSetting* beacon = setting(g, "The Beacon School (URN 900008)");
  const GeoSetting* shepway = setting(g, "Shepway Free School");
  const GeoSetting* westgate = setting(g, "Westgate Academy, Canterbury");
  const GeoSetting* unit = setting(g, "The Beacon School (URN 900009)");
  ASSERT_TRUE(oak && beacon && shepway && westgate && unit);
  EXPECT_EQ(oak->needs, (std::vector<std::string>{"ASD", "SLD", "PMLD"}));
  EXPECT_EQ(beacon->needs, std::vector<std::string>{"SEMH"});  // SEMH and the older BESD: one need
  EXPECT_TRUE(shepway->needs.empty());                         // no designation: every need
  EXPECT_EQ(westgate->needs, std::vector<std::string>{"ASD"});
  EXPECT_EQ(unit->needs, std::vector<std::string>{"HI"});  // "Not Applicable" is no need
  // StatutoryLowAge-HighAge 2-19: ages 2-18; 11-19: 11-18; 4-25: 4-18 (capped); 11-16: 11-15.
  EXPECT_EQ(oak->min_age, 2);
  EXPECT_EQ(oak->max_age, 18);
  EXPECT_EQ(beacon->min_age, 11);
  EXPECT_EQ(beacon->max_age, 18);
  EXPECT_EQ(shepway->min_age, 4);
  EXPECT_EQ(shepway->max_age, 18);
  EXPECT_EQ(westgate->min_age, 11);
  EXPECT_EQ(westgate->max_age, 15);
}

TEST(Geography, EstablishmentsWithoutADistrictAreSkippedAndCounted) {
  const Geography& g = kent();
  EXPECT_EQ(g.skipped, 1u);  // the pupil referral unit: no district, no coordinates
  EXPECT_EQ(g.skipped_lines, std::vector<std::size_t>{13});
}

TEST(Geography, NamesAreOneLineAndSettingsWithoutASizeShareEqually) {
  data::Establishments e;
  e.file = "schools.csv";
  auto special = [](std::string urn, std::string name, std::string district) {
    data::Establishment s;
    s.line = 2;
    s.urn = std::move(urn);
    s.la_code = "882";
    s.status = "Open";
    s.type = "Academy special sponsor led";
    s.name = std::move(name);
    s.district = std::move(district);
    s.easting = 588000;
    s.northing = 186000;
    return s;
  };
  e.rows = {special("1", "North\tSchool\n ", "Town\r\nCentre"), special("2", "", "Town Centre")};
  const Geography g = geography(e, "882");
  ASSERT_EQ(g.districts.size(), 1u);
  EXPECT_EQ(g.districts[0].name, "Town Centre");
  EXPECT_DOUBLE_EQ(g.districts[0].population_share, 1.0);  // no mainstream pupils anywhere: equal shares
  ASSERT_EQ(g.settings.size(), 2u);
  EXPECT_EQ(g.settings[0].name, "North School");
  EXPECT_EQ(g.settings[1].name, "URN 2");
  EXPECT_DOUBLE_EQ(g.settings[0].share, 0.5);
  EXPECT_DOUBLE_EQ(g.settings[1].share, 0.5);
  EXPECT_EQ(g.settings[0].district, "Town Centre");
}

TEST(Geography, NoOpenEstablishmentIsAnError) {
  const std::string file = kent_file().file;
  EXPECT_EQ(error_of(kent_file(), "999"), file + ": no open establishment of LA 999");
  data::Establishments e;
  e.file = "schools.csv";
  data::Establishment pru;
  pru.la_code = "882";
  pru.status = "Open";
  e.rows = {pru, pru};
  EXPECT_EQ(error_of(e, "882"),
            "schools.csv: none of the 2 open establishments of LA 882 has a district and coordinates "
            "(DistrictAdministrative (name), Easting, Northing)");
  e.rows[0].status = e.rows[1].status = "Closed";
  EXPECT_EQ(error_of(e, "882"), "schools.csv: no open establishment of LA 882");
}

}  // namespace
}  // namespace sendsim::calibrate
