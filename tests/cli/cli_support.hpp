// tests/cli/cli_support.hpp: what the process tests of the sendsim binary
// share: a scratch folder per test whose work/ is the command's working
// directory (captured output goes beside it, so work/ shows only what
// sendsim wrote), and running sendsim there with its output captured.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sendsim::cli_test {

namespace fs = std::filesystem;

inline const fs::path kBinary = SENDSIM_BINARY;

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// A shell word: single-quoted, quotes inside escaped.
inline std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

/// The fixture: TMP/sendsim-SUITE-TEST-PID/{work/,stdout,stderr}.
class SendsimProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    base_ = fs::temp_directory_path() / ("sendsim-" + std::string(info->test_suite_name()) + "-" +
                                         info->name() + "-" + std::to_string(::getpid()));
    fs::remove_all(base_);
    fs::create_directories(base_ / "work");
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(base_, ec);
  }
  [[nodiscard]] fs::path base() const { return base_; }
  [[nodiscard]] fs::path work() const { return base_ / "work"; }
  [[nodiscard]] bool work_is_empty() const { return fs::is_empty(work()); }

  /// Runs sendsim ARGS in work() and waits for it.
  [[nodiscard]] Outcome run(const std::vector<std::string>& args) const {
    // Appended piece by piece (GCC 12 warns falsely on chains of operator+).
    std::string command = "cd ";
    command += quote(work().string());
    command += " && ";
    command += quote(kBinary.string());
    for (const auto& a : args) {
      command += ' ';
      command += quote(a);
    }
    command += " >";
    command += quote((base_ / "stdout").string());
    command += " 2>";
    command += quote((base_ / "stderr").string());
    const int status = std::system(command.c_str());
    Outcome o;
    o.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    o.out = read_file(base_ / "stdout");
    o.err = read_file(base_ / "stderr");
    return o;
  }

 private:
  fs::path base_;
};

}  // namespace sendsim::cli_test
