// tests/batch/sweep_test.cpp: sweep files and key-path overrides: malformed
// sweeps refused with their exact messages (file:line:column), overrides
// equal to the same edit in a file, the codec's round trip.
#include "batch/sweep.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "bad_sweeps.hpp"
#include "batch/batch.hpp"
#include "batch/batch_file.hpp"
#include "batch/codec.hpp"
#include "batch/overrides.hpp"
#include "scenario/loader.hpp"
#include "send/world.hpp"

namespace {

namespace fs = std::filesystem;
using sendsim::scenario::InputError;

const std::string kBad = std::string(SENDSIM_SOURCE_DIR) + "/tests/batch/sweeps/bad/";
const std::string kTiny = std::string(SENDSIM_SOURCE_DIR) + "/tests/scenarios/tiny-scenario.yaml";

/// The message of loading the sweep and every cell; "" when both load.
std::string load_error(const std::string& file) {
  try {
    const auto sweep = sendsim::batch::load_sweep(file);
    (void)sendsim::batch::load_cells(sweep, {});
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

using sendsim::batch_test::BadSweepCase;

class BadSweep : public ::testing::TestWithParam<BadSweepCase> {};

TEST_P(BadSweep, IsRefusedWithItsPlaceAndWhatWasExpected) {
  const BadSweepCase c = GetParam();
  EXPECT_EQ(load_error(kBad + c.file), kBad + c.file + c.message);
}

INSTANTIATE_TEST_SUITE_P(Messages, BadSweep, ::testing::ValuesIn(sendsim::batch_test::bad_sweeps()),
                         [](const ::testing::TestParamInfo<BadSweepCase>& info) {
                           std::string name;
                           for (const char* c = info.param.file; *c != '.' && *c != '\0'; ++c) {
                             name += (*c == '-') ? '_' : *c;
                           }
                           return name;
                         });

TEST(Sweep, GridIsScenariosTimesAxesFirstAxisSlowest) {
  const auto s =
      sendsim::batch::load_sweep(std::string(SENDSIM_SOURCE_DIR) + "/tests/batch/sweeps/tiny-grid.yaml");
  ASSERT_EQ(s.cells.size(), 4U);
  EXPECT_EQ(s.columns, (std::vector<std::string>{"requests.trend", "assessment.assessors"}));
  EXPECT_EQ(s.cells[1].values, (std::vector<std::string>{"0.02", "6"}));
  EXPECT_EQ(s.cells[2].values, (std::vector<std::string>{"0.08", "2"}));
  const auto cells = sendsim::batch::load_cells(s, {});
  EXPECT_DOUBLE_EQ(cells[2].model.requests.trend, 0.08);
  EXPECT_EQ(cells[2].model.assessment.assessors, 2);
  EXPECT_EQ(cells[3].run.end_date, (sendsim::engine::Date{2025, 8, 31}));
}

TEST(Overrides, SetEqualsTheSameEditInTheFile) {
  using sendsim::batch::parse_set_argument;
  const auto over = sendsim::batch::load_with_overrides(
      kTiny, {parse_set_argument("requests.trend=0.07"), parse_set_argument("settings[0].max_age=12")});
  const auto base = sendsim::scenario::load_scenario(kTiny);
  EXPECT_DOUBLE_EQ(over.model.requests.trend, 0.07);
  EXPECT_NE(base.model.requests.trend, 0.07);
  EXPECT_EQ(over.model.settings[0].max_age, 12);
  // Everything else as the file says: the effective files differ only there.
  auto edited = base;
  edited.model.requests.trend = 0.07;
  edited.model.settings[0].max_age = 12;
  EXPECT_EQ(sendsim::scenario::effective_yaml(over), sendsim::scenario::effective_yaml(edited));
}

TEST(Overrides, BadSetValuesNameTheArgument) {
  using sendsim::batch::parse_set_argument;
  auto message = [](const std::string& arg) {
    try {
      (void)sendsim::batch::load_with_overrides(kTiny, {parse_set_argument(arg)});
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(message("requests.trend=abc"),
            "--set:1:16: requests.trend: expected a number between -0.5 and 1, got \"abc\"");
  EXPECT_EQ(message("requests.trend"), "--set:1:1: expected KEY=VALUE, got \"requests.trend\"");
  EXPECT_EQ(message("requests..trend=1"), "--set:1:1: bad key path \"requests..trend\": an empty key");
  EXPECT_EQ(message("requests.trend.x=1"), "--set:1:1: requests.trend: is not a map, so it has no key \"x\"");
}

TEST(BatchFile, WrittenThenReadIsTheSame) {
  sendsim::batch::BatchFile f;
  f.sendsim_version = "0.1.0";
  f.replications = 20;
  f.sweep = "sweeps/a \"quoted\" name.yaml";
  f.name = "Ashford–Kent";  // a non-ASCII dash
  f.seed = UINT64_MAX;
  f.seed_mode = "per_scenario";
  f.set = {"scenario.end_date=2030-08-31"};
  f.columns = {"requests.trend", "settings[2].places"};
  sendsim::batch::BatchFileCell c;
  c.cell = "cells/000-a";
  c.values = {{"requests.trend", "0.05"}, {"settings[2].places", ""}};
  c.files = {{"models/a.yaml", "abc"}, {"scenarios/a.yaml", "def"}};
  c.state = "failed";
  c.error = "a.yaml:3:1: settings[2]: line one\nline two";
  f.cells = {c, c};
  f.cells[1].cell = "cells/001-a";
  f.cells[1].state = "done";
  f.cells[1].replications = 20;
  const std::string text = sendsim::batch::batch_file_text(f);
  EXPECT_TRUE(text.starts_with("{\n  \"sendsim_version\": \"0.1.0\",\n  \"replications\": 20,\n")) << text;
  EXPECT_TRUE(text.ends_with("}\n"));
  EXPECT_EQ(sendsim::batch::parse_batch_file(text), f);
  // Not a batch.json: the reason, not a crash.
  for (const char* bad : {"", "{", "{\"replications\": 3}", "[1, 2]"}) {
    try {
      (void)sendsim::batch::parse_batch_file(bad);
      ADD_FAILURE() << bad;
    } catch (const std::runtime_error& e) {
      EXPECT_TRUE(std::string(e.what()).starts_with("not a batch.json: ")) << e.what();
    }
  }
}

TEST(Codec, RoundTripKeepsEveryRowBitForBit) {
  const auto sc = sendsim::scenario::load_scenario(kTiny);
  std::vector<sendsim::send::ReplicationResult> results;
  for (std::size_t r = 0; r < 2; ++r) results.push_back(sendsim::send::simulate_replication(sc, 42, r));
  std::string bytes;
  sendsim::batch::encode_results(bytes, results);
  std::size_t pos = 0;
  const auto back = sendsim::batch::decode_results(bytes, pos);
  EXPECT_EQ(pos, bytes.size());
  ASSERT_EQ(back.size(), results.size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(back[i].replication, results[i].replication);
    EXPECT_EQ(back[i].fingerprint, results[i].fingerprint);
    ASSERT_EQ(back[i].tables.size(), results[i].tables.size());
    for (std::size_t t = 0; t < results[i].tables.size(); ++t) {
      EXPECT_EQ(back[i].tables[t].info.name, results[i].tables[t].info.name);
      EXPECT_EQ(back[i].tables[t].rows, results[i].tables[t].rows);
    }
  }
  std::size_t short_pos = 0;
  EXPECT_THROW(
      (void)sendsim::batch::decode_results(std::string_view(bytes).substr(0, bytes.size() - 3), short_pos),
      std::runtime_error);
}

}  // namespace
