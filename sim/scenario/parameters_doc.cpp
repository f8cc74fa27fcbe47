// sim/scenario/parameters_doc.cpp: parameters_markdown(), the text of
// models/PARAMETERS.md, generated from the declaration table.
#include <cmath>
#include <map>
#include <sstream>

#include "scenario/parameters.hpp"
#include "send/codes.hpp"
#include "send/uncertainty.hpp"

namespace sendsim::scenario {

namespace {

template <std::size_t N>
std::string joined(const std::array<std::string_view, N>& codes) {
  std::string out;
  for (const std::string_view c : codes) out += (out.empty() ? "`" : ", `") + std::string(c) + "`";
  return out;
}

std::string type_of(const Parameter& p) {
  switch (p.kind) {
    case Kind::kText:
      return "text";
    case Kind::kPath:
      return "path";
    case Kind::kNumber:
      return "number";
    case Kind::kInteger:
      return "integer";
    case Kind::kSeed:
      return "integer (64-bit)";
    case Kind::kBool:
      return "true/false";
    case Kind::kDate:
      return "date";
    case Kind::kChoice: {
      std::string out = "one of ";
      for (std::size_t i = 0; i < p.codes.size(); ++i)
        out += (i ? ", `" : "`") + std::string(p.codes[i]) + "`";
      return out;
    }
    case Kind::kNeeds:
      return "list of need codes";
    case Kind::kPlaces:
      return "integer, or list of {from, places}";
    case Kind::kByAgeBand:
      return "by age band";
    case Kind::kByNeed:
      return "by need";
    case Kind::kByType:
      return "by setting type";
    case Kind::kByPhase:
      return "by phase";
    case Kind::kNeedMix:
      return "age band -> need -> weight";
    case Kind::kTypeMix:
      return "need -> setting type -> weight";
    case Kind::kTriangular:
      return "{min, mode, max}";
    case Kind::kAgeProfile:
      return "list of 26 numbers";
    case Kind::kAgeBand:
      return "age band code";
    case Kind::kShares:
      return "list of numbers";
    case Kind::kSetting:
      return "setting name, or a setting (open)";
    case Kind::kDistribution:
      return "distribution";
  }
  return "";
}

std::string range_of(const Parameter& p) {
  switch (p.kind) {
    case Kind::kText:
    case Kind::kPath:
    case Kind::kBool:
    case Kind::kDate:
    case Kind::kChoice:
    case Kind::kNeeds:
    case Kind::kAgeBand:
    case Kind::kSetting:
    case Kind::kDistribution:
      return "";
    case Kind::kSeed:
      return "0 to 2^64-1";
    default:
      break;
  }
  const bool lo = std::isfinite(p.lower);
  const bool hi = std::isfinite(p.upper);
  if (lo && hi) return format_number(p.lower) + " to " + format_number(p.upper);
  if (lo) return ">= " + format_number(p.lower);
  return "any";
}

std::string quoted(std::string_view text) {
  std::string out("`");
  out.append(text).append("`");
  return out;
}

std::string default_of(const Parameter& p) {
  switch (p.presence) {
    case Presence::kRequired:
      return "required";
    case Presence::kOptional:
      return "unset";
    case Presence::kDefault:
      break;
  }
  switch (p.kind) {
    case Kind::kByAgeBand:
    case Kind::kByNeed:
    case Kind::kByType:
    case Kind::kByPhase:
      if (!p.default_yaml.starts_with("{")) return quoted(p.default_yaml).append(" for each");
      return quoted(p.default_yaml);
    default:
      return quoted(p.default_yaml);
  }
}

const std::map<std::string_view, std::string_view>& notes() {
  static const std::map<std::string_view, std::string_view> kNotes = {
      {"model", "The header of a model file. A model file holds this header and the sections below."},
      {"scenario",
       "The header of a scenario file. Exactly one of `model` (a model file) or `extends` (another scenario "
       "file), both relative to the scenario file. Any model section may follow the header and overrides the "
       "model: maps merge key by key, lists of named items (`districts`, `settings`) merge by `name` (a new "
       "name "
       "appends an item), other lists and single values replace. An `extends` chain applies from the root "
       "model "
       "outwards; a cycle is an error. `sendsim` writes the effective scenario (all overrides applied, every "
       "parameter explicit) as one file with both headers and neither `model` nor `extends`; it loads as it "
       "is."},
      {"districts",
       "A list of districts, at least one in the area and at most 1000. Names are unique; settings and "
       "travel "
       "links refer to them."},
      {"travel",
       "A list of undirected road links between two different known districts, each pair at most once. "
       "Travel "
       "time between districts is the shortest path over these links; districts no path joins are "
       "unreachable. "
       "Every in-area district must reach, within `policy.max_travel_minutes` (its own district at 0 "
       "minutes), "
       "an in-area mainstream setting for every academic age from 4 (Reception) to 25; early years (0-3) are "
       "not "
       "checked."},
      {"settings",
       "A list of settings (schools, units, pools). Names are unique; `district` must be a known district; "
       "`min_age` <= `max_age`. Give either `unlimited: true` or `places`, not both. `places` is a number "
       "(commissioned from the model start date) or a list such as `[{from: 2021-09-01, places: 60}, {from: "
       "2023-09-01, places: 80}]` with strictly ascending dates; before the first date the setting is "
       "closed. "
       "Every setting type with a positive weight in `placement.mix` needs at least one setting of that "
       "type, "
       "and `inmss` one too when `policy.fallback` is `inmss` or `policy.max_wait_months` is above 0."},
      {"population", "Shares of the 0-25 population by single year of age; they must sum to 1 within 0.01."},
      {"identification",
       "Every age band in which children are drawn (identified, requested directly, in the initial stock or "
       "moving in) needs some positive weight in its `need_mix`."},
      {"placement",
       "Every need that can be drawn (a positive weight in a drawn band of `identification.need_mix`) needs "
       "some "
       "positive weight in `mix`."},
      {"migration", "`move_in_age_mix` needs some positive weight when `plans_moving_in` is above 0."},
      {"initial_stock",
       "`plan_age_mix` and `support_age_mix` need some positive weight when `ehc_plans` and `sen_support` "
       "are "
       "above 0."},
      {"costs",
       "Unit costs in pounds per year at the prices of the first financial year. `transport` is a list of "
       "bands "
       "`{max_minutes, annual}` in strictly ascending order of `max_minutes`; a journey beyond the last band "
       "costs the last band's rate; no bands: no transport cost."},
      {"demand",
       "`population_growth` and `policy_changes` are lists; a `population_growth` entry names a known "
       "district "
       "(or none, for every district) and an age band (or none, for every age); `policy_changes` dates are "
       "strictly ascending."},
      {"capital_programme",
       "A list of projects, each with a unique `name`. `open` takes a whole new setting under `setting` (the "
       "keys "
       "of a `settings` item, without `places`: its places come from the project's `places` and `ramp_up`), "
       "with a name no other setting has. Every other action names, under `setting`, a setting of the model "
       "or "
       "one a project opens. `open`, `expand` and `reduce` need `places` above 0; `redesignate` uses "
       "`needs`, "
       "`min_age` and `max_age`; `change_type` uses `new_type`. In scenario overrides the list merges by "
       "name "
       "like `settings`."},
  };
  return kNotes;
}

/// The note of the uncertainty section: the prose and the parameters that can
/// be uncertain (from send/uncertainty.cpp, so the list cannot drift).
std::string uncertainty_note() {
  std::string out =
      "Input uncertainty: parameters the data cannot pin down, each drawn once per replication, so that the "
      "intervals over replications show what the inputs leave open as well as the simulation's own noise. An "
      "optional list; each entry names a `parameter` by its path and gives exactly one of `normal`, "
      "`lognormal`, `uniform`, `triangular` (the value drawn replaces the parameter; single numbers only) or "
      "`factor` holding one of the four (the number drawn multiplies the parameter, every entry of a value "
      "by "
      "age band, need, type or phase), and optionally a `description` of its source:\n\n"
      "    uncertainty:\n"
      "      - parameter: requests.trend\n"
      "        normal: {mean: 0.06, sd: 0.02}\n"
      "        description: \"fitted: ...\"\n"
      "      - parameter: review.leave_education\n"
      "        factor: {lognormal: {median: 1, sd_log: 0.1}}\n\n"
      "- Draws: at the start of each replication, every entry once, in the order of the list, from the "
      "random "
      "stream `uncertainty`, which no process of the model uses, so the other processes draw the same "
      "numbers "
      "with or without the section, and a scenario compared with another under the same seed draws the same "
      "values in each replication. Replications come in antithetic pairs: replications 2k and 2k+1 (counting "
      "from 0) read the same random numbers and the odd one takes each draw's mirror image through the "
      "distribution function (a normal's -z, a uniform's 1 - u), so each draw keeps its distribution while "
      "the "
      "mean over an even number of replications carries none of the draws' first-order sampling noise.\n"
      "- Bounds: a value drawn outside the parameter's range (the tables above) is clamped to it; a factor "
      "drawn below 0 counts as 0, and each entry it multiplies is clamped. The centre of a distribution that "
      "replaces a parameter (normal mean, lognormal median, uniform and triangular min, mode and max) must "
      "lie "
      "within the parameter's range, and a factor's numbers must be non-negative.\n"
      "- One entry: a path may name one entry of a value by age band, need, setting type or phase by its "
      "code, e.g. `placement.preference.inmss` or `review.cease_needs_met.16_19`; the draw (or factor) then "
      "applies to that number alone, and a yearly entry resets only it. Such an entry may sit beside another "
      "of the same value (`placement.preference.special`) or the whole value's, applied in the order of "
      "the list.\n"
      "- Checks: a parameter appears at most once. The rules between parameters (above) are checked for each "
      "entry at both ends of what it can draw, the other parameters as written: the ends of a uniform or "
      "triangular, mean +- 8 sd of a normal, median * exp(+-8 sd_log) of a lognormal (with a jump, the "
      "larger "
      "sd_log; draws beyond are rarer than one in 10^15).\n"
      "- Jumps: a normal may add `jump_probability` and `jump_sd`, a lognormal `jump_probability` and "
      "`jump_sd_log`, a heavy tail: with that probability a draw takes the jump's sd (sd_log), otherwise its "
      "own (its uniform is drawn from the same stream after the "
      "normal, only when the entry has a jump; the mirror image keeps the uniform). `sendsim calibrate` "
      "sizes the jumps of the flows' yearly swings from the tails of every LA's published growth of plans "
      "(models/README.md).\n"
      "- Results: when the list is not empty, the results have the table `uncertain_draws`: per parameter, "
      "the "
      "value drawn or the factor (after clamping), over replications like every table, each replication's in "
      "`per_replication.csv`. The effective scenario keeps the distributions, not a draw. In a scenario the "
      "list replaces the model's as a whole (its items have no names); `uncertainty: []` removes it.\n"
      "- Not allowed: integers (`assessment.assessors`, `assessment.caseload`, `policy.max_wait_months`), "
      "triangular values (`assessment.work_weeks`, `tribunal.months`), mixes, the age profile, list items "
      "(`settings[]`, `districts[]`, ...) and the header keys.\n\n"
      "Parameters that can be uncertain: ";
  bool first = true;
  for (const send::UncertainTarget& t : send::uncertain_targets()) {
    out += (first ? "`" : ", `") + std::string(t.path) + "`";
    first = false;
  }
  return out + ".";
}

std::string section_of(std::string_view path) {
  std::string_view s = path.substr(0, path.find('.'));
  if (s.ends_with("[]")) s.remove_suffix(2);
  return std::string(s);
}

}  // namespace

std::string parameters_markdown() {
  std::ostringstream out;
  out << "# Parameters\n\n"
      << "Every parameter a model or scenario file can set: its type, unit, range, default and source.\n"
      << "Generated from `sim/scenario/parameters.cpp`; do not edit by hand. Regenerate with\n\n"
      << "    build/release/sim/sendsim_parameters > models/PARAMETERS.md\n\n"
      << "## Reading this table\n\n"
      << "- Unknown keys, wrong types, values out of range and unknown names are errors that give the file, "
         "line, column and YAML path.\n"
      << "- *required*: the file must give it; *unset*: left out, it is not set (the description says what "
         "then); otherwise the default applies. A single number as the default of a value by age band, need, "
         "type or phase applies to every entry, and a file may then give only some entries.\n"
      << "- *by age band*: a map with the age band codes " << joined(send::kAgeBandCodes)
      << "; all five are required unless there is a default.\n"
      << "- *by need*: a map with the DfE need codes " << joined(send::kNeedCodes)
      << "; a need left out is 0 (or the default).\n"
      << "- *by setting type*: a map with " << joined(send::kSettingTypeCodes) << "; *by phase*: a map with "
      << joined(send::kPhaseCodes) << ".\n"
      << "- Weights are relative: only their ratios matter. Dates are `YYYY-MM-DD` and must be real dates.\n"
      << "- A source reading *illustrative* marks a made-up default: override it with the area's own "
         "figure.\n";
  std::string current;
  for (const Parameter& p : parameters()) {
    const std::string section = section_of(p.path);
    if (section != current) {
      current = section;
      const bool list = p.path.find("[]") != std::string_view::npos;
      out << "\n## `" << section << "`" << (list ? " (a list)" : "") << "\n\n";
      if (const auto it = notes().find(section); it != notes().end()) out << it->second << "\n\n";
      if (section == "uncertainty") out << uncertainty_note() << "\n\n";
      out << "| key | type | unit | range | default | description | source |\n"
          << "|---|---|---|---|---|---|---|\n";
    }
    out << "| `" << p.path << "` | " << type_of(p) << " | " << p.unit << " | " << range_of(p) << " | "
        << default_of(p) << " | " << p.description << " | " << p.source << " |\n";
  }
  return out.str();
}

}  // namespace sendsim::scenario
