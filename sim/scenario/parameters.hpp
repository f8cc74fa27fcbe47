// sim/scenario/parameters.hpp: every input parameter declared once: its YAML
// path, type, unit, bounds, default (or that it is required), description and
// source. The reader takes types, bounds and defaults from here, the unknown-
// key check takes the allowed keys from here, and models/PARAMETERS.md is
// generated from here, so code, checks and documentation cannot drift apart.
//
// Paths: "section.key" for model sections ("assessment.refusal_share"),
// "model.*" and "scenario.*" for the two headers, and "LIST[].key" for the
// fields of list items ("settings[].places", "uncertainty[].parameter").
// Defaults are YAML text, read by the same code as user input. For a
// compound value (by age band, by need, ...) the default is one number that
// applies to every entry, and a user's map may then leave entries out; without
// a default every entry must be given (except need and type weights, where a
// missing entry is 0).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sendsim::scenario {

enum class Kind {
  kText,          // a string (names, descriptions)
  kPath,          // a file path, relative to the file it is written in
  kNumber,        // a real number within [lower, upper]
  kInteger,       // a whole number within [lower, upper]
  kSeed,          // a whole number from 0 to 2^64 - 1
  kBool,          // true or false
  kDate,          // YYYY-MM-DD, a real date
  kChoice,        // one of `codes`
  kNeeds,         // a list of need codes, each at most once
  kPlaces,        // a whole number, or a list of {from: DATE, places: N}
  kByAgeBand,     // map: age band code -> number
  kByNeed,        // map: need code -> number
  kByType,        // map: setting type code -> number
  kByPhase,       // map: phase code -> number
  kNeedMix,       // map: age band -> need -> weight
  kTypeMix,       // map: need -> setting type -> weight
  kTriangular,    // {min, mode, max}, min <= mode <= max
  kAgeProfile,    // a list of 26 numbers, ages 0 to 25
  kAgeBand,       // one age band code (stored as its index; unset: every age)
  kShares,        // a list of numbers within [lower, upper], not decreasing
  kSetting,       // capital project: a setting's name, or (action open) a whole setting
  kDistribution,  // uncertainty: a map of a distribution's numbers ({mean, sd}, ...), or factor:
                  // {DISTRIBUTION: {...}}
};

enum class Presence {
  kRequired,  // must be given
  kDefault,   // may be left out; then `default_yaml` applies
  kOptional,  // may be left out; then it is unset (the description says what that means)
};

struct Parameter {
  std::string_view path;
  Kind kind;
  std::string_view unit;
  double lower;  // inclusive bounds on each number in the value
  double upper;
  Presence presence;
  std::string_view default_yaml;  // kDefault only
  std::string_view description;
  std::string_view source;
  std::span<const std::string_view> codes = {};  // kChoice only
};

/// All declared parameters, in documentation order.
[[nodiscard]] std::span<const Parameter> parameters() noexcept;

/// The declaration at `path`; throws std::logic_error when none (a bug).
[[nodiscard]] const Parameter& parameter(std::string_view path);

/// The keys declared directly under `prefix` ("assessment", "settings[]"),
/// sorted; for "" the top-level keys. Empty when nothing is declared there.
[[nodiscard]] std::vector<std::string> keys_under(std::string_view prefix);

/// The full text of models/PARAMETERS.md: a table per section and notes on the
/// compound sections. Regenerate the file with
///   build/release/sim/sendsim_parameters > models/PARAMETERS.md
[[nodiscard]] std::string parameters_markdown();

/// "a number between 0 and 1", "a non-negative integer", ...: what a value of
/// this declaration must be, for error messages and the documentation.
[[nodiscard]] std::string expected_value(const Parameter& p);

/// Shortest text that reads back as the same double ("0.228", "20000", "1e-06").
[[nodiscard]] std::string format_number(double value);

}  // namespace sendsim::scenario
