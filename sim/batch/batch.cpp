// sim/batch/batch.cpp: planning, running and reducing a batch.
#include "batch/batch.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "batch/batch_file.hpp"
#include "batch/codec.hpp"
#include "batch/messages.hpp"
#include "batch/tables.hpp"
#include "engine/replication.hpp"
#include "engine/rng.hpp"
#include "output/manifest.hpp"
#include "output/results_fold.hpp"
#include "output/results_writer.hpp"
#include "run/aggregate.hpp"
#include "scenario/loader.hpp"
#include "send/world.hpp"

namespace sendsim::batch {

namespace fs = std::filesystem;

namespace {

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

/// A cell this rank runs: its new replications as they finish.
struct OwnCell {
  std::size_t item = 0;                          // in the plan
  std::vector<send::ReplicationResult> results;  // replication from + k at k
  std::vector<std::string> errors;               // a failed replication's message at its k
  std::atomic<std::size_t> remaining{0};         // replications not yet finished
  // The cell's tables folded as its replications finish, on the threads that
  // ran them; none when earlier replications come from the replications
  // file (--expand), which are aggregated with the new ones when written.
  std::unique_ptr<run::OrderedFold> fold;
  // With `fold`: what the cell's folder derives from its replications
  // (output/results_fold.hpp), folded there too, so that writing the cell
  // is left only the writing.
  std::unique_ptr<output::ResultsFold> derived;
  // With `fold`, also as the replications are folded: the replications
  // file's bytes after its header (codec.hpp), and the metric tables.
  std::string encoded;
  std::vector<send::ReplicationResult> metric_rows;
};

/// Writes a cell whose replications are all in `oc`: the results folder
/// first, whole or not at all, then the replications file (what --resume
/// and --expand trust only beside a folder), so a process killed between
/// the two leaves the cell to be computed again, never a replications file
/// newer than its folder. Returns the cell's metric tables (tables.hpp),
/// encoded, for sweep.csv. Throws what writing throws.
std::string write_cell_outputs(const fs::path& dir, const PlanItem& p, const send::Scenario& sc, OwnCell& oc,
                               const BatchOptions& options, bool workbook_thread) {
  const std::string& version = options.version;
  const fs::path bin = dir / "replications" / (fs::path(p.folder).filename().string() + ".bin");
  // The fold first: another thread may still be folding the cell's last
  // replications out of oc.results, which are moved below.
  std::optional<std::vector<run::AggregatedTable>> folded;
  if (oc.fold) folded = oc.fold->finish();
  std::vector<send::ReplicationResult> all;
  if (p.from > 0) all = read_cell_results(bin);
  all.erase(std::remove_if(all.begin(), all.end(), [&](const auto& r) { return r.replication >= p.from; }),
            all.end());
  for (auto& r : oc.results) all.push_back(std::move(r));
  std::sort(all.begin(), all.end(),
            [](const auto& x, const auto& y) { return x.replication < y.replication; });
  std::string bytes =
      std::string(kCellFileMagic) + "\n" + p.inputs_sha256 + "\n" + std::to_string(all.size()) + "\n";
  if (oc.derived) {
    bytes += oc.encoded;  // encoded as they were folded: the same bytes as encode_results(all)
  } else {
    encode_results(bytes, all);
  }
  run::RunOutput out;
  out.scenario_name = sc.name;
  out.replications = all.size();
  out.seed = sc.run.seed;
  out.threads = 0;  // a cell's timing.json: zeros (the batch's timing.json has the times)
  for (const auto& r : all) {
    out.events += r.events;
    out.child_years += r.child_years;
  }
  const std::vector<run::AggregatedTable> tables = folded ? std::move(*folded) : run::aggregate(all);
  out.results = std::move(all);
  output::ResultsContext context;
  context.scenario = &sc;
  context.effective_yaml = scenario::effective_yaml(sc);
  context.version = version;
  context.interrupt = options.stop;  // stopped: the folder is not written, the cell stays pending
  context.per_replication = options.per_replication;
  context.workbook_thread = workbook_thread;
  context.folded = oc.derived.get();  // null when earlier replications came from the file
  output::write_results(dir / p.folder, out, tables, context);
  write_file_atomically(bin, bytes);
  std::string metrics;
  encode_results(metrics, oc.derived ? oc.metric_rows : run::metric_results(out.results, batch_metrics()));
  return metrics;
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
        if (have < replications) plan.push_back({i, have, replications, c.folder, c.inputs_sha256});
        result.cells.push_back(std::move(c));
      }
      fs::create_directories(dir / "replications");
      fs::create_directories(dir / "cells");
      // A batch folder is one batch's: what a killed process was writing goes.
      remove_stale_temporaries(dir);
      remove_stale_temporaries(dir / "replications");
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
      p.folder = get_string(plan_message, pos);
      p.inputs_sha256 = get_string(plan_message, pos);
    }
  }

  std::size_t total_tasks = 0;
  for (const PlanItem& p : plan) total_tasks += p.to - p.from;
  log("batch " + sweep.name + ": " + std::to_string(sweep.cells.size()) + " cells, " +
      std::to_string(plan.size()) + " to run (" + std::to_string(total_tasks) + " tasks) on " +
      std::to_string(ranks) + " rank" + (ranks == 1 ? "" : "s") + " x " + std::to_string(wanted) + " thread" +
      (wanted == 1 ? "" : "s"));

  // Each rank runs the cells it owns (plan item i is rank i % ranks's) on
  // its threads and writes each one as its last replication finishes, on
  // the thread that finished it, so writing overlaps the other cells'
  // simulation and no rank waits for another until the end.
  for (const PlanItem& p : plan) {
    send::Scenario& sc = scenarios[p.cell];
    sc.run.seed = cell_seed(sweep, result.seed, p.cell);
    sc.run.threads = 0;
    sc.run.replications = static_cast<int>(result.replications);
  }
  std::vector<std::unique_ptr<OwnCell>> own;
  std::vector<std::pair<std::size_t, std::size_t>> tasks;  // (own cell, replication)
  for (std::size_t i = 0; i < plan.size(); ++i) {
    if (i % static_cast<std::size_t>(ranks) != static_cast<std::size_t>(rank)) continue;
    auto c = std::make_unique<OwnCell>();
    c->item = i;
    c->results.resize(plan[i].to - plan[i].from);
    c->errors.resize(plan[i].to - plan[i].from);
    c->remaining = plan[i].to - plan[i].from;
    if (plan[i].from == 0) {
      // Everything the cell's files need from a replication is taken as it
      // is folded; its tables are then let go unless per_replication.csv is
      // asked for, so a cell's replications are not all held at once.
      c->derived = std::make_unique<output::ResultsFold>(scenarios[plan[i].cell], plan[i].to);
      put_u64(c->encoded, plan[i].to);
      c->fold = std::make_unique<run::OrderedFold>(
          c->results, [cell = c.get(), keep = options.per_replication](send::ReplicationResult& r) {
            cell->derived->add(r);
            encode_result(cell->encoded, r);
            cell->metric_rows.push_back(run::metric_result(r, batch_metrics()));
            if (!keep) std::vector<send::Table>().swap(r.tables);
          });
    }
    for (std::size_t r = plan[i].from; r < plan[i].to; ++r) tasks.emplace_back(own.size(), r);
    own.push_back(std::move(c));
  }

  std::mutex mutex;
  std::condition_variable changed;
  std::vector<CellStatus> finished;  // written (or failed), not yet reported
  std::size_t threads_running = 0;
  bool interrupted = false;
  std::atomic<std::size_t> next_task{0};
  std::atomic<std::size_t> tasks_run{0};
  std::atomic<bool> write_interrupted{false};  // a cell's write was stopped
  std::atomic<bool> abort{false};              // rank 0 could not record progress: start nothing new

  const unsigned pool_size =
      static_cast<unsigned>(std::min<std::size_t>(wanted, std::max<std::size_t>(tasks.size(), 1)));
  // A cell is written by the thread that finished its last replication,
  // the workbook on a second thread only when no task is left to take (the
  // batch's tail, when the other threads fall idle) and there are other
  // threads: `--threads N` keeps N threads busy, and `--threads 1` is one.
  auto write_cell = [&](OwnCell& oc, bool tail) {
    const PlanItem& p = plan[oc.item];
    CellStatus status;
    status.item = oc.item;
    std::size_t first_error = SIZE_MAX;
    for (std::size_t k = 0; k < oc.errors.size(); ++k) {
      if (!oc.errors[k].empty() && first_error == SIZE_MAX) first_error = k;
    }
    if (first_error != SIZE_MAX) {
      status.error = std::move(oc.errors[first_error]);
    } else {
      try {
        status.metrics = write_cell_outputs(dir, p, scenarios[p.cell], oc, options, tail);
        status.done = true;
        status.replications = p.to;
      } catch (const engine::Interrupted&) {
        write_interrupted = true;
        return;  // not written: pending, for --resume
      } catch (const std::exception& e) {
        status.error = e.what();
      } catch (...) {
        status.error = "writing " + p.folder + " failed";
      }
    }
    if (!status.done && oc.fold) {
      // A failed cell: let any fold still under way end before its results go.
      try {
        (void)oc.fold->finish();
      } catch (...) {
      }
    }
    oc.results.clear();
    oc.results.shrink_to_fit();
    oc.encoded = {};
    oc.metric_rows = {};
    oc.derived.reset();
    const std::lock_guard lock(mutex);
    finished.push_back(std::move(status));
    changed.notify_all();
  };

  auto worker = [&] {
    for (;;) {
      if (abort.load() || (options.stop != nullptr && options.stop->load() != 0)) break;
      const std::size_t t = next_task.fetch_add(1);
      if (t >= tasks.size()) break;
      OwnCell& oc = *own[tasks[t].first];
      const std::size_t rep = tasks[t].second;
      const send::Scenario& sc = scenarios[plan[oc.item].cell];
      const std::size_t slot = rep - plan[oc.item].from;
      try {
        oc.results[slot] = send::simulate_replication(sc, sc.run.seed, rep, options.stop);
      } catch (const engine::Interrupted&) {
        break;
      } catch (const std::exception& e) {
        oc.errors[slot] = "replication " + std::to_string(rep) + ": " + e.what();
      }
      if (oc.fold) oc.fold->finished(slot);  // a failed replication fails the cell: its tables go unused
      tasks_run.fetch_add(1);
      if (oc.remaining.fetch_sub(1) == 1) write_cell(oc, pool_size > 1 && next_task.load() >= tasks.size());
    }
    const std::lock_guard lock(mutex);
    --threads_running;
    changed.notify_all();
  };

  std::vector<std::thread> pool;
  threads_running = tasks.empty() ? 0 : pool_size;
  if (!tasks.empty()) {
    for (unsigned k = 0; k < pool_size; ++k) pool.emplace_back(worker);
  }
  // However this function is left, the threads are told to stop and joined.
  struct PoolGuard {
    std::atomic<bool>& abort;
    std::vector<std::thread>& pool;
    ~PoolGuard() {
      abort = true;
      for (auto& th : pool) {
        if (th.joinable()) th.join();
      }
    }
  } guard{abort, pool};
  auto join_pool = [&] {
    for (auto& th : pool) th.join();
    pool.clear();
  };

  // The main thread (the only one that calls MPI) reports: a rank's cells
  // to rank 0 as they are done; rank 0 records every rank's in batch.json.
  std::size_t cells_written = 0;
  std::size_t tasks_done = 0;
  std::exception_ptr failure;  // rank 0: recording failed
  auto record = [&](CellStatus s) {
    const PlanItem& p = plan[s.item];
    CellRun& c = result.cells[p.cell];
    c.ran_now = true;
    ++cells_written;
    tasks_done += p.to - p.from;
    if (s.done) {
      c.state = "done";
      c.error.clear();
      c.replications = s.replications;
      c.metric_bytes = std::move(s.metrics);
      log("batch: cell " + std::to_string(cells_written) + " of " + std::to_string(plan.size()) + " done (" +
          c.folder + "), " + std::to_string(tasks_done) + " of " + std::to_string(total_tasks) + " tasks");
    } else {
      c.state = "failed";
      c.error = s.error;
      ++result.failed;
      log("batch: cell " + c.folder + " failed: " + c.error);
    }
    if (failure) return;
    try {
      write_file_atomically(dir / "batch.json", batch_json(sweep, options.set, result, options.version));
    } catch (...) {
      failure = std::current_exception();
      abort = true;
    }
  };

  std::size_t ends = 0;  // rank 0: other ranks finished
  std::size_t peer_tasks = 0;
  bool peer_interrupted = false;
  for (;;) {
    std::vector<CellStatus> batch_of;
    bool local_done = false;
    {
      std::unique_lock lock(mutex);
      if (finished.empty() && threads_running > 0) {
        if (rank == 0 && ranks > 1) {
          changed.wait_for(lock, std::chrono::milliseconds(5));
        } else {
          changed.wait(lock, [&] { return !finished.empty() || threads_running == 0; });
        }
      }
      batch_of.swap(finished);
      local_done = threads_running == 0;
    }
    for (CellStatus& s : batch_of) {
      if (rank == 0) {
        record(std::move(s));
      } else {
        comm.send_to_root(encode_status(s));
      }
    }
    if (rank == 0) {
      while (const std::optional<std::string> m = comm.poll()) {
        if (!m->empty() && (*m)[0] == 'D') {
          record(decode_status(*m));
        } else if (!m->empty() && (*m)[0] == 'E') {
          std::size_t pos = 1;
          peer_tasks += static_cast<std::size_t>(get_u64(*m, pos));
          peer_interrupted = peer_interrupted || get_u64(*m, pos) != 0;
          ++ends;
        }
      }
    }
    if (local_done && (rank != 0 || ends + 1 == static_cast<std::size_t>(ranks))) break;
    if (local_done && rank == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  join_pool();
  // Stopped before every task of this rank had run (a task that failed has run).
  interrupted = options.stop != nullptr && options.stop->load() != 0 &&
                (tasks_run.load() < tasks.size() || write_interrupted.load());
  result.tasks_run = tasks_run.load();
  auto stop_reason = [&] {
    return options.stop != nullptr && options.stop->load() ? options.stop->load() : 15;
  };
  if (rank != 0) {
    std::string end = "E";
    put_u64(end, result.tasks_run);
    put_u64(end, interrupted ? 1 : 0);
    comm.send_to_root(end);
    const std::string decision = comm.broadcast("");
    if (decision == "S") throw engine::Interrupted(stop_reason());
    if (decision != "C") follow_failure(decision);
    return result;
  }
  result.tasks_run += peer_tasks;
  std::string decision = "C";
  if (failure) {
    decision = fail_message(failure);
  } else if (interrupted || peer_interrupted) {
    decision = "S";
  }
  (void)comm.broadcast(decision);
  if (failure) std::rethrow_exception(failure);
  if (decision == "S") throw engine::Interrupted(stop_reason());
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace sendsim::batch
