// sim/send/world.hpp: one replication of the SEND pathway model.
//
// A World holds the children, settings, population and pipeline state of one
// replication and advances them on the engine. Children are followed one by
// one from identification (SEN support) or a direct request, through the
// 6-week decision, assessment (limited by assessment capacity), plan issue,
// placement, annual review and phase transfer, to leaving. The population
// without SEN is held as counts by district and age.
//
// Same-day order of events (the Priority enum below; lower runs first):
//   capacity  places change (openings, closures) before anything else, so a
//             September opening is there for September's transfers;
//   leave     the September rollover's leavers (plans ceasing at 25);
//   age       everyone's academic age moves on one year;
//   transfer  phase transfers (Reception, Year 7, Year 12, post-19) re-place;
//   join      arrivals: newly identified children, direct requests, plans
//             moving in (the monthly tick);
//   process   each child's own pathway events, in scheduling order;
//   record    the January census snapshot, after the day's changes.
//
// Random streams (engine/rng.hpp), one per process, so that changing one
// process does not shift the draws of another: "initial", "identification",
// "requests", "assessment", "placement", "review", "tribunal", "migration";
// "capital:<project>" per capital project; and "uncertainty", from which the
// model's uncertain parameters (Model::uncertainty) are drawn when the World
// is built (send/uncertainty.hpp). The World then runs on its own copy of the
// model with the draws applied; without uncertain parameters it uses the
// scenario's model as it is and draws nothing from that stream.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "engine/calendar.hpp"
#include "engine/rng.hpp"
#include "engine/simulation.hpp"
#include "engine/stats.hpp"
#include "send/assessment_team.hpp"
#include "send/capital.hpp"
#include "send/child.hpp"
#include "send/chunked_vector.hpp"
#include "send/clocks.hpp"
#include "send/costs.hpp"
#include "send/demand.hpp"
#include "send/finance.hpp"
#include "send/model.hpp"
#include "send/network.hpp"
#include "send/places.hpp"
#include "send/population.hpp"
#include "send/recording.hpp"
#include "send/results.hpp"
#include "send/uncertainty.hpp"

namespace sendsim::send {

using engine::Day;

/// Same-day order; see the header comment.
enum class Priority : std::uint8_t { kCapacity, kLeave, kAge, kTransfer, kJoin, kProcess, kRecord };

enum class EventKind : std::uint8_t {
  kPlacesChange,   // entity: setting
  kRolloverLeave,  // September rollover, in four parts
  kRolloverAge,
  kRolloverTransfer,
  kRolloverJoin,
  kMonthlyTick,  // identification, direct requests, plans moving in
  // The child events, kSupportHazard to kTribunal, are together: their
  // entity is a child's index (World::relocate_children renames it).
  kSupportHazard,   // a SEN-support child's next change (request, needs met, moved)
  kPlanHazard,      // a plan holder moving away
  kDecision,        // the 6-week decision on a request
  kAssessmentDone,  // assessment work finished
  kPlanIssued,      // final plan issued
  kReview,          // annual review
  kWaitTimeout,     // waited max_wait_months: go to INMSS
  kTribunal,        // an appeal decided
  kCensus,          // January census snapshot
  kCapital,         // a capital project's step (entity: project, detail: step)
};

/// An engine event: what happens, to whom, and the child's token when it was
/// scheduled. A child's token changes when its status changes (its hazard
/// token when its next hazard is drawn again), so events made stale by a
/// change are dropped on delivery without searching the queue.
struct Event {
  EventKind kind;
  std::uint8_t detail = 0;   // kind-specific (hazard kind, appeal kind)
  std::uint32_t entity = 0;  // child or setting index
  std::uint32_t token = 0;
};

/// What a tribunal appeal is against (the detail of a kTribunal event).
enum AppealKind : std::uint8_t { kAppealRefusal, kAppealPlacement };

/// Runs one replication of `scenario`; the result depends only on the
/// scenario, the master seed and the replication number.
/// When `stop` is given and becomes non-zero, the replication ends within a
/// few thousand events by throwing engine::Interrupted.
[[nodiscard]] ReplicationResult simulate_replication(const Scenario& scenario, std::uint64_t master_seed,
                                                     std::size_t replication,
                                                     const std::atomic<int>* stop = nullptr);

class World {
 public:
  World(const Scenario& scenario, std::uint64_t master_seed, std::size_t replication);
  // Its parts refer to its model, calendar and travel times: not copied.
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  /// Runs to the scenario's end date and returns the tables; throws
  /// engine::Interrupted when `stop` becomes non-zero first.
  ReplicationResult run(const std::atomic<int>* stop = nullptr);
  /// Adds a plan holder now, as a move-in would, and places them; returns the
  /// child's index. For hand-worked tests.
  std::uint32_t add_plan_holder(int academic_age, std::uint16_t district, Need need, SettingType plan_type);
  /// Delivers the events up to and including `day` (for tests and stepping).
  void advance_to(Day day);
  /// Whether the September rollover may renumber the children
  /// (relocate_children; on by default). Off only for the test that shows
  /// the renumbering changes nothing but the fingerprint.
  void set_renumbering(bool on) noexcept { renumbering_ = on; }
  /// How many times the children were renumbered so far.
  [[nodiscard]] int renumberings() const noexcept { return renumberings_; }
  [[nodiscard]] Day now() const noexcept { return sim_.now(); }
  /// A child's academic age: whole years on the 31 August before the current
  /// academic year (4 in Reception).
  [[nodiscard]] int academic_age_of(std::uint32_t id) const noexcept { return academic_age(children_[id]); }

  /// A child's academic age (as academic_age_of).
  [[nodiscard]] int academic_age(const Child& c) const noexcept;

  // The state as it is now, for the recorder and for tests.
  [[nodiscard]] const Model& model() const noexcept { return model_; }
  [[nodiscard]] Day end_day() const noexcept { return clock_.end_day(); }
  [[nodiscard]] const ChunkedVector<Child>& children() const noexcept { return children_.all(); }
  /// The children not gone, ascending, as of the last compaction (gone
  /// children may remain until then; see Children).
  [[nodiscard]] const std::vector<std::uint32_t>& live() const noexcept { return children_.live(); }
  [[nodiscard]] const Places& places() const noexcept { return places_; }
  [[nodiscard]] const AssessmentTeam& assessment_team() const noexcept { return assessment_team_; }
  [[nodiscard]] const std::vector<SettingState>& settings() const noexcept { return places_.states(); }
  /// Settings as they stand now (capital projects change designations and types).
  [[nodiscard]] const std::vector<Setting>& setting_specs() const noexcept { return places_.specs(); }
  [[nodiscard]] const engine::Calendar& calendar() const noexcept { return clock_.calendar(); }
  /// Pennies posted for each child and for each setting's place funding.
  [[nodiscard]] const ChunkedVector<std::int64_t>& child_pennies() const noexcept {
    return costs_.child_pennies();
  }
  [[nodiscard]] const std::vector<std::int64_t>& setting_pennies() const noexcept {
    return costs_.setting_pennies();
  }

 private:
  using Sim = engine::Simulation<Day, Event>;
  friend struct Handler;

  // world.cpp: set-up, dispatch, population, rollover
  void build();
  void seed_initial_stock();
  void handle(const Event& e);
  void monthly_tick();
  void rollover_leave();
  void rollover_age();
  void rollover_transfer();
  void relocate_children();
  void rollover_join();
  void places_change(std::uint32_t setting);
  /// Recomputes a setting's places (its own places list plus capital
  /// changes), re-places its children if it closed, and fills vacancies.
  void refresh_places(int setting);

  // capital.cpp: the capital programme
  void schedule_capital_programme(std::uint64_t master_seed, std::size_t replication);
  void capital_step(std::uint32_t project, std::uint8_t step);
  [[nodiscard]] const PolicyChange& policy_now() const noexcept { return demand_.policy_on(sim_.now()); }

  // pathway.cpp: requests to plans, reviews, tribunals
  std::uint32_t add_child(std::int16_t cohort, std::uint16_t district, Need need, Status status);
  void schedule_hazard(std::uint32_t id);
  void support_hazard(std::uint32_t id, std::uint8_t which);
  void plan_hazard(std::uint32_t id);
  void make_request(std::uint32_t id, bool direct);
  void decide(std::uint32_t id);
  void enter_assessment(std::uint32_t id);
  void start_assessment(std::uint32_t id);
  /// Starts queued assessments while the team has free slots (children no
  /// longer in assessment are dropped from the queue).
  void start_queued_assessments();
  void assessment_done(std::uint32_t id);
  /// Frees the slot child `id` held and starts the next queued assessment.
  void release_assessment_slot(std::uint32_t id);
  /// Registers a tribunal appeal for child `id`: decided after a time drawn
  /// from the tribunal's months.
  void schedule_tribunal(std::uint32_t id, AppealKind kind);
  void issue_plan(std::uint32_t id);
  void review(std::uint32_t id);
  void tribunal(std::uint32_t id, std::uint8_t which);
  void cease(std::uint32_t id, CeaseReason reason);
  void leave_support(std::uint32_t id);
  void set_status(std::uint32_t id, Status s);

  // placement.cpp
  /// `weight`, when given, multiplies the weights by type (the initial stock's).
  SettingType draw_plan_type(const Child& c, std::uint16_t academic_age, engine::Rng& rng,
                             const ByType* weight = nullptr);
  void place(std::uint32_t id);
  bool try_place_in_type(std::uint32_t id, SettingType type, bool forced);
  /// Who child `c` is, for a place search.
  [[nodiscard]] PlaceSeeker seeker(const Child& c) const noexcept {
    return {c.district, c.need, academic_age(c)};
  }
  /// Nearest suitable setting of `type` for `c`; see Places::find.
  [[nodiscard]] int find_setting(const Child& c, SettingType type, bool out_of_area, bool forced) const {
    return places_.find(seeker(c), type, out_of_area, forced);
  }
  [[nodiscard]] bool suits(const Child& c, int setting) const { return places_.suits(seeker(c), setting); }
  void join_setting(std::uint32_t id, int setting);
  void leave_setting(std::uint32_t id);
  void start_waiting(std::uint32_t id);
  void stop_waiting(std::uint32_t id);
  void fill_vacancies(int setting);
  void wait_timeout(std::uint32_t id);
  /// The system-optimal September round (min-cost flow): places `movers`
  /// and everyone waiting in specialist places where it can, and leaves in
  /// `movers` those it did not place.
  void september_round(std::vector<std::uint32_t>& movers);

  // costs (CostAccounts, send/costs.*)
  void post_child(std::uint32_t id, Day to) {
    costs_.post_child(id, children_[id], to, clock_.academic_year(), places_);
  }
  void post_setting(int setting, Day to) { costs_.post_setting(setting, to, places_); }
  /// Posts everyone up to the end of the run and adds the finance tables.
  void emit_finance();

  // recording (the Recorder, send/recording.*)
  void census();
  void count_flow(Flow flow, double n = 1.0) { recorder_.count_flow(year_index(), flow, n); }
  void record_wait_end(const Child& c) {
    const int year = year_index();
    recorder_.wait_ended(year, c.waiting_for, sim_.now() - c.wait_since);
  }
  void change_active(int delta) noexcept { recorder_.change_active(sim_.now(), delta); }
  /// The end-of-run tables and the result.
  ReplicationResult finish();

  /// Calendar year of now() counted from the start date's year (cached: time
  /// only moves forward).
  [[nodiscard]] int year_index() noexcept;
  [[nodiscard]] double years_elapsed() const noexcept;
  void schedule(Day at, Priority p, EventKind kind, std::uint32_t entity, std::uint8_t detail = 0);
  void schedule_child(Day at, EventKind kind, std::uint32_t id, std::uint8_t detail = 0);

  // The replication (master seed, number) and its model with the uncertain
  // parameters drawn (yearly entries drawn again each September). Declared
  // before model_, which refers to it, so that it is built first and lives
  // as long as the World.
  DrawnModel inputs_;
  const Model& model_;
  RunClock clock_;  // the calendar, the last day, the academic and calendar year now
  Sim sim_;

  // One random stream per process (send/codes.hpp streams), so that changing
  // one process does not shift another's draws.
  struct Streams {
    engine::Rng initial, identification, requests, assessment, placement, review, tribunal, migration;
  };
  Streams rng_;

  Children children_;  // the children by index, and the live list
  bool renumbering_ = true;
  int renumberings_ = 0;
  Places places_;  // the model's settings plus those capital projects open
  PopulationCounts population_;

  AssessmentTeam assessment_team_;

  CostAccounts costs_;

  DemandPolicy demand_;

  CapitalProgramme capital_;

  Recorder recorder_;
};

}  // namespace sendsim::send
