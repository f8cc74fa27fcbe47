// sim/batch/messages.hpp: what the batch's ranks tell each other (rank 0
// sends the plan of cells; each rank reports each cell it wrote), as bytes
// of codec.hpp's fields. Internal to batch.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "batch/codec.hpp"

namespace sendsim::batch {

/// A cell of the batch's plan: its replications [from, to) to run.
struct PlanItem {
  std::size_t cell = 0;
  std::size_t from = 0;
  std::size_t to = 0;
  std::string folder;  // relative to DIR: cells/NNN-stem
  std::string inputs_sha256;
};

inline std::string encode_plan(std::size_t replications, std::uint64_t seed,
                               const std::vector<PlanItem>& plan) {
  std::string s = "P";
  put_u64(s, replications);
  put_u64(s, seed);
  put_u64(s, plan.size());
  for (const PlanItem& p : plan) {
    put_u64(s, p.cell);
    put_u64(s, p.from);
    put_u64(s, p.to);
    put_string(s, p.folder);
    put_string(s, p.inputs_sha256);
  }
  return s;
}

/// A cell written (or failed), as its rank tells rank 0.
struct CellStatus {
  std::size_t item = 0;
  bool done = false;
  std::size_t replications = 0;
  std::string error;
  std::string metrics;  // the cell's metric tables (tables.hpp), encoded
};

inline std::string encode_status(const CellStatus& s) {
  std::string out = "D";
  put_u64(out, s.item);
  put_u64(out, s.done ? 1 : 0);
  put_u64(out, s.replications);
  put_string(out, s.error);
  put_string(out, s.metrics);
  return out;
}

inline CellStatus decode_status(const std::string& m) {
  std::size_t pos = 1;
  CellStatus s;
  s.item = static_cast<std::size_t>(get_u64(m, pos));
  s.done = get_u64(m, pos) == 1;
  s.replications = static_cast<std::size_t>(get_u64(m, pos));
  s.error = get_string(m, pos);
  s.metrics = get_string(m, pos);
  return s;
}

}  // namespace sendsim::batch
