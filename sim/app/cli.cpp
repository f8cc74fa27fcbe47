// sim/app/cli.cpp: helpers shared by the commands.
#include <algorithm>
#include <cstdio>
#include <limits>

#include "app/cli.hpp"
#include "scenario/parameters.hpp"

namespace sendsim::app {

bool ArgWalker::next() {
  if (next_ >= args_.size()) return false;
  arg_ = args_[next_++];
  inline_value_.reset();
  if (arg_.starts_with("--")) {
    if (const auto eq = arg_.find('='); eq != std::string_view::npos) {
      inline_value_ = arg_.substr(eq + 1);
      arg_ = arg_.substr(0, eq);
    }
  }
  return true;
}

std::string_view ArgWalker::value() {
  if (inline_value_) return *inline_value_;
  if (next_ >= args_.size()) throw UsageError(std::string(arg_) + ": missing value");
  const std::string_view next = args_[next_];
  // "--out --quiet": the user left the value out; never take an option as
  // one (--out=--quiet names such a folder).
  if (next.starts_with("--")) {
    throw UsageError(std::string(arg_) + ": missing value (" + std::string(next) + " is an option; write " +
                     std::string(arg_) + "=" + std::string(next) + " if you mean it as the value)");
  }
  ++next_;
  return next;
}

void ArgWalker::no_value() const {
  if (inline_value_) throw UsageError(std::string(arg_) + " takes no value");
}

int parse_declared(std::string_view flag, std::string_view text, std::string_view parameter_path) {
  const scenario::Parameter& p = scenario::parameter(parameter_path);
  return parse_whole<int>(flag, text, static_cast<int>(p.lower), static_cast<int>(p.upper));
}

bool wants_help(const std::vector<std::string_view>& args) {
  return std::any_of(args.begin(), args.end(), [](std::string_view a) { return a == "--help" || a == "-h"; });
}

bool take_run_flag(ArgWalker& w, RunFlags& flags) {
  const std::string_view arg = w.arg();
  if (arg == "--out") {
    const std::string_view v = w.value();
    if (v.empty()) throw UsageError("--out: expected a folder, got \"\"");
    flags.out = fs::path(v);
  } else if (arg == "--replications") {
    flags.replications = parse_declared("--replications", w.value(), "scenario.replications");
  } else if (arg == "--threads") {
    flags.threads = parse_declared("--threads", w.value(), "scenario.threads");
  } else if (arg == "--seed") {
    flags.seed = parse_whole<std::uint64_t>("--seed", w.value(), 0, std::numeric_limits<std::uint64_t>::max());
  } else if (arg == "--quiet") {
    w.no_value();
    flags.quiet = true;
  } else if (arg == "--no-report") {
    w.no_value();
    flags.no_report = true;
  } else {
    return false;
  }
  return true;
}

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
