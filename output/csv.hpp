// output/csv.hpp: a small, strict CSV writer (and write_text_file, a whole
// text file at once).
//
// RFC 4180 fields: a field holding a comma, a double quote, CR or LF is
// quoted, with its quotes doubled; a text field a spreadsheet would run as a
// formula gets a leading ' (see append_csv_field); every line ends in '\n' (never
// a flushing end of line); the header is written once, before any row, and every row must
// have as many fields as the header. Output is buffered and handed to the
// stream in large blocks.
//
// Numbers are written by format_number (std::to_chars, so no locale and no
// printf state): the shortest decimal in fixed notation that reads back to
// the same double ("42", "0.1", "1234567.25"), "-0" written as "0", NaN as an
// empty field, infinities as "inf" and "-inf". The same value always gives
// the same bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace sendsim::output {

/// `value` in the fixed, locale-independent format described above.
[[nodiscard]] std::string format_number(double value);
/// Appends format_number(value) to `out` without a temporary string.
void append_number(std::string& out, double value);

/// Whether a spreadsheet could run `field` as a formula: it starts with =,
/// +, -, @, a tab or CR (or with ', so that the guard below reads back
/// exactly) and is not a number as format_number writes it ("-5" is data).
[[nodiscard]] bool needs_formula_guard(std::string_view field);

/// The field as written before the guard: a leading ' dropped when what
/// follows starts with one of the characters above. For readers of our own
/// files (output/results_reader.hpp).
[[nodiscard]] std::string_view strip_formula_guard(std::string_view field);

/// Appends `field` to `out`, quoted when RFC 4180 requires it. A field that
/// needs_formula_guard() is written as OWASP advises against CSV injection:
/// with a leading ' (the cell is text, never run), and quoted: the setting
/// name =HYPERLINK("x") is written "'=HYPERLINK(""x"")".
void append_csv_field(std::string& out, std::string_view field);

class CsvWriter {
 public:
  /// Writes to `out`, which must outlive the writer.
  explicit CsvWriter(std::ostream& out, std::size_t buffer_bytes = 1 << 16);
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;
  /// Flushes what is buffered (errors are left to the stream's state: call
  /// flush() first to see them).
  ~CsvWriter();

  /// Writes the header line. Throws std::logic_error when a header or a row
  /// was already written.
  void header(std::span<const std::string> names);
  void header(std::initializer_list<std::string_view> names);

  CsvWriter& field(std::string_view text);
  CsvWriter& field(const char* text) { return field(std::string_view(text)); }
  CsvWriter& field(const std::string& text) { return field(std::string_view(text)); }
  CsvWriter& field(double value);
  CsvWriter& field(std::int64_t value);
  CsvWriter& field(std::uint64_t value);
  CsvWriter& field(int value) { return field(static_cast<std::int64_t>(value)); }

  /// Ends the row. Throws std::logic_error when a header was written and the
  /// row has a different number of fields, or the row is empty.
  void end_row();

  /// Hands the buffer to the stream and flushes it; throws std::runtime_error
  /// when the stream has failed.
  void flush();

  [[nodiscard]] std::size_t rows() const noexcept { return rows_; }

 private:
  void begin_field();
  void spill_if_full();

  std::ostream& out_;
  std::string buffer_;
  std::size_t buffer_bytes_;
  std::size_t columns_ = 0;  // 0: no header
  std::size_t fields_in_row_ = 0;
  std::size_t rows_ = 0;  // data rows ended
  bool header_written_ = false;
};

/// A CSV file: opens `path` for writing (truncating), and close() checks that
/// every byte reached the file. Throws std::runtime_error naming the path when
/// it cannot be opened or written.
class CsvFile {
 public:
  explicit CsvFile(const std::filesystem::path& path);
  [[nodiscard]] CsvWriter& csv() noexcept { return csv_; }
  void close();

 private:
  std::filesystem::path path_;
  std::ofstream file_;
  CsvWriter csv_;
};

/// Writes `text` as the whole file (replacing it); throws std::runtime_error
/// naming the path.
void write_text_file(const std::filesystem::path& path, std::string_view text);

}  // namespace sendsim::output
