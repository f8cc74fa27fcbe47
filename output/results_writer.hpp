// output/results_writer.hpp: the results folder of one run.
//
// write_results() writes, into DIR (the data dictionary is output/README.md):
//   <table>.csv              one per aggregated table: the table's dimension
//                            columns, then n, mean, sd, ci_low, ci_high, p5,
//                            p50, p95 over replications;
//   per_replication.csv      every row of every table in every replication
//                            (long form: table, replication, key, value);
//   summary.json             scenario, run settings, files and headline
//                            figures: the same bytes whatever the thread
//                            count;
//   timing.json              threads, wall time, events per second (what
//                            differs from run to run);
//   dfe_scap_forecast.csv,   the DfE-shaped tables (dfe_tables.hpp), as the
//   dfe_dsg_plan_grid.csv    other table files;
//   tidy.csv                 every table and headline figure in one long table
//                            (tidy.hpp);
//   workbook.xlsx            the key tables for finance officers (excel.hpp);
//   scenario.effective.yaml  the scenario after all overrides (runnable);
//   seeds.txt                the master seed and how each stream is derived.
//
//   manifest.txt             what sendsim wrote: each file with its size and
//                            SHA-256 (output/manifest.hpp).
//
// Atomic: everything is written into a sibling DIR.tmp-<pid> (marked as
// sendsim's temporary), listed in its manifest, and put in place with one
// renameat2(RENAME_EXCHANGE), so there is no instant without a results folder
// at DIR. An existing DIR is replaced only when it is empty or everything in
// it is sendsim's (its manifest lists it, unchanged); a folder holding
// anything else (a user's notes, a workbook edited since) is refused with an
// OutputError naming what is there, before a byte is written, and nothing in
// it is touched. After the swap only what the old manifest lists is removed.
// On any error the temporary folder is removed, so DIR is either the old
// folder or the new one, never half-written. Temporary folders of sendsim
// processes that died (kill -9) are removed on the next write to DIR, with a
// line on stderr saying so.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "engine/stats.hpp"
#include "run/aggregate.hpp"
#include "run/runner.hpp"
#include "send/model.hpp"

namespace sendsim::output {

/// The results folder cannot be used (it exists and is not ours): bad user
/// input, as opposed to a failure while writing (std::runtime_error).
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Throws OutputError unless `dir` is absent, an empty directory, or a
/// folder sendsim wrote with nothing in it but what its manifest lists
/// (manifest.hpp; files unchanged since).
void check_output_dir(const std::filesystem::path& dir);

/// A headline series: a total (summed over all other dimensions in each
/// replication) per period, summarised over replications.
struct Headline {
  std::string name;         // e.g. "ehc_plans"
  std::string period;       // the period column: "year" or "financial_year"
  std::string unit;         // e.g. "children"
  std::string description;
  std::vector<std::pair<std::string, engine::Summary>> values;  // ascending period
};

/// The headline series of a run: EHC plans and SEN support at each January
/// census, plan holders waiting and unmet demand at each census, new plans
/// issued per calendar year and high-needs spend per financial year. Series
/// whose table the run does not have are left out.
[[nodiscard]] std::vector<Headline> headline_figures(const std::vector<send::ReplicationResult>& results);

/// What goes into a results folder besides the tables.
struct ResultsContext {
  const send::Scenario* scenario = nullptr;  // required
  std::string effective_yaml;                // scenario.effective.yaml, verbatim
  std::string version;                       // the program version
  /// When set and non-zero, writing stops between files with
  /// engine::Interrupted and nothing is written (the run was interrupted).
  const std::atomic<int>* interrupt = nullptr;
};

/// Writes the results folder DIR atomically (see above) and returns the names
/// of the files written, relative to DIR. `tables` is aggregate(output.results)
/// (passed in so callers that print figures aggregate once). Throws
/// OutputError when DIR may not be replaced, std::runtime_error when writing
/// fails, std::logic_error for a table whose name cannot be a file stem
/// (lower-case letters, digits, '_'; not "per_replication" or "summary").
std::vector<std::string> write_results(const std::filesystem::path& dir, const run::RunOutput& output,
                                       const std::vector<run::AggregatedTable>& tables,
                                       const ResultsContext& context);

/// Writes the folder DIR atomically, as write_results does: checks DIR
/// (check_output_dir), removes stale temporaries of dead processes, calls
/// `fill` with an empty temporary sibling folder to write into
/// (DIR.tmp-<pid>, holding only the marker .sendsim-temporary, which `fill`
/// must leave alone), writes the manifest of everything `fill` wrote, then
/// exchanges it into place, replacing a previous folder of sendsim's.
/// `fill` must write summary.json last. On any error the temporary folder
/// (and any parent folder created) is removed and the error rethrown. Used
/// by write_results, the comparison writer and the backtest writer.
void write_folder_atomically(const std::filesystem::path& dir,
                             const std::function<void(const std::filesystem::path&)>& fill);

/// `text` as a JSON string literal, quotes included (", \ and control
/// characters escaped; other bytes, UTF-8 included, as they are).
[[nodiscard]] std::string json_string(std::string_view text);

}  // namespace sendsim::output
