// tests/cli/progress_interrupt_test.cpp: the sendsim binary as a process.
// Progress on stderr when it is not a terminal: one line per tenth of the
// replications, nothing with --quiet. An interrupted run (SIGINT, SIGTERM)
// exits 130 or 143, says what it kept, and leaves no half-written folder and
// no temporary folder: nothing, or the previous results as they were.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

#include "cli_support.hpp"

namespace {

namespace fs = std::filesystem;
using sendsim::cli_test::kBinary;
using sendsim::cli_test::read_file;

const fs::path kSource = SENDSIM_SOURCE_DIR;
const fs::path kTiny = kSource / "tests" / "scenarios" / "tiny-scenario.yaml";
const fs::path kEssex = kSource / "scenarios" / "essex-baseline.yaml";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

class ProcessCli : public sendsim::cli_test::SendsimProcessTest {
 protected:
  [[nodiscard]] std::string err() const { return read_file(base() / "stderr"); }

  /// Starts sendsim ARGS in work(), stdout to /dev/null, stderr to a file.
  pid_t start(const std::vector<std::string>& args) const {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    const std::string err_path = (base() / "stderr").string();
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    std::vector<std::string> argv_s = {kBinary.string()};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    const std::string dir = work().string();
    posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());  // the child runs in work()
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(rc, 0) << "cannot start " << kBinary;
    return pid;
  }

  /// The exit code, or -signal when a signal ended it; kills it after `limit`.
  static int wait_for(pid_t pid, std::chrono::seconds limit = std::chrono::seconds(120)) {
    const auto until = std::chrono::steady_clock::now() + limit;
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
      if (std::chrono::steady_clock::now() > until) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        ADD_FAILURE() << "sendsim did not stop in time";
        return -SIGKILL;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  }

  int run(const std::vector<std::string>& args) const { return wait_for(start(args)); }

  /// Waits until the run has written its first progress line (so it is
  /// inside the replications); false, with a failure, when none comes within
  /// `limit`.
  [[nodiscard]] bool wait_for_progress(std::chrono::seconds limit = std::chrono::seconds(120)) const {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < until) {
      const std::string text = err();
      const auto end = text.find('\n');
      if (end != std::string::npos) {
        const std::string first = text.substr(0, end);
        if (first.starts_with("sendsim: ") && first.find("% (") != std::string::npos) return true;
        ADD_FAILURE() << "first line on stderr is not progress: " << first;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ADD_FAILURE() << "no progress line within " << limit.count() << " s: " << err();
    return false;
  }

  /// Entries of work() whose name starts with `prefix`.
  [[nodiscard]] std::vector<std::string> entries(const std::string& prefix) const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(work())) {
      const std::string name = e.path().filename().string();
      if (name.starts_with(prefix)) out.push_back(name);
    }
    return out;
  }
};

TEST_F(ProcessCli, TenProgressLinesForTenOrMoreReplications) {
  ASSERT_EQ(run({"run", kTiny.string(), "--out", "out", "--replications", "12", "--threads", "2"}), 0)
      << err();
  const auto lines = lines_of(err());
  ASSERT_EQ(lines.size(), 10u) << err();
  for (const auto& line : lines) {
    EXPECT_TRUE(line.starts_with("sendsim: ")) << line;
    EXPECT_NE(line.find("% ("), std::string::npos) << line;
    EXPECT_EQ(line.find('\r'), std::string::npos) << "no bar when stderr is a file";
  }
  EXPECT_TRUE(lines.back().starts_with("sendsim: 100% (12 of 12 replications")) << lines.back();
}

TEST_F(ProcessCli, OneProgressLinePerReplicationBelowTen) {
  ASSERT_EQ(run({"run", kTiny.string(), "--out", "out", "--replications", "3"}), 0) << err();
  const auto lines = lines_of(err());
  ASSERT_EQ(lines.size(), 3u) << err();
  EXPECT_TRUE(lines[0].starts_with("sendsim: 33% (1 of 3 replications")) << lines[0];
}

TEST_F(ProcessCli, NoProgressWhenQuiet) {
  ASSERT_EQ(run({"run", kTiny.string(), "--out", "out", "--replications", "12", "--quiet"}), 0) << err();
  EXPECT_EQ(err(), "");
}

// A run of the default county, interrupted once its first progress line
// (4 of 40 replications) shows it is inside the replications: nothing is
// written.
TEST_F(ProcessCli, SigintStopsTheRunAndWritesNothing) {
  const pid_t pid =
      start({"run", kEssex.string(), "--out", "results/out", "--replications", "40", "--threads", "2"});
  const bool ready = wait_for_progress();
  ASSERT_EQ(::kill(pid, SIGINT), 0);
  EXPECT_EQ(wait_for(pid), 130) << err();
  ASSERT_TRUE(ready);
  const auto lines = lines_of(err());
  ASSERT_GE(lines.size(), 2u) << err();
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    EXPECT_TRUE(lines[i].starts_with("sendsim: ") &&
                lines[i].find(" of 40 replications") != std::string::npos)
        << lines[i];
  }
  EXPECT_EQ(lines.back(), "sendsim: interrupted by SIGINT; nothing written") << err();
  EXPECT_TRUE(entries("").empty()) << "left behind: " << entries("")[0];  // not results/ either
}

// Interrupted while replacing an earlier results folder: the earlier one stays
// as it was.
TEST_F(ProcessCli, SigtermKeepsThePreviousResults) {
  ASSERT_EQ(run({"run", kTiny.string(), "--out", "out", "--replications", "2", "--quiet"}), 0) << err();
  const std::string before = read_file(work() / "out" / "summary.json");
  ASSERT_FALSE(before.empty());
  const pid_t pid = start({"run", kEssex.string(), "--out", "out", "--replications", "40", "--threads", "2"});
  const bool ready = wait_for_progress();
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  EXPECT_EQ(wait_for(pid), 143) << err();
  ASSERT_TRUE(ready);
  const auto lines = lines_of(err());
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back(), "sendsim: interrupted by SIGTERM; kept the previous results in out") << err();
  EXPECT_EQ(read_file(work() / "out" / "summary.json"), before);
  EXPECT_EQ(entries("out"), std::vector<std::string>{"out"});  // no out.tmp-<pid>, no out.old-<pid>
}

}  // namespace
