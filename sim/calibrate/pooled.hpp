// sim/calibrate/pooled.hpp: what all local authorities together say about one
// LA's growth of plans beyond England's (a panel regression across LAs).
//
// An LA's own growth of plans is a poor guide to its next years (its series
// is short and noisy); England's last year is the best single guide. What
// adds to it is the LA's requests for assessment relative to its plans: an LA
// receiving more requests per plan than England grows faster than England in
// the following years. How much faster is estimated afresh at each origin Y
// from every LA's last observed year, and nothing later:
//
//   excess(LA, Y)   = log(plans_Y / plans_Y-1) - the same for England
//   pressure(LA, t) = log(requests in calendar t / plans in January t)
//                     - the same for England
//   excess(LA, Y) = intercept + slope x pressure(LA, Y-2) + error   (least squares over LAs)
//
// and the LA's excess in the year after Y is predicted from pressure(LA, Y-1)
// (requests of calendar Y-1 are published with January Y's census). The
// model's growth into the origin is fitted to England's last growth plus that
// excess; the request trend is England's, so the excess fades as the model's
// stock settles (models/README.md, "Growth").
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "data/published.hpp"

namespace sendsim::calibrate {

struct PooledGrowth {
  int origin = 0;
  int las = 0;  // LAs in the regression
  double intercept = 0.0;
  double slope = 0.0;
  std::string note;  // how it was estimated, for the model's comments
};

/// Fewer LAs than this with both series and the regression is not used.
inline constexpr int kPooledMinLas = 20;

/// The regression at `origin` over every LA of `published` (England's series
/// from published.england). Nullopt when fewer than kPooledMinLas LAs have
/// the figures it needs, or England's are missing.
[[nodiscard]] std::optional<PooledGrowth> pooled_growth(const data::PublishedData& published, int origin);

/// The tails of LAs' yearly growth of plans beyond England's: a few LA-years
/// jump (a backlog of plans issued, a cleansing of plans ceased) far beyond
/// the rest, which a normal swing of the flows does not reach. Measured at
/// `origin` over every LA's growths January t-1 to t for the kTailYears
/// years t to origin (nothing later): each LA's excess over England's growth
/// less its own mean excess (at least three years), fitted as two normals
/// of mean zero (maximum likelihood by EM): a core and, with probability
/// jump_probability, a jump.
struct GrowthTails {
  int origin = 0;
  int la_years = 0;
  double core_sd = 0.0;
  double jump_probability = 0.0;
  double jump_sd = 0.0;
  std::string note;
};

inline constexpr int kTailYears = 6;
/// Fewer LA-years than this and the tails are not used.
inline constexpr int kTailMinLaYears = 100;

/// The tails at `origin` (nullopt with fewer than kTailMinLaYears LA-years).
[[nodiscard]] std::optional<GrowthTails> growth_tails(const data::PublishedData& published, int origin);

/// Two normals of mean zero fitted to `residuals` by EM: (core sd, jump
/// probability, jump sd), the probability within 0.01-0.5.
[[nodiscard]] std::array<double, 3> fit_scale_mixture(const std::vector<double>& residuals);

/// pressure(LA, year) as above, or nullopt when a figure is missing or zero.
[[nodiscard]] std::optional<double> request_pressure(const data::AreaData& la, const data::AreaData& england,
                                                     int year);

/// The predicted excess log growth of `la` in the year after `p.origin`
/// (bounded to +-0.1), or nullopt when its pressure at origin-1 is unknown.
[[nodiscard]] std::optional<double> predicted_excess(const PooledGrowth& p, const data::AreaData& la,
                                                     const data::AreaData& england);

}  // namespace sendsim::calibrate
