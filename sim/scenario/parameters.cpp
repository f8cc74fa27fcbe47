// sim/scenario/parameters.cpp: the declaration table. Each parameter once:
// path, kind, unit, bounds, default, description, source. A default that is
// not from a published figure says "illustrative".
#include "scenario/parameters.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "send/codes.hpp"
#include "send/model.hpp"

namespace sendsim::scenario {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr Presence kReq = Presence::kRequired;
constexpr Presence kDef = Presence::kDefault;
constexpr Presence kOpt = Presence::kOptional;

constexpr std::string_view kModelData = "model data (required): the area's own figure";
constexpr std::string_view kIllustrative = "illustrative";

constexpr std::array kParameters = {
    // --- model header
    Parameter{"model.name", Kind::kText, "", 0, 0, kReq, "", "Short name of the local-area model.", ""},
    Parameter{"model.description", Kind::kText, "", 0, 0, kDef, "\"\"", "One line on what the model covers.",
              ""},
    Parameter{"model.start_date", Kind::kDate, "date", 0, 0, kDef, "2021-09-01",
              "First day simulated; the initial stock is the state on this day.",
              "start of academic year 2021/22, the baseline of the Essex SEND strategy 2022-27 (seeds/000)"},

    // --- scenario header
    Parameter{"scenario.name", Kind::kText, "", 0, 0, kReq, "", "Short name of the scenario (names results).",
              ""},
    Parameter{"scenario.description", Kind::kText, "", 0, 0, kDef, "\"\"",
              "One line on what the scenario tests.", ""},
    Parameter{
        "scenario.model", Kind::kPath, "path", 0, 0, kOpt, "",
        "The model file this scenario overrides, relative to this file. Exactly one of model and extends.",
        ""},
    Parameter{
        "scenario.extends", Kind::kPath, "path", 0, 0, kOpt, "",
        "The scenario file this scenario overrides, relative to this file. Exactly one of model and extends.",
        ""},
    Parameter{"scenario.end_date", Kind::kDate, "date", 0, 0, kDef, "2036-08-31",
              "Last day simulated; must be after model.start_date and at most 50 years after it.",
              "15 academic years from 2021/22, within the 5-20 year horizons planners use (DESIGN.md)"},
    Parameter{"scenario.replications", Kind::kInteger, "runs", 1, 100000, kDef, "20",
              "Monte Carlo replications.", kIllustrative},
    Parameter{"scenario.seed", Kind::kSeed, "", 0, 0, kDef, "1",
              "Master seed; each replication and process draws from its own stream of it.", ""},
    Parameter{"scenario.threads", Kind::kInteger, "threads", 0, 1024, kDef, "0",
              "Worker threads; 0 uses every core. Results do not depend on it.", ""},

    // --- districts
    Parameter{"districts[].name", Kind::kText, "", 0, 0, kReq, "", "District name, unique in the model.", ""},
    Parameter{"districts[].quadrant", Kind::kText, "", 0, 0, kDef, "\"\"",
              "Group of districts for reporting (Essex: North East, Mid, South, West).", "seeds/000"},
    Parameter{
        "districts[].in_area", Kind::kBool, "", 0, 0, kDef, "true",
        "false for an out-of-county pseudo-district (its settings are used as INMSS or the out-of-county "
        "fallback; it has no resident children).",
        ""},
    Parameter{"districts[].population_0_25", Kind::kNumber, "people", 0, 1e8, kReq, "",
              "Children and young people aged 0-25 living in the district at the start date.",
              "model data (required): ONS mid-year population estimates"},
    Parameter{"districts[].population_growth", Kind::kNumber, "per year", -0.5, 0.5, kDef, "0",
              "Growth of the 0-25 population, e.g. 0.005 = +0.5% a year.", "neutral (no growth)"},

    // --- travel
    Parameter{"travel[].from", Kind::kText, "", 0, 0, kReq, "",
              "One end of an undirected road link: a district.", kModelData},
    Parameter{"travel[].to", Kind::kText, "", 0, 0, kReq, "", "The other end: a different district.",
              kModelData},
    Parameter{"travel[].minutes", Kind::kNumber, "minutes", 0, 1440, kReq, "", "Travel time along the link.",
              kModelData},

    // --- settings
    Parameter{"settings[].name", Kind::kText, "", 0, 0, kReq, "", "Setting name, unique in the model.", ""},
    Parameter{"settings[].type", Kind::kChoice, "", 0, 0, kReq, "", "Kind of place offered.", kModelData,
              send::kSettingTypeCodes},
    Parameter{"settings[].district", Kind::kText, "", 0, 0, kReq, "",
              "District the setting is in (a known district).", kModelData},
    Parameter{"settings[].needs", Kind::kNeeds, "need codes", 0, 0, kDef, "[]",
              "Primary needs the setting is designated for; empty means all needs.",
              "model data: the setting's designation"},
    Parameter{"settings[].min_age", Kind::kInteger, "years", 0, 25, kDef, "4",
              "Youngest academic age (age at 31 August) taken, inclusive.",
              "Reception age, typical of special schools; illustrative"},
    Parameter{"settings[].max_age", Kind::kInteger, "years", 0, 25, kDef, "18",
              "Oldest academic age taken, inclusive; at least min_age.", "end of Year 13; illustrative"},
    Parameter{"settings[].unlimited", Kind::kBool, "", 0, 0, kDef, "false",
              "Always has a place (aggregate mainstream, INMSS pools); then places must be left out.", ""},
    Parameter{
        "settings[].places", Kind::kPlaces, "places", 0, send::kMaxPlaces, kOpt, "",
        "Commissioned places: a number (from the model start date) or a list of {from: DATE, places: N} with "
        "strictly ascending dates (closed before the first). Required unless unlimited.",
        kModelData},
    Parameter{"settings[].allow_over_number", Kind::kBool, "", 0, 0, kOpt, "",
              "Whether children may be placed over the commissioned number; unset: policy.allow_over_number.",
              ""},

    // --- population
    Parameter{"population.age_profile", Kind::kAgeProfile, "share", 0, 1, kReq, "",
              "Share of the 0-25 population at each single year of age 0..25 (26 numbers summing to 1 within "
              "0.01).",
              "model data (required): ONS mid-year population estimates by single year of age"},

    // --- identification
    Parameter{"identification.rate", Kind::kByAgeBand, "per child-year", 0, 1, kReq, "",
              "Children without SEN newly identified for SEN support.",
              "model data (required): SEN support counts, DfE Special educational needs in England"},
    Parameter{
        "identification.need_mix", Kind::kNeedMix, "weight", 0, kInf, kReq, "",
        "Primary need of newly identified children: for each age band, a weight per need (missing needs 0).",
        "model data (required): DfE Special educational needs in England, needs by age"},
    Parameter{"identification.exit_rate", Kind::kByAgeBand, "per child-year", 0, 1, kReq, "",
              "SEN support children whose needs are met.", kModelData},

    // --- requests
    Parameter{"requests.rate_from_support", Kind::kByAgeBand, "per child-year", 0, 1, kReq, "",
              "Requests for an EHC needs assessment per SEN-support child.",
              "model data (required): requests in the LA's SEN2 return"},
    Parameter{"requests.direct_per_1000", Kind::kByAgeBand, "per 1,000 child-years", 0, 1000, kReq, "",
              "Requests for children not on SEN support (e.g. health notifications of under-fives).",
              "model data (required): requests in the LA's SEN2 return"},
    Parameter{"requests.trend", Kind::kNumber, "per year", -0.5, 1, kDef, "0",
              "Growth of both request rates, compounding yearly.",
              "neutral; Essex requests grew 66% from 2015/16 to 2020/21 (seeds/000)"},
    Parameter{"requests.need_trend", Kind::kByNeed, "per year", -0.5, 1, kDef, "0",
              "Extra growth per need, added to trend.",
              "neutral; Essex 2015/16-2020/21: autism +81.8%, SEMH +39.3%, SLCN +29.7% (seeds/000)"},

    // --- assessment
    Parameter{"assessment.decision_weeks", Kind::kNumber, "weeks", 0, 52, kDef, "6",
              "From request to the decision whether to assess.",
              "SEND Regulations 2014: decision within 6 weeks of the request (shared DOMAIN.md)"},
    Parameter{"assessment.refusal_share", Kind::kNumber, "share", 0, 1, kDef, "0.228",
              "Share of requests refused at the decision.",
              "DfE SEN2 2019, England: 22.8% of requests refused (shared DOMAIN.md)"},
    Parameter{"assessment.no_plan_share", Kind::kNumber, "share", 0, 1, kDef, "0.059",
              "Share of assessments ending without a plan.",
              "DfE SEN2, England: about 5.9% of assessments end without a plan (shared DOMAIN.md)"},
    Parameter{"assessment.assessors", Kind::kInteger, "people", 1, 100000, kDef, "40",
              "Assessment team (educational psychologists, caseworkers).", kIllustrative},
    Parameter{"assessment.caseload", Kind::kInteger, "assessments", 1, 1000, kDef, "10",
              "Assessments each assessor carries at once.", kIllustrative},
    Parameter{"assessment.work_weeks", Kind::kTriangular, "weeks", 0, 104, kDef,
              "{min: 8, mode: 10, max: 14}", "Assessment work once a slot is free.",
              "illustrative: 6 + 10 + 2 weeks fits the statutory 20 (shared DOMAIN.md)"},
    Parameter{"assessment.issue_weeks", Kind::kNumber, "weeks", 0, 52, kDef, "2",
              "Drafting and issuing the final plan.", kIllustrative},
    Parameter{"assessment.assessors_growth", Kind::kNumber, "per year", -0.5, 1, kDef, "0",
              "Growth of the assessment team each September (compounding).", "0 (a fixed team) by default"},

    // --- placement
    Parameter{"placement.mix", Kind::kTypeMix, "weight", 0, kInf, kReq, "",
              "Provision type a new plan names: for each need, a weight per setting type (missing types 0; "
              "missing needs all 0). Every need that can be identified needs some positive weight.",
              "model data (required): SEN2 placements of new plans"},
    Parameter{"placement.specialist_factor", Kind::kByPhase, "factor", 0, 100, kDef, "1",
              "Multiplier on the non-mainstream weights of placement.mix, by phase.",
              "neutral (no phase effect)"},
    Parameter{"placement.keep_type_at_transfer", Kind::kNumber, "probability", 0, 1, kDef, "0.8",
              "Chance that a phase transfer keeps the current provision type.", kIllustrative},
    Parameter{"placement.preference", Kind::kByType, "factor", 0, 100, kDef, "1",
              "Parental preference: multiplier on each setting type's weight in mix.",
              "neutral (no preference)"},

    // --- review
    Parameter{"review.step_up", Kind::kByAgeBand, "per review", 0, 1, kReq, "",
              "Placement steps up: mainstream to enhanced to special.",
              "model data (required): SEN2 transfers between mainstream and special"},
    Parameter{"review.step_down", Kind::kByAgeBand, "per review", 0, 1, kReq, "",
              "Placement steps down: special to enhanced to mainstream.",
              "model data (required): SEN2 transfers between mainstream and special"},
    Parameter{"review.cease_needs_met", Kind::kByAgeBand, "per review", 0, 1, kReq, "",
              "Plan ceases because the needs are met.", "model data (required): SEN2 ceased plans by reason"},
    Parameter{"review.leave_education", Kind::kByAgeBand, "per review", 0, 1, kReq, "",
              "Young person leaves education (16 and over).",
              "model data (required): SEN2 ceased plans by reason"},

    // --- migration
    Parameter{"migration.plans_moving_in", Kind::kNumber, "plans per year", 0, 1e6, kDef, "0",
              "Children with a plan moving into the area.", "off by default"},
    Parameter{"migration.move_in_age_mix", Kind::kByAgeBand, "weight", 0, kInf, kDef, "0",
              "Age bands of those moving in; some positive weight when plans_moving_in > 0.", ""},
    Parameter{"migration.plan_move_out_rate", Kind::kNumber, "per plan-year", 0, 1, kDef, "0",
              "Plans transferred to another area.", "off by default"},
    Parameter{"migration.support_move_out_rate", Kind::kNumber, "per child-year", 0, 1, kDef, "0",
              "SEN-support children moving away.", "off by default"},

    // --- tribunal
    Parameter{"tribunal.appeal_share_refusal", Kind::kNumber, "share", 0, 1, kDef, "0",
              "Refusals to assess that are appealed.",
              "off by default; England 2024: about 6% of appealable decisions appealed (shared DOMAIN.md)"},
    Parameter{"tribunal.appeal_share_placement", Kind::kNumber, "share", 0, 1, kDef, "0",
              "Unmet placements (waiting or fallback) that are appealed.", "off by default"},
    Parameter{"tribunal.months", Kind::kTriangular, "months", 0, 60, kDef, "{min: 4, mode: 6, max: 12}",
              "From registering an appeal to the decision.", kIllustrative},
    Parameter{"tribunal.success_share", Kind::kNumber, "share", 0, 1, kDef, "0",
              "Appeals decided for the family.",
              "off by default; most appeals are decided for parents (seeds/001)"},

    // --- policy
    Parameter{
        "policy.fallback", Kind::kChoice, "", 0, 0, kDef, "wait",
        "When no suitable place is free: wait (in an interim mainstream place), go to inmss, or go to an "
        "out_of_county special setting.",
        "modelling choice (shared DOMAIN.md: the child waits or goes to INMSS)", send::kFallbackCodes},
    Parameter{"policy.rule", Kind::kChoice, "", 0, 0, kDef, "nearest",
              "How settings are chosen: nearest gives each child the nearest suitable setting with room when "
              "their turn comes; min_cost_flow places the children moving at the September rollover in one "
              "system-optimal round.",
              "modelling choice", send::kPlacementRuleCodes},
    Parameter{"policy.max_travel_minutes", Kind::kNumber, "minutes", 0, 1440, kDef, "90",
              "Settings further away are not offered (INMSS excepted).", kIllustrative},
    Parameter{"policy.max_wait_months", Kind::kInteger, "months", 0, 240, kDef, "0",
              "Waiting longer than this goes to INMSS; 0 means no limit.", kIllustrative},
    Parameter{"policy.allow_over_number", Kind::kBool, "", 0, 0, kDef, "false",
              "Default for settings that do not set allow_over_number.", kIllustrative},
    Parameter{"policy.over_number_share", Kind::kNumber, "share of places", 0, 1, kDef, "0.1",
              "Extra places, as a share of commissioned places, where over-number placement is allowed.",
              kIllustrative},

    // --- initial stock
    Parameter{"initial_stock.ehc_plans", Kind::kNumber, "plans", 0, 1e7, kDef, "0",
              "EHC plans held at the start date.",
              "an empty start by default; model data: SEN2 January caseload"},
    Parameter{"initial_stock.sen_support", Kind::kNumber, "children", 0, 1e8, kDef, "0",
              "Children on SEN support at the start date.",
              "an empty start by default; model data: school census SEN support"},
    Parameter{"initial_stock.plan_age_mix", Kind::kByAgeBand, "weight", 0, kInf, kDef, "0",
              "Age bands of the initial plans; some positive weight when ehc_plans > 0.", ""},
    Parameter{"initial_stock.support_age_mix", Kind::kByAgeBand, "weight", 0, kInf, kDef, "0",
              "Age bands of the initial SEN support; some positive weight when sen_support > 0.", ""},
    Parameter{"initial_stock.plan_type_mix", Kind::kByType, "weight", 0, kInf, kDef, "0",
              "Provision types of the initial plans; all 0 uses the placement mix of new plans.", ""},
    Parameter{"initial_stock.plan_type_weight", Kind::kByType, "factor", 0, 100, kDef, "1",
              "With plan_type_mix all 0: factors on the placement mix's weights for the initial plans only.",
              "1 (the initial plans name what new plans name); calibrate sets 1 / the new plans' tilt from "
              "England's drift"},
    Parameter{"initial_stock.requests_in_progress", Kind::kNumber, "children", 0, 1e7, kDef, "0",
              "Requests for assessment under way at the start date, made evenly over the 20 weeks before it.",
              "0 by default; about 20/52 of a year's requests fills the pipeline"},

    // --- costs (pounds per year at the prices of the first financial year)
    Parameter{"costs.place_funding", Kind::kByType, "GBP per place-year", 0, 1e6, kDef,
              "{mainstream: 0, enhanced: 6000, special: 10000, inmss: 0}",
              "Place funding per commissioned place; mainstream and INMSS have none.",
              "DfE high-needs place funding: 6,000 resourced provision, 10,000 special (shared DOMAIN.md)"},
    Parameter{"costs.top_up", Kind::kByType, "GBP per child-year", 0, 1e6, kDef, "0",
              "Top-up per child by setting type (for INMSS: the whole fee).",
              "0 (no cost) by default; national INMSS fees about 61,500-64,000 a year (shared DOMAIN.md)"},
    Parameter{"costs.need_factor", Kind::kByNeed, "factor", 0, 100, kDef, "1",
              "Multiplier on the top-up by primary need (the top-up band).", "neutral"},
    Parameter{"costs.post16_top_up", Kind::kNumber, "GBP per child-year", 0, 1e6, kDef, "0",
              "Top-up for plan holders aged 16 and over in mainstream (further education).",
              "0 (no cost) by default"},
    Parameter{"costs.sen_support_per_child", Kind::kNumber, "GBP per child-year", 0, 1e6, kDef, "0",
              "SEN support and inclusion services per SEN-support child.", "0 (no cost) by default"},
    Parameter{"costs.alternative_provision_per_child", Kind::kNumber, "GBP per child-year", 0, 1e6, kDef, "0",
              "Cost of a child waiting in an interim place.", "0 (no cost) by default"},
    Parameter{"costs.transport[].max_minutes", Kind::kNumber, "minutes", 0, 1440, kReq, "",
              "Upper end of a transport band (bands in strictly ascending order; beyond the last: the last).",
              kModelData},
    Parameter{"costs.transport[].annual", Kind::kNumber, "GBP per child-year", 0, 1e6, kReq, "",
              "Home-to-school transport cost for journeys in the band.",
              "model data (required); national average about 9,500 a year (County Councils Network, shared "
              "DOMAIN.md)"},
    Parameter{"costs.transport_share", Kind::kByType, "share", 0, 1, kDef,
              "{mainstream: 0, enhanced: 1, special: 1, inmss: 1}",
              "Share of plan holders in each setting type with SEND home-to-school transport.",
              kIllustrative},
    Parameter{"costs.inflation", Kind::kNumber, "per financial year", -0.2, 0.5, kDef, "0",
              "Price growth, compounding each financial year.", "0 (constant prices) by default"},

    // --- dsg
    Parameter{"dsg.allocation", Kind::kNumber, "GBP", 0, 1e12, kDef, "0",
              "DSG high-needs block for the first financial year of the run (whole year).",
              "0 by default; model data: the DfE's DSG allocations"},
    Parameter{"dsg.growth", Kind::kNumber, "per financial year", -0.5, 0.5, kDef, "0",
              "Growth of the allocation each financial year.", "0 by default"},
    Parameter{"dsg.opening_balance", Kind::kNumber, "GBP", -1e12, 1e12, kDef, "0",
              "Cumulative DSG balance brought forward (negative: a deficit).", "0 by default"},

    // --- demand
    Parameter{"demand.population_growth[].from_year", Kind::kInteger, "academic year", 1900, 2200, kReq, "",
              "Academic year (named by its September) from which the rate applies.", ""},
    Parameter{"demand.population_growth[].district", Kind::kText, "", 0, 0, kDef, "\"\"",
              "A known district, or empty for every district.", ""},
    Parameter{"demand.population_growth[].age_band", Kind::kAgeBand, "", 0, 0, kOpt, "",
              "An age band code; unset: every age.", ""},
    Parameter{
        "demand.population_growth[].rate", Kind::kNumber, "per year", -0.5, 0.5, kReq, "",
        "Population growth rate; later entries override earlier ones (and districts[].population_growth).",
        "model data (required): ONS subnational population projections"},
    Parameter{"demand.identification_trend", Kind::kByNeed, "per year", -0.5, 1, kDef, "0",
              "Growth of identification by need, compounding yearly.", "neutral (no growth)"},
    Parameter{"demand.policy_changes[].from", Kind::kDate, "date", 0, 0, kReq, "",
              "Date from which the change applies (strictly ascending across the list).", ""},
    Parameter{"demand.policy_changes[].identification", Kind::kNumber, "factor", 0, 10, kDef, "1",
              "Multiplier on identification rates.", "neutral"},
    Parameter{"demand.policy_changes[].requests", Kind::kNumber, "factor", 0, 10, kDef, "1",
              "Multiplier on request rates.", "neutral"},
    Parameter{"demand.policy_changes[].mainstream_weight", Kind::kNumber, "factor", 0, 100, kDef, "1",
              "Multiplier on the weight of mainstream in new plans.", "neutral"},
    Parameter{
        "demand.induced_elasticity", Kind::kNumber, "elasticity", -5, 5, kDef, "0",
        "Elasticity of requests with respect to specialist places (enhanced and special) in the child's "
        "quadrant, relative to the start.",
        "off by default; new places 'can contribute in itself to increasing demand' (seeds/000)"},

    // --- capital programme
    Parameter{"capital_programme[].name", Kind::kText, "", 0, 0, kReq, "",
              "Project name, unique (it also names the project's random stream).", ""},
    Parameter{"capital_programme[].action", Kind::kChoice, "", 0, 0, kReq, "", "What the project does.", "",
              send::kCapitalActionCodes},
    Parameter{
        "capital_programme[].setting", Kind::kSetting, "", 0, 0, kReq, "",
        "For open: the new setting, a map with the keys of a settings item but places. Otherwise: the name "
        "of a setting of the model or one opened by a project.",
        ""},
    Parameter{"capital_programme[].planned", Kind::kDate, "date", 0, 0, kReq, "",
              "Planned date of the change.", "model data (required): the capital programme"},
    Parameter{"capital_programme[].delay_months", Kind::kTriangular, "months", 0, 120, kDef,
              "{min: 0, mode: 0, max: 0}", "Slip after the planned date, drawn per replication.",
              "none by default"},
    Parameter{"capital_programme[].open_in_september", Kind::kBool, "", 0, 0, kDef, "false",
              "A slipped project opens on the next 1 September.", ""},
    Parameter{
        "capital_programme[].places", Kind::kInteger, "places", 0, send::kMaxPlaces, kDef, "0",
        "open: final places; expand, reduce: places added or removed (above 0 for these three). A setting's "
        "places with every expansion may not exceed 1000000.",
        ""},
    Parameter{
        "capital_programme[].ramp_up", Kind::kShares, "share", 0, 1, kDef, "[]",
        "Share of places available in each year from the (delayed) date, not decreasing, e.g. [0.4, 0.7, 1]; "
        "empty: all at once.",
        ""},
    Parameter{"capital_programme[].needs", Kind::kNeeds, "need codes", 0, 0, kDef, "[]",
              "redesignate: the new designation; empty means all needs.", ""},
    Parameter{"capital_programme[].min_age", Kind::kInteger, "years", 0, 25, kOpt, "",
              "redesignate: the new youngest academic age; unset: unchanged.", ""},
    Parameter{"capital_programme[].max_age", Kind::kInteger, "years", 0, 25, kOpt, "",
              "redesignate: the new oldest academic age; unset: unchanged.", ""},
    Parameter{"capital_programme[].new_type", Kind::kChoice, "", 0, 0, kDef, "special",
              "change_type: the new setting type.", "", send::kSettingTypeCodes},
    Parameter{"capital_programme[].capital_cost", Kind::kTriangular, "pounds", 0, 1e10, kDef,
              "{min: 0, mode: 0, max: 0}",
              "Capital cost at the prices of the run's first financial year, triangular (min = max: a fixed "
              "figure); drawn once per replication by sendsim appraise, spent when the works start "
              "(planned less lead_time_months). The simulation itself does not spend it.",
              "none unless given: a project's cost is the council's own estimate (illustrative figures in "
              "scenarios/essex-options.yaml)"},
    Parameter{"capital_programme[].lead_time_months", Kind::kInteger, "months", 0, 240, kDef, "0",
              "Months from the start of the works (when the capital is spent) to the planned date.",
              "none unless given (illustrative)"},
    Parameter{"capital_programme[].earliest_start", Kind::kInteger, "year", 1900, 9999, kOpt, "",
              "Calendar year the works may start at the earliest: the planned date less lead_time_months may "
              "not fall before 1 January of it; unset: any.",
              ""},

    // --- uncertainty (see the section's note in parameters_doc.cpp)
    Parameter{
        "uncertainty[].parameter", Kind::kText, "", 0, 0, kReq, "",
        "The uncertain parameter, by its path: one of those listed above this table, or one entry of a "
        "value by age band, need, setting type or phase by its code (e.g. `placement.preference.inmss`).",
        ""},
    Parameter{
        "uncertainty[].normal", Kind::kDistribution, "the parameter's", 0, 0, kOpt, "",
        "`{mean, sd}`, sd >= 0: the value is drawn from a normal distribution and replaces the parameter. "
        "A heavy tail (a jump) adds `jump_probability` (0-1) and `jump_sd` (>= 0), both or neither: with "
        "that probability a draw takes sd jump_sd.",
        ""},
    Parameter{
        "uncertainty[].lognormal", Kind::kDistribution, "the parameter's", 0, 0, kOpt, "",
        "`{median, sd_log}`, median > 0, sd_log >= 0: the value is median * exp(sd_log * z), z standard "
        "normal, and replaces the parameter. A heavy tail (a jump) adds `jump_probability` (0-1) and "
        "`jump_sd_log` (>= 0), both or neither: with that probability a draw takes sd_log jump_sd_log "
        "(its mean is median * ((1 - p) exp(sd_log^2 / 2) + p exp(jump_sd_log^2 / 2))).",
        ""},
    Parameter{"uncertainty[].uniform", Kind::kDistribution, "the parameter's", 0, 0, kOpt, "",
              "`{min, max}`, min <= max: the value is drawn uniformly and replaces the parameter.", ""},
    Parameter{"uncertainty[].triangular", Kind::kDistribution, "the parameter's", 0, 0, kOpt, "",
              "`{min, mode, max}`, min <= mode <= max: the value is drawn from a triangular distribution and "
              "replaces the parameter.",
              ""},
    Parameter{
        "uncertainty[].factor", Kind::kDistribution, "factor", 0, 0, kOpt, "",
        "One of the four distributions, e.g. `{lognormal: {median: 1, sd_log: 0.1}}`, with non-negative "
        "numbers: the number drawn multiplies the parameter (every entry of a value by age band, need, "
        "type or phase).",
        ""},
    Parameter{"uncertainty[].yearly", Kind::kBool, "", 0, 0, kOpt, "",
              "Drawn again for each academic year (each 1 September, from the stream \"uncertainty-year\" "
              "keyed also by the year, in the replications' antithetic pairs) instead of once for the "
              "replication: a swing from year "
              "to year rather than a level held for the whole run. Only for parameters read as they are "
              "used: requests.rate_from_support, requests.direct_per_1000, review.cease_needs_met, "
              "review.leave_education, identification.rate, identification.exit_rate, placement.preference "
              "(and their entries).",
              ""},
    Parameter{"uncertainty[].from_year", Kind::kInteger, "year", 1900, 9999, kOpt, "",
              "A yearly entry's first academic year (the year starting that 1 September): before it the "
              "parameter keeps its own value, though the draws are still made (so no other draw moves). "
              "Only with `yearly: true`. `sendsim calibrate` starts the swings of the placement types at "
              "the origin's academic year, so that the years the model was fitted to run as they were "
              "fitted.",
              ""},
    Parameter{"uncertainty[].description", Kind::kText, "", 0, 0, kDef, "\"\"",
              "Where the distribution comes from, e.g. \"fitted: ...\".", ""},
};

}  // namespace

std::span<const Parameter> parameters() noexcept { return kParameters; }

const Parameter& parameter(std::string_view path) {
  for (const Parameter& p : kParameters) {
    if (p.path == path) return p;
  }
  throw std::logic_error("sendsim: parameter \"" + std::string(path) +
                         "\" is not declared in parameters.cpp");
}

std::vector<std::string> keys_under(std::string_view prefix) {
  std::vector<std::string> keys;
  for (const Parameter& p : kParameters) {
    std::string_view rest = p.path;
    if (!prefix.empty()) {
      if (rest.size() <= prefix.size() + 1 || rest.substr(0, prefix.size()) != prefix ||
          rest[prefix.size()] != '.') {
        continue;
      }
      rest.remove_prefix(prefix.size() + 1);
    }
    std::string_view key = rest.substr(0, rest.find('.'));
    if (key.ends_with("[]")) key.remove_suffix(2);
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.emplace_back(key);
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

std::string format_number(double value) {
  if (value == 0) return "0";
  if (std::isinf(value)) return value > 0 ? "infinity" : "-infinity";
  if (std::nearbyint(value) == value && std::fabs(value) < 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", value);
    return buf;
  }
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;
  return std::string(buf, end);
}

std::string expected_value(const Parameter& p) {
  auto numeric = [&](std::string_view noun) {
    const std::string n(noun);
    const bool lo = std::isfinite(p.lower);
    const bool hi = std::isfinite(p.upper);
    const std::string article = noun == "integer" ? "an " : "a ";
    if (lo && hi)
      return article + n + " between " + format_number(p.lower) + " and " + format_number(p.upper);
    if (lo && p.lower == 0) return "a non-negative " + n;
    if (lo && p.lower == 1 && noun == "integer") return std::string("a positive integer");
    if (lo) return article + n + " of at least " + format_number(p.lower);
    return article + n;
  };
  switch (p.kind) {
    case Kind::kText:
      return "a string";
    case Kind::kPath:
      return "a file path";
    case Kind::kNumber:
      return numeric("number");
    case Kind::kInteger:
      return numeric("integer");
    case Kind::kSeed:
      return "an integer between 0 and 18446744073709551615";
    case Kind::kBool:
      return "true or false";
    case Kind::kDate:
      return "a date (YYYY-MM-DD)";
    case Kind::kChoice:
      return "one of the codes";
    case Kind::kNeeds:
      return "a list of need codes";
    case Kind::kPlaces:
      return "a number of places or a list of {from, places}";
    case Kind::kByAgeBand:
    case Kind::kByNeed:
    case Kind::kByType:
    case Kind::kByPhase:
    case Kind::kNeedMix:
    case Kind::kTypeMix:
    case Kind::kTriangular:
    case Kind::kAgeProfile:
    case Kind::kShares:
      return numeric("number");
    case Kind::kAgeBand:
      return "an age band code";
    case Kind::kSetting:
      return "a setting name, or (action open) a whole setting";
    case Kind::kDistribution:
      return "a map of a distribution's numbers";
  }
  return "";
}

}  // namespace sendsim::scenario
