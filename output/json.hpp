// output/json.hpp: the JSON files' common forms (nlohmann-json): a number as
// they hold it and a document's text.
#pragma once

#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace sendsim::output {

using Json = nlohmann::ordered_json;

/// A number as the JSON files hold it: null when not finite; a whole number
/// without ".0", others as their shortest text, so the digits are those of
/// the CSV files (format_number).
inline Json json_number(double v) {
  if (!std::isfinite(v)) return nullptr;
  if (v == std::trunc(v) && std::fabs(v) < 9.0e15) return static_cast<std::int64_t>(v);
  return v;
}

/// A document as the files hold it: two-space indent, invalid UTF-8
/// replaced, a final newline.
inline std::string json_text(const Json& j) {
  return j.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace sendsim::output
