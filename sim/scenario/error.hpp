// sim/scenario/error.hpp: where a value came from (Mark) and the one error
// type the loader throws (InputError).
//
// An InputError's what() is exactly "FILE:LINE:COL: YAML.PATH: MESSAGE", with
// lower-case messages, e.g.
//   tests/scenarios/bad/x.yaml:14:7: settings[2].places: expected a non-negative integer, got "twelve"
// Edge cases: with no YAML path (a syntax error, an empty file) the path part
// is left out ("FILE:LINE:COL: MESSAGE"); with no place at all (the file given
// on the command line cannot be opened) only the message remains.
#pragma once

#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sendsim::scenario {

/// A file's name as marks hold it: shared, so that the many marks of one
/// file (one per node and key) hold one copy of the name, not one each.
class FileName {
 public:
  FileName() : name_(empty()) {}
  FileName(std::string name)
      : name_(std::make_shared<const std::string>(std::move(name))) {}  // NOLINT: implicit
  FileName(const char* name) : FileName(std::string(name)) {}           // NOLINT: implicit
  operator const std::string&() const noexcept { return *name_; }       // NOLINT: implicit
  [[nodiscard]] const std::string& str() const noexcept { return *name_; }
  friend bool operator==(const FileName& a, const FileName& b) { return *a.name_ == *b.name_; }
  friend bool operator==(const FileName& a, std::string_view b) { return *a.name_ == b; }
  friend bool operator==(const FileName& a, const char* b) { return *a.name_ == b; }
  friend std::ostream& operator<<(std::ostream& os, const FileName& f) { return os << *f.name_; }

 private:
  static const std::shared_ptr<const std::string>& empty() {
    static const auto none = std::make_shared<const std::string>();
    return none;
  }
  std::shared_ptr<const std::string> name_;
};

/// A place in a YAML file. Line and column count from 1, as an editor shows;
/// line 0 means "no place known".
struct Mark {
  FileName file;
  int line = 0;
  int column = 0;

  [[nodiscard]] bool known() const noexcept { return line > 0; }
  friend bool operator==(const Mark&, const Mark&) = default;
};

/// "FILE:LINE:COL" (or just FILE when the line is not known).
[[nodiscard]] std::string to_string(const Mark& mark);

/// How many bytes of a value a message quotes.
inline constexpr std::size_t kShownBytes = 60;

/// A value as a message quotes it: as it is up to kShownBytes, else its
/// first kShownBytes (never splitting a UTF-8 character) and "... (N bytes)",
/// so a message stays readable whatever was written.
[[nodiscard]] std::string shown(std::string_view value);

/// "a, b, c" for at most `most` names, then ", and N more".
[[nodiscard]] std::string name_list(const std::vector<std::string>& names, std::size_t most = 20);

/// Bad input: the message names the file, line, column and YAML path.
class InputError : public std::runtime_error {
 public:
  InputError(Mark mark, std::string path, std::string message);
  /// An error with no place (a file that cannot be opened).
  explicit InputError(std::string message);

  [[nodiscard]] const Mark& mark() const noexcept { return mark_; }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] const std::string& message() const noexcept { return message_; }

 private:
  Mark mark_;
  std::string path_;
  std::string message_;
};

}  // namespace sendsim::scenario
