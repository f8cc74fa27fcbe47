// sim/app/progress.hpp: progress of the replications on stderr.
//
//   kBar    on a terminal: one line redrawn in place,
//             sendsim: [#########-----------]  45/100 replications  3.2/s  17 s left
//           and cleared by finish();
//   kLines  when stderr is not a terminal (a log, a pipe, CI): one line per
//           tenth of the replications (so 10 lines for 10 or more, one per
//           replication for fewer),
//             sendsim: 40% (4 of 10 replications, 3.1/s, about 2 s left)
//   kNone   nothing (--quiet).
// update() may be called from several threads at once (it is serialised), with
// counts in any order; each tenth is printed once, in order.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <mutex>
#include <string>

#include "engine/replication.hpp"

namespace sendsim::app {

class Progress {
 public:
  enum class Style { kNone, kBar, kLines };

  /// kNone when quiet, kBar when `stream` is a terminal, else kLines.
  [[nodiscard]] static Style style_for(bool quiet, std::FILE* stream);

  /// Progress of `total` replications; a bar is drawn at once (0 done).
  Progress(std::size_t total, Style style, std::FILE* out = stderr, std::string what = "replications");
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// `done` replications have finished.
  void update(std::size_t done);
  /// A callback for run::RunOptions::progress (the Progress must outlive it).
  [[nodiscard]] engine::ProgressFn callback();
  /// Clears the bar (a terminal line is left clean for what follows); safe to
  /// call more than once.
  void finish();

  /// "3.2/s", "45 s", "2 min 5 s", "1 h 4 min": as printed.
  [[nodiscard]] static std::string rate_text(double per_second);
  [[nodiscard]] static std::string duration_text(double seconds);

 private:
  void draw_bar(std::size_t done, double elapsed);
  void print_line(std::size_t done, double elapsed);

  std::size_t total_;
  Style style_;
  std::FILE* out_;
  std::string what_;
  std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::size_t shown_ = 0;  // highest count drawn or printed
  int next_tenth_ = 1;     // kLines: the next tenth to print (1..10)
  bool finished_ = false;
};

}  // namespace sendsim::app
