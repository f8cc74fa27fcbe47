// sim/appraise/appraise.cpp: measures, comparisons and the search (appraise.hpp).
#include "appraise/appraise.hpp"

#include <algorithm>
#include <boost/math/distributions/students_t.hpp>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>

#include "engine/replication.hpp"
#include "engine/rng.hpp"
#include "send/tables.hpp"
#include "send/world.hpp"

namespace sendsim::appraise {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDaysPerMonth = 365.25 / 12.0;
/// A yearly difference smaller than half a penny is no difference.
constexpr double kNothing = 0.005;

int year_of_key(const std::string& text) { return std::stoi(text.substr(0, 4)); }

double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

engine::Summary summary_of(const std::vector<double>& v) { return engine::summarise(v); }

std::string label_of(const OptionsFile& options, const std::vector<std::size_t>& chosen) {
  if (chosen.empty()) return "baseline";
  std::string out;
  for (const std::size_t i : chosen) {
    if (!out.empty()) out += " + ";
    out += options.options[i].name;
  }
  return out;
}

}  // namespace

double discount_factor(double rate, int years) { return 1.0 / std::pow(1.0 + rate, years); }

double present_value(std::span<const double> amounts, double rate) {
  double sum = 0;
  for (std::size_t t = 0; t < amounts.size(); ++t)
    sum += amounts[t] * discount_factor(rate, static_cast<int>(t));
  return sum;
}

std::optional<std::size_t> payback_index(std::span<const double> net) {
  double sum = 0;
  bool started = false;  // leading years with no difference (before any spend or saving) do not count
  for (std::size_t t = 0; t < net.size(); ++t) {
    sum += net[t];
    started = started || std::abs(net[t]) > kNothing;
    if (started && sum <= 0) return t;
  }
  return std::nullopt;
}

int financial_year_of(const send::Date& date) { return date.month >= 4 ? date.year : date.year - 1; }

Horizon horizon_of(const send::Scenario& scenario) {
  Horizon h;
  h.first_fy = financial_year_of(scenario.model.start_date);
  h.years = financial_year_of(scenario.run.end_date) - h.first_fy + 1;
  return h;
}

double expected_capital(const send::Scenario& scenario) {
  double sum = 0;
  for (const send::CapitalProject& p : scenario.model.capital_programme) {
    sum += (p.capital_cost.min + p.capital_cost.mode + p.capital_cost.max) / 3.0;
  }
  return sum;
}

Measures measure_replication(const send::ReplicationResult& result, const send::Scenario& scenario,
                             const Target& target, double rate, const Horizon& horizon, std::uint64_t seed) {
  Measures m;
  m.cost_by_year.assign(static_cast<std::size_t>(std::max(horizon.years, 0)), 0.0);
  const double inflation = scenario.model.costs.inflation;
  if (const send::Table* spend = result.find(send::tables::kSpend)) {
    for (const auto& [key, value] : spend->rows) {
      const int t = year_of_key(key[0]) - horizon.first_fy;
      if (t < 0 || t >= horizon.years) continue;
      m.cost_by_year[t] += value / std::pow(1.0 + inflation, t);
    }
  }
  for (const send::CapitalProject& p : scenario.model.capital_programme) {
    const send::Triangular& c = p.capital_cost;
    if (c.max <= 0) continue;
    engine::Rng rng(seed, result.replication,
                    engine::stream_id((std::string(send::streams::kCapitalCostPrefix) + p.name).c_str()));
    const double cost = c.min < c.max ? rng.triangular(c.min, c.mode, c.max) : c.mode;
    const int months = p.planned.year * 12 + (p.planned.month - 1) - p.lead_time_months;
    const int year = months >= 0 ? months / 12 : -((-months + 11) / 12);
    const int month = months - year * 12 + 1;
    const int t = std::max(0, financial_year_of(send::Date{year, month, 1}) - horizon.first_fy);
    if (t >= horizon.years) continue;  // works start after the horizon
    m.cost_by_year[t] += cost;
    m.capital += cost;
  }
  m.npc = present_value(m.cost_by_year, rate);
  std::map<int, double> waiting_by_year;
  std::map<int, double> inmss_by_year;
  if (const send::Table* w = result.find(send::tables::kWaitingSnapshot)) {
    for (const auto& [key, value] : w->rows) {
      m.waiting += value;
      waiting_by_year[year_of_key(key[0])] += value;
    }
  }
  if (const send::Table* e = result.find(send::tables::kEhcSnapshot)) {
    for (const auto& [key, value] : e->rows) {
      if (key[1] != "inmss") continue;
      m.inmss += value;
      inmss_by_year[year_of_key(key[0])] += value;
    }
  }
  if (const send::Table* s = result.find(send::tables::kSufficiencySnapshot)) {
    for (const auto& [key, value] : s->rows) {
      if (key[4] == "places") m.place_years += value;
    }
  }
  double worst = 0;
  switch (target.measure) {
    case TargetMeasure::kMaxWaitMonths:
      if (const send::Table* ww = result.find(send::tables::kWaitWeeks)) {
        for (const auto& [key, value] : ww->rows) {
          if (key[2] == "max" && year_of_key(key[0]) >= target.from_year)
            worst = std::max(worst, value * 7.0 / kDaysPerMonth);
        }
      }
      break;
    case TargetMeasure::kInmssPlacements:
      for (const auto& [year, v] : inmss_by_year) {
        if (year >= target.from_year) worst = std::max(worst, v);
      }
      break;
    case TargetMeasure::kWaiting:
      for (const auto& [year, v] : waiting_by_year) {
        if (year >= target.from_year) worst = std::max(worst, v);
      }
      break;
  }
  m.target_metric = worst;
  return m;
}

void summarise_portfolios(AppraisalResult& result, const OptionsFile& options) {
  if (result.portfolios.empty()) return;
  const PortfolioResult& base = result.portfolios[0];
  const double rate = options.discount_rate;
  for (PortfolioResult& p : result.portfolios) {
    // Paired over the replications both have (a portfolio screened out has
    // fewer than the baseline).
    const std::size_t n = std::min(base.reps.size(), p.reps.size());
    std::vector<double> npc, inc, cap, wait, inmss, metric;
    std::vector<double> net(static_cast<std::size_t>(std::max(result.horizon.years, 0)), 0.0);
    double place_years = 0, met = 0, shortfall = 0;
    for (std::size_t r = 0; r < n; ++r) {
      const Measures& a = p.reps[r];
      const Measures& b = base.reps[r];
      npc.push_back(a.npc);
      inc.push_back(a.npc - b.npc);
      cap.push_back(a.capital - b.capital);
      wait.push_back(b.waiting - a.waiting);
      inmss.push_back(b.inmss - a.inmss);
      metric.push_back(a.target_metric);
      place_years += (a.place_years - b.place_years) / static_cast<double>(n);
      if (a.target_metric <= options.target.at_most) met += 1;
      shortfall += std::max(0.0, a.target_metric - options.target.at_most) / static_cast<double>(n);
      for (std::size_t t = 0; t < net.size() && t < a.cost_by_year.size(); ++t) {
        net[t] += (a.cost_by_year[t] - b.cost_by_year[t]) * discount_factor(rate, static_cast<int>(t)) /
                  static_cast<double>(n);
      }
    }
    p.npc = summary_of(npc);
    p.incremental_npc = summary_of(inc);
    p.incremental_capital = summary_of(cap);
    p.waiting_avoided = summary_of(wait);
    p.inmss_avoided = summary_of(inmss);
    p.target_metric = summary_of(metric);
    p.place_years_added = place_years;
    p.cost_per_place_year = place_years > 0.5 ? p.incremental_npc.mean / place_years : kNaN;
    p.p_target_met = n > 0 ? met / static_cast<double>(n) : 0;
    p.meets_target = n > 0 && p.p_target_met >= options.target.confidence;
    p.shortfall = shortfall;
    p.payback_year.reset();
    if (!p.options.empty()) {
      if (const auto idx = payback_index(net))
        p.payback_year = result.horizon.first_fy + static_cast<int>(*idx);
    }
  }
  // Frontier: within budget and not dominated in (shortfall, incremental NPC).
  for (PortfolioResult& p : result.portfolios) {
    p.on_frontier = p.within_budget;
    if (!p.within_budget) continue;
    for (const PortfolioResult& q : result.portfolios) {
      if (&q == &p || !q.within_budget) continue;
      const bool no_worse = q.shortfall <= p.shortfall && q.incremental_npc.mean <= p.incremental_npc.mean;
      const bool better = q.shortfall < p.shortfall || q.incremental_npc.mean < p.incremental_npc.mean;
      if (no_worse && better) {
        p.on_frontier = false;
        break;
      }
    }
  }
  // Ranks: feasible (meets the target within budget) by NPC, then the rest by shortfall, then NPC.
  std::vector<std::size_t> order(result.portfolios.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Only finalists (run at the full replications) can be chosen; those
  // screened out rank after them.
  auto feasible = [&](std::size_t i) {
    const PortfolioResult& p = result.portfolios[i];
    return p.meets_target && p.within_budget && p.finalist;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const PortfolioResult& pa = result.portfolios[a];
    const PortfolioResult& pb = result.portfolios[b];
    if (feasible(a) != feasible(b)) return feasible(a);
    if (pa.finalist != pb.finalist) return pa.finalist;
    if (pa.within_budget != pb.within_budget) return pa.within_budget;
    if (!feasible(a) && pa.shortfall != pb.shortfall) return pa.shortfall < pb.shortfall;
    return pa.incremental_npc.mean < pb.incremental_npc.mean;
  });
  for (std::size_t k = 0; k < order.size(); ++k) result.portfolios[order[k]].rank = static_cast<int>(k + 1);
  result.chosen.reset();
  result.runner_up.reset();
  result.closest.reset();
  result.could_be_best.clear();
  result.p_chosen_beats_runner_up = kNaN;
  result.p_chosen_best = kNaN;
  result.runner_up_difference = engine::Summary{};
  const std::size_t n = base.reps.size();
  if (!order.empty() && feasible(order[0])) {
    result.chosen = order[0];
    if (order.size() > 1 && feasible(order[1])) result.runner_up = order[1];
  } else if (!order.empty() && result.portfolios[order[0]].within_budget) {
    result.closest = order[0];
  }
  if (result.chosen) {
    const PortfolioResult& best = result.portfolios[*result.chosen];
    double p_any_beats = 0;  // Bonferroni: P(some other feasible finalist is cheaper) <= the sum
    for (std::size_t k = 0; k < order.size() && feasible(order[k]); ++k) {
      const PortfolioResult& q = result.portfolios[order[k]];
      std::vector<double> d;
      for (std::size_t r = 0; r < n && r < q.reps.size(); ++r) d.push_back(q.reps[r].npc - best.reps[r].npc);
      const engine::Summary s = summary_of(d);
      if (order[k] == *result.chosen || s.ci_low <= 0) result.could_be_best.push_back(order[k]);
      if (order[k] == *result.chosen) continue;
      double p_beats = 0.5;
      if (s.sd > 0 && d.size() > 1) {
        p_beats = normal_cdf(s.mean / (s.sd / std::sqrt(static_cast<double>(d.size()))));
      } else {
        p_beats = s.mean > 0 ? 1.0 : (s.mean < 0 ? 0.0 : 0.5);
      }
      p_any_beats += 1 - p_beats;
      if (result.runner_up && order[k] == *result.runner_up) {
        result.runner_up_difference = s;
        result.p_chosen_beats_runner_up = p_beats;
      }
    }
    result.p_chosen_best = std::max(0.0, 1 - p_any_beats);
  }
}

namespace {

/// Student's t quantile at `p` with `df` degrees of freedom (df >= 1).
double t_quantile(double p, double df) { return boost::math::quantile(boost::math::students_t(df), p); }

/// Wilson score interval bound for a share `k` of `n` at normal quantile `z`
/// (upper when z > 0, lower when z < 0).
double wilson_bound(double k, double n, double z) {
  if (n <= 0) return z > 0 ? 1.0 : 0.0;
  const double p = k / n;
  const double z2 = z * z;
  const double centre = p + z2 / (2 * n);
  const double half = std::abs(z) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return std::clamp((z > 0 ? centre + half : centre - half) / (1 + z2 / n), 0.0, 1.0);
}

}  // namespace

std::vector<std::size_t> screen_portfolios(const AppraisalResult& result, const OptionsFile& options,
                                           std::size_t n0, double alpha) {
  const std::vector<PortfolioResult>& ps = result.portfolios;
  const double n = static_cast<double>(n0);
  const double z = 1.6448536269514722;           // one-sided 95%
  std::vector<std::size_t> plausible;            // within budget, the target plausibly met
  std::vector<std::size_t> sure;                 // within budget, the target surely met
  for (std::size_t i = 0; i < ps.size(); ++i) {  // the baseline too: it may meet the target itself
    const PortfolioResult& p = ps[i];
    if (!p.within_budget || p.reps.size() < n0) continue;
    double met = 0;
    for (std::size_t r = 0; r < n0; ++r) met += p.reps[r].target_metric <= options.target.at_most ? 1 : 0;
    if (wilson_bound(met, n, z) >= options.target.confidence) plausible.push_back(i);
    if (wilson_bound(met, n, -z) >= options.target.confidence) sure.push_back(i);
  }
  std::vector<std::size_t> keep;
  if (plausible.empty()) {
    // Nothing could meet the target: the closest portfolio (least shortfall
    // at the screening replications, then NPC) goes on to be confirmed.
    if (result.closest) keep.push_back(*result.closest);
    return keep;
  }
  const std::size_t k = plausible.size();
  const double t =
      k > 1 && n0 > 1 ? t_quantile(std::pow(1 - alpha, 1.0 / static_cast<double>(k - 1)), n - 1) : 0;
  for (const std::size_t i : plausible) {
    bool kept = true;
    for (const std::size_t j : sure) {
      if (j == i) continue;
      double mean = 0;
      for (std::size_t r = 0; r < n0; ++r) mean += (ps[i].reps[r].npc - ps[j].reps[r].npc) / n;
      double ss = 0;
      for (std::size_t r = 0; r < n0; ++r) {
        const double d = ps[i].reps[r].npc - ps[j].reps[r].npc - mean;
        ss += d * d;
      }
      const double s = n0 > 1 ? std::sqrt(ss / (n - 1)) : 0;
      if (mean > t * s / std::sqrt(n)) {  // i is surely dearer than j, which surely meets the target
        kept = false;
        break;
      }
    }
    if (kept) keep.push_back(i);
  }
  return keep;
}

AppraisalResult appraise(const OptionsFile& options, const AppraiseOptions& run) {
  AppraisalResult result;
  result.replications = run.replications;
  result.seed = run.seed;
  const scenario::Node tree = baseline_tree(options);
  const send::Scenario base_scenario = portfolio_scenario(options, tree, {});
  result.horizon = horizon_of(base_scenario);
  const double base_capital = expected_capital(base_scenario);
  std::map<std::vector<std::size_t>, std::size_t> done;  // portfolio -> index in result.portfolios
  std::vector<send::Scenario> scenarios;                 // by index in result.portfolios

  // Adds a portfolio (not yet run) and returns its index.
  auto add = [&](std::vector<std::size_t> chosen) -> std::size_t {
    std::sort(chosen.begin(), chosen.end());
    if (const auto it = done.find(chosen); it != done.end()) return it->second;
    scenarios.push_back(portfolio_scenario(options, tree, chosen));
    PortfolioResult p;
    p.options = chosen;
    p.label = label_of(options, chosen);
    p.capital_expected = expected_capital(scenarios.back()) - base_capital;
    p.within_budget = p.capital_expected <= options.budget;
    result.portfolios.push_back(std::move(p));
    done.emplace(chosen, result.portfolios.size() - 1);
    return result.portfolios.size() - 1;
  };
  // Runs the portfolios `which` up to `reps` replications each (those they
  // lack), as one pool of (portfolio, replication) tasks: replication r of
  // every portfolio has the same seed, so running 0..n0-1 now and n0..n-1
  // later gives the same measures as one run of n.
  auto run_to = [&](const std::vector<std::size_t>& which, std::size_t reps, const char* stage) {
    struct Task {
      std::size_t portfolio;
      std::size_t replication;
    };
    std::vector<Task> tasks;
    std::size_t runs = 0;
    for (const std::size_t i : which) {
      const std::size_t have = result.portfolios[i].reps.size();
      runs += have < reps ? 1 : 0;
      for (std::size_t r = have; r < reps; ++r) tasks.push_back({i, r});
    }
    if (tasks.empty()) return;
    const auto start = std::chrono::steady_clock::now();
    std::vector<Measures> measures = engine::run_replications(
        tasks.size(), run.threads,
        [&](std::size_t k) {
          const Task& t = tasks[k];
          const send::Scenario& sc = scenarios[t.portfolio];
          const send::ReplicationResult rep =
              send::simulate_replication(sc, run.seed, t.replication, run.stop);
          return measure_replication(rep, sc, options.target, options.discount_rate, result.horizon,
                                     run.seed);
        },
        {}, run.stop);
    for (std::size_t k = 0; k < tasks.size(); ++k) {
      result.portfolios[tasks[k].portfolio].reps.push_back(std::move(measures[k]));
    }
    result.replications_run += tasks.size();
    if (run.log != nullptr) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::fprintf(run.log, "appraise: %s: %zu portfolio%s to %zu replications (%zu runs) in %.1f s\n", stage,
                   runs, runs == 1 ? "" : "s", reps, tasks.size(), seconds);
      std::fflush(run.log);
    }
  };

  const std::size_t n = options.options.size();
  // Expected capital of each option alone (added to the baseline's).
  std::vector<double> option_capital(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    option_capital[i] = expected_capital(portfolio_scenario(options, tree, {i})) - base_capital;
  }
  std::vector<std::vector<std::size_t>> admissible;
  bool counted = n <= 20;
  if (counted) {
    for (std::uint32_t mask = 1; mask < (1u << n); ++mask) {
      std::vector<std::size_t> chosen;
      double capital = 0;
      for (std::size_t i = 0; i < n; ++i) {
        if ((mask >> i) & 1u) {
          chosen.push_back(i);
          capital += option_capital[i];
        }
      }
      if (capital <= options.budget && respects_groups(options, chosen)) {
        admissible.push_back(std::move(chosen));
        if (admissible.size() > static_cast<std::size_t>(options.max_exact)) break;
      }
    }
  }
  const std::size_t full = run.replications;
  if (counted && admissible.size() <= static_cast<std::size_t>(options.max_exact)) {
    result.method = "exact";
    result.admissible = admissible.size() + 1;  // and the baseline
    std::vector<std::size_t> all{add({})};
    for (const auto& chosen : admissible) all.push_back(add(chosen));
    run_to(all, full, "exact");
    summarise_portfolios(result, options);
    return result;
  }

  result.method = "greedy";
  result.admissible = 0;  // not counted (more than max_exact)
  // Screening: the search runs at n0 replications; the finalists are then
  // run on to the full count (the same first n0 replications, so no run is
  // wasted). No screening when the full count is not above n0.
  const std::size_t n0 =
      options.screening_replications > 0 && static_cast<std::size_t>(options.screening_replications) < full
          ? static_cast<std::size_t>(options.screening_replications)
          : full;
  result.screening_replications = n0 < full ? n0 : 0;
  const char* stage = n0 < full ? "screening" : "search";
  auto evaluate = [&](std::vector<std::size_t> chosen) -> std::size_t {
    const std::size_t i = add(std::move(chosen));
    run_to({i}, n0, stage);
    return i;
  };

  std::vector<std::size_t> single(n);
  {
    std::vector<std::size_t> first{add({})};
    for (std::size_t i = 0; i < n; ++i) {
      if (option_capital[i] <= options.budget) first.push_back(single[i] = add({i}));
    }
    run_to(first, n0, stage);
  }
  summarise_portfolios(result, options);
  const double base_shortfall = result.portfolios[0].shortfall;
  std::vector<std::size_t> current;
  std::optional<std::size_t> runner_up_pick;  // the second-best option at the last step
  double capital = 0;
  for (;;) {
    const std::size_t at = evaluate(current);
    summarise_portfolios(result, options);
    if (result.portfolios[at].meets_target) break;
    // Options that save money on their own come first, most shortfall
    // removed first; then the others by shortfall removed per pound.
    std::optional<std::size_t> pick;
    std::optional<std::size_t> second;
    std::pair<int, double> best_score{-1, 0.0};
    std::pair<int, double> second_score{-1, 0.0};
    for (std::size_t i = 0; i < n; ++i) {
      if (std::find(current.begin(), current.end(), i) != current.end()) continue;
      if (capital + option_capital[i] > options.budget) continue;
      std::vector<std::size_t> next = current;
      next.push_back(i);
      if (!respects_groups(options, next)) continue;
      const PortfolioResult& alone = result.portfolios[single[i]];
      const double removed = base_shortfall - alone.shortfall;
      if (removed <= 0) continue;
      const bool saves = alone.incremental_npc.mean <= 0;
      const std::pair<int, double> score{
          saves ? 1 : 0, saves ? removed : removed / std::max(alone.incremental_npc.mean, 1.0)};
      if (!pick || score > best_score) {
        second = pick;
        second_score = best_score;
        best_score = score;
        pick = i;
      } else if (!second || score > second_score) {
        second = i;
        second_score = score;
      }
    }
    if (!pick) break;
    runner_up_pick = second;
    current.push_back(*pick);
    capital += option_capital[*pick];
  }
  // A contender for the selection: the last step's second-best option in
  // place of the one taken.
  if (runner_up_pick && !current.empty()) {
    std::vector<std::size_t> other = current;
    other.back() = *runner_up_pick;
    if (respects_groups(options, other)) (void)evaluate(other);
  }
  // Drop members while the target stays met, cheapest portfolio first.
  const std::size_t last = evaluate(current);
  summarise_portfolios(result, options);
  bool improved = result.portfolios[last].meets_target;
  while (improved && current.size() > 1) {
    improved = false;
    for (std::size_t k = 0; k < current.size(); ++k) {
      std::vector<std::size_t> fewer = current;
      fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(k));
      const std::size_t at = evaluate(fewer);
      summarise_portfolios(result, options);
      if (result.portfolios[at].meets_target &&
          result.portfolios[at].incremental_npc.mean <
              result.portfolios[evaluate(current)].incremental_npc.mean) {
        current = std::move(fewer);
        improved = true;
        break;
      }
    }
  }
  summarise_portfolios(result, options);
  if (n0 < full) {
    // Selection: the portfolios that could be the cheapest meeting the
    // target go on to the full replications with the baseline; the others
    // keep their screening replications and are marked screened out.
    const std::vector<std::size_t> finalists = screen_portfolios(result, options, n0);
    for (PortfolioResult& p : result.portfolios) p.finalist = false;
    std::vector<std::size_t> to_run{0};
    for (const std::size_t i : finalists) {
      if (i != 0) to_run.push_back(i);
    }
    for (const std::size_t i : to_run) result.portfolios[i].finalist = true;
    run_to(to_run, full, "finalists");
    summarise_portfolios(result, options);
  }
  return result;
}

}  // namespace sendsim::appraise
