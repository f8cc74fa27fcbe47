// sim/app/cli.cpp: the table of commands, `Command` on CLI11, and helpers
// shared by the commands.
#include "app/cli.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <limits>

#include "scenario/parameters.hpp"

namespace sendsim::app {

namespace {

constexpr CommandInfo kCommands[] = {
    {"run", "SCENARIO [options]", "run a scenario's replications and write a results folder"},
    {"compare", "A.yaml B.yaml [C.yaml ...] [options]",
     "run scenarios under common random numbers and write the paired differences against the first"},
    {"batch", "SWEEP [options]",
     "run a sweep (scenarios x key-path values x replications) on threads, or across processes with "
     "mpirun -n N sendsim batch SWEEP"},
    {"sensitivity", "SCENARIO --vary PATH=LOW:HIGH [...] [options]",
     "one-way effects under common random numbers: a tornado chart and table"},
    {"appraise", "OPTIONS [options]",
     "capital options against a baseline: net present cost, the least-cost portfolio meeting a target"},
    {"report", "DIR [--quiet]",
     "draw the charts and the HTML report again from a results or comparison folder"},
    {"data check", "--la CODE [--data DIR]", "pre-flight of the published files for one LA"},
    {"calibrate", "--la CODE [options]", "a model of any LA from the DfE's published files"},
    {"backtest", "--la CODE[,CODE...]|all [options]",
     "rolling origin: calibrate at each origin, forecast, score against later published years and naive "
     "forecasts"},
    {"validate", "FILE...", "check model, scenario and sweep files (a sweep: every cell); run nothing"},
    {"parameters", "", "print the parameter reference (Markdown)"},
    {"demo", "", "the engine demonstration: an M/M/3 queue against Erlang C"},
};

/// `text` wrapped at `width` columns, every line after the first indented
/// by `indent` spaces (the first goes where the caller is).
std::string wrapped(std::string_view text, std::size_t indent, std::size_t width) {
  std::string out;
  std::size_t column = indent;
  std::size_t at = 0;
  bool first_word = true;
  while (at < text.size()) {
    if (text[at] == '\n') {
      out += "\n" + std::string(indent, ' ');
      column = indent;
      first_word = true;
      ++at;
      continue;
    }
    std::size_t end = text.find_first_of(" \n", at);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(at, end - at);
    if (!first_word && column + 1 + word.size() > width) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
      first_word = true;
    }
    if (!first_word) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    first_word = false;
    at = end < text.size() && text[end] == ' ' ? end + 1 : end;
  }
  return out;
}

/// "  NAME" padded to the description's column, then the description.
std::string help_line(const std::string& name, std::string_view description) {
  constexpr std::size_t kColumn = 27;
  constexpr std::size_t kWidth = 100;
  std::string line = "  " + name;
  if (line.size() + 1 > kColumn) {
    line += "\n" + std::string(kColumn, ' ');
  } else {
    line += std::string(kColumn - line.size(), ' ');
  }
  return line + wrapped(description, kColumn, kWidth) + "\n";
}

}  // namespace

std::span<const CommandInfo> commands() { return kCommands; }

const CommandInfo* find_command(std::string_view name) {
  for (const CommandInfo& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::string main_help() {
  std::string out = "usage: sendsim COMMAND [ARGS]\n\ncommands:\n";
  for (const CommandInfo& c : kCommands) {
    out += help_line(std::string(c.name) + (c.args.empty() ? "" : " ") + std::string(c.args), c.summary);
  }
  out += help_line("--version", "print the version");
  out += help_line("--help", "print this help");
  out +=
      "\n"
      "sendsim COMMAND --help prints the command's options.\n"
      "\n"
      "exit codes: 0 done, 1 failure, 2 bad input (nothing written),\n"
      "            130 or 143 interrupted by SIGINT or SIGTERM (complete files or none)\n";
  return out;
}

struct Command::Impl {
  struct Spec {
    std::string flag;
    std::string value_name;  // "" for a flag
    std::string help;
  };
  CLI::App app;
  const CommandInfo* info = nullptr;
  std::string about;
  std::vector<Spec> specs;  // in the order declared: the help and the pre-pass
  std::vector<std::string>* positionals = nullptr;
  std::string positional_name;
  std::size_t most = 0;
  std::string what;

  [[nodiscard]] const Spec* find(std::string_view flag) const {
    for (const Spec& s : specs) {
      if (s.flag == flag) return &s;
    }
    return nullptr;
  }
  [[nodiscard]] std::string name() const { return std::string(info->name); }
};

Command::Command(std::string_view name, std::string about) : impl_(std::make_unique<Impl>()) {
  impl_->info = find_command(name);
  if (impl_->info == nullptr)
    throw std::logic_error("sendsim: no command \"" + std::string(name) + "\" in kCommands");
  impl_->about = std::move(about);
  impl_->app.name(std::string(name));
  impl_->app.set_help_flag();  // --help and -h are answered before CLI11 (parse)
  impl_->app.allow_extras();   // unknown options and arguments: our messages (parse)
}

Command::~Command() = default;

void Command::custom(const std::string& flag, const std::string& value_name,
                     std::function<void(const std::string&)> take, const std::string& help) {
  impl_->specs.push_back({flag, value_name, help});
  impl_->app.add_option_function<std::string>(flag, std::move(take), help)->take_last();
}

void Command::text(const std::string& flag, const std::string& value_name, std::optional<std::string>& into,
                   const std::string& help) {
  custom(
      flag, value_name, [&into](const std::string& v) { into = v; }, help);
}

void Command::each(const std::string& flag, const std::string& value_name, std::vector<std::string>& into,
                   const std::string& help) {
  impl_->specs.push_back({flag, value_name, help});
  impl_->app.add_option(flag, into, help)->expected(1)->allow_extra_args(false)->take_all();
}

void Command::flag(const std::string& flag, bool& into, const std::string& help) {
  impl_->specs.push_back({flag, "", help});
  impl_->app.add_flag(flag, into, help);
}

void Command::positionals(const std::string& value_name, std::vector<std::string>& into, std::size_t most,
                          const std::string& what) {
  impl_->positionals = &into;
  impl_->positional_name = value_name;
  impl_->most = most;
  impl_->what = what;
  impl_->app.add_option("arguments", into, value_name);
}

std::string Command::usage() const {
  const CommandInfo& c = *impl_->info;
  return "usage: sendsim " + std::string(c.name) + (c.args.empty() ? "" : " ") + std::string(c.args);
}

UsageError Command::missing(const std::string& what) const {
  return UsageError(impl_->name() + ": no " + what + " given (" + usage() + ")");
}

std::string Command::help() const {
  std::string out = usage() + "\n" + wrapped(impl_->info->summary, 0, 100) + "\n";
  if (!impl_->about.empty()) out += "\n" + impl_->about + (impl_->about.ends_with('\n') ? "" : "\n");
  out += "\noptions:\n";
  for (const Impl::Spec& s : impl_->specs) {
    out += help_line(s.flag + (s.value_name.empty() ? "" : " " + s.value_name), s.help);
  }
  out += help_line("-h, --help", "print this help");
  return out;
}

bool Command::parse(const std::vector<std::string_view>& args) {
  if (std::any_of(args.begin(), args.end(), [](std::string_view a) { return a == "--help" || a == "-h"; })) {
    std::fputs(help().c_str(), stdout);
    return false;
  }
  const std::string name = impl_->name();
  // Our two rules before CLI11 sees the arguments: a value never starts
  // with "--" and a flag takes none; every value then goes to CLI11 after
  // '=', so it never guesses whether a word is a value or an option.
  std::vector<std::string> normal;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i];
    if (arg == "--") throw UsageError(name + ": unknown option \"--\" (see sendsim " + name + " --help)");
    if (!arg.starts_with("--")) {
      normal.emplace_back(arg);
      continue;
    }
    const std::size_t eq = arg.find('=');
    const std::string flag(arg.substr(0, eq));
    const Impl::Spec* spec = impl_->find(flag);
    if (spec == nullptr) {
      normal.emplace_back(arg);  // CLI11 leaves it unparsed: reported below
    } else if (spec->value_name.empty()) {
      if (eq != std::string_view::npos) throw UsageError(flag + " takes no value");
      normal.emplace_back(arg);
    } else if (eq != std::string_view::npos) {
      normal.emplace_back(arg);
    } else if (i + 1 >= args.size()) {
      throw UsageError(flag + ": missing value");
    } else if (args[i + 1].starts_with("--")) {
      const std::string next(args[i + 1]);
      throw UsageError(flag + ": missing value (" + next + " is an option; write " + flag + "=" + next +
                       " if you mean it as the value)");
    } else {
      normal.push_back(flag + "=" + std::string(args[++i]));
    }
  }
  std::reverse(normal.begin(), normal.end());  // CLI11 takes them last first
  try {
    impl_->app.parse(normal);
  } catch (const CLI::ParseError& e) {
    throw UsageError(name + ": " + e.what());
  }
  for (const std::string& extra : impl_->app.remaining()) {
    if (extra.starts_with("-") && extra != "-") {
      throw UsageError(name + ": unknown option \"" + extra.substr(0, extra.find('=')) + "\" (see sendsim " +
                       name + " --help)");
    }
    if (impl_->specs.empty()) throw UsageError(name + ": takes no arguments");
    throw UsageError(name + ": unexpected argument \"" + extra + "\" (see sendsim " + name + " --help)");
  }
  if (impl_->positionals != nullptr && impl_->positionals->size() > impl_->most) {
    const auto& p = *impl_->positionals;
    throw UsageError(name + ": one " + impl_->what + " at a time; got \"" + p[0] + "\" and \"" + p[1] + "\"");
  }
  return true;
}

int parse_declared(std::string_view flag, std::string_view text, std::string_view parameter_path) {
  const scenario::Parameter& p = scenario::parameter(parameter_path);
  return parse_whole<int>(flag, text, static_cast<int>(p.lower), static_cast<int>(p.upper));
}

void add_run_flags(Command& c, RunFlags& flags, const RunFlagsHelp& help) {
  c.custom(
      "--out", "DIR",
      [&flags](const std::string& v) {
        if (v.empty()) throw UsageError("--out: expected a folder, got \"\"");
        flags.out = fs::path(v);
      },
      help.out);
  c.custom(
      "--replications", "N",
      [&flags](const std::string& v) {
        flags.replications = parse_declared("--replications", v, "scenario.replications");
      },
      help.replications);
  c.custom(
      "--threads", "N",
      [&flags](const std::string& v) { flags.threads = parse_declared("--threads", v, "scenario.threads"); },
      help.threads);
  c.whole<std::uint64_t>("--seed", flags.seed, 0, std::numeric_limits<std::uint64_t>::max(), help.seed);
  c.flag("--quiet", flags.quiet, help.quiet);
  if (!help.no_report.empty()) c.flag("--no-report", flags.no_report, help.no_report);
}

/// A scenario name as a folder name: letters, digits, '.', '-' and '_' kept,
/// anything else '_' (so a name can never climb out of results/).
std::string folder_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
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
