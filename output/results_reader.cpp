// output/results_reader.cpp: CSV, key and JSON reading for a results folder.
#include "output/results_reader.hpp"

#include <charconv>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "output/csv.hpp"

namespace sendsim::output {

namespace fs = std::filesystem;

std::string read_text_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::string text;
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  if (size > 0) {
    text.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(text.data(), static_cast<std::streamsize>(size));
  }
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return text;
}

bool CsvReader::next(std::vector<std::string>& fields) {
  fields.clear();
  if (pos_ >= text_.size()) return false;
  std::string field;
  while (true) {
    if (pos_ < text_.size() && text_[pos_] == '"') {
      ++pos_;
      while (true) {
        const std::size_t quote = text_.find('"', pos_);
        if (quote == std::string_view::npos) throw std::runtime_error("CSV: unterminated quoted field");
        field.append(text_.substr(pos_, quote - pos_));
        pos_ = quote + 1;
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field.push_back('"');
          ++pos_;
        } else {
          break;
        }
      }
    }
    // Unquoted text (or what follows a closing quote) up to the delimiter.
    std::size_t end = pos_;
    while (end < text_.size() && text_[end] != ',' && text_[end] != '\n' && text_[end] != '\r') ++end;
    field.append(text_.substr(pos_, end - pos_));
    pos_ = end;
    // Undo the writer's guard against formulas (output/csv.hpp).
    if (const std::string_view plain = strip_formula_guard(field); plain.size() != field.size()) {
      field.erase(0, 1);
    }
    fields.push_back(std::move(field));
    field.clear();
    if (pos_ >= text_.size()) return true;
    const char c = text_[pos_++];
    if (c == ',') continue;
    if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    return true;
  }
}

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return std::nullopt;
}

CsvTable read_csv_table(const fs::path& path) {
  const std::string text = read_text_file(path);
  CsvReader reader(text);
  CsvTable table;
  if (!reader.next(table.header)) return table;
  std::vector<std::string> fields;
  while (reader.next(fields)) {
    if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line
    if (fields.size() != table.header.size()) {
      throw std::runtime_error(path.string() + ": a row has " + std::to_string(fields.size()) + " fields, the header " +
                               std::to_string(table.header.size()));
    }
    table.rows.push_back(fields);
  }
  return table;
}

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text == "inf") return std::numeric_limits<double>::infinity();
  if (text == "-inf") return -std::numeric_limits<double>::infinity();
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

namespace {

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const std::string_view hex = text.substr(i + 1, 2);
      if (hex == "25") { out.push_back('%'); i += 2; continue; }
      if (hex == "3B") { out.push_back(';'); i += 2; continue; }
      if (hex == "3D") { out.push_back('='); i += 2; continue; }
    }
    out.push_back(text[i]);
  }
  return out;
}

class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : text_(text) {}

  JsonValue parse_document() {
    JsonValue v = parse_value(0);
    skip_space();
    if (pos_ != text_.size()) fail("text after the value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error("JSON at byte " + std::to_string(pos_) + ": " + what);
  }
  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' ||
                                   text_[pos_] == '\t')) {
      ++pos_;
    }
  }
  bool take(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!take(c)) fail(std::string("expected '") + c + "'");
  }
  bool take_word(std::string_view word) {
    if (text_.substr(pos_, word.size()) == word) {
      pos_ += word.size();
      return true;
    }
    return false;
  }

  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }

  unsigned hex4() {
    if (pos_ + 4 > text_.size()) fail("short \\u escape");
    unsigned v = 0;
    const auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + pos_ + 4, v, 16);
    if (ec != std::errc() || end != text_.data() + pos_ + 4) fail("bad \\u escape");
    pos_ += 4;
    return v;
  }

  std::string parse_string() {
    expect('"');
    std::string out;
    while (true) {
      if (pos_ >= text_.size()) fail("unterminated string");
      const char c = text_[pos_++];
      if (c == '"') return out;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= text_.size()) fail("unterminated escape");
      const char e = text_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && take_word("\\u")) {
            const unsigned low = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(out, cp);
          break;
        }
        default: fail("bad escape");
      }
    }
  }

  JsonValue parse_value(int depth) {
    if (depth > 64) fail("nested too deeply");
    skip_space();
    if (pos_ >= text_.size()) fail("unexpected end");
    JsonValue v;
    const char c = text_[pos_];
    if (c == '{') {
      ++pos_;
      v.type = JsonValue::Type::kObject;
      if (take('}')) return v;
      do {
        skip_space();
        std::string key = parse_string();
        expect(':');
        v.members.emplace_back(std::move(key), parse_value(depth + 1));
      } while (take(','));
      expect('}');
    } else if (c == '[') {
      ++pos_;
      v.type = JsonValue::Type::kArray;
      if (take(']')) return v;
      do {
        v.items.push_back(parse_value(depth + 1));
      } while (take(','));
      expect(']');
    } else if (c == '"') {
      v.type = JsonValue::Type::kString;
      v.text = parse_string();
    } else if (take_word("true")) {
      v.type = JsonValue::Type::kBool;
      v.boolean = true;
    } else if (take_word("false")) {
      v.type = JsonValue::Type::kBool;
    } else if (take_word("null")) {
      v.type = JsonValue::Type::kNull;
    } else {
      const std::size_t begin = pos_;
      while (pos_ < text_.size() && std::string_view("+-0123456789.eE").find(text_[pos_]) != std::string_view::npos) {
        ++pos_;
      }
      if (pos_ == begin) fail("unexpected character");
      v.type = JsonValue::Type::kNumber;
      v.text = std::string(text_.substr(begin, pos_ - begin));
    }
    return v;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace

std::vector<std::pair<std::string, std::string>> decode_key(std::string_view key) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t begin = 0;
  while (begin <= key.size()) {
    std::size_t end = key.find(';', begin);
    if (end == std::string_view::npos) end = key.size();
    const std::string_view part = key.substr(begin, end - begin);
    if (!part.empty()) {
      const std::size_t eq = part.find('=');
      if (eq == std::string_view::npos) {
        out.emplace_back(percent_decode(part), std::string());
      } else {
        out.emplace_back(percent_decode(part.substr(0, eq)), percent_decode(part.substr(eq + 1)));
      }
    }
    begin = end + 1;
  }
  return out;
}

const JsonValue* JsonValue::get(std::string_view key) const {
  if (type != Type::kObject) return nullptr;
  for (const auto& [k, v] : members) {
    if (k == key) return &v;
  }
  return nullptr;
}

const JsonValue* JsonValue::at(std::string_view dotted) const {
  const JsonValue* v = this;
  std::size_t begin = 0;
  while (v != nullptr && begin <= dotted.size()) {
    std::size_t end = dotted.find('.', begin);
    if (end == std::string_view::npos) end = dotted.size();
    v = v->get(dotted.substr(begin, end - begin));
    begin = end + 1;
  }
  return v;
}

std::string JsonValue::string_at(std::string_view dotted, std::string fallback) const {
  const JsonValue* v = at(dotted);
  if (v == nullptr || (v->type != Type::kString && v->type != Type::kNumber)) return fallback;
  return v->text;
}

JsonValue parse_json(std::string_view text) { return JsonParser(text).parse_document(); }

}  // namespace sendsim::output
