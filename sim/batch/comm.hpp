// sim/batch/comm.hpp: how the processes of a batch talk: one process alone
// (threads only), or the ranks of an Open MPI job (comm_mpi.cpp). Rank 0
// plans and writes the batch's own files; every rank computes and writes
// its share of the cells, and tells rank 0 about each as it is done.
#pragma once

#include <memory>
#include <optional>
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
  /// A rank other than 0: sends `bytes` to rank 0 (not waiting for it to be
  /// received), where poll() returns them.
  virtual void send_to_root(const std::string& bytes) = 0;
  /// Rank 0: a message some rank sent with send_to_root that has arrived,
  /// or none (never waits). Messages from one rank arrive in sending order.
  virtual std::optional<std::string> poll() = 0;
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
