// sim/batch/comm_mpi.cpp: Comm over Open MPI (MPI_COMM_WORLD).
#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "batch/comm.hpp"

namespace sendsim::batch {

namespace {

class SingleProcess final : public Comm {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  std::string broadcast(const std::string& bytes) override { return bytes; }
  std::vector<std::string> gather(const std::string& bytes) override { return {bytes}; }
  void send_to_root(const std::string&) override { throw std::logic_error("send_to_root on rank 0"); }
  std::optional<std::string> poll() override { return std::nullopt; }
};

void check(int code, const char* what) {
  if (code != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: ") + what + " failed");
}

constexpr int kToRoot = 1;  // the tag of send_to_root's messages

/// Completes a non-blocking operation, sleeping (0.2 ms) between tests.
void wait_patiently(MPI_Request& request) {
  for (;;) {
    int done = 0;
    check(MPI_Test(&request, &done, MPI_STATUS_IGNORE), "MPI_Test");
    if (done != 0) return;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

class MpiWorld final : public Comm {
 public:
  MpiWorld(int* argc, char*** argv) {
    int provided = 0;
    check(MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided), "MPI_Init_thread");
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiWorld() override { MPI_Finalize(); }
  int rank() const override { return rank_; }
  int size() const override { return size_; }

  // Waits by testing a non-blocking broadcast and sleeping in between: a
  // rank waiting for rank 0 (which may be writing the sweep's tables) then
  // leaves its core to the ranks still working, where MPI_Bcast would spin.
  std::string broadcast(const std::string& bytes) override {
    long long n = rank_ == 0 ? static_cast<long long>(bytes.size()) : 0;
    MPI_Request request;
    check(MPI_Ibcast(&n, 1, MPI_LONG_LONG, 0, MPI_COMM_WORLD, &request), "MPI_Ibcast");
    wait_patiently(request);
    if (n > INT32_MAX) throw std::runtime_error("MPI: a message over 2 GB");
    std::string out = rank_ == 0 ? bytes : std::string(static_cast<std::size_t>(n), '\0');
    if (n > 0) {
      check(MPI_Ibcast(out.data(), static_cast<int>(n), MPI_CHAR, 0, MPI_COMM_WORLD, &request), "MPI_Ibcast");
      wait_patiently(request);
    }
    return out;
  }

  void send_to_root(const std::string& bytes) override {
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
      throw std::runtime_error("MPI: a message over 2 GB");
    check(MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_CHAR, 0, kToRoot, MPI_COMM_WORLD),
          "MPI_Send");
  }

  std::optional<std::string> poll() override {
    int flag = 0;
    MPI_Status status;
    check(MPI_Iprobe(MPI_ANY_SOURCE, kToRoot, MPI_COMM_WORLD, &flag, &status), "MPI_Iprobe");
    if (flag == 0) return std::nullopt;
    int n = 0;
    check(MPI_Get_count(&status, MPI_CHAR, &n), "MPI_Get_count");
    std::string out(static_cast<std::size_t>(n), '\0');
    check(MPI_Recv(out.data(), n, MPI_CHAR, status.MPI_SOURCE, kToRoot, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
          "MPI_Recv");
    return out;
  }

  std::vector<std::string> gather(const std::string& bytes) override {
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
      throw std::runtime_error("MPI: a message over 2 GB");
    int n = static_cast<int>(bytes.size());
    std::vector<int> sizes(rank_ == 0 ? static_cast<std::size_t>(size_) : 0);
    check(MPI_Gather(&n, 1, MPI_INT, sizes.data(), 1, MPI_INT, 0, MPI_COMM_WORLD), "MPI_Gather");
    std::vector<int> offsets(sizes.size());
    std::string all;
    if (rank_ == 0) {
      long long total = 0;
      for (std::size_t i = 0; i < sizes.size(); ++i) {
        offsets[i] = static_cast<int>(total);
        total += sizes[i];
      }
      if (total > INT32_MAX) throw std::runtime_error("MPI: a gathered message over 2 GB");
      all.resize(static_cast<std::size_t>(total));
    }
    check(MPI_Gatherv(bytes.data(), n, MPI_CHAR, all.data(), sizes.data(), offsets.data(), MPI_CHAR, 0,
                      MPI_COMM_WORLD),
          "MPI_Gatherv");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < sizes.size(); ++i) {
      out.push_back(all.substr(static_cast<std::size_t>(offsets[i]), static_cast<std::size_t>(sizes[i])));
    }
    return out;
  }

 private:
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace

std::unique_ptr<Comm> single_process() { return std::make_unique<SingleProcess>(); }

bool launched_by_mpirun() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMIX_RANK") != nullptr ||
         std::getenv("PMI_RANK") != nullptr;
}

unsigned default_threads_per_rank() {
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  if (!launched_by_mpirun()) return cores;
  const char* local = std::getenv("OMPI_COMM_WORLD_LOCAL_SIZE");
  const long ranks = local != nullptr ? std::strtol(local, nullptr, 10) : 1;
  return std::max(1U, cores / static_cast<unsigned>(std::max(1L, ranks)));
}

std::unique_ptr<Comm> mpi_world(int* argc, char*** argv) { return std::make_unique<MpiWorld>(argc, argv); }

}  // namespace sendsim::batch
