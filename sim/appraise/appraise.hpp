// sim/appraise/appraise.hpp: capital options weighed against a baseline
// under common random numbers, and the least-cost portfolio that meets a
// target within a budget.
//
// Each portfolio (a set of options, at most one of each group) is run as a
// scenario with the baseline's seed, so replication r of every portfolio sees
// the same children (common random numbers) and differences are paired.
// Per replication and portfolio (all in pounds at the prices of the run's
// first financial year, i.e. real terms):
//   cost of year t   the high-needs spend of financial year t (every line of
//                    spend.csv: place funding, top-ups, INMSS fees, support,
//                    alternative provision, transport) deflated by the
//                    model's inflation, (1 + inflation)^t, plus the capital
//                    of every project whose works start that year (capital
//                    cost drawn per replication from the project's own
//                    stream "capital_cost:NAME"; works start at planned less
//                    lead_time_months; works starting before the run are
//                    counted in its first year, after its end not at all);
//   NPC              sum over t of cost_t / (1 + rate)^t, t = 0 for the
//                    run's first financial year (Green Book: year 0 is not
//                    discounted);
//   waiting          plan holders waiting at each January census, summed
//                    (child-years of waiting at census);
//   INMSS            INMSS placements at each census, summed;
//   place-years      enhanced and special places at each census, summed;
//   target metric    the target's measure: the longest wait that ended
//                    (months), INMSS placements, or children waiting, at its
//                    worst over the years from the target's from_year.
// Against the baseline (paired): incremental NPC, waiting and INMSS avoided,
// place-years added, cost per place-year added (incremental NPC / place-years
// added), payback year (first financial year at which the cumulative
// discounted incremental cost, mean over replications, is at or below zero).
//
// Search: when the portfolios that respect the groups and the budget (on the
// expected capital, (min + mode + max) / 3 of each project) number at most
// max_exact, every one is run at the full replications (exact). Otherwise a
// heuristic in two stages.
//   1. Screening search, at screening_replications (n0, default 20; the
//      first n0 replications, the same children as the full run): each
//      option alone, then options added one at a time (those saving money on
//      their own first, by shortfall removed; then the others by shortfall
//      removed per pound of incremental NPC; all from the options alone)
//      until the target is met, then the last step's second-best option in
//      place of the one taken (a contender), then members dropped while the
//      target stays met.
//   2. Screening and selection: of every portfolio the search ran, those that
//      could be the cheapest meeting the target (screen_portfolios below: a
//      statistical margin on the paired differences under common random
//      numbers) are the finalists; they and the baseline are run on to the
//      full replications (replications n0.. only: the first n0 are reused,
//      being the same). The others keep their n0 replications, marked
//      screened out, and rank after the finalists.
// With n0 at or above the full count (or 0) there is no screening: the search
// runs at the full count and every portfolio is a finalist. Selection: the
// least mean incremental NPC among the finalists meeting the target; how sure
// it is, from the paired differences with the runner-up: P(chosen cheaper) =
// Phi(mean(d) / (sd(d) / sqrt(n))), and over every other feasible finalist at
// once (Bonferroni: p_chosen_best); and the subset of finalists meeting the
// target whose paired 95% interval against the chosen one reaches zero (any of
// them could be the cheapest). When none meets the target, it is reported
// infeasible with the closest portfolio (least mean shortfall, then NPC).
// Every stage's runs are one pool of (portfolio, replication) tasks on the
// threads, each seeded by (seed, replication) alone, so the result is the
// same whatever the thread count.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "appraise/options.hpp"
#include "engine/stats.hpp"
#include "send/model.hpp"
#include "send/results.hpp"

namespace sendsim::appraise {

/// 1 / (1 + rate)^years.
[[nodiscard]] double discount_factor(double rate, int years);
/// Sum of amounts[t] * discount_factor(rate, t).
[[nodiscard]] double present_value(std::span<const double> amounts, double rate);
/// The first index at which the running sum of `net` (costs positive,
/// savings negative) is at or below zero, not counting leading years with no
/// difference (|net| under half a penny: nothing built or saved yet); none
/// when it stays above zero, or nothing ever differs.
[[nodiscard]] std::optional<std::size_t> payback_index(std::span<const double> net);
/// The financial year (April-March, named by the year it starts) of a date.
[[nodiscard]] int financial_year_of(const send::Date& date);

/// One replication of one portfolio.
struct Measures {
  std::vector<double>
      cost_by_year;    // real pounds per financial year of the run, undiscounted (revenue + capital)
  double npc = 0;      // discounted
  double capital = 0;  // drawn capital, undiscounted
  double waiting = 0;
  double inmss = 0;
  double place_years = 0;
  double target_metric = 0;
};

/// The run's financial years: the first (start year) and how many.
struct Horizon {
  int first_fy = 0;
  int years = 0;
};

[[nodiscard]] Horizon horizon_of(const send::Scenario& scenario);

/// The measures of one replication (see above). `seed` is the master seed.
[[nodiscard]] Measures measure_replication(const send::ReplicationResult& result,
                                           const send::Scenario& scenario, const Target& target, double rate,
                                           const Horizon& horizon, std::uint64_t seed);

/// Expected capital of a scenario's projects: sum of (min + mode + max) / 3.
[[nodiscard]] double expected_capital(const send::Scenario& scenario);

/// One evaluated portfolio, against the baseline.
struct PortfolioResult {
  std::vector<std::size_t> options;  // ascending indices
  std::string label;                 // option names joined by " + ", or "baseline"
  std::vector<Measures> reps;
  double capital_expected = 0;  // incremental, expected, undiscounted
  bool within_budget = true;
  engine::Summary npc;                  // absolute
  engine::Summary incremental_npc;      // portfolio - baseline, paired
  engine::Summary incremental_capital;  // drawn, undiscounted
  engine::Summary waiting_avoided;      // baseline - portfolio
  engine::Summary inmss_avoided;
  double place_years_added = 0;     // mean
  double cost_per_place_year = 0;   // NaN when no place-years are added
  std::optional<int> payback_year;  // financial year (start year)
  engine::Summary target_metric;
  double p_target_met = 0;
  bool meets_target = false;
  double shortfall = 0;  // mean of max(0, metric - at_most)
  bool on_frontier = false;
  int rank = 0;          // 1 = best; feasible first by NPC, then by shortfall
  bool finalist = true;  // run at the full replications (false: screened out at the screening count)
};

struct AppraisalResult {
  std::string method;                      // "exact" or "greedy"
  std::size_t admissible = 0;              // portfolios respecting the groups and the budget
  std::size_t replications = 0;            // of the baseline and every finalist
  std::size_t screening_replications = 0;  // of the search before the finalists (0: no screening)
  std::size_t replications_run = 0;        // simulated, over every portfolio
  std::uint64_t seed = 0;
  Horizon horizon;
  std::vector<PortfolioResult> portfolios;  // in evaluation order, baseline first
  std::optional<std::size_t> chosen;        // meets the target at least cost
  std::optional<std::size_t> runner_up;
  std::optional<std::size_t> closest;   // when none meets it
  double p_chosen_beats_runner_up = 0;  // NaN when there is no runner-up
  /// Lower bound on P(the chosen portfolio is the cheapest of the feasible
  /// finalists): 1 - sum over the others of P(that one is cheaper)
  /// (Bonferroni), at least 0; NaN when none is chosen, 1 when it is alone.
  double p_chosen_best = 0;
  engine::Summary runner_up_difference;    // runner-up NPC - chosen NPC, paired
  std::vector<std::size_t> could_be_best;  // subset selection (see above)
};

struct AppraiseOptions {
  std::size_t replications = 0;
  std::uint64_t seed = 0;
  unsigned threads = 0;
  const std::atomic<int>* stop = nullptr;
  std::FILE* log = nullptr;  // one line per portfolio run; may be null
};

/// The screening step of the heuristic search (see above): of the
/// portfolios in `result` (baseline first and included, every one with at least `n0`
/// replications, summarised), those within budget that could be the cheapest
/// meeting the target. A portfolio is kept when the target is plausibly met
/// (the Wilson upper 95% bound of its share of the first n0 replications
/// meeting it is at least the target's confidence) and no portfolio that
/// surely meets it (Wilson lower 95% bound at least the confidence) is
/// surely cheaper: for every such j, mean(NPC_i - NPC_j) <= t * S_ij /
/// sqrt(n0), S_ij the standard deviation of the paired differences over the
/// first n0 replications and t the Student t quantile at (1 -
/// alpha)^(1/(k-1)) with n0 - 1 degrees of freedom, k the portfolios
/// plausibly meeting the target (Nelson, Swann, Goldsman and Song 2001,
/// "Simple procedures for selecting the best simulated system when the
/// number of alternatives is large", Operations Research 49(6), screening
/// under common random numbers). When none plausibly meets it, the closest
/// portfolio. Indices ascending.
[[nodiscard]] std::vector<std::size_t> screen_portfolios(const AppraisalResult& result,
                                                         const OptionsFile& options, std::size_t n0,
                                                         double alpha = 0.05);

/// Runs the search (see above).
[[nodiscard]] AppraisalResult appraise(const OptionsFile& options, const AppraiseOptions& run);

/// Fills the comparisons against portfolios[0] (the baseline), the frontier,
/// ranks and selection of `result` from its portfolios' measures. Used by
/// appraise(); public for tests.
void summarise_portfolios(AppraisalResult& result, const OptionsFile& options);

}  // namespace sendsim::appraise
