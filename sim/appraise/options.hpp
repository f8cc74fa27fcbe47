// sim/appraise/options.hpp: the options file of `sendsim appraise`, read
// strictly, and the scenario of a portfolio of options.
//
// An options file (YAML; scenarios/essex-options.yaml is an example):
//
//   appraisal:
//     name: essex-options            # names the results folder
//     description: ...
//     baseline: essex-baseline.yaml  # the scenario the options are weighed against (relative to this file)
//     replications: 100              # default: the baseline's
//     seed: 20210901                 # default: the baseline's
//     discount_rate: 0.035           # real, per year; default the Green Book's 3.5%
//     budget: 60000000               # capital, pounds; absent: no limit
//     max_exact: 32                  # portfolios enumerated exactly at most (else the heuristic)
//     screening_replications: 20     # the heuristic's search runs at this many, its finalists at all; 0: off
//     target:
//       measure: max_wait_months     # or inmss_placements, waiting
//       at_most: 6
//       from_year: 2030
//       confidence: 0.5              # share of replications that must meet it
//   options:
//     - name: basildon-school
//       description: ...
//       changes:                     # scenario overrides: any model section
//         capital_programme:
//           - {name: ..., action: open, setting: {...}, planned: ..., places: 140,
//              capital_cost: {min: ..., mode: ..., max: ...}, lead_time_months: 24}
//   groups:                          # at most one option of each group in a portfolio
//     - {name: basildon, options: [basildon-school, basildon-bases]}
//
// An option's `changes` are merged onto the baseline's merged YAML tree as a
// scenario file's overrides are (lists of named items merge by name, so a
// committed project can be edited by naming it), and read by the scenario
// loader's own reader and checks: a bad value in them is reported at its
// line and column in the options file, word for word as the loader says it.
// Every error is a scenario::InputError ("FILE:LINE:COL: PATH: MESSAGE").
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/error.hpp"
#include "scenario/yaml_tree.hpp"
#include "send/model.hpp"

namespace sendsim::appraise {

/// Green Book real discount rate for the first 30 years (HM Treasury, "The
/// Green Book: central government guidance on appraisal and evaluation",
/// 2022, section 5 and annex A6: 3.5%).
inline constexpr double kGreenBookRate = 0.035;

enum class TargetMeasure { kMaxWaitMonths, kInmssPlacements, kWaiting };
inline constexpr std::array<std::string_view, 3> kTargetMeasureCodes = {"max_wait_months", "inmss_placements",
                                                                        "waiting"};

/// What a portfolio must achieve: the measure at most `at_most` in every
/// year from `from_year`, in at least `confidence` of the replications.
struct Target {
  TargetMeasure measure = TargetMeasure::kMaxWaitMonths;
  double at_most = 0;
  int from_year = 0;
  double confidence = 0.5;
};

struct Option {
  std::string name;
  std::string description;
  scenario::Node changes;  // a map of model sections, merged onto the baseline
};

struct Group {
  std::string name;
  std::vector<std::size_t> options;  // indices into OptionsFile::options
};

struct OptionsFile {
  std::string file;  // as given
  std::string name;
  std::string description;
  std::filesystem::path baseline;  // resolved against the file's folder
  std::optional<int> replications;
  std::optional<std::uint64_t> seed;
  double discount_rate = kGreenBookRate;
  double budget = std::numeric_limits<double>::infinity();
  int max_exact = 32;
  int screening_replications = 20;  // of the heuristic search before its finalists; 0: no screening
  Target target;
  std::vector<Option> options;
  std::vector<Group> groups;
};

/// Reads and checks an options file: its own keys strictly, the baseline
/// loaded, and every option's scenario (baseline plus its changes) read and
/// validated. Throws scenario::InputError.
[[nodiscard]] OptionsFile load_options(const std::filesystem::path& file);

/// The baseline's merged YAML tree (its extends chain applied), the base of
/// every portfolio.
[[nodiscard]] scenario::Node baseline_tree(const OptionsFile& options);

/// The scenario of a portfolio: the baseline tree with the chosen options'
/// changes merged on, in index order, read and validated (InputError at the
/// options file's marks). An empty choice is the baseline itself.
[[nodiscard]] send::Scenario portfolio_scenario(const OptionsFile& options, const scenario::Node& baseline,
                                                const std::vector<std::size_t>& chosen);

/// Whether `chosen` takes at most one option of each group.
[[nodiscard]] bool respects_groups(const OptionsFile& options, const std::vector<std::size_t>& chosen);

}  // namespace sendsim::appraise
