// sim/scenario/fields.hpp: the one list of which YAML key fills which struct
// field. The reader, the writer of the effective YAML and the declaration
// check all walk these visitors, so they cannot disagree about a field.
//
// An Io provides:
//   io.field(key, value)                  one declared parameter
//   io.section(key, fn)                   a map of parameters: fn(sub_io)
//   io.list(key, items, min_items, fn)    a list of maps: fn(item_io, item)
//   io.distribution(entry)                an uncertainty entry's distribution:
//                                         one of the keys "uncertainty[].normal",
//                                         lognormal, uniform, triangular, factor
// Declarations are looked up as "<prefix>.<key>", where the prefix is the
// section ("assessment") or the list ("settings[]").
// Not visited: scenario.model and scenario.extends (the loader follows and
// removes them before reading).
#pragma once

#include <string>
#include <vector>

#include "send/model.hpp"

namespace sendsim::scenario {

/// Placeholder date for places given as a plain number: "from the model start
/// date". The loader replaces it once the start date is known.
inline constexpr send::Date kFromModelStart{0, 0, 0};

/// One setting: a settings item, or the whole setting a capital project opens
/// (declarations "settings[].*" in both cases).
template <class Io, class S>
void visit_setting(Io& s, S& st) {
  s.field("name", st.name);
  s.field("type", st.type);
  s.field("district", st.district);
  s.field("needs", st.needs);
  s.field("min_age", st.min_age);
  s.field("max_age", st.max_age);
  s.field("unlimited", st.unlimited);
  s.field("places", st.places);
  s.field("allow_over_number", st.allow_over_number);
}

template <class Io, class M>
void visit_model(Io& io, M& m) {
  io.section("model", [&](Io& s) {
    s.field("name", m.name);
    s.field("description", m.description);
    s.field("start_date", m.start_date);
  });
  io.list("districts", m.districts, 1, [](Io& s, auto& d) {
    s.field("name", d.name);
    s.field("quadrant", d.quadrant);
    s.field("in_area", d.in_area);
    s.field("population_0_25", d.population_0_25);
    s.field("population_growth", d.population_growth);
  });
  io.list("travel", m.travel, 0, [](Io& s, auto& t) {
    s.field("from", t.from);
    s.field("to", t.to);
    s.field("minutes", t.minutes);
  });
  io.list("settings", m.settings, 1, [](Io& s, auto& st) { visit_setting(s, st); });
  io.section("population", [&](Io& s) { s.field("age_profile", m.population.age_profile); });
  io.section("identification", [&](Io& s) {
    s.field("rate", m.identification.rate);
    s.field("need_mix", m.identification.need_mix);
    s.field("exit_rate", m.identification.exit_rate);
  });
  io.section("requests", [&](Io& s) {
    s.field("rate_from_support", m.requests.rate_from_support);
    s.field("direct_per_1000", m.requests.direct_per_1000);
    s.field("trend", m.requests.trend);
    s.field("need_trend", m.requests.need_trend);
  });
  io.section("assessment", [&](Io& s) {
    s.field("decision_weeks", m.assessment.decision_weeks);
    s.field("refusal_share", m.assessment.refusal_share);
    s.field("no_plan_share", m.assessment.no_plan_share);
    s.field("assessors", m.assessment.assessors);
    s.field("caseload", m.assessment.caseload);
    s.field("work_weeks", m.assessment.work_weeks);
    s.field("issue_weeks", m.assessment.issue_weeks);
    s.field("assessors_growth", m.assessment.assessors_growth);
  });
  io.section("placement", [&](Io& s) {
    s.field("mix", m.placement.mix);
    s.field("specialist_factor", m.placement.specialist_factor);
    s.field("keep_type_at_transfer", m.placement.keep_type_at_transfer);
    s.field("preference", m.placement.preference);
  });
  io.section("review", [&](Io& s) {
    s.field("step_up", m.review.step_up);
    s.field("step_down", m.review.step_down);
    s.field("cease_needs_met", m.review.cease_needs_met);
    s.field("leave_education", m.review.leave_education);
  });
  io.section("migration", [&](Io& s) {
    s.field("plans_moving_in", m.migration.plans_moving_in);
    s.field("move_in_age_mix", m.migration.move_in_age_mix);
    s.field("plan_move_out_rate", m.migration.plan_move_out_rate);
    s.field("support_move_out_rate", m.migration.support_move_out_rate);
  });
  io.section("tribunal", [&](Io& s) {
    s.field("appeal_share_refusal", m.tribunal.appeal_share_refusal);
    s.field("appeal_share_placement", m.tribunal.appeal_share_placement);
    s.field("months", m.tribunal.months);
    s.field("success_share", m.tribunal.success_share);
  });
  io.section("policy", [&](Io& s) {
    s.field("fallback", m.policy.fallback);
    s.field("rule", m.policy.rule);
    s.field("max_travel_minutes", m.policy.max_travel_minutes);
    s.field("max_wait_months", m.policy.max_wait_months);
    s.field("allow_over_number", m.policy.allow_over_number);
    s.field("over_number_share", m.policy.over_number_share);
  });
  io.section("initial_stock", [&](Io& s) {
    s.field("ehc_plans", m.initial_stock.ehc_plans);
    s.field("sen_support", m.initial_stock.sen_support);
    s.field("plan_age_mix", m.initial_stock.plan_age_mix);
    s.field("support_age_mix", m.initial_stock.support_age_mix);
    s.field("plan_type_mix", m.initial_stock.plan_type_mix);
    s.field("plan_type_weight", m.initial_stock.plan_type_weight);
    s.field("requests_in_progress", m.initial_stock.requests_in_progress);
  });
  io.section("costs", [&](Io& s) {
    s.field("place_funding", m.costs.place_funding);
    s.field("top_up", m.costs.top_up);
    s.field("need_factor", m.costs.need_factor);
    s.field("post16_top_up", m.costs.post16_top_up);
    s.field("sen_support_per_child", m.costs.sen_support_per_child);
    s.field("alternative_provision_per_child", m.costs.alternative_provision_per_child);
    s.list("transport", m.costs.transport, 0, [](Io& t, auto& band) {
      t.field("max_minutes", band.max_minutes);
      t.field("annual", band.annual);
    });
    s.field("transport_share", m.costs.transport_share);
    s.field("inflation", m.costs.inflation);
  });
  io.section("dsg", [&](Io& s) {
    s.field("allocation", m.dsg.allocation);
    s.field("growth", m.dsg.growth);
    s.field("opening_balance", m.dsg.opening_balance);
  });
  io.section("demand", [&](Io& s) {
    s.list("population_growth", m.demand.population_growth, 0, [](Io& g, auto& growth) {
      g.field("from_year", growth.from_year);
      g.field("district", growth.district);
      g.field("age_band", growth.age_band);
      g.field("rate", growth.rate);
    });
    s.field("identification_trend", m.demand.identification_trend);
    s.list("policy_changes", m.demand.policy_changes, 0, [](Io& c, auto& change) {
      c.field("from", change.from);
      c.field("identification", change.identification);
      c.field("requests", change.requests);
      c.field("mainstream_weight", change.mainstream_weight);
    });
    s.field("induced_elasticity", m.demand.induced_elasticity);
  });
  io.list("capital_programme", m.capital_programme, 0, [](Io& s, auto& p) {
    s.field("name", p.name);
    s.field("action", p.action);
    // open takes a whole new setting; the other actions name an existing one.
    if (p.action == send::CapitalAction::kOpen) {
      s.field("setting", p.setting);
    } else {
      s.field("setting", p.setting.name);
    }
    s.field("planned", p.planned);
    s.field("delay_months", p.delay_months);
    s.field("open_in_september", p.open_in_september);
    s.field("places", p.places);
    s.field("ramp_up", p.ramp_up);
    s.field("needs", p.needs);
    s.field("min_age", p.min_age);
    s.field("max_age", p.max_age);
    s.field("new_type", p.new_type);
    s.field("capital_cost", p.capital_cost);
    s.field("lead_time_months", p.lead_time_months);
    s.field("earliest_start", p.earliest_start);
  });
  io.list("uncertainty", m.uncertainty, 0, [](Io& s, auto& u) {
    s.field("parameter", u.parameter);
    s.distribution(u);  // after the parameter: its bounds and kind decide what is allowed
    s.field("yearly", u.yearly);
    s.field("from_year", u.from_year);
    s.field("description", u.description);
  });
}

/// The scenario header: name, description and the RunSpec.
template <class Io, class S>
void visit_scenario_header(Io& io, S& sc) {
  io.section("scenario", [&](Io& s) {
    s.field("name", sc.name);
    s.field("description", sc.description);
    s.field("end_date", sc.run.end_date);
    s.field("replications", sc.run.replications);
    s.field("seed", sc.run.seed);
    s.field("threads", sc.run.threads);
  });
}

/// Drift check, for the tests: every field the visitors name is declared in
/// parameters.cpp with a kind that fits it, every declaration (but
/// scenario.model/extends) is visited, and every declared default equals the
/// default of the struct in send/model.hpp. Returns one line per problem.
[[nodiscard]] std::vector<std::string> declaration_problems();

}  // namespace sendsim::scenario
