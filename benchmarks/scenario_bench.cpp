// benchmarks/scenario_bench.cpp: tiers 2 and 3. One behaviour (the
// min-cost-flow placement round) and whole scenarios (one replication of the
// default county, and of the tiny test area), reporting events per second and
// child-years per second.
#include <benchmark/benchmark.h>

#include <string>

#include "engine/rng.hpp"
#include "scenario/loader.hpp"
#include "send/flow.hpp"
#include "send/world.hpp"

namespace {

using namespace sendsim;

void BM_MinCostPlacementRound(benchmark::State& state) {
  // A September round: N children, 25 settings with 4 free places each, 70%
  // of pairs suitable, travel 0-90 minutes.
  const auto children = static_cast<std::size_t>(state.range(0));
  engine::Rng rng(7);
  send::AssignmentProblem p;
  p.capacity.assign(25, 4);
  p.cost.assign(children, std::vector<std::int64_t>(25, -1));
  for (auto& row : p.cost) {
    for (auto& c : row) {
      if (rng.bernoulli(0.7)) c = static_cast<std::int64_t>(rng.below(90));
    }
  }
  for (auto _ : state) benchmark::DoNotOptimize(send::solve_min_cost_assignment(p));
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(children));
}
BENCHMARK(BM_MinCostPlacementRound)->Arg(50)->Arg(200)->Unit(benchmark::kMillisecond);

void run_scenario_replication(benchmark::State& state, const std::string& file) {
  const send::Scenario scenario = scenario::load_scenario(std::string(SENDSIM_SOURCE_DIR) + "/" + file);
  std::size_t replication = 0;
  double events = 0;
  double child_years = 0;
  for (auto _ : state) {
    const auto result = send::simulate_replication(scenario, scenario.run.seed, replication++);
    events += static_cast<double>(result.events);
    child_years += result.child_years;
  }
  state.counters["events_per_s"] = benchmark::Counter(events, benchmark::Counter::kIsRate);
  state.counters["child_years_per_s"] = benchmark::Counter(child_years, benchmark::Counter::kIsRate);
  state.counters["events_per_rep"] = events / static_cast<double>(state.iterations());
}

void BM_EssexBaselineReplication(benchmark::State& state) {
  run_scenario_replication(state, "scenarios/essex-baseline.yaml");
}
BENCHMARK(BM_EssexBaselineReplication)->Unit(benchmark::kMillisecond)->MinTime(3.0);

void BM_TinyReplication(benchmark::State& state) {
  run_scenario_replication(state, "tests/scenarios/tiny-scenario.yaml");
}
BENCHMARK(BM_TinyReplication)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
