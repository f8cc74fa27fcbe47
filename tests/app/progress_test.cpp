// tests/app/progress_test.cpp: the progress display (sim/app/progress.hpp):
// one line per tenth when not on a terminal, a bar redrawn in place on one,
// nothing when quiet; counts from several threads in any order.
#include "app/progress.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace sendsim::app {
namespace {

/// Everything written to a temporary FILE*.
class Capture {
 public:
  Capture() : file_(std::tmpfile()) {}
  ~Capture() { std::fclose(file_); }
  Capture(const Capture&) = delete;
  Capture& operator=(const Capture&) = delete;
  [[nodiscard]] std::FILE* file() const { return file_; }
  [[nodiscard]] std::string text() const {
    std::fflush(file_);
    std::rewind(file_);
    std::string out;
    for (int c = std::fgetc(file_); c != EOF; c = std::fgetc(file_)) out += static_cast<char>(c);
    return out;
  }
  [[nodiscard]] std::vector<std::string> lines() const {
    std::vector<std::string> out;
    std::string line;
    for (char c : text()) {
      if (c == '\n') {
        out.push_back(line);
        line.clear();
      } else {
        line += c;
      }
    }
    if (!line.empty()) out.push_back(line);
    return out;
  }

 private:
  std::FILE* file_;
};

std::vector<std::string> lines_for(std::size_t total, const std::vector<std::size_t>& updates) {
  Capture capture;
  {
    Progress p(total, Progress::Style::kLines, capture.file());
    for (std::size_t d : updates) p.update(d);
  }
  return capture.lines();
}

std::vector<std::size_t> one_to(std::size_t n) {
  std::vector<std::size_t> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = i + 1;
  return out;
}

TEST(Progress, OneLinePerTenth) {
  for (std::size_t total : {10U, 11U, 25U, 100U, 1000U}) {
    const auto lines = lines_for(total, one_to(total));
    ASSERT_EQ(lines.size(), 10u) << total;
    for (std::size_t k = 0; k < 10; ++k) {
      EXPECT_TRUE(lines[k].starts_with("sendsim: ")) << lines[k];
      EXPECT_NE(lines[k].find("% ("), std::string::npos) << lines[k];
    }
    EXPECT_TRUE(lines.back().starts_with("sendsim: 100% (" + std::to_string(total) + " of " +
                                         std::to_string(total) + " replications"))
        << lines.back();
  }
  const auto lines = lines_for(20, one_to(20));
  EXPECT_TRUE(lines[0].starts_with("sendsim: 10% (2 of 20 replications")) << lines[0];
  EXPECT_TRUE(lines[4].starts_with("sendsim: 50% (10 of 20 replications")) << lines[4];
}

TEST(Progress, OneLinePerReplicationBelowTen) {
  EXPECT_EQ(lines_for(1, one_to(1)).size(), 1u);
  EXPECT_EQ(lines_for(4, one_to(4)).size(), 4u);
  const auto lines = lines_for(3, one_to(3));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(lines[0].starts_with("sendsim: 33% (1 of 3 replications")) << lines[0];
  EXPECT_TRUE(lines[2].starts_with("sendsim: 100% (3 of 3 replications")) << lines[2];
  EXPECT_TRUE(lines_for(0, {}).empty());
}

TEST(Progress, CountsOutOfOrderAndRepeatedPrintEachTenthOnce) {
  // Threads may report 4 before 3; a count may jump past several tenths.
  const auto lines = lines_for(10, {2, 1, 4, 3, 3, 9, 5, 10, 10});
  ASSERT_EQ(lines.size(), 10u);
  for (std::size_t k = 0; k < 10; ++k) {
    EXPECT_TRUE(lines[k].starts_with("sendsim: " + std::to_string((k + 1) * 10) + "% (")) << lines[k];
  }
}

TEST(Progress, ManyThreads) {
  Capture capture;
  {
    Progress p(400, Progress::Style::kLines, capture.file());
    std::vector<std::thread> threads;
    std::atomic<std::size_t> done{0};
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 100; ++i) p.update(done.fetch_add(1) + 1);
      });
    }
    for (auto& t : threads) t.join();
  }
  EXPECT_EQ(capture.lines().size(), 10u);
}

TEST(Progress, NothingWhenQuiet) {
  Capture capture;
  {
    Progress p(10, Progress::Style::kNone, capture.file());
    for (std::size_t d = 1; d <= 10; ++d) p.update(d);
    p.finish();
  }
  EXPECT_EQ(capture.text(), "");
  EXPECT_EQ(Progress::style_for(true, stderr), Progress::Style::kNone);
  // A file is not a terminal.
  EXPECT_EQ(Progress::style_for(false, capture.file()), Progress::Style::kLines);
}

TEST(Progress, BarIsRedrawnInPlaceAndCleared) {
  Capture capture;
  {
    Progress p(4, Progress::Style::kBar, capture.file());
    p.update(1);
    p.update(2);
    p.finish();
    p.update(3);  // after finish: ignored
    p.finish();   // twice: harmless
  }
  const std::string text = capture.text();
  EXPECT_EQ(text.find('\n'), std::string::npos) << "a bar never ends a line";
  EXPECT_NE(text.find("\rsendsim: [------------------------] 0/4 replications"), std::string::npos) << text;
  EXPECT_NE(text.find("] 2/4 replications"), std::string::npos) << text;
  EXPECT_NE(text.find(" left"), std::string::npos) << text;  // time left
  EXPECT_NE(text.find("/s"), std::string::npos) << text;     // rate
  EXPECT_EQ(text.find("3/4"), std::string::npos);
  EXPECT_TRUE(text.ends_with("\r\033[K")) << "cleared at the end";
}

TEST(Progress, RatesAndDurations) {
  EXPECT_EQ(Progress::rate_text(3.14159), "3.14/s");
  EXPECT_EQ(Progress::rate_text(42.25), "42.2/s");
  EXPECT_EQ(Progress::duration_text(4.4), "4 s");
  EXPECT_EQ(Progress::duration_text(125), "2 min 5 s");
  EXPECT_EQ(Progress::duration_text(3840), "1 h 4 min");
  EXPECT_EQ(Progress::duration_text(-1), "0 s");
}

}  // namespace
}  // namespace sendsim::app
