// sim/app/cli.cpp: helpers shared by the commands.
#include <cstdio>

#include "app/cli.hpp"

namespace sendsim::app {

/// A scenario name as a folder name: letters, digits, '.', '-' and '_' kept,
/// anything else '_' (so a name can never climb out of results/).
std::string folder_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_' || c == '.';
    out += keep ? c : '_';
  }
  if (out.empty() || out.find_first_not_of('.') == std::string::npos) out = "scenario";
  return out;
}

/// "12,345" style is avoided: numbers stay machine-readable; one decimal.
std::string fixed1(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

}  // namespace sendsim::app
