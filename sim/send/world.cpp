// sim/send/world.cpp: building a World, the event dispatch, the monthly
// arrivals and the September rollover.
#include "send/world.hpp"

#include <algorithm>
#include <cmath>

#include "engine/replication.hpp"
#include "send/clocks.hpp"
#include "send/recording.hpp"
#include "send/tables.hpp"
#include "send/uncertainty.hpp"

namespace sendsim::send {

namespace {

/// Ages (academic age, inclusive) of each SEN2 age band.
constexpr std::array<std::array<int, 2>, kAgeBandCount> kBandAges = {
    {{0, 4}, {5, 10}, {11, 15}, {16, 19}, {20, 24}}};

}  // namespace

ReplicationResult simulate_replication(const Scenario& scenario, std::uint64_t master_seed,
                                       std::size_t replication, const std::atomic<int>* stop) {
  World world(scenario, master_seed, replication);
  return world.run(stop);
}

World::World(const Scenario& scenario, std::uint64_t master_seed, std::size_t replication)
    : inputs_(scenario.model, master_seed, replication),
      model_(inputs_.model()),
      clock_(model_.start_date, scenario.run.end_date),
      sim_(0),
      rng_{{master_seed, replication, engine::stream_id(streams::kInitial)},
           {master_seed, replication, engine::stream_id(streams::kIdentification)},
           {master_seed, replication, engine::stream_id(streams::kRequests)},
           {master_seed, replication, engine::stream_id(streams::kAssessment)},
           {master_seed, replication, engine::stream_id(streams::kPlacement)},
           {master_seed, replication, engine::stream_id(streams::kReview)},
           {master_seed, replication, engine::stream_id(streams::kTribunal)},
           {master_seed, replication, engine::stream_id(streams::kMigration)}} {
  build();
}

int World::academic_age(const Child& c) const noexcept {
  return send::academic_age(c, clock_.academic_year());
}

int World::year_index() noexcept { return clock_.year_index(sim_.now()); }

double World::years_elapsed() const noexcept { return sim_.now() / kDaysPerYear; }

void World::schedule(Day at, Priority p, EventKind kind, std::uint32_t entity, std::uint8_t detail) {
  sim_.schedule(at, static_cast<std::uint8_t>(p), Event{kind, detail, entity, 0});
}

void World::schedule_child(Day at, EventKind kind, std::uint32_t id, std::uint8_t detail) {
  sim_.schedule(at, static_cast<std::uint8_t>(Priority::kProcess),
                Event{kind, detail, id, children_[id].token});
}

void World::build() {
  population_ = PopulationCounts(model_);

  // Settings: places in force at the start, and a capacity event at each later step.
  std::vector<Setting> specs = model_.settings;
  for (const auto& project : model_.capital_programme) {
    if (project.action != CapitalAction::kOpen) continue;
    specs.push_back(project.setting);
    specs.back().places.clear();  // places come from the project
  }
  places_ = Places(model_, clock_.calendar(), TravelTimes(model_.districts, model_.travel), std::move(specs));
  const std::size_t ns = places_.size();
  costs_ = CostAccounts(model_, clock_.calendar(), clock_.end_day(), ns);
  for (std::size_t s = 0; s < ns; ++s) {
    for (const auto& step : places_.spec(static_cast<int>(s)).places) {
      const Day at = clock_.calendar().day(step.from);
      if (at > 0 && at <= clock_.end_day()) {
        schedule(at, Priority::kCapacity, EventKind::kPlacesChange, static_cast<std::uint32_t>(s));
      }
    }
  }

  demand_ = DemandPolicy(model_, clock_.calendar(), places_);
  schedule_capital_programme(inputs_.master_seed(), inputs_.replication());

  assessment_team_ = AssessmentTeam(model_.assessment);
  recorder_ = Recorder(ns, clock_.calendar_years());
  seed_initial_stock();
  recorder_.start_stocks(children_.all());

  // Recurring events: monthly tick from the start, rollover each 1 September,
  // census each January.
  schedule(0, Priority::kJoin, EventKind::kMonthlyTick, 0);
  for (Day d = clock_.calendar().next_september(1); d <= clock_.end_day();
       d = clock_.calendar().next_september(d + 1)) {
    schedule(d, Priority::kLeave, EventKind::kRolloverLeave, 0);
    schedule(d, Priority::kAge, EventKind::kRolloverAge, 0);
    schedule(d, Priority::kTransfer, EventKind::kRolloverTransfer, 0);
    schedule(d, Priority::kJoin, EventKind::kRolloverJoin, 0);
  }
  for (Day d = clock_.calendar().next_census(0); d <= clock_.end_day();
       d = clock_.calendar().next_census(d + 1)) {
    schedule(d, Priority::kRecord, EventKind::kCensus, 0);
  }
}

void World::seed_initial_stock() {
  const InitialStock& stock = model_.initial_stock;
  // Children by district at each age (the counts do not change while the
  // stock is seeded), filled at an age's first use.
  std::vector<std::vector<double>> weights_by_age(kPopulationAges);
  auto draw_age_and_district = [&](const ByAgeBand& mix, int& age, std::uint16_t& district) {
    const auto band = rng_.initial.discrete(mix);
    const auto& range = kBandAges[band];
    age =
        range[0] + static_cast<int>(rng_.initial.below(static_cast<std::uint64_t>(range[1] - range[0] + 1)));
    std::vector<double>& weights = weights_by_age[static_cast<std::size_t>(age)];
    if (weights.empty()) {
      weights.resize(population_.districts());
      for (std::size_t d = 0; d < weights.size(); ++d) weights[d] = population_.children(d, age);
    }
    district = static_cast<std::uint16_t>(rng_.initial.discrete(weights));
  };
  auto draw_need = [&](int age) {
    const ByNeed& mix = model_.identification.need_mix[index(age_band_of(age))];
    double total = 0;
    for (double w : mix) total += w;
    return total > 0 ? static_cast<Need>(rng_.initial.discrete(mix)) : Need::kNSA;
  };

  // One child of the initial stock: age and district from `mix`, need by age.
  auto add_initial = [&](const ByAgeBand& mix, Status status, int& age) {
    std::uint16_t district = 0;
    draw_age_and_district(mix, age, district);
    return add_child(static_cast<std::int16_t>(clock_.academic_year() - age - 1), district, draw_need(age),
                     status);
  };

  int age = 0;
  const auto supports = static_cast<long>(std::llround(stock.sen_support));
  for (long i = 0; i < supports; ++i)
    schedule_hazard(add_initial(stock.support_age_mix, Status::kSupport, age));

  // Requests under way at the start, made evenly over the previous 20 weeks.
  const auto in_progress = static_cast<long>(std::llround(stock.requests_in_progress));
  for (long i = 0; i < in_progress; ++i) {
    const auto id = add_initial(stock.support_age_mix, Status::kSupport, age);
    Child& c = children_[id];
    c.request_day = -static_cast<Day>(rng_.initial.below(kStatutoryPlanDays));
    set_status(id, Status::kRequested);  // made before the run: not counted as this year's request
    const Day decision = c.request_day + days_from_weeks(model_.assessment.decision_weeks);
    schedule_child(std::max<Day>(0, decision), EventKind::kDecision, id);
  }

  double type_total = 0;
  for (double w : stock.plan_type_mix) type_total += w;
  const auto plans = static_cast<long>(std::llround(stock.ehc_plans));
  for (long i = 0; i < plans; ++i) {
    const auto id = add_initial(stock.plan_age_mix, Status::kPlan, age);
    Child& c = children_[id];
    c.plan_type = type_total > 0 ? static_cast<SettingType>(rng_.initial.discrete(stock.plan_type_mix))
                                 : draw_plan_type(c, static_cast<std::uint16_t>(age), rng_.initial,
                                                  &stock.plan_type_weight);
    place(id);
    schedule_child(1 + static_cast<Day>(rng_.initial.below(kReviewIntervalDays)), EventKind::kReview, id);
    schedule_hazard(id);
  }
}

void World::advance_to(Day day) {
  auto handler = [this](Sim&, const Event& e) { handle(e); };
  sim_.run_until(std::min(day, clock_.end_day()), handler);
}

ReplicationResult World::run(const std::atomic<int>* stop) {
  auto handler = [this](Sim&, const Event& e) { handle(e); };
  sim_.run_until(clock_.end_day(), handler, stop);
  if (stop != nullptr && stop->load() != 0) throw engine::Interrupted(stop->load());
  return finish();
}

void World::census() {
  children_.compact();
  recorder_.census(*this);
}

ReplicationResult World::finish() {
  children_.compact();
  recorder_.finish(*this);
  recorder_.change_active(sim_.now(), 0);
  recorder_.add_table(capital_.table(clock_.calendar()));
  emit_finance();
  if (!model_.uncertainty.empty()) {
    // Only with uncertain parameters, so that other models' results keep their tables.
    Table draws;
    draws.info = {
        std::string(tables::kUncertainDraws),
        {"parameter"},
        "value or factor",
        Missing::kSkip,
        "per uncertain parameter (model section uncertainty): the value drawn for the replication, or "
        "for a factor entry the multiplier, after clamping to the parameter's bounds"};
    for (const auto& [parameter, value] : inputs_.draws()) draws.set({parameter}, value);
    recorder_.add_table(std::move(draws));
  }
  return recorder_.result(inputs_.replication(), sim_.delivered());
}

void World::handle(const Event& e) {
  recorder_.event(sim_.now(), static_cast<std::uint32_t>(e.kind), e.entity);
  switch (e.kind) {
    case EventKind::kPlacesChange:
      places_change(e.entity);
      return;
    case EventKind::kRolloverLeave:
      rollover_leave();
      return;
    case EventKind::kRolloverAge:
      rollover_age();
      return;
    case EventKind::kRolloverTransfer:
      rollover_transfer();
      return;
    case EventKind::kRolloverJoin:
      rollover_join();
      return;
    case EventKind::kMonthlyTick:
      monthly_tick();
      return;
    case EventKind::kCensus:
      census();
      return;
    case EventKind::kCapital:
      capital_step(e.entity, e.detail);
      return;
    default:
      break;
  }
  // Child events: dropped when the child's state moved on since scheduling.
  Child& c = children_[e.entity];
  const bool hazard = e.kind == EventKind::kSupportHazard || e.kind == EventKind::kPlanHazard;
  if (c.status == Status::kGone || (hazard ? c.hazard_token : c.token) != e.token) return;
  switch (e.kind) {
    case EventKind::kSupportHazard:
      support_hazard(e.entity, e.detail);
      break;
    case EventKind::kPlanHazard:
      plan_hazard(e.entity);
      break;
    case EventKind::kDecision:
      decide(e.entity);
      break;
    case EventKind::kAssessmentDone:
      assessment_done(e.entity);
      break;
    case EventKind::kPlanIssued:
      issue_plan(e.entity);
      break;
    case EventKind::kReview:
      review(e.entity);
      break;
    case EventKind::kWaitTimeout:
      wait_timeout(e.entity);
      break;
    case EventKind::kTribunal:
      tribunal(e.entity, e.detail);
      break;
    default:
      break;
  }
}

void World::monthly_tick() {
  const double months = 12.0;
  const int band_count = kAgeBandCount;
  // Need mix of new identifications, moved on by each need's trend.
  std::array<ByNeed, kAgeBandCount> need_mix = model_.identification.need_mix;
  std::array<double, kAgeBandCount> need_total{};
  std::array<double, kAgeBandCount> trend_factor{};
  for (int b = 0; b < band_count; ++b) {
    double base = 0;
    for (int n = 0; n < kNeedCount; ++n) {
      base += need_mix[b][n];
      need_mix[b][n] *= std::pow(1.0 + model_.demand.identification_trend[n], years_elapsed());
      need_total[b] += need_mix[b][n];
    }
    trend_factor[b] = base > 0 ? need_total[b] / base : 0.0;
  }
  const PolicyChange& policy = policy_now();
  const double request_growth = std::pow(1.0 + model_.requests.trend, years_elapsed()) * policy.requests;
  for (std::size_t d = 0; d < population_.districts(); ++d) {
    if (!model_.districts[d].in_area) continue;
    for (int age = 0; age < 25; ++age) {
      const auto band = index(age_band_of(age));
      if (need_total[band] <= 0) continue;
      const double without = population_.not_known(d, age);
      const auto cohort = static_cast<std::int16_t>(clock_.academic_year() - age - 1);
      const auto identified = rng_.identification.poisson(
          without * model_.identification.rate[band] * trend_factor[band] * policy.identification / months);
      for (std::uint64_t i = 0; i < identified; ++i) {
        const auto need = static_cast<Need>(rng_.identification.discrete(need_mix[band]));
        const auto id = add_child(cohort, static_cast<std::uint16_t>(d), need, Status::kSupport);
        count_flow(Flow::kIdentified);
        schedule_hazard(id);
      }
      const auto direct = rng_.requests.poisson(without * model_.requests.direct_per_1000[band] / 1000.0 *
                                                request_growth * demand_.induced_factor(d) / months);
      for (std::uint64_t i = 0; i < direct; ++i) {
        const auto need = static_cast<Need>(rng_.requests.discrete(model_.identification.need_mix[band]));
        const auto id = add_child(cohort, static_cast<std::uint16_t>(d), need, Status::kSupport);
        make_request(id, true);
      }
    }
  }
  // Children moving into the area with a plan.
  const auto movers = rng_.migration.poisson(model_.migration.plans_moving_in / months);
  double mix_total = 0;
  for (double w : model_.migration.move_in_age_mix) mix_total += w;
  for (std::uint64_t i = 0; i < movers && mix_total > 0; ++i) {
    const auto band = rng_.migration.discrete(model_.migration.move_in_age_mix);
    const auto& range = kBandAges[band];
    const int age = range[0] + static_cast<int>(
                                   rng_.migration.below(static_cast<std::uint64_t>(range[1] - range[0] + 1)));
    const auto district = static_cast<std::uint16_t>(rng_.migration.discrete(population_.district_weights()));
    const Need need = need_total[band] > 0
                          ? static_cast<Need>(rng_.migration.discrete(model_.identification.need_mix[band]))
                          : Need::kNSA;
    const auto id =
        add_child(static_cast<std::int16_t>(clock_.academic_year() - age - 1), district, need, Status::kPlan);
    Child& c = children_[id];
    c.plan_type = draw_plan_type(c, static_cast<std::uint16_t>(age), rng_.migration);
    count_flow(Flow::kMovedIn);
    place(id);
    schedule_child(sim_.now() + kReviewIntervalDays, EventKind::kReview, id);
    schedule_hazard(id);
  }
  const engine::Date today = clock_.calendar().date(sim_.now());
  const Day next = clock_.calendar().day(engine::add_months(engine::Date{today.year, today.month, 1}, 1));
  if (next <= clock_.end_day()) schedule(next, Priority::kJoin, EventKind::kMonthlyTick, 0);
}

void World::relocate_children() {
  // Only when the children gone hold more of the store than those alive:
  // the store stays within twice the children alive, and a county, which
  // adds a fraction of its children a year, renumbers every few years.
  children_.compact();
  if (!renumbering_ || children_.size() <= 2 * children_.live().size()) return;
  ++renumberings_;
  const std::vector<std::uint32_t> to = children_.relocate();
  sim_.for_each_pending([&](Event& e) {
    if (e.kind >= EventKind::kSupportHazard && e.kind <= EventKind::kTribunal) e.entity = to[e.entity];
  });
  places_.renumber_children(to);
  assessment_team_.renumber(to);
  costs_.renumber(to, children_.size());
}

void World::rollover_leave() {
  // Before the rollover's walks: the children not gone to the front of the
  // store when the gone ones fill it (Children::relocate).
  relocate_children();
  // Academic age after today's rollover is one more than now.
  children_.compact();
  for (std::size_t i = 0; i < children_.live().size(); ++i) {
    const std::uint32_t id = children_.live()[i];
    Child& c = children_[id];
    if (c.status == Status::kGone || academic_age(c) + 1 < 25) continue;
    if (c.status == Status::kPlan) {
      cease(id, CeaseReason::kAged25);
    } else {
      leave_support(id);
    }
  }
}

void World::rollover_age() {
  clock_.start_academic_year();
  // Yearly uncertainty entries take the new year's draw before the hazards
  // below are drawn again.
  if (inputs_.redraw(clock_.academic_year())) {
    demand_.forget_request_growth();  // the request trends may have changed
  }
  if (assessment_team_.resize_for_year(clock_.academic_year() - engine::academic_year(model_.start_date))) {
    start_queued_assessments();
  }
  clock_.set_next_rollover(sim_.now());
  population_.age_one_year(
      [&](std::size_t d, int age) { return demand_.population_growth(d, age, clock_.academic_year()); });
  children_.compact();
  for (std::size_t i = 0; i < children_.live().size(); ++i) {
    const std::uint32_t id = children_.live()[i];
    Child& c = children_[id];
    if (c.status == Status::kGone) continue;
    const int age = academic_age(c);
    population_.add_known(c.district, age);
    if (c.status == Status::kSupport || c.status == Status::kPlan) schedule_hazard(id);
  }
}

void World::rollover_transfer() {
  // Phase transfers are decided before vacancies are offered to the waiting
  // list: places freed by movers wait until the movers have been placed
  // (rollover_join then fills what is left).
  std::vector<std::uint32_t> movers;
  places_.hold_vacancies(true);
  children_.compact();
  for (std::size_t i = 0; i < children_.live().size(); ++i) {
    const std::uint32_t id = children_.live()[i];
    Child& c = children_[id];
    if (c.status != Status::kPlan) continue;
    const int age = academic_age(c);
    const int ncy = age - 4;
    const bool transfer = ncy == 0 || ncy == 7 || ncy == 12 || ncy == 14;
    const bool outgrown = c.setting >= 0 && !suits(c, c.setting);
    if (!transfer && !outgrown) continue;
    SettingType type = c.plan_type;
    if (transfer && !rng_.placement.bernoulli(model_.placement.keep_type_at_transfer)) {
      type = draw_plan_type(c, static_cast<std::uint16_t>(age), rng_.placement);
    }
    if (c.waiting && type == c.waiting_for) {
      // Still waiting for the same kind of place: the wait goes on; only the
      // interim place moves if the child has outgrown it.
      if (outgrown) {
        leave_setting(id);
        const int interim = find_setting(c, SettingType::kMainstream, false, true);
        if (interim >= 0) join_setting(id, interim);
      }
      continue;
    }
    // A place of the same kind that still suits the child is kept (all-through schools).
    if (!outgrown && !c.waiting && !c.fallback && type == c.plan_type) continue;
    if (c.waiting) stop_waiting(id);
    leave_setting(id);
    c.plan_type = type;
    movers.push_back(id);
  }
  places_.hold_vacancies(false);
  count_flow(Flow::kPhaseTransfers, static_cast<double>(movers.size()));
  if (model_.policy.rule == PlacementRule::kMinCostFlow) september_round(movers);
  for (const auto id : movers) place(id);
}

void World::rollover_join() {
  for (std::size_t s = 0; s < places_.size(); ++s) fill_vacancies(static_cast<int>(s));
}

void World::places_change(std::uint32_t s) { refresh_places(static_cast<int>(s)); }

void World::refresh_places(int s) {
  const Day now = sim_.now();
  const int places = places_.places_due(s, now);
  post_setting(s, now);
  if (places_.is_local_specialist(s))
    demand_.places_changed(places_.district(s), places - places_.state(s).places);
  places_.set_places(s, places, now);
  if (places == 0 && !places_.spec(s).unlimited && places_.state(s).on_roll > 0) {
    // Closure: everyone on roll is placed again.
    std::vector<std::uint32_t> on_roll;
    children_.compact();
    for (const std::uint32_t id : children_.live()) {
      if (children_[id].status != Status::kGone && children_[id].setting == s) on_roll.push_back(id);
    }
    for (const auto id : on_roll) {
      leave_setting(id);
      place(id);
    }
    count_flow(Flow::kClosureMoves, static_cast<double>(on_roll.size()));
  }
  fill_vacancies(s);
}

}  // namespace sendsim::send
