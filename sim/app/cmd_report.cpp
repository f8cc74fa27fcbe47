// sim/app/cmd_report.cpp: `sendsim report DIR` (charts and the HTML report
// drawn again from a results folder or a comparison folder, no re-run), and
// the same step at the end of `sendsim run` and `sendsim compare`.
#include "app/cmd_report.hpp"

#include <cstdio>

#include "app/cli.hpp"
#include "app/interrupt.hpp"
#include "output/compare_report.hpp"
#include "output/report.hpp"

namespace sendsim::app {

fs::path write_report(const fs::path& dir, bool quiet) {
  output::ReportFiles files;
  try {
    files = output::render_report(dir);
  } catch (const output::ChartsError& e) {
    throw output::ChartsError(std::string(e.what()) + "\nthe results folder " + dir.string() +
                              " is complete without them; draw them later with: sendsim report " +
                              dir.string());
  }
  if (!quiet) {
    std::printf("charts: %s (%zu charts, PNG and SVG)\n", files.charts.string().c_str(),
                files.rendered.size());
    std::printf("report: %s\n", files.html.string().c_str());
    std::fflush(stdout);
  }
  return files.html;
}

fs::path write_comparison_report(const fs::path& dir, bool quiet) {
  std::vector<fs::path> scenario_reports;
  output::ReportFiles files;
  try {
    for (const fs::path& folder : output::comparison_scenario_folders(dir)) {
      scenario_reports.push_back(output::render_report(folder).html);
    }
    files = output::render_compare_report(dir);
  } catch (const output::ChartsError& e) {
    throw output::ChartsError(std::string(e.what()) + "\nthe comparison folder " + dir.string() +
                              " is complete without them; draw them later with: sendsim report " +
                              dir.string());
  }
  if (!quiet) {
    for (const fs::path& html : scenario_reports) std::printf("scenario report: %s\n", html.string().c_str());
    std::printf("charts: %s (%zu charts, PNG and SVG)\n", files.charts.string().c_str(),
                files.rendered.size());
    std::printf("report: %s\n", files.html.string().c_str());
    std::fflush(stdout);
  }
  return files.html;
}

int command_report(const std::vector<std::string_view>& args) {
  const InterruptGuard interrupts;
  std::vector<std::string> dirs;
  bool quiet = false;
  Command c("report",
            "Draws the charts (DIR/charts/) and the HTML report (DIR/report.html) again from a results\n"
            "folder, or a comparison folder and its scenarios' folders, without re-running; needs gnuplot.");
  c.positionals("DIR", dirs, 1, "results folder");
  c.flag("--quiet", quiet, "print nothing but errors");
  if (!c.parse(args)) return 0;
  if (dirs.empty()) throw c.missing("results folder");
  const std::optional<fs::path> dir = fs::path(dirs.front());
  if (!fs::is_directory(*dir) || !fs::is_regular_file(*dir / "summary.json")) {
    throw UsageError("report: " + dir->string() + " is not a results folder (no summary.json in it)");
  }
  // A comparison folder: each scenario's report and the comparison's. An
  // interrupted report leaves the previous one as it was.
  const std::string kept = "the report in " + dir->string() + " is as it was";
  try {
    if (output::is_comparison_folder(*dir)) {
      write_comparison_report(*dir, quiet);
    } else {
      write_report(*dir, quiet);
    }
  } catch (const engine::Interrupted& e) {
    return report_interrupted(e.reason(), kept);
  } catch (...) {
    if (interrupts.signal() != 0) return report_interrupted(interrupts.signal(), kept);
    throw;
  }
  if (interrupts.signal() != 0) {
    return report_interrupted(interrupts.signal(), "the new report in " + dir->string() + " is complete");
  }
  return 0;
}

}  // namespace sendsim::app
