// output/results_reader.hpp: reading a results folder back (for charts and
// the HTML report, so `sendsim report DIR` works on any complete folder).
//
//   CsvReader      RFC 4180 records from text: quoted fields may hold commas,
//                  doubled quotes and line breaks (as csv.hpp writes them);
//   decode_key     a per_replication.csv key ("year=2023;need=ASD", with %25,
//                  %3B, %3D escapes) as column/value pairs;
//   JsonValue      JSON read by nlohmann-json into a plain tree for the
//                  report's readers (numbers as their shortest text,
//                  integers exactly, so a 64-bit seed reads back exactly);
//                  summary.json itself is read over its struct by
//                  results_writer.hpp's read_results_summary.
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sendsim::output {

/// The whole file as bytes; throws std::runtime_error naming the path.
[[nodiscard]] std::string read_text_file(const std::filesystem::path& path);

/// Reads CSV records one at a time from `text` (which must outlive it).
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}
  /// The next record into `fields` (resized); false at the end. Throws
  /// std::runtime_error on an unterminated quoted field.
  bool next(std::vector<std::string>& fields);

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

/// A CSV file with a header line, held in memory.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  /// Index of column `name`; nullopt when absent.
  [[nodiscard]] std::optional<std::size_t> column(std::string_view name) const;
};

/// Reads `path` as a CsvTable; throws std::runtime_error when it cannot be
/// read or a row has a different number of fields from the header.
[[nodiscard]] CsvTable read_csv_table(const std::filesystem::path& path);

/// Parses a whole number or decimal written by format_number ("" -> nullopt).
[[nodiscard]] std::optional<double> parse_number(std::string_view text);

/// The column/value pairs of a per_replication.csv key, unescaped.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> decode_key(std::string_view key);

/// A JSON value. Numbers keep their text in `text` (the shortest that reads
/// back as the same number; integers as written).
struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;
  std::string text;              // kString: the unescaped string; kNumber: the number's text
  std::vector<JsonValue> items;  // kArray
  std::vector<std::pair<std::string, JsonValue>> members;  // kObject, in file order

  /// The member `key` of an object; nullptr when absent or not an object.
  [[nodiscard]] const JsonValue* get(std::string_view key) const;
  /// The member at a dotted path ("scenario.name"); nullptr when absent.
  [[nodiscard]] const JsonValue* at(std::string_view dotted) const;
  /// String or number text at `dotted`; `fallback` when absent or another type.
  [[nodiscard]] std::string string_at(std::string_view dotted, std::string fallback = "") const;
};

/// Parses JSON text; throws std::runtime_error with the byte offset when bad.
[[nodiscard]] JsonValue parse_json(std::string_view text);

}  // namespace sendsim::output
