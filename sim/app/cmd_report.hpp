// sim/app/cmd_report.hpp: the report step of `sendsim compare` and `sendsim
// report` on a comparison folder (cmd_report.cpp). write_report(), the same
// step for one results folder, is declared in cli.hpp.
#pragma once

#include <filesystem>

namespace sendsim::app {

/// Draws each scenario's charts and report (DIR/<scenario>/report.html, base
/// first), then the comparison's (DIR/charts/, DIR/report.html), printing
/// their paths unless `quiet`; the comparison report's path is the last line
/// printed. Returns that path. Throws output::ChartsError when gnuplot is
/// missing or fails (each report is replaced whole or not at all; with
/// gnuplot missing nothing changes), std::runtime_error when `dir` is not a
/// comparison folder.
std::filesystem::path write_comparison_report(const std::filesystem::path& dir, bool quiet);

}  // namespace sendsim::app
