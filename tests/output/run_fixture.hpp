// tests/output/run_fixture.hpp: one short real run of the tiny model (in
// code, with costs and a DSG allocation so the finance tables have figures),
// written once into a results folder shared by the tests of a binary.
#pragma once

#include <memory>

#include "../send/tiny_model.hpp"
#include "output/results_writer.hpp"
#include "results_fixture.hpp"
#include "run/runner.hpp"

namespace sendsim::output::testing {

inline send::Scenario costed_tiny_scenario() {
  send::Scenario sc = send::testing::tiny_scenario();
  sc.run.end_date = {2025, 8, 31};
  send::Costs& c = sc.model.costs;
  c.top_up = {0, 9000, 15000, 55000};
  c.post16_top_up = 4000;
  c.sen_support_per_child = 300;
  c.alternative_provision_per_child = 20000;
  c.transport = {{30, 4000}, {90, 9000}};
  c.inflation = 0.03;
  sc.model.dsg.allocation = 9'000'000;
  sc.model.dsg.growth = 0.04;
  sc.model.dsg.opening_balance = -500'000;
  return sc;
}

/// The run and its results folder, made on first use and kept for the
/// process (the folder is removed at exit with the ScratchDir).
struct TinyRun {
  send::Scenario scenario = costed_tiny_scenario();
  run::RunOutput output;
  std::vector<run::AggregatedTable> tables;
  ScratchDir scratch{"tiny-run"};
  fs::path dir;

  TinyRun() {
    run::RunOptions options = run::RunOptions::from_spec(scenario.run);
    options.replications = 3;
    output = run::run_scenario(scenario, options);
    tables = run::aggregate(output.results);
    dir = scratch.path() / "out";
    write_results(dir, output, tables, ResultsContext{&scenario, "scenario: {}\n", "test"});
  }
};

inline const TinyRun& tiny_run() {
  static const std::unique_ptr<TinyRun> run = std::make_unique<TinyRun>();
  return *run;
}

}  // namespace sendsim::output::testing
