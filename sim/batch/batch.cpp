// sim/batch/batch.cpp: planning, running and reducing a batch.
#include "batch/batch.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <future>
#include <sstream>

#include "batch/batch_file.hpp"
#include "batch/codec.hpp"
#include "engine/replication.hpp"
#include "engine/rng.hpp"
#include "output/manifest.hpp"
#include "output/results_writer.hpp"
#include "run/aggregate.hpp"
#include "scenario/loader.hpp"
#include "send/world.hpp"

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

std::string padded(std::size_t i, std::size_t n) {
  std::string digits = std::to_string(i);
  const std::size_t width = std::max<std::size_t>(3, std::to_string(n > 0 ? n - 1 : 0).size());
  return std::string(width - std::min(width, digits.size()), '0') + digits;
}

std::string safe_name(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '_' || c == '.';
    out += keep ? c : '_';
  }
  return out;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return "";
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A previous batch.json's replication count; none when absent or not
/// readable as one.
std::optional<std::size_t> previous_replications(const fs::path& dir) {
  try {
    return parse_batch_file(read_text(dir / "batch.json")).replications;
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
}

BatchFile batch_file(const Sweep& sweep, const std::vector<Override>& set, const BatchResult& r,
                     const std::string& version) {
  BatchFile f;
  f.sendsim_version = version;
  f.replications = r.replications;
  f.sweep = sweep.file;
  try {
    f.sweep_sha256 = output::sha256_file(sweep.file);
  } catch (const std::exception&) {
  }
  f.name = sweep.name;
  f.seed = r.seed;
  f.seed_mode = sweep.seeds == SeedMode::kCommon ? "common" : "per_scenario";
  std::vector<Override> all = sweep.set;
  all.insert(all.end(), set.begin(), set.end());
  for (const Override& o : all) f.set.push_back(o.path + "=" + node_text(o.value));
  f.columns = sweep.columns;
  for (const CellRun& c : r.cells) {
    BatchFileCell cell;
    cell.cell = c.folder;
    cell.id = c.id;
    cell.base = c.base;
    cell.region = c.region;
    cell.scenario = c.scenario_name;
    for (std::size_t k = 0; k < sweep.columns.size(); ++k)
      cell.values.emplace_back(sweep.columns[k], c.values[k]);
    cell.seed = c.seed;
    cell.inputs_sha256 = c.inputs_sha256;
    cell.files = c.files;
    cell.state = c.state;
    cell.replications = c.replications;
    cell.error = c.error;
    f.cells.push_back(std::move(cell));
  }
  return f;
}

std::string batch_json(const Sweep& sweep, const std::vector<Override>& set, const BatchResult& r,
                       const std::string& version) {
  return batch_file_text(batch_file(sweep, set, r, version));
}

struct PlanItem {
  std::size_t cell = 0;
  std::size_t from = 0;
  std::size_t to = 0;
};

std::string encode_plan(std::size_t replications, std::uint64_t seed, const std::vector<PlanItem>& plan) {
  std::string s = "P";
  put_u64(s, replications);
  put_u64(s, seed);
  put_u64(s, plan.size());
  for (const PlanItem& p : plan) {
    put_u64(s, p.cell);
    put_u64(s, p.from);
    put_u64(s, p.to);
  }
  return s;
}

int exit_code_of(std::exception_ptr e) {
  try {
    std::rethrow_exception(e);
  } catch (const scenario::InputError&) {
    return 2;
  } catch (const output::OutputError&) {
    return 2;
  } catch (const engine::Interrupted& i) {
    return 128 + i.reason();
  } catch (...) {
    return 1;
  }
}

std::string fail_message(std::exception_ptr e) { return "X" + std::to_string(exit_code_of(e)); }

[[noreturn]] void follow_failure(const std::string& message) {
  const int code = std::stoi(message.substr(1));
  throw PeerFailed(code);
}

}  // namespace

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

BatchResult run_batch(const Sweep& sweep, const BatchOptions& options, Comm& comm) {
  const auto start = std::chrono::steady_clock::now();
  const int rank = comm.rank();
  const int ranks = comm.size();
  // Every rank: the same scenarios, the same failed cells, the same errors.
  std::vector<CellLoad> loads = load_each_cell(sweep, options.set);
  std::vector<send::Scenario> scenarios;
  scenarios.reserve(loads.size());
  for (CellLoad& l : loads) scenarios.push_back(std::move(l.scenario));

  BatchResult result;
  result.ranks = ranks;
  const unsigned wanted = options.threads == 0 ? engine::default_thread_count() : options.threads;
  result.threads = wanted;
  const fs::path& dir = options.out;
  auto log = [&](const std::string& line) {
    if (rank == 0 && options.log != nullptr) {
      std::fprintf(options.log, "%s\n", line.c_str());
      std::fflush(options.log);
    }
  };

  // Rank 0 plans; the others follow what it broadcasts.
  std::string plan_message;
  std::vector<PlanItem> plan;
  if (rank == 0) {
    try {
      const bool has_batch = fs::exists(dir / "batch.json");
      std::error_code ec;
      const bool nonempty = fs::exists(dir) && !(fs::is_directory(dir) && fs::is_empty(dir, ec));
      if (nonempty && !fs::is_directory(dir))
        throw output::OutputError(dir.string() + ": exists and is not a folder");
      if (nonempty && !options.resume && options.expand == 0) {
        throw output::OutputError(
            has_batch ? dir.string() +
                            ": holds a batch already (--resume finishes it, --expand N adds replications; "
                            "or choose another --out)"
                      : dir.string() + ": exists and is not empty; choose another --out");
      }
      if (nonempty && !has_batch) {
        throw output::OutputError(dir.string() + ": is not a batch folder (no batch.json)");
      }
      if (options.expand > 0 && !has_batch) {
        throw output::OutputError(dir.string() + ": holds no batch to expand (run it first)");
      }
      const std::optional<std::size_t> previous = has_batch ? previous_replications(dir) : std::nullopt;
      std::size_t replications =
          static_cast<std::size_t>(options.replications ? *options.replications : sweep.replications);
      if (options.expand > 0) {
        replications = previous.value_or(replications) + options.expand;
      } else if (previous && !options.replications) {
        replications = std::max(replications, *previous);
      }
      result.replications = replications;
      // The master seed: the option's, the sweep's, else the first cell's
      // scenario's that loads (the base file's own seed).
      std::optional<std::uint64_t> first_seed;
      for (std::size_t i = 0; i < loads.size() && !first_seed; ++i) {
        if (loads[i].error.empty()) first_seed = scenarios[i].run.seed;
      }
      result.seed = options.seed ? *options.seed : sweep.seed ? *sweep.seed : first_seed.value_or(0);

      for (std::size_t i = 0; i < sweep.cells.size(); ++i) {
        const CellSpec& spec = sweep.cells[i];
        const SweepBase& base = sweep.bases[spec.base];
        send::Scenario& sc = scenarios[i];
        CellRun c;
        c.base = base.as_written;
        c.region = base.region;
        c.values = spec.values;
        c.scenario_name = sc.name;
        c.id = base.as_written;
        for (std::size_t k = 0; k < sweep.columns.size(); ++k) {
          if (!spec.values[k].empty()) c.id += " " + sweep.columns[k] + "=" + spec.values[k];
        }
        c.folder =
            "cells/" + padded(i, sweep.cells.size()) + "-" + safe_name(fs::path(base.file).stem().string());
        c.seed = cell_seed(sweep, result.seed, i);
        if (!loads[i].error.empty()) {
          // Checked before anything runs; --resume tries it again.
          c.state = "failed";
          c.error = loads[i].error;
          ++result.failed;
          log("batch: cell " + c.folder + " failed: " + c.error);
          result.cells.push_back(std::move(c));
          continue;
        }
        sc.run.seed = c.seed;
        sc.run.threads = 0;
        sc.run.replications = 0;
        c.inputs_sha256 = output::sha256_hex(options.version + "\n" + scenario::effective_yaml(sc));
        sc.run.replications = static_cast<int>(replications);
        for (const std::string& f : sc.files) c.files.emplace_back(f, output::sha256_file(f));
        // What is there already.
        std::size_t have = 0;
        if (const auto header = read_cell_header(cell_file(dir, c))) {
          const bool folder_ok = fs::exists(dir / c.folder / std::string(output::kManifestName));
          if (folder_ok && header->inputs_sha256 == c.inputs_sha256 && header->replications <= replications) {
            have = header->replications;
          }
        }
        c.replications = have;
        c.state = have == replications ? "done" : "pending";
        if (have < replications) plan.push_back({i, have, replications});
        result.cells.push_back(std::move(c));
      }
      fs::create_directories(dir / "replications");
      fs::create_directories(dir / "cells");
      write_file_atomically(dir / "batch.json", batch_json(sweep, options.set, result, options.version));
      plan_message = encode_plan(replications, result.seed, plan);
    } catch (...) {
      (void)comm.broadcast(fail_message(std::current_exception()));
      throw;
    }
    (void)comm.broadcast(plan_message);
  } else {
    plan_message = comm.broadcast("");
    if (plan_message.empty() || plan_message[0] != 'P') follow_failure(plan_message);
    std::size_t pos = 1;
    result.replications = static_cast<std::size_t>(get_u64(plan_message, pos));
    result.seed = get_u64(plan_message, pos);
    plan.resize(static_cast<std::size_t>(get_u64(plan_message, pos)));
    for (PlanItem& p : plan) {
      p.cell = static_cast<std::size_t>(get_u64(plan_message, pos));
      p.from = static_cast<std::size_t>(get_u64(plan_message, pos));
      p.to = static_cast<std::size_t>(get_u64(plan_message, pos));
    }
  }

  std::size_t total_tasks = 0;
  for (const PlanItem& p : plan) total_tasks += p.to - p.from;
  std::size_t tasks_done = 0;
  log("batch " + sweep.name + ": " + std::to_string(sweep.cells.size()) + " cells, " +
      std::to_string(plan.size()) + " to run (" + std::to_string(total_tasks) + " tasks) on " +
      std::to_string(ranks) + " rank" + (ranks == 1 ? "" : "s") + " x " + std::to_string(wanted) + " thread" +
      (wanted == 1 ? "" : "s"));

  // Waves of consecutive cells with enough tasks to keep every rank's
  // threads busy (a county cell of 20 replications is a wave by itself; an
  // England cell of one replication is not). The wave's tasks, in task
  // order, are dealt round-robin to the ranks; rank 0 gathers them and
  // writes the wave's cells (on its threads, each cell its own folder).
  const std::size_t target = 4 * static_cast<std::size_t>(ranks) * wanted;
  std::size_t cells_written = 0;
  std::future<void> writing;  // rank 0: the previous wave's cells being written
  for (std::size_t next = 0; next < plan.size();) {
    std::size_t end = next;
    std::size_t wave_tasks = 0;
    while (end < plan.size() && (end == next || wave_tasks < target)) {
      wave_tasks += plan[end].to - plan[end].from;
      ++end;
    }
    std::vector<std::pair<std::size_t, std::size_t>> mine;  // (plan item, replication)
    std::size_t t = 0;
    for (std::size_t i = next; i < end; ++i) {
      send::Scenario& sc = scenarios[plan[i].cell];
      sc.run.seed = cell_seed(sweep, result.seed, plan[i].cell);
      sc.run.threads = 0;
      sc.run.replications = static_cast<int>(result.replications);
      for (std::size_t r = plan[i].from; r < plan[i].to; ++r, ++t) {
        if (t % static_cast<std::size_t>(ranks) == static_cast<std::size_t>(rank)) mine.emplace_back(i, r);
      }
    }
    struct TaskOut {
      bool ok = false;
      send::ReplicationResult result;
      std::string error;
    };
    std::string payload;
    try {
      const auto outs = engine::run_replications(
          mine.size(), wanted,
          [&](std::size_t k) {
            TaskOut o;
            const send::Scenario& sc = scenarios[plan[mine[k].first].cell];
            try {
              o.result = send::simulate_replication(sc, sc.run.seed, mine[k].second, options.stop);
              o.ok = true;
            } catch (const engine::Interrupted&) {
              throw;
            } catch (const std::exception& e) {
              o.error = "replication " + std::to_string(mine[k].second) + ": " + e.what();
            }
            return o;
          },
          {}, options.stop);
      payload = "O";
      put_u64(payload, outs.size());
      for (std::size_t k = 0; k < outs.size(); ++k) {
        put_u64(payload, mine[k].first);
        put_u64(payload, mine[k].second);
        put_u64(payload, outs[k].ok ? 1 : 0);
        if (outs[k].ok) {
          encode_results(payload, {outs[k].result});
        } else {
          put_string(payload, outs[k].error);
        }
      }
    } catch (const engine::Interrupted&) {
      payload = "I";
    }
    if (options.stop != nullptr && options.stop->load() != 0) payload = "I";
    std::vector<std::string> gathered = comm.gather(payload);
    result.tasks_run += mine.size();
    const std::size_t first = next;
    next = end;

    auto stop_reason = [&] {
      return options.stop != nullptr && options.stop->load() ? options.stop->load() : 15;
    };
    if (rank != 0) {
      const std::string decision = comm.broadcast("");
      if (decision == "S") throw engine::Interrupted(stop_reason());
      if (decision != "C") follow_failure(decision);
      continue;
    }
    std::string decision = "C";
    try {
      if (std::any_of(gathered.begin(), gathered.end(), [](const std::string& g) { return g == "I"; })) {
        if (writing.valid()) writing.get();  // what was finished is kept
        decision = "S";
      } else {
        // Each cell's new replications and the error of its lowest failing one.
        std::vector<std::vector<send::ReplicationResult>> fresh(end - first);
        std::vector<std::pair<std::size_t, std::string>> errors(end - first, {SIZE_MAX, ""});
        for (const std::string& g : gathered) {
          std::size_t pos = 1;
          const std::size_t n = static_cast<std::size_t>(get_u64(g, pos));
          for (std::size_t k = 0; k < n; ++k) {
            const std::size_t item = static_cast<std::size_t>(get_u64(g, pos));
            const std::size_t rep = static_cast<std::size_t>(get_u64(g, pos));
            const bool ok = get_u64(g, pos) == 1;
            if (item < first || item >= end) throw std::runtime_error("batch: a task outside its wave");
            if (ok) {
              for (auto& r : decode_results(g, pos)) fresh[item - first].push_back(std::move(r));
            } else {
              std::string error = get_string(g, pos);
              if (rep < errors[item - first].first) errors[item - first] = {rep, std::move(error)};
            }
          }
        }
        // The previous wave's cells are in place first (or its error is raised).
        if (writing.valid()) writing.get();
        // Written while the next wave computes: cells whole, then batch.json.
        writing = std::async(std::launch::async, [&, first, end, fresh = std::move(fresh),
                                                  errors = std::move(errors)]() mutable {
          // Write the wave's cells, on this rank's threads; errors rethrown in cell order.
          std::vector<std::exception_ptr> write_errors(end - first);
          (void)engine::run_replications(end - first, wanted, [&](std::size_t w) {
            const PlanItem& p = plan[first + w];
            CellRun& c = result.cells[p.cell];
            if (errors[w].first != SIZE_MAX) {
              c.state = "failed";
              c.error = errors[w].second;
              c.ran_now = true;
              return 0;
            }
            try {
              const send::Scenario& sc = scenarios[p.cell];
              std::vector<send::ReplicationResult> all;
              if (p.from > 0) all = read_cell_results(cell_file(dir, c));
              for (auto& r : fresh[w]) all.push_back(std::move(r));
              std::sort(all.begin(), all.end(),
                        [](const auto& x, const auto& y) { return x.replication < y.replication; });
              all.erase(std::remove_if(all.begin(), all.end(),
                                       [&](const auto& r) { return r.replication >= p.to; }),
                        all.end());
              // The replications first (what --expand builds on), then the folder.
              std::string bytes = std::string(kCellFileMagic) + "\n" + c.inputs_sha256 + "\n" +
                                  std::to_string(all.size()) + "\n";
              encode_results(bytes, all);
              run::RunOutput out;
              out.scenario_name = sc.name;
              out.replications = all.size();
              out.seed = sc.run.seed;
              out.threads = 0;  // a cell's timing.json: zeros (the batch's timing.json has the times)
              for (const auto& r : all) {
                out.events += r.events;
                out.child_years += r.child_years;
              }
              const std::vector<run::AggregatedTable> tables = run::aggregate(all);
              out.results = std::move(all);
              output::ResultsContext context;
              context.scenario = &sc;
              context.effective_yaml = scenario::effective_yaml(sc);
              context.version = options.version;
              write_file_atomically(cell_file(dir, c), bytes);
              output::write_results(dir / c.folder, out, tables, context);
              c.state = "done";
              c.error.clear();
              c.replications = out.replications;
              c.ran_now = true;
            } catch (...) {
              write_errors[w] = std::current_exception();
            }
            return 0;
          });
          for (auto& e : write_errors) {
            if (e) std::rethrow_exception(e);
          }
          for (std::size_t i = first; i < end; ++i) {
            const CellRun& c = result.cells[plan[i].cell];
            ++cells_written;
            tasks_done += plan[i].to - plan[i].from;
            if (c.state == "failed") {
              ++result.failed;
              log("batch: cell " + c.folder + " failed: " + c.error);
            } else {
              log("batch: cell " + std::to_string(cells_written) + " of " + std::to_string(plan.size()) +
                  " done (" + c.folder + "), " + std::to_string(tasks_done) + " of " +
                  std::to_string(total_tasks) + " tasks");
            }
          }
          write_file_atomically(dir / "batch.json", batch_json(sweep, options.set, result, options.version));
        });
      }
    } catch (...) {
      (void)comm.broadcast(fail_message(std::current_exception()));
      throw;
    }
    (void)comm.broadcast(decision);
    if (decision == "S") throw engine::Interrupted(stop_reason());
  }
  if (writing.valid()) writing.get();
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace sendsim::batch
