// sim/batch/batch.hpp: running a sweep: every (cell, replication) task on
// the threads of each rank, each rank writing the cells it ran.
//
// A task's result depends only on (the cell's scenario, the cell's seed, the
// replication), and the cell's seed only on (master seed, the cell's base
// file as written, the seed mode): never on the rank, the thread, the time or
// the number of ranks. The cells to run are dealt to the ranks by their
// position in the plan (the i-th to rank i % ranks); each rank runs its
// cells' replications on its threads, in order, and the thread that
// finishes a cell's last replication writes the cell at once, while the
// others go on with the next cells, so writing is shared by every thread of
// every rank and overlaps the simulation:
//   DIR/cells/CELL/             the cell's results folder as `sendsim run
//                               --no-report` writes it (write_results: whole
//                               or not at all); its timing.json holds zeros,
//                               so its bytes do not depend on threads or ranks;
//   DIR/replications/CELL.bin   then the cell's replications (codec.hpp) with
//                               the hash of its inputs, written atomically
//                               (a .bin is trusted only beside its folder);
// and the rank tells rank 0, which records the cell in DIR/batch.json
// (rewritten atomically after each cell) and prints its progress. Rank 0
// writes sweep.csv (and england.csv for a total) once every rank is done.
// So every rank writes into DIR: under mpirun across machines DIR must be on
// a file system they all see. A process killed at any moment leaves complete
// cells or none, and --resume computes only cells that are missing, failed,
// short of replications (--expand) or whose inputs hash differs (any input
// file or override changed). A failing cell (a replication that throws, or
// its folder that cannot be written) is recorded with its error and the
// others go on.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "batch/comm.hpp"
#include "batch/sweep.hpp"
#include "send/model.hpp"
#include "send/results.hpp"

namespace sendsim::batch {

struct BatchOptions {
  std::filesystem::path out;
  unsigned threads = 0;  // per rank; 0: all cores
  bool resume = false;
  std::size_t expand = 0;             // replications to add to every cell
  std::optional<int> replications;    // instead of the sweep's
  std::optional<std::uint64_t> seed;  // instead of the sweep's
  std::vector<Override> set;          // --set, after the sweep's own overrides
  bool per_replication = false;  // each cell also writes per_replication.csv (as `run --per-replication`)
  std::string version;
  const std::atomic<int>* stop = nullptr;
  std::FILE* log = nullptr;  // progress (rank 0); null: quiet
};

/// A cell as run.
struct CellRun {
  std::string id;      // "base as written" + " path=value" per column
  std::string folder;  // relative to DIR: cells/NNN-stem
  std::string base;    // as written in the sweep
  std::string region;
  std::string scenario_name;
  std::vector<std::string> values;
  std::uint64_t seed = 0;
  std::string inputs_sha256;
  std::vector<std::pair<std::string, std::string>> files;  // (path, sha256)
  std::string state = "pending";                           // done, failed, pending
  std::string error;
  std::size_t replications = 0;  // done
  bool ran_now = false;          // computed (some replications) in this run
  /// Written in this run: its metric tables (tables.hpp), encoded (codec.hpp),
  /// so that sweep.csv need not read its replications back.
  std::string metric_bytes;
};

struct BatchResult {
  std::vector<CellRun> cells;
  std::size_t replications = 0;
  std::uint64_t seed = 0;
  std::size_t tasks_run = 0;
  std::size_t failed = 0;
  double wall_seconds = 0.0;
  int ranks = 1;
  unsigned threads = 1;
};

/// The scenario of every cell, overrides applied (sweep.set, the cell's
/// values, then `set`); throws InputError at the first bad one (what
/// `sendsim validate SWEEP` checks).
[[nodiscard]] std::vector<send::Scenario> load_cells(const Sweep& sweep, const std::vector<Override>& set);

/// A cell's scenario, or the message of the CellInputError that stops it
/// (then `scenario` is empty).
struct CellLoad {
  send::Scenario scenario;
  std::string error;
};

/// As load_cells, but a CellInputError (overrides.hpp: the cell's own files
/// are bad, or its values break a cross-field rule) fails only its cell;
/// any other InputError (the sweep's overrides cannot be applied or read) is
/// thrown, since it stops every cell.
[[nodiscard]] std::vector<CellLoad> load_each_cell(const Sweep& sweep, const std::vector<Override>& set);

/// A cell's seed (see above).
[[nodiscard]] std::uint64_t cell_seed(const Sweep& sweep, std::uint64_t master, std::size_t cell);

/// Runs the batch on every rank of `comm` (each calls it). Throws InputError
/// for a bad sweep (a cell that fails load_each_cell is recorded as failed,
/// with its message, and the others run), output::OutputError when DIR may not be used,
/// engine::Interrupted when stopped (complete cells kept). On ranks other
/// than 0 the result holds only the counts.
BatchResult run_batch(const Sweep& sweep, const BatchOptions& options, Comm& comm);

/// Writes `text` to `file` atomically (FILE.tmp-PID, then rename).
void write_file_atomically(const std::filesystem::path& file, const std::string& text);

}  // namespace sendsim::batch

namespace sendsim::batch {

/// Thrown on ranks other than 0 when rank 0 stopped the batch because of an
/// error it reports itself: the rank exits with `code` and prints nothing.
class PeerFailed : public std::runtime_error {
 public:
  explicit PeerFailed(int code) : std::runtime_error("stopped by rank 0"), code_(code) {}
  [[nodiscard]] int code() const noexcept { return code_; }

 private:
  int code_;
};

/// The first line of a cell's replications file, then its inputs hash and
/// replication count, one a line, then the results (codec.hpp).
inline constexpr std::string_view kCellFileMagic = "sendsim batch cell 1";

/// A cell's replications file: none when absent or not ours.
struct CellFileHeader {
  std::string inputs_sha256;
  std::size_t replications = 0;
};
[[nodiscard]] std::optional<CellFileHeader> read_cell_header(const std::filesystem::path& file);
/// Every replication in a cell's file; std::runtime_error when unreadable.
[[nodiscard]] std::vector<send::ReplicationResult> read_cell_results(const std::filesystem::path& file);

/// DIR/replications/<cell folder name>.bin
[[nodiscard]] std::filesystem::path cell_file(const std::filesystem::path& dir, const CellRun& cell);

/// A previous batch.json's replication count; none when absent or not
/// readable as one.
[[nodiscard]] std::optional<std::size_t> previous_replications(const std::filesystem::path& dir);
/// Removes the temporary files (NAME.tmp-PID) a killed process left in `dir`.
void remove_stale_temporaries(const std::filesystem::path& dir);

}  // namespace sendsim::batch
