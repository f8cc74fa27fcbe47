// tests/cli/hostile_input_test.cpp: any input of at most 1 MB is accepted or
// refused (exit 0 or 2, never 1 or a signal) within 2 s and 256 MB of peak
// memory (issue 11: a 2-byte file holding "," took 1.9 GB in 3 s, a 425-byte
// alias bomb 8 GB, /dev/zero was read until memory ran out, a FIFO hung).
// Each input is made here, written to a file and given to `sendsim
// validate` as a process; its peak resident memory comes from wait4().
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "cli_support.hpp"

namespace {

namespace fs = std::filesystem;
using sendsim::cli_test::kBinary;
using sendsim::cli_test::read_file;

const fs::path kSource = SENDSIM_SOURCE_DIR;
constexpr std::size_t kMB = std::size_t{1} << 20;

#if defined(__SANITIZE_ADDRESS__)
constexpr double kSlowdown = 10.0;  // the sanitizers' own cost; memory is not checked there
constexpr bool kCheckMemory = false;
#else
constexpr double kSlowdown = 1.0;
constexpr bool kCheckMemory = true;
#endif

struct Result {
  int code = -1;           // exit code, or -signal
  double seconds = 0;      // wall time
  double cpu_seconds = 0;  // user + system time of the process (what it costs, whatever else runs)
  long peak_kb = 0;        // peak resident set
  std::string err;
};

/// Runs `sendsim ARGS` with stdout and stderr to files; kills it after
/// 3 x `limit` seconds of wall time (a guard, generous for a loaded machine); `address_space` bytes of memory
/// at most when non-zero.
Result run_sendsim(const std::vector<std::string>& args, const fs::path& dir, double limit,
                   rlim_t address_space = 0) {
  const auto start = std::chrono::steady_clock::now();
  const std::string err_path = (dir / "stderr").string();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int out = ::open("/dev/null", O_WRONLY);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, STDOUT_FILENO);
    ::dup2(err, STDERR_FILENO);
    if (address_space != 0) {
      const rlimit as{address_space, address_space};
      ::setrlimit(RLIMIT_AS, &as);
    }
    std::vector<std::string> argv_s = {kBinary.string()};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  Result r;
  int status = 0;
  rusage usage{};
  for (;;) {
    const pid_t done = ::wait4(pid, &status, WNOHANG, &usage);
    if (done == pid) break;
    if (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > limit * 3) {
      ::kill(pid, SIGKILL);
      ::wait4(pid, &status, 0, &usage);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
  r.peak_kb = usage.ru_maxrss;
  r.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                  1e-6 * static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
  r.err = read_file(dir / "stderr");
  return r;
}

std::string tiny_model() { return read_file(kSource / "tests" / "scenarios" / "tiny-model.yaml"); }

/// `item(i)` repeated until `budget` bytes.
std::string repeat(const std::function<std::string(std::size_t)>& item, std::size_t budget) {
  std::string out;
  for (std::size_t i = 0;; ++i) {
    std::string next = item(i);
    if (out.size() + next.size() > budget) break;
    out += next;
  }
  return out;
}

/// The tiny model with `text` inserted after the first line starting with
/// `section`, filled to about 1 MB.
std::string into_model(const std::string& section, const std::function<std::string(std::size_t)>& item) {
  std::string model = tiny_model();
  const std::string body = repeat(item, kMB - model.size() - 64);
  const auto at = model.find(section + "\n");
  if (at == std::string::npos) return model + "\n" + section + "\n" + body;
  model.insert(at + section.size() + 1, body);
  return model;
}

struct Hostile {
  std::string name;
  std::string text;
};

std::vector<Hostile> hostile_inputs() {
  std::vector<Hostile> out;
  out.push_back({"comma", ","});
  out.push_back({"indented-comma", "  ,\n"});
  out.push_back({"comma-after-a-list", "- 1\n,\n"});
  out.push_back({"quoted-then-comma", "\"x\",\n"});
  out.push_back({"comma-lines", repeat([](std::size_t) { return std::string(",\n"); }, kMB)});
  out.push_back({"model-then-comma", tiny_model() + "\n,\n"});
  {
    std::string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 10; ++i) {
      bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
      for (int k = 0; k < 10; ++k) {
        bomb += k ? ", *a" : "*a";
        bomb += std::to_string(i - 1);
      }
      bomb += "]\n";
    }
    out.push_back({"alias-bomb", bomb});
  }
  out.push_back(
      {"wide-flow-list", "x: [" + repeat([](std::size_t) { return std::string("1,"); }, kMB - 8) + "1]\n"});
  out.push_back({"deep-lists", std::string(kMB / 2 - 1, '[') + std::string(kMB / 2 - 1, ']')});
  out.push_back({"deep-maps", repeat([](std::size_t) { return std::string("{a: "); }, kMB)});
  out.push_back({"deep-block-lists", repeat([](std::size_t i) { return std::string(i, ' ') + "-\n"; }, kMB)});
  out.push_back(
      {"many-keys",
       "model:\n" + repeat([](std::size_t i) { return "  k" + std::to_string(i) + ": 1\n"; }, kMB - 8)});
  out.push_back({"many-keys-one-section",
                 "assessment:\n" +
                     repeat([](std::size_t i) { return "  k" + std::to_string(i) + ": 1\n"; }, kMB - 16)});
  out.push_back({"many-duplicate-keys",
                 "assessment:\n" + repeat([](std::size_t) { return std::string("  a: 1\n"); }, kMB - 16)});
  out.push_back({"many-districts", into_model("districts:", [](std::size_t i) {
                   return "  - {name: d" + std::to_string(i) + ", population_0_25: 1}\n";
                 })});
  {
    // 999 districts joined in a chain, then settings spread over them.
    std::string model = tiny_model();
    std::string districts;
    std::string travel;
    for (int i = 0; i < 996; ++i) {
      districts += "  - {name: d" + std::to_string(i) + ", population_0_25: 100}\n";
      // Appended piece by piece (GCC 12 warns falsely on chains of operator+).
      travel += "  - {from: d";
      travel += std::to_string(i);
      travel += ", to: ";
      if (i == 995) {
        travel += "North";
      } else {
        travel += 'd';
        travel += std::to_string(i + 1);
      }
      travel += ", minutes: 0.01}\n";
    }
    model.insert(model.find("districts:\n") + 11, districts);
    model.insert(model.find("travel:\n") + 8, travel);
    const std::string settings = repeat(
        [](std::size_t i) {
          return "  - {name: s" + std::to_string(i) + ", type: special, district: d" +
                 std::to_string(i % 996) + ", places: 10}\n";
        },
        kMB - model.size() - 64);
    model.insert(model.find("settings:\n") + 10, settings);
    out.push_back({"most-districts-and-settings", model});
  }
  out.push_back({"many-settings", into_model("settings:", [](std::size_t i) {
                   return "  - {name: s" + std::to_string(i) +
                          ", type: special, district: North, places: 10}\n";
                 })});
  out.push_back({"many-projects", into_model("capital_programme:", [](std::size_t i) {
                   return "  - {name: p" + std::to_string(i) +
                          ", action: expand, setting: Beech special, planned: 2023-09-01, places: 1}\n";
                 })});
  out.push_back(
      {"long-ramp-up", tiny_model() +
                           "\ncapital_programme:\n  - {name: p, action: expand, setting: Beech special, "
                           "planned: 2023-09-01, places: 1, ramp_up: [" +
                           repeat([](std::size_t) { return std::string("1, "); }, kMB - 8000) + "1]}\n"});
  out.push_back({"many-policy-changes", into_model("demand:\n  policy_changes:", [](std::size_t i) {
                   const int year = 2022 + static_cast<int>(i / 12);
                   const int month = 1 + static_cast<int>(i % 12);
                   return "    - {from: " + std::to_string(year) + "-" + (month < 10 ? "0" : "") +
                          std::to_string(month) + "-01, requests: 1}\n";
                 })});
  out.push_back({"many-uncertain-entries", into_model("uncertainty:", [](std::size_t) {
                   return std::string("  - {parameter: requests.trend, normal: {mean: 0.01, sd: 0.001}}\n");
                 })});
  out.push_back({"one-huge-scalar", "model:\n  name: \"" + std::string(kMB - 32, 'x') + "\"\n"});
  out.push_back({"one-huge-key", std::string(kMB - 8, 'k') + ": 1\n"});
  out.push_back({"one-huge-number", "assessment:\n  assessors: " + std::string(kMB - 32, '9') + "\n"});
  out.push_back(
      {"binary",
       repeat([](std::size_t i) { return std::string(1, static_cast<char>((i * 7919) % 256)); }, kMB)});
  out.push_back({"nul-bytes", std::string(kMB, '\0')});
  out.push_back({"far-end-date", "scenario:\n  name: far\n  model: " +
                                     (kSource / "tests" / "scenarios" / "tiny-model.yaml").string() +
                                     "\n  end_date: 9999-12-31\n"});
  return out;
}

class HostileInput : public sendsim::cli_test::SendsimProcessTest {};

TEST_F(HostileInput, EveryInputOfAtMostOneMegabyteFinishesInTwoSecondsAnd256Megabytes) {
  double slowest = 0;
  long largest = 0;
  std::string slowest_name;
  std::string largest_name;
  for (const Hostile& h : hostile_inputs()) {
    SCOPED_TRACE(h.name);
    ASSERT_LE(h.text.size(), kMB);
    const fs::path file = work() / (h.name + ".yaml");
    { std::ofstream(file, std::ios::binary) << h.text; }
    // The 2 s bound is on the process's CPU time, so that other work on the
    // machine (ctest -j, other builds) cannot fail it; the wall-time guard
    // is 5 x that.
    const Result r = run_sendsim({"validate", file.string()}, base(), 10.0 * kSlowdown);
    EXPECT_TRUE(r.code == 0 || r.code == 2) << "exit " << r.code << ": " << r.err.substr(0, 300);
    if (r.code == 2) {
      EXPECT_TRUE(r.err.starts_with("sendsim: ")) << r.err.substr(0, 300);
    }
    EXPECT_LT(r.cpu_seconds, 2.0 * kSlowdown) << r.err.substr(0, 300);
    if (kCheckMemory) {
      EXPECT_LT(r.peak_kb, 256 * 1024) << r.err.substr(0, 300);
    }
    // Messages stay readable whatever the value's size.
    EXPECT_LT(r.err.size(), 2000u) << r.err.substr(0, 300);
    if (r.cpu_seconds > slowest) {
      slowest = r.cpu_seconds;
      slowest_name = h.name;
    }
    if (r.peak_kb > largest) {
      largest = r.peak_kb;
      largest_name = h.name;
    }
    fs::remove(file);
  }
  std::printf("slowest: %s %.2f s of CPU; largest: %s %ld KB\n", slowest_name.c_str(), slowest,
              largest_name.c_str(), largest);
}

// The exact cases, with their messages.
TEST_F(HostileInput, ACommaAnAliasAFifoAndADeviceAreRefusedWithAMessage) {
  { std::ofstream(work() / "comma.yaml") << ","; }
  Result r = run_sendsim({"validate", (work() / "comma.yaml").string()}, base(), 2.0 * kSlowdown);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "sendsim: " + (work() / "comma.yaml").string() +
                ":1:1: yaml syntax error: a ',' outside [...] or {...} (commas separate the items of a flow "
                "list or map only)\n");

  { std::ofstream(work() / "alias.yaml") << "model: &m\n  name: x\nagain: *m\n"; }
  r = run_sendsim({"validate", (work() / "alias.yaml").string()}, base(), 2.0 * kSlowdown);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "sendsim: " + (work() / "alias.yaml").string() +
                ":3:8: yaml aliases (*name) are not supported: write the value out (a scenario overrides a "
                "model, and extends: another scenario, without them)\n");

  const fs::path fifo = work() / "fifo.yaml";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  r = run_sendsim({"validate", fifo.string()}, base(), 2.0 * kSlowdown);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "sendsim: cannot read \"" + fifo.string() + "\": it is a FIFO, not a regular file\n");

  r = run_sendsim({"validate", "/dev/zero"}, base(), 2.0 * kSlowdown);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "sendsim: cannot read \"/dev/zero\": it is a character device, not a regular file\n");

  // A scenario naming a FIFO as its model: refused, with the place it is named.
  { std::ofstream(work() / "s.yaml") << "scenario:\n  name: s\n  model: fifo.yaml\n"; }
  r = run_sendsim({"validate", (work() / "s.yaml").string()}, base(), 2.0 * kSlowdown);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "sendsim: " + (work() / "s.yaml").string() + ":3:10: scenario.model: cannot read \"" +
                       fifo.string() + "\": it is a FIFO, not a regular file\n");
}

TEST_F(HostileInput, AFileAboveTheLimitIsRefusedBeforeReading) {
  const fs::path big = work() / "big.yaml";
  {
    std::ofstream out(big, std::ios::binary);
    out << "# " << std::string((4 * kMB) - 1, 'x');  // one byte over 4 MiB
  }
  const Result r = run_sendsim({"validate", big.string()}, base(), 2.0 * kSlowdown);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "sendsim: cannot read \"" + big.string() +
                "\": it is 4194305 bytes; a model or scenario file may be at most 4194304 bytes (4 MiB)\n");
  if (kCheckMemory) {
    EXPECT_LT(r.peak_kb, 32 * 1024);
  }
  // A sparse file of 1 TB costs nothing either.
  const fs::path sparse = work() / "sparse.yaml";
  { std::ofstream(sparse) << ""; }
  fs::resize_file(sparse, std::uintmax_t{1} << 40);
  const Result s = run_sendsim({"validate", sparse.string()}, base(), 2.0 * kSlowdown);
  EXPECT_EQ(s.code, 2);
  EXPECT_NE(s.err.find("it is 1099511627776 bytes"), std::string::npos) << s.err;
}

// Memory running out while loading is bad input naming the file (exit 2),
// not a crash or "std::bad_alloc" (exit 1).
TEST_F(HostileInput, RunningOutOfMemoryWhileLoadingNamesTheFile) {
  if (!kCheckMemory) GTEST_SKIP() << "the sanitizers reserve more address space than the limit";
  std::string model = tiny_model();
  const std::string settings = repeat(
      [](std::size_t i) {
        return "  - {name: s" + std::to_string(i) + ", type: special, district: North, places: 10}\n";
      },
      4 * kMB - model.size() - 64);
  model.insert(model.find("settings:\n") + 10, settings);
  const fs::path file = work() / "big-model.yaml";
  { std::ofstream(file, std::ios::binary) << model; }
  const Result r = run_sendsim({"validate", file.string()}, base(), 10.0 * kSlowdown, rlim_t{120} << 20);
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_TRUE(r.err == "sendsim: cannot read \"" + file.string() + "\": out of memory while parsing it\n" ||
              r.err == "sendsim: cannot load \"" + file.string() + "\": out of memory while loading it\n")
      << r.err;
}

}  // namespace
