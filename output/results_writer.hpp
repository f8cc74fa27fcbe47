// output/results_writer.hpp: the results folder of one run.
//
// write_results() writes, into DIR (the data dictionary is output/README.md):
//   <table>.csv              one per aggregated table: the table's dimension
//                            columns, then n, mean, sd, ci_low, ci_high, p5,
//                            p50, p95 over replications;
//   per_replication.csv      every row of every table in every replication
//                            (long form: table, replication, key, value),
//                            only when ResultsContext::per_replication (the
//                            default here; `sendsim run` writes it only when
//                            asked, --per-replication: it is most of a
//                            folder's bytes and of its writing time);
//   summary.json             scenario, run settings, files and headline
//                            figures: the same bytes whatever the thread
//                            count (ResultsSummary below, written and read
//                            back over that one struct);
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
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/stats.hpp"
#include "run/aggregate.hpp"
#include "run/metrics.hpp"
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
  std::string name;    // e.g. "ehc_plans"
  std::string period;  // the period column: "year" or "financial_year"
  std::string unit;    // e.g. "children"
  std::string description;
  std::vector<std::pair<std::string, engine::Summary>> values;  // ascending period
};

/// The headline series of a run: the metric table's rows shown in
/// run::shown_in::kHeadline (run/metrics.hpp), each its table's rows summed
/// within each replication (after the row's filter) per period. Series whose
/// table the run does not have are left out.
[[nodiscard]] std::vector<Headline> headline_figures(const std::vector<send::ReplicationResult>& results);

/// headline_figures() one replication at a time, in replication order (the
/// same figures, to the bit).
class HeadlineFold {
 public:
  explicit HeadlineFold(std::size_t replications);
  void add(const send::ReplicationResult& result);
  [[nodiscard]] std::vector<Headline> finish() const;

 private:
  std::vector<std::pair<const run::Metric*, run::TotalFold>> folds_;
};

struct ResultsFold;  // results_fold.hpp

/// What goes into a results folder besides the tables.
struct ResultsContext {
  const send::Scenario* scenario = nullptr;  // required
  std::string effective_yaml;                // scenario.effective.yaml, verbatim
  std::string version;                       // the program version
  /// When set and non-zero, writing stops between files with
  /// engine::Interrupted and nothing is written (the run was interrupted).
  const std::atomic<int>* interrupt = nullptr;
  /// Whether to write per_replication.csv.
  bool per_replication = true;
  /// Whether the workbook may be written on a second thread while this one
  /// writes the other files. `run` writes after the simulation, when the
  /// cores are free; a batch's thread writing a cell while the others still
  /// simulate writes it in turn, so that `--threads N` keeps N threads busy.
  bool workbook_thread = true;
  /// When set, each step of the writing is appended with its wall time in
  /// seconds ("tables", "dfe_tables", ...), for `sendsim run --timing`.
  std::vector<std::pair<std::string, double>>* step_seconds = nullptr;
  /// When set, receives the headline figures written (headline_figures), so
  /// that a caller printing them need not compute them again.
  std::vector<Headline>* headlines = nullptr;
  /// When set, every replication of the run folded already (results_fold.hpp):
  /// the files derived from the replications come from it, and the
  /// replications' tables are not read (they may have been let go), unless
  /// per_replication is asked for.
  const ResultsFold* folded = nullptr;
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

/// summary.json of a results folder, over one struct: write_results writes
/// it (results_summary_text) and read_results_summary reads it back, both
/// by nlohmann-json, so the writer and the reader cannot drift apart.
/// Numbers that are not finite (a summary of one replication has no sd) are
/// written as null and read back as NaN.
struct ResultsSummary {
  std::string version;
  struct Scenario {
    std::string name;
    std::string description;
    std::string model;
    std::vector<std::string> files;  // the extends chain, root first
    std::string start_date;          // YYYY-MM-DD
    std::string end_date;
    friend bool operator==(const Scenario&, const Scenario&) = default;
  } scenario;
  struct Run {
    std::size_t replications = 0;
    std::uint64_t seed = 0;
    std::uint64_t events = 0;
    double child_years = 0.0;
    std::vector<std::string> fingerprints;  // "0x%016x" per replication, ascending
    friend bool operator==(const Run&, const Run&) = default;
  } run;
  struct Table {
    std::string file;  // NAME.csv
    std::vector<std::string> columns;
    std::string unit;
    std::string missing;  // zero or skip
    std::size_t rows = 0;
    std::string description;
    friend bool operator==(const Table&, const Table&) = default;
  };
  std::vector<Table> tables;
  std::vector<std::string> files;  // every file of the folder but summary.json and the manifest
  struct HeadlineValue {
    std::string period;  // the value of the period column ("2024", "2024-25")
    engine::Summary summary;
  };
  struct Headline {
    std::string name;
    std::string period;  // the period column: year or financial_year
    std::string unit;
    std::string description;
    std::vector<HeadlineValue> values;
  };
  std::vector<Headline> headline;
};

/// summary.json's text: "program": "sendsim" first, then the struct's
/// parts in the order above, two-space indented, a final newline.
[[nodiscard]] std::string results_summary_text(const ResultsSummary& summary);

/// DIR/summary.json read back. Throws std::runtime_error naming the file
/// when it cannot be read, is not JSON or lacks a part of the struct.
[[nodiscard]] ResultsSummary read_results_summary(const std::filesystem::path& dir);

}  // namespace sendsim::output
