// output/csv.cpp: CSV fields, numbers and buffered writing.
#include "output/csv.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace sendsim::output {

void append_number(std::string& out, double value) {
  if (std::isnan(value)) return;  // an empty field: no value
  if (std::isinf(value)) {
    out += value > 0 ? "inf" : "-inf";
    return;
  }
  if (value == 0.0) value = 0.0;  // -0 -> 0
  // Fixed notation needs at most 309 integer digits, or 324 after the point
  // for the smallest subnormal; with sign and point 400 is ample.
  std::array<char, 400> buf{};
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::fixed);
  if (ec != std::errc()) throw std::logic_error("format_number: buffer too small");
  out.append(buf.data(), end);
}

std::string format_number(double value) {
  std::string out;
  append_number(out, value);
  return out;
}

bool needs_formula_guard(std::string_view field) {
  if (field.empty()) return false;
  switch (field.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
    case '\'':
      break;
    default:
      return false;
  }
  // A number as format_number writes it ("-5", "-0.25", "-inf") is data, not
  // a formula: a spreadsheet reads it as the number it is.
  double value = 0;
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), value);
  return !(ec == std::errc() && end == field.data() + field.size());
}

std::string_view strip_formula_guard(std::string_view field) {
  if (field.size() < 2 || field.front() != '\'') return field;
  switch (field[1]) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
    case '\'':
      return field.substr(1);
    default:
      return field;
  }
}

namespace {

/// Whether RFC 4180 requires `field` to be quoted: one pass over its bytes
/// (string_view::find_first_of calls memchr over the set once per byte).
bool needs_quotes(std::string_view field) noexcept {
  for (const char c : field) {
    if (c == ',' || c == '"' || c == '\r' || c == '\n') return true;
  }
  return false;
}

}  // namespace

void append_csv_field(std::string& out, std::string_view field) {
  const bool guard = needs_formula_guard(field);
  if (!guard && !needs_quotes(field)) {
    out += field;
    return;
  }
  // OWASP's rule for CSV injection: a leading ' makes the cell text, and the
  // field is quoted.
  out += '"';
  if (guard) out += '\'';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

CsvWriter::CsvWriter(std::ostream& out, std::size_t buffer_bytes) : out_(out), buffer_bytes_(buffer_bytes) {
  buffer_.reserve(buffer_bytes_ + 1024);
}

CsvWriter::~CsvWriter() {
  if (!buffer_.empty()) out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
}

void CsvWriter::header(std::span<const std::string> names) {
  if (header_written_ || rows_ > 0 || fields_in_row_ > 0) {
    throw std::logic_error("CsvWriter: the header must come once, before any row");
  }
  if (names.empty()) throw std::logic_error("CsvWriter: a header needs at least one column");
  for (const auto& name : names) field(name);
  columns_ = names.size();
  header_written_ = true;
  buffer_ += '\n';
  fields_in_row_ = 0;
}

void CsvWriter::header(std::initializer_list<std::string_view> names) {
  std::vector<std::string> copy(names.begin(), names.end());
  header(copy);
}

void CsvWriter::begin_field() {
  if (fields_in_row_ > 0) buffer_ += ',';
  ++fields_in_row_;
}

CsvWriter& CsvWriter::field(std::string_view text) {
  begin_field();
  append_csv_field(buffer_, text);
  return *this;
}

CsvWriter& CsvWriter::field(double value) {
  begin_field();
  append_number(buffer_, value);
  return *this;
}

CsvWriter& CsvWriter::field(std::int64_t value) {
  begin_field();
  std::array<char, 24> buf{};
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  buffer_.append(buf.data(), end);
  return *this;
}

CsvWriter& CsvWriter::field(std::uint64_t value) {
  begin_field();
  std::array<char, 24> buf{};
  const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  buffer_.append(buf.data(), end);
  return *this;
}

void CsvWriter::end_row() {
  if (fields_in_row_ == 0) throw std::logic_error("CsvWriter: an empty row");
  if (columns_ != 0 && fields_in_row_ != columns_) {
    throw std::logic_error("CsvWriter: a row of " + std::to_string(fields_in_row_) +
                           " fields under a header of " + std::to_string(columns_) + " columns");
  }
  buffer_ += '\n';
  fields_in_row_ = 0;
  ++rows_;
  spill_if_full();
}

void CsvWriter::spill_if_full() {
  if (buffer_.size() < buffer_bytes_) return;
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

void CsvWriter::flush() {
  if (!buffer_.empty()) {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }
  out_.flush();
  if (!out_) throw std::runtime_error("CsvWriter: the output stream failed");
}

CsvFile::CsvFile(const std::filesystem::path& path)
    : path_(path), file_(path, std::ios::binary | std::ios::trunc), csv_(file_) {
  if (!file_) throw std::runtime_error("cannot open " + path.string() + " for writing");
}

void CsvFile::close() {
  try {
    csv_.flush();
  } catch (const std::runtime_error&) {
    throw std::runtime_error("cannot write " + path_.string());
  }
  file_.close();
  if (!file_) throw std::runtime_error("cannot write " + path_.string());
}

void write_text_file(const std::filesystem::path& path, std::string_view text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) throw std::runtime_error("cannot open " + path.string() + " for writing");
  file.write(text.data(), static_cast<std::streamsize>(text.size()));
  file.close();
  if (!file) throw std::runtime_error("cannot write " + path.string());
}

}  // namespace sendsim::output
