// sim/scenario/error.cpp: formatting of marks and input errors.
#include "scenario/error.hpp"

namespace sendsim::scenario {

std::string to_string(const Mark& mark) {
  std::string out = mark.file.str();
  if (!mark.known()) return out;
  out.append(":").append(std::to_string(mark.line)).append(":").append(std::to_string(mark.column));
  return out;
}

std::string shown(std::string_view value) {
  if (value.size() <= kShownBytes) return std::string(value);
  std::size_t cut = kShownBytes;
  // Back to the start of a UTF-8 character (continuation bytes are 10xxxxxx).
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "... (" + std::to_string(value.size()) + " bytes)";
}

std::string name_list(const std::vector<std::string>& names, std::size_t most) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < most; ++i) out += (i ? ", " : "") + shown(names[i]);
  if (names.size() > most) out += ", and " + std::to_string(names.size() - most) + " more";
  return out;
}

namespace {

/// File names and YAML paths are cut only when very long (a path of long keys).
std::string shown_long(const std::string& text) {
  return text.size() > 500 ? text.substr(0, 500) + "..." : text;
}

/// A message longer than this is cut (a safety net: values in messages are
/// cut where they are quoted, see shown()).
constexpr std::size_t kLongestMessage = 2000;

std::string format(const Mark& mark, const std::string& path, const std::string& message) {
  std::string out = shown_long(to_string(mark));
  if (!out.empty()) out.append(": ");
  if (!path.empty()) out.append(shown_long(path)).append(": ");
  out.append(message.size() > kLongestMessage ? message.substr(0, kLongestMessage) + "..." : message);
  return out;
}

}  // namespace

InputError::InputError(Mark mark, std::string path, std::string message)
    : std::runtime_error(format(mark, path, message)),
      mark_(std::move(mark)),
      path_(std::move(path)),
      message_(std::move(message)) {}

InputError::InputError(std::string message)
    : std::runtime_error(message.size() > kLongestMessage ? message.substr(0, kLongestMessage) + "..."
                                                          : message),
      message_(std::move(message)) {}

}  // namespace sendsim::scenario
