// tests/scenario/integer_bounds_test.cpp: every declared integer parameter
// is read as an integer and checked against its bounds before it is
// narrowed: at each bound it is accepted, one past it, at 2^31, 2^63 and 1e20
// it is refused with a message quoting the value as written (issue 11: places
// 2147483648 wrapped to -2147483648 places and -12.5 trillion pounds). Also
// the places a setting reaches with its capital projects, in a wide type.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>

#include "scenario/error.hpp"
#include "scenario/loader.hpp"
#include "scenario/parameters.hpp"
#include "scenario/values.hpp"

namespace sendsim::scenario {
namespace {

namespace fs = std::filesystem;

const fs::path kTinyModel = fs::path(SENDSIM_SOURCE_DIR) / "tests" / "scenarios" / "tiny-model.yaml";

bool is_integer(const Parameter& p) { return p.kind == Kind::kInteger || p.kind == Kind::kPlaces; }

std::string whole(double v) { return format_number(v); }

/// The message for a value out of `p`'s range, as the loader words it.
std::string out_of_range(const Parameter& p, const std::string& value) {
  return "expected an integer between " + whole(p.lower) + " and " + whole(p.upper) + ", got " + value;
}

Node scalar(const std::string& text) {
  Node n;
  n.kind = NodeKind::kScalar;
  n.text = text;
  n.mark = Mark{"x.yaml", 3, 7};
  return n;
}

/// Reads `text` as parameter `p` through the loader's conversion.
int read_as(const Parameter& p, const std::string& text) {
  Locations where;
  const std::string path(p.path);
  const Convert c{path, p, where};
  if (p.kind == Kind::kPlaces) {
    std::vector<send::PlacesFrom> out;
    convert(scalar(text), c, out);
    return out.at(0).places;
  }
  int out = 0;
  convert(scalar(text), c, out);
  return out;
}

std::string refusal(const Parameter& p, const std::string& text) {
  try {
    (void)read_as(p, text);
  } catch (const InputError& e) {
    return e.message();
  }
  return "accepted";
}

const std::vector<std::string> kHuge = {
    "2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809", "18446744073709551616",
    "1e20",       "1e12",        "2147483648.0",        "99999999999999999999"};

TEST(IntegerBounds, EveryIntegerParameterHasBoundsInsideInt) {
  int count = 0;
  for (const Parameter& p : parameters()) {
    if (!is_integer(p)) continue;
    ++count;
    EXPECT_GE(p.lower, std::numeric_limits<int>::min()) << p.path;
    EXPECT_LE(p.upper, std::numeric_limits<int>::max()) << p.path;
    EXPECT_EQ(std::nearbyint(p.lower), p.lower) << p.path;
    EXPECT_EQ(std::nearbyint(p.upper), p.upper) << p.path;
  }
  EXPECT_EQ(count, 15);  // a new integer parameter: add it to kOverrides below too
}

TEST(IntegerBounds, AcceptedAtEachBoundRefusedOnePastIt) {
  for (const Parameter& p : parameters()) {
    if (!is_integer(p)) continue;
    SCOPED_TRACE(std::string(p.path));
    const auto lo = static_cast<long long>(p.lower);
    const auto hi = static_cast<long long>(p.upper);
    EXPECT_EQ(read_as(p, std::to_string(lo)), lo);
    EXPECT_EQ(read_as(p, std::to_string(hi)), hi);
    EXPECT_EQ(refusal(p, std::to_string(lo - 1)), out_of_range(p, std::to_string(lo - 1)));
    EXPECT_EQ(refusal(p, std::to_string(hi + 1)), out_of_range(p, std::to_string(hi + 1)));
  }
}

TEST(IntegerBounds, HugeValuesAreRefusedAsWritten) {
  for (const Parameter& p : parameters()) {
    if (!is_integer(p)) continue;
    SCOPED_TRACE(std::string(p.path));
    for (const std::string& v : kHuge) {
      // Numbers are quoted as written; 2147483648.0 and 1e20 are not integers
      // and are refused as such, with the same range in the message.
      EXPECT_EQ(refusal(p, v), out_of_range(p, v)) << v;
    }
  }
}

/// Where each integer parameter goes in a scenario over the tiny model.
const std::map<std::string, std::string, std::less<>> kOverrides = {
    {"scenario.replications", "scenario:\n  name: t\n  model: MODEL\n  replications: %V%\n"},
    {"scenario.threads", "scenario:\n  name: t\n  model: MODEL\n  threads: %V%\n"},
    {"settings[].min_age",
     "scenario:\n  name: t\n  model: MODEL\nsettings:\n  - name: Beech special\n    min_age: %V%\n"},
    {"settings[].max_age",
     "scenario:\n  name: t\n  model: MODEL\nsettings:\n  - name: Beech special\n    max_age: %V%\n"},
    {"settings[].places",
     "scenario:\n  name: t\n  model: MODEL\nsettings:\n  - name: Beech special\n    places: %V%\n"},
    {"assessment.assessors", "scenario:\n  name: t\n  model: MODEL\nassessment:\n  assessors: %V%\n"},
    {"assessment.caseload", "scenario:\n  name: t\n  model: MODEL\nassessment:\n  caseload: %V%\n"},
    {"policy.max_wait_months", "scenario:\n  name: t\n  model: MODEL\npolicy:\n  max_wait_months: %V%\n"},
    {"demand.population_growth[].from_year",
     "scenario:\n  name: t\n  model: MODEL\ndemand:\n  population_growth:\n    - {from_year: %V%, rate: "
     "0.01}\n"},
    {"capital_programme[].places",
     "scenario:\n  name: t\n  model: MODEL\ncapital_programme:\n  - {name: P, action: expand, setting: Beech "
     "special, "
     "planned: 2023-09-01, places: %V%}\n"},
    {"capital_programme[].lead_time_months",
     "scenario:\n  name: t\n  model: MODEL\ncapital_programme:\n  - {name: P, action: expand, setting: Beech "
     "special, "
     "planned: 2023-09-01, places: 5, lead_time_months: %V%}\n"},
    {"capital_programme[].earliest_start",
     "scenario:\n  name: t\n  model: MODEL\ncapital_programme:\n  - {name: P, action: expand, setting: Beech "
     "special, "
     "planned: 2023-09-01, places: 5, earliest_start: %V%}\n"},
    {"uncertainty[].from_year",
     "scenario:\n  name: t\n  model: MODEL\nuncertainty:\n  - {parameter: placement.preference.inmss, "
     "factor: "
     "{normal: {mean: 1, sd: 0.1}}, yearly: true, from_year: %V%}\n"},
    {"capital_programme[].min_age",
     "scenario:\n  name: t\n  model: MODEL\ncapital_programme:\n  - {name: P, action: redesignate, setting: "
     "Beech "
     "special, planned: 2023-09-01, min_age: %V%}\n"},
    {"capital_programme[].max_age",
     "scenario:\n  name: t\n  model: MODEL\ncapital_programme:\n  - {name: P, action: redesignate, setting: "
     "Beech "
     "special, planned: 2023-09-01, max_age: %V%}\n"},
};

class IntegerFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sendsim-integer-bounds-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  /// Loads `text` (MODEL replaced by the tiny model's path) from a file;
  /// returns what() of the error, or "" when it loads.
  std::string load(std::string text, const std::string& name = "s.yaml") const {
    text.replace(text.find("MODEL"), 5, kTinyModel.string());
    const fs::path file = dir_ / name;
    std::ofstream(file) << text;
    try {
      (void)load_scenario(file);
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  }
  fs::path dir_;
};

std::string with_value(std::string text, const std::string& v) {
  text.replace(text.find("%V%"), 3, v);
  return text;
}

// The same refusals through the whole loader, with the file, line and
// column of the value and its path after merging.
TEST_F(IntegerFiles, EveryIntegerParameterInAFileRefusesHugeValues) {
  for (const Parameter& p : parameters()) {
    if (!is_integer(p)) continue;
    SCOPED_TRACE(std::string(p.path));
    const auto it = kOverrides.find(p.path);
    ASSERT_NE(it, kOverrides.end()) << "no override for " << p.path;
    for (const std::string& v : {std::string("2147483648"), std::string("9223372036854775808"),
                                 std::string("1e20"), std::to_string(static_cast<long long>(p.upper) + 1)}) {
      const std::string err = load(with_value(it->second, v));
      EXPECT_TRUE(err.starts_with((dir_ / "s.yaml").string() + ":")) << err;
      EXPECT_TRUE(err.ends_with(": " + out_of_range(p, v))) << err;
    }
  }
}

TEST_F(IntegerFiles, TheIssuesPlacesAreRefusedWithTheValueWritten) {
  const std::string settings = kOverrides.at("settings[].places");
  EXPECT_EQ(load(with_value(settings, "2147483648")),
            (dir_ / "s.yaml").string() +
                ":6:13: settings[5].places: expected an integer between 0 and 1000000, got 2147483648");
  EXPECT_EQ(load(with_value(settings, "1e12")),
            (dir_ / "s.yaml").string() +
                ":6:13: settings[5].places: expected an integer between 0 and 1000000, got 1e12");
  const std::string capital = kOverrides.at("capital_programme[].places");
  EXPECT_EQ(
      load(with_value(capital, "3000000000")),
      (dir_ / "s.yaml").string() +
          ":5:84: capital_programme[0].places: expected an integer between 0 and 1000000, got 3000000000");
}

TEST_F(IntegerFiles, PlacesWithEveryExpansionStayWithinTheLimit) {
  std::string text = "scenario:\n  name: t\n  model: MODEL\ncapital_programme:\n";
  for (int i = 0; i < 3; ++i) {
    text += "  - {name: P" + std::to_string(i) +
            ", action: expand, setting: Beech special, planned: 2023-09-01, places: 400000}\n";
  }
  const std::string err = load(text);
  EXPECT_TRUE(
      err.ends_with(": capital_programme[2].places: setting \"Beech special\" would have up to 1200080 "
                    "places with this project; expected at most 1000000"))
      << err;
  // At the limit it loads.
  std::string ok =
      "scenario:\n  name: t\n  model: MODEL\nsettings:\n  - name: Beech special\n    places: 999000\n"
      "capital_programme:\n  - {name: P, action: expand, setting: Beech special, planned: 2023-09-01, "
      "places: 1000}\n";
  EXPECT_EQ(load(ok), "");
}

}  // namespace
}  // namespace sendsim::scenario
