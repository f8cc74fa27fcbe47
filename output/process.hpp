// output/process.hpp: starting a helper program (gnuplot) safely.
//
// The program is started with an argument vector (fork + execv), never
// through a shell, so no user text is ever parsed as a command. The child
// runs in `working_dir` with standard input from /dev/null and standard
// output and error appended to `log_file`.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sendsim::output {

/// The first executable file called `name` in the folders of $PATH (or
/// /usr/local/bin:/usr/bin:/bin when PATH is unset); nullopt when none.
[[nodiscard]] std::optional<std::filesystem::path> find_executable(std::string_view name);

/// Runs `program` with `args` (argv[1..]) in `working_dir`, waits for it, and
/// returns its exit status (128 + signal number when a signal ended it).
/// Throws std::runtime_error when the program cannot be started. While the
/// interrupt flag (set_interrupt_flag) is non-zero, or once it becomes so,
/// the program is ended (SIGTERM, then SIGKILL after a second) and
/// engine::Interrupted is thrown: a signal to sendsim while gnuplot draws
/// is honoured within about 20 ms, and a gnuplot killed by the same Ctrl-C
/// is not mistaken for a failure.
int run_program(const std::filesystem::path& program, const std::vector<std::string>& args,
                const std::filesystem::path& working_dir, const std::filesystem::path& log_file);

/// The flag run_program obeys (app/interrupt.hpp sets it to the signal flag
/// for its lifetime); null for none. One flag for the process, as signals are.
void set_interrupt_flag(const std::atomic<int>* flag) noexcept;

}  // namespace sendsim::output
