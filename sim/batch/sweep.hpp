// sim/batch/sweep.hpp: sweep files, read as strictly as scenarios.
//
// A sweep file names one or more base scenarios (or bare model files), axes
// over key paths (overrides.hpp) or a list of cells, overrides for every
// cell, and how to run:
//
//   sweep:
//     name: essex-request-growth    # required; the default folder results/<name>
//     description: ...              # optional
//     replications: 20              # required, 1 to 100000
//     seed: 20210901                # optional (default: the first scenario's seed)
//     seeds: common                 # common (default): every cell runs on the master
//                                   #   seed, so cells differ only by what they change
//                                   #   (common random numbers); per_scenario: each base
//                                   #   scenario gets its own seed mixed from the master
//                                   #   seed and its file as written (independent LAs)
//     total: false                  # true: also sum every cell within each replication
//                                   #   (England from every LA); only without axes/cells
//   scenarios:                      # required, at least one; paths relative to this file
//     - ../essex-baseline.yaml
//     - {file: ../../models/kent.yaml, region: South East}
//   axes:                           # optional: the grid, first axis slowest
//     requests.trend: [0.03, 0.05, 0.08]
//     capital_programme[0].delay_months: [0, 12]
//   cells:                          # optional, instead of axes: listed cells
//     - {requests.trend: 0.03, policy.fallback: inmss}
//   set:                            # optional: overrides for every cell
//     scenario.end_date: 2030-08-31
//
// Cells are scenarios x (the grid of axes, or the listed cells), the base
// slowest. Errors are InputErrors "FILE:LINE:COL: PATH: MESSAGE": unknown
// keys, a string for a number, an empty axis, a duplicate axis value,
// listed cell or scenario ("duplicate cell"), a malformed or unknown key
// path, a scenario file that does not exist. A path that does not exist in a
// cell's scenario (a list index past the end) is found when the cells are
// loaded (batch.hpp load_cells); so is a base file that is there but bad, or
// a cell whose values break a cross-field rule, which `sendsim batch` records
// as that cell's failure while the other cells run (`sendsim validate SWEEP`
// refuses the sweep for it).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "batch/overrides.hpp"
#include "send/model.hpp"

namespace sendsim::batch {

enum class SeedMode { kCommon, kPerScenario };

struct SweepBase {
  std::string as_written;  // the path as written in the sweep file
  std::string file;        // resolved against the sweep file's folder
  std::string region;      // "" when not given
  scenario::Mark mark;
};

struct Axis {
  std::string path;
  scenario::Mark mark;
  std::vector<scenario::Node> values;
};

/// One cell: a base and the overrides that make it (axis or listed values).
struct CellSpec {
  std::size_t base = 0;
  std::vector<Override> overrides;
  std::vector<std::string> values;  // per Sweep::columns, "" when a listed cell leaves it out
};

struct Sweep {
  std::string file;
  std::string name;
  std::string description;
  int replications = 0;
  std::optional<std::uint64_t> seed;
  SeedMode seeds = SeedMode::kCommon;
  bool total = false;
  std::vector<SweepBase> bases;
  std::vector<Axis> axes;
  bool listed = false;               // cells: given instead of axes
  std::vector<Override> set;         // every cell, before its own values
  std::vector<std::string> columns;  // the key paths cells vary, in order
  std::vector<CellSpec> cells;
};

/// Reads and checks a sweep file. Throws InputError.
[[nodiscard]] Sweep load_sweep(const std::filesystem::path& file);

/// Whether `file` is meant as a sweep: a regular file with a top-level
/// "sweep:" key (a line starting "sweep:"), looked for in its first
/// scenario::kMaxInputBytes without parsing. False for anything else (a
/// FIFO or device is not opened), so `sendsim validate` gives such a file to
/// the scenario loader and its messages. A scenario with such a key is no
/// scenario, so nothing valid is misread.
[[nodiscard]] bool looks_like_sweep(const std::filesystem::path& file);

}  // namespace sendsim::batch
