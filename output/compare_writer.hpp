// output/compare_writer.hpp: the folder of a comparison (`sendsim compare`).
//
// write_comparison() writes, into DIR (the data dictionary is output/README.md):
//   <scenario folder>/   one results folder per scenario, exactly as
//                        `sendsim run` writes it (write_results), with the
//                        comparison's seed and replications;
//   differences.csv      long form: per metric, period, breakdown value and
//                        scenario, the base's and the scenario's mean and
//                        95% interval and the paired difference with its
//                        interval and n;
//   summary.json         the scenarios, the run, the metrics, the replication
//                        guidance and the differences of the metrics without
//                        breakdown per period. Written last.
// Atomic as write_results (write_folder_atomically): DIR is the old folder or
// the new one, never half-written.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "run/compare.hpp"
#include "send/model.hpp"

namespace sendsim::output {

/// What goes into a comparison folder besides the runs.
struct ComparisonContext {
  std::vector<const send::Scenario*> scenarios;  // as run (seed and replications set), base first
  std::vector<std::string> folders;              // each scenario's folder name inside DIR
  std::vector<std::string> effective_yaml;       // each scenario.effective.yaml, verbatim
  std::vector<run::CiTarget> targets;            // the targets asked for (empty: none)
  std::size_t max_replications = 0;              // with targets
  std::string version;
};

/// Writes the comparison folder DIR atomically and returns the names of the
/// files written at its top level (scenario folders end in '/'). Throws
/// OutputError when DIR may not be replaced, std::runtime_error when writing
/// fails, std::logic_error when the context does not match the run.
std::vector<std::string> write_comparison(const std::filesystem::path& dir, const run::ComparisonRun& run,
                                          const ComparisonContext& context);

}  // namespace sendsim::output
