// sim/batch/comm.hpp: how the processes of a batch talk: one process alone
// (threads only), or the ranks of an Open MPI job (comm_mpi.cpp). Rank 0
// plans, gathers and writes; every rank computes its share of the tasks.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace sendsim::batch {

class Comm {
 public:
  virtual ~Comm() = default;
  [[nodiscard]] virtual int rank() const = 0;
  [[nodiscard]] virtual int size() const = 0;
  /// Rank 0's `bytes`, on every rank.
  virtual std::string broadcast(const std::string& bytes) = 0;
  /// On rank 0, every rank's bytes in rank order; elsewhere empty.
  virtual std::vector<std::string> gather(const std::string& bytes) = 0;
};

/// A single process (threads only).
[[nodiscard]] std::unique_ptr<Comm> single_process();

/// Whether this process was started by mpirun (Open MPI's or a PMIx
/// launcher's environment variables are set).
[[nodiscard]] bool launched_by_mpirun();

/// Threads for each process when none are asked for: every core for a
/// process on its own; under mpirun, the cores shared among the ranks on
/// this machine (OMPI_COMM_WORLD_LOCAL_SIZE), at least one.
[[nodiscard]] unsigned default_threads_per_rank();

/// The ranks of MPI_COMM_WORLD; initialises MPI (threads funnelled: only the
/// main thread calls MPI) and finalises it when destroyed.
[[nodiscard]] std::unique_ptr<Comm> mpi_world(int* argc, char*** argv);

}  // namespace sendsim::batch
