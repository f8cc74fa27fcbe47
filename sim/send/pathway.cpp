// sim/send/pathway.cpp: a child's way from SEN support through a request, the
// 6-week decision, assessment (limited by the team's capacity), plan issue,
// annual reviews and tribunal appeals, to the plan ceasing.
#include <algorithm>
#include <cmath>
#include <limits>

#include "send/clocks.hpp"
#include "send/world.hpp"

namespace sendsim::send {

namespace {

enum SupportHazard : std::uint8_t { kRequest, kNeedsMet, kMoveAway };

double draw_triangular(engine::Rng& rng, const Triangular& t) { return rng.triangular(t.min, t.mode, t.max); }

}  // namespace

std::uint32_t World::add_child(std::int16_t cohort, std::uint16_t district, Need need, Status status) {
  Child c;
  c.cohort = cohort;
  c.district = district;
  c.need = need;
  c.status = status;
  c.cost_since = sim_.now();
  const std::uint32_t id = children_.add(c);
  costs_.add_child();
  recorder_.entered(status);
  population_.add_known(district, academic_age(c));
  change_active(+1);
  return id;
}

std::uint32_t World::add_plan_holder(int academic_age, std::uint16_t district, Need need,
                                     SettingType plan_type) {
  const auto id = add_child(static_cast<std::int16_t>(clock_.academic_year() - academic_age - 1), district,
                            need, Status::kPlan);
  children_[id].plan_type = plan_type;
  place(id);
  schedule_child(sim_.now() + kReviewIntervalDays, EventKind::kReview, id);
  schedule_hazard(id);
  return id;
}

void World::set_status(std::uint32_t id, Status s) {
  Child& c = children_[id];
  post_child(id, sim_.now());
  recorder_.status_changed(c.status, s);
  if (s == Status::kGone) {
    if (c.status != Status::kGone) children_.count_gone();
    population_.remove_known(c.district, academic_age(c));
    change_active(-1);
  }
  c.status = s;
  ++c.token;
}

void World::schedule_hazard(std::uint32_t id) {
  Child& c = children_[id];
  ++c.hazard_token;
  const Day next_rollover = clock_.next_rollover();
  const auto band = index(age_band_of(std::clamp(academic_age(c), 0, 25)));
  double rates[3] = {0, 0, 0};
  EventKind kind = EventKind::kSupportHazard;
  if (c.status == Status::kSupport) {
    if (c.appeal_pending) return;
    rates[kRequest] = model_.requests.rate_from_support[band] * demand_.request_growth(c.need, sim_.now()) *
                      policy_now().requests * demand_.induced_factor(c.district);
    rates[kNeedsMet] = model_.identification.exit_rate[band];
    rates[kMoveAway] = model_.migration.support_move_out_rate;
  } else if (c.status == Status::kPlan) {
    kind = EventKind::kPlanHazard;
    rates[0] = model_.migration.plan_move_out_rate;
  } else {
    return;
  }
  const double total = rates[0] + rates[1] + rates[2];
  if (total <= 0) return;
  engine::Rng& rng = c.status == Status::kSupport ? rng_.requests : rng_.migration;
  const double days = rng.exponential(total) * kDaysPerYear;
  const std::uint8_t which = static_cast<std::uint8_t>(rng.discrete(rates));
  if (sim_.now() + days >= next_rollover) return;  // drawn again at the rollover (memoryless)
  const Day at = sim_.now() + std::max<Day>(1, static_cast<Day>(days));
  sim_.schedule(at, static_cast<std::uint8_t>(Priority::kProcess), Event{kind, which, id, c.hazard_token});
}

void World::support_hazard(std::uint32_t id, std::uint8_t which) {
  switch (which) {
    case kRequest:
      make_request(id, false);
      break;
    case kNeedsMet:
      count_flow(Flow::kSupportExits);
      leave_support(id);
      break;
    default:
      count_flow(Flow::kSupportMovedAway);
      leave_support(id);
      break;
  }
}

void World::plan_hazard(std::uint32_t id) { cease(id, CeaseReason::kMovedAway); }

void World::make_request(std::uint32_t id, bool direct) {
  Child& c = children_[id];
  c.direct = direct;
  c.request_day = sim_.now();
  set_status(id, Status::kRequested);
  count_flow(Flow::kRequests);
  if (direct) count_flow(Flow::kRequestsDirect);
  schedule_child(sim_.now() + days_from_weeks(model_.assessment.decision_weeks), EventKind::kDecision, id);
}

void World::decide(std::uint32_t id) {
  Child& c = children_[id];
  if (rng_.assessment.bernoulli(model_.assessment.refusal_share)) {
    count_flow(Flow::kRefusals);
    set_status(id, Status::kSupport);
    if (rng_.tribunal.bernoulli(model_.tribunal.appeal_share_refusal)) {
      count_flow(Flow::kAppealsRefusal);
      c.appeal_pending = true;
      schedule_tribunal(id, kAppealRefusal);
    }
    schedule_hazard(id);
    return;
  }
  count_flow(Flow::kAssessmentsAgreed);
  enter_assessment(id);
}

void World::schedule_tribunal(std::uint32_t id, AppealKind kind) {
  const double months = draw_triangular(rng_.tribunal, model_.tribunal.months);
  const Day at = sim_.now() + std::max<Day>(1, static_cast<Day>(months * kDaysPerMonth));
  schedule_child(at, EventKind::kTribunal, id, kind);
}

void World::enter_assessment(std::uint32_t id) {
  set_status(id, Status::kAssessing);
  if (assessment_team_.has_free_slot()) {
    start_assessment(id);
  } else {
    count_flow(Flow::kAssessmentsQueued);
    assessment_team_.enqueue(id);
  }
}

void World::start_assessment(std::uint32_t id) {
  assessment_team_.start();
  children_[id].in_assessment_work = true;
  const double weeks = draw_triangular(rng_.assessment, model_.assessment.work_weeks);
  schedule_child(sim_.now() + std::max<Day>(1, days_from_weeks(weeks)), EventKind::kAssessmentDone, id);
}

void World::start_queued_assessments() {
  while (const auto next = assessment_team_.next_to_start()) {
    if (children_[*next].status == Status::kAssessing) start_assessment(*next);
  }
}

void World::release_assessment_slot(std::uint32_t id) {
  children_[id].in_assessment_work = false;
  assessment_team_.release();
  start_queued_assessments();
}

void World::assessment_done(std::uint32_t id) {
  release_assessment_slot(id);
  count_flow(Flow::kAssessmentsDone);
  if (rng_.assessment.bernoulli(model_.assessment.no_plan_share)) {
    count_flow(Flow::kNoPlan);
    set_status(id, Status::kSupport);
    schedule_hazard(id);
    return;
  }
  // Same status, so the token still matches when the plan is issued.
  schedule_child(sim_.now() + days_from_weeks(model_.assessment.issue_weeks), EventKind::kPlanIssued, id);
}

void World::issue_plan(std::uint32_t id) {
  Child& c = children_[id];
  const Day elapsed = sim_.now() - c.request_day;
  count_flow(Flow::kPlansIssued);
  if (elapsed <= kStatutoryPlanDays) count_flow(Flow::kIssuedWithin20);
  count_flow(Flow::kWeeksToIssueSum, elapsed / static_cast<double>(kDaysPerWeek));
  set_status(id, Status::kPlan);
  c.plan_type = draw_plan_type(c, static_cast<std::uint16_t>(std::max(0, academic_age(c))), rng_.placement);
  place(id);
  schedule_child(sim_.now() + kReviewIntervalDays, EventKind::kReview, id);
  schedule_hazard(id);
}

void World::review(std::uint32_t id) {
  Child& c = children_[id];
  const int age = std::clamp(academic_age(c), 0, 25);
  const auto band = index(age_band_of(age));
  const Review& r = model_.review;
  if (age >= 16 && rng_.review.bernoulli(r.leave_education[band])) {
    cease(id, CeaseReason::kLeftEducation);
    return;
  }
  if (rng_.review.bernoulli(r.cease_needs_met[band])) {
    cease(id, CeaseReason::kNeedsMet);
    return;
  }
  const double u = rng_.review.uniform();
  if (!c.waiting && !c.fallback) {
    if (u < r.step_up[band] &&
        (c.plan_type == SettingType::kMainstream || c.plan_type == SettingType::kEnhanced)) {
      c.plan_type = c.plan_type == SettingType::kMainstream ? SettingType::kEnhanced : SettingType::kSpecial;
      count_flow(Flow::kStepUps);
      leave_setting(id);
      place(id);
    } else if (u >= r.step_up[band] && u < r.step_up[band] + r.step_down[band] &&
               c.plan_type != SettingType::kMainstream) {
      c.plan_type = c.plan_type == SettingType::kInmss     ? SettingType::kSpecial
                    : c.plan_type == SettingType::kSpecial ? SettingType::kEnhanced
                                                           : SettingType::kMainstream;
      count_flow(Flow::kStepDowns);
      leave_setting(id);
      place(id);
    }
  }
  schedule_child(sim_.now() + kReviewIntervalDays, EventKind::kReview, id);
}

void World::tribunal(std::uint32_t id, std::uint8_t which) {
  Child& c = children_[id];
  const bool upheld = rng_.tribunal.bernoulli(model_.tribunal.success_share);
  if (which == kAppealRefusal) {
    c.appeal_pending = false;
    if (upheld && c.status == Status::kSupport) {
      count_flow(Flow::kAppealsUpheld);
      c.request_day = sim_.now();  // the assessment runs from the order
      enter_assessment(id);
    } else {
      schedule_hazard(id);
    }
    return;
  }
  if (!upheld || c.status != Status::kPlan || !c.waiting) return;
  count_flow(Flow::kAppealsUpheld);
  // The order names the kind of place asked for: the nearest suitable setting
  // takes the child over its number, or INMSS if none is suitable at all.
  stop_waiting(id);
  leave_setting(id);
  if (!try_place_in_type(id, c.plan_type, true)) {
    c.fallback = true;
    count_flow(Flow::kFallbackInmss);
    try_place_in_type(id, SettingType::kInmss, true);
  }
}

void World::cease(std::uint32_t id, CeaseReason reason) {
  Child& c = children_[id];
  static constexpr Flow kCeaseFlows[kCeaseReasonCount] = {Flow::kCeasedNeedsMet, Flow::kCeasedMovedAway,
                                                          Flow::kCeasedLeftEducation, Flow::kCeasedReached25};
  count_flow(kCeaseFlows[index(reason)]);
  if (c.waiting) stop_waiting(id);
  leave_setting(id);
  set_status(id, Status::kGone);
}

void World::leave_support(std::uint32_t id) {
  Child& c = children_[id];
  if (c.status == Status::kAssessing) assessment_team_.withdraw(id);
  set_status(id, Status::kGone);
  if (c.in_assessment_work) release_assessment_slot(id);
}

}  // namespace sendsim::send
