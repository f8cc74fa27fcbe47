// sim/app/progress.cpp: the progress bar and progress lines (see progress.hpp).
#include "app/progress.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace sendsim::app {

namespace {
constexpr int kBarWidth = 24;
}  // namespace

Progress::Style Progress::style_for(bool quiet, std::FILE* stream) {
  if (quiet) return Style::kNone;
  return ::isatty(::fileno(stream)) != 0 ? Style::kBar : Style::kLines;
}

Progress::Progress(std::size_t total, Style style, std::FILE* out, std::string what)
    : total_(total),
      style_(style),
      out_(out),
      what_(std::move(what)),
      start_(std::chrono::steady_clock::now()) {
  if (style_ == Style::kBar && total_ > 0) draw_bar(0, 0.0);
}

Progress::~Progress() { finish(); }

void Progress::update(std::size_t done) {
  if (style_ == Style::kNone) return;
  const std::lock_guard lock(mutex_);
  if (finished_ || done <= shown_ || total_ == 0) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (style_ == Style::kBar) {
    shown_ = done;
    draw_bar(done, elapsed);
    return;
  }
  // One line per tenth reached: the tenth k is reached at ceil(k * total / 10)
  // replications (tenths that fall on the same count print once).
  while (next_tenth_ <= 10) {
    const std::size_t at = (static_cast<std::size_t>(next_tenth_) * total_ + 9) / 10;
    if (at > done) break;
    if (at > shown_) {
      print_line(at, elapsed);
      shown_ = at;
    }
    ++next_tenth_;
  }
}

engine::ProgressFn Progress::callback() {
  return [this](std::size_t done, std::size_t /*total*/) { update(done); };
}

void Progress::finish() {
  const std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  if (style_ == Style::kBar && total_ > 0) {
    std::fputs("\r\033[K", out_);
    std::fflush(out_);
  }
}

std::string Progress::rate_text(double per_second) {
  std::array<char, 32> buf{};
  std::snprintf(buf.data(), buf.size(), per_second < 10 ? "%.2f/s" : "%.1f/s", per_second);
  return buf.data();
}

std::string Progress::duration_text(double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
  return std::to_string(s / 3600) + " h " + std::to_string((s % 3600) / 60) + " min";
}

void Progress::draw_bar(std::size_t done, double elapsed) {
  const int filled = static_cast<int>(static_cast<double>(kBarWidth) * static_cast<double>(done) /
                                      static_cast<double>(total_));
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.append(static_cast<std::size_t>(kBarWidth - filled), '-');
  std::string tail;
  if (done > 0 && elapsed > 0) {
    const double rate = static_cast<double>(done) / elapsed;
    tail = "  " + rate_text(rate);
    if (done < total_) tail += "  " + duration_text(static_cast<double>(total_ - done) / rate) + " left";
  }
  std::fprintf(out_, "\rsendsim: [%s] %zu/%zu %s%s\033[K", bar.c_str(), done, total_, what_.c_str(),
               tail.c_str());
  std::fflush(out_);
}

void Progress::print_line(std::size_t done, double elapsed) {
  const auto percent = static_cast<unsigned>(done * 100 / total_);
  std::string detail = std::to_string(done) + " of " + std::to_string(total_) + " " + what_;
  if (elapsed > 0) {
    const double rate = static_cast<double>(done) / elapsed;
    detail += ", " + rate_text(rate);
    detail += done < total_ ? ", about " + duration_text(static_cast<double>(total_ - done) / rate) + " left"
                            : ", in " + duration_text(elapsed);
  }
  std::fprintf(out_, "sendsim: %u%% (%s)\n", percent, detail.c_str());
  std::fflush(out_);
}

}  // namespace sendsim::app
