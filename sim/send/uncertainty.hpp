// sim/send/uncertainty.hpp: input uncertainty. UncertainTarget (the model
// parameters that can be declared uncertain, by declared path, with their
// bounds), the draw of one Model::uncertainty entry, and apply_uncertainty(),
// which draws every entry of a model once for a replication and applies the
// draws to the model (a replication's own copy: DrawnModel, the World's part
// that holds it with the replication's seed and number).
//
// Draws come from one stream, "uncertainty" (engine/rng.hpp: keyed by master
// seed, replication pair and the stream's name), in the order of the entries.
// No other process draws from it, so declaring a parameter uncertain moves no
// other process's random numbers, and a model without entries draws nothing.
//
// Replications come in antithetic pairs (a standard variance reduction):
// replications 2k and 2k+1 read the same numbers from the stream of pair k,
// and the odd one takes each draw's mirror image (a normal's -z, a uniform's
// 1 - u, through the distribution function). Each replication's draws keep
// their distribution, so percentiles over replications are as before, but
// the mean over an even number of replications no longer carries the
// sampling noise of the draws' first moment: a fitted model's mean forecast
// moves with its parameters, not with the luck of its draws. A replication's
// draws depend on (master seed, replication) only, whatever the total.
//
// An entry marked `yearly` is drawn again each 1 September (redraw_yearly)
// from a stream of its own per academic year, in the same antithetic pairs:
// a year-to-year swing of a flow, where a held draw is an uncertain level.
// With a `from_year` its swings start that academic year: before it the
// parameter keeps its value, though its numbers are still drawn, so that no
// other entry's draws move.
//
// A drawn value is clamped to the parameter's declared [lower, upper]; a drawn
// factor below 0 counts as 0 and every entry it multiplies is clamped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/rng.hpp"
#include "send/model.hpp"

namespace sendsim::send {

/// A parameter that can be uncertain: a single number, or a compound value of
/// numbers (by age band, need, setting type or phase) held as `size`
/// contiguous doubles. Paths and bounds are those declared in
/// sim/scenario/parameters.cpp (a test checks that they agree and that the
/// accessor reads the field the loader fills).
struct UncertainTarget {
  std::string_view path;
  double lower;
  double upper;
  std::size_t size;                 // 1 for a single number
  double* (*values)(Model& model);  // the first of the `size` numbers
  /// The codes of a compound value's entries, in order (kAgeBandCodes,
  /// kNeedCodes, kSettingTypeCodes or kPhaseCodes); empty for a number.
  std::span<const std::string_view> codes = {};
};

/// What an uncertainty entry's path names: a whole target, or one entry of
/// a compound one by its code ("placement.preference.inmss": the number at
/// offset 3 of placement.preference). `target` is null when the path names
/// neither.
struct UncertainSlot {
  const UncertainTarget* target = nullptr;
  std::size_t offset = 0;
  std::size_t size = 0;  // the target's size, or 1 for one entry
};

/// Every parameter that can be uncertain, in documentation order.
[[nodiscard]] std::span<const UncertainTarget> uncertain_targets() noexcept;

/// The target with this path; nullptr when the path cannot be uncertain.
[[nodiscard]] const UncertainTarget* find_uncertain_target(std::string_view path) noexcept;

/// The target, or the one entry of a compound target, that `path` names.
[[nodiscard]] UncertainSlot find_uncertain_slot(std::string_view path) noexcept;

/// Whether an entry on `path` (a target, or one entry of it) may be
/// `yearly`: the World reads the parameter each time it uses it (a monthly
/// arrival, a review, a placement), so a value changed on 1 September takes
/// effect from then. Rates the World turns into schedules or totals at the
/// start cannot be.
[[nodiscard]] bool can_be_yearly(std::string_view path) noexcept;

/// The paths that can be yearly, comma-separated, for messages.
[[nodiscard]] std::string_view yearly_paths() noexcept;

/// One draw of `entry`'s distribution (the value, or the factor), unclamped;
/// `mirrored`: the antithetic draw from the same random numbers.
[[nodiscard]] double draw(const UncertainParameter& entry, engine::Rng& rng, bool mirrored = false) noexcept;

/// The smallest and largest value `entry` draws, for the loader's checks:
/// the ends of a uniform or triangular distribution; mean +- 8 sd of a
/// normal, median * exp(+-8 sd_log) of a lognormal (draws beyond are rarer
/// than one in 10^15). Unclamped.
[[nodiscard]] std::pair<double, double> draw_range(const UncertainParameter& entry) noexcept;

/// Applies a drawn value (or factor) to `model`, clamped as above; returns
/// what was applied: the clamped value, or the factor (at least 0). Throws
/// std::invalid_argument when entry.parameter is not an uncertain target.
double apply_draw(Model& model, const UncertainParameter& entry, double drawn);

/// Draws every entry of model.uncertainty once, in order, from the
/// "uncertainty" stream of (master_seed, replication / 2), mirrored for an
/// odd replication, and applies the draws
/// to `model`. `draws` (when given) receives (parameter, what was applied)
/// per entry, in order. Throws std::invalid_argument on an entry whose
/// parameter is not an uncertain target (the loader never lets one through).
void apply_uncertainty(Model& model, std::uint64_t master_seed, std::size_t replication,
                       std::vector<std::pair<std::string, double>>* draws = nullptr);

/// Draws the `yearly` entries of model.uncertainty again for academic year
/// `academic_year` (the year starting that 1 September): each yearly
/// entry's parameter (or the one entry of it the path names) is reset to
/// its value in `base` (the scenario's model) and the new draw applied, in entry order, from the stream
/// "uncertainty-year" mixed with the year (mix64(stream_id ^ academic_year))
/// of (master_seed, replication / 2),
/// mirrored for an odd replication. Other entries keep their draws (the
/// loader allows one entry per parameter). Nothing is drawn when no entry
/// is yearly, so other streams never move.
void redraw_yearly(Model& model, const Model& base, std::uint64_t master_seed, std::size_t replication,
                   int academic_year);

/// The World's part for one replication's inputs: who it is (master seed,
/// replication) and the scenario's model with its uncertain parameters
/// drawn: the scenario's own when nothing is uncertain, else a copy with
/// the draws applied (apply_uncertainty), redrawn each 1 September for the
/// yearly entries (redraw_yearly).
class DrawnModel {
 public:
  DrawnModel(const Model& scenario_model, std::uint64_t master_seed, std::size_t replication);

  /// The model the replication runs: it changes only in redraw().
  [[nodiscard]] const Model& model() const noexcept { return drawn_ ? *drawn_ : scenario_model_; }
  /// Draws the yearly entries again for the academic year starting that
  /// September; false (nothing changed) when nothing is uncertain.
  bool redraw(int academic_year);
  /// (parameter, value or factor applied) per entry, in order; empty when
  /// nothing is uncertain.
  [[nodiscard]] const std::vector<std::pair<std::string, double>>& draws() const noexcept { return draws_; }
  [[nodiscard]] std::uint64_t master_seed() const noexcept { return master_seed_; }
  [[nodiscard]] std::size_t replication() const noexcept { return replication_; }

 private:
  const Model& scenario_model_;
  std::uint64_t master_seed_;
  std::size_t replication_;
  std::vector<std::pair<std::string, double>> draws_;
  std::unique_ptr<Model> drawn_;  // null: nothing is uncertain
};

}  // namespace sendsim::send
