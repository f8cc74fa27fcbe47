// tests/cli/signals_cli_test.cpp: signals are honoured within a second
// (issue 11: Ctrl-C waited 90 s for every running replication, a second
// signal did nothing, a signal while the report was drawn gave exit 0 or 1).
// Each test starts sendsim in its own process group, as a shell does, so
// that a signal to the group reaches gnuplot too, as Ctrl-C on a terminal.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_support.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using sendsim::cli_test::kBinary;
using sendsim::cli_test::read_file;
using Clock = std::chrono::steady_clock;

const fs::path kSource = SENDSIM_SOURCE_DIR;
const fs::path kTinyModel = kSource / "tests" / "scenarios" / "tiny-model.yaml";
const fs::path kEssex = kSource / "scenarios" / "essex-baseline.yaml";

#if defined(__SANITIZE_ADDRESS__)
constexpr double kSlowdown = 5.0;
#else
constexpr double kSlowdown = 1.0;
#endif

class Signals : public sendsim::cli_test::SendsimProcessTest {
 protected:
  [[nodiscard]] std::string err() const { return read_file(base() / "stderr"); }

  /// Starts sendsim ARGS in work() in a process group of its own, with PATH
  /// `path` when given.
  pid_t start(const std::vector<std::string>& args, const std::string& path = "") const {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    const std::string err_path = (base() / "stderr").string();
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    const std::string dir = work().string();
    posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    std::vector<std::string> argv_s = {kBinary.string()};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_s;
    for (char** e = environ; *e != nullptr; ++e) {
      if (!path.empty() && std::string_view(*e).starts_with("PATH=")) continue;
      env_s.emplace_back(*e);
    }
    if (!path.empty()) env_s.push_back("PATH=" + path);
    std::vector<char*> envp;
    for (auto& e : env_s) envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    EXPECT_EQ(rc, 0) << "cannot start " << kBinary;
    return pid;
  }

  /// The exit code, or -signal; kills the group after `limit` seconds.
  static int wait_for(pid_t pid, double limit = 120) {
    const auto until = Clock::now() + std::chrono::duration<double>(limit);
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
      if (Clock::now() > until) {
        ::kill(-pid, SIGKILL);
        ::waitpid(pid, &status, 0);
        ADD_FAILURE() << "sendsim did not stop in time";
        return -SIGKILL;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  }

  /// Waits until `file` exists (at most `limit` seconds).
  static bool appears(const fs::path& file, double limit = 60) {
    const auto until = Clock::now() + std::chrono::duration<double>(limit);
    while (!fs::exists(file)) {
      if (Clock::now() > until) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
  }

  [[nodiscard]] std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(work())) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }

  /// A "gnuplot" that writes its pid and sleeps (exec, so the pid is the
  /// sleeping process), in a folder of its own; returns PATH for it.
  [[nodiscard]] std::string slow_gnuplot() const {
    const fs::path bin = base() / "bin";
    fs::create_directories(bin);
    const fs::path script = bin / "gnuplot";
    {
      std::ofstream out(script);
      out << "#!/bin/sh\necho $$ > " << (base() / "gnuplot.pid").string() << "\nexec sleep 60\n";
    }
    fs::permissions(script, fs::perms::owner_all);
    return bin.string() + ":/usr/bin:/bin";
  }
};

// One replication of the default county over fifty years takes far longer
// than a second; the signal is seen inside the replication's event loop.
TEST_F(Signals, SigintInsideALongReplicationStopsWithinASecond) {
  {
    std::ofstream(work() / "long.yaml")
        << "scenario:\n  name: long\n  extends: " << kEssex.string() << "\n  end_date: 2071-08-31\n";
  }
  const pid_t pid =
      start({"run", "long.yaml", "--out", "out", "--replications", "2", "--threads", "2", "--quiet"});
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  ASSERT_EQ(::waitpid(pid, nullptr, WNOHANG), 0) << "finished before the signal: " << err();
  const auto sent = Clock::now();
  ASSERT_EQ(::kill(pid, SIGINT), 0);
  EXPECT_EQ(wait_for(pid), 130) << err();
  const double took = std::chrono::duration<double>(Clock::now() - sent).count();
  EXPECT_LT(took, 1.0 * kSlowdown);
  EXPECT_EQ(err(), "sendsim: interrupted by SIGINT; nothing written\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"long.yaml"});
}

// A second signal ends at once, whatever is under way (here: loading a large
// model, which does not look at the flag).
TEST_F(Signals, ASecondSignalEndsAtOnce) {
  std::string model = read_file(kTinyModel);
  std::string settings;
  for (int i = 0; settings.size() < (std::size_t{3} << 20); ++i) {
    settings += "  - {name: s";
    settings += std::to_string(i);
    settings += ", type: special, district: North, places: 10}\n";
  }
  model.insert(model.find("settings:\n") + 10, settings);
  { std::ofstream(work() / "big.yaml") << model; }
  const pid_t pid = start({"run", "big.yaml", "--out", "out", "--quiet"});
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const auto sent = Clock::now();
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  EXPECT_EQ(wait_for(pid), 143) << err();
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - sent).count(), 0.5 * kSlowdown);
  EXPECT_EQ(err(), "\nsendsim: second signal (SIGTERM); stopped at once\n");
}

// Ctrl-C while gnuplot draws: gnuplot gets it too (same process group); the
// results folder is complete, the report is not drawn, exit 130, gnuplot gone.
TEST_F(Signals, CtrlCWhileTheReportIsDrawnKeepsTheCompleteResults) {
  const std::string path = slow_gnuplot();
  const pid_t pid = start({"run", (kSource / "tests" / "scenarios" / "tiny-scenario.yaml").string(), "--out",
                           "out", "--replications", "1", "--quiet"},
                          path);
  ASSERT_TRUE(appears(base() / "gnuplot.pid")) << err();
  const auto sent = Clock::now();
  ASSERT_EQ(::kill(-pid, SIGINT), 0);  // the whole group, as a terminal does
  EXPECT_EQ(wait_for(pid), 130) << err();
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - sent).count(), 1.0 * kSlowdown);
  EXPECT_EQ(err(),
            "sendsim: interrupted by SIGINT; the new results in out are complete; the report was not drawn "
            "(sendsim report out draws it)\n");
  EXPECT_TRUE(fs::exists(work() / "out" / "summary.json"));
  EXPECT_FALSE(fs::exists(work() / "out" / "report.html"));
  EXPECT_FALSE(fs::exists(work() / "out" / "charts"));
  for (const auto& e : fs::directory_iterator(work() / "out")) {
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
  }
  EXPECT_EQ(entries(), std::vector<std::string>{"out"});
}

// SIGTERM to sendsim alone (kill PID) while gnuplot draws: sendsim ends
// gnuplot itself and exits 143.
TEST_F(Signals, SigtermWhileTheReportIsDrawnEndsGnuplotToo) {
  const std::string path = slow_gnuplot();
  const pid_t pid = start({"run", (kSource / "tests" / "scenarios" / "tiny-scenario.yaml").string(), "--out",
                           "out", "--replications", "1", "--quiet"},
                          path);
  ASSERT_TRUE(appears(base() / "gnuplot.pid")) << err();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const pid_t gnuplot = std::stoi(read_file(base() / "gnuplot.pid"));
  const auto sent = Clock::now();
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  EXPECT_EQ(wait_for(pid), 143) << err();
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - sent).count(), 1.0 * kSlowdown);
  EXPECT_EQ(err(),
            "sendsim: interrupted by SIGTERM; the new results in out are complete; the report was not drawn "
            "(sendsim report out draws it)\n");
  EXPECT_NE(::kill(gnuplot, 0), 0) << "gnuplot still runs";
  // `sendsim report` interrupted the same way leaves the folder as it was.
  fs::remove(base() / "gnuplot.pid");
  const pid_t again = start({"report", "out", "--quiet"}, path);
  ASSERT_TRUE(appears(base() / "gnuplot.pid")) << err();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  ASSERT_EQ(::kill(again, SIGTERM), 0);
  EXPECT_EQ(wait_for(again), 143) << err();
  EXPECT_EQ(err(), "sendsim: interrupted by SIGTERM; the report in out is as it was\n");
  EXPECT_FALSE(fs::exists(work() / "out" / "report.html"));
}

TEST_F(Signals, AnEndDateMoreThanFiftyYearsOnIsRefused) {
  {
    std::ofstream(work() / "far.yaml")
        << "scenario:\n  name: far\n  model: " << kTinyModel.string() << "\n  end_date: 9999-12-31\n";
  }
  const pid_t pid = start({"validate", "far.yaml"});
  EXPECT_EQ(wait_for(pid), 2);
  EXPECT_EQ(err(),
            "sendsim: far.yaml:4:13: scenario.end_date: end date 9999-12-31 is more than 50 years after the "
            "model start date 2021-09-01; expected 2071-09-01 or earlier\n");
}

}  // namespace
