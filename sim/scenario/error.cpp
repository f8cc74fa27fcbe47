// sim/scenario/error.cpp: formatting of marks and input errors.
#include "scenario/error.hpp"

namespace sendsim::scenario {

std::string to_string(const Mark& mark) {
  std::string out = mark.file;
  if (!mark.known()) return out;
  out.append(":").append(std::to_string(mark.line)).append(":").append(std::to_string(mark.column));
  return out;
}

namespace {

std::string format(const Mark& mark, const std::string& path, const std::string& message) {
  std::string out = to_string(mark);
  if (!out.empty()) out.append(": ");
  if (!path.empty()) out.append(path).append(": ");
  out.append(message);
  return out;
}

}  // namespace

InputError::InputError(Mark mark, std::string path, std::string message)
    : std::runtime_error(format(mark, path, message)),
      mark_(std::move(mark)),
      path_(std::move(path)),
      message_(std::move(message)) {}

InputError::InputError(std::string message) : std::runtime_error(message), message_(std::move(message)) {}

}  // namespace sendsim::scenario
