// sim/batch/batch_file.hpp: batch.json, the manifest of a batch folder: the
// version, the sweep and its hash, the seeds, and each cell's inputs, hashes
// and state. Written and read over one struct (BatchFile), by nlohmann-json,
// so the writer and the reader cannot drift apart. Also the batch folder's
// timing.json.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sendsim::batch {

/// One cell as batch.json records it.
struct BatchFileCell {
  std::string cell;      // its folder, relative to the batch folder (cells/NNN-stem)
  std::string id;        // the base as written and " path=value" per column
  std::string base;      // the base scenario as written in the sweep
  std::string region;    // "" when not given
  std::string scenario;  // the scenario's name ("" for a cell that failed to load)
  std::vector<std::pair<std::string, std::string>> values;  // (column, value), in column order
  std::uint64_t seed = 0;
  std::string inputs_sha256;                               // "" for a cell that failed to load
  std::vector<std::pair<std::string, std::string>> files;  // (path, sha256) of every input file
  std::string state;                                       // done, failed, pending
  std::size_t replications = 0;
  std::string error;  // why it failed; "" otherwise

  friend bool operator==(const BatchFileCell&, const BatchFileCell&) = default;
};

struct BatchFile {
  std::string sendsim_version;
  std::size_t replications = 0;
  std::string sweep;         // the sweep file as given
  std::string sweep_sha256;  // "" when it could not be read
  std::string name;
  std::uint64_t seed = 0;
  std::string seed_mode;             // common or per_scenario
  std::vector<std::string> set;      // every override of every cell, "path=value"
  std::vector<std::string> columns;  // the key paths the cells vary
  std::vector<BatchFileCell> cells;

  friend bool operator==(const BatchFile&, const BatchFile&) = default;
};

/// batch.json's text: JSON, two-space indented, keys in the order above, a
/// final newline. Bytes that are not UTF-8 in a string (from a file name or
/// an error quoting bad input) are written as U+FFFD.
[[nodiscard]] std::string batch_file_text(const BatchFile& file);

/// The batch folder's timing.json: what depends on the machine and the
/// ranks, kept out of batch.json so that its bytes do not.
struct BatchTiming {
  int ranks = 1;
  unsigned threads_per_rank = 1;
  std::size_t tasks_run = 0;
  double wall_seconds = 0.0;
};
[[nodiscard]] std::string batch_timing_text(const BatchTiming& timing);

/// Reads batch.json's text back. Throws std::runtime_error ("not a
/// batch.json: WHY") when it is not JSON or lacks a key of BatchFile.
[[nodiscard]] BatchFile parse_batch_file(std::string_view text);

}  // namespace sendsim::batch
