// sim/appraise/writer.hpp: the appraisal folder (the edge: files out).
//
//   appraisal.csv       one row per portfolio evaluated (baseline first, in
//                       evaluation order): its options, costs, effects
//                       against the baseline, target, frontier and rank;
//   ranking.csv         the same portfolios in rank order (rank, label,
//                       incremental NPC, shortfall, meets_target, chosen);
//   charts/frontier.png, .svg
//                       incremental net present cost against shortfall,
//                       with the efficient frontier (gnuplot, output/charts);
//   report.html         the choice, how sure it is, the ranked table, the
//                       chart (inline SVG) and the method;
//   summary.json        the appraisal's settings and the choice (last);
//   manifest.txt        as every results folder (output/manifest.hpp).
// Written whole with output::write_folder_atomically; the columns are
// documented in output/README.md ("Appraisal folder").
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "appraise/appraise.hpp"
#include "appraise/options.hpp"

namespace sendsim::appraise {

/// Writes the folder; with `charts` false, no charts/ and a report without
/// the chart. Returns the files written, relative to `dir`. Throws
/// output::OutputError when `dir` may not be replaced, output::ChartsError
/// when gnuplot is missing or fails, std::runtime_error on a write error.
std::vector<std::string> write_appraisal(const std::filesystem::path& dir, const AppraisalResult& result,
                                         const OptionsFile& options, const std::string& version, bool charts);

}  // namespace sendsim::appraise
