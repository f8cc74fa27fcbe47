// sim/calibrate/fit.hpp: the fit of an estimate by simulating the years
// before the origin, and the forecast of a fitted model.
//
// Method (models/README.md): fixed-point iteration under common random
// numbers. Each round writes the model file, loads it through the strict
// loader (so that what is fitted is exactly what is written), simulates
// September Y-3 to March Y with the same seed, and moves each free parameter
// by the ratio of published to simulated for the series it drives most:
//   initial plans        <- plans, January Y
//   request rates        <- requests, calendar year Y-1
//   conversion           <- new plans, Y-1 (given the requests)
//   ceasing              <- the growth of plans from January Y-1 to Y, as the
//                           estimate pools it with England's (growth_target)
//   assessment work time <- share issued within 20 weeks, Y-1 (a secant step)
//   identification       <- SEN support held at its estimate
//   placement weights    <- the shares by provision type, January Y
// for a fixed number of rounds; the second half runs twice the replications
// and the parameters it tried are averaged (Polyak averaging: the targets are
// simulated, so noisy). The uncertain parameters sit at their central values
// while fitting.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "calibrate/estimate.hpp"
#include "calibrate/series.hpp"
#include "send/results.hpp"

namespace sendsim::calibrate {

struct FitOptions {
  std::size_t replications = 4;  // per round, under common random numbers
  int rounds = 6;
  std::size_t final_replications = 20;  // for the fit table
  int align_rounds = 3;  // secant steps aligning the request trend to the forecast growth (0: none);
                         // each runs 4 x `replications` with the uncertainty drawn (antithetic pairs)
  std::uint64_t seed = 20240101;
  unsigned threads = 0;           // 0: all cores (results do not depend on it)
  std::filesystem::path scratch;  // folder for the round's model file (made if missing)
  /// When set and non-zero, the simulations stop within a second and
  /// engine::Interrupted is thrown (engine/replication.hpp); may be null.
  const std::atomic<int>* stop = nullptr;
};

/// One row of the fit table.
struct FitRow {
  std::string series;
  int year = 0;
  double published = 0;
  double mean = 0;
  double lo = 0;  // 2.5th percentile over replications
  double hi = 0;  // 97.5th
};

struct FitResult {
  std::vector<FitRow> rows;
  int rounds = 0;             // rounds run
  bool converged = false;     // the last round's targets within 3% (20-week share: 3 points)
  double aligned_growth = 0;  // the model's mean log growth of plans over kAlignYears after alignment
  double seconds = 0;
};

/// How much of England's two-year drift in a type's share the new plans
/// carry on: new plans are about a sixth of the stock a year, so flows tilted
/// by 1 + x move a type's share of the stock by about 2x/6 = x/3 in two
/// years, and a tilt of 1 + 3 (d - 1) would carry a drift d on in full; 1.5
/// carries on half of it. Chosen on 40 LAs (every fourth code) of the
/// backtest, where the full drift overshot: state special fell and
/// independent special rose faster than they did (models/README.md,
/// "The drift in shares").
inline constexpr double kTiltGain = 1.5;

/// The new plans' tilt for a placement type whose share of England's plans
/// moved by the factor `drift` from January Y-2 to Y: 1 + kTiltGain (drift -
/// 1), within 0.5-2; 1 when the drift is not published (drift <= 0).
double flow_tilt(double drift);

/// Fits `e`'s free parameters in place and returns the fit table.
FitResult fit(Estimate& e, const FitOptions& options);

/// The fit table as aligned text (one header line, one line per row).
[[nodiscard]] std::string fit_table_text(const FitResult& r);

/// Runs the model file `model_file` from its start to 31 August `end_year`
/// with `replications` replications (uncertain parameters drawn).
[[nodiscard]] std::vector<send::ReplicationResult> simulate(const std::filesystem::path& model_file,
                                                            int end_year, std::size_t replications,
                                                            std::uint64_t seed, unsigned threads,
                                                            const std::atomic<int>* stop = nullptr);

}  // namespace sendsim::calibrate

namespace sendsim::calibrate {

/// A calibrated model: the estimate with its fitted parameters, the fit
/// table and the model file's text (the fit table in its closing comments).
struct Calibrated {
  Estimate estimate;
  FitResult fit;
  std::string yaml;
};

/// Estimates and fits the model of LA `code` at `origin` (the last January
/// census it may see), with the planner's schools when `establishments` is
/// not null. Throws data::DataError when the data cannot support it.
[[nodiscard]] Calibrated calibrate_la(const data::PublishedData& published, std::string_view code, int origin,
                                      const FitOptions& options,
                                      const data::Establishments* establishments = nullptr);

/// The latest January census year with the plans of `area` published.
[[nodiscard]] int latest_census(const data::AreaData& area);

}  // namespace sendsim::calibrate
