// sim/scenario/distributions.cpp: reading an uncertainty entry's distribution
// (read_distribution, values.hpp): the parameter's path, exactly one
// distribution or a factor holding one, its numbers and its jump.
#include <algorithm>
#include <cmath>
#include <limits>

#include "scenario/fields.hpp"
#include "scenario/values.hpp"
#include "send/uncertainty.hpp"

namespace sendsim::scenario {

namespace {

constexpr std::string_view kUncertainParameters =
    "expected the path of a number parameter of a model section, or of one entry of it "
    "(placement.preference.inmss; models/PARAMETERS.md lists them under uncertainty)";

/// Why a declared parameter cannot be uncertain, e.g. "an integer".
std::string why_not_uncertain(const Parameter& p) {
  if (p.path.starts_with("model.") || p.path.starts_with("scenario.")) return "a header key";
  if (p.path.find("[]") != std::string_view::npos) return "a field of list items";
  switch (p.kind) {
    case Kind::kInteger:
      return "an integer";
    case Kind::kTriangular:
      return "a triangular value";
    case Kind::kNeedMix:
    case Kind::kTypeMix:
      return "a mix";
    case Kind::kAgeProfile:
      return "the age profile";
    default:
      return "not a number";
  }
}

/// What a compound value is by, for messages: "age band", "need", ...
std::string compound_noun(const Parameter& p) {
  switch (p.kind) {
    case Kind::kByAgeBand:
      return "age band";
    case Kind::kByNeed:
      return "need";
    case Kind::kByType:
      return "setting type";
    case Kind::kByPhase:
      return "phase";
    default:
      return "entry";
  }
}

/// The one entry of `map` whose key is in `keys`; an error when none or two.
const Entry& exactly_one(const Node& map, const std::string& path,
                         std::initializer_list<std::string_view> keys, const std::string& what) {
  const Entry* found = nullptr;
  for (const Entry& e : map.entries) {
    if (std::find(keys.begin(), keys.end(), e.key) == keys.end()) continue;
    if (found != nullptr) {
      throw InputError(e.key_mark, path,
                       "expected exactly one of " + what + ", found both " + found->key + " and " + e.key);
    }
    found = &e;
  }
  if (found == nullptr) throw InputError(map.mark, path, "expected exactly one of " + what + ", found none");
  return *found;
}

/// Reads one distribution's map {mean, sd}, ... into `out`.
class DistributionReader {
 public:
  DistributionReader(const Parameter& decl, const send::UncertainTarget& target, bool factor,
                     Locations& where)
      : decl_(decl), target_(target), factor_(factor), where_(where) {}

  void read(const Node& n, const std::string& path, send::Distribution d, send::UncertainParameter& out) {
    static const std::vector<std::string> kNormal = {"mean", "sd"};
    static const std::vector<std::string> kLognormal = {"median", "sd_log"};
    static const std::vector<std::string> kNormalAll = {"jump_probability", "jump_sd", "mean", "sd"};
    static const std::vector<std::string> kLognormalAll = {"jump_probability", "jump_sd_log", "median",
                                                           "sd_log"};
    static const std::vector<std::string> kUniform = {"max", "min"};
    static const std::vector<std::string> kTriangular = {"max", "min", "mode"};
    out.distribution = d;
    out.factor = factor_;
    out.c = 0;
    out.jump_probability = 0;
    out.jump_sd = 0;
    switch (d) {
      case send::Distribution::kNormal:
        keys(n, path, kNormalAll, "{mean, sd}", kNormal);
        out.a = centre(n, path, "mean");
        out.b = non_negative(n, path, "sd");
        jump(n, path, "jump_sd", out);
        return;
      case send::Distribution::kLognormal:
        keys(n, path, kLognormalAll, "{median, sd_log}", kLognormal);
        out.a = positive(n, path, "median");
        out.b = non_negative(n, path, "sd_log");
        jump(n, path, "jump_sd_log", out);
        return;
      case send::Distribution::kUniform:
        keys(n, path, kUniform, "{min, max}");
        out.a = centre(n, path, "min");
        out.b = centre(n, path, "max");
        if (!(out.a <= out.b)) {
          throw InputError(
              n.mark, path,
              "expected min <= max, got min " + format_number(out.a) + ", max " + format_number(out.b));
        }
        return;
      case send::Distribution::kTriangular:
        keys(n, path, kTriangular, "{min, mode, max}");
        out.a = centre(n, path, "min");
        out.b = centre(n, path, "mode");
        out.c = centre(n, path, "max");
        if (!(out.a <= out.b && out.b <= out.c)) {
          throw InputError(n.mark, path,
                           "expected min <= mode <= max, got min " + format_number(out.a) + ", mode " +
                               format_number(out.b) + ", max " + format_number(out.c));
        }
        return;
    }
  }

 private:
  /// A heavy tail, both numbers or neither: jump_probability and `sd_key`.
  void jump(const Node& n, const std::string& path, const std::string& sd_key,
            send::UncertainParameter& out) {
    if (n.find("jump_probability") == nullptr && n.find(sd_key) == nullptr) return;
    for (const std::string& key : {std::string("jump_probability"), sd_key}) {
      if (n.find(key) == nullptr)
        throw InputError(
            n.mark, path,
            "missing key \"" + key + "\" (a jump needs both jump_probability and " + sd_key + ")");
    }
    out.jump_probability = number(n, path, "jump_probability", 0, 1, "");
    out.jump_sd = non_negative(n, path, sd_key);
  }

  /// Checks that `n` is a map of `allowed` keys holding every `required` one
  /// (all of `allowed` when `required` is empty).
  void keys(const Node& n, const std::string& path, const std::vector<std::string>& allowed,
            const char* shape, const std::vector<std::string>& required = {}) {
    if (!n.is_map())
      throw InputError(n.mark, path, "expected a map " + std::string(shape) + ", got " + describe(n));
    where_.add(path, n.mark);
    for (const Entry& e : n.entries) {
      if (std::find(allowed.begin(), allowed.end(), e.key) == allowed.end()) {
        throw InputError(e.key_mark, path, unknown_message("key", e.key, allowed));
      }
    }
    for (const std::string& key : required.empty() ? allowed : required) {
      if (n.find(key) == nullptr) throw InputError(n.mark, path, "missing required key \"" + key + "\"");
    }
  }

  /// The number at `key`, within [lower, upper]; `bounds_of` names whose bounds they are.
  double number(const Node& map, const std::string& path, std::string_view key, double lower, double upper,
                const std::string& bounds_of) {
    const Node& n = map.find(key)->value;
    const std::string at = join_path(path, key);
    double value = 0;
    if (n.is_scalar() && parses_as_number(n.text, value) && value >= lower && value <= upper) {
      where_.add(at, n.mark);
      return value;
    }
    Parameter shown = decl_;
    shown.kind = Kind::kNumber;
    shown.lower = lower;
    shown.upper = upper;
    const std::string bounds = bounds_of.empty() ? "" : " (the bounds of " + bounds_of + ")";
    throw InputError(n.mark, at, "expected " + expected_value(shown) + bounds + ", got " + describe(n));
  }

  double non_negative(const Node& map, const std::string& path, std::string_view key) {
    return number(map, path, key, 0, kInfinity, "");
  }

  /// A number a replacing distribution centres on (within the parameter's
  /// bounds), or a factor's (non-negative).
  double centre(const Node& map, const std::string& path, std::string_view key) {
    if (factor_) return non_negative(map, path, key);
    return number(map, path, key, target_.lower, target_.upper, std::string(target_.path));
  }

  double positive(const Node& map, const std::string& path, std::string_view key) {
    const Node& n = map.find(key)->value;
    double value = 0;
    if (n.is_scalar() && parses_as_number(n.text, value) && !(value > 0)) {
      throw InputError(n.mark, join_path(path, key), "expected a positive number, got " + describe(n));
    }
    return centre(map, path, key);
  }

  static constexpr double kInfinity = std::numeric_limits<double>::infinity();
  const Parameter& decl_;
  const send::UncertainTarget& target_;
  bool factor_;
  Locations& where_;
};

}  // namespace

void read_distribution(const Node& item, const std::string& path, Locations& where,
                       send::UncertainParameter& out) {
  const std::string parameter_path = join_path(path, "parameter");
  const Mark& parameter_mark = where.at(parameter_path);
  // A declared path, or one entry of a value by age band, need, type or
  // phase by its code (placement.preference.inmss).
  const send::UncertainSlot slot = send::find_uncertain_slot(out.parameter);
  const std::string declared_path = slot.target != nullptr ? std::string(slot.target->path) : out.parameter;
  const Parameter* declared = nullptr;
  for (const Parameter& p : parameters()) {
    if (p.path == declared_path) declared = &p;
  }
  if (slot.target == nullptr) {
    // "placement.preference.inms": a compound target without that entry.
    const std::size_t dot = out.parameter.rfind('.');
    const send::UncertainTarget* whole =
        dot == std::string::npos ? nullptr : send::find_uncertain_target(out.parameter.substr(0, dot));
    if (whole != nullptr && !whole->codes.empty()) {
      std::string codes;
      for (std::string_view c : whole->codes) codes += (codes.empty() ? "" : ", ") + std::string(c);
      throw InputError(parameter_mark, parameter_path,
                       std::string(whole->path) + " has no entry \"" + shown(out.parameter.substr(dot + 1)) +
                           "\"; expected one of: " + codes);
    }
  }
  if (declared == nullptr) {
    throw InputError(
        parameter_mark, parameter_path,
        "unknown parameter \"" + shown(out.parameter) + "\"; " + std::string(kUncertainParameters));
  }
  const send::UncertainTarget* target = slot.target;
  if (target == nullptr) {
    throw InputError(parameter_mark, parameter_path,
                     "parameter \"" + shown(out.parameter) + "\" cannot be uncertain (" +
                         why_not_uncertain(*declared) + "); " + std::string(kUncertainParameters));
  }
  const Entry& chosen = exactly_one(item, path, {"normal", "lognormal", "uniform", "triangular", "factor"},
                                    "normal, lognormal, uniform, triangular or factor");
  const std::string at = join_path(path, chosen.key);
  const Parameter& decl = parameter(join_path("uncertainty[]", chosen.key));
  if (chosen.key != "factor") {
    if (slot.size > 1) {
      throw InputError(chosen.key_mark, at,
                       out.parameter + " is a value by " + compound_noun(*declared) +
                           ", so a distribution can only multiply it (put it under factor)");
    }
    const auto d = send::parse_code<send::Distribution>(send::kDistributionCodes, chosen.key);
    DistributionReader(decl, *target, false, where).read(chosen.value, at, *d, out);
    where.add(at, chosen.value.mark);
    return;
  }
  const Node& factor = chosen.value;
  if (!factor.is_map()) {
    throw InputError(factor.mark, at,
                     "expected a map with one distribution (normal, lognormal, uniform or triangular), got " +
                         describe(factor));
  }
  static const std::vector<std::string> kDistributions = {"lognormal", "normal", "triangular", "uniform"};
  for (const Entry& e : factor.entries) {
    if (std::find(kDistributions.begin(), kDistributions.end(), e.key) == kDistributions.end()) {
      throw InputError(e.key_mark, at, unknown_message("key", e.key, kDistributions));
    }
  }
  const Entry& inner = exactly_one(factor, at, {"normal", "lognormal", "uniform", "triangular"},
                                   "normal, lognormal, uniform or triangular");
  const auto d = send::parse_code<send::Distribution>(send::kDistributionCodes, inner.key);
  DistributionReader(decl, *target, true, where).read(inner.value, join_path(at, inner.key), *d, out);
  where.add(at, factor.mark);
}

}  // namespace sendsim::scenario
