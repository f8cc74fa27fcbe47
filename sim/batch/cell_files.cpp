// sim/batch/cell_files.cpp: a batch's files on disk (batch.hpp): writing a
// file whole or not at all, a cell's replications file (its header and
// results), the previous batch.json's replication count, removing the
// temporaries a killed process left; and loading each cell's scenario with
// its overrides, and a cell's seed.
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "batch/batch.hpp"
#include "batch/batch_file.hpp"
#include "batch/codec.hpp"
#include "engine/rng.hpp"

namespace sendsim::batch {

namespace fs = std::filesystem;

namespace {

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return "";
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

/// A previous batch.json's replication count; none when absent or not
/// readable as one.
std::optional<std::size_t> previous_replications(const fs::path& dir) {
  try {
    return parse_batch_file(read_text(dir / "batch.json")).replications;
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
}

/// Removes the temporary files (NAME.tmp-PID) a killed process left in `dir`.
void remove_stale_temporaries(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string name = e.path().filename().string();
    const std::size_t at = name.rfind(".tmp-");
    if (at == std::string::npos || !e.is_regular_file(ec)) continue;
    const std::string pid = name.substr(at + 5);
    if (!pid.empty() && std::all_of(pid.begin(), pid.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
      fs::remove(e.path(), ec);
  }
}

void write_file_atomically(const fs::path& file, const std::string& text) {
  const fs::path tmp = file.string() + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      std::error_code ec;
      fs::remove(tmp, ec);
      throw std::runtime_error("cannot write " + tmp.string());
    }
  }
  fs::rename(tmp, file);
}

fs::path cell_file(const fs::path& dir, const CellRun& cell) {
  return dir / "replications" / (fs::path(cell.folder).filename().string() + ".bin");
}

std::optional<CellFileHeader> read_cell_header(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string magic, hash, count;
  if (!std::getline(in, magic) || magic != kCellFileMagic || !std::getline(in, hash) ||
      !std::getline(in, count)) {
    return std::nullopt;
  }
  CellFileHeader h;
  h.inputs_sha256 = hash;
  try {
    h.replications = static_cast<std::size_t>(std::stoull(count));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return h;
}

std::vector<send::ReplicationResult> read_cell_results(const fs::path& file) {
  const std::string text = read_text(file);
  std::size_t pos = 0;
  for (int line = 0; line < 3; ++line) {
    pos = text.find('\n', pos);
    if (pos == std::string::npos) throw std::runtime_error(file.string() + ": not a batch cell file");
    ++pos;
  }
  return decode_results(text, pos);
}

std::vector<send::Scenario> load_cells(const Sweep& sweep, const std::vector<Override>& set) {
  std::vector<send::Scenario> out;
  out.reserve(sweep.cells.size());
  for (const CellSpec& c : sweep.cells) {
    std::vector<Override> all = sweep.set;
    all.insert(all.end(), c.overrides.begin(), c.overrides.end());
    all.insert(all.end(), set.begin(), set.end());
    out.push_back(load_with_overrides(sweep.bases[c.base].file, all));
  }
  return out;
}

std::vector<CellLoad> load_each_cell(const Sweep& sweep, const std::vector<Override>& set) {
  std::vector<CellLoad> out(sweep.cells.size());
  for (std::size_t i = 0; i < sweep.cells.size(); ++i) {
    const CellSpec& c = sweep.cells[i];
    std::vector<Override> all = sweep.set;
    all.insert(all.end(), c.overrides.begin(), c.overrides.end());
    all.insert(all.end(), set.begin(), set.end());
    try {
      out[i].scenario = load_with_overrides(sweep.bases[c.base].file, all);
    } catch (const CellInputError& e) {
      out[i].error = e.what();
    }
  }
  return out;
}

std::uint64_t cell_seed(const Sweep& sweep, std::uint64_t master, std::size_t cell) {
  if (sweep.seeds == SeedMode::kCommon) return master;
  const SweepBase& b = sweep.bases[sweep.cells[cell].base];
  return engine::mix64(master ^ engine::mix64(fnv1a(b.as_written)));
}

}  // namespace sendsim::batch
