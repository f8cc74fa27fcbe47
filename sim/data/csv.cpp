// sim/data/csv.cpp: reading (and gunzipping) a published CSV file, records
// with their line numbers, the header map and the parsing of one cell.
#include "data/csv.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <fstream>
#include <iterator>
#include <system_error>

namespace sendsim::data {

namespace {

bool gzip_magic(const std::string& bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

std::string gunzip(const std::string& in, const std::string& name) {
  std::string out;
  out.resize(std::max<std::size_t>(in.size() * 6, 1 << 16));
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) throw DataError(name, 0, "cannot start gzip decompression");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  std::size_t produced = 0;
  for (;;) {
    if (produced == out.size()) out.resize(out.size() * 2);
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
    zs.avail_out = static_cast<uInt>(out.size() - produced);
    const int rc = inflate(&zs, Z_NO_FLUSH);
    produced = out.size() - zs.avail_out;
    if (rc == Z_STREAM_END) {
      // Another member follows (concatenated gzip files); trailing zeros
      // or other bytes after the last member are ignored, as gzip does.
      const std::size_t used = in.size() - zs.avail_in;
      if (zs.avail_in >= 2 && static_cast<unsigned char>(in[used]) == 0x1f &&
          static_cast<unsigned char>(in[used + 1]) == 0x8b) {
        inflateReset(&zs);
        continue;
      }
      break;
    }
    if (rc == Z_OK) continue;
    if (rc == Z_BUF_ERROR && zs.avail_out > 0) {
      inflateEnd(&zs);
      throw DataError(name, 0, "truncated gzip stream");
    }
    if (rc == Z_BUF_ERROR) continue;  // output full: grow and go on
    const std::string why = zs.msg ? zs.msg : "error " + std::to_string(rc);
    inflateEnd(&zs);
    throw DataError(name, 0, "corrupt gzip stream (" + why + ")");
  }
  inflateEnd(&zs);
  out.resize(produced);
  return out;
}

bool equals_lower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != lower[i]) return false;
  }
  return true;
}

}  // namespace

bool CsvRow::blank() const noexcept {
  return std::all_of(fields.begin(), fields.end(), [](std::string_view f) { return trim(f).empty(); });
}

std::string read_file_bytes(const std::filesystem::path& path, const std::string& name) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw DataError(name, 0, "no such file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(name, 0, "cannot open the file");
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw DataError(name, 0, "cannot read the file");
  if (gzip_magic(bytes)) return gunzip(bytes, name);
  return bytes;
}

CsvFile::CsvFile(std::string text, std::string name) : text_(std::move(text)), name_(std::move(name)) {
  if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
}

CsvFile CsvFile::open(const std::filesystem::path& path, std::string name) {
  std::string text = read_file_bytes(path, name);
  return CsvFile(std::move(text), std::move(name));
}

CsvFile CsvFile::from_text(std::string text, std::string name) {
  return CsvFile(std::move(text), std::move(name));
}

void CsvFile::fail(std::size_t line, const std::string& message) const {
  throw DataError(name_, line, message);
}

bool CsvFile::next(CsvRow& row) {
  row.fields.clear();
  const std::size_t n = text_.size();
  if (pos_ >= n) return false;
  row.line = line_;
  char* data = text_.data();
  std::size_t i = pos_;
  for (;;) {
    const std::size_t begin = i;
    std::size_t out = i;  // quoted fields are unescaped in place: out <= i
    if (i < n && data[i] == '"') {
      ++i;
      out = i;
      const std::size_t content = i;
      for (;;) {
        if (i >= n) fail(row.line, "quoted field never ends");
        const char c = data[i];
        if (c == '"') {
          if (i + 1 < n && data[i + 1] == '"') {
            data[out++] = '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (c == '\n') ++line_;
        data[out++] = c;
        ++i;
      }
      // Anything between the closing quote and the delimiter is kept as it
      // stands (as spreadsheet programs read it).
      while (i < n && data[i] != ',' && data[i] != '\n') data[out++] = data[i++];
      if (out > content && data[out - 1] == '\r') --out;
      row.fields.emplace_back(data + content, out - content);
    } else {
      while (i < n && data[i] != ',' && data[i] != '\n') ++i;
      std::size_t end = i;
      if (end > begin && data[end - 1] == '\r') --end;
      row.fields.emplace_back(data + begin, end - begin);
    }
    if (i >= n) break;
    if (data[i] == ',') {
      ++i;
      if (i >= n) {  // a trailing comma at the very end: one more empty field
        row.fields.emplace_back(data + i, 0);
        break;
      }
      continue;
    }
    ++i;  // '\n'
    ++line_;
    break;
  }
  pos_ = i;
  return true;
}

Header::Header(const CsvRow& row) : line_(row.line) {
  names_.reserve(row.size());
  for (std::size_t i = 0; i < row.size(); ++i) {
    names_.emplace_back(trim(row[i]));
    index_.emplace(names_.back(), i);  // the first of two equal names wins
  }
}

std::optional<std::size_t> Header::find(std::string_view name) const {
  const auto it = index_.find(std::string(name));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::size_t Header::at(std::string_view name, const CsvFile& file) const {
  const auto i = find(name);
  if (!i) file.fail(line_, "no column " + std::string(name));
  return *i;
}

std::vector<std::string> Header::missing(const std::vector<std::string_view>& names) const {
  std::vector<std::string> out;
  for (const auto name : names) {
    if (!has(name)) out.emplace_back(name);
  }
  return out;
}

std::string_view trim(std::string_view s) noexcept {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto b = s.find_first_not_of(kSpace);
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(kSpace);
  return s.substr(b, e - b + 1);
}

bool is_missing_code(std::string_view cell) noexcept {
  const std::string_view t = trim(cell);
  static constexpr std::array<std::string_view, 11> kCodes = {"",   "x", "z", "c",       "low", "-",
                                                              "..", "~", ":", "no data", "n/a"};
  return std::any_of(kCodes.begin(), kCodes.end(),
                     [&](std::string_view code) { return equals_lower(t, code); });
}

std::optional<double> parse_number(std::string_view cell, NumberStyle style) noexcept {
  std::string_view t = trim(cell);
  if (style.percent && !t.empty() && t.back() == '%') t = trim(t.substr(0, t.size() - 1));
  if (t.empty()) return std::nullopt;
  std::array<char, 64> buffer{};
  if (style.thousands && t.find(',') != std::string_view::npos) {
    std::size_t k = 0;
    for (const char c : t) {
      if (c == ',') continue;
      if (k == buffer.size()) return std::nullopt;
      buffer[k++] = c;
    }
    t = std::string_view(buffer.data(), k);
  }
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  double value = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (ec != std::errc() || end != t.data() + t.size()) return std::nullopt;
  return value;
}

Figure parse_figure(std::string_view cell, const CsvFile& file, std::size_t line, std::string_view column,
                    NumberStyle style) {
  Figure f;
  f.source = Source{file.name(), line, std::string(column)};
  if (const auto v = parse_number(cell, style)) {
    f.value = *v;
    return f;
  }
  if (is_missing_code(cell)) {
    f.missing = std::string(trim(cell));
    return f;
  }
  file.fail(line, std::string(column) + ": not a number: '" + std::string(trim(cell)) + "'");
}

void check_width(const CsvRow& row, const Header& header, const CsvFile& file) {
  if (row.size() != header.size()) {
    file.fail(row.line,
              "expected " + std::to_string(header.size()) + " fields, got " + std::to_string(row.size()));
  }
}

}  // namespace sendsim::data
