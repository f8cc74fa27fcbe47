// sim/data/csv.hpp: the CSV reader of the published files (RFC 4180 as the
// DfE, ONS and ESFA write it): `.csv` or gzip-compressed `.csv.gz` (told by
// its magic bytes, not its name), an optional UTF-8 byte-order mark, LF or
// CRLF line ends, quoted fields holding commas, doubled quotes and line
// breaks. Every record keeps the 1-based line it starts on, so that a figure
// can say where it came from. Also the helpers every reader shares: a header
// row as a column map and the parsing of one published cell into a Figure.
#pragma once

#include <cstddef>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "data/published.hpp"

namespace sendsim::data {

/// One record. The views point into the CsvFile and stay valid until its
/// next call of next().
struct CsvRow {
  std::size_t line = 0;  // 1-based line the record starts on
  std::vector<std::string_view> fields;

  [[nodiscard]] std::size_t size() const noexcept { return fields.size(); }
  [[nodiscard]] std::string_view operator[](std::size_t i) const noexcept { return fields[i]; }
  /// True for a line with nothing on it or only commas (blank rows between
  /// the tables of a spreadsheet export).
  [[nodiscard]] bool blank() const noexcept;
};

/// A whole file in memory, read record by record.
class CsvFile {
 public:
  /// Reads `path` (plain or gzip). `name` is how errors name the file (the
  /// path relative to the data folder). Throws DataError "NAME: no such
  /// file", "NAME: truncated gzip stream", "NAME: corrupt gzip stream (...)".
  [[nodiscard]] static CsvFile open(const std::filesystem::path& path, std::string name);
  /// A file from text already in memory (tests, or text decompressed elsewhere).
  [[nodiscard]] static CsvFile from_text(std::string text, std::string name);

  /// The next record, false at the end. Throws DataError for a quoted field
  /// that never ends.
  bool next(CsvRow& row);

  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// Throws DataError(name(), line, message).
  [[noreturn]] void fail(std::size_t line, const std::string& message) const;

 private:
  CsvFile(std::string text, std::string name);
  std::string text_;
  std::string name_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

/// The bytes of `path`, gunzipped when they start with the gzip magic bytes
/// (every member of a multi-member stream). Errors name the file `name`.
[[nodiscard]] std::string read_file_bytes(const std::filesystem::path& path, const std::string& name);

/// A header row: column names (trimmed) to their positions.
class Header {
 public:
  Header() = default;
  explicit Header(const CsvRow& row);

  [[nodiscard]] std::optional<std::size_t> find(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const { return find(name).has_value(); }
  /// The position of `name`; throws DataError(file, line, "no column NAME").
  [[nodiscard]] std::size_t at(std::string_view name, const CsvFile& file) const;
  /// The names in `names` the header lacks, in the order given.
  [[nodiscard]] std::vector<std::string> missing(const std::vector<std::string_view>& names) const;
  [[nodiscard]] std::size_t size() const noexcept { return names_.size(); }
  [[nodiscard]] std::size_t line() const noexcept { return line_; }
  [[nodiscard]] const std::string& name(std::size_t i) const { return names_[i]; }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> index_;
  std::size_t line_ = 0;
};

/// `s` without leading and trailing spaces, tabs and line breaks.
[[nodiscard]] std::string_view trim(std::string_view s) noexcept;

/// How a cell writes its number.
struct NumberStyle {
  bool thousands = false;  // "1,071" (the Ministry of Justice's tribunal table)
  bool percent = false;    // "0.40%" (the same table); the % sign is dropped
};

/// The missing-value codes the publishers use: "x", "z", "c", "low", ""
/// (DfE); "-" (LAIT), ".." and "~" (Ministry of Justice); ":" (ONS); "no
/// data" (DfE 2026). Compared after trimming, case-insensitively.
[[nodiscard]] bool is_missing_code(std::string_view cell) noexcept;

/// The number in `cell`, nullopt when it is not one (after trimming).
[[nodiscard]] std::optional<double> parse_number(std::string_view cell, NumberStyle style = {}) noexcept;

/// One published cell as a Figure: a number, or missing with its code
/// (trimmed, as published). Anything else throws DataError(file, line,
/// "COLUMN: not a number: 'CELL'").
[[nodiscard]] Figure parse_figure(std::string_view cell, const CsvFile& file, std::size_t line,
                                  std::string_view column, NumberStyle style = {});

/// Throws DataError(file, line, "expected N fields, got M") unless `row` has
/// exactly `header.size()` fields.
void check_width(const CsvRow& row, const Header& header, const CsvFile& file);

}  // namespace sendsim::data
