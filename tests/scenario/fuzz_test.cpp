// tests/scenario/fuzz_test.cpp: a seeded mutation test of the loader. Every
// model and scenario file of tests/scenarios/, tests/scenario/fixtures/ and
// tests/fuzz/corpus/ is mutated (bytes flipped, YAML tokens and hostile
// values inserted, ranges deleted, duplicated or spliced from another seed,
// lines swapped) with a fixed seed, for a fixed number of mutants (2000 in
// ctest; SENDSIM_FUZZ_ITERATIONS for more, SENDSIM_FUZZ_SEED for others). Each mutant must load or be
// refused with an InputError (never another exception, a crash or a hang),
// within 2 s, with a message of at most 2100 bytes; a mutant that loads must
// write an effective scenario that loads back to the same effective text.
// The seeds are copied to a scratch folder with their layout and each mutant
// written beside its seed, so relative model: and extends: paths still
// resolve; a failing mutant is kept there and its path printed.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "engine/rng.hpp"
#include "scenario/error.hpp"
#include "scenario/loader.hpp"

namespace sendsim::scenario {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const fs::path kTests = fs::path(SENDSIM_SOURCE_DIR) / "tests";

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_all(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

/// Text with the comment lines left out (the effective file's header names
/// the files it was loaded from).
std::string without_comments(const std::string& text) {
  std::istringstream in(text);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("#")) out += line + "\n";
  }
  return out;
}

/// What the mutator inserts: YAML structure and values that have broken
/// loaders (yaml-cpp's comma loop, aliases, tags, nesting, huge numbers).
const std::vector<std::string> kTokens = {",",
                                          ", ",
                                          "[",
                                          "]",
                                          "{",
                                          "}",
                                          ": ",
                                          ":",
                                          "- ",
                                          "-",
                                          "\n",
                                          "\n  ",
                                          "\n- ",
                                          "\t",
                                          "'",
                                          "\"",
                                          "#",
                                          "? ",
                                          "|",
                                          ">",
                                          "&a ",
                                          "*a",
                                          "!!str ",
                                          "!t ",
                                          "~",
                                          "null",
                                          "---\n",
                                          "...\n",
                                          "<<: ",
                                          "%YAML 1.2\n",
                                          "0",
                                          "-1",
                                          "2147483648",
                                          "9223372036854775808",
                                          "18446744073709551616",
                                          "1e20",
                                          "-1e20",
                                          "0x10",
                                          ".inf",
                                          ".nan",
                                          "1.5",
                                          "2021-02-30",
                                          "9999-12-31",
                                          "0000-00-00",
                                          "true",
                                          "yes",
                                          "=HYPERLINK(\"x\")",
                                          "+1",
                                          "@x",
                                          "\xc3\xa9",
                                          "\xff\xfe",
                                          "\x00",
                                          "name",
                                          "places",
                                          "settings",
                                          "districts",
                                          "model",
                                          "extends",
                                          "scenario",
                                          "uncertainty",
                                          "capital_programme",
                                          "factor",
                                          "normal",
                                          "action",
                                          "open",
                                          "expand",
                                          "ramp_up",
                                          "end_date",
                                          "replications",
                                          "North",
                                          "Beech special",
                                          "../",
                                          "/dev/zero",
                                          "tiny-model.yaml",
                                          "[[[[[[[[",
                                          "]]]]]]]]",
                                          "{a: {b: {c: {d: ",
                                          "}}}}"};

class Mutator {
 public:
  Mutator(std::uint64_t seed, const std::vector<std::string>& seeds) : rng_(seed, 0, 0), seeds_(seeds) {}

  std::string mutate(std::string text) {
    const std::uint64_t rounds = 1 + rng_.below(4);
    for (std::uint64_t r = 0; r < rounds; ++r) text = once(std::move(text));
    return text;
  }

 private:
  std::size_t at(const std::string& text) {
    return text.empty() ? 0 : static_cast<std::size_t>(rng_.below(text.size() + 1));
  }

  std::string once(std::string text) {
    switch (rng_.below(8)) {
      case 0: {  // flip a byte
        if (text.empty()) return text;
        const std::size_t i = static_cast<std::size_t>(rng_.below(text.size()));
        text[i] = static_cast<char>(text[i] ^ (1 << rng_.below(8)));
        return text;
      }
      case 1:
      case 2: {  // insert a token
        const std::string& token = kTokens[static_cast<std::size_t>(rng_.below(kTokens.size()))];
        text.insert(at(text), token);
        return text;
      }
      case 3: {  // replace a line's value after its ':' with a token
        const std::size_t colon = text.find(": ", at(text));
        if (colon == std::string::npos) return text;
        const std::size_t end = text.find('\n', colon);
        const std::string& token = kTokens[static_cast<std::size_t>(rng_.below(kTokens.size()))];
        text.replace(colon + 2, (end == std::string::npos ? text.size() : end) - colon - 2, token);
        return text;
      }
      case 4: {  // delete a range
        const std::size_t from = at(text);
        const std::size_t n = static_cast<std::size_t>(rng_.below(64));
        text.erase(from, std::min(n, text.size() - from));
        return text;
      }
      case 5: {  // duplicate a range
        const std::size_t from = at(text);
        const std::size_t n =
            std::min<std::size_t>(static_cast<std::size_t>(rng_.below(200)), text.size() - from);
        const std::string piece = text.substr(from, n);
        text.insert(at(text), piece);
        return text;
      }
      case 6: {  // splice in a range of another seed
        const std::string& other = seeds_[static_cast<std::size_t>(rng_.below(seeds_.size()))];
        const std::size_t from = at(other);
        const std::size_t n =
            std::min<std::size_t>(static_cast<std::size_t>(rng_.below(300)), other.size() - from);
        text.insert(at(text), other.substr(from, n));
        return text;
      }
      default: {  // swap two lines
        std::vector<std::string> lines;
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) lines.push_back(line);
        if (lines.size() < 2) return text;
        std::swap(lines[static_cast<std::size_t>(rng_.below(lines.size()))],
                  lines[static_cast<std::size_t>(rng_.below(lines.size()))]);
        std::string out;
        for (const auto& l : lines) out += l + "\n";
        return out;
      }
    }
  }

  engine::Rng rng_;
  const std::vector<std::string>& seeds_;
};

class LoaderFuzz : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_ = fs::temp_directory_path() / ("sendsim-fuzz-" + std::to_string(::getpid()));
    fs::remove_all(scratch_);
    for (const char* folder : {"scenarios", "scenarios/bad", "scenario/fixtures", "fuzz/corpus"}) {
      fs::create_directories(scratch_ / folder);
      for (const auto& e : fs::directory_iterator(kTests / folder)) {
        if (e.path().extension() != ".yaml") continue;
        const fs::path rel = fs::path(folder) / e.path().filename();
        fs::copy_file(e.path(), scratch_ / rel);
        files_.push_back(rel);
        seeds_.push_back(read_all(e.path()));
      }
    }
  }
  void TearDown() override {
    if (!keep_) fs::remove_all(scratch_);
  }

  fs::path scratch_;
  std::vector<fs::path> files_;
  std::vector<std::string> seeds_;
  bool keep_ = false;
};

TEST_F(LoaderFuzz, EveryMutantLoadsOrIsRefusedQuicklyWithAShortMessage) {
  ASSERT_GE(files_.size(), 80u);
  std::size_t iterations = 2000;
  if (const char* env = std::getenv("SENDSIM_FUZZ_ITERATIONS")) iterations = std::strtoul(env, nullptr, 10);
  std::uint64_t seed = 20261201;
  if (const char* env = std::getenv("SENDSIM_FUZZ_SEED")) seed = std::strtoull(env, nullptr, 10);
  Mutator mutator(seed, seeds_);
  std::size_t loaded = 0;
  std::size_t refused = 0;
  double slowest = 0;
  // Three mutants in four come from a seed that loads, so most reach past
  // the parser into the reader, the checks and the effective writer.
  std::vector<std::size_t> good;
  for (std::size_t k = 0; k < files_.size(); ++k) {
    try {
      (void)load_scenario(scratch_ / files_[k]);
      good.push_back(k);
    } catch (const InputError&) {
    }
  }
  ASSERT_GE(good.size(), 8u);
  for (std::size_t i = 0; i < iterations; ++i) {
    const std::size_t k = i % 4 != 3 ? good[(i / 4) % good.size()] : (i / 4) % files_.size();
    // Beside its seed, under a name of its own: relative paths resolve the
    // same, and no file is truncated and rewritten (which ext4 flushes to
    // disk on close, so that the test would wait on the disk).
    const fs::path file = (scratch_ / files_[k]).parent_path() / ("mutant-" + std::to_string(i) + ".yaml");
    const std::string mutant = mutator.mutate(seeds_[k]);
    write_all(file, mutant);
    const auto start = Clock::now();
    std::string failure;
    try {
      const send::Scenario sc = load_scenario(file);
      ++loaded;
      // What loads writes an effective scenario that loads back the same.
      const std::string effective = effective_yaml(sc);
      const fs::path again = scratch_ / ("fuzz/effective-" + std::to_string(i) + ".yaml");
      write_all(again, effective);
      try {
        const std::string twice = effective_yaml(load_scenario(again));
        if (without_comments(twice) != without_comments(effective))
          failure = "the effective scenario changed on reload";
      } catch (const InputError& e) {
        failure = std::string("its effective scenario does not load: ") + e.what();
      }
    } catch (const InputError& e) {
      ++refused;
      if (std::string(e.what()).size() > 2100)
        failure = "a message of " + std::to_string(std::string(e.what()).size()) + " bytes";
    } catch (const std::exception& e) {
      failure = std::string("not an InputError: ") + e.what();
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    slowest = std::max(slowest, seconds);
    if (seconds > 2.0) failure = "took " + std::to_string(seconds) + " s";
    if (!failure.empty()) {
      const fs::path kept = scratch_ / ("failure-" + std::to_string(i) + ".yaml");
      write_all(kept, mutant);  // (next to the seed it is mutant-N.yaml)
      keep_ = true;
      ADD_FAILURE() << "mutant " << i << " of " << files_[k] << ": " << failure << " (kept in " << kept
                    << ")";
    }
    std::error_code ec;
    fs::remove(file, ec);
    fs::remove(scratch_ / ("fuzz/effective-" + std::to_string(i) + ".yaml"), ec);
  }
  EXPECT_GT(loaded, iterations / 25);
  EXPECT_GT(refused, iterations / 2);
  std::printf("%zu mutants: %zu loaded, %zu refused; slowest %.3f s\n", iterations, loaded, refused, slowest);
}

}  // namespace
}  // namespace sendsim::scenario
