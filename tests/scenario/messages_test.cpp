// tests/scenario/messages_test.cpp: messages stay readable whatever was
// written (issue 11: a 5 MB scalar gave a 5 MB message): values are quoted up
// to kShownBytes with an ellipsis and their size, lists of known names are
// cut with "and N more".
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scenario/error.hpp"
#include "scenario/values.hpp"
#include "scenario/yaml_tree.hpp"

namespace sendsim::scenario {
namespace {

TEST(Messages, ShortValuesAreQuotedWhole) {
  EXPECT_EQ(shown("twelve"), "twelve");
  EXPECT_EQ(shown(std::string(60, 'x')), std::string(60, 'x'));
}

TEST(Messages, LongValuesAreCutWithTheirSize) {
  EXPECT_EQ(shown(std::string(61, 'x')), std::string(60, 'x') + "... (61 bytes)");
  EXPECT_EQ(shown(std::string(5'000'000, 'y')), std::string(60, 'y') + "... (5000000 bytes)");
  // Never inside a UTF-8 character: "é" is two bytes, 59 + 2 would split at 60.
  const std::string accents = std::string(59, 'a') + "\xc3\xa9" + "tail";
  EXPECT_EQ(shown(accents), std::string(59, 'a') + "... (65 bytes)");
}

TEST(Messages, ListsOfNamesAreCut) {
  std::vector<std::string> names;
  for (int i = 0; i < 25; ++i) {
    names.emplace_back("s");
    names.back() += std::to_string(i);  // not "s" + ...: a GCC 12 -Wrestrict false positive
  }
  EXPECT_EQ(name_list({"a", "b"}), "a, b");
  const std::string list = name_list(names);
  EXPECT_TRUE(list.starts_with("s0, s1, s2")) << list;
  EXPECT_TRUE(list.ends_with("s19, and 5 more")) << list;
}

std::string error_of(const std::string& text) {
  try {
    (void)parse_yaml(text, "x.yaml");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(Messages, AHugeDuplicateKeyIsCut) {
  const std::string key(1000, 'k');  // yaml allows plain keys of up to 1024 characters
  EXPECT_EQ(error_of("a:\n  " + key + ": 1\n  " + key + ": 2\n"), "x.yaml:3:3: a: duplicate key \"" +
                                                                      std::string(60, 'k') +
                                                                      "... (1000 bytes)\" (first at line 2, "
                                                                      "column 3)");
}

TEST(Messages, DeepNestingIsSaidPlainly) {
  EXPECT_EQ(error_of(std::string(5000, '[') + std::string(5000, ']')),
            "x.yaml:1:1: yaml syntax error: lists or maps nested too deeply");
}

TEST(Messages, AHugeValueIsCutInItsMessage) {
  Locations where;
  Node n;
  n.kind = NodeKind::kScalar;
  n.text = std::string(1'000'000, '9');
  n.mark = Mark{"x.yaml", 2, 14};
  const std::string path = "assessment.assessors";
  int out = 0;
  try {
    convert(n, Convert{path, parameter(path), where}, out);
    FAIL() << "accepted";
  } catch (const InputError& e) {
    // Too large for a double, so not shown as a number: quoted.
    EXPECT_EQ(std::string(e.what()),
              "x.yaml:2:14: assessment.assessors: expected an integer between 1 and 100000, got \"" +
                  std::string(60, '9') + "... (1000000 bytes)\"");
  }
  n.text = std::string(1'000'000, 'z');
  try {
    convert(n, Convert{path, parameter(path), where}, out);
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "x.yaml:2:14: assessment.assessors: expected an integer between 1 and 100000, got \"" +
                  std::string(60, 'z') + "... (1000000 bytes)\"");
  }
}

}  // namespace
}  // namespace sendsim::scenario
