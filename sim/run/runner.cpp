// sim/run/runner.cpp: replications on threads, timed.
#include "run/runner.hpp"

#include <algorithm>
#include <chrono>

#include "send/world.hpp"

namespace sendsim::run {

RunOptions RunOptions::from_spec(const send::RunSpec& spec) {
  RunOptions options;
  options.replications = static_cast<std::size_t>(std::max(spec.replications, 0));
  options.seed = spec.seed;
  options.threads = static_cast<unsigned>(std::max(spec.threads, 0));
  return options;
}

RunOutput run_scenario(const send::Scenario& scenario, const RunOptions& options) {
  RunOutput out;
  out.scenario_name = scenario.name;
  out.replications = options.replications;
  out.seed = options.seed;
  const unsigned wanted = options.threads == 0 ? engine::default_thread_count() : options.threads;
  out.threads =
      static_cast<unsigned>(std::min<std::size_t>(wanted, std::max<std::size_t>(options.replications, 1)));

  const auto start = std::chrono::steady_clock::now();
  // Each replication's result goes straight into its slot (replication r
  // only ever touches slot r), so that the fold can read it at once.
  out.results.resize(options.replications);
  OrderedFold fold(out.results, options.on_replication);
  (void)engine::run_replications(
      options.replications, out.threads,
      [&](std::size_t r) {
        out.results[r] = send::simulate_replication(scenario, options.seed, r, options.stop);
        if (options.aggregate) fold.finished(r);
        return true;
      },
      options.progress, options.stop);
  if (options.aggregate) out.tables = fold.finish();
  const auto stop = std::chrono::steady_clock::now();
  out.wall_seconds = std::chrono::duration<double>(stop - start).count();

  for (const auto& r : out.results) {
    out.events += r.events;
    out.child_years += r.child_years;
  }
  out.events_per_second = out.wall_seconds > 0.0 ? static_cast<double>(out.events) / out.wall_seconds : 0.0;
  return out;
}

}  // namespace sendsim::run
