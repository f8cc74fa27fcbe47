// tests/data_readers/fixture.hpp: what the published-data tests share: the
// extract folder tests/data/published/ (real rows, see tests/data/README.md),
// a scratch copy of it to break one file at a time, and small helpers.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>

#include "data/csv.hpp"
#include "data/published.hpp"

namespace sendsim::data::testing {

/// The extract folder, laid out like the publishers' downloads.
inline std::filesystem::path published_folder() {
  return std::filesystem::path(SENDSIM_TEST_DATA) / "published";
}

/// The extract folder loaded once for the tests that only read it.
inline const PublishedData& published() {
  static const PublishedData kData = load_published(published_folder());
  return kData;
}

inline void write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

/// A scratch copy of the extract folder, removed at the end of the test.
class ScratchCopy {
 public:
  ScratchCopy() {
    std::string pattern = (std::filesystem::temp_directory_path() / "sendsim-data-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    root_ = std::filesystem::path(pattern) / "published";
    std::filesystem::copy(published_folder(), root_, std::filesystem::copy_options::recursive);
  }
  ~ScratchCopy() {
    std::error_code ec;
    std::filesystem::remove_all(root_.parent_path(), ec);
  }
  ScratchCopy(const ScratchCopy&) = delete;
  ScratchCopy& operator=(const ScratchCopy&) = delete;

  [[nodiscard]] const std::filesystem::path& root() const noexcept { return root_; }
  [[nodiscard]] std::filesystem::path operator/(const std::string& rel) const { return root_ / rel; }

  /// The text of a file (gunzipped when it is gzip).
  [[nodiscard]] std::string text(const std::string& rel) const { return read_file_bytes(root_ / rel, rel); }

  /// Replaces `rel` (a .csv.gz) by a plain .csv of the transformed text
  /// (the readers take either).
  void rewrite(const std::string& rel, const std::function<std::string(std::string)>& transform) const {
    std::string text = this->text(rel);
    std::filesystem::path path = root_ / rel;
    std::filesystem::remove(path);
    if (path.extension() == ".gz") path.replace_extension();
    write_file(path, transform(std::move(text)));
  }

 private:
  std::filesystem::path root_;
};

/// `text` with the first occurrence of `from` replaced by `to` (a test
/// failure when `from` is not there).
inline std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "not found: " << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

/// The message of the DataError `f` throws ("" when it throws none).
template <typename F>
std::string data_error(F&& f) {
  try {
    f();
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

}  // namespace sendsim::data::testing
