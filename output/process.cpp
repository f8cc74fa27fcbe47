// output/process.cpp: fork + execv with a working folder and a log file.
#include "output/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "engine/replication.hpp"

namespace sendsim::output {

namespace fs = std::filesystem;

namespace {

std::atomic<const std::atomic<int>*> g_interrupt{nullptr};  // NOLINT: one per process, like signals

}  // namespace

void set_interrupt_flag(const std::atomic<int>* flag) noexcept { g_interrupt.store(flag); }

std::optional<fs::path> find_executable(std::string_view name) {
  if (name.empty() || name.find('/') != std::string_view::npos) return std::nullopt;
  const char* env = std::getenv("PATH");
  const std::string path = env != nullptr ? env : "/usr/local/bin:/usr/bin:/bin";
  std::size_t begin = 0;
  while (begin <= path.size()) {
    std::size_t end = path.find(':', begin);
    if (end == std::string::npos) end = path.size();
    const std::string folder = path.substr(begin, end - begin);
    const fs::path candidate = fs::path(folder.empty() ? "." : folder) / std::string(name);
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    begin = end + 1;
  }
  return std::nullopt;
}

int run_program(const fs::path& program, const std::vector<std::string>& args, const fs::path& working_dir,
                const fs::path& log_file) {
  // Everything the child needs is prepared before fork: after it, only
  // async-signal-safe calls.
  std::vector<std::string> storage;
  storage.reserve(args.size() + 1);
  storage.push_back(program.string());
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  argv.reserve(storage.size() + 1);
  for (auto& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);
  const std::string dir = working_dir.string();
  const std::string log = log_file.string();
  const std::string exe = program.string();

  const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0) throw std::runtime_error("cannot open " + log + ": " + std::strerror(errno));
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (null_fd < 0) {
    ::close(log_fd);
    throw std::runtime_error(std::string("cannot open /dev/null: ") + std::strerror(errno));
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    const int err = errno;
    ::close(log_fd);
    ::close(null_fd);
    throw std::runtime_error("cannot start " + exe + ": " + std::strerror(err));
  }
  if (pid == 0) {
    if (::chdir(dir.c_str()) != 0 || ::dup2(null_fd, STDIN_FILENO) < 0 || ::dup2(log_fd, STDOUT_FILENO) < 0 ||
        ::dup2(log_fd, STDERR_FILENO) < 0) {
      ::_exit(127);
    }
    ::execv(exe.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(log_fd);
  ::close(null_fd);
  int status = 0;
  const std::atomic<int>* stop = g_interrupt.load();
  if (stop == nullptr) {
    while (::waitpid(pid, &status, 0) < 0) {
      if (errno != EINTR) throw std::runtime_error("waiting for " + exe + ": " + std::strerror(errno));
    }
  } else {
    // Polled, so that a signal to sendsim ends the child too.
    int waited_ms = -1;  // since SIGTERM was sent; -1: not sent
    for (;;) {
      const pid_t done = ::waitpid(pid, &status, WNOHANG);
      if (done == pid) break;
      if (done < 0 && errno != EINTR)
        throw std::runtime_error("waiting for " + exe + ": " + std::strerror(errno));
      if (stop->load() != 0) {
        if (waited_ms < 0) {
          ::kill(pid, SIGTERM);
          waited_ms = 0;
        } else if (waited_ms >= 1000) {
          ::kill(pid, SIGKILL);
        }
      }
      ::usleep(5000);
      if (waited_ms >= 0) waited_ms += 5;
    }
    if (stop->load() != 0) throw engine::Interrupted(stop->load());
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return 1;
}

}  // namespace sendsim::output
