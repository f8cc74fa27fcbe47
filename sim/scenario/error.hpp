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

#include <stdexcept>
#include <string>

namespace sendsim::scenario {

/// A place in a YAML file. Line and column count from 1, as an editor shows;
/// line 0 means "no place known".
struct Mark {
  std::string file;
  int line = 0;
  int column = 0;

  [[nodiscard]] bool known() const noexcept { return line > 0; }
  friend bool operator==(const Mark&, const Mark&) = default;
};

/// "FILE:LINE:COL" (or just FILE when the line is not known).
[[nodiscard]] std::string to_string(const Mark& mark);

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
