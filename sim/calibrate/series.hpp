// sim/calibrate/series.hpp: the series a calibration fits and a backtest
// scores, read the same way from the published files and from a simulated
// replication, so that the two are compared like for like.
//
// Placement series (January census):
//   mainstream           published: mainstream schools with their SEN units and resourced provision,
//                        AP, early years and other arrangements; simulated: every plan holder not in
//                        the three groups below (the model does not separate AP and other arrangements);
//   state_special        published: LA-maintained special schools, special academies and free schools;
//                        simulated: special schools, in and out of the area, to age 19 (special
//                        provision at 20-25 counts in plans only);
//   independent_special  published: independent and non-maintained special schools and specialist
//                        post-16 institutions; simulated: INMSS;
//   further_education    published: FE and sixth-form colleges; simulated: mainstream at 16 and over.
// Flows (calendar year): requests, new_plans, within_20_weeks (percent of plans issued).
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "data/published.hpp"
#include "send/results.hpp"

namespace sendsim::calibrate {

enum class Series : std::uint8_t {
  kPlans,
  kMainstream,
  kStateSpecial,
  kIndependentSpecial,
  kFurtherEducation,
  kRequests,
  kNewPlans,
  kWithin20Weeks,
};
inline constexpr int kSeriesCount = 8;
inline constexpr std::array<std::string_view, kSeriesCount> kSeriesCodes = {
    "plans",    "mainstream", "state_special",  "independent_special", "further_education",
    "requests", "new_plans",  "within_20_weeks"};

/// A stock at the January census (true) or a calendar-year flow.
[[nodiscard]] constexpr bool is_stock(Series s) noexcept { return static_cast<int>(s) <= 4; }

/// A percentage (the 20-week share) rather than a count.
[[nodiscard]] constexpr bool is_percent(Series s) noexcept { return s == Series::kWithin20Weeks; }

/// The published value of `s` in `year`; nullopt when it (or a part of it) is missing.
[[nodiscard]] std::optional<double> published(const data::AreaData& area, Series s, int year);

/// The simulated value of `s` in `year` in one replication; nullopt when the
/// year is outside the run (or, for a flow, only partly inside it).
[[nodiscard]] std::optional<double> simulated(const send::ReplicationResult& r, Series s, int year);

/// Plans at the January census of `year` by the model's four provision types
/// (mainstream with FE and the rest, enhanced, special, inmss); zeros when absent.
[[nodiscard]] std::array<double, 4> simulated_types(const send::ReplicationResult& r, int year);

/// SEN support (without those in the statutory pipeline) at the January census of `year`.
[[nodiscard]] double simulated_sen_support(const send::ReplicationResult& r, int year);

}  // namespace sendsim::calibrate
