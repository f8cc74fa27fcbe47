// sim/send/uncertainty.cpp: the parameters that can be uncertain (paths and
// bounds as declared in sim/scenario/parameters.cpp), their draws and
// apply_uncertainty().
#include "send/uncertainty.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "engine/calendar.hpp"

namespace sendsim::send {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::size_t kBands = kAgeBandCount;
constexpr std::size_t kNeeds = kNeedCount;
constexpr std::size_t kTypes = kSettingTypeCount;
constexpr std::size_t kPhases = kPhaseCount;

/// How far the loader's checks look into the tails of a normal or lognormal.
constexpr double kRangeSds = 8.0;

// clang-format off
constexpr UncertainTarget kTargets[] = {
    {"identification.rate", 0, 1, kBands, [](Model& m) { return m.identification.rate.data(); }, kAgeBandCodes},
    {"identification.exit_rate", 0, 1, kBands, [](Model& m) { return m.identification.exit_rate.data(); }, kAgeBandCodes},
    {"requests.rate_from_support", 0, 1, kBands, [](Model& m) { return m.requests.rate_from_support.data(); }, kAgeBandCodes},
    {"requests.direct_per_1000", 0, 1000, kBands, [](Model& m) { return m.requests.direct_per_1000.data(); }, kAgeBandCodes},
    {"requests.trend", -0.5, 1, 1, [](Model& m) { return &m.requests.trend; }},
    {"requests.need_trend", -0.5, 1, kNeeds, [](Model& m) { return m.requests.need_trend.data(); }, kNeedCodes},
    {"assessment.decision_weeks", 0, 52, 1, [](Model& m) { return &m.assessment.decision_weeks; }},
    {"assessment.refusal_share", 0, 1, 1, [](Model& m) { return &m.assessment.refusal_share; }},
    {"assessment.no_plan_share", 0, 1, 1, [](Model& m) { return &m.assessment.no_plan_share; }},
    {"assessment.issue_weeks", 0, 52, 1, [](Model& m) { return &m.assessment.issue_weeks; }},
    {"assessment.assessors_growth", -0.5, 1, 1, [](Model& m) { return &m.assessment.assessors_growth; }},
    {"placement.specialist_factor", 0, 100, kPhases, [](Model& m) { return m.placement.specialist_factor.data(); }, kPhaseCodes},
    {"placement.keep_type_at_transfer", 0, 1, 1, [](Model& m) { return &m.placement.keep_type_at_transfer; }},
    {"placement.preference", 0, 100, kTypes, [](Model& m) { return m.placement.preference.data(); }, kSettingTypeCodes},
    {"review.step_up", 0, 1, kBands, [](Model& m) { return m.review.step_up.data(); }, kAgeBandCodes},
    {"review.step_down", 0, 1, kBands, [](Model& m) { return m.review.step_down.data(); }, kAgeBandCodes},
    {"review.cease_needs_met", 0, 1, kBands, [](Model& m) { return m.review.cease_needs_met.data(); }, kAgeBandCodes},
    {"review.leave_education", 0, 1, kBands, [](Model& m) { return m.review.leave_education.data(); }, kAgeBandCodes},
    {"migration.plans_moving_in", 0, 1e6, 1, [](Model& m) { return &m.migration.plans_moving_in; }},
    {"migration.move_in_age_mix", 0, kInf, kBands, [](Model& m) { return m.migration.move_in_age_mix.data(); }, kAgeBandCodes},
    {"migration.plan_move_out_rate", 0, 1, 1, [](Model& m) { return &m.migration.plan_move_out_rate; }},
    {"migration.support_move_out_rate", 0, 1, 1, [](Model& m) { return &m.migration.support_move_out_rate; }},
    {"tribunal.appeal_share_refusal", 0, 1, 1, [](Model& m) { return &m.tribunal.appeal_share_refusal; }},
    {"tribunal.appeal_share_placement", 0, 1, 1, [](Model& m) { return &m.tribunal.appeal_share_placement; }},
    {"tribunal.success_share", 0, 1, 1, [](Model& m) { return &m.tribunal.success_share; }},
    {"policy.max_travel_minutes", 0, 1440, 1, [](Model& m) { return &m.policy.max_travel_minutes; }},
    {"policy.over_number_share", 0, 1, 1, [](Model& m) { return &m.policy.over_number_share; }},
    {"initial_stock.ehc_plans", 0, 1e7, 1, [](Model& m) { return &m.initial_stock.ehc_plans; }},
    {"initial_stock.sen_support", 0, 1e8, 1, [](Model& m) { return &m.initial_stock.sen_support; }},
    {"initial_stock.plan_age_mix", 0, kInf, kBands, [](Model& m) { return m.initial_stock.plan_age_mix.data(); }, kAgeBandCodes},
    {"initial_stock.support_age_mix", 0, kInf, kBands, [](Model& m) { return m.initial_stock.support_age_mix.data(); }, kAgeBandCodes},
    {"initial_stock.plan_type_mix", 0, kInf, kTypes, [](Model& m) { return m.initial_stock.plan_type_mix.data(); }, kSettingTypeCodes},
    {"initial_stock.plan_type_weight", 0, 100, kTypes, [](Model& m) { return m.initial_stock.plan_type_weight.data(); }, kSettingTypeCodes},
    {"initial_stock.requests_in_progress", 0, 1e7, 1, [](Model& m) { return &m.initial_stock.requests_in_progress; }},
    {"costs.place_funding", 0, 1e6, kTypes, [](Model& m) { return m.costs.place_funding.data(); }, kSettingTypeCodes},
    {"costs.top_up", 0, 1e6, kTypes, [](Model& m) { return m.costs.top_up.data(); }, kSettingTypeCodes},
    {"costs.need_factor", 0, 100, kNeeds, [](Model& m) { return m.costs.need_factor.data(); }, kNeedCodes},
    {"costs.post16_top_up", 0, 1e6, 1, [](Model& m) { return &m.costs.post16_top_up; }},
    {"costs.sen_support_per_child", 0, 1e6, 1, [](Model& m) { return &m.costs.sen_support_per_child; }},
    {"costs.alternative_provision_per_child", 0, 1e6, 1,
     [](Model& m) { return &m.costs.alternative_provision_per_child; }},
    {"costs.transport_share", 0, 1, kTypes, [](Model& m) { return m.costs.transport_share.data(); }, kSettingTypeCodes},
    {"costs.inflation", -0.2, 0.5, 1, [](Model& m) { return &m.costs.inflation; }},
    {"dsg.allocation", 0, 1e12, 1, [](Model& m) { return &m.dsg.allocation; }},
    {"dsg.growth", -0.5, 0.5, 1, [](Model& m) { return &m.dsg.growth; }},
    {"dsg.opening_balance", -1e12, 1e12, 1, [](Model& m) { return &m.dsg.opening_balance; }},
    {"demand.identification_trend", -0.5, 1, kNeeds, [](Model& m) { return m.demand.identification_trend.data(); }, kNeedCodes},
    {"demand.induced_elasticity", -5, 5, 1, [](Model& m) { return &m.demand.induced_elasticity; }},
};
// clang-format on

UncertainSlot slot_of(const UncertainParameter& entry) {
  const UncertainSlot slot = find_uncertain_slot(entry.parameter);
  if (slot.target == nullptr) {
    throw std::invalid_argument("sendsim: parameter \"" + entry.parameter + "\" cannot be uncertain");
  }
  return slot;
}

/// Whether `entry`'s draw applies in `academic_year`: always, unless it is
/// a yearly entry whose from_year is later.
bool in_effect(const UncertainParameter& entry, int academic_year) {
  return !entry.yearly.value_or(false) || entry.from_year < 0 || academic_year >= entry.from_year;
}

}  // namespace

std::span<const UncertainTarget> uncertain_targets() noexcept { return kTargets; }

const UncertainTarget* find_uncertain_target(std::string_view path) noexcept {
  for (const UncertainTarget& t : kTargets) {
    if (t.path == path) return &t;
  }
  return nullptr;
}

UncertainSlot find_uncertain_slot(std::string_view path) noexcept {
  if (const UncertainTarget* t = find_uncertain_target(path)) return {t, 0, t->size};
  const std::size_t dot = path.rfind('.');
  if (dot == std::string_view::npos) return {};
  const UncertainTarget* t = find_uncertain_target(path.substr(0, dot));
  if (t == nullptr) return {};
  const auto code = std::find(t->codes.begin(), t->codes.end(), path.substr(dot + 1));
  if (code == t->codes.end()) return {};
  return {t, static_cast<std::size_t>(code - t->codes.begin()), 1};
}

namespace {

/// A normal's sd (a lognormal's sd_log), or its jump's with the jump's
/// probability: the jump's uniform is drawn only when there is a jump, after
/// the normal, and the mirror keeps it (the same component, z mirrored).
double spread(const UncertainParameter& entry, engine::Rng& rng) noexcept {
  if (entry.jump_probability > 0 && rng.uniform() < entry.jump_probability) return entry.jump_sd;
  return entry.b;
}

/// The larger of the two spreads, for the loader's checks.
double widest(const UncertainParameter& entry) noexcept {
  return entry.jump_probability > 0 ? std::max(entry.b, entry.jump_sd) : entry.b;
}

}  // namespace

double draw(const UncertainParameter& entry, engine::Rng& rng, bool mirrored) noexcept {
  switch (entry.distribution) {
    case Distribution::kNormal: {
      const double z = rng.normal();
      return entry.a + spread(entry, rng) * (mirrored ? -z : z);
    }
    case Distribution::kLognormal: {
      const double z = rng.normal();
      return entry.a * std::exp(spread(entry, rng) * (mirrored ? -z : z));
    }
    case Distribution::kUniform: {
      const double u = rng.uniform();
      return entry.a + (entry.b - entry.a) * (mirrored ? 1.0 - u : u);
    }
    case Distribution::kTriangular: {
      // The inverse distribution function, so that the mirror is 1 - u.
      const double lo = entry.a, mode = entry.b, hi = entry.c;
      if (hi <= lo) return lo;
      const double u0 = rng.uniform();
      const double u = mirrored ? 1.0 - u0 : u0;
      const double f = (mode - lo) / (hi - lo);
      if (u < f) return lo + std::sqrt(u * (hi - lo) * (mode - lo));
      return hi - std::sqrt((1.0 - u) * (hi - lo) * (hi - mode));
    }
  }
  return entry.a;
}

std::pair<double, double> draw_range(const UncertainParameter& entry) noexcept {
  switch (entry.distribution) {
    case Distribution::kNormal:
      return {entry.a - kRangeSds * widest(entry), entry.a + kRangeSds * widest(entry)};
    case Distribution::kLognormal:
      return {entry.a * std::exp(-kRangeSds * widest(entry)), entry.a * std::exp(kRangeSds * widest(entry))};
    case Distribution::kUniform:
      return {entry.a, entry.b};
    case Distribution::kTriangular:
      return {entry.a, entry.c};
  }
  return {entry.a, entry.a};
}

double apply_draw(Model& model, const UncertainParameter& entry, double drawn) {
  const UncertainSlot slot = slot_of(entry);
  double* values = slot.target->values(model) + slot.offset;
  if (!entry.factor) {
    const double value = std::clamp(drawn, slot.target->lower, slot.target->upper);
    std::fill(values, values + slot.size, value);
    return value;
  }
  const double factor = std::max(drawn, 0.0);
  for (std::size_t i = 0; i < slot.size; ++i) {
    // 0 stays 0 whatever the factor (also for the checks' largest factors).
    if (values[i] != 0) values[i] = std::clamp(values[i] * factor, slot.target->lower, slot.target->upper);
  }
  return factor;
}

void apply_uncertainty(Model& model, std::uint64_t master_seed, std::size_t replication,
                       std::vector<std::pair<std::string, double>>* draws) {
  if (draws != nullptr) draws->clear();
  if (model.uncertainty.empty()) return;
  for (const UncertainParameter& entry : model.uncertainty) (void)slot_of(entry);  // all or nothing
  // Antithetic pairs: replications 2k and 2k+1 read the same numbers from
  // pair k's stream, the odd one mirrored (uncertainty.hpp).
  engine::Rng rng(master_seed, replication / 2, engine::stream_id(streams::kUncertainty));
  const bool mirrored = replication % 2 == 1;
  const int first_year = engine::academic_year(model.start_date);
  for (const UncertainParameter& entry : model.uncertainty) {
    const double drawn = draw(entry, rng, mirrored);
    // A yearly entry that starts later leaves its parameter as it is (a
    // factor of 1, the value itself) until then; the draw is still made.
    double applied = 0;
    if (in_effect(entry, first_year)) {
      applied = apply_draw(model, entry, drawn);
    } else {
      const UncertainSlot slot = slot_of(entry);
      applied = entry.factor ? 1.0 : slot.target->values(model)[slot.offset];
    }
    if (draws != nullptr) draws->emplace_back(entry.parameter, applied);
  }
}

namespace {

constexpr std::string_view kYearlyPaths[] = {"requests.rate_from_support", "requests.direct_per_1000",
                                             "review.cease_needs_met",     "review.leave_education",
                                             "identification.rate",        "identification.exit_rate",
                                             "placement.preference"};

}  // namespace

bool can_be_yearly(std::string_view path) noexcept {
  const UncertainSlot slot = find_uncertain_slot(path);
  if (slot.target == nullptr) return false;
  return std::find(std::begin(kYearlyPaths), std::end(kYearlyPaths), slot.target->path) !=
         std::end(kYearlyPaths);
}

std::string_view yearly_paths() noexcept {
  static const std::string kText = [] {
    std::string text;
    for (std::string_view p : kYearlyPaths) text += (text.empty() ? "" : ", ") + std::string(p);
    return text + " (and their entries)";
  }();
  return kText;
}

void redraw_yearly(Model& model, const Model& base, std::uint64_t master_seed, std::size_t replication,
                   int academic_year) {
  const bool any = std::any_of(model.uncertainty.begin(), model.uncertainty.end(),
                               [](const UncertainParameter& u) { return u.yearly.value_or(false); });
  if (!any) return;
  engine::Rng rng(master_seed, replication / 2,
                  engine::mix64(engine::stream_id(streams::kUncertaintyYear) ^
                                static_cast<std::uint64_t>(academic_year)));
  const bool mirrored = replication % 2 == 1;
  for (const UncertainParameter& entry : model.uncertainty) {
    if (!entry.yearly.value_or(false)) continue;
    // Only the numbers the entry names: another entry may hold a draw in
    // the rest of the same value (placement.preference.special beside
    // placement.preference.inmss).
    const UncertainSlot slot = slot_of(entry);
    double* values = slot.target->values(model) + slot.offset;
    const double* from = slot.target->values(const_cast<Model&>(base)) + slot.offset;
    std::copy(from, from + slot.size, values);
    const double drawn = draw(entry, rng, mirrored);
    if (in_effect(entry, academic_year)) (void)apply_draw(model, entry, drawn);
  }
}

DrawnModel::DrawnModel(const Model& scenario_model, std::uint64_t master_seed, std::size_t replication)
    : scenario_model_(scenario_model), master_seed_(master_seed), replication_(replication) {
  if (scenario_model.uncertainty.empty()) return;
  drawn_ = std::make_unique<Model>(scenario_model);
  apply_uncertainty(*drawn_, master_seed, replication, &draws_);
}

bool DrawnModel::redraw(int academic_year) {
  if (!drawn_) return false;
  redraw_yearly(*drawn_, scenario_model_, master_seed_, replication_, academic_year);
  return true;
}

}  // namespace sendsim::send
