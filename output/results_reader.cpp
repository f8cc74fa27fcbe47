// output/results_reader.cpp: CSV, key and JSON reading for a results folder
// (JSON by nlohmann-json).
#include "output/results_reader.hpp"

#include <charconv>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
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
      throw std::runtime_error(path.string() + ": a row has " + std::to_string(fields.size()) +
                               " fields, the header " + std::to_string(table.header.size()));
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
      if (hex == "25") {
        out.push_back('%');
        i += 2;
        continue;
      }
      if (hex == "3B") {
        out.push_back(';');
        i += 2;
        continue;
      }
      if (hex == "3D") {
        out.push_back('=');
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

using Json = nlohmann::ordered_json;

/// nlohmann's value as our JsonValue; numbers as their shortest text
/// (integers exactly). Nesting deeper than 64 is refused, as it never
/// occurs in a file sendsim writes.
JsonValue from_json_value(const Json& j, int depth) {
  if (depth > 64) throw std::runtime_error("JSON: nested too deeply");
  JsonValue v;
  switch (j.type()) {
    case Json::value_t::boolean:
      v.type = JsonValue::Type::kBool;
      v.boolean = j.get<bool>();
      break;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      v.type = JsonValue::Type::kNumber;
      v.text = j.dump();
      break;
    case Json::value_t::string:
      v.type = JsonValue::Type::kString;
      v.text = j.get<std::string>();
      break;
    case Json::value_t::array:
      v.type = JsonValue::Type::kArray;
      for (const Json& item : j) v.items.push_back(from_json_value(item, depth + 1));
      break;
    case Json::value_t::object:
      v.type = JsonValue::Type::kObject;
      for (const auto& [key, item] : j.items()) v.members.emplace_back(key, from_json_value(item, depth + 1));
      break;
    default:
      break;  // null (binary and discarded do not come from parse)
  }
  return v;
}

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

JsonValue parse_json(std::string_view text) {
  try {
    return from_json_value(Json::parse(text), 0);
  } catch (const Json::parse_error& e) {
    throw std::runtime_error("JSON at byte " + std::to_string(e.byte) + ": " + e.what());
  }
}

}  // namespace sendsim::output
