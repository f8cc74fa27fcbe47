// sim/send/model.hpp: the plain structs that describe a local area and a
// scenario over it. sim/scenario/ fills them from YAML (validated there); the
// domain reads them and never opens a file. Every rate is per year unless its
// name says otherwise. Defaults here are the declared defaults of
// sim/scenario/parameters.cpp (which also records each one's source and
// bounds); keep the two in step (a test checks).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/calendar.hpp"
#include "send/clocks.hpp"
#include "send/codes.hpp"

namespace sendsim::send {

using engine::Date;

/// A value per SEN2 age band (under 5, 5-10, 11-15, 16-19, 20-25).
using ByAgeBand = std::array<double, kAgeBandCount>;
/// A value per primary need, in kNeedCodes order.
using ByNeed = std::array<double, kNeedCount>;
/// A value per setting type, in kSettingTypeCodes order.
using ByType = std::array<double, kSettingTypeCount>;
/// A value per phase, in kPhaseCodes order.
using ByPhase = std::array<double, kPhaseCount>;

/// Triangular distribution (min <= mode <= max), in the unit its name gives.
struct Triangular {
  double min = 0.0;
  double mode = 0.0;
  double max = 0.0;
};

struct District {
  std::string name;
  std::string quadrant;            // e.g. "North East", "Mid", "South", "West"
  bool in_area = true;             // false for an out-of-county pseudo-district
  double population_0_25 = 0;      // children and young people aged 0-25
  double population_growth = 0.0;  // per year, e.g. 0.005 = +0.5% a year
};

/// An undirected road link between two districts.
struct TravelLink {
  std::string from;
  std::string to;
  double minutes = 0.0;
};

/// The most places one setting may have, listed or after every capital
/// project (the loader refuses more), so that places, places plus the
/// over-number margin and places times a cost stay far inside int and exact
/// in a double.
inline constexpr int kMaxPlaces = 1'000'000;

/// The most districts a model may have (the loader refuses more): the travel
/// times are a districts-by-districts matrix (network.hpp), 8 MB at this size.
inline constexpr std::size_t kMaxDistricts = 1000;

/// The longest run, from the model's start date to the scenario's end date
/// (the loader refuses more): planning horizons are 5 to 20 years, and a
/// longer run only costs time (a run to 9999 could not be waited for).
inline constexpr int kMaxRunYears = 50;

/// Commissioned places from a date on.
struct PlacesFrom {
  Date from;
  int places = 0;
};

struct Setting {
  std::string name;
  SettingType type = SettingType::kSpecial;
  std::string district;
  std::vector<Need> needs;                // designated needs; empty means all needs
  int min_age = 4;                        // age at 31 August, inclusive
  int max_age = 18;                       // inclusive
  bool unlimited = false;                 // aggregate mainstream and pools: always a place
  std::vector<PlacesFrom> places;         // ascending dates; before the first: closed
  std::optional<bool> allow_over_number;  // unset: the policy's default
};

/// Enhanced or special provision: what a plan names when it names a
/// specialist place, and what sufficiency is planned for.
[[nodiscard]] constexpr bool is_specialist(SettingType type) noexcept {
  return type == SettingType::kEnhanced || type == SettingType::kSpecial;
}

/// A local specialist setting: enhanced or special, with commissioned places
/// (not unlimited), in a district of the area (`district_in_area`). Its
/// places are the ones induced demand, the September round and the
/// sufficiency tables count.
[[nodiscard]] constexpr bool is_local_specialist(const Setting& setting, bool district_in_area) noexcept {
  return is_specialist(setting.type) && !setting.unlimited && district_in_area;
}

struct Population {
  /// Share of the 0-25 population at each single year of age 0..25 (sums to 1).
  std::array<double, 26> age_profile{};
};

struct Identification {
  ByAgeBand rate{};  // children without SEN identified for SEN support, per child-year
  /// Need mix of newly identified children: weights per need for each age band.
  std::array<ByNeed, kAgeBandCount> need_mix{};
  ByAgeBand exit_rate{};  // SEN support children whose needs are met, per child-year
};

struct Requests {
  ByAgeBand rate_from_support{};  // requests per SEN-support child-year
  ByAgeBand direct_per_1000{};    // requests per 1,000 children without SEN support, per year
  double trend = 0.0;             // growth of both request rates per year
  ByNeed need_trend{};            // extra growth per year by need (added to trend)
};

struct Assessment {
  double decision_weeks = kStatutoryDecisionWeeks;  // the 6-week decision (made at this point)
  double refusal_share = 0.228;                     // of requests, refused at the decision
  double no_plan_share = 0.059;                     // of assessments, ending without a plan
  int assessors = 40;                // assessment team (educational psychologists, caseworkers)
  int caseload = 10;                 // assessments each can carry at once
  Triangular work_weeks{8, 10, 14};  // assessment work once a slot is free
  double issue_weeks = 2.0;          // drafting and issuing the final plan
  double assessors_growth = 0.0;     // growth of the team per year (compounding, applied each September)
};

struct Placement {
  /// Relative weight of each provision type a new plan names, per need.
  std::array<ByType, kNeedCount> mix{};
  /// Multiplier on the specialist (non-mainstream) weights by phase.
  ByPhase specialist_factor{1, 1, 1, 1, 1};
  /// Probability that a phase transfer keeps the current provision type.
  double keep_type_at_transfer = 0.8;
  /// Parental preference: multiplier on each type's weight in `mix`.
  ByType preference{1, 1, 1, 1};
};

struct Review {
  ByAgeBand step_up{};          // mainstream -> enhanced -> special, per review
  ByAgeBand step_down{};        // special -> enhanced -> mainstream, per review
  ByAgeBand cease_needs_met{};  // plan ceases, needs met, per review
  ByAgeBand leave_education{};  // young person leaves education (16+), per review
};

struct Migration {
  double plans_moving_in = 0;          // children with a plan moving into the area, per year
  ByAgeBand move_in_age_mix{};         // their age bands (weights)
  double plan_move_out_rate = 0.0;     // plans transferred out, per plan-year
  double support_move_out_rate = 0.0;  // SEN support children moving away, per child-year
};

struct Tribunal {
  double appeal_share_refusal = 0.0;    // refusals appealed
  double appeal_share_placement = 0.0;  // unmet placements (waiting or fallback) appealed
  Triangular months{4, 6, 12};          // from registration to decision
  double success_share = 0.0;           // appeals decided for the family
};

/// One entry of a capital programme: what changes, when it is planned, how
/// late it may be, and how its places ramp up.
struct CapitalProject {
  std::string name;
  CapitalAction action = CapitalAction::kOpen;
  /// The setting it acts on. For kOpen: the new setting in full (its own
  /// `places` list is ignored; places come from `places` and `ramp_up`).
  Setting setting;
  Date planned{2023, 9, 1};
  Triangular delay_months{0, 0, 0};  // slip after the planned date, drawn per replication
  bool open_in_september = false;    // a slipped project opens the next 1 September
  int places = 0;                    // kOpen: final places; kExpand/kReduce: places added/removed
  /// Share of `places` available in each year from the (delayed) date: e.g.
  /// {0.4, 0.7, 1.0}; empty means all at once.
  std::vector<double> ramp_up;
  std::vector<Need> needs;  // kRedesignate: the new designation (empty: all needs)
  int min_age = -1;         // kRedesignate: new age range (-1: unchanged)
  int max_age = -1;
  SettingType new_type = SettingType::kSpecial;  // kChangeType
  /// Capital cost in pounds at the prices of the first financial year of
  /// the run, triangular (min = mode = max: a fixed cost). The domain does
  /// not spend it; `sendsim appraise` draws it per replication.
  Triangular capital_cost{0, 0, 0};
  int lead_time_months = 0;  // from the start of the works (capital spent) to `planned`
  int earliest_start = -1;   // calendar year works may start at the earliest; -1: any
};

/// A policy change from a date on: multipliers on identification and
/// request rates (earlier intervention, inclusion work) and on the weight of
/// mainstream in new plans.
struct PolicyChange {
  Date from{2023, 9, 1};
  double identification = 1.0;
  double requests = 1.0;
  double mainstream_weight = 1.0;
};

/// Population growth for an academic year on, in one district (or all) and
/// one age band (or all).
struct PopulationGrowth {
  int from_year = 2022;  // academic year (September) from which it applies
  std::string district;  // empty: every district
  int age_band = -1;     // index into kAgeBandCodes; -1: every age
  double rate = 0.0;     // per year
};

struct Demand {
  std::vector<PopulationGrowth> population_growth;  // later entries override earlier ones
  ByNeed identification_trend{};                    // growth per year of identification by need
  std::vector<PolicyChange> policy_changes;
  /// Elasticity of requests with respect to specialist places (enhanced and
  /// special) in the child's quadrant, relative to the start: 0 = none.
  double induced_elasticity = 0.0;
};

struct Policy {
  Fallback fallback = Fallback::kWait;
  PlacementRule rule = PlacementRule::kNearest;  // kMinCostFlow: a system-optimal September round
  double max_travel_minutes = 90.0;              // settings further away are not offered
  int max_wait_months = 0;                       // waiting longer goes to INMSS; 0 = no limit
  bool allow_over_number = false;                // default for settings that do not say
  double over_number_share = 0.10;               // when allowed: extra places as a share of places
};

struct InitialStock {
  double ehc_plans = 0;         // plans at the start date
  double sen_support = 0;       // children on SEN support at the start date
  ByAgeBand plan_age_mix{};     // weights
  ByAgeBand support_age_mix{};  // weights
  /// Provision type shares of the initial plans (weights); all zero: use the
  /// placement mix of new plans.
  ByType plan_type_mix{};
  /// With plan_type_mix all zero: multiplies the placement mix's weights for
  /// the initial plans only (the stock at the start may differ from what new
  /// plans name).
  ByType plan_type_weight{1, 1, 1, 1};
  /// Requests under way at the start date (made in the 20 weeks before it).
  double requests_in_progress = 0;
  /// Waits of those unplaced at the start are counted from the start date.
};

/// Annual cost of home-to-school transport for journeys up to `max_minutes`.
struct TransportBand {
  double max_minutes = 0;
  double annual = 0;
};

/// Unit costs in pounds per year at the prices of the first financial year.
struct Costs {
  /// Place funding per commissioned place (DfE: £6,000 resourced provision,
  /// £10,000 special); mainstream and INMSS have none.
  ByType place_funding{0, 6000, 10000, 0};
  /// Top-up per child by the setting's type (for INMSS: the whole fee).
  ByType top_up{0, 0, 0, 0};
  /// Multiplier on the top-up by primary need (the top-up band); 1 if absent.
  ByNeed need_factor{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
  double post16_top_up = 0;                    // plan holders 16+ in mainstream (FE)
  double sen_support_per_child = 0;            // SEN support and inclusion services
  double alternative_provision_per_child = 0;  // children waiting in an interim place
  std::vector<TransportBand> transport;        // ascending max_minutes; beyond the last: the last
  /// Share of plan holders in each setting type who have SEND transport.
  ByType transport_share{0, 1, 1, 1};
  double inflation = 0.0;  // per financial year, compounding
};

/// The DSG high-needs block.
struct Dsg {
  double allocation = 0;       // for the first financial year of the run (whole year)
  double growth = 0.0;         // per financial year
  double opening_balance = 0;  // cumulative balance brought forward (negative: deficit)
};

/// How an uncertain parameter's value (or factor) is drawn.
enum class Distribution : std::uint8_t { kNormal, kLognormal, kUniform, kTriangular };
inline constexpr std::array<std::string_view, 4> kDistributionCodes = {"normal", "lognormal", "uniform",
                                                                       "triangular"};

/// A parameter the data cannot pin down: drawn once per replication (from the
/// stream "uncertainty", see send/uncertainty.hpp) and applied to that
/// replication's copy of the model. The draw replaces the parameter, or with
/// `factor` multiplies it (every entry of a compound one); the result is
/// clamped to the parameter's declared bounds.
struct UncertainParameter {
  std::string parameter;  // declared path, e.g. "requests.trend", or one entry, "placement.preference.inmss"
  bool factor = false;    // multiply instead of replace
  Distribution distribution = Distribution::kNormal;
  /// normal: mean, sd; lognormal: median, sd_log; uniform: min, max;
  /// triangular: min, mode, max.
  double a = 0, b = 0, c = 0;
  /// Drawn again for each academic year (each 1 September) instead of once
  /// for the replication: a swing from year to year, not a level held for
  /// the whole run (only for parameters read as they are used:
  /// can_be_yearly in send/uncertainty.hpp). Unset: false (and not
  /// written to an effective file).
  std::optional<bool> yearly;
  std::string description;  // where the figures come from, e.g. "fitted: ..."
  /// A normal's or lognormal's heavy tail (a jump): with probability
  /// jump_probability a draw takes the sd (sd_log) jump_sd instead of b.
  /// 0: none (and no number drawn for it, so a model without jumps draws
  /// as before).
  double jump_probability = 0, jump_sd = 0;
  /// A yearly entry's first academic year (the year starting that 1
  /// September): before it the parameter keeps its own value (the draws are
  /// still made, so nothing else moves). -1: unset, drawn from the start. A
  /// calibrated model's swings start at its origin, so that the years it
  /// was fitted to are simulated as they were fitted.
  int from_year = -1;
};

/// A local area: everything in a models/*.yaml file.
struct Model {
  std::string name;
  std::string description;
  Date start_date{2021, 9, 1};
  std::vector<District> districts;
  std::vector<TravelLink> travel;
  std::vector<Setting> settings;
  Population population;
  Identification identification;
  Requests requests;
  Assessment assessment;
  Placement placement;
  Review review;
  Migration migration;
  Tribunal tribunal;
  Policy policy;
  InitialStock initial_stock;
  Costs costs;
  Dsg dsg;
  Demand demand;
  std::vector<CapitalProject> capital_programme;
  /// Uncertain parameters, drawn in this order; empty: none.
  std::vector<UncertainParameter> uncertainty;
};

/// is_local_specialist for a setting of `model`, its district found by name
/// (false when no district has that name).
[[nodiscard]] inline bool is_local_specialist(const Setting& setting, const Model& model) {
  for (const District& d : model.districts) {
    if (d.name == setting.district) return is_local_specialist(setting, d.in_area);
  }
  return false;
}

/// How a scenario is run.
struct RunSpec {
  Date end_date{2036, 8, 31};
  int replications = 20;
  std::uint64_t seed = 1;
  int threads = 0;  // 0: all cores
};

/// A scenario: a model with its overrides applied, and how to run it.
struct Scenario {
  std::string name;
  std::string description;
  std::vector<std::string> files;  // the chain of files it came from, root model first
  Model model;
  RunSpec run;
};

}  // namespace sendsim::send
